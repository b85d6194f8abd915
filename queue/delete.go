package queue

import "time"

// Delete deletes the message a receive returned. Deleting a message that
// is gone (deleted, expired, moved to a dead-letter queue) succeeds. On a
// standard queue any handle the message was ever received with deletes it;
// on a FIFO queue, while the message is stored, the handle must be its
// latest and the message still in flight, or the delete fails with
// [ErrInvalidParameterValue] ("The receipt handle has expired."). A handle
// this queue did not issue gives [ErrReceiptHandleIsInvalid].
func (q *Queue[T]) Delete(h ReceiptHandle) error {
	return q.onLane(h, q.deleteTime(), func(l *Queue[T], now int64) error {
		return l.deleteHandleLocked(h, now)
	})
}

// DeleteBatch deletes 1–10 messages. A malformed batch fails whole;
// otherwise each entry succeeds or fails as [Queue.Delete] would, and the
// entries that failed are returned, in order: none when all succeeded.
func (q *Queue[T]) DeleteBatch(entries []BatchEntry) ([]BatchFailure, error) {
	return q.batch(entries, "DeleteMessageBatchRequestEntry", q.deleteTime, func(l *Queue[T], e *BatchEntry, now int64) error {
		return l.deleteHandleLocked(e.ReceiptHandle, now)
	})
}

// ChangeVisibility sets how long the message a receive returned stays
// invisible, counted from now: zero makes it visible at once. The total
// since the receive may not pass 12 hours. A handle this queue did not issue
// gives [ErrReceiptHandleIsInvalid]; a deleted message gives
// [ErrInvalidParameterValue]. On a standard queue a stale handle of a message
// no longer in flight succeeds and changes nothing; on a FIFO queue it fails
// as expired.
func (q *Queue[T]) ChangeVisibility(h ReceiptHandle, timeout time.Duration) error {
	return q.onLane(h, q.now(), func(l *Queue[T], now int64) error {
		return l.changeVisibilityLocked(h, timeout, now)
	})
}

// ChangeVisibilityBatch changes the visibility of 1–10 messages, each entry
// as [Queue.ChangeVisibility] would, and returns the entries that failed,
// in order.
func (q *Queue[T]) ChangeVisibilityBatch(entries []BatchEntry) ([]BatchFailure, error) {
	return q.batch(entries, "ChangeMessageVisibilityBatchRequestEntry", q.now, func(l *Queue[T], e *BatchEntry, now int64) error {
		return l.changeVisibilityLocked(e.ReceiptHandle, e.VisibilityTimeout, now)
	})
}

// onLane runs op, under its lock, on the lane that issued h; a handle no
// lane issued gives [ErrReceiptHandleIsInvalid].
func (q *Queue[T]) onLane(h ReceiptHandle, now int64, op func(l *Queue[T], now int64) error) error {
	if q.closed.Load() {
		return errClosed()
	}
	l := q.laneOf(h)
	if l == nil {
		return invalidHandle(h.String())
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return op(l, now)
}

// batch checks a delete or visibility batch and applies op to each entry,
// at the time clock gives, under one hold of each lane's lock the batch
// touches. It returns the entries that failed, in order.
func (q *Queue[T]) batch(entries []BatchEntry, entry string, clock func() int64, op func(*Queue[T], *BatchEntry, int64) error) ([]BatchFailure, error) {
	if q.closed.Load() {
		return nil, errClosed()
	}
	if err := checkBatchIDs(entries, func(e *BatchEntry) string { return e.ID }, entry); err != nil {
		return nil, err
	}
	var errs [10]error
	var lanes [10]*Queue[T]
	for i := range entries {
		if lanes[i] = q.laneOf(entries[i].ReceiptHandle); lanes[i] == nil {
			errs[i] = invalidHandle(entries[i].ReceiptHandle.String())
		}
	}
	now := clock()
	for _, l := range q.lanes {
		locked := false
		for i := range entries {
			if lanes[i] != l {
				continue
			}
			if !locked {
				l.mu.Lock()
				locked = true
			}
			errs[i] = op(l, &entries[i], now)
		}
		if locked {
			l.mu.Unlock()
		}
	}
	var failed []BatchFailure
	for i, err := range errs[:len(entries)] {
		if err != nil {
			failed = append(failed, BatchFailure{ID: entries[i].ID, Err: err})
		}
	}
	return failed, nil
}

// deleteTime is the time a delete runs at. Only a FIFO queue's deletes
// depend on it (an expired handle fails there), so a standard queue's skip
// reading the clock, which is a good part of a delete's cost.
func (q *Queue[T]) deleteTime() int64 {
	if q.fifo {
		return q.now()
	}
	return 0
}

// lookupLocked finds the record h names. It fails for a handle this queue
// did not issue; it returns nil, nil for a message that has been deleted.
func (q *Queue[T]) lookupLocked(h ReceiptHandle) (*record[T], error) {
	if h.queue != q.id || h.seq == 0 || h.seq > q.nextSeq {
		return nil, invalidHandle(h.String())
	}
	return q.records.get(h.slot, h.seq), nil
}

// current reports whether h is the handle of r's ongoing receive at now.
// It reads visibleAt rather than waiting for the queue to advance, so that
// deletes need not move expired messages first.
func current[T any](r *record[T], h ReceiptHandle, now int64) bool {
	return r.inFlight() && r.receiveCount == h.receive && r.visibleAt > now
}

func expiredHandle(h ReceiptHandle) error {
	return ErrInvalidParameterValue.Errorf("Value %s for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.", h)
}

func (q *Queue[T]) deleteHandleLocked(h ReceiptHandle, now int64) error {
	r, err := q.lookupLocked(h)
	if err != nil || r == nil {
		return err
	}
	if q.fifo && !current(r, h, now) {
		return expiredHandle(h)
	}
	g, wasInFlight := r.group, r.inFlight()
	atLimit := q.counts.InFlight >= q.opts.inFlightLimit
	q.deleteLocked(r)
	// A FIFO delete can make messages receivable without adding any: by
	// unblocking the message's group, or by freeing the in-flight limit.
	if g != nil && wasInFlight && (g.ready || atLimit && q.counts.Available > 0) {
		q.waiters.wake(1)
	}
	return nil
}

func (q *Queue[T]) changeVisibilityLocked(h ReceiptHandle, timeout time.Duration, now int64) error {
	if !inRange(timeout, 0, MaxVisibilityTimeout) {
		return ErrInvalidParameterValue.Errorf("Value %d for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.", timeout/time.Second)
	}
	r, err := q.lookupLocked(h)
	if err != nil {
		return err
	}
	if r == nil {
		return ErrInvalidParameterValue.Errorf("Value %s for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.", h)
	}
	if !current(r, h, now) {
		if q.fifo {
			return expiredHandle(h)
		}
		return nil
	}
	if now-r.receivedAt+int64(timeout) > int64(MaxVisibilityTimeout) {
		return ErrInvalidParameterValue.Errorf("Value %d for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]", timeout/time.Second)
	}
	r.visibleAt = now + int64(timeout)
	r.visibilityChanged = true
	q.timeline.reschedule(r)
	if timeout == 0 {
		q.advanceLocked(now)
	}
	q.armLocked()
	return nil
}
