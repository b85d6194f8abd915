package clock_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
)

var _ clock.Clock = (*clock.Jump)(nil)

// jumpStep is one move of a Jump clock in a table test: let real time pass
// or jump, then expect these timers (by index) to have fired, in order.
type jumpStep struct {
	jump bool // Advance(d) when set, else let d of real time pass
	d    time.Duration
	want []int
}

func sleep(d time.Duration, want ...int) jumpStep   { return jumpStep{d: d, want: want} }
func advance(d time.Duration, want ...int) jumpStep { return jumpStep{jump: true, d: d, want: want} }

// firedLog collects timer indexes from whichever goroutine fires them.
type firedLog struct {
	mu  sync.Mutex
	got []int
}

func (l *firedLog) add(i int) { l.mu.Lock(); l.got = append(l.got, i); l.mu.Unlock() }
func (l *firedLog) take() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	got := l.got
	l.got = nil
	return got
}

func TestJumpFiring(t *testing.T) {
	tests := []struct {
		name   string
		delays []time.Duration // timer i is made with delays[i], all at the start
		steps  []jumpStep
	}{
		{
			name:   "real time, due order",
			delays: []time.Duration{3 * time.Second, time.Second, 2 * time.Second},
			steps:  []jumpStep{sleep(time.Second - 1), sleep(1, 1), sleep(2*time.Second, 2, 0)},
		},
		{
			name:   "advance, due order",
			delays: []time.Duration{3 * time.Second, time.Second, 2 * time.Second},
			steps:  []jumpStep{advance(5*time.Second, 1, 2, 0)},
		},
		{
			name:   "ties in AfterFunc order",
			delays: []time.Duration{time.Second, 2 * time.Second, time.Second, time.Second},
			steps:  []jumpStep{advance(time.Minute, 0, 2, 3, 1)},
		},
		{
			name:   "ties by real time",
			delays: []time.Duration{time.Second, time.Second, time.Second},
			steps:  []jumpStep{sleep(time.Second, 0, 1, 2)},
		},
		{
			name:   "exact due time by advance",
			delays: []time.Duration{time.Second},
			steps:  []jumpStep{advance(time.Second - 1), advance(1, 0)},
		},
		{
			name:   "only the span",
			delays: []time.Duration{time.Second, 2 * time.Second, 3 * time.Second},
			steps:  []jumpStep{advance(time.Second, 0), advance(500 * time.Millisecond), advance(time.Second, 1), advance(time.Second, 2)},
		},
		{
			// After a jump the real timer must be set again: the rest of
			// the wait is shorter in real time.
			name:   "advance, then real time",
			delays: []time.Duration{10 * time.Second, 20 * time.Second},
			steps:  []jumpStep{advance(15*time.Second, 0), sleep(5*time.Second - 1), sleep(1, 1)},
		},
		{
			name:   "real time, then advance the rest",
			delays: []time.Duration{10 * time.Second, 20 * time.Second},
			steps:  []jumpStep{sleep(4 * time.Second), advance(6*time.Second, 0), sleep(10*time.Second, 1)},
		},
		{
			name:   "advance zero or negative does nothing",
			delays: []time.Duration{time.Second},
			steps:  []jumpStep{advance(0), advance(-time.Hour), sleep(time.Second - 1), advance(0), sleep(1, 0)},
		},
		{
			// Due at once, yet fired by the real timer, not by AfterFunc.
			name:   "zero and negative delays",
			delays: []time.Duration{0, -time.Hour, 1},
			steps:  []jumpStep{sleep(0, 0, 1), sleep(1, 2)},
		},
		{
			name:   "nothing pending",
			delays: nil,
			steps:  []jumpStep{advance(time.Hour), sleep(time.Hour)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				j := clock.NewJump()
				start := j.Now()
				var log firedLog
				for i, d := range tt.delays {
					due := start.Add(max(d, 0))
					j.AfterFunc(d, func() {
						if now := j.Now(); !now.Equal(due) {
							t.Errorf("timer %d: Now() inside f = +%v, want its due time +%v", i, now.Sub(start), due.Sub(start))
						}
						log.add(i)
					})
				}
				var elapsed time.Duration // real time plus jumps
				for n, s := range tt.steps {
					if s.jump {
						elapsed += max(s.d, 0)
						now := j.Advance(s.d)
						if got := log.take(); !slices.Equal(got, s.want) {
							t.Errorf("step %d: Advance(%v) fired %v before returning, want %v", n, s.d, got, s.want)
						}
						if !now.Equal(start.Add(elapsed)) {
							t.Errorf("step %d: Advance(%v) = +%v, want +%v", n, s.d, now.Sub(start), elapsed)
						}
					} else {
						elapsed += s.d
						time.Sleep(s.d)
					}
					synctest.Wait()
					got := log.take()
					if s.jump && len(got) > 0 {
						t.Errorf("step %d: fired %v after Advance returned", n, got)
					} else if !s.jump && !slices.Equal(got, s.want) {
						t.Errorf("step %d: %v of real time fired %v, want %v", n, s.d, got, s.want)
					}
					if got := j.Now(); !got.Equal(start.Add(elapsed)) {
						t.Errorf("step %d: Now() = +%v, want +%v", n, got.Sub(start), elapsed)
					}
				}
			})
		})
	}
}

