package stream

import (
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"
)

// Stream is a Kinesis data stream holding records whose data is of type
// T, in provisioned mode. It is safe for concurrent use and must not be
// copied.
//
// One lock guards the stream. Puts take it once per call, and hash their
// partition keys before taking it; reads take it once per run of stored
// records and copy the records out after releasing it. Time-based state
// (retention, iterator expiry, throughput, status) is worked out when the
// stream is used: an idle stream runs no goroutine and holds no timer.
type Stream[T any] struct {
	mu      sync.Mutex
	name    string
	arn     string
	opts    options
	sizer   sizer[T]
	id      uint64 // names the stream in its iterators and tokens
	secret  uint64 // keys their check words
	tag     uint32 // names the stream in its sequence numbers (seqnum.go)
	created int64  // ns
	epochMs int64  // created, in ms: stored arrival times count from it

	retentionHours int
	maxRecordSize  int // bytes
	keys           keyCache

	shards []*shard[T] // every shard ever made, by index
	open   []*shard[T] // the open shards, by starting hash key

	updated   int64 // when the stream was last resharded, ns
	resharded bool  // updated is set
	deleted   bool
	scalings  []int64 // when UpdateShardCount ran in the last 24 hours, ns
	sweep     int     // the shard sweepLocked looks at next

	consumers consumerRegistry // enhanced fan-out consumers (consumer.go)
}

// New makes a stream from cfg, validated as CreateStream validates its
// parameters: a bad name, shard count or record size gives
// [ErrValidation], a retention period out of range [ErrInvalidArgument],
// more shards than the shard limit [ErrLimitExceeded], each with AWS's
// message. The shards split the hash key space evenly.
func New[T any](cfg Config, opts ...Option) (*Stream[T], error) {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	sz, err := newSizer[T](o.sizer)
	if err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	s := &Stream[T]{
		name:           cfg.Name,
		arn:            "arn:aws:kinesis:" + o.region + ":" + o.account + ":stream/" + cfg.Name,
		opts:           o,
		sizer:          sz,
		id:             rand.Uint64(),
		secret:         rand.Uint64(),
		retentionHours: cfg.RetentionPeriodHours,
		maxRecordSize:  cfg.MaxRecordSizeInKiB << 10,
	}
	if cfg.ShardCount > o.shardLimit {
		return nil, s.shardLimitError(0, cfg.ShardCount)
	}
	s.created = o.clock.Now().UnixNano()
	s.epochMs = s.created / 1e6
	s.tag = sequenceTag(s.arn, s.created)
	starts := uniformStarts(cfg.ShardCount)
	for i, start := range starts {
		end := maxHashKey
		if i+1 < len(starts) {
			end = starts[i+1].sub(1)
		}
		s.open = append(s.open, s.newShardLocked(start, end, s.created, nil, nil))
	}
	return s, nil
}

// sequenceTag returns the tag the sequence numbers of the stream with the
// given ARN, made at created (ns), carry: a hash of the two, so that the
// numbers of two streams differ even when their shards were made in the
// same second (but for one pair in 2^23), while a stream made again with
// the same clock issues the same numbers, as tests want.
func sequenceTag(arn string, created int64) uint32 {
	h := fnv.New64a()
	h.Write([]byte(arn))
	h.Write(strconv.AppendInt(nil, created, 10))
	return uint32(mix64(h.Sum64())) & maxSeqTag
}

// Name returns the stream's name.
func (s *Stream[T]) Name() string { return s.name }

// ARN returns the stream's ARN, arn:aws:kinesis:region:account:stream/name.
func (s *Stream[T]) ARN() string { return s.arn }

// Describe returns the stream's summary, as DescribeStreamSummary does.
// It fails with [ErrResourceNotFound] once the stream is deleted.
func (s *Stream[T]) Describe() (Summary, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.deleted {
		return Summary{}, s.streamNotFound()
	}
	return Summary{
		StreamName:              s.name,
		StreamARN:               s.arn,
		StreamStatus:            s.statusLocked(now),
		StreamMode:              "PROVISIONED",
		RetentionPeriodHours:    s.retentionHours,
		StreamCreationTimestamp: time.Unix(0, s.created),
		OpenShardCount:          len(s.open),
		ConsumerCount:           s.consumerCountLocked(now),
		MaxRecordSizeInKiB:      s.maxRecordSize >> 10,
		EncryptionType:          "NONE",
	}, nil
}

// Delete deletes the stream, as DeleteStream does without
// EnforceConsumerDeletion: at once, in process. Every later call fails
// with [ErrResourceNotFound], and readers blocked in [Stream.Follow] return
// with it. Deleting twice fails the same way. While the stream has
// registered consumers (DELETING ones included) it fails with
// [ErrResourceInUse] and deletes nothing: deregister them first, or use
// [Stream.DeleteWithConsumers].
func (s *Stream[T]) Delete() error { return s.delete(false) }

// DeleteWithConsumers deletes the stream and its registered consumers, as
// DeleteStream with EnforceConsumerDeletion does; their subscriptions end
// with [ErrResourceNotFound]. Otherwise it is [Stream.Delete].
func (s *Stream[T]) DeleteWithConsumers() error { return s.delete(true) }

func (s *Stream[T]) delete(withConsumers bool) error {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.deleted {
		return s.streamNotFound()
	}
	if n := s.consumerCountLocked(now); n > 0 && !withConsumers {
		return ErrResourceInUse.Errorf("Stream %s under account %s has %d registered consumers. "+
			"Deregister them, or delete the stream with EnforceConsumerDeletion.", s.name, s.opts.account, n)
	}
	s.deleted = true
	for _, sh := range s.shards {
		sh.notify()
		sh.log.drop()
	}
	return nil
}

