package queue

import "sync/atomic"

// A standard queue can be spread over lanes (WithLanes): queues of their
// own, each with its own lock, that together hold the queue's messages, as
// SQS spreads a queue over servers. Sends go to the lane of the processor
// the sending goroutine runs on, so goroutines on different processors
// rarely meet on a lock; receives try that lane first and then every other,
// so a receive still sees every available message. Lane 0 is the queue
// itself, which also keeps what the lanes share: its configuration as set,
// its purge rule, its dead-letter sources and its move tasks.

// laneToken names a lane. The tokens live in a sync.Pool, whose per-
// processor caches give each processor its own token, and so its own lane.
type laneToken struct{ lane int }

// spread makes n-1 more lanes beside q.
func (q *Queue[T]) spread(n int) {
	q.lanes = []*Queue[T]{q}
	for range n - 1 {
		l := &Queue[T]{opts: q.opts, codec: q.codec, fifo: q.fifo, name: q.name, arn: q.arn,
			rng: newRand(), cfg: q.cfg.withDefaults(), created: q.created, changed: q.changed}
		for l.id == 0 {
			l.id = l.rng.Uint64()
		}
		l.ids.state = l.rng.Uint64()
		l.resetMessagesLocked()
		l.lanes = []*Queue[T]{l}
		q.lanes = append(q.lanes, l)
	}
	if n > 1 {
		var next atomic.Uint32
		q.tokens.New = func() any { return &laneToken{lane: int(next.Add(1) % uint32(n))} }
	}
}

// lane returns the lane this goroutine's sends go to: its processor's. A
// processor that finds its lane locked moves to the next one for good, so
// that processors sharing a lane (tokens wander when goroutines move
// between processors) soon spread out again.
func (q *Queue[T]) lane() *Queue[T] {
	if len(q.lanes) == 1 {
		return q
	}
	t := q.tokens.Get().(*laneToken)
	l := q.lanes[t.lane]
	if l.mu.TryLock() {
		l.mu.Unlock()
	} else {
		t.lane = (t.lane + 1) % len(q.lanes)
		l = q.lanes[t.lane]
	}
	q.tokens.Put(t)
	return l
}

// laneOf returns the lane that issued h, or nil when none did.
func (q *Queue[T]) laneOf(h ReceiptHandle) *Queue[T] {
	for _, l := range q.lanes {
		if l.id == h.queue {
			return l
		}
	}
	return nil
}

// others returns the lanes other than q itself.
func (q *Queue[T]) others() []*Queue[T] { return q.lanes[1:] }
