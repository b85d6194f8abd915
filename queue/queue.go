package queue

import (
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/internal/dedup"
	"github.com/switchyard/switchyard/internal/seed"
)

// Queue is an SQS queue, standard or FIFO, holding messages with bodies of
// type T. It is safe for concurrent use and must not be copied.
//
// Time-based state (delays, visibility, retention, the deduplication
// window) is worked out when the queue is used, from its clock: an idle
// queue runs no goroutine and holds no timer.
type Queue[T any] struct {
	mu          sync.Mutex
	configuring sync.Mutex  // held through SetConfig and Close; taken before mu
	closed      atomic.Bool // set by Close, on the queue itself (lane 0)
	cfg         Config[T]
	opts        options
	codec       bodyCodec[T]
	fifo        bool
	name        string
	arn         string
	id          uint64
	rng         *rand.Rand
	ids         idSource
	created     time.Time
	changed     time.Time

	records  arena[T]
	live     list      // every message, in enqueue order
	avail    list      // standard: visible messages, oldest first
	groups   groups[T] // FIFO: visible and in-flight messages by group
	timeline timeline[T]
	nextSeq  uint64
	counts   Counts

	dedup     dedup.Window[SendResult]
	attempts  attempts
	purged    bool // a purge has happened, at lastPurge
	lastPurge int64
	sources   map[string]*Queue[T] // queues using this one as their dead-letter queue
	outbox    outbox[T]
	moves     moveTasks[T]

	waiters waiters
	wake    wakeTimer

	lanes  []*Queue[T] // lanes[0] is the queue itself; see lanes.go
	tokens sync.Pool   // of *laneToken
}

// New makes a queue from cfg, validated as SQS validates CreateQueue: an
// invalid name or attribute gives [ErrInvalidParameterValue],
// [ErrInvalidAttributeValue] or [ErrInvalidAttributeName] with AWS's message.
func New[T any](cfg Config[T], opts ...Option) (*Queue[T], error) {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	if err := o.check(cfg.FIFO); err != nil {
		return nil, err
	}
	codec, err := newBodyCodec[T](o.sizer)
	if err != nil {
		return nil, err
	}
	q := &Queue[T]{opts: o, codec: codec, fifo: cfg.FIFO, name: cfg.Name, rng: newRand()}
	q.resetMessagesLocked()
	q.arn = "arn:aws:sqs:" + o.region + ":" + o.account + ":" + cfg.Name
	// The queue's id (in its receipt handles) and its message ids come from
	// the system's random source even in at-least-once mode, whose seed
	// drives only the delivery choices: two queues with one seed must not
	// accept each other's handles.
	for q.id == 0 {
		q.id = q.rng.Uint64()
	}
	q.ids.state = q.rng.Uint64()
	if o.atLeastOnce != nil {
		q.rng = seed.Rand(o.atLeastOnce.Seed)
	}
	cfg = cfg.withDefaults()
	if err := cfg.validate(q.arn); err != nil {
		return nil, err
	}
	q.cfg = cfg
	q.created = o.clock.Now()
	q.changed = q.created
	q.spread(o.lanes)
	if p := cfg.RedrivePolicy; p != nil {
		p.DeadLetterQueue.addSource(q)
	}
	return q, nil
}

// Name returns the queue's name.
func (q *Queue[T]) Name() string { return q.name }

// ARN returns the queue's ARN, arn:aws:sqs:region:account:name.
func (q *Queue[T]) ARN() string { return q.arn }

// FIFO reports whether the queue is a FIFO queue.
func (q *Queue[T]) FIFO() bool { return q.fifo }

// Config returns the queue's current attributes, with defaults filled in.
func (q *Queue[T]) Config() Config[T] {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.cfg.withDefaults()
}

// visibilityTimeout returns the queue's current visibility timeout.
func (q *Queue[T]) visibilityTimeout() time.Duration {
	q.mu.Lock()
	defer q.mu.Unlock()
	return *q.cfg.VisibilityTimeout
}

// Created returns when the queue was made (CreatedTimestamp).
func (q *Queue[T]) Created() time.Time { return q.created }

// LastModified returns when the queue's attributes last changed
// (LastModifiedTimestamp).
func (q *Queue[T]) LastModified() time.Time {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.changed
}

// SetConfig replaces the queue's attributes, as SetQueueAttributes does.
// The name and the queue type cannot change. Lowering the retention period
// expires the messages already older than it. On error nothing changes.
func (q *Queue[T]) SetConfig(cfg Config[T]) error {
	cfg = cfg.withDefaults()
	if cfg.FIFO != q.fifo {
		return ErrInvalidAttributeValue.WithMessage("Modifying queue type is not supported.")
	}
	if cfg.Name != q.name {
		return ErrInvalidParameterValue.Errorf("Value %s for parameter QueueName is invalid. Reason: the name of a queue cannot be changed.", cfg.Name)
	}
	// One change at a time, so that the dead-letter queues' lists of
	// sources end as the last change left them.
	q.configuring.Lock()
	defer q.configuring.Unlock()
	if q.closed.Load() {
		return errClosed()
	}
	if err := cfg.validate(q.arn); err != nil {
		return err
	}
	q.mu.Lock()
	old := q.cfg.RedrivePolicy
	q.changed = q.opts.clock.Now()
	q.mu.Unlock()
	for _, l := range q.lanes {
		l.mu.Lock()
		l.cfg = cfg
		l.expireLocked(l.now())
		l.mu.Unlock()
	}
	if old != nil && (cfg.RedrivePolicy == nil || old.DeadLetterQueue != cfg.RedrivePolicy.DeadLetterQueue) {
		old.DeadLetterQueue.removeSource(q)
	}
	if cfg.RedrivePolicy != nil {
		cfg.RedrivePolicy.DeadLetterQueue.addSource(q)
	}
	return nil
}

