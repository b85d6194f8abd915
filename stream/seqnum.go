package stream

import (
	"cmp"
	"math/bits"

	"github.com/switchyard/switchyard/internal/awserr"
)

// SequenceNumber is a record's sequence number, kept as the 188-bit number
// Kinesis writes as a 56-digit decimal string, for example
// 49546986683135544286507457936321625675700192471156785154. The string is
// made only when asked for ([SequenceNumber.String]); comparing two
// numbers is three integer comparisons, and == works.
//
// Sequence numbers increase within a shard, and every number of a child
// shard is greater than every number of its parents. Numbers of different
// shards are not otherwise related. The zero value means "no sequence
// number" (an open shard's ending sequence number, a failed record's).
//
// The layout is the one observed on AWS (version 2): from the most
// significant end, the version 2, the shard's creation time in seconds, the
// low 4 bits of the shard's index, a 64-bit counter, a byte, the record's
// arrival time in seconds, the shard's index, and a final 2. Each shard
// numbers its records 1, 2, 3… in the low 48 bits of the counter, so a
// record's number is worked out from its shard, its position and its
// arrival time rather than stored. The stream's tag, 23 bits that differ
// between the streams of a process (and are random across processes),
// fills the byte and the counter's bits 48–62, which AWS's numbers use in
// ways not documented: with it a number names its stream as well as its
// shard, so that a number from another stream is refused even when the
// two streams were made in the same second.
type SequenceNumber struct {
	w [3]uint64 // w[0] is the least significant word
}

// The fields of a version-2 sequence number: where each starts (counting
// bits from the least significant end) and how wide it is. The stream's
// tag takes bits 72–79 (the byte between the time and the counter) and
// 128–142 (the counter's bits 48–62); bit 143, the counter's top bit, is
// always clear, as on AWS.
const (
	seqTrailerShift  = 0
	seqShardShift    = 4
	seqTimeShift     = 36
	seqTagLowShift   = 72
	seqCounterShift  = 80
	seqTagHighShift  = 128
	seqNibbleShift   = 144
	seqCreatedShift  = 148
	seqVersionShift  = 184
	seqTopShift      = 188 // bits from here up are always zero
	seqTimeWidth     = 36
	seqCounterWidth  = 64
	seqRecordWidth   = 48 // the part of the counter that numbers records
	seqTagLowWidth   = 8
	seqTagHighWidth  = 15
	seqTagWidth      = seqTagLowWidth + seqTagHighWidth
	seqShardWidth    = 32
	seqVersion       = 2
	seqTrailer       = 2
	seqDigits        = 56 // every version-2 number has 56 decimal digits
	maxSeqDigits     = 129
	maxSeqCounter    = 1<<63 - 1 // AWS's counters keep their top bit clear
	maxRecordCounter = 1<<seqRecordWidth - 1
	maxSeqShardIndex = 1<<31 - 1
	maxSeqTag        = 1<<seqTagWidth - 1
)

func (n *SequenceNumber) set(shift, width uint, v uint64) {
	if width < 64 {
		v &= 1<<width - 1
	}
	i, off := shift/64, shift%64
	n.w[i] |= v << off
	if off+width > 64 {
		n.w[i+1] |= v >> (64 - off)
	}
}

func (n SequenceNumber) get(shift, width uint) uint64 {
	i, off := shift/64, shift%64
	v := n.w[i] >> off
	if off+width > 64 {
		v |= n.w[i+1] << (64 - off)
	}
	if width < 64 {
		v &= 1<<width - 1
	}
	return v
}

// shardSequenceBase returns the fields every sequence number of a shard
// shares: version, creation time, shard index, the stream's tag and the
// trailer.
func shardSequenceBase(createdSec int64, index, tag uint32) SequenceNumber {
	var n SequenceNumber
	n.set(seqVersionShift, 4, seqVersion)
	n.set(seqCreatedShift, seqTimeWidth, uint64(max(createdSec, 0)))
	n.set(seqNibbleShift, 4, uint64(index))
	n.set(seqShardShift, seqShardWidth, uint64(index))
	n.set(seqTagLowShift, seqTagLowWidth, uint64(tag))
	n.set(seqTagHighShift, seqTagHighWidth, uint64(tag)>>seqTagLowWidth)
	n.set(seqTrailerShift, 4, seqTrailer)
	return n
}

