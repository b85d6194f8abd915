package firehoseapi

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
	"github.com/switchyard/switchyard/firehose"
)

// lambdaFunction is a Lambda processor: it invokes the function registered
// under arn with Firehose's transformation event and reads its answer, in
// the JSON shapes of aws-lambda-go's KinesisFirehoseEvent and
// KinesisFirehoseResponse, so that a function written for AWS runs as it is.
type lambdaFunction struct {
	arn     string
	resolve func(arn string) (lambdaapi.Function, bool)
}

var _ firehose.Processor = lambdaFunction{}

type lambdaEvent struct {
	InvocationID           string        `json:"invocationId"`
	DeliveryStreamARN      string        `json:"deliveryStreamArn"`
	SourceKinesisStreamARN string        `json:"sourceKinesisStreamArn,omitempty"`
	Region                 string        `json:"region"`
	Records                []eventRecord `json:"records"`
}

type eventRecord struct {
	RecordID                    string          `json:"recordId"`
	ApproximateArrivalTimestamp int64           `json:"approximateArrivalTimestamp"` // ms
	Data                        []byte          `json:"data"`
	KinesisRecordMetadata       *kinesisRecMeta `json:"kinesisRecordMetadata,omitempty"`
}

type kinesisRecMeta struct {
	ShardID                     string `json:"shardId"`
	PartitionKey                string `json:"partitionKey"`
	ApproximateArrivalTimestamp int64  `json:"approximateArrivalTimestamp"` // ms
	SequenceNumber              string `json:"sequenceNumber"`
	SubsequenceNumber           int64  `json:"subsequenceNumber"`
}

type lambdaResponse struct {
	Records []struct {
		RecordID string `json:"recordId"`
		Result   string `json:"result"`
		// Data stays nil when the answer leaves it out, which the engine
		// fails as AWS does for an Ok record.
		Data     []byte `json:"data"`
		Metadata struct {
			PartitionKeys map[string]string `json:"partitionKeys"`
		} `json:"metadata"`
	} `json:"records"`
}

// Process invokes the function once. A function that is not registered,
// that returns a function error, or whose answer is not the response's
// JSON fails the invocation, which the delivery stream retries.
func (f lambdaFunction) Process(ctx context.Context, in firehose.ProcessorInput) (firehose.ProcessorOutput, error) {
	var fn lambdaapi.Function
	ok := false
	if f.resolve != nil {
		fn, ok = f.resolve(f.arn)
	}
	if !ok {
		return firehose.ProcessorOutput{}, fmt.Errorf("function not found: %s", f.arn)
	}
	ev := lambdaEvent{
		InvocationID:           in.InvocationID,
		DeliveryStreamARN:      in.DeliveryStreamARN,
		SourceKinesisStreamARN: in.SourceKinesisStreamARN,
		Region:                 in.Region,
		Records:                make([]eventRecord, len(in.Records)),
	}
	for i, r := range in.Records {
		ev.Records[i] = eventRecord{RecordID: r.RecordID, ApproximateArrivalTimestamp: r.ApproximateArrivalTimestamp.UnixMilli(), Data: r.Data}
		if m := r.KinesisRecordMetadata; m != nil {
			ev.Records[i].KinesisRecordMetadata = &kinesisRecMeta{
				ShardID:                     m.ShardID,
				PartitionKey:                m.PartitionKey,
				ApproximateArrivalTimestamp: m.ApproximateArrivalTimestamp.UnixMilli(),
				SequenceNumber:              m.SequenceNumber,
				SubsequenceNumber:           m.SubsequenceNumber,
			}
		}
	}
	payload, err := json.Marshal(ev)
	if err != nil {
		return firehose.ProcessorOutput{}, err
	}
	reply, err := fn(ctx, payload)
	if err != nil {
		return firehose.ProcessorOutput{}, err
	}
	var resp lambdaResponse
	if err := json.Unmarshal(reply, &resp); err != nil {
		return firehose.ProcessorOutput{}, fmt.Errorf("the function's answer is not a transformation response: %w", err)
	}
	out := firehose.ProcessorOutput{Records: make([]firehose.ProcessedRecord, len(resp.Records))}
	for i, r := range resp.Records {
		out.Records[i] = firehose.ProcessedRecord{
			RecordID:      r.RecordID,
			Result:        firehose.ProcessingResult(r.Result),
			Data:          r.Data,
			PartitionKeys: r.Metadata.PartitionKeys,
		}
	}
	return out, nil
}