func TestJumpTimersStartedDuringAdvance(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		j := clock.NewJump()
		start := j.Now()
		var mu sync.Mutex
		var log []string
		record := func(name string) func() {
			return func() {
				mu.Lock()
				defer mu.Unlock()
				log = append(log, fmt.Sprintf("%s@%v", name, j.Now().Sub(start)))
			}
		}
		take := func() []string {
			mu.Lock()
			defer mu.Unlock()
			got := log
			log = nil
			return got
		}

		j.AfterFunc(time.Second, func() {
			record("a")()
			j.AfterFunc(0, record("a0"))               // due now: after all else due at 1s
			j.AfterFunc(2*time.Second, record("a2"))   // due at 3s, tied with c but made later
			j.AfterFunc(10*time.Second, record("a10")) // due at 11s, beyond the jump
		})
		j.AfterFunc(time.Second, record("tie"))
		j.AfterFunc(2*time.Second, record("b"))
		j.AfterFunc(3*time.Second, record("c"))

		// A retry chain backing off 1s, 2s, 4s, 8s: the first three
		// attempts (at 1s, 3s, 7s) fall inside the jump, the last (15s)
		// is left for real time.
		backoff := time.Second
		var retry func()
		retry = func() {
			record("retry")()
			if backoff <= 8*time.Second {
				j.AfterFunc(backoff, retry)
				backoff *= 2
			}
		}
		j.AfterFunc(0, retry)
		synctest.Wait()
		if got, want := take(), []string{"retry@0s"}; !slices.Equal(got, want) {
			t.Fatalf("before the jump fired %v, want %v", got, want)
		}

		j.Advance(10 * time.Second)
		want := []string{"a@1s", "tie@1s", "retry@1s", "a0@1s", "b@2s", "c@3s", "a2@3s", "retry@3s", "retry@7s"}
		if got := take(); !slices.Equal(got, want) {
			t.Errorf("Advance(10s) fired\n %v, want\n %v", got, want)
		}

		time.Sleep(5 * time.Second)
		synctest.Wait() // the timer due at 15s may still be running
		if got, want := take(), []string{"a10@11s", "retry@15s"}; !slices.Equal(got, want) {
			t.Errorf("real time then fired %v, want %v", got, want)
		}
	})
}

func TestJumpStop(t *testing.T) {
	tests := []struct {
		name      string
		before    jumpStep // move made before Stop
		wantStop  bool
		wantFired int32
	}{
		{"pending", sleep(0), true, 0},
		{"just before due by real time", sleep(time.Second - 1), true, 0},
		{"just before due by a jump", advance(time.Second - 1), true, 0},
		{"fired by real time", sleep(time.Second), false, 1},
		{"fired by a jump", advance(time.Second), false, 1},
		{"long after firing", advance(time.Hour), false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				j := clock.NewJump()
				var fired atomic.Int32
				tm := j.AfterFunc(time.Second, func() { fired.Add(1) })
				if tt.before.jump {
					j.Advance(tt.before.d)
				} else {
					time.Sleep(tt.before.d)
				}
				synctest.Wait()
				if got := tm.Stop(); got != tt.wantStop {
					t.Errorf("Stop() = %v, want %v", got, tt.wantStop)
				}
				j.Advance(time.Hour)
				time.Sleep(time.Hour)
				if got := fired.Load(); got != tt.wantFired {
					t.Errorf("fired %d times, want %d", got, tt.wantFired)
				}
				if tm.Stop() {
					t.Error("second Stop() = true, want false")
				}
			})
		})
	}
}