// now returns the clock's time in ns. It is read before locking: a clock
// can be slow to read, and a manual one takes a lock of its own.
func (s *Stream[T]) now() int64 { return s.opts.clock.Now().UnixNano() }

// statusLocked returns the stream's status at now. Without a transition
// delay it is ACTIVE until deleted, even if the clock goes back.
func (s *Stream[T]) statusLocked(now int64) Status {
	d := int64(s.opts.transitionDelay)
	switch {
	case s.deleted:
		return StatusDeleting
	case d == 0:
		return StatusActive
	case now < s.created+d:
		return StatusCreating
	case s.resharded && now < s.updated+d:
		return StatusUpdating
	}
	return StatusActive
}

// readyLocked returns the error a read or write gets at now: the stream
// must exist and be done being created.
func (s *Stream[T]) readyLocked(now int64) error {
	switch s.statusLocked(now) {
	case StatusDeleting, StatusCreating:
		return s.streamNotFound()
	}
	return nil
}

// activeLocked returns the error a change to the stream (a reshard, a
// retention change) gets at now: the stream must be ACTIVE.
func (s *Stream[T]) activeLocked(now int64) error {
	switch st := s.statusLocked(now); st {
	case StatusActive:
		return nil
	case StatusDeleting:
		return s.streamNotFound()
	default:
		return ErrResourceInUse.Errorf("Stream %s under account %s not ACTIVE, instead in state %s", s.name, s.opts.account, st)
	}
}

// newShardLocked makes shard number len(s.shards) with the given range,
// created at now, and records it; the caller puts it among the open ones.
// Its sequence numbers carry a creation time later than its parents', so
// that every number of a child is greater than every number of a parent
// even when the reshard falls in the second the parents were made.
func (s *Stream[T]) newShardLocked(start, end HashKey, now int64, parent, adjacent *shard[T]) *shard[T] {
	i := uint32(len(s.shards))
	createdSec := now / 1e9
	for _, p := range []*shard[T]{parent, adjacent} {
		if p != nil {
			createdSec = max(createdSec, p.base.createdSec()+1)
		}
	}
	sh := &shard[T]{
		index:    i,
		id:       shardID(i),
		start:    start,
		end:      end,
		parent:   parent,
		adjacent: adjacent,
		created:  now,
		base:     shardSequenceBase(createdSec, i, s.tag),
		arrived:  max(0, now/1e6-s.epochMs),
		limits:   newLimits(s.opts.throughput, now),
	}
	for _, p := range []*shard[T]{parent, adjacent} {
		if p != nil {
			p.children = append(p.children, sh)
		}
	}
	s.shards = append(s.shards, sh)
	return sh
}

// shardLocked returns the shard id names, brought up to date with
// retention at now, or nil when there is no such shard (or it expired).
func (s *Stream[T]) shardLocked(id string, now int64) *shard[T] {
	i, ok := parseShardID(id)
	if !ok || int(i) >= len(s.shards) {
		return nil
	}
	sh := s.shards[i]
	s.expireLocked(sh, now)
	if sh.expired {
		return nil
	}
	return sh
}

// retiredShard returns the children of the shard named id if it has
// expired (closed, and all of it past retention).
func (s *Stream[T]) retiredShard(id string) ([]ChildShard, bool) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := parseShardID(id)
	if s.deleted || !ok || int(i) >= len(s.shards) {
		return nil, false
	}
	sh := s.shards[i]
	if s.expireLocked(sh, now); !sh.expired {
		return nil, false
	}
	return childShards(sh), true
}

// retention returns the retention period in ns.
func (s *Stream[T]) retention() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.retentionLocked()
}

// retentionLocked returns the retention period in ns.
func (s *Stream[T]) retentionLocked() int64 {
	return int64(s.retentionHours) * int64(time.Hour)
}

// expireLocked hides the records of sh that are past retention at now,
// and retires sh once it is closed and all of it is past retention.
func (s *Stream[T]) expireLocked(sh *shard[T], now int64) {
	if sh.expired {
		return
	}
	retention := s.retentionLocked()
	if !sh.open() && sh.closed+retention <= now {
		sh.expired = true
		sh.log.drop()
		return
	}
	// A record is past retention when it is retention old or older.
	sh.log.expire((now-retention)/1e6 - s.epochMs + 1)
}

// sweepLocked brings one more shard up to date with retention, taking
// them in turn, so that a stream that is written but never read still
// frees what has expired, closed shards included. Writes call it once per
// chunk of records.
func (s *Stream[T]) sweepLocked(now int64) {
	s.sweep = (s.sweep + 1) % len(s.shards)
	s.expireLocked(s.shards[s.sweep], now)
}

// Error messages that name the stream and account as AWS's do.

func (s *Stream[T]) streamNotFound() error {
	return ErrResourceNotFound.Errorf("Stream %s under account %s not found.", s.name, s.opts.account)
}

func (s *Stream[T]) shardNotFound(id string) error {
	return ErrResourceNotFound.Errorf("Shard %s in stream %s under account %s does not exist", id, s.name, s.opts.account)
}

func (s *Stream[T]) couldNotFindShard(id string) error {
	return ErrResourceNotFound.Errorf("Could not find shard %s in stream %s under account %s.", id, s.name, s.opts.account)
}

func (s *Stream[T]) shardLimitError(current, additional int) error {
	return ErrLimitExceeded.Errorf("This request would exceed the shard limit for the account %s in %s. "+
		"Current shard count for the account: %d. Limit: %d. Number of additional shards that would have resulted from this request: %d. "+
		"Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.",
		s.opts.account, s.opts.region, current, s.opts.shardLimit, additional)
}
