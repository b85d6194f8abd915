package queue

import (
	"maps"
	"slices"
)

// attemptWindow is how long a FIFO receive can be retried with the same
// ReceiveRequestAttemptId.
const attemptWindow = int64(DeduplicationWindow)

// attempts remembers what each FIFO receive request attempt returned.
type attempts map[string]attempt

type attempt struct {
	handles   []ReceiptHandle
	expiresAt int64
}

// sweepAbove is the number of remembered attempts past which remembering
// one more first forgets the expired ones.
const sweepAbove = 1024

func (q *Queue[T]) rememberAttemptLocked(id string, msgs []Message[T], now int64) {
	if q.attempts == nil {
		q.attempts = make(attempts)
	}
	if len(q.attempts) > sweepAbove {
		maps.DeleteFunc(q.attempts, func(_ string, a attempt) bool { return a.expiresAt <= now })
	}
	handles := make([]ReceiptHandle, len(msgs))
	for i := range msgs {
		handles[i] = msgs[i].ReceiptHandle
	}
	q.attempts[id] = attempt{handles: handles, expiresAt: now + attemptWindow}
}

// retryAttemptLocked answers a retried FIFO receive: if every message the
// attempt returned is still in flight under the same handle, it returns
// them again, appended to dst, and restarts their visibility timeout.
func (q *Queue[T]) retryAttemptLocked(now int64, req *receiveRequest, dst []Message[T]) ([]Message[T], bool) {
	a, ok := q.attempts[req.attempt]
	if !ok {
		return dst, false
	}
	delete(q.attempts, req.attempt)
	if a.expiresAt <= now {
		return dst, false
	}
	recs := make([]*record[T], len(a.handles))
	for i, h := range a.handles {
		r := q.records.get(h.slot, h.seq)
		if r == nil || !current(r, h, now) || r.visibilityChanged {
			return dst, false
		}
		recs[i] = r
	}
	msgs := slices.Grow(dst, len(recs))
	for _, r := range recs {
		r.visibleAt = now + int64(req.visibility)
		q.timeline.reschedule(r)
		msgs = append(msgs, Message[T]{})
		q.messageLocked(r, req, &msgs[len(msgs)-1])
	}
	q.attempts[req.attempt] = a
	return msgs, true
}
