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

// TestSlowDeliveryHoldsBackNoOther blocks one target's delivery: an event
// put afterwards for another target is delivered while it waits.
func TestSlowDeliveryHoldsBackNoOther(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := newBus(t, eventbus.Config{})
		release := make(chan struct{})
		blocked := eventbus.Func(func(context.Context, eventbus.Delivery) error {
			<-release
			return nil
		})
		delivered := make(chan struct{}, 1)
		fast := eventbus.Func(func(context.Context, eventbus.Delivery) error {
			delivered <- struct{}{}
			return nil
		})
		putRule(t, b, eventbus.RuleConfig{Name: "slow", EventPattern: `{"detail-type":["slow"]}`}, eventbus.Target{ID: "t", Destination: blocked})
		putRule(t, b, eventbus.RuleConfig{Name: "fast", EventPattern: `{"detail-type":["fast"]}`}, eventbus.Target{ID: "t", Destination: fast})
		put(t, b, eventbus.Entry{Source: "s", DetailType: "slow", Detail: `{}`})
		synctest.Wait() // the slow delivery is under way and blocked
		put(t, b, eventbus.Entry{Source: "s", DetailType: "fast", Detail: `{}`})
		synctest.Wait()
		select {
		case <-delivered:
		default:
			t.Error("the second event waited for the blocked delivery")
		}
		close(release)
		flush(t, b)
	})
}
