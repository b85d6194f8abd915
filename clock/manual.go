package clock

import (
	"context"
	"sync"
	"time"
)

// Manual is a clock that moves only when [Manual.Advance] or [Manual.Set] is
// called. It is safe for concurrent use and must not be copied. The zero
// value is a clock showing the zero time.
//
// Timers fire during Advance and Set, in deadline order (ties in the order
// they were made), each in the calling goroutine with the clock already
// showing its deadline, and outside the clock's lock, so a timer's function
// may read the clock and start new timers. When Advance returns, every timer
// that fell due has run.
type Manual struct {
	mu      sync.Mutex
	now     time.Time
	timers  timerQueue
	changed chan struct{} // closed and replaced whenever the pending set changes
}

// NewManual returns a Manual clock showing t.
func NewManual(t time.Time) *Manual {
	return &Manual{now: t, changed: make(chan struct{})}
}

// Now returns the clock's current time.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// AfterFunc schedules f to run when the clock reaches Now()+d. A d of zero or
// less fires at the next Advance or Set, even Advance(0).
func (m *Manual) AfterFunc(d time.Duration, f func()) Timer {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := &manualTimer{m: m}
	m.timers.add(&t.pending, m.now.Add(max(d, 0)), f)
	m.notifyLocked()
	return t
}

// Advance moves the clock forward by d, firing every timer that falls due.
func (m *Manual) Advance(d time.Duration) {
	m.Set(m.Now().Add(d))
}

// Set moves the clock to t, firing every timer due at or before t in
// deadline order. Setting a time before Now moves the clock back without
// firing anything.
func (m *Manual) Set(t time.Time) {
	for {
		m.mu.Lock()
		next := m.timers.popDue(t)
		if next == nil {
			m.now = t
			m.mu.Unlock()
			return
		}
		if next.when.After(m.now) {
			m.now = next.when
		}
		m.notifyLocked()
		m.mu.Unlock()
		next.f()
	}
}

// Pending returns the number of timers waiting to fire.
func (m *Manual) Pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.timers.len()
}

// WaitForTimers blocks until at least n timers are pending or ctx ends. Tests
// use it to know that a goroutine has started waiting on the clock before
// they move it.
func (m *Manual) WaitForTimers(ctx context.Context, n int) error {
	for {
		m.mu.Lock()
		if m.changed == nil {
			m.changed = make(chan struct{})
		}
		pending, changed := m.timers.len(), m.changed
		m.mu.Unlock()
		if pending >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (m *Manual) notifyLocked() {
	if m.changed != nil {
		close(m.changed)
		m.changed = nil // made again by the next waiter
	}
}

type manualTimer struct {
	m *Manual
	pending
}

// Stop removes the timer; it reports whether the timer was pending.
func (t *manualTimer) Stop() bool {
	t.m.mu.Lock()
	defer t.m.mu.Unlock()
	if !t.m.timers.remove(&t.pending) {
		return false
	}
	t.m.notifyLocked()
	return true
}
