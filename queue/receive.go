package queue

import (
	"context"
	"slices"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/internal/attr"
)

// Receive returns up to opts.MaxMessages messages and makes them invisible
// for the visibility timeout. With a wait time it blocks until a message is
// available, the wait time passes (returning no messages and no error) or
// ctx ends (returning ctx.Err(); no message is taken). Each returned message
// carries a new receipt handle.
//
// A message whose receive count would pass its redrive policy's
// MaxReceiveCount moves to the dead-letter queue instead of being returned.
// A standard queue at its in-flight limit fails with [ErrOverLimit]; a FIFO
// queue at its limit returns nothing.
func (q *Queue[T]) Receive(ctx context.Context, opts ReceiveOptions) ([]Message[T], error) {
	return q.AppendReceive(ctx, nil, opts)
}

// AppendReceive is [Queue.Receive] that appends the messages to dst and
// returns the extended slice; on an error it returns dst unchanged. A loop
// that receives into the same slice each time, dst[:0], makes no garbage.
func (q *Queue[T]) AppendReceive(ctx context.Context, dst []Message[T], opts ReceiveOptions) ([]Message[T], error) {
	req, err := newReceiveRequest(opts)
	if err != nil {
		return dst, err
	}
	if err := ctx.Err(); err != nil {
		return dst, err
	}
	home := q.lane()
	var w *waiter
	var timer clock.Timer
	for {
		// A waiting receive registers before it looks, so that a message
		// sent after the look wakes it.
		if w != nil {
			q.register(w)
		}
		msgs, err := q.take(home, &req, w == nil, dst)
		if len(msgs) > len(dst) || err != nil || req.wait <= 0 || (w != nil && w.timedOut()) {
			if w != nil {
				q.unregister(w)
				timer.Stop()
			}
			return msgs, err
		}
		if w == nil {
			// The timer closes over its own variable: one shared with w
			// would move w to the heap on every receive, waiting or not.
			nw := newWaiter()
			w, timer = nw, q.opts.clock.AfterFunc(req.wait, func() { close(nw.expired) })
			continue
		}
		select {
		case <-w.signal:
		case <-w.expired:
		case <-ctx.Done():
			q.unregister(w)
			timer.Stop()
			return dst, ctx.Err()
		}
	}
}

// take receives from the lanes, home first, appending to dst until req.max
// messages are taken or every lane has been looked at. The first look also
// fills in the queue's defaults.
func (q *Queue[T]) take(home *Queue[T], req *receiveRequest, first bool, dst []Message[T]) ([]Message[T], error) {
	if q.closed.Load() {
		return dst, errClosed() // also how a long poll woken by Close ends
	}
	now := q.now() // read before locking: the clock can be slow to read
	msgs := dst
	var err error
	for i := -1; i < len(q.lanes) && len(msgs)-len(dst) < req.max; i++ {
		l := home
		if i >= 0 {
			if l = q.lanes[i]; l == home {
				continue
			}
		}
		l.mu.Lock()
		if first {
			req.defaults(l.cfg.ReceiveWaitTime, *l.cfg.VisibilityTimeout)
			first = false
		}
		l.advanceLocked(now)
		part := *req
		part.max = req.max - (len(msgs) - len(dst))
		var dead bool
		var lerr error
		msgs, dead, lerr = l.takeLocked(now, &part, msgs)
		l.mu.Unlock()
		if dead {
			l.flushOutbox()
		}
		if err == nil {
			err = lerr
		}
	}
	if len(msgs) > len(dst) {
		return msgs, nil // a lane over its in-flight limit does not fail the others' messages
	}
	return dst, err
}

// register adds w to every lane's waiters (where a wake has not left it)
// and lets each lane arm its wake timer.
func (q *Queue[T]) register(w *waiter) {
	for _, l := range q.lanes {
		l.mu.Lock()
		l.waiters.add(w)
		l.armLocked()
		l.mu.Unlock()
	}
}

// unregister removes w from every lane. A wakeup w has not taken (given
// for a message it may not have received) is passed on: looked for under
// each lane's lock, so that a send racing the removal cannot be missed.
func (q *Queue[T]) unregister(w *waiter) {
	woken := false
	for _, l := range q.lanes {
		l.mu.Lock()
		l.waiters.remove(w)
		if !woken {
			select {
			case <-w.signal:
				woken = true
			default:
			}
		}
		if woken {
			l.waiters.wake(1)
		}
		l.armLocked()
		l.mu.Unlock()
	}
}

// receiveRequest is a validated receive.
type receiveRequest struct {
	max        int
	wait       time.Duration
	visibility time.Duration
	attributes []string
	system     systemSet
	attempt    string

	waitSet, visibilitySet bool
}

// defaults fills in the queue's wait time and visibility timeout where the
// receive left them out.
func (req *receiveRequest) defaults(wait, visibility time.Duration) {
	if !req.waitSet {
		req.wait = wait
	}
	if !req.visibilitySet {
		req.visibility = visibility
	}
}