func TestJumpStopDuringAdvance(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		j := clock.NewJump()
		var fired []string
		var self, due, later clock.Timer
		var selfStop, dueStop, laterStop bool
		self = j.AfterFunc(time.Second, func() {
			fired = append(fired, "self")
			selfStop = self.Stop()
			dueStop = due.Stop()
			laterStop = later.Stop()
		})
		due = j.AfterFunc(2*time.Second, func() { fired = append(fired, "due") })
		later = j.AfterFunc(time.Hour, func() { fired = append(fired, "later") })

		j.Advance(time.Minute)
		time.Sleep(2 * time.Hour)
		if want := []string{"self"}; !slices.Equal(fired, want) {
			t.Errorf("fired %v, want %v", fired, want)
		}
		if selfStop {
			t.Error("Stop of the firing timer from its own f = true, want false")
		}
		if !dueStop {
			t.Error("Stop of a timer due in the jump but not yet fired = false, want true")
		}
		if !laterStop {
			t.Error("Stop of a timer beyond the jump = false, want true")
		}
	})
}

// Firing is one at a time even across the two ways time moves: a jump waits
// for a timer that real time is firing, then fires the rest in order.
func TestJumpAdvanceWaitsForRealTimeFiring(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		j := clock.NewJump()
		var log firedLog
		release := make(chan struct{})
		j.AfterFunc(time.Second, func() { log.add(0); <-release })
		j.AfterFunc(2*time.Second, func() { log.add(1) })
		time.Sleep(time.Second)
		synctest.Wait() // timer 0 is running, blocked
		if got := log.take(); !slices.Equal(got, []int{0}) {
			t.Fatalf("after 1s fired %v, want [0]", got)
		}

		advanced := make(chan time.Time)
		go func() { advanced <- j.Advance(time.Minute) }()
		synctest.Wait()
		select {
		case <-advanced:
			t.Fatal("Advance returned while a timer was still firing")
		default:
		}
		if got := log.take(); len(got) != 0 {
			t.Fatalf("Advance fired %v while timer 0 was still running", got)
		}

		close(release)
		<-advanced
		if got := log.take(); !slices.Equal(got, []int{1}) {
			t.Errorf("Advance then fired %v, want [1]", got)
		}
	})
}

func TestJumpZeroValue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var j clock.Jump
		start := time.Now()
		fired := make(chan time.Time, 1)
		j.AfterFunc(time.Hour, func() { fired <- j.Now() })
		if got := j.Advance(time.Hour); !got.Equal(start.Add(time.Hour)) {
			t.Errorf("Advance(1h) = %v, want %v", got, start.Add(time.Hour))
		}
		if got := <-fired; !got.Equal(start.Add(time.Hour)) {
			t.Errorf("fired at %v, want %v", got, start.Add(time.Hour))
		}
		if got := j.Offset(); got != time.Hour {
			t.Errorf("Offset() = %v, want 1h", got)
		}
	})
}

// Engines start timers while holding locks that f takes, so AfterFunc must
// never call f itself, wherever it is called from.
func TestJumpNeverSynchronous(t *testing.T) {
	from := []struct {
		name string
		call func(j *clock.Jump, start func()) // calls start from somewhere, then moves time on
	}{
		{"test goroutine", func(j *clock.Jump, start func()) {
			start()
			time.Sleep(time.Second)
		}},
		{"timer fired by a jump", func(j *clock.Jump, start func()) {
			j.AfterFunc(time.Second, start)
			j.Advance(3 * time.Second) // every d below falls due in it
		}},
		{"timer fired by real time", func(j *clock.Jump, start func()) {
			j.AfterFunc(time.Second, start)
			time.Sleep(3 * time.Second)
		}},
	}
	delays := []time.Duration{-time.Hour, -1, 0, 1, time.Second}
	for _, c := range from {
		for _, d := range delays {
			t.Run(fmt.Sprintf("%s/%v", c.name, d), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					j := clock.NewJump()
					var fired atomic.Bool
					c.call(j, func() {
						j.AfterFunc(d, func() {
							if insideAfterFunc() {
								t.Error("AfterFunc called f itself")
							}
							fired.Store(true)
						})
					})
					synctest.Wait()
					if !fired.Load() {
						t.Error("f never ran")
					}
				})
			})
		}
	}
}

