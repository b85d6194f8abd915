package stream

import "testing"

// TestLogChunks checks the record log's layout: the first chunk grows,
// segments stop at chunk ends and at the newest entry, and expiry frees
// whole chunks only.
func TestLogChunks(t *testing.T) {
	var l recordLog[int]
	const n = 3*chunkSize + 10
	for i := range n {
		l.append(newEntry(i, "k", int64(i), 1))
		if got := l.at(uint64(i)).data; got != i {
			t.Fatalf("entry %d holds %d", i, got)
		}
	}
	if len(l.chunks) != 4 || len(l.chunks[3]) != chunkSize {
		t.Fatalf("%d chunks, the last of %d", len(l.chunks), len(l.chunks[len(l.chunks)-1]))
	}
	for _, c := range []struct{ from, want uint64 }{{0, chunkSize}, {5, chunkSize - 5}, {chunkSize, chunkSize}, {3*chunkSize + 4, 6}} {
		seg := l.segment(c.from)
		if uint64(len(seg)) != c.want || seg[0].data != int(c.from) {
			t.Errorf("segment(%d) has %d entries from %d, want %d", c.from, len(seg), seg[0].data, c.want)
		}
	}
	if got := l.search(2000); got != 2000 {
		t.Errorf("search(2000) = %d", got)
	}
	l.expire(chunkSize + 3) // entries 0..chunkSize+2 arrived before
	if l.trim != chunkSize+3 || l.first != chunkSize || len(l.chunks) != 3 {
		t.Fatalf("after expiry: trim %d, first %d, %d chunks", l.trim, l.first, len(l.chunks))
	}
	if seg := l.segment(l.trim); seg[0].data != chunkSize+3 {
		t.Errorf("the first unexpired entry holds %d", seg[0].data)
	}
	l.expire(1 << 40)
	if l.trim != n || len(l.chunks) != 1 {
		t.Fatalf("after expiring all: trim %d, %d chunks", l.trim, len(l.chunks))
	}
	l.append(newEntry(n, "k", 1<<40, 1))
	if seg := l.segment(n); len(seg) != 1 || seg[0].data != n {
		t.Fatalf("an append after expiry reads back %v", seg)
	}
	for l.n%chunkSize != 0 {
		l.append(newEntry(int(l.n), "k", 1<<40, 1))
	}
	l.expire(1<<40 + 1)
	if len(l.chunks) != 0 || l.first != l.n {
		t.Fatalf("a full expired chunk stayed: %d chunks, first %d, n %d", len(l.chunks), l.first, l.n)
	}
	l.append(newEntry(-1, "k", 1<<40+1, 1))
	if got := l.at(l.n - 1).data; got != -1 {
		t.Fatalf("append into an emptied log reads back %d", got)
	}
}

func TestEntryPacking(t *testing.T) {
	e := newEntry("d", "k", 1<<39, 10<<20+256)
	if e.arrival() != 1<<39 || e.size() != 10<<20+256 {
		t.Errorf("arrival %d, size %d", e.arrival(), e.size())
	}
}
