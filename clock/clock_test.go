package clock_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
)

var epoch = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// Both clocks satisfy the interface.
var (
	_ clock.Clock = clock.System{}
	_ clock.Clock = (*clock.Manual)(nil)
)

func TestOr(t *testing.T) {
	if got, ok := clock.Or(nil).(clock.System); !ok {
		t.Errorf("Or(nil) = %#v, want clock.System", got)
	}
	m := clock.NewManual(epoch)
	if got := clock.Or(m); got != clock.Clock(m) {
		t.Errorf("Or(m) = %#v, want m itself", got)
	}
}

func TestManualNowSetAdvance(t *testing.T) {
	type op struct {
		advance time.Duration // used when set is zero
		set     time.Time
	}
	tests := []struct {
		name string
		ops  []op
		want time.Time
	}{
		{"no ops", nil, epoch},
		{"advance", []op{{advance: time.Minute}}, epoch.Add(time.Minute)},
		{"advance zero", []op{{advance: 0}}, epoch},
		{"advance twice", []op{{advance: time.Second}, {advance: 2 * time.Second}}, epoch.Add(3 * time.Second)},
		{"advance negative", []op{{advance: -time.Hour}}, epoch.Add(-time.Hour)},
		{"set forward", []op{{set: epoch.Add(time.Hour)}}, epoch.Add(time.Hour)},
		{"set backward", []op{{set: epoch.Add(-time.Hour)}}, epoch.Add(-time.Hour)},
		{"set then advance", []op{{set: epoch.Add(time.Hour)}, {advance: time.Second}}, epoch.Add(time.Hour + time.Second)},
		{"set same", []op{{set: epoch}}, epoch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := clock.NewManual(epoch)
			for _, o := range tt.ops {
				if o.set.IsZero() {
					m.Advance(o.advance)
				} else {
					m.Set(o.set)
				}
			}
			if got := m.Now(); !got.Equal(tt.want) {
				t.Errorf("Now() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestManualFiringOrder(t *testing.T) {
	tests := []struct {
		name    string
		delays  []time.Duration // timer i is made with delays[i]
		advance []time.Duration // Advance calls, in order
		want    [][]int         // timers fired by each Advance, in order
	}{
		{
			name:    "deadline order",
			delays:  []time.Duration{3 * time.Second, time.Second, 2 * time.Second},
			advance: []time.Duration{5 * time.Second},
			want:    [][]int{{1, 2, 0}},
		},
		{
			name:    "ties in creation order",
			delays:  []time.Duration{time.Second, time.Second, 0, time.Second, 0},
			advance: []time.Duration{time.Second},
			want:    [][]int{{2, 4, 0, 1, 3}},
		},
		{
			name:    "only due timers",
			delays:  []time.Duration{time.Second, 2 * time.Second, 3 * time.Second},
			advance: []time.Duration{time.Second, 500 * time.Millisecond, time.Second, time.Second},
			want:    [][]int{{0}, nil, {1}, {2}},
		},
		{
			name:    "exact deadline fires",
			delays:  []time.Duration{time.Second},
			advance: []time.Duration{time.Second - 1, 1},
			want:    [][]int{nil, {0}},
		},
		{
			name:    "zero and negative fire at Advance(0)",
			delays:  []time.Duration{0, -time.Hour, time.Nanosecond},
			advance: []time.Duration{0, 0, time.Nanosecond},
			want:    [][]int{{0, 1}, nil, {2}},
		},
		{
			name:    "negative advance fires nothing",
			delays:  []time.Duration{0, time.Second},
			advance: []time.Duration{-time.Minute, time.Minute, time.Second},
			want:    [][]int{nil, {0}, {1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := clock.NewManual(epoch)
			var fired []int
			for i, d := range tt.delays {
				deadline := epoch.Add(max(d, 0))
				m.AfterFunc(d, func() {
					if now := m.Now(); !now.Equal(deadline) {
						t.Errorf("timer %d: Now() inside f = %v, want its deadline %v", i, now, deadline)
					}
					fired = append(fired, i)
				})
			}
			for step, d := range tt.advance {
				fired = nil
				m.Advance(d)
				if !slices.Equal(fired, tt.want[step]) {
					t.Errorf("Advance #%d (%v) fired %v, want %v", step, d, fired, tt.want[step])
				}
			}
		})
	}
}

func TestManualTimerScheduledWhileFiring(t *testing.T) {
	m := clock.NewManual(epoch)
	var log []string
	record := func(name string) func() {
		return func() { log = append(log, fmt.Sprintf("%s@%v", name, m.Now().Sub(epoch))) }
	}
	m.AfterFunc(1*time.Second, func() {
		record("a")()
		m.AfterFunc(0, record("a0"))               // due now: after everything already due at 1s
		m.AfterFunc(2*time.Second, record("a2"))   // due at 3s, after b (2s), tied with c but made later
		m.AfterFunc(10*time.Second, record("a10")) // beyond this Advance
	})
	m.AfterFunc(1*time.Second, record("tie"))
	m.AfterFunc(2*time.Second, record("b"))
	m.AfterFunc(3*time.Second, record("c"))

	m.Advance(5 * time.Second)
	want := []string{"a@1s", "tie@1s", "a0@1s", "b@2s", "c@3s", "a2@3s"}
	if !slices.Equal(log, want) {
		t.Errorf("fired %v, want %v", log, want)
	}
	if got, want := m.Now(), epoch.Add(5*time.Second); !got.Equal(want) {
		t.Errorf("Now() = %v, want %v", got, want)
	}
	if got := m.Pending(); got != 1 {
		t.Errorf("Pending() = %d, want 1 (a10)", got)
	}
	log = nil
	m.Advance(6 * time.Second)
	if want := []string{"a10@11s"}; !slices.Equal(log, want) {
		t.Errorf("fired %v, want %v", log, want)
	}
}

func TestManualChainedTimers(t *testing.T) {
	// A timer that reschedules itself every second fires once per second
	// of a single long Advance.
	m := clock.NewManual(epoch)
	var ticks []time.Duration
	var tick func()
	tick = func() {
		ticks = append(ticks, m.Now().Sub(epoch))
		if len(ticks) < 10 { // bound the chain so a broken clock fails instead of looping
			m.AfterFunc(time.Second, tick)
		}
	}
	m.AfterFunc(time.Second, tick)
	m.Advance(3500 * time.Millisecond)
	want := []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}
	if !slices.Equal(ticks, want) {
		t.Errorf("ticks %v, want %v", ticks, want)
	}
}

func TestManualStop(t *testing.T) {
	tests := []struct {
		name        string
		advance     time.Duration // before Stop
		wantStop    bool          // first Stop's result
		wantFired   int           // after a further long Advance
		secondAfter bool          // Stop again after the long Advance
	}{
		{"before firing", 0, true, 0, false},
		{"before deadline", time.Second - 1, true, 0, false},
		{"after firing", time.Second, false, 1, false},
		{"long after firing", time.Hour, false, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := clock.NewManual(epoch)
			var fired int
			tm := m.AfterFunc(time.Second, func() { fired++ })
			m.Advance(tt.advance)
			if got := tm.Stop(); got != tt.wantStop {
				t.Errorf("Stop() = %v, want %v", got, tt.wantStop)
			}
			if got := m.Pending(); got != 0 {
				t.Errorf("Pending() after Stop = %d, want 0", got)
			}
			m.Advance(time.Hour)
			if fired != tt.wantFired {
				t.Errorf("fired %d times, want %d", fired, tt.wantFired)
			}
			if got := tm.Stop(); got != tt.secondAfter {
				t.Errorf("second Stop() = %v, want %v", got, tt.secondAfter)
			}
		})
	}
}

func TestManualStopLeavesOthers(t *testing.T) {
	m := clock.NewManual(epoch)
	var fired []int
	var timers []clock.Timer
	for i := range 6 {
		timers = append(timers, m.AfterFunc(time.Duration(i%3)*time.Second, func() { fired = append(fired, i) }))
	}
	for _, i := range []int{1, 3, 5} {
		if !timers[i].Stop() {
			t.Errorf("Stop(timer %d) = false, want true", i)
		}
	}
	if got := m.Pending(); got != 3 {
		t.Errorf("Pending() = %d, want 3", got)
	}
	m.Advance(time.Minute)
	// Timers 0 and 3 are due at 0s, 1 and 4 at 1s, 2 and 5 at 2s.
	if want := []int{0, 4, 2}; !slices.Equal(fired, want) {
		t.Errorf("fired %v, want %v", fired, want)
	}
}

func TestManualStopFromInsideTimer(t *testing.T) {
	m := clock.NewManual(epoch)
	var fired []string
	var second clock.Timer
	var stopResult, selfStop bool
	var first clock.Timer
	first = m.AfterFunc(time.Second, func() {
		fired = append(fired, "first")
		stopResult = second.Stop()
		selfStop = first.Stop()
	})
	second = m.AfterFunc(time.Second, func() { fired = append(fired, "second") })
	m.Advance(time.Second)
	if want := []string{"first"}; !slices.Equal(fired, want) {
		t.Errorf("fired %v, want %v", fired, want)
	}
	if !stopResult {
		t.Error("Stop of a due but not yet fired timer = false, want true")
	}
	if selfStop {
		t.Error("Stop of the firing timer from its own f = true, want false")
	}
}

func TestManualSetBackwards(t *testing.T) {
	m := clock.NewManual(epoch)
	var fired []string
	m.AfterFunc(0, func() { fired = append(fired, "zero") })
	m.AfterFunc(time.Second, func() { fired = append(fired, "1s") })

	m.Set(epoch.Add(-time.Hour))
	if len(fired) != 0 {
		t.Fatalf("setting the clock back fired %v", fired)
	}
	if got := m.Now(); !got.Equal(epoch.Add(-time.Hour)) {
		t.Errorf("Now() = %v, want %v", got, epoch.Add(-time.Hour))
	}
	if got := m.Pending(); got != 2 {
		t.Errorf("Pending() = %d, want 2", got)
	}
	// Deadlines are absolute: moving back to before them and forward again
	// fires them at their original deadlines.
	m.Set(epoch.Add(-time.Second))
	if len(fired) != 0 {
		t.Fatalf("fired %v before any deadline", fired)
	}
	m.Set(epoch)
	if want := []string{"zero"}; !slices.Equal(fired, want) {
		t.Errorf("fired %v, want %v", fired, want)
	}
	m.Set(epoch.Add(time.Second))
	if want := []string{"zero", "1s"}; !slices.Equal(fired, want) {
		t.Errorf("fired %v, want %v", fired, want)
	}
}

func TestManualPending(t *testing.T) {
	m := clock.NewManual(epoch)
	if got := m.Pending(); got != 0 {
		t.Fatalf("new clock Pending() = %d, want 0", got)
	}
	a := m.AfterFunc(time.Second, func() {})
	m.AfterFunc(2*time.Second, func() {})
	m.AfterFunc(3*time.Second, func() {})
	steps := []struct {
		do   func()
		want int
	}{
		{func() {}, 3},
		{func() { a.Stop() }, 2},
		{func() { a.Stop() }, 2},
		{func() { m.Advance(2 * time.Second) }, 1},
		{func() { m.Advance(time.Hour) }, 0},
	}
	for i, s := range steps {
		s.do()
		if got := m.Pending(); got != s.want {
			t.Errorf("step %d: Pending() = %d, want %d", i, got, s.want)
		}
	}

	// Inside a firing timer, that timer no longer counts as pending.
	var inside int
	m.AfterFunc(0, func() { inside = m.Pending() })
	m.AfterFunc(time.Second, func() {})
	m.Advance(0)
	if inside != 1 {
		t.Errorf("Pending() inside f = %d, want 1", inside)
	}
}

func TestManualWaitForTimers(t *testing.T) {
	t.Run("already pending", func(t *testing.T) {
		m := clock.NewManual(epoch)
		m.AfterFunc(time.Second, func() {})
		m.AfterFunc(time.Second, func() {})
		for _, n := range []int{-1, 0, 1, 2} {
			if err := m.WaitForTimers(context.Background(), n); err != nil {
				t.Errorf("WaitForTimers(%d) = %v, want nil", n, err)
			}
		}
	})

	t.Run("waits for timers", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			m := clock.NewManual(epoch)
			done := make(chan error, 1)
			go func() { done <- m.WaitForTimers(context.Background(), 2) }()

			m.AfterFunc(time.Second, func() {})
			synctest.Wait()
			select {
			case err := <-done:
				t.Fatalf("WaitForTimers(2) returned %v with one timer pending", err)
			default:
			}

			// Stopping a timer and making another still leaves only one.
			m.AfterFunc(time.Second, func() {}).Stop()
			synctest.Wait()
			select {
			case err := <-done:
				t.Fatalf("WaitForTimers(2) returned %v with one timer pending", err)
			default:
			}

			m.AfterFunc(time.Second, func() {})
			synctest.Wait()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("WaitForTimers(2) = %v, want nil", err)
				}
			default:
				t.Fatal("WaitForTimers(2) still blocked with two timers pending")
			}
		})
	})

	t.Run("goroutine starts waiting on the clock", func(t *testing.T) {
		// The use WaitForTimers is meant for: know that another goroutine
		// has made its timer before moving the clock.
		m := clock.NewManual(epoch)
		woke := make(chan time.Time, 1)
		go func() {
			ch := make(chan struct{})
			m.AfterFunc(time.Minute, func() { close(ch) })
			<-ch
			woke <- m.Now()
		}()
		if err := m.WaitForTimers(context.Background(), 1); err != nil {
			t.Fatal(err)
		}
		m.Advance(time.Minute)
		if got := <-woke; !got.Equal(epoch.Add(time.Minute)) {
			t.Errorf("woke at %v, want %v", got, epoch.Add(time.Minute))
		}
	})

	t.Run("cancel", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			m := clock.NewManual(epoch)
			m.AfterFunc(time.Second, func() {})
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- m.WaitForTimers(ctx, 2) }()
			synctest.Wait()
			select {
			case err := <-done:
				t.Fatalf("WaitForTimers returned %v before cancel", err)
			default:
			}
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Errorf("WaitForTimers after cancel = %v, want context.Canceled", err)
			}
		})
	})

	t.Run("deadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			m := clock.NewManual(epoch)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			start := time.Now()
			err := m.WaitForTimers(ctx, 1)
			if !errors.Is(err, context.DeadlineExceeded) || err != ctx.Err() {
				t.Errorf("WaitForTimers = %v, want ctx.Err() = %v", err, ctx.Err())
			}
			if got := time.Since(start); got != time.Minute {
				t.Errorf("returned after %v, want %v", got, time.Minute)
			}
		})
	})

	t.Run("already cancelled", func(t *testing.T) {
		m := clock.NewManual(epoch)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := m.WaitForTimers(ctx, 1); !errors.Is(err, context.Canceled) {
			t.Errorf("WaitForTimers = %v, want context.Canceled", err)
		}
		// Enough timers wins over a done context.
		m.AfterFunc(time.Second, func() {})
		if err := m.WaitForTimers(ctx, 1); err != nil {
			t.Errorf("WaitForTimers with a timer pending = %v, want nil", err)
		}
	})
}

