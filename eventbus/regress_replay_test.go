package eventbus_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

// CancelReplay on a replay still STARTING sets CANCELLING and closes the
// cancel channel; the replay's goroutine then runs
// setState(ReplayRunning), overwriting CANCELLING with RUNNING. The
// replay now looks cancellable again: a second CancelReplay (or Close)
// closes the channel a second time and panics.
func TestBug_CancelReplayWhileStartingThenCancelAgainPanics(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1)) // let the test run before the replay's goroutine
	clk := &hookClock{Manual: clock.NewManual(start)}
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	if _, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.PutEvents(eventbus.Entry{Source: "s", DetailType: "d", Detail: `{}`}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)

	if _, err := b.StartReplay(eventbus.ReplayConfig{Name: "rp", Archive: "a", EventStartTime: start.Add(-time.Hour), EventEndTime: clk.Now()}); err != nil {
		t.Fatal(err)
	}
	// Hold the replay's goroutine at its first read of the clock, which
	// comes after its setState(ReplayRunning).
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	clk.setOnNow(func() { once.Do(func() { close(entered); <-release }) })
	if err := b.CancelReplay("rp"); err != nil {
		t.Fatalf("first CancelReplay: %v (the replay ran before the test could cancel it; rerun)", err)
	}
	<-entered

	d, _ := b.DescribeReplay("rp")
	state := d.State
	err := func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		return b.CancelReplay("rp")
	}()
	clk.setOnNow(nil)
	close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	func() {
		defer func() { recover() }() // Close may panic the same way
		_ = b.Close(ctx)
	}()

	if state != eventbus.ReplayCancelling && state != eventbus.ReplayCancelled {
		t.Errorf("state after a successful CancelReplay = %s, want CANCELLING or CANCELLED", state)
	}
	if !errors.Is(err, eventbus.ErrIllegalStatus) {
		t.Errorf("second CancelReplay = %v, want IllegalStatusException", err)
	}
}
