package stream

import "time"

// bucket is a token bucket on the stream's clock: it fills at rate tokens
// per second up to capacity, and may be driven below zero by a take larger
// than what it holds (a large record, a large read), which it then pays
// back before it serves again.
type bucket struct {
	tokens   float64
	capacity float64
	rate     float64 // tokens per nanosecond
	at       int64   // when tokens was last brought up to date, in ns
}

func newBucket(perSecond int, now int64) bucket {
	c := float64(perSecond)
	return bucket{tokens: c, capacity: c, rate: c / float64(time.Second), at: now}
}

func (b *bucket) refill(now int64) {
	if now > b.at {
		b.tokens = min(b.capacity, b.tokens+float64(now-b.at)*b.rate)
	}
	b.at = max(b.at, now)
}

// writeLimit is a shard's write rate: records per second and bytes per
// second, both spent by every record it takes.
type writeLimit struct {
	records, bytes bucket
}

// admit reports whether the shard takes a record of size bytes now, and
// spends its share if so. A record larger than the byte bucket needs the
// bucket full and leaves it in debt: large records burst, then refill.
func (w *writeLimit) admit(size int, now int64) bool {
	w.records.refill(now)
	w.bytes.refill(now)
	need := min(float64(size), w.bytes.capacity)
	if w.records.tokens < 1 || w.bytes.tokens < need {
		return false
	}
	w.records.tokens--
	w.bytes.tokens -= float64(size)
	return true
}

// readLimit is a shard's GetRecords rate: calls per second, and bytes per
// second, spent after each call by what it returned. A shard in byte debt
// serves no call until the debt is paid: at 2 MiB/s a 10 MiB read holds
// reads off for 4 seconds from a full allowance, 5 from an empty one (AWS
// documents 5).
type readLimit struct {
	calls, bytes bucket
}

// admit reports whether the shard serves a GetRecords call now, and spends
// a call if so.
func (r *readLimit) admit(now int64) bool {
	r.calls.refill(now)
	r.bytes.refill(now)
	if r.calls.tokens < 1 || r.bytes.tokens < 0 {
		return false
	}
	r.calls.tokens--
	return true
}

// spend charges the bytes a served call returned.
func (r *readLimit) spend(bytes int) { r.bytes.tokens -= float64(bytes) }

// limits are a shard's rate limits; nil when the stream has none.
type limits struct {
	write writeLimit
	read  readLimit
}

func newLimits(l *ThroughputLimits, now int64) *limits {
	if l == nil {
		return nil
	}
	return &limits{
		write: writeLimit{records: newBucket(l.WriteRecordsPerSecond, now), bytes: newBucket(l.WriteBytesPerSecond, now)},
		read:  readLimit{calls: newBucket(l.ReadCallsPerSecond, now), bytes: newBucket(l.ReadBytesPerSecond, now)},
	}
}
