package stream_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/stream"
)

// TestSequenceNumbersInShard checks the form and order of the numbers one
// shard gives: 56 digits, strictly increasing, string order equal to
// numeric order, and each one parsing back to itself.
func TestSequenceNumbersInShard(t *testing.T) {
	s, clk := newStream(t, 1)
	var prev stream.SequenceNumber
	var prevBig *big.Int
	for i := range 50 {
		if i%10 == 0 {
			clk.Advance(1500 * 1e6) // the arrival time is in the number too
		}
		n := mustPut(t, s, "k", "v").SequenceNumber
		text := n.String()
		if len(text) != 56 || strings.Trim(text, "0123456789") != "" || !strings.HasPrefix(text, "49") {
			t.Fatalf("sequence number %q is not 56 digits starting 49", text)
		}
		back, err := stream.ParseSequenceNumber(text)
		if err != nil || back != n {
			t.Fatalf("ParseSequenceNumber(%s) = %v, %v", text, back, err)
		}
		nb, _ := new(big.Int).SetString(text, 10)
		if i > 0 {
			if n.Compare(prev) <= 0 || prev.Compare(n) >= 0 || text <= prev.String() || nb.Cmp(prevBig) <= 0 {
				t.Fatalf("record %d: %s is not above %s", i, text, prev)
			}
		}
		prev, prevBig = n, nb
	}
	ls, _ := s.ListShards(stream.ListShardsInput{})
	first := readAll(t, s, ls.Shards[0].ShardID)[0].SequenceNumber
	if start := ls.Shards[0].SequenceNumberRange.StartingSequenceNumber; start.Compare(first) >= 0 {
		t.Errorf("StartingSequenceNumber %s is not below the first record's %s", start, first)
	}
}

func TestParseSequenceNumber(t *testing.T) {
	s, _ := newStream(t, 1)
	valid := mustPut(t, s, "k", "v").SequenceNumber.String()
	tests := []struct {
		in   string
		want error
	}{
		{valid, nil},
		{"", stream.ErrValidation},
		{"007", stream.ErrValidation},
		{"12x", stream.ErrValidation},
		{strings.Repeat("1", 130), stream.ErrValidation},
		{"0", stream.ErrInvalidArgument},
		{strings.Repeat("1", 129), stream.ErrInvalidArgument},
		{valid[:55], stream.ErrInvalidArgument},
		{valid + "0", stream.ErrInvalidArgument},
		{strings.Repeat("9", 56), stream.ErrInvalidArgument}, // not version 2
	}
	for _, tt := range tests {
		n, err := stream.ParseSequenceNumber(tt.in)
		if tt.want == nil {
			if err != nil || n.String() != tt.in {
				t.Errorf("ParseSequenceNumber(%q) = %v, %v", tt.in, n, err)
			}
			continue
		}
		wantErr(t, err, tt.want, "")
	}
	var zero stream.SequenceNumber
	if !zero.IsZero() || zero.String() != "" {
		t.Errorf("the zero SequenceNumber writes %q", zero.String())
	}
}
