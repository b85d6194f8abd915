package stream

import (
	"hash/maphash"
	"strings"
	"sync"
)

// keyCache remembers recently seen partition keys and their hash keys.
// Streams see the same keys over and over (a device id, a user id), and
// MD5 is most of what a put costs; a hit costs a map-hash and a string
// compare instead. It also makes each key's bytes stored once: a record
// keeps the cache's copy of its key, so the copies producers make of the
// same key can be freed. The copy is made on a miss (strings.Clone), so
// that a key cut from a larger string (a field of a decoded message) does
// not keep that string alive as long as the record.
//
// It is two-way set-associative: a key can only be in one of the two
// slots of its set, and a new key evicts the set's less recently used one
// (with one slot per key, a fifth of a thousand steady keys evicted each
// other on every round). It is allocated at the first put. Its lock is
// only ever tried: a producer that finds it taken hashes its keys itself rather
// than wait, so producers never queue behind each other's hashing.
type keyCache struct {
	mu   sync.Mutex
	seed maphash.Seed
	sets []keySet
}

type keySlot struct {
	key  string
	hash HashKey
}

// keyCacheSets is the size of the cache: 2 × 4,096 slots, 256 KiB per
// stream that is written to, room for a few thousand keys.
const keyCacheSets = 4096

// keySet is one set of the cache; way 0 holds the more recently used key.
type keySet [2]keySlot

// hashKeys sets the hash key of each record of preps from its partition
// key, keys[i], and its canonical copy of the key, unless the record has an
// explicit hash key. A producer that finds the cache busy copies its keys
// itself, so that no record keeps a caller's string.
func (c *keyCache) hashKeys(preps []prepared, keys func(i int) string) {
	if !c.mu.TryLock() {
		for i := range preps {
			if p := &preps[i]; !p.explicit {
				p.partitionKey = strings.Clone(keys(i))
				p.key = PartitionHashKey(p.partitionKey)
			}
		}
		return
	}
	defer c.mu.Unlock()
	if c.sets == nil {
		c.seed = maphash.MakeSeed()
		c.sets = make([]keySet, keyCacheSets)
	}
	for i := range preps {
		if p := &preps[i]; !p.explicit {
			k := keys(i)
			set := &c.sets[maphash.String(c.seed, k)%keyCacheSets]
			// Keys are never empty here, so an empty slot misses.
			switch k {
			case set[0].key:
			case set[1].key:
				set[0], set[1] = set[1], set[0]
			default:
				set[1] = set[0]
				set[0] = keySlot{key: strings.Clone(k), hash: PartitionHashKey(k)}
			}
			p.partitionKey, p.key = set[0].key, set[0].hash
		}
	}
}
