package firehose

import (
	"time"
)

// The failures a processor's answer gives a record, worded as AWS words
// them in error-output records.
var (
	errFunction = &failure{"Lambda.FunctionError",
		"The Lambda function was successfully invoked but it returned an error result."}
	errMissingRecordID = &failure{"Lambda.MissingRecordId",
		"One or more record Ids were not returned. Ensure that the Lambda function returns all received record Ids."}
	errDuplicatedRecordID = &failure{"Lambda.DuplicatedRecordId",
		"Multiple records were returned with the same record Id. Ensure that the Lambda function returns a unique record Id for each record."}
	errProcessingFailed = &failure{"Lambda.ProcessingFailedStatus", "ProcessingFailed status set for record"}
	errNullData         = &failure{"Lambda.InvalidReturnFormat",
		"The data field cannot be null when the SourceType is DirectPut or KinesisStreamAsSource and processing result is Ok."}
	errUnknownResult = &failure{"Lambda.InvalidReturnFormat", "The result field must be one of Ok, Dropped or ProcessingFailed."}
)

// verdict is what the processor's answer makes of one record: new data,
// a drop, or a failure.
type verdict struct {
	data    []byte
	dropped bool
	fail    *failure
	keys    map[string]string
}

// process runs a sealed processing buffer through the processor, retrying
// a failed invocation, and passes the records it returns Ok on to their
// delivery buffers.
func (ds *DeliveryStream) process(b *buffer) {
	if ds.set.backupSource {
		ds.backUp(b)
	}
	in := ProcessorInput{
		InvocationID:      ds.newUUID(),
		DeliveryStreamARN: ds.arn,
		Region:            ds.opts.region,
		Records:           make([]ProcessorRecord, len(b.recs)),
	}
	if ds.source != nil {
		in.SourceKinesisStreamARN = ds.source.streamARN
	}
	for i, p := range b.recs {
		in.Records[i] = ProcessorRecord{
			RecordID:                    ds.recordID(p.id).String(),
			ApproximateArrivalTimestamp: time.UnixMilli(p.at),
			Data:                        b.recordData(i),
			KinesisRecordMetadata:       p.meta,
		}
	}
	var out ProcessorOutput
	var err error
	attempts := 0
	for attempts <= ds.set.processorRetries && ds.ctx.Err() == nil {
		attempts++
		if out, err = ds.set.processor.Process(ds.ctx, in); err == nil {
			break
		}
	}
	verdicts := judge(in.Records, out, err)
	routes := make([]*route, len(verdicts))
	for i, v := range verdicts {
		if v.fail == nil && !v.dropped && ds.set.partitioner != nil {
			r := ds.set.partitioner.route(v.data, v.keys)
			routes[i] = &r
		}
	}
	ds.mu.Lock()
	defer ds.mu.Unlock()
	for i, v := range verdicts {
		p := b.recs[i]
		switch {
		case v.fail != nil:
			ds.failLocked(processingFailed, p, b.recordData(i), v.fail, attempts)
		case v.dropped:
			ds.stats.DroppedRecords++
		default:
			ds.routeLocked(p, v.data, routes[i])
		}
	}
	ds.sealZeroBufferingLocked()
}

// judge returns the verdict on each record of an invocation that answered
// out, or failed with err.
func judge(in []ProcessorRecord, out ProcessorOutput, err error) []verdict {
	verdicts := make([]verdict, len(in))
	if err != nil {
		for i := range verdicts {
			verdicts[i].fail = errFunction
		}
		return verdicts
	}
	results := make(map[string]*ProcessedRecord, len(out.Records))
	duplicated := make(map[string]bool)
	for i := range out.Records {
		r := &out.Records[i]
		if _, seen := results[r.RecordID]; seen {
			duplicated[r.RecordID] = true
		}
		results[r.RecordID] = r
	}
	for i, rec := range in {
		r := results[rec.RecordID]
		v := &verdicts[i]
		switch {
		case duplicated[rec.RecordID]:
			v.fail = errDuplicatedRecordID
		case r == nil:
			v.fail = errMissingRecordID
		case r.Result == Dropped:
			v.dropped = true
		case r.Result == ProcessingFailed:
			v.fail = errProcessingFailed
		case r.Result != Ok:
			v.fail = errUnknownResult
		case r.Data == nil:
			v.fail = errNullData
		default:
			v.data, v.keys = r.Data, r.PartitionKeys
		}
	}
	return verdicts
}
