package stream

import (
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

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
	// (at the oldest record kept, if it is past retention). The number
	// must be one the shard issued: a record's, the shard's starting
	// sequence number (which starts at its first record) or, once it is
	// closed, its ending sequence number (which starts at its end).
	AtSequenceNumber IteratorType = "AT_SEQUENCE_NUMBER"
	// AfterSequenceNumber starts just after the given sequence number,
	// which must be one the shard issued, as for AtSequenceNumber.
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
		vs.AddString(string(p.Type), "shardIteratorType", awserr.Enum(iteratorTypes...))
	}
	if p.SequenceNumber != "" && !isDecimal(p.SequenceNumber, maxSeqDigits) {
		vs.AddString(p.SequenceNumber, "startingSequenceNumber", awserr.Pattern(seqPattern))
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
// them). p has passed checkPosition. The index is at most the shard's
// record count: just after its newest record, where reading waits for the
// next one.
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
	return s.sequenceIndexLocked(sh, p.SequenceNumber, op, p.Type == AfterSequenceNumber)
}

// sequenceIndexLocked returns the index in sh at which reading at (after:
// after) the sequence number text starts, with AWS's messages for a
// number that is malformed, of another shard, of another stream, or never
// issued by sh. The numbers sh issued are its starting sequence number,
// its records' numbers and, once it is closed, its ending sequence
// number. A record's number must match the record exactly while it is
// stored; once it has expired only its counter is checked (a
// ContinuationSequenceNumber stands in for an expired record with a
// number that has its counter).
func (s *Stream[T]) sequenceIndexLocked(sh *shard[T], text, op string, after bool) (uint64, error) {
	n, _, valid := parseSequenceNumber(text)
	invalid := func(why string) error {
		return ErrInvalidArgument.WithMessage("StartingSequenceNumber " + text + " used in " + op + " on shard " + sh.id +
			" in stream " + s.name + " under account " + s.opts.account + " is invalid" + why + ".")
	}
	switch {
	case !valid:
		return 0, invalid("")
	case n.shardIndex() != sh.index:
		return 0, ErrInvalidArgument.WithMessage("Invalid StartingSequenceNumber. It encodes " + shardID(n.shardIndex()) + ", while it was used in a call to a shard with " + sh.id)
	case !n.sameShard(sh.base):
		return 0, invalid(" because it did not come from this stream")
	case n == sh.startingSequenceNumber():
		return 0, nil // at or after it is the shard's first record
	case !sh.open() && n == sh.endingSequenceNumber():
		return sh.log.n, nil // past the last record the shard will ever have
	}
	// Entry i has counter i+1.
	c := n.counter()
	if c == 0 || c > sh.log.n {
		return 0, invalid("") // never issued
	}
	i := c - 1
	if i >= sh.log.trim && n != sh.sequenceNumber(i, sh.log.at(i).arrival(), s.epochMs) {
		return 0, invalid("") // the counter of a stored record, but not its number
	}
	if after {
		i++
	}
	return i, nil
}
