package queue

import (
	"slices"
	"time"
)

// waiter is a receive blocked in a long poll.
type waiter struct {
	signal  chan struct{} // a message may be available; buffered, never closed
	expired chan struct{} // closed when the wait time is over
}

func newWaiter() *waiter {
	return &waiter{signal: make(chan struct{}, 1), expired: make(chan struct{})}
}

func (w *waiter) timedOut() bool {
	select {
	case <-w.expired:
		return true
	default:
		return false
	}
}

// waiters are the blocked receives of a queue, oldest first.
type waiters []*waiter

// wake signals up to n waiters, oldest first, and forgets them: a waiter
// that finds nothing registers again. A waiter already signalled (by
// another lane) is forgotten without counting, so that the wakeup goes to
// one that is still asleep.
func (ws *waiters) wake(n int) {
	i := 0
	for ; i < len(*ws) && n > 0; i++ {
		select {
		case (*ws)[i].signal <- struct{}{}:
			n--
		default:
		}
	}
	*ws = slices.Delete(*ws, 0, i)
}

// add registers w unless it is there already.
func (ws *waiters) add(w *waiter) {
	if !slices.Contains(*ws, w) {
		*ws = append(*ws, w)
	}
}

func (ws *waiters) remove(w *waiter) {
	if i := slices.Index(*ws, w); i >= 0 {
		*ws = slices.Delete(*ws, i, i+1)
	}
}

// wakeTimer is the one timer a queue holds, and only while receives are
// waiting and a delayed or in-flight message will become visible: it fires
// when the first of them does.
type wakeTimer struct {
	stopper interface{ Stop() bool }
	at      int64
	gen     uint64 // tells a stale firing from the current one
}

func (t *wakeTimer) stop() {
	if t.stopper != nil {
		t.stopper.Stop()
		t.stopper = nil
	}
}

// armLocked keeps the wake timer in step with the waiters: while receives
// wait, it fires when the next delayed or in-flight message becomes visible,
// or when the oldest message expires (which can unblock a FIFO group or free
// room under the in-flight limit).
func (q *Queue[T]) armLocked() {
	if len(q.waiters) == 0 {
		q.wake.stop()
		return
	}
	at := q.retentionEnd()
	if next := q.timeline.next(); next != nil && (at == 0 || next.visibleAt < at) {
		at = next.visibleAt
	}
	if at == 0 {
		q.wake.stop()
		return
	}
	if q.wake.stopper != nil && q.wake.at <= at {
		return
	}
	q.wake.stop()
	q.wake.gen++
	gen := q.wake.gen
	q.wake.at = at
	// The delay is measured from a fresh reading: the caller's may predate
	// a move of the clock.
	q.wake.stopper = q.opts.clock.AfterFunc(time.Duration(at-q.now()), func() { q.onWake(gen) })
}

func (q *Queue[T]) onWake(gen uint64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if gen != q.wake.gen {
		return
	}
	q.wake.stopper = nil
	q.advanceLocked(q.now())
	q.armLocked()
}
