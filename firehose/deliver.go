package firehose

import (
	"errors"
	"time"

	"github.com/switchyard/switchyard/internal/uuid"
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
	if permanent(err) {
		// AWS keeps no copy of a batch the endpoint refused for good
		// (HTTP 413).
		ds.count(func(s *Stats) { s.FailedRecords += n; s.LostRecords += n })
		return
	}
	f := &failure{code: "Destination.Failed", message: err.Error()}
	if de := (*DeliveryError)(nil); errors.As(err, &de) {
		f = &failure{code: de.Code, message: de.Message}
	}
	ended := ds.clock.Now().UnixMilli()
	failed := &failedRecords{typ: ds.set.failedType}
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
		RequestID:          uuid.String(uuid.Stamp(ds.rng.Uint64(), ds.rng.Uint64(), 4)),
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
	de := (*DeliveryError)(nil)
	return errors.As(err, &de) && de.Permanent
}

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
