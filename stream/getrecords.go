package stream

import (
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// GetShardIteratorInput is GetShardIterator's request.
type GetShardIteratorInput struct {
	ShardID                string
	ShardIteratorType      IteratorType
	StartingSequenceNumber string
	// Timestamp is for AT_TIMESTAMP; the zero Time means absent.
	Timestamp time.Time
}

// GetShardIterator returns a shard iterator: an opaque string naming a
// position in a shard, for [Stream.GetRecords]. It expires 5 minutes after
// it is issued. It works on closed shards too, until they expire.
//
// Errors are AWS's: [ErrValidation] for a malformed shard id, type or
// sequence number; [ErrResourceNotFound] for a shard that does not exist;
// [ErrInvalidArgument] for a type without the sequence number or
// timestamp it needs (or with one it must not have), a timestamp in the
// future, or a sequence number that is malformed, belongs to another
// shard or stream, or was never issued by the shard.
func (s *Stream[T]) GetShardIterator(in GetShardIteratorInput) (string, error) {
	c, err := s.newCursor(in.ShardID, StartingPosition{
		Type:           in.ShardIteratorType,
		SequenceNumber: in.StartingSequenceNumber,
		Timestamp:      in.Timestamp,
	}, "GetShardIterator")
	if err != nil {
		return "", err
	}
	return s.sealIterator(c.sh.index, c.pos, s.now()), nil
}

// GetRecordsInput is GetRecords' request.
type GetRecordsInput struct {
	ShardIterator string
	// Limit is the most records to return, 1–10,000; zero means 10,000.
	Limit int
}

// GetRecordsOutput is GetRecords' answer.
type GetRecordsOutput[T any] struct {
	// Records are the records read, oldest first; empty (not nil) when
	// there are none yet.
	Records []Record[T]
	// NextShardIterator continues from after the last record returned,
	// with a fresh 5-minute lifetime. It is empty (absent on the wire)
	// when the shard is closed and has been read to its end.
	NextShardIterator string
	// MillisBehindLatest is how old the oldest record not yet read is; 0
	// when the read caught up with the shard.
	MillisBehindLatest int64
	// ChildShards are set, at the end of a closed shard only, to the
	// shards made from it.
	ChildShards []ChildShard
}

// maxIteratorLength is the longest shard iterator the API takes.
const maxIteratorLength = 512

// GetRecords reads records from the position a shard iterator names, as
// GetRecords does: at most Limit records and 10 MiB (but always at least
// one record when one is there), and returns a new iterator for the
// position after them. Records past retention are skipped.
//
// Errors are AWS's: [ErrValidation] for an iterator that is empty or too
// long, or a Limit out of range; [ErrInvalidArgument] for an iterator
// this stream did not issue; [ErrExpiredIterator] for one older than 5
// minutes; [ErrResourceNotFound] when its shard has expired; with
// [WithThroughputLimits], [ErrProvisionedThroughputExceeded] when the
// shard is over its read rate, and then nothing is read.
func (s *Stream[T]) GetRecords(in GetRecordsInput) (GetRecordsOutput[T], error) {
	var vs violations
	switch n := len(in.ShardIterator); {
	case n < 1:
		vs.AddString(in.ShardIterator, "shardIterator", awserr.LengthAtLeast(1))
	case n > maxIteratorLength:
		vs.AddString(in.ShardIterator, "shardIterator", awserr.LengthAtMost(maxIteratorLength))
	}
	switch {
	case in.Limit < 0:
		vs.AddInt(in.Limit, "limit", awserr.ValueAtLeast(1))
	case in.Limit > MaxGetRecordsLimit:
		vs.AddInt(in.Limit, "limit", awserr.ValueAtMost(MaxGetRecordsLimit))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return GetRecordsOutput[T]{}, err
	}
	limit := in.Limit
	if limit == 0 {
		limit = MaxGetRecordsLimit
	}
	now := s.now()
	index, pos, err := s.openIterator(in.ShardIterator, now)
	if err != nil {
		return GetRecordsOutput[T]{}, err
	}
	// A full read of 10,000 records spans at most 11 chunks.
	var buf [MaxGetRecordsLimit/chunkSize + 2]span[T]
	out, spans, err := s.getRecordsLocked(index, pos, limit, now, buf[:0])
	if err != nil {
		return out, err
	}
	n := 0
	for _, sp := range spans {
		n += len(sp.seg)
	}
	out.Records = make([]Record[T], 0, n)
	for _, sp := range spans {
		for j := range sp.seg {
			out.Records = append(out.Records, sp.record(j, s.epochMs))
		}
	}
	return out, nil
}

// getRecordsLocked does GetRecords' work under the lock: it cuts the spans
// to return and fills in everything but the records.
func (s *Stream[T]) getRecordsLocked(index uint32, pos uint64, limit int, now int64, spans []span[T]) (GetRecordsOutput[T], []span[T], error) {
	var out GetRecordsOutput[T]
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readyLocked(now); err != nil {
		return out, nil, err
	}
	if int(index) >= len(s.shards) {
		return out, nil, errInvalidIterator() // sealed by this stream, so never
	}
	sh := s.shards[index]
	if s.expireLocked(sh, now); sh.expired {
		return out, nil, s.shardNotFound(sh.id)
	}
	if err := s.faultLocked("GetRecords", sh, "", 0); err != nil {
		return out, nil, err
	}
	if sh.limits != nil && !sh.limits.read.admit(now) {
		return out, nil, s.throttled(sh)
	}
	count, bytes := 0, 0
	for count < limit {
		sp := s.spanLocked(sh, pos, now)
		pos = sp.from
		sp.seg = sp.seg[:min(len(sp.seg), limit-count)]
		take, full := 0, false
		for ; take < len(sp.seg); take++ {
			size := sp.seg[take].size()
			if full = bytes+size > MaxGetRecordsBytes && count+take > 0; full {
				break
			}
			bytes += size
		}
		if take == 0 {
			break
		}
		sp.seg = sp.seg[:take]
		spans = append(spans, sp)
		count += take
		pos += uint64(take)
		if full {
			break
		}
	}
	pos = max(pos, sh.log.trim)
	if sh.limits != nil {
		sh.limits.read.spend(bytes)
	}
	if pos < sh.log.n {
		out.MillisBehindLatest = max(0, now/1e6-s.epochMs-sh.log.at(pos).arrival())
	}
	if !sh.open() && pos >= sh.log.n {
		out.ChildShards = childShards(sh)
	} else {
		out.NextShardIterator = s.sealIterator(sh.index, pos, now)
	}
	return out, spans, nil
}

// sealIterator writes the shard iterator for position pos of shard index,
// issued at now.
func (s *Stream[T]) sealIterator(index uint32, pos uint64, now int64) string {
	return s.sealToken(iteratorToken, uint64(index), pos, uint64(now))
}

// openIterator reads a shard iterator, with AWS's errors for one that is
// not valid and one that has expired at now.
func (s *Stream[T]) openIterator(token string, now int64) (index uint32, pos uint64, err error) {
	var w [3]uint64
	if !s.openToken(iteratorToken, token, w[:]) || w[0] > maxSeqShardIndex {
		return 0, 0, errInvalidIterator()
	}
	issued := int64(w[2])
	if now-issued > int64(IteratorLifetime) {
		return 0, 0, ErrExpiredIterator.Errorf("Iterator expired. The iterator was created at time %s while right now it is %s "+
			"which is further in the future than the tolerated delay of %d milliseconds.",
			javaDate(issued), javaDate(now), IteratorLifetime.Milliseconds())
	}
	return uint32(w[0]), w[1], nil
}

func errInvalidIterator() error { return ErrInvalidArgument.WithMessage("Invalid ShardIterator.") }

// javaDate writes t (ns) as Java's Date.toString does in UTC, the form of
// the times in AWS's messages: "Thu Jan 22 01:22:02 UTC 2015".
func javaDate(t int64) string {
	return time.Unix(0, t).UTC().Format("Mon Jan 02 15:04:05 UTC 2006")
}
