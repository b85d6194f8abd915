package stream

import "time"

// IteratorType says where reading a shard starts (ShardIteratorType).
type IteratorType string

// The iterator types.
const (
	// TrimHorizon starts at the oldest record not yet past retention.
	TrimHorizon IteratorType = "TRIM_HORIZON"
	// Latest starts just after the newest record, so that only records
	// put later are read.
	Latest IteratorType = "LATEST"
	// AtSequenceNumber starts at the record with the given sequence number
	// (or the first after it, if there is none with it).
	AtSequenceNumber IteratorType = "AT_SEQUENCE_NUMBER"
	// AfterSequenceNumber starts just after the given sequence number.
	AfterSequenceNumber IteratorType = "AFTER_SEQUENCE_NUMBER"
	// AtTimestamp starts at the first record that arrived at or after the
	// given time (to the millisecond); a time before the oldest record
	// starts at the trim horizon.
	AtTimestamp IteratorType = "AT_TIMESTAMP"
)

var iteratorTypes = []string{string(AtSequenceNumber), string(AfterSequenceNumber), string(TrimHorizon), string(Latest), string(AtTimestamp)}

// StartingPosition is where to start reading a shard: a type, and the
// sequence number or timestamp the type needs (SubscribeToShard's
// StartingPosition; GetShardIterator takes the same three).
type StartingPosition struct {
	Type IteratorType
	// SequenceNumber, in decimal, for AtSequenceNumber and
	// AfterSequenceNumber; empty otherwise.
	SequenceNumber string
	// Timestamp for AtTimestamp; the zero Time means absent.
	Timestamp time.Time
}

// checkPosition records the ways p breaks the model's constraints.
func checkPosition(vs *violations, p StartingPosition) {
	switch p.Type {
	case TrimHorizon, Latest, AtSequenceNumber, AfterSequenceNumber, AtTimestamp:
	default:
		vs.addString(string(p.Type), "shardIteratorType", enum(iteratorTypes...))
	}
	if p.SequenceNumber != "" && !isDecimal(p.SequenceNumber, maxSeqDigits) {
		vs.addString(p.SequenceNumber, "startingSequenceNumber", pattern(seqPattern))
	}
}

// checkShardIDSyntax records the ways id breaks the model's constraints on
// shard ids.
func checkShardIDSyntax(vs *violations, at, id string) {
	checkName(vs, at, id, maxShardIDLength)
}

const maxShardIDLength = 128

// positionLocked works out the index in sh at which reading from p starts,
// with GetShardIterator's rules and messages (op names the operation in
// them). p has passed checkPosition. The index may lie beyond the shard's
// newest record: reading then waits for records to reach it.
func (s *Stream[T]) positionLocked(sh *shard[T], p StartingPosition, op string, now int64) (uint64, error) {
	hasSeq, hasTime := p.SequenceNumber != "", !p.Timestamp.IsZero()
	mustEither := func(what string) error {
		return ErrInvalidArgument.Errorf("Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or "+
			"(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified %s and %s StartingSequenceNumber.", p.Type, what)
	}
	switch p.Type {
	case TrimHorizon, Latest, AtTimestamp:
		if hasSeq {
			return 0, mustEither("also a")
		}
	case AtSequenceNumber, AfterSequenceNumber:
		if !hasSeq {
			return 0, mustEither("no")
		}
	}
	switch p.Type {
	case TrimHorizon:
		return sh.log.trim, nil
	case Latest:
		return sh.log.n, nil
	case AtTimestamp:
		if !hasTime {
			return 0, ErrInvalidArgument.WithMessage("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")
		}
		at, nowMs := p.Timestamp.UnixMilli(), now/1e6
		if at > nowMs {
			return 0, ErrInvalidArgument.Errorf("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: %d, currentTimestampInMillis: %d", at, nowMs)
		}
		return sh.log.search(at - s.epochMs), nil
	}
	n, err := s.sequenceNumberFor(sh, p.SequenceNumber, op)
	if err != nil {
		return 0, err
	}
	return s.indexOfLocked(sh, n, p.Type == AfterSequenceNumber), nil
}

// sequenceNumberFor parses text as a sequence number of sh, with AWS's
// messages for numbers that are malformed, of another shard, or of
// another stream.
func (s *Stream[T]) sequenceNumberFor(sh *shard[T], text, op string) (SequenceNumber, error) {
	n, _, valid := parseSequenceNumber(text)
	where := " used in " + op + " on shard " + sh.id + " in stream " + s.name + " under account " + s.opts.account + " is invalid"
	switch {
	case !valid:
		return n, ErrInvalidArgument.WithMessage("StartingSequenceNumber " + text + where + ".")
	case n.shardIndex() != sh.index:
		return n, ErrInvalidArgument.WithMessage("Invalid StartingSequenceNumber. It encodes " + shardID(n.shardIndex()) + ", while it was used in a call to a shard with " + sh.id)
	case !n.sameShard(sh.base):
		return n, ErrInvalidArgument.WithMessage("StartingSequenceNumber " + text + where + " because it did not come from this stream.")
	}
	return n, nil
}

// indexOfLocked returns the index of the first record of sh whose sequence
// number is at least n (after: greater than n). Entry i has counter i+1,
// so only the entry with n's counter needs its full number compared.
func (s *Stream[T]) indexOfLocked(sh *shard[T], n SequenceNumber, after bool) uint64 {
	c := n.counter()
	if c == 0 {
		return 0 // at or after the shard's starting sequence number
	}
	i := c - 1
	if i >= sh.log.trim && i < sh.log.n {
		e := sh.log.at(i)
		d := sh.sequenceNumber(i, e.arrival(), s.epochMs).Compare(n)
		if d < 0 || d == 0 && after {
			i++
		}
	} else if after {
		i++
	}
	return i
}
