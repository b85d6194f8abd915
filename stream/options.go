package stream

import (
	"fmt"
	"time"

	"github.com/switchyard/switchyard/clock"
)

// Option sets how a stream runs, as opposed to what it is (its [Config]).
type Option func(*options)

// Service quotas with AWS's current values, the defaults of the options.
const (
	// DefaultPutBatchRecords is the most records one PutRecords takes.
	DefaultPutBatchRecords = 500
	// DefaultPutBatchBytes is the most one PutRecords may carry, data and
	// partition keys together: 10 MiB in AWS's current API reference.
	DefaultPutBatchBytes = 10 << 20
	// LegacyPutBatchBytes is the 5 MiB request limit AWS documented before
	// large records (2025), which some producers and fakes still assume.
	LegacyPutBatchBytes = 5 << 20
	// DefaultShardLimit is the most open shards a stream may have: AWS's
	// account quota in its largest regions, applied here per stream.
	DefaultShardLimit = 20000
)

type options struct {
	clock           clock.Clock
	region          string
	account         string
	putRecords      int
	putBytes        int
	shardLimit      int
	throughput      *ThroughputLimits
	transitionDelay time.Duration
	sizer           any // func(T) int, checked by New
	faults          func(Call) error
}

func defaultOptions() options {
	return options{
		clock:      clock.System{},
		region:     "us-east-1",
		account:    "000000000000",
		putRecords: DefaultPutBatchRecords,
		putBytes:   DefaultPutBatchBytes,
		shardLimit: DefaultShardLimit,
	}
}

// WithClock makes the stream read time from c instead of the system clock:
// arrival times, retention, iterator expiry, throughput limits and status
// transitions all follow it.
func WithClock(c clock.Clock) Option {
	return func(o *options) { o.clock = clock.Or(c) }
}

// WithAccount sets the region and account id the stream's ARN and error
// messages name (default "us-east-1" and "000000000000").
func WithAccount(region, accountID string) Option {
	return func(o *options) { o.region, o.account = region, accountID }
}

// WithPutBatchLimits sets the most records (default 500) and bytes (data
// plus partition keys; default 10 MiB, [LegacyPutBatchBytes] for the older
// 5 MiB) one [Stream.PutBatch] may carry.
func WithPutBatchLimits(records, bytes int) Option {
	return func(o *options) { o.putRecords, o.putBytes = records, bytes }
}

// WithShardLimit sets the most open shards the stream may have (default
// 20,000). Creating, splitting or scaling beyond it fails with
// [ErrLimitExceeded].
func WithShardLimit(n int) Option {
	return func(o *options) { o.shardLimit = n }
}

// ThroughputLimits are a shard's rate limits. A zero field takes AWS's
// value.
type ThroughputLimits struct {
	// WriteBytesPerSecond is the data and partition keys a shard takes per
	// second (default 1 MiB).
	WriteBytesPerSecond int
	// WriteRecordsPerSecond is the records a shard takes per second
	// (default 1,000).
	WriteRecordsPerSecond int
	// ReadBytesPerSecond is the data GetRecords may return from a shard per
	// second (default 2 MiB).
	ReadBytesPerSecond int
	// ReadCallsPerSecond is the GetRecords calls a shard serves per second
	// (default 5).
	ReadCallsPerSecond int
}

func (l ThroughputLimits) withDefaults() ThroughputLimits {
	if l.WriteBytesPerSecond == 0 {
		l.WriteBytesPerSecond = 1 << 20
	}
	if l.WriteRecordsPerSecond == 0 {
		l.WriteRecordsPerSecond = 1000
	}
	if l.ReadBytesPerSecond == 0 {
		l.ReadBytesPerSecond = 2 << 20
	}
	if l.ReadCallsPerSecond == 0 {
		l.ReadCallsPerSecond = 5
	}
	return l
}

// WithThroughputLimits turns on per-shard rate limits, measured on the
// stream's clock, so that producers and consumers can be tested against
// throttling. Off by default: an in-process stream is as fast as the
// machine. With limits on, a put over a shard's write rate fails with
// [ErrProvisionedThroughputExceeded] (per record in [Stream.PutBatch], the
// whole call in [Stream.Put]), and so does a [Stream.GetRecords] over the
// read rate; see the package documentation for the exact model.
func WithThroughputLimits(l ThroughputLimits) Option {
	l = l.withDefaults()
	return func(o *options) { o.throughput = &l }
}

// WithTransitionDelay makes status changes take time, as on AWS: a new
// stream is CREATING for d, and a stream that was resharded is UPDATING for
// d. While CREATING, reads and writes fail with [ErrResourceNotFound]; while
// UPDATING, reads and writes work but another reshard or retention change
// fails with [ErrResourceInUse]. The default, zero, makes every transition
// instant.
func WithTransitionDelay(d time.Duration) Option {
	return func(o *options) { o.transitionDelay = d }
}

// WithSizer sets how a record's data counts toward the size limits. Without
// it, data whose type is a string or a byte slice (named or not, such as
// json.RawMessage) counts its bytes, and data of any other type the length
// of its JSON encoding, without HTML escaping. A negative size counts as
// zero; a size above the stream's MaxRecordSizeInKiB makes the record too
// large, however large it is.
func WithSizer[T any](size func(T) int) Option {
	return func(o *options) { o.sizer = size }
}

func (o *options) check() error {
	switch {
	case o.putRecords < 1 || o.putBytes < 1:
		return fmt.Errorf("stream: put batch limits %d records, %d bytes: both must be positive", o.putRecords, o.putBytes)
	case o.shardLimit < 1:
		return fmt.Errorf("stream: shard limit %d is not positive", o.shardLimit)
	case o.transitionDelay < 0:
		return fmt.Errorf("stream: transition delay %v is negative", o.transitionDelay)
	case o.throughput != nil && (o.throughput.WriteBytesPerSecond < 0 || o.throughput.WriteRecordsPerSecond < 0 ||
		o.throughput.ReadBytesPerSecond < 0 || o.throughput.ReadCallsPerSecond < 0):
		return fmt.Errorf("stream: throughput limits %+v: none may be negative", *o.throughput)
	}
	return nil
}
