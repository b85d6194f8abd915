package firehose

import (
	"encoding/binary"
	"encoding/hex"
)

// RecordID identifies a record a delivery stream took, as PutRecord's
// RecordId does. Each delivery stream tags its ids with a random 64-bit
// number, so ids of different delivery streams differ but for a 2^-64
// chance. A RecordID is a number in memory; String renders AWS's opaque text form.
type RecordID struct {
	stream uint64 // the delivery stream's tag
	n      uint64 // the record's number within it, from 1
}

// String returns the id as text: 32 hexadecimal digits.
func (id RecordID) String() string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], id.stream)
	binary.BigEndian.PutUint64(b[8:], id.n)
	return hex.EncodeToString(b[:])
}

// IsZero reports whether id is the zero RecordID, which no record has.
func (id RecordID) IsZero() bool { return id.n == 0 }
