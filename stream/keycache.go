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
// It is direct-mapped (a key can only be in one slot, and a newer key
// evicts an older one) and allocated at the first put. Its lock is only
// ever tried: a producer that finds it taken hashes its keys itself rather
// than wait, so producers never queue behind each other's hashing.
type keyCache struct {
	mu    sync.Mutex
	seed  maphash.Seed
	slots []keySlot
}

type keySlot struct {
	key  string
	hash HashKey
}

// keyCacheSlots is the size of the cache: 128 KiB per stream that is
// written to, room for a few thousand keys.
const keyCacheSlots = 4096

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
	if c.slots == nil {
		c.seed = maphash.MakeSeed()
		c.slots = make([]keySlot, keyCacheSlots)
	}
	for i := range preps {
		if p := &preps[i]; !p.explicit {
			k := keys(i)
			slot := &c.slots[maphash.String(c.seed, k)%keyCacheSlots]
			if slot.key != k { // keys are never empty here, so an empty slot misses
				*slot = keySlot{key: strings.Clone(k), hash: PartitionHashKey(k)}
			}
			p.partitionKey, p.key = slot.key, slot.hash
		}
	}
}
