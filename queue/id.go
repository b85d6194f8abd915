package queue

import (
	crand "crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strconv"
)

// newRand returns a generator seeded from the system's random source.
func newRand() *rand.Rand {
	var seed [16]byte
	_, _ = crand.Read(seed[:]) // crypto/rand.Read never fails
	return rand.New(rand.NewPCG(binary.LittleEndian.Uint64(seed[:8]), binary.LittleEndian.Uint64(seed[8:])))
}

// idSource makes message ids. Ids need to be unique, not unpredictable, so
// a seeded wyrand generator (one multiplication per 64 bits) does, where a
// cryptographic source would cost more than the rest of a send.
type idSource struct{ state uint64 }

func (s *idSource) uint64() uint64 {
	s.state += 0xa0761d6478bd642f
	hi, lo := bits.Mul64(s.state, s.state^0xe7037ed1a0b428db)
	return hi ^ lo
}

// next returns a new random (version 4) UUID. The version and variant
// bits are set in the words before they are stored: byte 6 is bits 48–55
// of the first little-endian word, byte 8 the low byte of the second.
func (s *idSource) next() (id MessageID) {
	a, b := s.uint64(), s.uint64()
	a = a&^(0xf0<<48) | 0x40<<48
	b = b&^0xc0 | 0x80
	binary.LittleEndian.PutUint64(id[:8], a)
	binary.LittleEndian.PutUint64(id[8:], b)
	return id
}

// MessageID identifies a message: a random UUID, kept as its 16 bytes so
// that making, storing and comparing ids costs no allocation.
// [MessageID.String] gives the text SQS writes.
type MessageID [16]byte

// String returns the id in the text form SQS uses,
// xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx.
func (id MessageID) String() string {
	const digits = "0123456789abcdef"
	var out [36]byte
	j := 0
	for i, b := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out[j] = '-'
			j++
		}
		out[j], out[j+1] = digits[b>>4], digits[b&0x0f]
		j += 2
	}
	return string(out[:])
}

// ParseMessageID reads the text form of an id.
func ParseMessageID(s string) (MessageID, error) {
	var id MessageID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return id, fmt.Errorf("queue: %q is not a message id", s)
	}
	hexDigits := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if _, err := hex.Decode(id[:], []byte(hexDigits)); err != nil {
		return id, fmt.Errorf("queue: %q is not a message id", s)
	}
	return id, nil
}

// SequenceNumber orders a FIFO queue's messages: SQS's 20-digit decimal,
// kept as a number so that making and comparing it costs nothing. The zero
// value is no sequence number (a standard queue's messages have none).
type SequenceNumber uint64

// sequenceBase makes sequence numbers 20 digits long, as SQS's are.
const sequenceBase = 10_000_000_000_000_000_000

// sequenceNumber is the sequence number of the message numbered seq.
func sequenceNumber(seq uint64) SequenceNumber { return SequenceNumber(sequenceBase + seq) }

// String returns the number in decimal, or "" for none.
func (n SequenceNumber) String() string {
	if n == 0 {
		return ""
	}
	return strconv.FormatUint(uint64(n), 10)
}
