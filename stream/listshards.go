package stream

import "time"

// ShardFilterType is a ListShards ShardFilter's Type.
type ShardFilterType string

// The shard filter types.
const (
	// FilterAfterShardID lists the shards after ShardFilter.ShardID.
	FilterAfterShardID ShardFilterType = "AFTER_SHARD_ID"
	// FilterAtTrimHorizon lists the shards that were open at the trim horizon
	// (the oldest time still within retention, or the stream's creation).
	FilterAtTrimHorizon ShardFilterType = "AT_TRIM_HORIZON"
	// FilterFromTrimHorizon lists every shard within retention: the default.
	FilterFromTrimHorizon ShardFilterType = "FROM_TRIM_HORIZON"
	// FilterAtLatest lists the open shards.
	FilterAtLatest ShardFilterType = "AT_LATEST"
	// FilterAtTimestamp lists the shards open at ShardFilter.Timestamp.
	FilterAtTimestamp ShardFilterType = "AT_TIMESTAMP"
	// FilterFromTimestamp lists the shards open at or after
	// ShardFilter.Timestamp (taken as the trim horizon if older).
	FilterFromTimestamp ShardFilterType = "FROM_TIMESTAMP"
)

var shardFilterTypes = []string{string(FilterAfterShardID), string(FilterAtTrimHorizon), string(FilterFromTrimHorizon), string(FilterAtLatest), string(FilterAtTimestamp), string(FilterFromTimestamp)}

// ShardFilter narrows ListShards.
type ShardFilter struct {
	Type ShardFilterType
	// ShardID is for FilterAfterShardID.
	ShardID string
	// Timestamp is for FilterAtTimestamp and FilterFromTimestamp; the zero Time
	// means absent.
	Timestamp time.Time
}

// ListShardsInput is ListShards' request (the stream is the receiver).
type ListShardsInput struct {
	// ExclusiveStartShardID lists only the shards after it.
	ExclusiveStartShardID string
	// MaxResults is the most shards to return, 1–10,000; zero means 1,000.
	MaxResults int
	// NextToken continues an earlier listing; it cannot be given with
	// ExclusiveStartShardID or ShardFilter, and expires after 5 minutes.
	NextToken string
	// ShardFilter narrows the listing; nil lists every shard within
	// retention.
	ShardFilter *ShardFilter
}

// ListShardsOutput is ListShards' answer.
type ListShardsOutput struct {
	// Shards are in the order they were made, oldest first.
	Shards []Shard
	// NextToken is set when more shards match; pass it to get them.
	NextToken string
}

