package eventbus_test

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/eventbus"
)

// TestDeliveryConcurrency holds every delivery for a while: no more than
// the configured number run at once, and all of them run.
func TestDeliveryConcurrency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBus(t, eventbus.Config{}, eventbus.WithDeliveryConcurrency(2))
		var mu sync.Mutex
		running, most, total := 0, 0, 0
		slow := eventbus.Func(func(context.Context, eventbus.Delivery) error {
			mu.Lock()
			running++
			most = max(most, running)
			mu.Unlock()
			time.Sleep(time.Second) // virtual
			mu.Lock()
			running--
			total++
			mu.Unlock()
			return nil
		})
		putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`}, eventbus.Target{ID: "t", Destination: slow})
		for range 7 {
			put(t, b, order(`{}`))
		}
		flush(t, b)
		mu.Lock()
		defer mu.Unlock()
		if most != 2 || total != 7 {
			t.Errorf("at most %d deliveries at once and %d in all, want 2 and 7", most, total)
		}
	})
}
