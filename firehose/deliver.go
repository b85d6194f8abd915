package firehose

import (
	"errors"
	"time"
)

// Delivery retries back off as Firehose documents for HTTP endpoints:
// from 1 second, doubling, at most 120 seconds, each wait varied by up to
// 15% either way.
const (
	firstBackoff  = time.Second
	maxBackoff    = 120 * time.Second
	backoffJitter = 0.15
)

// deliver hands a sealed delivery buffer to the destination, retrying it
// for the retry duration, and sends its records to the error output if
// it still fails.
func (ds *DeliveryStream) deliver(b *buffer) {
	batch := ds.batchOf(b)
	attempts, err := ds.retry(ds.set.retryDuration, func() error {
		batch.Attempt++
		return ds.set.destination.Deliver(ds.ctx, batch)
	})
	n := int64(len(b.recs))
	if err == nil {
		ds.count(func(s *Stats) {
			s.DeliveredRecords += n
			s.DeliveredBytes += int64(len(b.data))
			s.Deliveries++
			s.Retries += int64(attempts - 1)
		})
		if ds.set.backupDelivered {
			ds.backUp(b)
		}
		return
	}
	ds.count(func(s *Stats) { s.Retries += int64(attempts - 1) })
	typ, f := ds.set.failedType, &failure{code: "Destination.Failed", message: err.Error()}
	if de := (*DeliveryError)(nil); errors.As(err, &de) {
		f = &failure{code: de.Code, message: de.Message}
	}
	if pe := (*prefixError)(nil); errors.As(err, &pe) {
		typ, f = partitioningFailed, pe.failure
	} else if typ == "" || permanent(err) {
		// AWS keeps no copy of a batch S3 would not take for 24 hours,
		// nor of one an HTTP endpoint refused for good (413).
		ds.count(func(s *Stats) { s.FailedRecords += n; s.LostRecords += n })
		return
	}
	ended := ds.clock.Now().UnixMilli()
	failed := &failedRecords{typ: typ}
	for i := range b.recs {
		failed.recs = append(failed.recs, failedRecord{raw: b.recordData(i), arrival: b.recs[i].at, ended: ended, attempts: attempts, failure: f})
	}
	ds.writeErrors(failed)
}

// batchOf returns the Batch a sealed delivery buffer makes.
func (ds *DeliveryStream) batchOf(b *buffer) *Batch {
	batch := &Batch{
		DeliveryStreamName: ds.name,
		DeliveryStreamARN:  ds.arn,
		Version:            1,
		RequestID:          ds.newUUID(),
		Records:            make([]Record, len(b.recs)),
		PartitionKeys:      b.keys,
		data:               b.data,
	}
	for i, p := range b.recs {
		batch.Records[i] = Record{ID: ds.recordID(p.id), ArrivalTime: time.UnixMilli(p.at), Data: b.recordData(i)}
	}
	return batch
}

// retry calls try until it succeeds, fails for good (a permanent
// DeliveryError), the delivery stream gives up (Close ran out of time),
// or the next wait would end more than d after the first attempt. It
// waits on the delivery stream's clock and returns how many attempts it
// made and the last error.
func (ds *DeliveryStream) retry(d time.Duration, try func() error) (int, error) {
	start := ds.clock.Now()
	wait := firstBackoff
	for attempt := 1; ; attempt++ {
		err := try()
		if err == nil || permanent(err) || ds.ctx.Err() != nil {
			return attempt, err
		}
		jittered := time.Duration(float64(wait) * (1 + backoffJitter*(2*ds.rng.Float64()-1)))
		if ds.clock.Now().Add(jittered).Sub(start) > d {
			return attempt, err
		}
		if !ds.sleep(jittered) {
			return attempt, err
		}
		wait = min(2*wait, maxBackoff)
	}
}

// permanent reports whether err is a failure retrying cannot mend.
func permanent(err error) bool {
	de, pe := (*DeliveryError)(nil), (*prefixError)(nil)
	return errors.As(err, &de) && de.Permanent || errors.As(err, &pe)
}

// prefixError is an S3 destination's failure to evaluate an object's
// prefix: its records go to the error output as partitioning-failed.
type prefixError struct{ failure *failure }

func (e *prefixError) Error() string { return e.failure.message }

// sleep waits d on the delivery stream's clock, and reports false if the
// delivery stream gave up first.
func (ds *DeliveryStream) sleep(d time.Duration) bool {
	done := make(chan struct{})
	t := ds.clock.AfterFunc(d, func() { close(done) })
	select {
	case <-done:
		return true
	case <-ds.ctx.Done():
		t.Stop()
		return false
	}
}
