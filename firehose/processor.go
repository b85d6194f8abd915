package firehose

import (
	"context"
	"time"
)

// Processor transforms records before delivery, as a Lambda
// transformation function does: it gets a batch of records and returns,
// for each, the result Ok (with its new data), Dropped or
// ProcessingFailed. Its input and output have the shape of the Lambda
// event and response (aws-lambda-go's KinesisFirehoseEvent and
// KinesisFirehoseResponse), so a function's logic moves over unchanged.
//
// An error fails the whole invocation, which is retried
// Processing.NumberOfRetries times; then every record of the batch goes
// to the error output as Lambda.FunctionError. A response that leaves a
// record out, or names one twice, fails those records as AWS does
// (Lambda.MissingRecordId, Lambda.DuplicatedRecordId), without a retry.
type Processor interface {
	Process(ctx context.Context, in ProcessorInput) (ProcessorOutput, error)
}

// ProcessorFunc adapts a function to a [Processor].
type ProcessorFunc func(ctx context.Context, in ProcessorInput) (ProcessorOutput, error)

// Process calls f.
func (f ProcessorFunc) Process(ctx context.Context, in ProcessorInput) (ProcessorOutput, error) {
	return f(ctx, in)
}

// ProcessorInput is one invocation's event.
type ProcessorInput struct {
	InvocationID      string
	DeliveryStreamARN string
	// SourceKinesisStreamARN is the stream read, for a delivery stream
	// that reads one.
	SourceKinesisStreamARN string
	Region                 string
	Records                []ProcessorRecord
}

// ProcessorRecord is a record as the processor gets it. Data belongs to
// the delivery stream: the processor must not change it or keep it.
type ProcessorRecord struct {
	RecordID                    string
	ApproximateArrivalTimestamp time.Time
	Data                        []byte
	// KinesisRecordMetadata describes the stream record, for a delivery
	// stream that reads a stream.
	KinesisRecordMetadata *KinesisRecordMetadata
}

// KinesisRecordMetadata is where a record read from a stream came from.
type KinesisRecordMetadata struct {
	ShardID                     string
	PartitionKey                string
	SequenceNumber              string
	SubsequenceNumber           int64
	ApproximateArrivalTimestamp time.Time
}

// ProcessorOutput is one invocation's response.
type ProcessorOutput struct {
	Records []ProcessedRecord
}

// ProcessedRecord is the processor's result for one record.
type ProcessedRecord struct {
	RecordID string
	Result   ProcessingResult
	// Data is the record's new data, for Ok.
	Data []byte
	// PartitionKeys are the record's dynamic partitioning keys, which
	// !{partitionKeyFromLambda:name} reads.
	PartitionKeys map[string]string
}

// ProcessingResult is what became of a record.
type ProcessingResult string

// The processing results.
const (
	Ok               ProcessingResult = "Ok"
	Dropped          ProcessingResult = "Dropped"
	ProcessingFailed ProcessingResult = "ProcessingFailed"
)
