package stream

import (
	"strconv"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

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
// A shard id to list after (ExclusiveStartShardID, or a ShardFilter's
// ShardID) is read as AWS writes them, shardId- and the index, or the
// index alone; an index beyond every shard's lists nothing.
//
// Errors are AWS's: [ErrValidation] for MaxResults out of range, an
// unknown filter type, or a shard id that breaks the model's pattern or
// length; [ErrInvalidArgument] for a NextToken given with other
// parameters or not issued by this stream, a filter without the shard id
// or timestamp its type needs, or a shard id that the model allows but
// that names no shard index (such as "shard-1"; the message is the
// package's); [ErrExpiredNextToken] for a NextToken older than 5 minutes.
func (s *Stream[T]) ListShards(in ListShardsInput) (ListShardsOutput, error) {
	var vs violations
	if in.ExclusiveStartShardID != "" {
		checkShardIDSyntax(&vs, "exclusiveStartShardId", in.ExclusiveStartShardID)
	}
	switch {
	case in.MaxResults < 0:
		vs.AddInt(in.MaxResults, "maxResults", awserr.ValueAtLeast(1))
	case in.MaxResults > MaxListShardsMaxResults:
		vs.AddInt(in.MaxResults, "maxResults", awserr.ValueAtMost(MaxListShardsMaxResults))
	}
	if f := in.ShardFilter; f != nil {
		switch f.Type {
		case FilterAfterShardID, FilterAtTrimHorizon, FilterFromTrimHorizon, FilterAtLatest, FilterAtTimestamp, FilterFromTimestamp:
		default:
			vs.AddString(string(f.Type), "shardFilter.type", awserr.Enum(shardFilterTypes...))
		}
		if f.ShardID != "" {
			checkShardIDSyntax(&vs, "shardFilter.shardId", f.ShardID)
		}
	}
	if err := vs.Err(ErrValidation); err != nil {
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
	at     int64 // the filter's time, ms since the Unix epoch
}

// maxListAfter is the greatest index a listing starts after: beyond every
// shard's index (they are below maxSeqShardIndex), and small enough that
// adding one overflows no int.
const maxListAfter = maxSeqShardIndex - 1

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
		return shardQuery{after: int(min(w[0], maxListAfter)), filter: filterKind(w[2]), at: int64(w[3])}, nil
	}
	q := shardQuery{after: -1}
	if id := in.ExclusiveStartShardID; id != "" {
		after, ok := afterShard(id)
		if !ok {
			return q, s.notAShardID("ExclusiveStartShardId", id)
		}
		q.after = after
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
		after, ok := afterShard(f.ShardID)
		if !ok {
			return q, s.notAShardID("ShardFilter.ShardId", f.ShardID)
		}
		q.after = max(q.after, after)
	case FilterAtTrimHorizon:
		q.filter = filterAtTrimHorizon
	case FilterAtLatest:
		q.filter = filterAtLatest
	case FilterAtTimestamp, FilterFromTimestamp:
		if f.Timestamp.IsZero() {
			return q, ErrInvalidArgument.Errorf("Timestamp must be supplied in a ShardFilter with a Type of %s", f.Type)
		}
		// In ms: UnixNano is undefined outside the years 1678–2262, and
		// UnixMilli holds ±292 million years.
		q.filter, q.at = filterAtTimestamp, f.Timestamp.UnixMilli()
		if f.Type == FilterFromTimestamp {
			q.filter = filterFromTimestamp
		}
	}
	return q, nil
}

// afterShard returns the index of the shard id names, for listing the
// shards after it: id is shardId- and decimal digits, or the digits alone,
// as parseShardID reads them but with any number of digits. An index
// beyond every shard's gives maxListAfter, which lists nothing. ok is
// false when id is not of that form.
func afterShard(id string) (after int, ok bool) {
	digits := strings.TrimPrefix(id, shardIDPrefix)
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 32)
	if err != nil || n > maxListAfter { // all digits, so err is a range error
		return maxListAfter, true
	}
	return int(n), true
}

func (s *Stream[T]) notAShardID(param, id string) error {
	return ErrInvalidArgument.Errorf("%s %s used in ListShards on stream %s under account %s is invalid: it names no shard.", param, id, s.name, s.opts.account)
}

// matchesLocked reports whether sh passes q's filter at now. Times are
// compared in ms, the precision of the filter's timestamp.
func (s *Stream[T]) matchesLocked(q shardQuery, sh *shard[T], now int64) bool {
	// The trim horizon: the oldest time still within retention, but not
	// before the stream existed.
	horizon := msOf(max(now-s.retentionLocked(), s.created))
	created, closed := msOf(sh.created), msOf(sh.closed)
	openAt := func(t int64) bool { return created <= t && (sh.open() || closed >= t) }
	switch q.filter {
	case filterAtTrimHorizon:
		return openAt(horizon)
	case filterAtLatest:
		return sh.open()
	case filterAtTimestamp:
		return openAt(max(q.at, msOf(s.created)))
	case filterFromTimestamp:
		return sh.open() || closed >= max(q.at, horizon)
	}
	return true
}

// msOf returns the ms since the Unix epoch of ns ns, rounded down.
func msOf(ns int64) int64 {
	ms := ns / 1e6
	if ns%1e6 < 0 {
		ms--
	}
	return ms
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
