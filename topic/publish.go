package topic

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/internal/dedup"
)

// Publish publishes a message to every subscription whose filter policy it
// matches, and returns its id. It fails, publishing nothing, with the error
// SNS gives for the first rule the message breaks: an empty or oversized
// message (more than 262,144 bytes with its attributes), an invalid
// subject, attributes or MessageStructure, a missing group id on a FIFO
// topic, a deduplication id on a standard topic or a missing one on a FIFO
// topic without content-based deduplication; or with [ErrNotFound] once the
// topic is closed.
//
// When Publish returns, queue subscriptions hold the message (or are
// retrying); handler subscriptions get it in their own goroutines, so a
// slow handler never slows Publish. On a FIFO topic a publish whose
// deduplication id was seen within the last 5 minutes succeeds, answers with
// the original's id and sequence number, and delivers nothing.
func (t *Topic[T]) Publish(in PublishInput[T]) (PublishResult, error) {
	n, _, err := t.prepare(&in, 0)
	if err != nil {
		return PublishResult{}, err
	}
	var res [1]PublishResult
	if err := t.publish([]*notification[T]{n}, res[:]); err != nil {
		return PublishResult{}, err
	}
	return res[0], nil
}

// PublishBatch publishes 1–10 messages, in order, and returns one result
// per entry, in the entries' order. As on AWS, a batch with any invalid
// entry fails whole and publishes nothing: with the batch errors
// ([ErrEmptyBatchRequest], [ErrTooManyEntriesInBatchRequest],
// [ErrBatchEntryIdsNotDistinct], [ErrInvalidBatchEntryID],
// [ErrBatchRequestTooLong] when the messages add up to more than 262,144
// bytes) or with the first entry's error that Publish would give.
func (t *Topic[T]) PublishBatch(entries []PublishBatchEntry[T]) ([]PublishBatchResult, error) {
	if err := checkBatch(entries); err != nil {
		return nil, err
	}
	ns := make([]*notification[T], len(entries))
	total := 0
	for i := range entries {
		n, size, err := t.prepare(&entries[i].PublishInput, i+1)
		if err != nil {
			return nil, err
		}
		ns[i] = n
		total += size
	}
	if total > MaxMessageSize {
		return nil, ErrBatchRequestTooLong.Clone()
	}
	var res [MaxBatchEntries]PublishResult
	if err := t.publish(ns, res[:len(ns)]); err != nil {
		return nil, err
	}
	out := make([]PublishBatchResult, len(entries))
	for i := range entries {
		out[i] = PublishBatchResult{ID: entries[i].ID, PublishResult: res[i]}
	}
	return out, nil
}

// checkBatch applies SNS's rules for a batch as a whole: 1–10 entries with
// distinct ids of 1–80 characters of [A-Za-z0-9_-].
func checkBatch[T any](entries []PublishBatchEntry[T]) error {
	switch {
	case len(entries) == 0:
		return ErrEmptyBatchRequest.Clone()
	case len(entries) > MaxBatchEntries:
		return ErrTooManyEntriesInBatchRequest.Clone()
	}
	for i := range entries {
		for j := range i {
			if entries[i].ID == entries[j].ID {
				return ErrBatchEntryIdsNotDistinct.Clone()
			}
		}
	}
	for _, e := range entries {
		if len(e.ID) > 80 {
			return ErrInvalidBatchEntryID.WithMessage("The Id of a batch entry in the batch request is too long: " + e.ID)
		}
		ok := e.ID != ""
		for i := 0; ok && i < len(e.ID); i++ {
			ok = isIDChar(e.ID[i])
		}
		if !ok {
			return ErrInvalidBatchEntryID.WithMessage("The Id of a batch entry in the batch request contains an impermissible character: " + e.ID)
		}
	}
	return nil
}

