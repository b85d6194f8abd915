package firehose

import (
	"errors"
	"strconv"

	"github.com/switchyard/switchyard/internal/awserr"
)

// PutResult is PutRecord's answer.
type PutResult struct {
	RecordID RecordID
	// Encrypted is false: a delivery stream in memory has no server-side
	// encryption.
	Encrypted bool
}

// PutBatchResult is PutRecordBatch's answer: one entry per record, in
// request order.
type PutBatchResult struct {
	FailedPutCount   int
	Encrypted        bool
	RequestResponses []PutBatchEntry
}

// PutBatchEntry is one record's result: its id, or the error that kept
// it out.
type PutBatchEntry struct {
	RecordID     RecordID
	ErrorCode    string
	ErrorMessage string
}

// Put takes one record, as PutRecord does. The data is copied; the
// record is delivered when its buffer fills or its interval passes.
//
// It fails with [ErrValidation] for data over 1,000 KiB,
// [ErrInvalidArgument] on a delivery stream that reads a stream,
// [ErrResourceNotFound] once the delivery stream is closed, and with the
// error a [WithFaults] hook gives. On any error nothing is taken.
func (ds *DeliveryStream) Put(data []byte) (PutResult, error) {
	var vs awserr.Violations
	checkRecord(&vs, "record.data", data)
	if err := vs.Err(ErrValidation); err != nil {
		return PutResult{}, err
	}
	one := [1][]byte{data}
	var res [1]PutBatchEntry
	if err := ds.take("PutRecord", one[:], res[:]); err != nil {
		return PutResult{}, err
	}
	return PutResult{RecordID: res[0].RecordID}, nil
}

// PutBatch takes up to 500 records, as PutRecordBatch does. The answer
// has one entry per record, in request order; a record a [WithFaults]
// hook fails carries the error's code and message and is not taken, and
// the others are.
//
// A request that breaks a rule fails as a whole and takes nothing: no
// records, more than 500, or a record over 1,000 KiB give
// [ErrValidation]; more than 4 MiB in all, or a delivery stream that
// reads a stream, give [ErrInvalidArgument]; a closed delivery stream
// gives [ErrResourceNotFound].
func (ds *DeliveryStream) PutBatch(records [][]byte) (PutBatchResult, error) {
	var vs awserr.Violations
	switch {
	case len(records) == 0:
		vs.Add("", "records", awserr.LengthAtLeast(1))
	case len(records) > MaxBatchRecords:
		vs.Add("", "records", awserr.LengthAtMost(MaxBatchRecords))
	}
	total := 0
	for i, r := range records {
		checkRecord(&vs, "records."+strconv.Itoa(i+1)+".member.data", r)
		total += len(r)
	}
	if err := vs.Err(ErrValidation); err != nil {
		return PutBatchResult{}, err
	}
	if total > MaxBatchBytes {
		return PutBatchResult{}, ErrInvalidArgument.WithMessage("Records size exceeds 4 MB limit")
	}
	res := PutBatchResult{RequestResponses: make([]PutBatchEntry, len(records))}
	if err := ds.take("PutRecordBatch", records, res.RequestResponses); err != nil {
		return PutBatchResult{}, err
	}
	for _, e := range res.RequestResponses {
		if e.ErrorCode != "" {
			res.FailedPutCount++
		}
	}
	return res, nil
}

// checkRecord records the model's constraint on a record's data.
func checkRecord(vs *awserr.Violations, at string, data []byte) {
	if len(data) > MaxRecordBytes {
		vs.Add("", at, awserr.LengthAtMost(MaxRecordBytes))
	}
}

// take takes records from a put call, writing each one's result into
// out.
func (ds *DeliveryStream) take(op string, records [][]byte, out []PutBatchEntry) error {
	if ds.source != nil {
		return ErrInvalidArgument.WithMessage("This operation is not permitted on KinesisStreamAsSource delivery stream type.")
	}
	routes := ds.set.routes(records)
	now := ds.clock.Now().UnixMilli()
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if ds.closed {
		return ds.notFound()
	}
	for i, data := range records {
		if err := ds.faultLocked(op, i, data); err != nil {
			if op == "PutRecord" {
				return err
			}
			out[i] = PutBatchEntry{ErrorCode: err.Code, ErrorMessage: err.Message}
			continue
		}
		var r *route
		if routes != nil {
			r = &routes[i]
		}
		out[i].RecordID = ds.acceptLocked(pending{at: now}, data, r)
	}
	ds.sealZeroBufferingLocked()
	return nil
}

// acceptLocked takes a record: into the processor's buffer when there is
// a processor, else into its partition's delivery buffer. r is the
// record's partition, nil without dynamic partitioning.
func (ds *DeliveryStream) acceptLocked(p pending, data []byte, r *route) RecordID {
	ds.next++
	p.id = ds.next
	ds.stats.IncomingRecords++
	ds.stats.IncomingBytes += int64(len(data))
	if ds.set.processor != nil {
		ds.appendLocked(ds.bufferLocked(processingStage, "", PartitionKeys{}), p, data)
	} else {
		ds.routeLocked(p, data, r)
	}
	return ds.recordID(p.id)
}

// recordID returns the RecordID of the delivery stream's record n.
func (ds *DeliveryStream) recordID(n uint64) RecordID { return RecordID{stream: ds.tag, n: n} }

// faultLocked asks the fault hook, if any, about a record.
func (ds *DeliveryStream) faultLocked(op string, index int, data []byte) *Error {
	if ds.opts.faults == nil {
		return nil
	}
	err := ds.opts.faults(Call{Operation: op, Index: index, Data: data})
	if err == nil {
		return nil
	}
	if e := (*Error)(nil); errors.As(err, &e) {
		return e.WithMessage(e.Message)
	}
	return ErrServiceUnavailable.WithMessage(err.Error())
}

// notFound is the error every call on a closed delivery stream returns.
func (ds *DeliveryStream) notFound() error {
	return ErrResourceNotFound.WithMessage("Firehose " + ds.name + " under account " + ds.opts.account + " not found.")
}
