package stream

import (
	"hash/maphash"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestKeyCacheBusyCopies checks that a producer that finds the key cache
// busy, and hashes its keys itself, copies them too.
func TestKeyCacheBusyCopies(t *testing.T) {
	var c keyCache
	buf := strings.Repeat("x", 1<<16) + "key"
	k := buf[1<<16:]
	c.mu.Lock() // another producer holds it
	preps := make([]prepared, 1)
	c.hashKeys(preps, func(int) string { return k })
	c.mu.Unlock()
	if preps[0].partitionKey != k || preps[0].key != PartitionHashKey(k) {
		t.Fatalf("prepared %+v", preps[0])
	}
	if unsafe.StringData(preps[0].partitionKey) == unsafe.StringData(k) {
		t.Fatal("the record would keep the caller's key")
	}
}

// TestKeyCacheTwoWays checks that two keys of one set both stay cached, and
// that a third evicts the one used less recently.
func TestKeyCacheTwoWays(t *testing.T) {
	var c keyCache
	c.hashKeys(make([]prepared, 1), func(int) string { return "warm-up" }) // allocates the sets and seed
	sameSet := func(n int) []string {
		bySet := map[uint64][]string{}
		for i := 0; ; i++ {
			k := "key-" + strconv.Itoa(i)
			s := maphash.String(c.seed, k) % keyCacheSets
			if bySet[s] = append(bySet[s], k); len(bySet[s]) == n {
				return bySet[s]
			}
		}
	}
	keys := sameSet(3)
	a, b, third := keys[0], keys[1], keys[2]
	// stored returns the cache's copy of k, and whether it was already cached.
	stored := func(k string) (string, bool) {
		before := c.sets[maphash.String(c.seed, k)%keyCacheSets]
		preps := make([]prepared, 1)
		c.hashKeys(preps, func(int) string { return strings.Clone(k) })
		if preps[0].key != PartitionHashKey(k) {
			t.Fatalf("hash key of %q is %v", k, preps[0].key)
		}
		return preps[0].partitionKey, before[0].key == k || before[1].key == k
	}
	stored(a)
	stored(b)
	for _, k := range []string{a, b, a, b} {
		if _, hit := stored(k); !hit {
			t.Fatalf("%q was evicted by the other key of its set", k)
		}
	}
	stored(third) // b was used last, so a goes
	if _, hit := stored(b); !hit {
		t.Fatal("the more recently used key was evicted")
	}
	if _, hit := stored(a); hit {
		t.Fatal("the less recently used key stayed: a set holds three keys")
	}
}
