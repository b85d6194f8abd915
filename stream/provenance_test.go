package stream_test

import (
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stream"
)

// plus returns n + 2^shift in decimal: a number that differs from n in one
// field of the layout (bit 80 is the counter's lowest, bit 36 the arrival
// time's).
func plus(n stream.SequenceNumber, shift uint) string {
	v, _ := new(big.Int).SetString(n.String(), 10)
	return v.Add(v, new(big.Int).Lsh(big.NewInt(1), shift)).String()
}

// TestSequenceNumbersOfAnotherStream checks that a stream refuses the
// numbers of another stream whose shard was made in the same second, so
// that encodes the same shard index and creation time.
func TestSequenceNumbersOfAnotherStream(t *testing.T) {
	clk := clock.NewManual(epoch)
	s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1}, stream.WithClock(clk))
	other := mustNew[string](t, stream.Config{Name: "other", ShardCount: 1}, stream.WithClock(clk))
	clk.Advance(time.Millisecond) // the same second, a different instant
	again := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1}, stream.WithClock(clk))
	mustPut(t, s, "k", "mine")
	msg := func(seq string) string {
		return "StartingSequenceNumber " + seq + " used in GetShardIterator on shard shardId-000000000000 in stream s under account 000000000000 is invalid because it did not come from this stream."
	}
	for name, from := range map[string]*stream.Stream[string]{"another name": other, "the same name made later": again} {
		t.Run(name, func(t *testing.T) {
			for _, seq := range []string{
				mustPut(t, from, "k", "theirs").SequenceNumber.String(),
				shardsByID(t, from)[shard0].SequenceNumberRange.StartingSequenceNumber.String(),
			} {
				for _, typ := range []stream.IteratorType{stream.AtSequenceNumber, stream.AfterSequenceNumber} {
					_, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: typ, StartingSequenceNumber: seq})
					wantErr(t, err, stream.ErrInvalidArgument, msg(seq))
				}
			}
		})
	}
}

// TestSequenceNumbersNeverIssued checks that a number of the stream's own
// form that the shard never issued is refused: a counter beyond the
// shard's newest record (which would start reading past its tip, and skip
// the records put before reading reached it), or a stored record's counter
// with another arrival time.
func TestSequenceNumbersNeverIssued(t *testing.T) {
	s, clk := newStream(t, 1)
	first := mustPut(t, s, "k", "a").SequenceNumber
	last := mustPut(t, s, "k", "b").SequenceNumber
	start := shardsByID(t, s)[shard0].SequenceNumberRange.StartingSequenceNumber
	invalid := func(seq string) string {
		return "StartingSequenceNumber " + seq + " used in GetShardIterator on shard shardId-000000000000 in stream s under account 000000000000 is invalid."
	}
	for _, seq := range []string{
		plus(last, 80),     // the counter of the next record, not yet put
		plus(last, 80+20),  // far beyond
		plus(first, 36),    // record 1's counter a second later
		plus(last, 36+2),   // record 2's counter 4 seconds later
		plus(start, 36),    // the starting number's counter, a second later
		plus(start, 36+35), // … and much later
	} {
		for _, typ := range []stream.IteratorType{stream.AtSequenceNumber, stream.AfterSequenceNumber} {
			it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: typ, StartingSequenceNumber: seq})
			if err == nil {
				clk.Advance(time.Second)
				mustPut(t, s, "k", "later")
				out, _ := s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
				t.Fatalf("%s %s was taken; it reads %q", typ, seq, data(out.Records))
			}
			wantErr(t, err, stream.ErrInvalidArgument, invalid(seq))
		}
	}
	// The numbers the shard did issue all work.
	for _, c := range []struct {
		typ  stream.IteratorType
		seq  stream.SequenceNumber
		want []string
	}{
		{stream.AtSequenceNumber, start, []string{"a", "b"}},
		{stream.AfterSequenceNumber, start, []string{"a", "b"}},
		{stream.AtSequenceNumber, first, []string{"a", "b"}},
		{stream.AfterSequenceNumber, first, []string{"b"}},
		{stream.AtSequenceNumber, last, []string{"b"}},
		{stream.AfterSequenceNumber, last, nil},
	} {
		got := iterate(t, s, stream.StartingPosition{Type: c.typ, SequenceNumber: c.seq.String()})
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %s read %q, want %q", c.typ, c.seq, got, c.want)
		}
	}
}

// TestEndingSequenceNumber checks that a closed shard's ending sequence
// number, which ListShards issued, positions at the shard's end.
func TestEndingSequenceNumber(t *testing.T) {
	s, clk := newStream(t, 2)
	mustPut(t, s, "k", "a")
	clk.Advance(time.Second)
	if err := s.MergeShards(shard0, "shardId-000000000001"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{shard0, "shardId-000000000001"} {
		end := shardsByID(t, s)[id].SequenceNumberRange.EndingSequenceNumber
		if end.IsZero() {
			t.Fatalf("%s has no ending sequence number", id)
		}
		for _, typ := range []stream.IteratorType{stream.AtSequenceNumber, stream.AfterSequenceNumber} {
			it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: id, ShardIteratorType: typ, StartingSequenceNumber: end.String()})
			if err != nil {
				t.Fatalf("%s %s of %s: %v", typ, end, id, err)
			}
			out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
			if err != nil || len(out.Records) != 0 || out.NextShardIterator != "" || len(out.ChildShards) != 1 {
				t.Fatalf("%s the end of %s: %+v, %v", typ, id, out, err)
			}
		}
	}
}
