package eventbus_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/queue"
)

var errDown = errors.New("target down")

// failFirst makes a recorder fail the first n calls.
func failFirst(n int) func(eventbus.Delivery) error {
	var mu sync.Mutex
	return func(eventbus.Delivery) error {
		mu.Lock()
		defer mu.Unlock()
		if n > 0 {
			n--
			return errDown
		}
		return nil
	}
}

func TestRetryUntilDelivered(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBus(t, eventbus.Config{})
		rec := recorder{fail: failFirst(4)}
		putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`},
			eventbus.Target{ID: "t", Destination: rec.dest()})
		began := time.Now()
		put(t, b, order(`{}`))
		flush(t, b)
		got := rec.deliveries()
		if len(got) != 1 || got[0].Attempt != 5 {
			t.Fatalf("deliveries = %+v, want one on attempt 5", got)
		}
		// Backoff doubles from 1 s with jitter in [half, all]: 0.5+1+2+4 ≤ wait ≤ 1+2+4+8.
		if waited := time.Since(began); waited < 7500*time.Millisecond || waited > 15*time.Second {
			t.Errorf("four retries took %v", waited)
		}
		if s := b.Stats(); s.Invocations != 5 || s.FailedInvocations != 4 || s.Retries != 4 || s.Dropped != 0 {
			t.Errorf("stats = %+v", s)
		}
	})
}

func TestDeadLetter(t *testing.T) {
	tests := []struct {
		name      string
		policy    *eventbus.RetryPolicy
		err       error
		code      string
		exhausted string
		retries   string
	}{
		{"attempts exhausted", &eventbus.RetryPolicy{MaximumRetryAttempts: eventbus.Retries(2)}, errDown, "ERROR_FROM_TARGET", "MaximumRetryAttempts", "2"},
		{"no retries", &eventbus.RetryPolicy{MaximumRetryAttempts: eventbus.Retries(0)}, errDown, "ERROR_FROM_TARGET", "MaximumRetryAttempts", "0"},
		{"age exhausted", &eventbus.RetryPolicy{MaximumEventAge: time.Minute}, errDown, "ERROR_FROM_TARGET", "MaximumEventAgeInSeconds", ""},
		{"not retryable", nil, &eventbus.TargetError{Code: "NO_PERMISSIONS", Err: errDown}, "NO_PERMISSIONS", "", "0"},
		{"engine says gone", nil, queue.ErrResourceNotFound, "RESOURCE_NOT_FOUND", "", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				b := newBus(t, eventbus.Config{})
				dlq := newQueue(t, queue.Config[string]{Name: "dlq"})
				rec := recorder{fail: func(eventbus.Delivery) error { return tt.err }}
				arn := putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`},
					eventbus.Target{ID: "t", Destination: rec.dest(), RetryPolicy: tt.policy, DeadLetter: eventbus.DeadLetterTo(dlq)})
				res := put(t, b, order(`{"n":1}`))
				flush(t, b)
				msgs := drain(t, dlq)
				if len(msgs) != 1 {
					t.Fatalf("dead-letter queue holds %d messages, want 1", len(msgs))
				}
				m := msgs[0]
				if body := decode(t, m.Body); body["id"] != res.Entries[0].EventID {
					t.Errorf("dead letter body %s is not the event", m.Body)
				}
				attr := func(name string) string { return m.Attributes[name].StringValue }
				if attr("RULE_ARN") != arn || attr("TARGET_ARN") != "t" || attr("ERROR_CODE") != tt.code ||
					attr("EXHAUSTED_RETRY_CONDITION") != tt.exhausted || attr("ERROR_MESSAGE") == "" {
					t.Errorf("attributes = %+v", m.Attributes)
				}
				if tt.retries != "" && attr("RETRY_ATTEMPTS") != tt.retries {
					t.Errorf("RETRY_ATTEMPTS = %s, want %s", attr("RETRY_ATTEMPTS"), tt.retries)
				}
				if s := b.Stats(); s.InvocationsSentToDLQ != 1 || s.Dropped != 0 {
					t.Errorf("stats = %+v", s)
				}
			})
		})
	}
}

func TestEventAgeBoundsRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBus(t, eventbus.Config{})
		rec := recorder{fail: func(eventbus.Delivery) error { return errDown }}
		putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`},
			eventbus.Target{ID: "t", Destination: rec.dest(), RetryPolicy: &eventbus.RetryPolicy{MaximumEventAge: 10 * time.Minute}})
		began := time.Now()
		put(t, b, order(`{}`))
		flush(t, b)
		if waited := time.Since(began); waited > 10*time.Minute {
			t.Errorf("retried for %v, past the 10-minute age", waited)
		}
		if n := rec.callCount(); n < 5 || n > 20 {
			t.Errorf("%d attempts in 10 minutes", n)
		}
		if s := b.Stats(); s.Dropped != 1 {
			t.Errorf("stats = %+v, want the event dropped", s)
		}
	})
}

// TestNothingLostWhileATargetFails puts events from several goroutines
// while one of two targets fails for a while: the healthy target gets
// every event once and at once, the failing one every event once in the
// end.
func TestNothingLostWhileATargetFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBus(t, eventbus.Config{})
		var healthy recorder
		var mu sync.Mutex
		down := true
		flaky := recorder{fail: func(eventbus.Delivery) error {
			mu.Lock()
			defer mu.Unlock()
			if down {
				return errDown
			}
			return nil
		}}
		putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`},
			eventbus.Target{ID: "healthy", Destination: healthy.dest()}, eventbus.Target{ID: "flaky", Destination: flaky.dest()})
		const producers, each = 4, 50
		var wg sync.WaitGroup
		for p := range producers {
			wg.Go(func() {
				for i := range each {
					put(t, b, order(fmt.Sprintf(`{"p":%d,"i":%d}`, p, i)))
				}
			})
		}
		wg.Wait()
		synctest.Wait()
		if n := len(healthy.inputs()); n != producers*each {
			t.Fatalf("the healthy target has %d events while the other fails, want %d", n, producers*each)
		}
		time.Sleep(time.Minute) // virtual: the flaky target stays down a minute
		mu.Lock()
		down = false
		mu.Unlock()
		flush(t, b)
		for name, r := range map[string]*recorder{"healthy": &healthy, "flaky": &flaky} {
			seen := map[string]int{}
			for _, d := range r.deliveries() {
				seen[d.Event.ID]++
			}
			if len(seen) != producers*each {
				t.Errorf("%s got %d distinct events, want %d", name, len(seen), producers*each)
			}
			for id, n := range seen {
				if n != 1 {
					t.Errorf("%s got event %s %d times", name, id, n)
				}
			}
		}
	})
}

func TestCloseDropsWaitingRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b, err := eventbus.New(eventbus.Config{})
		if err != nil {
			t.Fatal(err)
		}
		rec := recorder{fail: func(eventbus.Delivery) error { return errDown }}
		putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`}, eventbus.Target{ID: "t", Destination: rec.dest()})
		put(t, b, order(`{}`), order(`{}`))
		synctest.Wait()
		if err := b.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if s := b.Stats(); s.Dropped != 2 {
			t.Errorf("stats = %+v, want 2 dropped", s)
		}
		if err := b.Flush(context.Background()); err != nil {
			t.Errorf("Flush after Close: %v", err)
		}
	})
}

func TestCloseCancelsRunningDeliveries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b, err := eventbus.New(eventbus.Config{})
		if err != nil {
			t.Fatal(err)
		}
		blocked := eventbus.Func(func(ctx context.Context, _ eventbus.Delivery) error {
			<-ctx.Done()
			return ctx.Err()
		})
		putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`}, eventbus.Target{ID: "t", Destination: blocked})
		put(t, b, order(`{}`))
		synctest.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := b.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Close = %v, want the deadline", err)
		}
	})
}
