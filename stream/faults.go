package stream

import "errors"

// Call is one data-plane call the stream is about to serve, or one record
// of a PutRecords call, as a fault hook ([WithFaults]) sees it.
type Call struct {
	// Operation is "PutRecord", "PutRecords" or "GetRecords".
	Operation string
	// ShardID is the shard the record is routed to, or the shard read.
	ShardID string
	// PartitionKey is the record's partition key; empty for GetRecords.
	PartitionKey string
	// Index is the record's position in a PutRecords request; 0 otherwise.
	Index int
}

// WithFaults makes the stream ask fail before it stores each record and
// before it serves each GetRecords call, so that a test can make exactly
// the calls it chooses fail and check its producer's retries, whatever the
// timing. A nil answer lets the call go on (and meet the throughput
// limits, if any); an error fails it as AWS fails it:
//
//   - in [Stream.PutBatch], only that record: its entry carries the
//     error's code and message, and the other records are stored. AWS
//     reports only [ErrProvisionedThroughputExceeded] and
//     [ErrInternalFailure] per record;
//   - in [Stream.Put] and [Stream.GetRecords], the call, which stores or
//     reads nothing.
//
// An error that is not an [*Error] counts as [ErrInternalFailure] with the
// error's text as its message. fail runs while the stream is locked, so
// that its answer holds for the record it was asked about: it must not
// call the stream. Reads by [Stream.Read], [Stream.Follow], subscriptions
// and consumer groups do not consult it.
func WithFaults(fail func(Call) error) Option {
	return func(o *options) { o.faults = fail }
}

// faultLocked asks the stream's fault hook, if it has one, about a call
// on shard sh, and returns the error to fail it with, or nil.
func (s *Stream[T]) faultLocked(op string, sh *shard[T], partitionKey string, index int) *Error {
	if s.opts.faults == nil {
		return nil
	}
	err := s.opts.faults(Call{Operation: op, ShardID: sh.id, PartitionKey: partitionKey, Index: index})
	if err == nil {
		return nil
	}
	if e := (*Error)(nil); errors.As(err, &e) {
		return e.Clone()
	}
	return ErrInternalFailure.WithMessage(err.Error())
}
