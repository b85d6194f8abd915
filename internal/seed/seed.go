// Package seed makes the random sources engines draw ids, jitter and
// shuffles from: repeatable from a seed for tests, or seeded at random.
package seed

import "math/rand/v2"

// Rand returns a source that yields the same numbers for the same seed.
// The second word of PCG's state is the seed mixed with the golden ratio,
// so that nearby seeds give unrelated streams.
func Rand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// Random returns a source seeded at random.
func Random() *rand.Rand {
	return rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
}
