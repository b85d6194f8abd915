package queue

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/internal/dedup"
)

// Send stores a message. It fails, storing nothing, with the error SQS
// gives for the first rule the message breaks: an empty or oversized body,
// invalid attributes, a delay out of range or given on a FIFO queue, a
// missing group id on a FIFO queue, a deduplication id on a standard queue
// or a missing one on a FIFO queue without content-based deduplication.
//
// On a FIFO queue a send whose deduplication id was seen within the last 5
// minutes succeeds, answers with the original message's id, and stores
// nothing.
func (q *Queue[T]) Send(in SendInput[T]) (SendResult, error) {
	return q.sendOn(q.lane(), in, false)
}

// SendShared is [Queue.Send] for a caller that hands in.Attributes over:
// the queue keeps the map itself rather than a copy, and only ever reads
// it (receives return copies). The caller must not change the map, or the
// values in it, after the call; it may send the same map to many queues,
// which is how a topic fans one message out without a copy per queue.
func (q *Queue[T]) SendShared(in SendInput[T]) (SendResult, error) {
	return q.sendOn(q.lane(), in, true)
}

// sendOn sends in on lane l, keeping its attributes map itself when
// shared is set.
func (q *Queue[T]) sendOn(l *Queue[T], in SendInput[T], shared bool) (SendResult, error) {
	if q.closed.Load() {
		return SendResult{}, errClosed()
	}
	c, err := q.checkMessage(&in)
	if err != nil {
		return SendResult{}, err
	}
	now := q.now() // read before locking: the clock can be slow to read
	l.mu.Lock()
	defer l.mu.Unlock()
	var a admission
	if err := l.admitLocked(&in, &c, now, &a); err != nil {
		return SendResult{}, err
	}
	l.expireLocked(now)
	res := l.storeLocked(&in, &a, now, shared)
	l.armLocked()
	return res, nil
}

// SendBatch sends 1–10 messages. A malformed batch (no entries, more than
// 10, ids repeated or invalid, more than 1 MiB in all) fails whole with the
// batch error. Otherwise each entry succeeds or fails on its own, and the
// result at each entry's index says which; a FIFO queue stores the
// successful entries in their order.
func (q *Queue[T]) SendBatch(entries []SendBatchEntry[T]) ([]SendBatchResult, error) {
	return q.AppendSendBatch(nil, entries)
}

// AppendSendBatch is [Queue.SendBatch] that appends the results to dst and
// returns the extended slice; on a batch error it returns dst unchanged. A
// loop that sends with the same slice each time, dst[:0], makes no garbage.
func (q *Queue[T]) AppendSendBatch(dst []SendBatchResult, entries []SendBatchEntry[T]) ([]SendBatchResult, error) {
	if q.closed.Load() {
		return dst, errClosed()
	}
	if err := checkBatchIDs(entries, func(e *SendBatchEntry[T]) string { return e.ID }, "SendMessageBatchRequestEntry"); err != nil {
		return dst, err
	}
	var checked [10]checked
	var errs [10]error
	total := 0
	for i := range entries {
		checked[i], errs[i] = q.checkMessage(&entries[i].SendInput)
		total += checked[i].size
	}
	if total > MaxMessageSize {
		return dst, ErrBatchRequestTooLong.Errorf("Batch requests cannot be longer than %d bytes. You have sent %d bytes.", MaxMessageSize, total)
	}
	grown := slices.Grow(dst, len(entries))[:len(dst)+len(entries)]
	results := grown[len(dst):]
	for i := range results {
		results[i] = SendBatchResult{Err: errs[i]}
	}
	now := q.now()
	l := q.lane()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expireLocked(now)
	var a admission
	for i := range entries {
		if results[i].Err != nil {
			continue
		}
		in := &entries[i].SendInput
		if results[i].Err = l.admitLocked(in, &checked[i], now, &a); results[i].Err == nil {
			results[i].SendResult = l.storeLocked(in, &a, now, false)
		}
	}
	l.armLocked()
	return grown, nil
}

// checked is what checking a message outside the lock found.
type checked struct {
	size      int    // as SQS counts it
	contentID string // a FIFO message's content-based deduplication id
}

// checkMessage applies the rules that do not depend on the queue's
// attributes, sizes the message, and for a FIFO message without a
// deduplication id hashes its body, in case the queue deduplicates by
// content.
func (q *Queue[T]) checkMessage(in *SendInput[T]) (checked, error) {
	var c checked
	content := q.fifo && in.DeduplicationID == ""
	size, data, err := q.codec.measure(&in.Body, content)
	if err != nil {
		return c, err
	}
	if err := q.codec.check(&in.Body, size); err != nil {
		return c, err
	}
	if content {
		sum := sha256.Sum256(data)
		c.contentID = hex.EncodeToString(sum[:])
	}
	if len(in.Attributes) > 0 {
		if err := attr.Validate(in.Attributes); err != nil {
			return c, err
		}
		size += attr.Size(in.Attributes)
	}
	c.size = size
	if d := in.Delay; d != nil && !inRange(*d, 0, MaxDelay) {
		return c, ErrInvalidParameterValue.Errorf("Value %d for parameter DelaySeconds is invalid. Reason: Must be >= 0 and <= 900, if provided.", *d/time.Second)
	}
	if in.GroupID != "" {
		if err := checkToken("MessageGroupId", in.GroupID); err != nil {
			return c, err
		}
	}
	if in.DeduplicationID != "" {
		if err := checkToken("MessageDeduplicationId", in.DeduplicationID); err != nil {
			return c, err
		}
	}
	return c, nil
}

