package stream

import (
	"context"
	"iter"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// SubscribeToShard, in process: a subscription is a cursor on one shard
// held for one consumer, read by ranging over [Subscription.Events] in
// the caller's goroutine. It starts no goroutine; while it waits it holds
// one timer on the stream's clock, for the end of its 5 minutes.

// Enhanced fan-out subscription limits.
const (
	// SubscriptionLifetime is how long a subscription delivers events
	// before it ends and the consumer must subscribe again.
	SubscriptionLifetime = 5 * time.Minute
	// SubscriptionTakeover is how long a successful SubscribeToShard call
	// holds its consumer and shard: another call for the same pair within
	// it fails with ResourceInUseException, even if the first
	// subscription has already ended, and one at or after it takes over,
	// ending the first if it is still active.
	SubscriptionTakeover = 5 * time.Second
)

// SubscribeToShardInput is SubscribeToShard's request.
type SubscribeToShardInput struct {
	// ConsumerARN names an ACTIVE consumer of the stream
	// ([Stream.RegisterStreamConsumer]).
	ConsumerARN string
	ShardID     string
	// StartingPosition is where the subscription starts, as for
	// GetShardIterator. A LATEST position is resolved when SubscribeToShard
	// is called.
	StartingPosition StartingPosition
}

// SubscribeToShardEvent is one event of a subscription.
type SubscribeToShardEvent[T any] struct {
	// Records are the records read, oldest first; possibly none.
	Records []Record[T]
	// ContinuationSequenceNumber is where the subscription has reached:
	// the sequence number of the last record delivered so far (before any,
	// of the record before the starting position, or the shard's starting
	// sequence number). Subscribing again from it with
	// AFTER_SEQUENCE_NUMBER continues without a gap or a repeat; a
	// checkpoint of it stays valid while no records arrive. It is zero
	// (null on the wire) in the last event of a closed shard, the one with
	// ChildShards, as AWS sends it: there is nothing to continue from, and
	// clients such as the KCL detect the end of a shard by it.
	ContinuationSequenceNumber SequenceNumber
	// MillisBehindLatest is how old the oldest record not yet delivered
	// is; 0 when the subscription has caught up.
	MillisBehindLatest int64
	// ChildShards are set in the last event of a closed shard, the one
	// that delivers its last records, to the shards made from it.
	ChildShards []ChildShard
}

// Subscription is a SubscribeToShard subscription: one consumer reading
// one shard for up to 5 minutes. Its events are read by ranging over
// [Subscription.Events] once. It is safe for concurrent use (Close may be
// called while another goroutine ranges over the events) and must not be
// copied.
type Subscription[T any] struct {
	s     *Stream[T]
	c     *cursor[T]
	con   *consumer
	st    *subscription
	arn   string
	used  atomic.Bool
	first bool // no event delivered yet; used only by the ranging goroutine
}

// subscription is a subscription's state in its consumer's table, guarded
// by the stream's lock. It stays in the table after it ends, until the
// next successful call replaces it, for the SubscriptionTakeover rule.
type subscription struct {
	started  int64 // ns
	deadline int64 // ns: started + SubscriptionLifetime
	done     chan struct{}
	reason   error // why it ended early: taken over, consumer gone; nil when closed
	ended    bool
}

// activeLocked reports whether the subscription holds its consumer and
// shard at now.
func (st *subscription) activeLocked(now int64) bool {
	return !st.ended && now < st.deadline
}

// endLocked ends the subscription for reason (nil: closed by its owner or
// expired) and wakes its reader.
func (st *subscription) endLocked(reason error) {
	if st.ended {
		return
	}
	st.ended, st.reason = true, reason
	close(st.done)
}

// SubscribeToShard subscribes a consumer to a shard from a starting
// position, as SubscribeToShard does. The subscription delivers events
// while its events are ranged over, for [SubscriptionLifetime] after this
// call on the stream's clock; then it ends, and the consumer subscribes
// again, from the last event's ContinuationSequenceNumber.
//
// One consumer holds one subscription per shard. Another call for the
// same consumer and shard fails with [ErrResourceInUse] within
// [SubscriptionTakeover] of the last successful one, whether or not the
// subscription it made has ended (closed, broken off, at the end of a
// closed shard); after that it takes over: the events of the earlier
// subscription, if still active, end with [ErrResourceInUse].
//
// Errors: [ErrValidation] for a malformed ARN, shard id or position;
// [ErrResourceNotFound] for a deleted stream, an unregistered consumer or a
// shard that does not exist; [ErrResourceInUse] for a consumer that is not
// ACTIVE and for the rule above; [ErrInvalidArgument] for a position
// GetShardIterator would refuse. On error nothing changes.
func (s *Stream[T]) SubscribeToShard(in SubscribeToShardInput) (*Subscription[T], error) {
	var vs violations
	checkConsumerARN(&vs, in.ConsumerARN)
	checkShardIDSyntax(&vs, "shardId", in.ShardID)
	checkSubscribePosition(&vs, in.StartingPosition)
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	now := s.now()
	s.mu.Lock()
	_, err := s.activeConsumerLocked(in.ConsumerARN, now)
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	c, err := s.newCursor(in.ShardID, in.StartingPosition, "SubscribeToShard")
	if err != nil {
		return nil, err
	}
	now = s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	con, err := s.activeConsumerLocked(in.ConsumerARN, now) // again: it may have gone meanwhile
	if err != nil {
		return nil, err
	}
	if old := con.subs[c.sh.index]; old != nil {
		if now-old.started < int64(SubscriptionTakeover) {
			return nil, ErrResourceInUse.Errorf("Consumer %s subscribed to shard %s less than %v ago; "+
				"a new SubscribeToShard call for them can succeed %v after the last successful one.", con.arn, c.sh.id, SubscriptionTakeover, SubscriptionTakeover)
		}
		if old.activeLocked(now) {
			old.endLocked(ErrResourceInUse.Errorf("The subscription of consumer %s to shard %s was taken over by a newer SubscribeToShard call.", con.arn, c.sh.id))
		}
	}
	st := &subscription{started: now, deadline: now + int64(SubscriptionLifetime), done: make(chan struct{})}
	if con.subs == nil {
		con.subs = map[uint32]*subscription{}
	}
	con.subs[c.sh.index] = st
	return &Subscription[T]{s: s, c: c, con: con, st: st, arn: con.arn, first: true}, nil
}

// activeConsumerLocked returns the consumer with the given ARN if it is
// ACTIVE at now, with SubscribeToShard's errors otherwise.
func (s *Stream[T]) activeConsumerLocked(arn string, now int64) (*consumer, error) {
	if err := s.readyLocked(now); err != nil {
		return nil, err
	}
	s.sweepConsumersLocked(now)
	for _, c := range s.consumers.list {
		if c.arn != arn {
			continue
		}
		if st, _ := c.statusLocked(now, int64(s.opts.transitionDelay)); st != ConsumerActive {
			return nil, ErrResourceInUse.Errorf("Consumer %s under stream %s under account %s is not ACTIVE, instead in state %s.", arn, s.name, s.opts.account, st)
		}
		return c, nil
	}
	return nil, s.consumerNotFound(arn)
}

// checkSubscribePosition records the ways p breaks the model's
// constraints, at SubscribeToShard's paths.
func checkSubscribePosition(vs *violations, p StartingPosition) {
	switch p.Type {
	case TrimHorizon, Latest, AtSequenceNumber, AfterSequenceNumber, AtTimestamp:
	default:
		vs.AddString(string(p.Type), "startingPosition.type", awserr.Enum(iteratorTypes...))
	}
	if p.SequenceNumber != "" && !isDecimal(p.SequenceNumber, maxSeqDigits) {
		vs.AddString(p.SequenceNumber, "startingPosition.sequenceNumber", awserr.Pattern(seqPattern))
	}
}

// Close ends the subscription. A range over its events in progress ends
// without an error. Closing does not shorten the [SubscriptionTakeover]
// after the SubscribeToShard call, within which the consumer cannot
// subscribe to the shard again. Closing twice, or after the subscription
// ended, does nothing.
func (sub *Subscription[T]) Close() {
	s := sub.s
	s.mu.Lock()
	defer s.mu.Unlock()
	sub.st.endLocked(nil)
}

// Events returns the subscription's events, for one range. The first
// event comes at once, with the records already there or none; after it,
// an event comes when records arrive (a put wakes the waiting range). The
// range ends, with no error, when SubscriptionLifetime has passed since
// SubscribeToShard, after the event that delivers the last records of a
// closed shard (with its ChildShards), or when the subscription is closed.
// It yields an error once and ends when ctx ends (ctx.Err()), when another
// subscription takes over ([ErrResourceInUse]), and when the consumer is
// deregistered, the stream deleted or the shard expires
// ([ErrResourceNotFound]).
//
// The subscription ends when the range does, also when the loop breaks
// early. Ranging over the events a second time yields nothing. Events
// deliver at most 1,024 records each.
func (sub *Subscription[T]) Events(ctx context.Context) iter.Seq2[SubscribeToShardEvent[T], error] {
	return func(yield func(SubscribeToShardEvent[T], error) bool) {
		if !sub.used.CompareAndSwap(false, true) {
			return
		}
		defer sub.Close()
		s := sub.s
		for {
			if err := ctx.Err(); err != nil {
				yield(SubscribeToShardEvent[T]{}, err)
				return
			}
			ev, sp, wake, final, ended, err := sub.poll()
			switch {
			case err != nil:
				yield(SubscribeToShardEvent[T]{}, err)
				return
			case ended:
				return
			}
			if len(sp.seg) > 0 {
				ev.Records = make([]Record[T], len(sp.seg))
				for j := range sp.seg {
					ev.Records[j] = sp.record(j, s.epochMs)
				}
				if !final {
					ev.ContinuationSequenceNumber = ev.Records[len(ev.Records)-1].SequenceNumber
				}
			}
			if len(ev.Records) > 0 || sub.first || final {
				sub.first = false
				if ev.Records == nil {
					ev.Records = []Record[T]{}
				}
				if !yield(ev, nil) || final {
					return
				}
				continue
			}
			sub.wait(ctx, wake)
		}
	}
}

// poll reads the next run of records and fills in the rest of the event.
// final reports that the run holds the end of a closed shard; ended, that
// the subscription ended quietly (expired or closed); wake, when the
// subscription has caught up with an open shard, is closed at its next
// change.
func (sub *Subscription[T]) poll() (ev SubscribeToShardEvent[T], sp span[T], wake <-chan struct{}, final, ended bool, err error) {
	s, c, st := sub.s, sub.c, sub.st
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.deleted:
		return ev, sp, nil, false, false, s.streamNotFound()
	case st.ended && st.reason != nil:
		return ev, sp, nil, false, false, st.reason
	case st.ended:
		return ev, sp, nil, false, true, nil
	case now >= st.deadline:
		st.endLocked(nil)
		return ev, sp, nil, false, true, nil
	}
	sh := c.sh
	sp = s.spanLocked(sh, c.pos, now)
	if sh.expired {
		return ev, span[T]{}, nil, false, false, s.shardNotFound(sh.id)
	}
	c.pos = sp.from + uint64(len(sp.seg))
	if c.pos < sh.log.n {
		ev.MillisBehindLatest = max(0, now/1e6-s.epochMs-sh.log.at(c.pos).arrival())
	}
	if !sh.open() && c.pos >= sh.log.n {
		ev.ChildShards = childShards(sh) // and no ContinuationSequenceNumber: the shard has ended
		return ev, sp, nil, true, false, nil
	}
	if len(sp.seg) == 0 {
		ev.ContinuationSequenceNumber = s.continuationLocked(sh, c.pos)
		wake = sh.waitChan()
	}
	return ev, sp, wake, false, false, nil
}

// wait blocks until the shard changes (wake), the subscription ends or
// expires, or ctx ends.
func (sub *Subscription[T]) wait(ctx context.Context, wake <-chan struct{}) {
	expired := make(chan struct{})
	t := sub.s.opts.clock.AfterFunc(time.Duration(sub.st.deadline-sub.s.now()), func() { close(expired) })
	defer t.Stop()
	select {
	case <-wake:
	case <-sub.st.done:
	case <-expired:
	case <-ctx.Done():
	}
}
