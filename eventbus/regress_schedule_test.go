package eventbus_test

import (
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

// A scheduled firing whose timer has gone off but whose callback has not
// yet taken the bus's lock (a System clock's timer goroutine, or a Manual
// clock advanced by another goroutine) races DisableRule+EnableRule.
// Enable reuses the same ruleSchedule and resets stopped=false, so the
// stale callback passes its check and arms a second timer chain: the rule
// fires twice per period from then on, and DisableRule leaves a timer
// behind.
func TestBug_ScheduleDisableEnableWhileFiringDoublesTimers(t *testing.T) {
	clk := &hookClock{Manual: clock.NewManual(start)}
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	defer closeBus(t, b)
	var c counter
	if _, err := b.PutRule(eventbus.RuleConfig{Name: "r", ScheduleExpression: "rate(1 minute)"}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutTargets("r", eventbus.Target{ID: "t", Destination: c.dest()}); err != nil {
		t.Fatal(err)
	}

	started, proceed := make(chan struct{}), make(chan struct{})
	var once sync.Once
	clk.setBeforeFire(func() {
		once.Do(func() { close(started); <-proceed })
	})
	advanced := make(chan struct{})
	go func() { clk.Advance(time.Minute); close(advanced) }()
	<-started // the 1-minute timer has gone off; its callback is held up

	if err := b.DisableRule("r"); err != nil {
		t.Fatal(err)
	}
	if err := b.EnableRule("r"); err != nil {
		t.Fatal(err)
	}
	clk.setBeforeFire(nil)
	close(proceed)
	<-advanced

	clk.Advance(10 * time.Minute)
	flush(t, b)
	// Enabled again at +1m: firings at +2m..+11m (10), plus at most the
	// held-up firing at +1m.
	if n := c.n(); n > 11 {
		t.Errorf("%d scheduled deliveries in 10 minutes of rate(1 minute), want at most 11", n)
	}
	if err := b.DisableRule("r"); err != nil {
		t.Fatal(err)
	}
	if p := clk.Pending(); p != 0 {
		t.Errorf("%d timers still pending after DisableRule, want 0", p)
	}
}