func newReceiveRequest(o ReceiveOptions) (receiveRequest, error) {
	req := receiveRequest{max: o.MaxMessages, attributes: o.AttributeNames, attempt: o.ReceiveRequestAttemptID}
	if req.max == 0 {
		req.max = 1
	}
	if req.max < 1 || req.max > 10 {
		return req, ErrInvalidParameterValue.Errorf("Value %d for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.", o.MaxMessages)
	}
	if o.WaitTime != nil {
		req.wait, req.waitSet = *o.WaitTime, true
		if !inRange(req.wait, 0, MaxReceiveWaitTime) {
			return req, ErrInvalidParameterValue.Errorf("Value %d for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.", req.wait/time.Second)
		}
	}
	if o.VisibilityTimeout != nil {
		req.visibility, req.visibilitySet = *o.VisibilityTimeout, true
		if !inRange(req.visibility, 0, MaxVisibilityTimeout) {
			return req, ErrInvalidParameterValue.Errorf("Value %d for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.", req.visibility/time.Second)
		}
	}
	if req.attempt != "" {
		if err := checkToken("ReceiveRequestAttemptId", req.attempt); err != nil {
			return req, err
		}
	}
	var err error
	req.system, err = parseSystemNames(o.SystemAttributeNames)
	return req, err
}

// takeLocked receives up to req.max available messages, appending them to
// dst. Messages that have run out of receives are taken out into the
// dead-letter outbox; it reports whether it put any there, for the caller to
// flush once the lock is released.
func (q *Queue[T]) takeLocked(now int64, req *receiveRequest, dst []Message[T]) ([]Message[T], bool, error) {
	if q.fifo && req.attempt != "" {
		if msgs, ok := q.retryAttemptLocked(now, req, dst); ok {
			return msgs, false, nil
		}
	}
	limit := q.opts.inFlightLimit
	if q.counts.InFlight >= limit {
		if q.fifo {
			return dst, false, nil
		}
		return dst, false, ErrOverLimit.Errorf("The maximum number of in flight messages (%d) has been reached.", limit)
	}
	msgs := dst
	taken := func() int { return len(msgs) - len(dst) }
	dead := false
	policy := q.cfg.RedrivePolicy
	take := func(r *record[T]) {
		if policy != nil && int(r.receiveCount) >= policy.MaxReceiveCount {
			q.outbox.add(policy.DeadLetterQueue, false, q.takeOutLocked(r))
			dead = true
			return
		}
		if len(msgs) == len(dst) {
			msgs = slices.Grow(msgs, min(req.max, q.counts.Available))
		}
		msgs = append(msgs, Message[T]{})
		q.receiveLocked(r, now, req, &msgs[len(msgs)-1])
	}
	if q.fifo {
		for g := q.groups.ready.head; g != nil && taken() < req.max && q.counts.InFlight < limit; g = q.groups.ready.head {
			// A ready group has nothing in flight: take from its front.
			for r := q.records.ptr(g.messages.head); r != nil && taken() < req.max && q.counts.InFlight < limit; {
				after := next(&g.messages, &q.records, r)
				take(r)
				r = after
			}
			q.groups.update(g)
		}
		if req.attempt != "" && taken() > 0 {
			q.rememberAttemptLocked(req.attempt, msgs[len(dst):], now)
		}
		return msgs, dead, nil
	}
	for q.avail.len > 0 && taken() < req.max && q.counts.InFlight < limit {
		take(q.pickLocked())
	}
	return msgs, dead, nil
}

// pickLocked chooses the next available message of a standard queue: the
// oldest, or in at-least-once mode one of the oldest few at random.
func (q *Queue[T]) pickLocked() *record[T] {
	r := q.records.at(q.avail.head)
	if a := q.opts.atLeastOnce; a != nil {
		for skip := q.rng.IntN(min(a.Window, q.avail.len)); skip > 0; skip-- {
			r = next(&q.avail, &q.records, r)
		}
	}
	return r
}

// receiveLocked makes available message r in flight and fills m with it.
func (q *Queue[T]) receiveLocked(r *record[T], now int64, req *receiveRequest, m *Message[T]) {
	if r.group != nil {
		r.group.inFlight++
	} else {
		remove(&q.avail, &q.records, r)
	}
	r.receiveCount++
	if r.receiveCount == 1 {
		r.firstReceiveAt = now
	}
	r.receivedAt = now
	r.visibilityChanged = false
	r.visibleAt = now + int64(req.visibility)
	if a := q.opts.atLeastOnce; a != nil && q.rng.Float64() < a.DuplicateRate {
		r.visibleAt = now // delivered again on a later receive
	}
	q.timeline.push(r)
	q.counts.Available--
	q.counts.InFlight++
	q.messageLocked(r, req, m)
}

// messageLocked fills m, which is zero, with the received form of r.
func (q *Queue[T]) messageLocked(r *record[T], req *receiveRequest, m *Message[T]) {
	m.ID = r.id
	m.ReceiptHandle = ReceiptHandle{queue: q.id, seq: r.seq, slot: r.slot, receive: r.receiveCount}
	m.Body = r.body
	if r.extra != nil && len(req.attributes) > 0 {
		m.Attributes = attr.Select(r.extra.attributes, req.attributes)
	}
	if req.system != 0 {
		m.System = q.systemLocked(r, req.system)
	}
}