// Counts returns how many messages are available, in flight and delayed,
// exactly, as of now.
func (q *Queue[T]) Counts() Counts {
	var sum Counts
	now := q.now()
	for _, l := range q.lanes {
		l.mu.Lock()
		l.advanceLocked(now)
		sum.Available += l.counts.Available
		sum.InFlight += l.counts.InFlight
		sum.Delayed += l.counts.Delayed
		l.mu.Unlock()
	}
	return sum
}

// Purge deletes every message, in flight or not. A second purge within 60
// seconds fails with [ErrPurgeQueueInProgress] and deletes nothing.
func (q *Queue[T]) Purge() error {
	if q.closed.Load() {
		return errClosed()
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.now()
	if q.purged && now-q.lastPurge < int64(PurgeInterval) {
		return ErrPurgeQueueInProgress.Errorf("Only one PurgeQueue operation on %s is allowed every 60 seconds.", q.name)
	}
	q.purged, q.lastPurge = true, now
	q.resetMessagesLocked()
	q.armLocked()
	for _, l := range q.others() {
		l.mu.Lock()
		l.resetMessagesLocked()
		l.armLocked()
		l.mu.Unlock()
	}
	return nil
}

// resetMessagesLocked forgets every message.
func (q *Queue[T]) resetMessagesLocked() {
	q.records = arena[T]{}
	q.live, q.avail = newList(byEnqueue), newList(byQueue)
	q.groups = groups[T]{}
	q.timeline = timeline[T]{a: &q.records}
	q.counts = Counts{}
	q.attempts = nil
}

func (q *Queue[T]) now() int64 { return q.opts.clock.Now().UnixNano() }

// advanceLocked brings the queue's state up to now: expired messages go,
// delayed messages whose delay is over and in-flight messages whose
// visibility timeout has passed become available.
func (q *Queue[T]) advanceLocked(now int64) {
	q.expireLocked(now)
	woken := 0
	returned := none // the last message back from flight, on a standard queue
	for r := q.timeline.next(); r != nil && r.visibleAt <= now; r = q.timeline.next() {
		q.timeline.remove(r)
		q.counts.Available++
		woken++
		switch {
		case r.receiveCount == 0:
			q.counts.Delayed--
			if r.group != nil {
				// A group holding only delayed messages is idle, and may
				// have been swept: find it again.
				r.group = q.groups.get(r.group.id)
			}
			q.enqueueLocked(r)
		case r.group != nil:
			// Still in its group's list, at its place.
			q.counts.InFlight--
			r.group.inFlight--
			q.groups.update(r.group)
		default:
			// Back from flight: older than most, so served first, in the
			// order the messages came back.
			q.counts.InFlight--
			insertAfter(&q.avail, &q.records, r, returned)
			returned = r.slot
		}
	}
	if woken > 0 {
		q.waiters.wake(woken)
	}
}

// enqueueLocked makes r, which is in no list, available behind the
// messages already there: last in a standard queue, in sequence order in its
// FIFO group.
func (q *Queue[T]) enqueueLocked(r *record[T]) {
	if g := r.group; g != nil {
		insertBySeq(&g.messages, &q.records, r)
		q.groups.update(g)
		return
	}
	pushBack(&q.avail, &q.records, r)
}

// expireLocked deletes the messages older than the retention period.
func (q *Queue[T]) expireLocked(now int64) {
	limit := now - int64(q.cfg.RetentionPeriod)
	unblocked := 0
	for r := q.records.ptr(q.live.head); r != nil && r.enqueuedAt <= limit; r = q.records.ptr(q.live.head) {
		if r.inFlight() {
			unblocked++ // its group, or room under the in-flight limit
		}
		q.deleteLocked(r)
	}
	if unblocked > 0 {
		q.waiters.wake(unblocked)
	}
}

// retentionEnd is when the oldest stored message expires, or 0 when the
// queue is empty.
func (q *Queue[T]) retentionEnd() int64 {
	r := q.records.ptr(q.live.head)
	if r == nil {
		return 0
	}
	return r.enqueuedAt + int64(q.cfg.RetentionPeriod)
}

// deleteLocked removes r from every structure and frees its slot.
func (q *Queue[T]) deleteLocked(r *record[T]) {
	remove(&q.live, &q.records, r)
	switch {
	case r.inFlight():
		q.timeline.remove(r)
		q.counts.InFlight--
		if g := r.group; g != nil {
			g.inFlight--
			remove(&g.messages, &q.records, r)
			q.groups.update(g)
		}
	case r.inTimeline():
		q.timeline.remove(r)
		q.counts.Delayed--
	default:
		q.counts.Available--
		if g := r.group; g != nil {
			remove(&g.messages, &q.records, r)
			q.groups.update(g)
		} else {
			remove(&q.avail, &q.records, r)
		}
	}
	q.records.release(r)
}
