package stream

import "testing"

// TestWithCounterMatchesSet checks the written-out field placement of
// withCounter against the general set.
func TestWithCounterMatchesSet(t *testing.T) {
	base := shardSequenceBase(1_735_787_045, 37)
	for _, c := range []struct {
		counter uint64
		sec     int64
	}{{0, 0}, {1, 1_735_787_045}, {maxSeqCounter, 1<<36 - 1}, {12345, 1 << 35}, {1 << 62, -5}} {
		want := base
		want.set(seqCounterShift, seqCounterWidth, c.counter)
		want.set(seqTimeShift, seqTimeWidth, uint64(max(c.sec, 0)))
		if got := base.withCounter(c.counter, c.sec); got != want {
			t.Errorf("withCounter(%d, %d) = %v, want %v", c.counter, c.sec, got, want)
		}
		if got := base.withCounter(c.counter, c.sec); got.counter() != c.counter || got.shardIndex() != 37 || got.createdSec() != 1_735_787_045 {
			t.Errorf("withCounter(%d, %d) reads back counter %d shard %d created %d", c.counter, c.sec, got.counter(), got.shardIndex(), got.createdSec())
		}
	}
}