func TestManualConcurrent(t *testing.T) {
	const (
		workers   = 16
		perWorker = 300
		maxDelay  = 50 * time.Millisecond
		step      = time.Millisecond
	)
	m := clock.NewManual(epoch)

	type record struct {
		minDeadline time.Time // Now() read just before AfterFunc: the deadline is no earlier than this plus d
		fired       atomic.Int32
		early       atomic.Bool
		stopped     bool // Stop returned true
	}
	records := make([][]*record, workers)

	stopAdvancing := make(chan struct{})
	advancerDone := make(chan struct{})
	go func() {
		defer close(advancerDone)
		for {
			select {
			case <-stopAdvancing:
				return
			default:
				m.Advance(step)
			}
		}
	}()

	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			var timers []clock.Timer
			for range perWorker {
				d := time.Duration(rng.Int64N(int64(maxDelay))) - maxDelay/10 // some <= 0
				r := &record{minDeadline: m.Now().Add(max(d, 0))}
				tm := m.AfterFunc(d, func() {
					if m.Now().Before(r.minDeadline) {
						r.early.Store(true)
					}
					r.fired.Add(1)
				})
				records[w] = append(records[w], r)
				timers = append(timers, tm)
				_ = m.Now()
				if rng.IntN(3) == 0 {
					// Stop this one or an earlier one, which may have fired.
					i := rng.IntN(len(timers))
					if timers[i] != nil {
						records[w][i].stopped = timers[i].Stop()
						timers[i] = nil
					}
				}
			}
		})
	}
	wg.Wait()
	close(stopAdvancing)
	<-advancerDone
	m.Advance(2 * maxDelay) // fire everything left

	if got := m.Pending(); got != 0 {
		t.Errorf("Pending() after final Advance = %d, want 0", got)
	}
	var fired, stopped int
	for w, rs := range records {
		for i, r := range rs {
			n := r.fired.Load()
			switch {
			case r.stopped && n != 0:
				t.Errorf("worker %d timer %d: Stop returned true but it fired %d times", w, i, n)
			case !r.stopped && n != 1:
				t.Errorf("worker %d timer %d: fired %d times, want exactly 1", w, i, n)
			}
			if r.early.Load() {
				t.Errorf("worker %d timer %d fired before its deadline", w, i)
			}
			fired += int(n)
			if r.stopped {
				stopped++
			}
		}
	}
	if fired+stopped != workers*perWorker {
		t.Errorf("fired %d + stopped %d != %d timers", fired, stopped, workers*perWorker)
	}
	t.Logf("%d timers fired, %d stopped", fired, stopped)
}