// prepare checks in as SNS Publish does and makes its notification,
// returning the size SNS counts. batch is the entry's 1-based position in a
// batch, or 0; a batch entry's size is checked with the batch's total.
func (t *Topic[T]) prepare(in *PublishInput[T], batch int) (*notification[T], int, error) {
	msg, err := encodeMessage(&in.Message)
	if err != nil {
		return nil, 0, err
	}
	if msg == "" {
		return nil, 0, invalid("Empty message")
	}
	if !utf8.ValidString(msg) {
		// No endpoint could take it; SNS's wording for this case is not
		// on record.
		return nil, 0, invalid("Message")
	}
	if in.Subject != "" && !validSubject(in.Subject) {
		return nil, 0, invalid("Subject")
	}
	if err := validateAttributes(in.Attributes, batch); err != nil {
		return nil, 0, err
	}
	size := len(msg) + attr.Size(in.Attributes)
	if batch == 0 && size > MaxMessageSize {
		return nil, 0, invalid("Message too long")
	}
	n := &notification[T]{body: in.Message, message: msg, subject: in.Subject, groupID: in.GroupID}
	switch in.MessageStructure {
	case "":
	case "json":
		if n.protocols, err = parseStructure(msg); err != nil {
			return nil, 0, err
		}
	default:
		return nil, 0, invalid("MessageStructure Reason: Value " + in.MessageStructure + " is not valid. Use json or leave it out.")
	}
	if err := t.checkOrdering(in, n); err != nil {
		return nil, 0, err
	}
	if len(in.Attributes) > 0 {
		n.attrs = attr.Clone(in.Attributes)
	}
	return n, size, nil
}

// checkOrdering applies the rules for group and deduplication ids, and on
// a FIFO topic settles n's deduplication id.
func (t *Topic[T]) checkOrdering(in *PublishInput[T], n *notification[T]) error {
	if in.GroupID != "" {
		if err := checkToken("MessageGroupId", in.GroupID); err != nil {
			return err
		}
	}
	if in.DeduplicationID != "" {
		if !t.fifo {
			return invalid("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type")
		}
		if err := checkToken("MessageDeduplicationId", in.DeduplicationID); err != nil {
			return err
		}
	}
	if !t.fifo {
		return nil
	}
	if in.GroupID == "" {
		return invalid("The MessageGroupId parameter is required for FIFO topics")
	}
	n.dedupID = in.DeduplicationID
	if n.dedupID == "" {
		if !t.cfg.ContentBasedDeduplication {
			return invalid("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
		}
		sum := sha256.Sum256([]byte(n.message))
		n.dedupID = hex.EncodeToString(sum[:])
	}
	return nil
}

// publish numbers the checked notifications and delivers each, in order,
// writing their results. A FIFO topic publishes one batch at a time, so
// its subscribers see every message in sequence-number order.
func (t *Topic[T]) publish(ns []*notification[T], results []PublishResult) error {
	if t.fifo {
		t.order.Lock()
		defer t.order.Unlock()
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	if t.closed {
		return errTopicNotFound()
	}
	now := t.opts.clock.Now()
	var buf [16]*Subscription[T]
	for i, n := range ns {
		n.timestamp = now
		if t.fifo {
			key := dedup.Key(t.cfg.ThroughputScope == ThroughputPerMessageGroup, n.groupID, n.dedupID)
			if original, dup := t.dedup.Lookup(key, now.UnixNano()); dup {
				results[i] = original
				continue
			}
			t.seq++
			n.id, n.seq = newUUID(5), SequenceNumber(sequenceBase+t.seq)
			results[i] = PublishResult{MessageID: n.id, SequenceNumber: n.seq}
			t.dedup.Add(key, results[i], now.UnixNano())
		} else {
			n.id = newUUID(4)
			results[i] = PublishResult{MessageID: n.id}
		}
		for _, s := range t.matchLocked(buf[:0], n) {
			s.d.dispatch(n)
		}
	}
	return nil
}
