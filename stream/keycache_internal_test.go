package stream

import (
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
