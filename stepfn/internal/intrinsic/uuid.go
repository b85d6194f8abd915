package intrinsic

import (
	crand "crypto/rand"
	"encoding/binary"

	"github.com/switchyard/switchyard/internal/uuid"
)

// States.UUID() returns a random version 4 UUID.
func evalUUID(_ *Call, _ []any, env Env) (any, error) {
	var hi, lo uint64
	if env.Rand != nil {
		hi, lo = env.Rand.Uint64(), env.Rand.Uint64()
	} else {
		var b [16]byte
		_, _ = crand.Read(b[:]) // crypto/rand.Read never fails
		hi, lo = binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])
	}
	return uuid.String(uuid.Stamp(hi, lo, 4)), nil
}