// admission is what a send needs once admitted: its delay, its
// deduplication key, and, for a duplicate, the original's answer.
type admission struct {
	delay     time.Duration
	dedupID   string
	dedupKey  string
	duplicate bool
	original  SendResult // a duplicate's answer
}

// admitLocked applies the rules that depend on the queue's type and
// attributes, and the deduplication window.
func (q *Queue[T]) admitLocked(in *SendInput[T], c *checked, now int64, a *admission) error {
	if c.size > q.cfg.MaxMessageSize {
		return ErrInvalidParameterValue.Errorf("One or more parameters are invalid. Reason: Message must be shorter than %d bytes.", q.cfg.MaxMessageSize)
	}
	*a = admission{delay: q.cfg.Delay}
	if !q.fifo {
		if in.DeduplicationID != "" {
			return ErrInvalidParameterValue.Errorf("Value %s for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type.", in.DeduplicationID)
		}
		if in.Delay != nil {
			a.delay = *in.Delay
		}
		return nil
	}
	if in.Delay != nil && *in.Delay != 0 {
		return ErrInvalidParameterValue.Errorf("Value %d for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.", *in.Delay/time.Second)
	}
	if in.GroupID == "" {
		return ErrMissingParameter.WithMessage("The request must contain the parameter MessageGroupId.")
	}
	a.dedupID = in.DeduplicationID
	if a.dedupID == "" {
		if !q.cfg.ContentBasedDeduplication {
			return ErrInvalidParameterValue.WithMessage("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
		}
		a.dedupID = c.contentID
	}
	a.dedupKey = dedup.Key(q.cfg.DeduplicationScope == DedupPerMessageGroup, in.GroupID, a.dedupID)
	a.original, a.duplicate = q.dedup.Lookup(a.dedupKey, now)
	return nil
}

// storeLocked stores an admitted message and wakes a waiting receive. With
// shared set it keeps the sender's attributes map rather than a copy.
func (q *Queue[T]) storeLocked(in *SendInput[T], a *admission, now int64, shared bool) SendResult {
	if a.duplicate {
		return a.original
	}
	r := q.records.alloc()
	q.nextSeq++
	r.seq = q.nextSeq
	id := q.ids.next()
	r.id = id
	r.body = in.Body
	r.enqueuedAt = now
	if len(in.Attributes) > 0 {
		if shared {
			r.ext().attributes = in.Attributes
		} else {
			r.ext().attributes = attr.Clone(in.Attributes)
		}
	}
	if in.AWSTraceHeader != "" {
		r.ext().traceHeader = in.AWSTraceHeader
	}
	res := SendResult{MessageID: id}
	if q.fifo {
		r.group = q.groups.get(in.GroupID)
		r.dedupID = a.dedupID
		res.SequenceNumber = sequenceNumber(r.seq)
		q.dedup.Add(a.dedupKey, res, now)
	} else if in.GroupID != "" {
		r.ext().groupID = in.GroupID
	}
	q.placeLocked(r, now, a.delay)
	return res
}

// placeLocked links a new record in: delayed into the timeline, otherwise
// available, waking one waiting receive.
func (q *Queue[T]) placeLocked(r *record[T], now int64, delay time.Duration) {
	insertByEnqueue(&q.live, &q.records, r)
	if delay > 0 {
		r.visibleAt = now + int64(delay)
		q.timeline.push(r)
		q.counts.Delayed++
		return
	}
	q.counts.Available++
	q.enqueueLocked(r)
	q.waiters.wake(1)
}

// checkToken checks a group id, deduplication id or receive request
// attempt id: 1–128 alphanumeric or punctuation characters.
func checkToken(param, v string) error {
	ok := len(v) >= 1 && len(v) <= 128
	for i := 0; ok && i < len(v); i++ {
		c := v[i]
		ok = c > ' ' && c < 0x7f
	}
	if !ok {
		return ErrInvalidParameterValue.Errorf("Value %s for parameter %s is invalid. Reason: %s can only include alphanumeric and punctuation characters. 1 to 128 in length.", v, param, param)
	}
	return nil
}

// checkBatchIDs applies SQS's batch rules: 1–10 entries with distinct ids
// of 1–80 characters of [A-Za-z0-9_-]. entry names the request entry type
// in the empty-batch message.
func checkBatchIDs[E any](entries []E, id func(*E) string, entry string) error {
	if len(entries) == 0 {
		return ErrEmptyBatchRequest.Errorf("There should be at least one %s in the request.", entry)
	}
	if len(entries) > 10 {
		return ErrTooManyEntriesInBatchRequest.Errorf("Maximum number of entries per request are 10. You have sent %d.", len(entries))
	}
	// Ids are told apart by a cheap key (length, first and last byte)
	// first, so that the usual distinct ids cost no string comparison.
	var ids [10]string
	var keys [10]uint32
	for i := range entries {
		s := id(&entries[i])
		ok := len(s) >= 1 && len(s) <= 80
		for j := 0; ok && j < len(s); j++ {
			ok = isIDChar(s[j])
		}
		if !ok {
			return ErrInvalidBatchEntryID.Clone()
		}
		key := uint32(len(s))<<16 | uint32(s[0])<<8 | uint32(s[len(s)-1])
		for j := range i {
			if keys[j] == key && ids[j] == s {
				return ErrBatchEntryIdsNotDistinct.Errorf("Id %s repeated.", s)
			}
		}
		ids[i], keys[i] = s, key
	}
	return nil
}