// insideAfterFunc reports whether its caller was called, however deeply, by
// Jump.AfterFunc. It asks the stack because f may run in another goroutine
// before AfterFunc returns, so a flag set after the call proves nothing.
func insideAfterFunc() bool {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.Function, "clock.(*Jump).AfterFunc") {
			return true
		}
		if !more {
			return false
		}
	}
}

// Workers start and stop timers while one goroutine jumps and real time
// passes. Every timer must fire exactly once unless Stop said it was still
// pending, never before it is due, and all in due order; Now never goes back.
func TestJumpConcurrent(t *testing.T) {
	const (
		workers   = 8
		perWorker = 300
		maxDelay  = 50 * time.Millisecond
	)
	synctest.Test(t, func(t *testing.T) {
		j := clock.NewJump()

		type record struct {
			dueLo, dueHi time.Time // the due time lies within, as the clock moves during AfterFunc
			fired        atomic.Int32
			stopped      bool // Stop returned true
		}
		type firing struct {
			r   *record
			now time.Time
		}
		var logMu sync.Mutex
		var log []firing // in the order timers fired

		stop := make(chan struct{})
		advancerDone := make(chan struct{})
		go func() {
			defer close(advancerDone)
			rng := rand.New(rand.NewPCG(0, 0))
			for {
				select {
				case <-stop:
					return
				default:
				}
				j.Advance(time.Duration(rng.Int64N(int64(maxDelay / 5))))
				if rng.IntN(4) == 0 {
					time.Sleep(time.Duration(rng.Int64N(int64(maxDelay / 5))))
				}
			}
		}()

		records := make([][]*record, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(w), 1))
				var timers []clock.Timer
				last := j.Now()
				for range perWorker {
					d := time.Duration(rng.Int64N(int64(maxDelay))) - maxDelay/10 // some <= 0
					r := &record{dueLo: j.Now().Add(max(d, 0))}
					tm := j.AfterFunc(d, func() {
						now := j.Now()
						logMu.Lock()
						log = append(log, firing{r, now})
						logMu.Unlock()
						r.fired.Add(1)
					})
					r.dueHi = j.Now().Add(max(d, 0))
					records[w] = append(records[w], r)
					timers = append(timers, tm)
					if now := j.Now(); now.Before(last) {
						t.Errorf("worker %d: Now() went back from %v to %v", w, last, now)
					} else {
						last = now
					}
					switch rng.IntN(6) {
					case 0, 1: // stop a recent one, which may have fired
						if i := len(timers) - 1 - rng.IntN(min(len(timers), 4)); timers[i] != nil {
							records[w][i].stopped = timers[i].Stop()
							timers[i] = nil
						}
					case 2: // let real time pass
						time.Sleep(time.Duration(rng.Int64N(int64(maxDelay / 5))))
					}
				}
			})
		}
		wg.Wait()
		close(stop)
		<-advancerDone
		j.Advance(2 * maxDelay) // fire everything left
		synctest.Wait()

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
				fired += int(n)
				if r.stopped {
					stopped++
				}
			}
		}
		if fired+stopped != workers*perWorker {
			t.Errorf("fired %d + stopped %d != %d timers", fired, stopped, workers*perWorker)
		}

		// Due order: no timer may fire after one that was surely due later.
		var latestLo, lastNow time.Time
		for i, f := range log {
			if f.now.Before(f.r.dueLo) {
				t.Errorf("firing %d: ran at %v, before it was due (%v at the earliest)", i, f.now, f.r.dueLo)
			}
			if f.r.dueHi.Before(latestLo) {
				t.Errorf("firing %d: due by %v but ran after a timer due no earlier than %v", i, f.r.dueHi, latestLo)
			}
			if f.now.Before(lastNow) {
				t.Errorf("firing %d: Now() went back from %v to %v", i, lastNow, f.now)
			}
			if f.r.dueLo.After(latestLo) {
				latestLo = f.r.dueLo
			}
			lastNow = f.now
		}
		t.Logf("%d timers fired, %d stopped, clock %v ahead", fired, stopped, j.Offset())
	})
}
