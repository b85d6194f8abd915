package stream

import "sort"

// entry is one stored record. For []byte data it is 48 bytes: the data's
// slice header, the partition key's string header (the caller's string,
// kept, not copied), and one word packing the arrival time and the size.
// The sequence number is not stored: it follows from the shard, the
// entry's index and its arrival time.
type entry[T any] struct {
	data T
	key  string
	meta uint64 // arrival in ms since the stream's epoch << sizeBits | size
}

const (
	sizeBits   = 24 // record sizes go up to 10 MiB plus a partition key
	maxSize    = 1<<sizeBits - 1
	maxArrival = 1<<(64-sizeBits) - 1
	chunkSize  = 1024 // entries per full chunk
	firstChunk = 8    // capacity of a shard's first chunk, which grows
)

// newEntry packs a record. Puts refuse records over the stream's limit,
// so size always fits; it is clamped anyway, so that no size can spill
// into the arrival time.
func newEntry[T any](data T, key string, arrival int64, size int) entry[T] {
	return entry[T]{data: data, key: key, meta: uint64(min(max(arrival, 0), maxArrival))<<sizeBits | uint64(min(max(size, 0), maxSize))}
}

// arrival returns when the record arrived, in ms since the stream's epoch.
func (e *entry[T]) arrival() int64 { return int64(e.meta >> sizeBits) }

// size returns the bytes the record counts: data plus partition key.
func (e *entry[T]) size() int { return int(e.meta & (1<<sizeBits - 1)) }

// recordLog is a shard's records in arrival order: an append-only sequence
// of chunks, indexed from 0 for the shard's first record. An entry is
// written once, into a slot no reader has been told of, and never changed,
// so a reader that learned under the stream's lock which entries exist may
// read them after releasing it; expiry drops whole chunks and never writes
// to one.
//
// A shard's first chunk starts small and doubles up to chunkSize, so an
// idle shard costs little; later chunks are allocated whole.
type recordLog[T any] struct {
	chunks [][]entry[T] // chunks[i][j] is entry first + i·chunkSize + j
	first  uint64       // index of chunks[0][0], a multiple of chunkSize
	n      uint64       // entries ever appended, the next index
	trim   uint64       // first entry not expired; it never moves back
}

// append adds e as entry n.
func (l *recordLog[T]) append(e entry[T]) {
	off := l.n - l.first
	ci, j := off/chunkSize, off%chunkSize
	if ci == uint64(len(l.chunks)) {
		size := chunkSize
		if l.n == 0 {
			size = firstChunk
		}
		l.chunks = append(l.chunks, make([]entry[T], size))
	} else if c := l.chunks[ci]; j == uint64(len(c)) {
		// Only a shard's first chunk grows. Readers holding the old array
		// keep reading it: it still holds every entry they know of.
		grown := make([]entry[T], min(2*len(c), chunkSize))
		copy(grown, c)
		l.chunks[ci] = grown
	}
	l.chunks[ci][j] = e
	l.n++
}

// at returns entry i, which must be stored (trim ≤ i < n).
func (l *recordLog[T]) at(i uint64) *entry[T] {
	off := i - l.first
	return &l.chunks[off/chunkSize][off%chunkSize]
}

// segment returns the stored entries from index i to the end of i's chunk
// or of the log, whichever comes first; i must be in [trim, n).
func (l *recordLog[T]) segment(i uint64) []entry[T] {
	off := i - l.first
	ci := off / chunkSize
	stored := min(uint64(len(l.chunks[ci])), l.n-l.first-ci*chunkSize)
	return l.chunks[ci][off%chunkSize : stored]
}

// search returns the first unexpired index whose entry arrived at or after
// t (ms since the epoch), or n when none did. Arrival times never decrease
// within a shard.
func (l *recordLog[T]) search(t int64) uint64 {
	k := sort.Search(int(l.n-l.trim), func(k int) bool {
		return l.at(l.trim+uint64(k)).arrival() >= t
	})
	return l.trim + uint64(k)
}

// expire hides the entries that arrived before cutoff (ms since the
// epoch) and frees every chunk that holds only hidden entries.
func (l *recordLog[T]) expire(cutoff int64) {
	if l.n == l.trim || l.at(l.trim).arrival() >= cutoff {
		return
	}
	l.trim = l.search(cutoff)
	for len(l.chunks) > 0 && l.first+chunkSize <= l.trim {
		l.chunks[0] = nil
		l.chunks = l.chunks[1:]
		l.first += chunkSize
	}
}

// drop frees every entry, for a shard that is closed (so never appended
// to again) and past retention, or deleted.
func (l *recordLog[T]) drop() {
	l.chunks = nil
	l.trim = l.n
	l.first = l.n - l.n%chunkSize
}
