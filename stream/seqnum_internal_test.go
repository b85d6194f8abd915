package stream

import "testing"

// TestWithCounterMatchesSet checks the written-out field placement of
// withCounter against the general set, and that the record counter, the
// shard and the stream's tag read back apart.
func TestWithCounterMatchesSet(t *testing.T) {
	for _, tag := range []uint32{0, 0x5a5a5a, maxSeqTag} {
		base := shardSequenceBase(1_735_787_045, 37, tag)
		for _, c := range []struct {
			counter uint64
			sec     int64
		}{{0, 0}, {1, 1_735_787_045}, {maxRecordCounter, 1<<36 - 1}, {12345, 1 << 35}, {1 << 47, -5}} {
			want := base
			want.set(seqCounterShift, seqRecordWidth, c.counter)
			want.set(seqTimeShift, seqTimeWidth, uint64(max(c.sec, 0)))
			got := base.withCounter(c.counter, c.sec)
			if got != want {
				t.Errorf("tag %#x: withCounter(%d, %d) = %v, want %v", tag, c.counter, c.sec, got, want)
			}
			if got.counter() != c.counter || got.shardIndex() != 37 || got.createdSec() != 1_735_787_045 || got.tag() != tag {
				t.Errorf("tag %#x: withCounter(%d, %d) reads back counter %d shard %d created %d tag %#x",
					tag, c.counter, c.sec, got.counter(), got.shardIndex(), got.createdSec(), got.tag())
			}
			// Every number issued is one parseSequenceNumber takes back.
			if back, ok, valid := parseSequenceNumber(got.String()); !ok || !valid || back != got {
				t.Errorf("tag %#x: %v parses back as %v, %v, %v", tag, got, back, ok, valid)
			}
		}
	}
}