func TestSystemNow(t *testing.T) {
	before := time.Now()
	got := clock.System{}.Now()
	after := time.Now()
	if got.Before(before) || got.After(after) {
		t.Errorf("System.Now() = %v, not within [%v, %v]", got, before, after)
	}
}

func TestSystemSynctest(t *testing.T) {
	t.Run("fires", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var c clock.Clock = clock.System{}
			start := c.Now()
			fired := make(chan time.Time, 1)
			c.AfterFunc(time.Hour, func() { fired <- c.Now() })

			time.Sleep(time.Hour - time.Nanosecond)
			synctest.Wait()
			select {
			case at := <-fired:
				t.Fatalf("fired early, after %v", at.Sub(start))
			default:
			}

			time.Sleep(time.Nanosecond)
			synctest.Wait()
			select {
			case at := <-fired:
				if got := at.Sub(start); got != time.Hour {
					t.Errorf("fired after %v, want %v", got, time.Hour)
				}
			default:
				t.Fatal("did not fire after an hour")
			}
		})
	})

	t.Run("stop", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			c := clock.Or(nil)
			var fired atomic.Bool
			tm := c.AfterFunc(time.Hour, func() { fired.Store(true) })
			time.Sleep(time.Minute)
			if !tm.Stop() {
				t.Error("Stop() of a pending timer = false, want true")
			}
			time.Sleep(2 * time.Hour)
			synctest.Wait()
			if fired.Load() {
				t.Error("stopped timer fired")
			}
			if tm.Stop() {
				t.Error("second Stop() = true, want false")
			}

			done := make(chan struct{})
			tm = c.AfterFunc(time.Second, func() { close(done) })
			<-done
			if tm.Stop() {
				t.Error("Stop() after firing = true, want false")
			}
		})
	})
}

func TestManualZeroValue(t *testing.T) {
	var m clock.Manual
	fired := false
	m.AfterFunc(time.Second, func() { fired = true })
	if err := m.WaitForTimers(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	m.Advance(time.Second)
	if !fired || !m.Now().Equal(time.Time{}.Add(time.Second)) {
		t.Fatalf("zero Manual: fired=%v now=%v", fired, m.Now())
	}
}
