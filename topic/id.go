package topic

import (
	"math/rand/v2"

	"github.com/switchyard/switchyard/internal/uuid"
	"github.com/switchyard/switchyard/queue"
)

// SequenceNumber orders a FIFO topic's messages: a 20-digit decimal that
// increases with every message the topic accepts. It is the same type as a
// queue's, so it prints the way SNS and SQS write it.
type SequenceNumber = queue.SequenceNumber

// sequenceBase makes sequence numbers 20 digits long, as SNS's are.
const sequenceBase = 10_000_000_000_000_000_000

// newUUID returns a random UUID of the given version in its text form.
// Standard topics' message ids and subscription ids are version 4, as
// AWS's are; FIFO topics' message ids carry version 5, as AWS's do (AWS
// derives them from the message; here they are random all the same). Ids
// need to be unique, not unpredictable, so the runtime's fast per-thread
// generator does.
func newUUID(version byte) string {
	return uuid.String(uuid.Stamp(rand.Uint64(), rand.Uint64(), version))
}
