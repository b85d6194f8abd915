package eventbus_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

func closeBus(t testing.TB, b *eventbus.Bus) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.Close(ctx); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// counter is a Func destination counting deliveries.
type counter struct {
	mu  sync.Mutex
	got []eventbus.Delivery
}

func (c *counter) dest() eventbus.Func {
	return func(_ context.Context, d eventbus.Delivery) error {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.got = append(c.got, d)
		return nil
	}
}

func (c *counter) n() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.got)
}

func (c *counter) all() []eventbus.Delivery {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]eventbus.Delivery(nil), c.got...)
}

// hookClock wraps a Manual clock; its hooks let a test hold up a timer's
// callback (as a System clock's timer goroutine may be held up by the
// scheduler) or a call to Now.
type hookClock struct {
	*clock.Manual
	mu         sync.Mutex
	beforeFire func() // called in the timer's goroutine before its f
	onNow      func() // called by Now before reading the clock
}

func (c *hookClock) Now() time.Time {
	c.mu.Lock()
	h := c.onNow
	c.mu.Unlock()
	if h != nil {
		h()
	}
	return c.Manual.Now()
}

func (c *hookClock) AfterFunc(d time.Duration, f func()) clock.Timer {
	return c.Manual.AfterFunc(d, func() {
		c.mu.Lock()
		h := c.beforeFire
		c.mu.Unlock()
		if h != nil {
			h()
		}
		f()
	})
}

func (c *hookClock) setBeforeFire(h func()) { c.mu.Lock(); c.beforeFire = h; c.mu.Unlock() }
func (c *hookClock) setOnNow(h func())      { c.mu.Lock(); c.onNow = h; c.mu.Unlock() }
