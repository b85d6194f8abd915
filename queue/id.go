package queue

import (
	crand "crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"strconv"

	"github.com/switchyard/switchyard/internal/uuid"
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

// next returns a new random (version 4) UUID: the version nibble is the
// top of byte 6 and the variant bits the top of byte 8.
func (s *idSource) next() MessageID {
	hi, lo := uuid.Stamp(s.uint64(), s.uint64(), 4)
	return MessageID{hi: hi, lo: lo}
}

// MessageID identifies a message: a random UUID, kept as two words (bytes
// 0–7 and 8–15, big-endian) so that making, storing and comparing ids costs
// no allocation and the compiler can keep one in registers.
// [MessageID.String] gives the text SQS writes.
type MessageID struct{ hi, lo uint64 }

// String returns the id in the text form SQS uses,
// xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx.
func (id MessageID) String() string {
	return uuid.String(id.hi, id.lo)
}

// ParseMessageID reads the text form of an id.
func ParseMessageID(s string) (MessageID, error) {
	var b [16]byte
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return MessageID{}, fmt.Errorf("queue: %q is not a message id", s)
	}
	hexDigits := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if _, err := hex.Decode(b[:], []byte(hexDigits)); err != nil {
		return MessageID{}, fmt.Errorf("queue: %q is not a message id", s)
	}
	return MessageID{hi: binary.BigEndian.Uint64(b[:8]), lo: binary.BigEndian.Uint64(b[8:])}, nil
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
