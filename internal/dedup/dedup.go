// Package dedup is the 5-minute deduplication window that SQS FIFO queues
// and SNS FIFO topics keep: a send whose id was seen within the window
// answers with what the first send answered.
package dedup

import "time"

// Interval is how long an id is remembered.
const Interval = 5 * time.Minute

// Window remembers ids, each with the value its first use answered, for
// [Interval]. Ids are kept in two generations, each made over one
// interval: the current one, where ids are added, and the previous one.
// When the current generation is an interval old the previous one, whose
// ids have all expired, is dropped whole and the current one becomes the
// previous. An id costs one insert and at most two lookups, and forgetting
// it costs nothing.
//
// Generations go by the latest time seen, so that every id dropped was
// made an interval before then: only a clock set back sees an id dropped
// before its expiry.
//
// The zero value is an empty window. A Window is not safe for concurrent
// use. Times are Unix nanoseconds.
type Window[V any] struct {
	cur, prev map[string]entry[V]
	curStart  int64 // when cur began
	latest    int64 // the latest time seen
}

type entry[V any] struct {
	value     V
	expiresAt int64
}

// Key is the key an id is remembered under: the id itself, or per message
// group the group id, a NUL (which neither id may hold) and the id.
func Key(perGroup bool, group, id string) string {
	if perGroup {
		return group + "\x00" + id
	}
	return id
}

// Lookup returns the value remembered for k at time now, if k is live.
func (w *Window[V]) Lookup(k string, now int64) (V, bool) {
	w.rotate(now)
	e, ok := w.cur[k]
	if !ok {
		e, ok = w.prev[k]
	}
	if !ok || e.expiresAt <= now {
		var zero V
		return zero, false
	}
	return e.value, true
}

// Add remembers k, which Lookup has just not found, from now on.
func (w *Window[V]) Add(k string, v V, now int64) {
	if w.cur == nil {
		w.cur = make(map[string]entry[V])
	}
	w.cur[k] = entry[V]{value: v, expiresAt: now + int64(Interval)}
}

// Len returns how many ids the window holds, live or not yet dropped.
func (w *Window[V]) Len() int { return len(w.cur) + len(w.prev) }

// rotate starts a new generation once the current one is an interval old.
func (w *Window[V]) rotate(now int64) {
	w.latest = max(w.latest, now)
	if w.latest-w.curStart < int64(Interval) {
		return
	}
	dropped := w.prev
	if w.latest-w.curStart >= 2*int64(Interval) {
		dropped, w.prev = w.cur, nil // every id in cur has expired too
	} else {
		w.prev = w.cur
	}
	// The dropped generation's map is cleared for reuse, which makes no
	// garbage, unless it is much bigger than a generation now needs.
	if dropped != nil && len(dropped) <= 2*len(w.prev) {
		clear(dropped)
		w.cur = dropped
	} else {
		w.cur = make(map[string]entry[V], len(w.prev))
	}
	w.curStart = w.latest
}
