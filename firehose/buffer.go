package firehose

import (
	"time"

	"github.com/switchyard/switchyard/clock"
)

// A delivery stream buffers records in two stages: for the processor
// (when it has one), by the processor's hints, and for the destination,
// one buffer per partition, by the delivery stream's hints. A buffer is
// sealed when it reaches its size or its interval passes since its first
// record, and a sealed buffer becomes a job for the drainer.

// stage says which of the two a buffer belongs to.
type stage uint8

const (
	processingStage stage = iota
	deliveryStage
)

// buffer is the records of one stage (and one partition) waiting to be
// sealed, their data back to back.
type buffer struct {
	stage stage
	key   string        // the partition, "" without dynamic partitioning
	keys  PartitionKeys // the partition's keys
	data  []byte
	recs  []pending
	timer clock.Timer // seals the buffer when its interval passes
}

// pending is a record in a buffer.
type pending struct {
	id   uint64
	at   int64                  // arrival, Unix milliseconds
	end  int                    // where the record's data ends in buffer.data
	meta *KinesisRecordMetadata // for a record read from a stream
}

// start returns where record i's data starts in b.data.
func (b *buffer) start(i int) int {
	if i == 0 {
		return 0
	}
	return b.recs[i-1].end
}

// recordData returns record i's data.
func (b *buffer) recordData(i int) []byte { return b.data[b.start(i):b.recs[i].end:b.recs[i].end] }

// limits are a stage's buffering hints.
type limits struct {
	size     int
	interval time.Duration
	records  int // the most records a buffer holds; 0 for no limit
}

// limitsOf returns the buffering hints of stage st.
func (s *settings) limitsOf(st stage) limits {
	if st == processingStage {
		return s.processorLimits
	}
	return s.deliveryLimits
}

// bufferLocked returns the buffer records of stage st and partition key
// go to, making it (and starting its interval) if there is none.
func (ds *DeliveryStream) bufferLocked(st stage, key string, keys PartitionKeys) *buffer {
	if st == processingStage {
		if ds.stage1 == nil {
			ds.stage1 = ds.newBufferLocked(st, key, keys)
		}
		return ds.stage1
	}
	b := ds.parts[key]
	if b == nil {
		b = ds.newBufferLocked(st, key, keys)
		ds.parts[key] = b
	}
	return b
}

func (ds *DeliveryStream) newBufferLocked(st stage, key string, keys PartitionKeys) *buffer {
	b := &buffer{stage: st, key: key, keys: keys}
	if ds.set.partitioner == nil || st == processingStage {
		// The stage's one buffer will likely fill as the last one did:
		// room for that at once saves growing it by doubling.
		h := ds.sizes[st]
		b.data, b.recs = make([]byte, 0, h.bytes), make([]pending, 0, h.records)
	}
	if iv := ds.set.limitsOf(st).interval; iv > 0 {
		b.timer = ds.clock.AfterFunc(iv, func() {
			ds.mu.Lock()
			defer ds.mu.Unlock()
			if ds.currentLocked(b) {
				ds.sealLocked(b)
			}
		})
	}
	return b
}

// currentLocked reports whether b still takes records, not yet sealed.
func (ds *DeliveryStream) currentLocked(b *buffer) bool {
	if b.stage == processingStage {
		return ds.stage1 == b
	}
	return ds.parts[b.key] == b
}

// appendLocked adds a record to b, with the delimiter when the stage
// delivers and the delivery stream appends one, and seals b once it
// holds its size.
func (ds *DeliveryStream) appendLocked(b *buffer, p pending, data []byte) {
	b.data = append(b.data, data...)
	if b.stage == deliveryStage && ds.set.delimiter {
		b.data = append(b.data, '\n')
	}
	p.end = len(b.data)
	b.recs = append(b.recs, p)
	if l := ds.set.limitsOf(b.stage); len(b.data) >= l.size || len(b.recs) == l.records {
		ds.sealLocked(b)
	}
}

// bufferSize is how much a sealed buffer held.
type bufferSize struct{ bytes, records int }

// sealLocked takes b out of service and queues it for the drainer.
func (ds *DeliveryStream) sealLocked(b *buffer) {
	ds.sizes[b.stage] = bufferSize{len(b.data), len(b.recs)}
	if b.timer != nil {
		b.timer.Stop()
	}
	if b.stage == processingStage {
		ds.stage1 = nil
	} else {
		delete(ds.parts, b.key)
	}
	if len(b.recs) > 0 {
		ds.enqueueLocked(job{buf: b})
	}
}

// sealAllLocked seals every buffer that holds records.
func (ds *DeliveryStream) sealAllLocked() {
	if ds.stage1 != nil {
		ds.sealLocked(ds.stage1)
	}
	for _, b := range ds.parts {
		ds.sealLocked(b)
	}
}

// sealZeroBufferingLocked seals the delivery buffers at the end of a call
// that filled them, when the delivery stream buffers for zero seconds.
func (ds *DeliveryStream) sealZeroBufferingLocked() {
	if ds.set.deliveryLimits.interval > 0 {
		return
	}
	for _, b := range ds.parts {
		ds.sealLocked(b)
	}
}

// stopTimersLocked stops the intervals of buffers left after Close gave
// up, and counts their records as lost.
func (ds *DeliveryStream) stopTimersLocked() {
	drop := func(b *buffer) {
		if b.timer != nil {
			b.timer.Stop()
		}
		ds.stats.FailedRecords += int64(len(b.recs))
		ds.stats.LostRecords += int64(len(b.recs))
	}
	if ds.stage1 != nil {
		drop(ds.stage1)
		ds.stage1 = nil
	}
	for k, b := range ds.parts {
		drop(b)
		delete(ds.parts, k)
	}
}
