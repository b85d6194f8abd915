package stream

// uniformStarts returns the starting hash keys of n shards that split the
// hash key space evenly, as Kinesis lays out a new stream and as
// UpdateShardCount's uniform scaling aims for: with step = ⌊2^128 / n⌋,
// shard i starts at i·step and ends one before the next starts, and the
// last shard ends at 2^128−1, so the remainder of the division goes to it.
func uniformStarts(n int) []HashKey {
	starts := make([]HashKey, n)
	if n == 1 {
		return starts // one shard holds everything; 2^128 itself does not fit
	}
	// ⌊2^128/n⌋ is ⌊(2^128−1)/n⌋, plus one when n divides 2^128 exactly
	// (then (2^128−1) mod n is n−1).
	step, rem := maxHashKey.divMod(uint64(n))
	if rem == uint64(n)-1 {
		step, _ = step.add(1)
	}
	for i := 1; i < n; i++ {
		starts[i], _ = step.mulAdd(uint64(i), 0)
	}
	return starts
}
