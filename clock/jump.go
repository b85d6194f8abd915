package clock

import (
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// Jump is a clock that follows the machine's clock and can jump forward: the
// time source of the emulator, whose admin API moves time ahead for tests
// written in any language. It is safe for concurrent use and must not be
// copied. The zero value is ready to use; [NewJump] returns one.
//
// Now is [time.Now] plus the sum of the jumps made by [Jump.Advance], and
// never goes back. A timer falls due when Now reaches Now-at-AfterFunc plus
// d, whether real time or a jump brought it there. Due timers fire one at a
// time, in due order (ties in the order they were made), outside the clock's
// lock, so f may read the clock and start or stop timers. Real time fires
// them in a goroutine of the clock's own; Advance fires the ones in the span
// it skips in its caller's goroutine. Because firing is serialised, f must not
// call Advance, and an f that blocks holds up every later timer.
//
// One [time.Timer], set for the earliest pending timer, stands for them all,
// so there is no goroutine per timer and nothing is set while none is pending.
type Jump struct {
	mu     sync.Mutex    // guards everything below except offset's reads
	fire   chan struct{} // the firing lock; see lockFire
	offset atomic.Int64  // sum of the jumps in ns; written under fire and mu, read freely so Now never waits
	timers timerQueue
	real   *time.Timer // calls fireDue; made when first needed
	armed  time.Time   // the due time real is set for; zero when it is not set
}

// NewJump returns a Jump clock showing the machine's time.
func NewJump() *Jump { return &Jump{} }

// Now returns [time.Now] plus [Jump.Offset]. While a timer that Advance fires
// runs, it returns about that timer's due time.
func (j *Jump) Now() time.Time { return time.Now().Add(j.Offset()) }

// Offset returns how far the clock is ahead of the machine's clock.
func (j *Jump) Offset() time.Duration { return time.Duration(j.offset.Load()) }

// AfterFunc calls f once Now reaches Now()+d. It never calls f before
// returning, even for d <= 0: such a timer fires soon, in the clock's own
// goroutine, or in an Advance under way.
func (j *Jump) AfterFunc(d time.Duration, f func()) Timer {
	j.mu.Lock()
	defer j.mu.Unlock()
	t := &jumpTimer{j: j}
	j.timers.add(&t.pending, j.Now().Add(max(d, 0)), f)
	j.armLocked()
	return t
}

// Advance jumps the clock forward by d and returns the new Now; d <= 0 does
// nothing. Before it returns, every timer due in the span it skips has fired
// in due order, the clock showing each one's due time while it runs,
// including timers those timers start that fall due in the span. Calls take
// turns, and wait for timers that real time is firing.
func (j *Jump) Advance(d time.Duration) time.Time {
	if d <= 0 {
		return j.Now()
	}
	defer j.lockFire()()
	j.mu.Lock()
	defer j.mu.Unlock()
	cur := j.offset.Load()
	target := cur + int64(d)
	if target < cur {
		target = math.MaxInt64 // saturate rather than wrap into the past
	}
	j.fireLocked(target)
	j.offset.Store(target)
	j.armed = time.Time{} // the offset moved, so the real timer's wait is wrong
	j.armLocked()
	return j.Now()
}

// fireDue is what the real timer calls: it fires what real time brought due.
func (j *Jump) fireDue() {
	defer j.lockFire()()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.armed = time.Time{} // the real timer is spent
	j.fireLocked(j.offset.Load())
	j.armLocked()
}

// lockFire takes the firing lock, held while timers fire so they fire one at
// a time and in order and Advance calls take turns, and returns its unlock.
// It is taken before mu. It is a channel rather than a [sync.Mutex] because
// under [testing/synctest] a goroutine waiting on a channel counts as durably
// blocked, so [synctest.Wait] still returns while an Advance waits for a
// timer that is blocked.
func (j *Jump) lockFire() (unlock func()) {
	j.mu.Lock()
	if j.fire == nil {
		j.fire = make(chan struct{}, 1)
	}
	fire := j.fire
	j.mu.Unlock()
	fire <- struct{}{}
	return func() { <-fire }
}

// fireLocked fires, in due order, every timer due by the time the clock shows
// with offset target (at least the current offset), including ones the
// firing starts. Before each f runs it moves the offset up so that Now reads
// that timer's due time, unless real time is already past it. It is called
// with fire and mu held, and drops mu around each f.
func (j *Jump) fireLocked(target int64) {
	for {
		now := time.Now()
		p := j.timers.popDue(now.Add(time.Duration(target)))
		if p == nil {
			return
		}
		if step := int64(p.when.Sub(now)); step > j.offset.Load() {
			j.offset.Store(step)
		}
		j.mu.Unlock()
		p.f()
		j.mu.Lock()
	}
}

// armLocked sets the real timer for the earliest pending timer, or stops it
// when none is pending.
func (j *Jump) armLocked() {
	first := j.timers.first()
	switch {
	case first == nil:
		// Stop even when armed is zero: a Reset racing with a firing may
		// have set the timer again, and an idle clock should hold nothing.
		if j.real != nil {
			j.real.Stop()
		}
		j.armed = time.Time{}
	case first.when.Equal(j.armed):
		// Already set for it; most new timers are not the earliest.
	default:
		wait := first.when.Sub(j.Now())
		if j.real == nil {
			j.real = time.AfterFunc(wait, j.fireDue)
		} else {
			// If fireDue has already started, Reset makes it run once
			// more; a run with nothing due only sets the timer again.
			j.real.Reset(wait)
		}
		j.armed = first.when
	}
}

type jumpTimer struct {
	j *Jump
	pending
}

// Stop removes the timer; it reports whether the timer was pending.
func (t *jumpTimer) Stop() bool {
	t.j.mu.Lock()
	defer t.j.mu.Unlock()
	if !t.j.timers.remove(&t.pending) {
		return false
	}
	t.j.armLocked()
	return true
}
