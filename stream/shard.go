package stream

import (
	"strconv"
	"strings"
)

// shard is one shard of a stream, open or closed. Every field is guarded
// by the stream's lock; the entries of its log are also read outside it
// (see recordLog).
type shard[T any] struct {
	index    uint32
	id       string // shardId-000000000000
	start    HashKey
	end      HashKey // inclusive
	parent   *shard[T]
	adjacent *shard[T] // the other parent of a merged shard
	children []*shard[T]
	created  int64 // ns
	closed   int64 // ns, when isClosed
	isClosed bool  // split or merged: takes no more records
	expired  bool  // closed, and every record past retention: gone
	base     SequenceNumber
	log      recordLog[T]
	arrived  int64 // latest arrival, ms since the stream's epoch
	limits   *limits
	wake     chan struct{} // made by a reader that waits; closed by the next append or close
}

// shardIDPrefix starts every shard id.
const shardIDPrefix = "shardId-"

// shardID writes the id of shard i as Kinesis does: shardId- and the
// index in 12 digits.
func shardID(i uint32) string {
	s := strconv.FormatUint(uint64(i), 10)
	return shardIDPrefix + strings.Repeat("0", max(0, 12-len(s))) + s
}

// parseShardID reads a shard's index from its id. Like AWS it accepts the
// index without its leading zeros, and without the shardId- prefix.
func parseShardID(id string) (uint32, bool) {
	digits := strings.TrimPrefix(id, shardIDPrefix)
	if digits == "" || len(digits) > 12 {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 32)
	if err != nil {
		return 0, false
	}
	return uint32(n), true
}

// open reports whether the shard takes new records.
func (sh *shard[T]) open() bool { return !sh.isClosed }

// contains reports whether hash key k is in the shard's range.
func (sh *shard[T]) contains(k HashKey) bool {
	return sh.start.Compare(k) <= 0 && k.Compare(sh.end) <= 0
}

// sequenceNumber returns the sequence number of entry i, which arrived at
// arrival (ms since the epoch epochMs). Entry i's counter is i+1, so the
// shard's starting sequence number (counter 0) is below its first record.
func (sh *shard[T]) sequenceNumber(i uint64, arrival, epochMs int64) SequenceNumber {
	return sh.base.withCounter(i+1, (epochMs+arrival)/1000)
}

// startingSequenceNumber is the shard's StartingSequenceNumber.
func (sh *shard[T]) startingSequenceNumber() SequenceNumber {
	return sh.base.withCounter(0, sh.base.createdSec())
}

// endingSequenceNumber is the shard's EndingSequenceNumber: zero while the
// shard is open, then the greatest number the shard could have given, as
// AWS reports it.
func (sh *shard[T]) endingSequenceNumber() SequenceNumber {
	if sh.open() {
		return SequenceNumber{}
	}
	return sh.base.withCounter(maxRecordCounter, sh.closed/1e9)
}

// notify wakes the readers waiting for the shard to change.
func (sh *shard[T]) notify() {
	if sh.wake != nil {
		close(sh.wake)
		sh.wake = nil
	}
}

// waitChan returns a channel closed at the shard's next change.
func (sh *shard[T]) waitChan() chan struct{} {
	if sh.wake == nil {
		sh.wake = make(chan struct{})
	}
	return sh.wake
}

// parentIDs returns the ids of the shard's parents, the first first.
func (sh *shard[T]) parentIDs() []string {
	var ids []string
	for _, p := range []*shard[T]{sh.parent, sh.adjacent} {
		if p != nil {
			ids = append(ids, p.id)
		}
	}
	return ids
}
