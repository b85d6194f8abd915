package clock

import (
	"container/heap"
	"time"
)

// pending is one call waiting in a [timerQueue]. Each clock embeds it in the
// Timer it hands out, so a timer costs one allocation.
type pending struct {
	when  time.Time
	seq   uint64 // order of AfterFunc calls, to break ties in when
	f     func()
	index int // position in the heap; -1 once fired or stopped
}

// timerQueue holds one clock's pending calls, earliest first, ties in the
// order they were added. [Manual] and [Jump] share it so both fire in the
// same order; each guards it with its own lock. The zero value is empty.
type timerQueue struct {
	h   pendingHeap
	seq uint64
}

// add queues p to call f at when.
func (q *timerQueue) add(p *pending, when time.Time, f func()) {
	q.seq++
	p.when, p.seq, p.f = when, q.seq, f
	heap.Push(&q.h, p)
}

// remove takes p out of the queue; it reports whether p was queued.
func (q *timerQueue) remove(p *pending) bool {
	if p.index < 0 {
		return false
	}
	heap.Remove(&q.h, p.index)
	return true
}

// first returns the earliest call, or nil when none is queued.
func (q *timerQueue) first() *pending {
	if len(q.h) == 0 {
		return nil
	}
	return q.h[0]
}

// popDue removes and returns the earliest call if it is due at or before t,
// or returns nil.
func (q *timerQueue) popDue(t time.Time) *pending {
	if p := q.first(); p == nil || p.when.After(t) {
		return nil
	}
	return heap.Pop(&q.h).(*pending)
}

// len returns the number of queued calls.
func (q *timerQueue) len() int { return len(q.h) }

// pendingHeap implements [heap.Interface]; only timerQueue touches it.
type pendingHeap []*pending

func (h pendingHeap) Len() int { return len(h) }
func (h pendingHeap) Less(i, j int) bool {
	if !h[i].when.Equal(h[j].when) {
		return h[i].when.Before(h[j].when)
	}
	return h[i].seq < h[j].seq
}
func (h pendingHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *pendingHeap) Push(x any) {
	p := x.(*pending)
	p.index = len(*h)
	*h = append(*h, p)
}
func (h *pendingHeap) Pop() any {
	old := *h
	p := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	p.index = -1
	return p
}
