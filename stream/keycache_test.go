package stream_test

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/switchyard/switchyard/stream"
)

// within reports whether s's bytes lie inside buf's.
func within(s, buf string) bool {
	p, b := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(buf)))
	return p >= b && p < b+uintptr(len(buf))
}

// TestPartitionKeysAreCopied checks that a stored record does not keep
// the caller's partition key string, which may be a slice of a much
// larger one (a field of a decoded message) that it would then pin.
func TestPartitionKeysAreCopied(t *testing.T) {
	s, _ := newStream(t, 1)
	buf := strings.Repeat("x", 1<<20) + "truck-7" + strings.Repeat("y", 1<<20) + "truck-8" + "truck-9"
	key := func(at int) string { return buf[at : at+7] }
	k7, k8, k9 := key(1<<20), key(2<<20+7), key(2<<20+14)
	mustPut(t, s, k7, "a") // a cache miss
	mustPut(t, s, k7, "b") // a hit
	// A miss in a batch, and a key that is not hashed.
	if _, err := s.PutBatch([]stream.PutEntry[string]{{PartitionKey: k8, Data: "c"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(stream.PutInput[string]{PartitionKey: k9, Data: "d", ExplicitHashKey: "1"}); err != nil {
		t.Fatal(err)
	}
	recs := readAll(t, s, shard0)
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	for _, r := range recs {
		if within(r.PartitionKey, buf) {
			t.Errorf("record %s keeps the caller's key %q", r.Data, r.PartitionKey)
		}
	}
	if want := []string{"truck-7", "truck-7", "truck-8", "truck-9"}; recs[0].PartitionKey != want[0] || recs[1].PartitionKey != want[1] ||
		recs[2].PartitionKey != want[2] || recs[3].PartitionKey != want[3] {
		t.Errorf("keys %q %q %q %q", recs[0].PartitionKey, recs[1].PartitionKey, recs[2].PartitionKey, recs[3].PartitionKey)
	}
	// Records with the same key share one copy.
	if unsafe.StringData(recs[0].PartitionKey) != unsafe.StringData(recs[1].PartitionKey) {
		t.Errorf("two records of key truck-7 hold two copies")
	}
}