// ListShards lists the stream's shards with their lineage, hash key ranges
// and sequence number ranges, as ListShards does. Shards whose records are
// all past retention (closed long enough ago) are not listed.
//
// Errors are AWS's: [ErrValidation] for MaxResults out of range or an
// unknown filter type; [ErrInvalidArgument] for a NextToken given with
// other parameters or not issued by this stream, or a filter without the
// shard id or timestamp its type needs; [ErrExpiredNextToken] for a
// NextToken older than 5 minutes.
func (s *Stream[T]) ListShards(in ListShardsInput) (ListShardsOutput, error) {
	var vs violations
	switch {
	case in.MaxResults < 0:
		vs.addInt(in.MaxResults, "maxResults", valueAtLeast(1))
	case in.MaxResults > MaxListShardsMaxResults:
		vs.addInt(in.MaxResults, "maxResults", valueAtMost(MaxListShardsMaxResults))
	}
	if f := in.ShardFilter; f != nil {
		switch f.Type {
		case FilterAfterShardID, FilterAtTrimHorizon, FilterFromTrimHorizon, FilterAtLatest, FilterAtTimestamp, FilterFromTimestamp:
		default:
			vs.addString(string(f.Type), "shardFilter.type", enum(shardFilterTypes...))
		}
	}
	if err := vs.err(); err != nil {
		return ListShardsOutput{}, err
	}
	limit := in.MaxResults
	if limit == 0 {
		limit = DefaultListShardsMaxResults
	}
	now := s.now()
	q, err := s.shardQuery(in, now)
	if err != nil {
		return ListShardsOutput{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readyLocked(now); err != nil {
		return ListShardsOutput{}, err
	}
	s.expireAllLocked(now)
	var out ListShardsOutput
	last := q.after
	for i := q.after + 1; i < len(s.shards); i++ {
		sh := s.shards[i]
		if sh.expired || !s.matchesLocked(q, sh, now) {
			continue
		}
		if len(out.Shards) == limit {
			out.NextToken = s.sealToken(nextShardToken, uint64(last), uint64(now), uint64(q.filter), uint64(q.at))
			break
		}
		out.Shards = append(out.Shards, describeShard(sh))
		last = i
	}
	return out, nil
}

// shardQuery is a ListShards request reduced to what selects shards: the
// index they come after and a filter. A NextToken carries one.
type shardQuery struct {
	after  int // list shards with a greater index; -1 lists from the first
	filter filterKind
	at     int64 // the filter's time, ns
}

// filterKind numbers the filter types, for NextTokens.
type filterKind uint8

const (
	filterFromTrimHorizon filterKind = iota
	filterAtTrimHorizon
	filterAtLatest
	filterAtTimestamp
	filterFromTimestamp
)

// shardQuery checks a ListShards request's parameters against each other
// and reduces it to a query, reading a NextToken if there is one.
func (s *Stream[T]) shardQuery(in ListShardsInput, now int64) (shardQuery, error) {
	if in.NextToken != "" {
		if in.ExclusiveStartShardID != "" || in.ShardFilter != nil {
			return shardQuery{}, ErrInvalidArgument.WithMessage("NextToken cannot be combined with ExclusiveStartShardId or ShardFilter.")
		}
		var w [4]uint64
		if !s.openToken(nextShardToken, in.NextToken, w[:]) || w[2] > uint64(filterFromTimestamp) {
			return shardQuery{}, ErrInvalidArgument.WithMessage("Invalid NextToken.")
		}
		if now-int64(w[1]) > int64(IteratorLifetime) {
			return shardQuery{}, ErrExpiredNextToken.Errorf("The NextToken has expired: it was issued more than %d seconds ago.", int(IteratorLifetime.Seconds()))
		}
		return shardQuery{after: int(min(w[0], maxSeqShardIndex)), filter: filterKind(w[2]), at: int64(w[3])}, nil
	}
	q := shardQuery{after: -1}
	if in.ExclusiveStartShardID != "" {
		q.after = afterShard(in.ExclusiveStartShardID)
	}
	f := in.ShardFilter
	if f == nil {
		return q, nil
	}
	switch f.Type {
	case FilterAfterShardID:
		if f.ShardID == "" {
			return q, ErrInvalidArgument.WithMessage("ShardId must be supplied in a ShardFilter with a Type of AFTER_SHARD_ID")
		}
		q.after = max(q.after, afterShard(f.ShardID))
	case FilterAtTrimHorizon:
		q.filter = filterAtTrimHorizon
	case FilterAtLatest:
		q.filter = filterAtLatest
	case FilterAtTimestamp, FilterFromTimestamp:
		if f.Timestamp.IsZero() {
			return q, ErrInvalidArgument.Errorf("Timestamp must be supplied in a ShardFilter with a Type of %s", f.Type)
		}
		q.filter, q.at = filterAtTimestamp, f.Timestamp.UnixNano()
		if f.Type == FilterFromTimestamp {
			q.filter = filterFromTimestamp
		}
	}
	return q, nil
}

// afterShard returns the index of the shard id names, for listing the
// shards after it; an id that names no index lists from the first.
func afterShard(id string) int {
	if i, ok := parseShardID(id); ok {
		return int(i)
	}
	return -1
}

// matchesLocked reports whether sh passes q's filter at now.
func (s *Stream[T]) matchesLocked(q shardQuery, sh *shard[T], now int64) bool {
	// The trim horizon: the oldest time still within retention, but not
	// before the stream existed.
	horizon := max(now-s.retentionLocked(), s.created)
	openAt := func(t int64) bool { return sh.created <= t && (sh.open() || sh.closed >= t) }
	switch q.filter {
	case filterAtTrimHorizon:
		return openAt(horizon)
	case filterAtLatest:
		return sh.open()
	case filterAtTimestamp:
		return openAt(max(q.at, s.created))
	case filterFromTimestamp:
		return sh.open() || sh.closed >= max(q.at, horizon)
	}
	return true
}

func describeShard[T any](sh *shard[T]) Shard {
	d := Shard{
		ShardID:             sh.id,
		HashKeyRange:        HashKeyRange{sh.start, sh.end},
		SequenceNumberRange: SequenceNumberRange{sh.startingSequenceNumber(), sh.endingSequenceNumber()},
	}
	if sh.parent != nil {
		d.ParentShardID = sh.parent.id
	}
	if sh.adjacent != nil {
		d.AdjacentParentShardID = sh.adjacent.id
	}
	return d
}