// withCounter returns the number of the record with the given counter
// value (at most maxRecordCounter) and arrival time (in seconds) in the
// shard whose base n is. The counter's and the time's bits are clear in a
// base, so they are ORed in.
func (n SequenceNumber) withCounter(counter uint64, arrivalSec int64) SequenceNumber {
	// This is set(seqCounterShift, seqRecordWidth, …) and
	// set(seqTimeShift, …) written out for their fixed places, since every
	// record read calls it. The record counter fills the top 48 bits of
	// w[1] exactly.
	t := uint64(max(arrivalSec, 0)) & (1<<seqTimeWidth - 1)
	n.w[0] |= t << (seqTimeShift - 0)
	n.w[1] |= t>>(64-seqTimeShift) | (counter&maxRecordCounter)<<(seqCounterShift-64)
	return n
}

// counter returns the record counter: 0 for a shard's starting sequence
// number, i+1 for its entry i.
func (n SequenceNumber) counter() uint64    { return n.get(seqCounterShift, seqRecordWidth) }
func (n SequenceNumber) shardIndex() uint32 { return uint32(n.get(seqShardShift, seqShardWidth)) }
func (n SequenceNumber) createdSec() int64  { return int64(n.get(seqCreatedShift, seqTimeWidth)) }

// tag returns the tag of the stream that issued n.
func (n SequenceNumber) tag() uint32 {
	return uint32(n.get(seqTagLowShift, seqTagLowWidth) | n.get(seqTagHighShift, seqTagHighWidth)<<seqTagLowWidth)
}

// sameShard reports whether n and o carry the same shard: index, creation
// time and stream tag.
func (n SequenceNumber) sameShard(o SequenceNumber) bool {
	return n.shardIndex() == o.shardIndex() && n.createdSec() == o.createdSec() && n.tag() == o.tag()
}

// IsZero reports whether n is the zero value, "no sequence number".
func (n SequenceNumber) IsZero() bool { return n == SequenceNumber{} }

// Compare returns -1, 0 or +1 as n is numerically less than, equal to or
// greater than o.
func (n SequenceNumber) Compare(o SequenceNumber) int {
	for i := 2; i >= 0; i-- {
		if n.w[i] != o.w[i] {
			return cmp.Compare(n.w[i], o.w[i])
		}
	}
	return 0
}

// String writes n in decimal, as Kinesis does; the zero value writes "".
func (n SequenceNumber) String() string {
	if n.IsZero() {
		return ""
	}
	var buf [seqDigits + 4]byte
	return string(n.appendDecimal(buf[:0]))
}

// appendDecimal appends n in decimal: two divisions by 10^19 leave three
// parts of at most 19 digits.
func (n SequenceNumber) appendDecimal(dst []byte) []byte {
	q, low := divWords(n.w, 1e19)
	q, mid := divWords(q, 1e19)
	return appendParts(dst, q[0], mid, low)
}

func divWords(w [3]uint64, d uint64) ([3]uint64, uint64) {
	var q [3]uint64
	var r uint64
	for i := 2; i >= 0; i-- {
		q[i], r = bits.Div64(r, w[i], d)
	}
	return q, r
}

// parseSequenceNumber reads a sequence number in decimal. ok is false when
// s does not match AWS's pattern for sequence numbers, 0|([1-9]\d{0,128});
// valid is false when it matches but is not a version-2 number of the kind
// this package (and AWS) issues.
func parseSequenceNumber(s string) (n SequenceNumber, ok, valid bool) {
	if !isDecimal(s, maxSeqDigits) {
		return SequenceNumber{}, false, false
	}
	if len(s) != seqDigits {
		return SequenceNumber{}, true, false
	}
	for i := 0; i < len(s); i++ {
		// 56 digits fit in 192 bits, so the words never overflow.
		carry := uint64(s[i] - '0')
		for j := range n.w {
			hi, lo := bits.Mul64(n.w[j], 10)
			var c uint64
			n.w[j], c = bits.Add64(lo, carry, 0)
			carry = hi + c
		}
	}
	valid = n.get(seqTopShift, 4) == 0 &&
		n.get(seqVersionShift, 4) == seqVersion &&
		n.get(seqTrailerShift, 4) == seqTrailer &&
		n.get(seqCounterShift, seqCounterWidth) <= maxSeqCounter &&
		n.shardIndex() <= maxSeqShardIndex
	return n, true, valid
}

// ParseSequenceNumber reads a sequence number written in decimal, as
// checkpoint stores keep them. Text that is not a decimal number of at most
// 129 digits fails with [ErrValidation]; a number that is not of the form
// Kinesis issues fails with [ErrInvalidArgument].
func ParseSequenceNumber(s string) (SequenceNumber, error) {
	n, ok, valid := parseSequenceNumber(s)
	switch {
	case !ok:
		var vs violations
		vs.AddString(s, "sequenceNumber", awserr.Pattern(seqPattern))
		return SequenceNumber{}, vs.Err(ErrValidation)
	case !valid:
		return SequenceNumber{}, ErrInvalidArgument.Errorf("SequenceNumber %s is invalid.", s)
	}
	return n, nil
}
