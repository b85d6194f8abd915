package stream

import (
	"context"
	"iter"
	"time"
)

// span is a run of stored records of one shard, entries from index from
// on. It is cut under the stream's lock and read after releasing it: the
// entries of a log never change once published (see recordLog).
type span[T any] struct {
	sh   *shard[T]
	seg  []entry[T]
	from uint64
}

// record returns the j-th record of the span.
func (sp *span[T]) record(j int, epochMs int64) Record[T] {
	e := &sp.seg[j]
	return Record[T]{
		SequenceNumber:              sp.sh.sequenceNumber(sp.from+uint64(j), e.arrival(), epochMs),
		ApproximateArrivalTimestamp: time.UnixMilli(epochMs + e.arrival()),
		Data:                        e.data,
		PartitionKey:                e.key,
	}
}

// spanLocked returns the stored records of sh from index pos to the end of
// pos's chunk, first skipping those past retention at now. An empty span
// still says, in from, where reading goes on.
func (s *Stream[T]) spanLocked(sh *shard[T], pos uint64, now int64) span[T] {
	s.expireLocked(sh, now)
	sp := span[T]{sh: sh, from: max(pos, sh.log.trim)}
	if sp.from < sh.log.n {
		sp.seg = sh.log.segment(sp.from)
	}
	return sp
}

// lookupShardLocked returns the shard id names at now, or AWS's error for
// a shard that does not exist (or has expired).
func (s *Stream[T]) lookupShardLocked(id string, now int64) (*shard[T], error) {
	if sh := s.shardLocked(id, now); sh != nil {
		return sh, nil
	}
	if i, ok := parseShardID(id); ok {
		return nil, s.shardNotFound(shardID(i))
	}
	return nil, s.couldNotFindShard(id)
}

// cursor reads one shard from a position on. It is the one way records
// leave a shard: the Go iterators read through it, and so will enhanced
// fan-out subscriptions and consumer groups. A cursor is used by one
// goroutine at a time.
type cursor[T any] struct {
	s   *Stream[T]
	sh  *shard[T]
	pos uint64 // index of the next record to read
}

// newCursor checks shardID and from as GetShardIterator does (op names
// the operation in messages) and returns a cursor at that position.
func (s *Stream[T]) newCursor(shardID string, from StartingPosition, op string) (*cursor[T], error) {
	var vs violations
	checkShardIDSyntax(&vs, "shardId", shardID)
	checkPosition(&vs, from)
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readyLocked(now); err != nil {
		return nil, err
	}
	sh, err := s.lookupShardLocked(shardID, now)
	if err != nil {
		return nil, err
	}
	pos, err := s.positionLocked(sh, from, op, now)
	if err != nil {
		return nil, err
	}
	return &cursor[T]{s: s, sh: sh, pos: pos}, nil
}

// next returns the next run of stored records and moves past it. When
// there is none it returns an empty span and, if the shard is open and
// wait is set, a channel closed when the shard next changes (a record
// arrives, it closes, the stream is deleted). An empty span with no
// channel from an open shard means caught up; from a closed shard, read
// to its end.
func (c *cursor[T]) next(wait bool) (span[T], <-chan struct{}, error) {
	s, now := c.s, c.s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.deleted {
		return span[T]{}, nil, s.streamNotFound()
	}
	sp := s.spanLocked(c.sh, c.pos, now)
	if c.sh.expired {
		return span[T]{}, nil, s.shardNotFound(c.sh.id)
	}
	c.pos = sp.from + uint64(len(sp.seg))
	if len(sp.seg) > 0 || !wait || !c.sh.open() {
		return sp, nil, nil
	}
	return sp, c.sh.waitChan(), nil
}

// continuation returns the sequence number of the record before the
// cursor's position (see continuationLocked).
func (c *cursor[T]) continuation() SequenceNumber {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return c.s.continuationLocked(c.sh, c.pos)
}

// continuationLocked returns the ContinuationSequenceNumber of a reader of
// sh about to read index pos: the number of the record before pos. When
// that record has expired, a number with its counter stands in for it:
// AFTER_SEQUENCE_NUMBER with it still resolves to pos.
func (s *Stream[T]) continuationLocked(sh *shard[T], pos uint64) SequenceNumber {
	switch {
	case pos == 0:
		return sh.startingSequenceNumber()
	case pos-1 >= sh.log.trim && pos-1 < sh.log.n:
		return sh.sequenceNumber(pos-1, sh.log.at(pos-1).arrival(), s.epochMs)
	}
	return sh.base.withCounter(pos, sh.base.createdSec())
}

// Records returns an iterator over the records of the shard named
// shardID, from the position from to the newest record: it ends when it
// has caught up. The position is checked and resolved when iteration
// starts, as GetShardIterator would; an invalid one yields its error once.
// Records past retention are skipped. Reading does not count against
// [WithThroughputLimits], which limit GetRecords only.
func (s *Stream[T]) Records(shardID string, from StartingPosition) iter.Seq2[Record[T], error] {
	return func(yield func(Record[T], error) bool) {
		s.read(context.Background(), shardID, from, false, yield)
	}
}

// Follow is [Stream.Records] that, once caught up, waits for new records
// instead of ending, until ctx ends: then it yields ctx.Err() once and
// stops. It ends by itself, with no error, once the shard is closed by a
// reshard and read to its end ([Stream.ChildShards] then names the shards
// to read next). A waiting Follow is woken by the put that gives it a
// record; it starts no goroutine and polls nothing.
func (s *Stream[T]) Follow(ctx context.Context, shardID string, from StartingPosition) iter.Seq2[Record[T], error] {
	return func(yield func(Record[T], error) bool) {
		s.read(ctx, shardID, from, true, yield)
	}
}

func (s *Stream[T]) read(ctx context.Context, shardID string, from StartingPosition, follow bool, yield func(Record[T], error) bool) {
	c, err := s.newCursor(shardID, from, "GetShardIterator")
	if err != nil {
		yield(Record[T]{}, err)
		return
	}
	for {
		if err := ctx.Err(); err != nil {
			yield(Record[T]{}, err)
			return
		}
		sp, wake, err := c.next(follow)
		if err != nil {
			yield(Record[T]{}, err)
			return
		}
		for j := range sp.seg {
			if !yield(sp.record(j, s.epochMs), nil) {
				return
			}
		}
		if len(sp.seg) > 0 {
			continue
		}
		if wake == nil {
			return // caught up (Records), or a closed shard read to its end
		}
		select {
		case <-wake:
		case <-ctx.Done():
			yield(Record[T]{}, ctx.Err())
			return
		}
	}
}

// ChildShards returns the shards made from the shard named shardID when it
// was split or merged, as GetRecords returns them at the end of a closed
// shard; none while it is open.
func (s *Stream[T]) ChildShards(shardID string) ([]ChildShard, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readyLocked(now); err != nil {
		return nil, err
	}
	sh, err := s.lookupShardLocked(shardID, now)
	if err != nil {
		return nil, err
	}
	return childShards(sh), nil
}

func childShards[T any](sh *shard[T]) []ChildShard {
	var out []ChildShard
	for _, c := range sh.children {
		out = append(out, ChildShard{
			ShardID:      c.id,
			ParentShards: c.parentIDs(),
			HashKeyRange: HashKeyRange{c.start, c.end},
		})
	}
	return out
}
