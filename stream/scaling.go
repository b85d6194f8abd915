package stream

import (
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// ScalingType is UpdateShardCount's ScalingType.
type ScalingType string

// UniformScaling, the only scaling type, leaves the open shards splitting
// the hash key space evenly.
const UniformScaling ScalingType = "UNIFORM_SCALING"

// UpdateShardCount's limits.
const (
	// MaxScalingsPerDay is how many UpdateShardCount calls a stream takes
	// in any 24 hours.
	MaxScalingsPerDay = 10
	// MaxScalingTarget is the most shards UpdateShardCount scales to.
	MaxScalingTarget = 10000
	// maxTargetShardCount is the model's bound on TargetShardCount.
	maxTargetShardCount = 100000
)

// UpdateShardCountOutput is UpdateShardCount's answer.
type UpdateShardCountOutput struct {
	StreamName        string
	CurrentShardCount int // open shards before the call
	TargetShardCount  int
}

// UpdateShardCount changes the number of open shards to target, as
// UpdateShardCount with UNIFORM_SCALING does: afterwards the open shards
// split the hash key space evenly, as a new stream's would. Like AWS it
// gets there by splitting and merging, so the lineage is a chain of
// SplitShard and MergeShards steps (each child has at most two parents),
// with short-lived intermediate shards that are closed at once, empty.
//
// Errors are AWS's: [ErrValidation] for a target below 1 or a scaling type
// other than UNIFORM_SCALING; [ErrLimitExceeded] for a target above double
// or below half the open shards, above 10,000 or the shard limit, or an
// eleventh call within 24 hours; [ErrResourceInUse] when the stream is not
// ACTIVE. On error nothing changes.
func (s *Stream[T]) UpdateShardCount(target int, scaling ScalingType) (UpdateShardCountOutput, error) {
	var vs violations
	switch {
	case target < 1:
		vs.AddInt(target, "targetShardCount", awserr.ValueAtLeast(1))
	case target > maxTargetShardCount:
		vs.AddInt(target, "targetShardCount", awserr.ValueAtMost(maxTargetShardCount))
	}
	if scaling != UniformScaling {
		vs.AddString(string(scaling), "scalingType", awserr.Enum(string(UniformScaling)))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return UpdateShardCountOutput{}, err
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.activeLocked(now); err != nil {
		return UpdateShardCountOutput{}, err
	}
	current := len(s.open)
	limit := min(MaxScalingTarget, s.opts.shardLimit)
	counts := func(format string) error {
		return ErrLimitExceeded.Errorf(format+" Current open shard count: %d, Target shard count: %d", current, target)
	}
	switch {
	case target > limit:
		return UpdateShardCountOutput{}, ErrLimitExceeded.Errorf("Target shard count or number of open shards cannot be greater than %d. Current open shard count: %d, Target shard count: %d", limit, current, target)
	case target > 2*current:
		return UpdateShardCountOutput{}, counts("UpdateShardCount cannot scale up over double your current open shard count.")
	case 2*target < current:
		return UpdateShardCountOutput{}, counts("UpdateShardCount cannot scale down below half your current open shard count.")
	}
	s.scalings = recentScalings(s.scalings, now)
	if len(s.scalings) >= MaxScalingsPerDay {
		return UpdateShardCountOutput{}, ErrLimitExceeded.Errorf("Stream %s under account %s has exceeded its limit of %d UpdateShardCount calls in a rolling 24-hour period.",
			s.name, s.opts.account, MaxScalingsPerDay)
	}
	s.scalings = append(s.scalings, now)
	s.scaleLocked(target, now)
	s.updated, s.resharded = now, true
	return UpdateShardCountOutput{StreamName: s.name, CurrentShardCount: current, TargetShardCount: target}, nil
}

// recentScalings drops the scaling times more than 24 hours before now.
func recentScalings(times []int64, now int64) []int64 {
	i := 0
	for i < len(times) && now-times[i] >= int64(24*time.Hour) {
		i++
	}
	return append(times[:0], times[i:]...)
}

// scaleLocked reshapes the open shards into target even ranges: first
// every open shard is split at each target boundary strictly inside it, so
// that each lies within one target range; then the shards within each
// target range are merged, left to right.
func (s *Stream[T]) scaleLocked(target int, now int64) {
	bounds := uniformStarts(target)
	var pieces []*shard[T]
	b := 1 // the next boundary, bounds[0] being 0
	for _, sh := range s.open {
		cur := sh
		for b < len(bounds) && bounds[b].Compare(cur.start) <= 0 {
			b++
		}
		for ; b < len(bounds) && bounds[b].Compare(cur.end) <= 0; b++ {
			var left *shard[T]
			left, cur = s.splitLocked(cur, bounds[b], now)
			pieces = append(pieces, left)
		}
		pieces = append(pieces, cur)
	}
	open := make([]*shard[T], 0, target)
	for i := range bounds {
		acc := pieces[0]
		pieces = pieces[1:]
		for len(pieces) > 0 && (i+1 == len(bounds) || pieces[0].start.Compare(bounds[i+1]) < 0) {
			acc = s.mergeLocked(acc, pieces[0], now)
			pieces = pieces[1:]
		}
		open = append(open, acc)
	}
	s.open = open
}
