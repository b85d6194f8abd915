package stream

import (
	"slices"

	"github.com/switchyard/switchyard/internal/awserr"
)

// Resharding is instant in process: when SplitShard, MergeShards or
// UpdateShardCount returns, the parents are closed and the children open
// and taking records. (On AWS the children appear at the end of the
// UPDATING phase.) The stream reports UPDATING for the transition delay
// afterwards, during which another reshard fails with ResourceInUse.

// SplitShard splits an open shard in two, as SplitShard does: the parent
// closes (it keeps its records, readable until they expire) and two
// children take its hash keys, [start, newStartingHashKey−1] and
// [newStartingHashKey, end], each naming it as ParentShardId.
//
// Errors are AWS's: [ErrValidation] for a malformed shard id or hash key;
// [ErrResourceNotFound] for a shard that does not exist;
// [ErrInvalidArgument] for a shard already split or merged, or a hash key
// not strictly inside the shard's range (it must be above start+1 and
// below end); [ErrLimitExceeded] beyond the shard limit;
// [ErrResourceInUse] when the stream is not ACTIVE. On error nothing
// changes.
func (s *Stream[T]) SplitShard(shardToSplit, newStartingHashKey string) error {
	var vs violations
	checkShardIDSyntax(&vs, "shardToSplit", shardToSplit)
	if !isDecimal(newStartingHashKey, maxHashKeyDigits) {
		vs.AddString(newStartingHashKey, "newStartingHashKey", awserr.Pattern(hashKeyPattern))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return err
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sh, err := s.reshardableLocked(shardToSplit, now)
	if err != nil {
		return err
	}
	if len(s.open)+1 > s.opts.shardLimit {
		return s.shardLimitError(len(s.open), 1)
	}
	key, inRange := ParseHashKey(newStartingHashKey)
	low, _ := sh.start.add(1)
	if !inRange || key.Compare(low) <= 0 || key.Compare(sh.end) >= 0 {
		return ErrInvalidArgument.Errorf("NewStartingHashKey %s used in SplitShard() on shard %s in stream %s under account %s "+
			"is not both greater than one plus the shard's StartingHashKey %s and less than the shard's EndingHashKey %s.",
			newStartingHashKey, sh.id, s.name, s.opts.account, sh.start, sh.end)
	}
	left, right := s.splitLocked(sh, key, now)
	s.reopenLocked(left, right)
	s.updated, s.resharded = now, true
	return nil
}

// MergeShards merges two open shards whose hash key ranges are adjacent,
// given in either order, as MergeShards does: both close (keeping their
// records) and one child takes their hash keys, with shardToMerge as its
// ParentShardId and adjacentShardToMerge as its AdjacentParentShardId.
//
// Errors are AWS's: [ErrValidation] for a malformed shard id;
// [ErrResourceNotFound] for a shard that does not exist;
// [ErrInvalidArgument] for a shard already split or merged, or shards
// that are not adjacent; [ErrResourceInUse] when the stream is not ACTIVE.
// On error nothing changes.
func (s *Stream[T]) MergeShards(shardToMerge, adjacentShardToMerge string) error {
	var vs violations
	checkShardIDSyntax(&vs, "shardToMerge", shardToMerge)
	checkShardIDSyntax(&vs, "adjacentShardToMerge", adjacentShardToMerge)
	if err := vs.Err(ErrValidation); err != nil {
		return err
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.reshardableLocked(shardToMerge, now)
	if err != nil {
		return err
	}
	b, err := s.reshardableLocked(adjacentShardToMerge, now)
	if err != nil {
		return err
	}
	if !adjacent(a, b) && !adjacent(b, a) {
		return ErrInvalidArgument.Errorf("Shards %s and %s in stream %s under account %s are not an adjacent pair of shards eligible for merging",
			a.id, b.id, s.name, s.opts.account)
	}
	s.reopenLocked(s.mergeLocked(a, b, now))
	s.updated, s.resharded = now, true
	return nil
}

// reshardableLocked returns the open shard id names, or the error AWS
// gives for resharding it at now: the stream must be ACTIVE, the shard
// must exist and not be closed already.
func (s *Stream[T]) reshardableLocked(id string, now int64) (*shard[T], error) {
	if err := s.activeLocked(now); err != nil {
		return nil, err
	}
	sh := s.shardLocked(id, now)
	if sh == nil {
		return nil, s.couldNotFindShard(id)
	}
	if !sh.open() {
		return nil, ErrInvalidArgument.Errorf("Shard %s in stream %s under account %s has already been merged or split, and thus is not eligible for merging or splitting.",
			sh.id, s.name, s.opts.account)
	}
	return sh, nil
}

// adjacent reports whether b's range starts just after a's ends.
func adjacent[T any](a, b *shard[T]) bool {
	next, overflow := a.end.add(1)
	return !overflow && next == b.start
}

// splitLocked closes sh and makes its two children, split at key (which
// is above sh's start and at most its end). The caller updates s.open.
func (s *Stream[T]) splitLocked(sh *shard[T], key HashKey, now int64) (left, right *shard[T]) {
	s.closeLocked(sh, now)
	left = s.newShardLocked(sh.start, key.sub(1), now, sh, nil)
	right = s.newShardLocked(key, sh.end, now, sh, nil)
	return left, right
}

// mergeLocked closes a and b, which are adjacent in either order, and
// makes their child. The caller updates s.open.
func (s *Stream[T]) mergeLocked(a, b *shard[T], now int64) *shard[T] {
	s.closeLocked(a, now)
	s.closeLocked(b, now)
	lo, hi := a, b
	if b.start.Compare(a.start) < 0 {
		lo, hi = b, a
	}
	return s.newShardLocked(lo.start, hi.end, now, a, b)
}

// closeLocked closes sh at now and wakes its readers, who find the end.
func (s *Stream[T]) closeLocked(sh *shard[T], now int64) {
	sh.isClosed, sh.closed = true, now
	sh.notify()
}

// reopenLocked replaces the closed shards among the open ones with the
// given new ones, keeping them sorted by starting hash key.
func (s *Stream[T]) reopenLocked(added ...*shard[T]) {
	open := slices.DeleteFunc(s.open, func(sh *shard[T]) bool { return !sh.open() })
	open = append(open, added...)
	slices.SortFunc(open, func(a, b *shard[T]) int { return a.start.Compare(b.start) })
	s.open = open
}
