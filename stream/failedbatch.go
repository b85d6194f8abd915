package stream

import (
	"context"
	"encoding/json"
	"time"
)

// What a group does with the records it gives up: Lambda's on-failure
// destination and the invocation record it receives.

// FailureDestination receives the batches given up (Lambda's on-failure
// destination). SendFailure is called by the worker that holds the shard,
// in the shard's order, and may be called concurrently for different
// shards, so it must be safe for concurrent use. If it returns an error
// the worker stops and [Group.Run] returns it, and the failed records are
// not checkpointed, so that they are processed again when the shard is
// next taken; an error that is only the end of its ctx (the worker
// stopping) does not stop the worker with an error.
type FailureDestination[T any] interface {
	SendFailure(ctx context.Context, f *FailedBatch[T]) error
}

// FailureDestinationFunc adapts a function to [FailureDestination].
type FailureDestinationFunc[T any] func(ctx context.Context, f *FailedBatch[T]) error

// SendFailure calls f.
func (f FailureDestinationFunc[T]) SendFailure(ctx context.Context, fb *FailedBatch[T]) error {
	return f(ctx, fb)
}

// The Conditions of a [FailedBatch], as Lambda writes them in the
// requestContext of an invocation record.
const (
	// ConditionRetryAttemptsExhausted: the batch failed on its last retry
	// (GroupConfig.MaximumRetryAttempts).
	ConditionRetryAttemptsExhausted = "RetryAttemptsExhausted"
	// ConditionRecordAgeExceeded: the records failed and were too old to
	// be retried (GroupConfig.MaximumRecordAge, or the stream's
	// retention).
	ConditionRecordAgeExceeded = "RecordAgeExceeded"
)

// FailedBatch is a batch of one shard given up, as a Lambda event-source
// mapping sends it to its on-failure destination. Its JSON encoding is
// Lambda's invocation record for Kinesis (requestContext, responseContext,
// version, timestamp and KinesisBatchInfo), which names the records by
// their sequence numbers; the records themselves are in Records.
type FailedBatch[T any] struct {
	// RequestID identifies the failure: a random UUID.
	RequestID string
	// Condition says why the batch was given up:
	// ConditionRetryAttemptsExhausted or ConditionRecordAgeExceeded.
	Condition string
	// ApproximateInvokeCount is how many times the handler was called for
	// these records before they were given up, since the batch they came
	// in was last split.
	ApproximateInvokeCount int
	// Err is the handler's last error.
	Err error
	// Timestamp is when the batch was given up, on the stream's clock.
	Timestamp time.Time
	StreamARN string
	ShardID   string
	// Records are the records given up, oldest first.
	Records []Record[T]

	functionARN string
}

// MarshalJSON writes f as Lambda's invocation record for a Kinesis
// on-failure destination. The function ARN it names is
// arn:aws:lambda:region:account:function: and the group's name.
func (f *FailedBatch[T]) MarshalJSON() ([]byte, error) {
	type requestContext struct {
		RequestID              string `json:"requestId"`
		FunctionARN            string `json:"functionArn"`
		Condition              string `json:"condition"`
		ApproximateInvokeCount int    `json:"approximateInvokeCount"`
	}
	type responseContext struct {
		StatusCode      int    `json:"statusCode"`
		ExecutedVersion string `json:"executedVersion"`
		FunctionError   string `json:"functionError"`
	}
	type batchInfo struct {
		ShardID                         string `json:"shardId"`
		StartSequenceNumber             string `json:"startSequenceNumber"`
		EndSequenceNumber               string `json:"endSequenceNumber"`
		ApproximateArrivalOfFirstRecord string `json:"approximateArrivalOfFirstRecord"`
		ApproximateArrivalOfLastRecord  string `json:"approximateArrivalOfLastRecord"`
		BatchSize                       int    `json:"batchSize"`
		StreamARN                       string `json:"streamArn"`
	}
	type record struct {
		RequestContext   requestContext  `json:"requestContext"`
		ResponseContext  responseContext `json:"responseContext"`
		Version          string          `json:"version"`
		Timestamp        string          `json:"timestamp"`
		KinesisBatchInfo batchInfo       `json:"KinesisBatchInfo"`
	}
	const isoMillis = "2006-01-02T15:04:05.000Z"
	r := record{
		RequestContext:  requestContext{f.RequestID, f.functionARN, f.Condition, f.ApproximateInvokeCount},
		ResponseContext: responseContext{StatusCode: 200, ExecutedVersion: "$LATEST", FunctionError: "Unhandled"},
		Version:         "1.0",
		Timestamp:       f.Timestamp.UTC().Format(isoMillis),
		KinesisBatchInfo: batchInfo{
			ShardID:   f.ShardID,
			BatchSize: len(f.Records),
			StreamARN: f.StreamARN,
		},
	}
	if n := len(f.Records); n > 0 {
		first, last := f.Records[0], f.Records[n-1]
		r.KinesisBatchInfo.StartSequenceNumber = first.SequenceNumber.String()
		r.KinesisBatchInfo.EndSequenceNumber = last.SequenceNumber.String()
		r.KinesisBatchInfo.ApproximateArrivalOfFirstRecord = first.ApproximateArrivalTimestamp.UTC().Format(isoMillis)
		r.KinesisBatchInfo.ApproximateArrivalOfLastRecord = last.ApproximateArrivalTimestamp.UTC().Format(isoMillis)
	}
	return json.Marshal(r)
}
