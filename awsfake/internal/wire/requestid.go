package wire

import (
	"crypto/rand"
	"encoding/binary"

	"github.com/switchyard/switchyard/internal/uuid"
)

// RequestID returns a fresh request id, a version-4 UUID as AWS writes them.
func RequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+ panics instead)
	hi, lo := uuid.Stamp(binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:]), 4)
	return uuid.String(hi, lo)
}
