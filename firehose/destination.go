package firehose

import (
	"context"
	"time"
)

// Destination is where a delivery stream delivers: each flushed buffer
// becomes one call to Deliver. A Destination that returns an error is
// called again with the same batch, after a backoff on the delivery
// stream's clock, until its retry duration runs out; then the batch's
// records go to the error output. Deliver is never called for two
// batches of one delivery stream at once.
type Destination interface {
	Deliver(ctx context.Context, b *Batch) error
}

// DestinationFunc adapts a function to a [Destination].
type DestinationFunc func(ctx context.Context, b *Batch) error

// Deliver calls f.
func (f DestinationFunc) Deliver(ctx context.Context, b *Batch) error { return f(ctx, b) }

// Batch is one delivery: the records of one flushed buffer, transformed
// and delimited, in the order they arrived. A Batch and its data belong
// to the delivery stream: a Destination must not keep them after Deliver
// returns, nor change them.
type Batch struct {
	// DeliveryStreamName, DeliveryStreamARN and Version name the delivery
	// stream and its version (1 until its destination is updated), as
	// object keys and HTTP requests do.
	DeliveryStreamName string
	DeliveryStreamARN  string
	Version            int
	// RequestID identifies the batch; it stays the same across retries,
	// so an HTTP endpoint can recognise a batch it has seen.
	RequestID string
	// Attempt counts the calls of Deliver for this batch, from 1.
	Attempt int
	// Records are the batch's records.
	Records []Record
	// PartitionKeys are the dynamic partitioning keys the batch's records
	// share (by query and by processor), nil without dynamic
	// partitioning.
	PartitionKeys PartitionKeys
	// data holds the records' data back to back, when they are.
	data []byte
}

// Record is one record of a batch.
type Record struct {
	// ID is the record id Put or PutBatch returned for the record.
	ID RecordID
	// ArrivalTime is when the delivery stream took the record (to the
	// millisecond), or the stream record's arrival time for a delivery
	// stream that reads a stream.
	ArrivalTime time.Time
	// Data is the record's data after transformation, with the newline
	// delimiter when the delivery stream appends one.
	Data []byte
}

// PartitionKeys are a record's dynamic partitioning keys, from the
// delivery stream's queries and from its processor.
type PartitionKeys struct {
	// Query are the keys !{partitionKeyFromQuery:name} reads.
	Query map[string]string
	// Processor are the keys !{partitionKeyFromLambda:name} reads.
	Processor map[string]string
}

// Data returns the batch's records' data back to back, as an object
// holds it uncompressed. It does not copy when the records lie back to
// back already, as they do unless a processor changed them.
func (b *Batch) Data() []byte {
	if b.data != nil {
		return b.data
	}
	n := 0
	for _, r := range b.Records {
		n += len(r.Data)
	}
	out := make([]byte, 0, n)
	for _, r := range b.Records {
		out = append(out, r.Data...)
	}
	b.data = out
	return out
}

// OldestArrival returns the arrival time of the batch's oldest record,
// which the timestamps of an object's key and prefix use.
func (b *Batch) OldestArrival() time.Time {
	var oldest time.Time
	for i, r := range b.Records {
		if i == 0 || r.ArrivalTime.Before(oldest) {
			oldest = r.ArrivalTime
		}
	}
	return oldest
}

// DeliveryError is a destination's failure with the error code and
// message that error-output records carry (such as
// "HttpEndpoint.DestinationException"). A permanent one is not retried.
type DeliveryError struct {
	Code      string
	Message   string
	Permanent bool
}

func (e *DeliveryError) Error() string { return e.Code + ": " + e.Message }
