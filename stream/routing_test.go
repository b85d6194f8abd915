package stream_test

import (
	"crypto/md5"
	"fmt"
	"math/big"
	"testing"

	"github.com/switchyard/switchyard/stream"
)

// md5Decimal is the hash key of a partition key worked out by hand: the
// MD5 of its bytes as a big-endian number, in decimal.
func md5Decimal(key string) string {
	sum := md5.Sum([]byte(key))
	return new(big.Int).SetBytes(sum[:]).String()
}

func TestPartitionHashKey(t *testing.T) {
	tests := []struct{ key, want string }{
		// MD5("a") = 0cc175b9c0f1b6a831c399e269772661.
		{"a", "16955237001963240173058271559858726497"},
		// MD5("truck-42") and a multi-byte key, checked against math/big.
		{"truck-42", md5Decimal("truck-42")},
		{"émission-7", md5Decimal("émission-7")},
	}
	for _, tt := range tests {
		if got := stream.PartitionHashKey(tt.key).String(); got != tt.want {
			t.Errorf("PartitionHashKey(%q) = %s, want %s", tt.key, got, tt.want)
		}
	}
	if got := md5Decimal("a"); got != tests[0].want {
		t.Fatalf("the hand-made value for %q is %s", "a", got)
	}
}

// wantRanges returns AWS's layout of n shards, worked out with math/big:
// step = ⌊2^128/n⌋, shard i = [i·step, (i+1)·step−1], the last ending at
// 2^128−1.
func wantRanges(n int) [][2]*big.Int {
	space := new(big.Int).Lsh(big.NewInt(1), 128)
	step := new(big.Int).Div(space, big.NewInt(int64(n)))
	out := make([][2]*big.Int, n)
	for i := range out {
		start := new(big.Int).Mul(step, big.NewInt(int64(i)))
		end := new(big.Int).Sub(new(big.Int).Add(start, step), big.NewInt(1))
		if i == n-1 {
			end = new(big.Int).Sub(space, big.NewInt(1))
		}
		out[i] = [2]*big.Int{start, end}
	}
	return out
}

func TestInitialShardLayout(t *testing.T) {
	for n := 1; n <= 5; n++ {
		s, _ := newStream(t, n)
		got, err := s.ListShards(stream.ListShardsInput{})
		if err != nil {
			t.Fatal(err)
		}
		want := wantRanges(n)
		if len(got.Shards) != n {
			t.Fatalf("%d shards: listed %d", n, len(got.Shards))
		}
		for i, sh := range got.Shards {
			if sh.ShardID != shardName(i) || sh.ParentShardID != "" || !sh.SequenceNumberRange.EndingSequenceNumber.IsZero() {
				t.Errorf("%d shards: shard %d is %+v", n, i, sh)
			}
			r := sh.HashKeyRange
			if r.StartingHashKey.String() != want[i][0].String() || r.EndingHashKey.String() != want[i][1].String() {
				t.Errorf("%d shards: shard %d spans [%s, %s], want [%s, %s]", n, i, r.StartingHashKey, r.EndingHashKey, want[i][0], want[i][1])
			}
		}
	}
	// AWS's published layout of 3 shards, for a value not derived here.
	s, _ := newStream(t, 3)
	got, _ := s.ListShards(stream.ListShardsInput{})
	if e := got.Shards[0].HashKeyRange.EndingHashKey.String(); e != "113427455640312821154458202477256070484" {
		t.Errorf("3 shards: shard 0 ends at %s", e)
	}
}

// TestRoutingAtBoundaries puts records with explicit hash keys at the
// first and last key of every shard, and one key past each end, for 1 to
// 5 shards.
func TestRoutingAtBoundaries(t *testing.T) {
	for n := 1; n <= 5; n++ {
		s, _ := newStream(t, n)
		for i, r := range wantRanges(n) {
			keys := []struct {
				key   *big.Int
				shard int
			}{
				{r[0], i},
				{r[1], i},
				{new(big.Int).Sub(r[0], big.NewInt(1)), i - 1},
				{new(big.Int).Add(r[1], big.NewInt(1)), i + 1},
			}
			for _, k := range keys {
				if k.shard < 0 || k.shard >= n {
					continue
				}
				res, err := s.Put(stream.PutInput[string]{PartitionKey: "p", Data: "d", ExplicitHashKey: k.key.String()})
				if err != nil {
					t.Fatal(err)
				}
				if res.ShardID != shardName(k.shard) {
					t.Errorf("%d shards: hash key %s went to %s, want %s", n, k.key, res.ShardID, shardName(k.shard))
				}
			}
		}
	}
}

// TestRoutingByPartitionKey checks that records go to the shard whose
// range holds the MD5 of their partition key, in PutBatch as in Put.
func TestRoutingByPartitionKey(t *testing.T) {
	const n = 5
	s, _ := newStream(t, n)
	ranges := wantRanges(n)
	shardOf := func(key string) string {
		h, _ := new(big.Int).SetString(md5Decimal(key), 10)
		for i, r := range ranges {
			if h.Cmp(r[0]) >= 0 && h.Cmp(r[1]) <= 0 {
				return shardName(i)
			}
		}
		t.Fatalf("no shard holds %s", h)
		return ""
	}
	var batch []stream.PutEntry[string]
	for i := range 200 {
		key := fmt.Sprintf("truck-%d", i)
		if got := mustPut(t, s, key, "x").ShardID; got != shardOf(key) {
			t.Errorf("Put(%q) went to %s, want %s", key, got, shardOf(key))
		}
		batch = append(batch, stream.PutEntry[string]{PartitionKey: key, Data: "y"})
	}
	out, err := s.PutBatch(batch[:100])
	if err != nil {
		t.Fatal(err)
	}
	out2, err := s.PutBatch(batch[100:])
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range append(out.Records, out2.Records...) {
		if want := shardOf(batch[i].PartitionKey); r.ShardID != want {
			t.Errorf("PutBatch entry %d (%q) went to %s, want %s", i, batch[i].PartitionKey, r.ShardID, want)
		}
	}
}

func TestParseHashKey(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"0", true},
		{"1", true},
		{"340282366920938463463374607431768211455", true},
		{"340282366920938463463374607431768211456", false},
		{"999999999999999999999999999999999999999", false},
		{"1000000000000000000000000000000000000000", false},
		{"01", false},
		{"", false},
		{"-1", false},
		{"12a", false},
		{"18446744073709551616", true}, // 2^64 crosses into the high word
	}
	for _, tt := range tests {
		k, ok := stream.ParseHashKey(tt.in)
		if ok != tt.ok {
			t.Errorf("ParseHashKey(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if ok && k.String() != tt.in {
			t.Errorf("ParseHashKey(%q).String() = %s", tt.in, k)
		}
	}
	if stream.MaxHashKey.String() != "340282366920938463463374607431768211455" {
		t.Errorf("MaxHashKey = %s", stream.MaxHashKey)
	}
}
