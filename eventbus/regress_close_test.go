package eventbus_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/switchyard/switchyard/eventbus"
)

// Close drops deliveries waiting for a retry, but not deliveries still in
// the queue (beyond the concurrency limit): the workers go on taking them
// after Close has begun and, once ctx has ended, call Send for each with a
// context that is already cancelled. Each such "attempt" fails (for a
// destination honouring ctx) and goes to the dead-letter queue / Dropped as
// an ERROR_FROM_TARGET, although the target was never really tried.
func TestBug_CloseStartsQueuedDeliveriesWithCancelledContext(t *testing.T) {
	b := newBus(t, eventbus.Config{Name: "orders"}, eventbus.WithDeliveryConcurrency(1))
	entered := make(chan struct{}, 10)
	var mu sync.Mutex
	calls, deadOnArrival := 0, 0
	dest := eventbus.Func(func(ctx context.Context, d eventbus.Delivery) error {
		mu.Lock()
		calls++
		if ctx.Err() != nil {
			deadOnArrival++
		}
		mu.Unlock()
		entered <- struct{}{}
		<-ctx.Done() // a slow target that gives up when cancelled
		return ctx.Err()
	})
	if _, err := b.PutRule(eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["s"]}`}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutTargets("r", eventbus.Target{ID: "t", Destination: dest}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := b.PutEvents(eventbus.Entry{Source: "s", DetailType: "d", Detail: `{}`}); err != nil {
			t.Fatal(err)
		}
	}
	<-entered // the first delivery is under way; two wait in the queue

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Close at once: cancel what is under way
	if err := b.Close(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Close = %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if calls != 1 || deadOnArrival != 0 {
		t.Errorf("Send called %d times (%d of them with a context already cancelled) after Close began with one delivery under way; want 1 and 0. Stats: %+v",
			calls, deadOnArrival, b.Stats())
	}
}
