package stream_test

import (
	"fmt"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/switchyard/switchyard/stream"
)

// shardsByID lists every shard of s within retention, by id.
func shardsByID(t testing.TB, s *stream.Stream[string]) map[string]stream.Shard {
	t.Helper()
	ls, err := s.ListShards(stream.ListShardsInput{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]stream.Shard{}
	for _, sh := range ls.Shards {
		out[sh.ShardID] = sh
	}
	return out
}

// openRanges returns the hash key ranges of the open shards, in order.
func openRanges(t testing.TB, s *stream.Stream[string]) [][2]string {
	t.Helper()
	ls, err := s.ListShards(stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtLatest}})
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for _, sh := range ls.Shards {
		out = append(out, [2]string{sh.HashKeyRange.StartingHashKey.String(), sh.HashKeyRange.EndingHashKey.String()})
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		x, _ := new(big.Int).SetString(a[0], 10)
		y, _ := new(big.Int).SetString(b[0], 10)
		return x.Cmp(y)
	})
	return out
}

func uniform(n int) [][2]string {
	var out [][2]string
	for _, r := range wantRanges(n) {
		out = append(out, [2]string{r[0].String(), r[1].String()})
	}
	return out
}

// checkLineage checks what every reshard must leave: each child's numbers
// are above all of its parents' (records included), parents are closed,
// and a child's range is what its parents covered.
func checkLineage(t *testing.T, s *stream.Stream[string]) {
	t.Helper()
	shards := shardsByID(t, s)
	maxSeq := func(sh stream.Shard) stream.SequenceNumber {
		m := sh.SequenceNumberRange.EndingSequenceNumber
		for _, r := range readAll(t, s, sh.ShardID) {
			if r.SequenceNumber.Compare(m) > 0 {
				t.Errorf("%s: record %s above the ending number %s", sh.ShardID, r.SequenceNumber, m)
			}
		}
		return m
	}
	for _, child := range shards {
		var parents []stream.Shard
		for _, id := range []string{child.ParentShardID, child.AdjacentParentShardID} {
			if id != "" {
				parents = append(parents, shards[id])
			}
		}
		if len(parents) == 0 {
			continue
		}
		low := child.SequenceNumberRange.StartingSequenceNumber
		for _, r := range readAll(t, s, child.ShardID) {
			if r.SequenceNumber.Compare(low) <= 0 {
				t.Errorf("%s: record %s not above the starting number %s", child.ShardID, r.SequenceNumber, low)
			}
		}
		start, end := parents[0].HashKeyRange.StartingHashKey, parents[0].HashKeyRange.EndingHashKey
		for _, p := range parents {
			if p.SequenceNumberRange.EndingSequenceNumber.IsZero() {
				t.Errorf("parent %s of %s is still open", p.ShardID, child.ShardID)
			}
			if m := maxSeq(p); low.Compare(m) <= 0 {
				t.Errorf("child %s starts at %s, not above parent %s's %s", child.ShardID, low, p.ShardID, m)
			}
			if p.HashKeyRange.StartingHashKey.Compare(start) < 0 {
				start = p.HashKeyRange.StartingHashKey
			}
			if p.HashKeyRange.EndingHashKey.Compare(end) > 0 {
				end = p.HashKeyRange.EndingHashKey
			}
		}
		r := child.HashKeyRange
		if len(parents) == 2 && (r.StartingHashKey != start || r.EndingHashKey != end) {
			t.Errorf("merged %s spans [%s, %s], its parents [%s, %s]", child.ShardID, r.StartingHashKey, r.EndingHashKey, start, end)
		}
		if len(parents) == 1 && (r.StartingHashKey.Compare(start) < 0 || r.EndingHashKey.Compare(end) > 0) {
			t.Errorf("split %s spans [%s, %s], outside its parent's [%s, %s]", child.ShardID, r.StartingHashKey, r.EndingHashKey, start, end)
		}
	}
}

func TestSplitShard(t *testing.T) {
	s, _ := newStream(t, 1) // the clock never moves: the split falls in the second the stream was made
	for i := range 20 {
		mustPut(t, s, fmt.Sprint("k", i), fmt.Sprint("before-", i))
	}
	mid := new(big.Int).Lsh(big.NewInt(1), 127).String()
	if err := s.SplitShard(shard0, mid); err != nil {
		t.Fatal(err)
	}
	shards := shardsByID(t, s)
	if len(shards) != 3 {
		t.Fatalf("%d shards after a split", len(shards))
	}
	left, right := shards["shardId-000000000001"], shards["shardId-000000000002"]
	if left.ParentShardID != shard0 || right.ParentShardID != shard0 || left.AdjacentParentShardID != "" ||
		left.HashKeyRange.StartingHashKey.String() != "0" || right.HashKeyRange.StartingHashKey.String() != mid ||
		right.HashKeyRange.EndingHashKey != stream.MaxHashKey {
		t.Fatalf("children %+v and %+v", left, right)
	}
	if leftEnd, _ := new(big.Int).SetString(left.HashKeyRange.EndingHashKey.String(), 10); leftEnd.String() != new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1)).String() {
		t.Fatalf("left child ends at %s", leftEnd)
	}
	// New records go to the children, by hash key; the parent keeps its own.
	for i := range 20 {
		r := mustPut(t, s, fmt.Sprint("k", i), fmt.Sprint("after-", i))
		h, _ := new(big.Int).SetString(stream.PartitionHashKey(fmt.Sprint("k", i)).String(), 10)
		m, _ := new(big.Int).SetString(mid, 10)
		want := left.ShardID
		if h.Cmp(m) >= 0 {
			want = right.ShardID
		}
		if r.ShardID != want {
			t.Errorf("k%d went to %s, want %s", i, r.ShardID, want)
		}
	}
	if n := len(readAll(t, s, shard0)); n != 20 {
		t.Errorf("the parent holds %d records after the split", n)
	}
	checkLineage(t, s)

	// GetRecords at the end of the closed parent: no next iterator, and
	// the children.
	it, _ := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it, Limit: 15})
	if err != nil || len(out.Records) != 15 || out.NextShardIterator == "" || out.ChildShards != nil {
		t.Fatalf("mid-way through the parent: %d records, next %q, children %v, %v", len(out.Records), out.NextShardIterator, out.ChildShards, err)
	}
	out, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: out.NextShardIterator})
	if err != nil || len(out.Records) != 5 || out.NextShardIterator != "" || out.MillisBehindLatest != 0 {
		t.Fatalf("end of the parent: %d records, next %q, behind %d, %v", len(out.Records), out.NextShardIterator, out.MillisBehindLatest, err)
	}
	wantChildren := []stream.ChildShard{
		{ShardID: left.ShardID, ParentShards: []string{shard0}, HashKeyRange: left.HashKeyRange},
		{ShardID: right.ShardID, ParentShards: []string{shard0}, HashKeyRange: right.HashKeyRange},
	}
	if fmt.Sprint(out.ChildShards) != fmt.Sprint(wantChildren) {
		t.Fatalf("ChildShards %+v, want %+v", out.ChildShards, wantChildren)
	}
	if got, err := s.ChildShards(shard0); err != nil || fmt.Sprint(got) != fmt.Sprint(wantChildren) {
		t.Fatalf("ChildShards(%s) = %+v, %v", shard0, got, err)
	}
	// A closed shard still gives iterators, of every type.
	for _, typ := range []stream.IteratorType{stream.Latest, stream.TrimHorizon} {
		it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: typ})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMergeShards(t *testing.T) {
	s, clk := newStream(t, 2)
	for i := range 10 {
		mustPut(t, s, fmt.Sprint("k", i), "before")
	}
	clk.Advance(time.Minute)
	// Either order: the first named is the parent, the second the adjacent parent.
	if err := s.MergeShards("shardId-000000000001", shard0); err != nil {
		t.Fatal(err)
	}
	shards := shardsByID(t, s)
	child := shards["shardId-000000000002"]
	if child.ParentShardID != "shardId-000000000001" || child.AdjacentParentShardID != shard0 ||
		child.HashKeyRange.StartingHashKey.String() != "0" || child.HashKeyRange.EndingHashKey != stream.MaxHashKey {
		t.Fatalf("merged child %+v", child)
	}
	for i := range 10 {
		if r := mustPut(t, s, fmt.Sprint("k", i), "after"); r.ShardID != child.ShardID {
			t.Fatalf("a put after the merge went to %s", r.ShardID)
		}
	}
	if got := len(readAll(t, s, shard0)) + len(readAll(t, s, "shardId-000000000001")); got != 10 {
		t.Errorf("the parents hold %d records", got)
	}
	checkLineage(t, s)
	got, _ := s.ChildShards(shard0)
	if len(got) != 1 || !slices.Equal(got[0].ParentShards, []string{"shardId-000000000001", shard0}) {
		t.Errorf("ChildShards = %+v", got)
	}
}

func TestReshardErrors(t *testing.T) {
	s, _ := newStream(t, 3)
	full, _ := newStream(t, 2, stream.WithShardLimit(2))
	if err := s.SplitShard("shardId-000000000001", "150000000000000000000000000000000000000"); err != nil {
		t.Fatal(err)
	}
	closed := "shardId-000000000001"
	ranges := wantRanges(3)
	plusOne := new(big.Int).Add(ranges[0][0], big.NewInt(1)).String()
	plusTwo := new(big.Int).Add(ranges[0][0], big.NewInt(2)).String()
	end := ranges[0][1].String()
	tests := []struct {
		name string
		do   func() error
		want error
		msg  string
	}{
		{"split a closed shard", func() error { return s.SplitShard(closed, "150000000000000000000000000000000000001") }, stream.ErrInvalidArgument,
			"Shard shardId-000000000001 in stream s under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting."},
		{"merge a closed shard", func() error { return s.MergeShards(shard0, closed) }, stream.ErrInvalidArgument,
			"Shard shardId-000000000001 in stream s under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting."},
		{"split at start plus one", func() error { return s.SplitShard(shard0, plusOne) }, stream.ErrInvalidArgument,
			"NewStartingHashKey " + plusOne + " used in SplitShard() on shard shardId-000000000000 in stream s under account 000000000000 " +
				"is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey " + end + "."},
		{"split at the end", func() error { return s.SplitShard(shard0, end) }, stream.ErrInvalidArgument, "NewStartingHashKey " + end + " used in SplitShard()…"},
		{"split beyond 2^128", func() error { return s.SplitShard(shard0, "340282366920938463463374607431768211456") }, stream.ErrInvalidArgument, "NewStartingHashKey…"},
		{"split key not decimal", func() error { return s.SplitShard(shard0, "half") }, stream.ErrValidation,
			`1 validation error detected: Value 'half' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,38})`},
		{"split a shard that is not there", func() error { return s.SplitShard("shardId-000000000009", plusTwo) }, stream.ErrResourceNotFound,
			"Could not find shard shardId-000000000009 in stream s under account 000000000000."},
		{"merge shards that are not adjacent", func() error { return s.MergeShards(shard0, "shardId-000000000002") }, stream.ErrInvalidArgument,
			"Shards shardId-000000000000 and shardId-000000000002 in stream s under account 000000000000 are not an adjacent pair of shards eligible for merging"},
		{"merge a shard with itself", func() error { return s.MergeShards(shard0, shard0) }, stream.ErrInvalidArgument, "Shards shardId-000000000000 and shardId-000000000000…"},
		{"merge with no second shard", func() error { return s.MergeShards(shard0, "") }, stream.ErrValidation, "2 validation errors detected: Value '' at 'adjacentShardToMerge'…"},
		{"split beyond the shard limit", func() error { return full.SplitShard(shard0, plusTwo) }, stream.ErrLimitExceeded,
			"This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the account: 2. Limit: 2. Number of additional shards that would have resulted from this request: 1. …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := shardsByID(t, s)
			wantErr(t, tt.do(), tt.want, tt.msg)
			if after := shardsByID(t, s); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Fatal("a failed reshard changed the shards")
			}
		})
	}
}

func TestUpdateShardCount(t *testing.T) {
	s, clk := newStream(t, 4)
	put := func(tag string) {
		for i := range 40 {
			mustPut(t, s, fmt.Sprint("k", i), tag)
		}
	}
	put("at-4")
	for _, target := range []int{8, 5, 3, 6, 6, 4} {
		out, err := s.UpdateShardCount(target, stream.UniformScaling)
		if err != nil {
			t.Fatalf("to %d: %v", target, err)
		}
		if out.TargetShardCount != target || out.StreamName != "s" {
			t.Fatalf("to %d: %+v", target, out)
		}
		if got := openRanges(t, s); fmt.Sprint(got) != fmt.Sprint(uniform(target)) {
			t.Fatalf("after scaling to %d the open shards span %v, want %v", target, got, uniform(target))
		}
		put(fmt.Sprint("at-", target))
	}
	checkLineage(t, s)
	// Every record is still there: 40 per step, 7 steps.
	total := 0
	for id := range shardsByID(t, s) {
		total += len(readAll(t, s, id))
	}
	if total != 7*40 {
		t.Errorf("%d records after scaling, want %d", total, 7*40)
	}

	// The limits. Six calls were made; four more are allowed in 24 hours.
	wantErr(t, func() error { _, err := s.UpdateShardCount(9, stream.UniformScaling); return err }(), stream.ErrLimitExceeded,
		"UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 4, Target shard count: 9")
	wantErr(t, func() error { _, err := s.UpdateShardCount(1, stream.UniformScaling); return err }(), stream.ErrLimitExceeded,
		"UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 4, Target shard count: 1")
	wantErr(t, func() error { _, err := s.UpdateShardCount(0, stream.UniformScaling); return err }(), stream.ErrValidation,
		"1 validation error detected: Value '0' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1")
	wantErr(t, func() error { _, err := s.UpdateShardCount(4, "EVEN"); return err }(), stream.ErrValidation,
		"1 validation error detected: Value 'EVEN' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]")
	for i := range 4 {
		if _, err := s.UpdateShardCount(4+i%2, stream.UniformScaling); err != nil {
			t.Fatalf("call %d: %v", 7+i, err)
		}
	}
	_, err := s.UpdateShardCount(4, stream.UniformScaling)
	wantErr(t, err, stream.ErrLimitExceeded, "Stream s under account 000000000000 has exceeded its limit of 10 UpdateShardCount calls in a rolling 24-hour period.")
	clk.Advance(24 * time.Hour)
	if _, err := s.UpdateShardCount(4, stream.UniformScaling); err != nil {
		t.Fatalf("a day later: %v", err)
	}

	small, _ := newStream(t, 2, stream.WithShardLimit(3))
	_, err = small.UpdateShardCount(4, stream.UniformScaling)
	wantErr(t, err, stream.ErrLimitExceeded, "Target shard count or number of open shards cannot be greater than 3. Current open shard count: 2, Target shard count: 4")
}

// TestPerKeyOrderAcrossResharding reads a key's records parent before
// child, as consumers must, and finds them in put order.
func TestPerKeyOrderAcrossResharding(t *testing.T) {
	s, _ := newStream(t, 2)
	n := 0
	put := func() {
		for range 5 {
			mustPut(t, s, "truck-1", fmt.Sprint(n))
			n++
		}
	}
	put()
	if err := s.SplitShard(shard0, "85070591730234615865843651857942052864"); err != nil {
		t.Fatal(err)
	}
	put()
	if _, err := s.UpdateShardCount(3, stream.UniformScaling); err != nil {
		t.Fatal(err)
	}
	put()
	if _, err := s.UpdateShardCount(6, stream.UniformScaling); err != nil {
		t.Fatal(err)
	}
	put()
	// Shard ids grow with creation, so reading shards in id order reads
	// every parent before its children.
	ls, _ := s.ListShards(stream.ListShardsInput{})
	var got []string
	for _, sh := range ls.Shards {
		for _, r := range readAll(t, s, sh.ShardID) {
			if r.PartitionKey == "truck-1" {
				got = append(got, r.Data)
			}
		}
	}
	want := make([]string, n)
	for i := range want {
		want[i] = fmt.Sprint(i)
	}
	if !slices.Equal(got, want) {
		t.Errorf("truck-1's records read %q, want %q", got, want)
	}
	checkLineage(t, s)
}

func TestStatusTransitions(t *testing.T) {
	s, clk := newStream(t, 2, stream.WithTransitionDelay(30*time.Second))
	status := func() stream.Status {
		d, err := s.Describe()
		if err != nil {
			t.Fatal(err)
		}
		return d.StreamStatus
	}
	if got := status(); got != stream.StatusCreating {
		t.Fatalf("a new stream is %s", got)
	}
	_, err := s.Put(stream.PutInput[string]{PartitionKey: "k", Data: "d"})
	wantErr(t, err, stream.ErrResourceNotFound, "Stream s under account 000000000000 not found.")
	_, err = s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.Latest})
	wantErr(t, err, stream.ErrResourceNotFound, "")
	clk.Advance(30 * time.Second)
	if got := status(); got != stream.StatusActive {
		t.Fatalf("after 30 s the stream is %s", got)
	}
	if err := s.MergeShards(shard0, "shardId-000000000001"); err != nil {
		t.Fatal(err)
	}
	if got := status(); got != stream.StatusUpdating {
		t.Fatalf("after a merge the stream is %s", got)
	}
	// Reads and writes go on; changes wait.
	mustPut(t, s, "k", "d")
	if len(readAll(t, s, "shardId-000000000002")) != 1 {
		t.Fatal("the merged shard does not hold the put")
	}
	inUse := "Stream s under account 000000000000 not ACTIVE, instead in state UPDATING"
	wantErr(t, s.SplitShard("shardId-000000000002", "1000"), stream.ErrResourceInUse, inUse)
	_, err = s.UpdateShardCount(2, stream.UniformScaling)
	wantErr(t, err, stream.ErrResourceInUse, inUse)
	wantErr(t, s.IncreaseStreamRetentionPeriod(48), stream.ErrResourceInUse, inUse)
	clk.Advance(30 * time.Second)
	if err := s.SplitShard("shardId-000000000002", "1000"); err != nil {
		t.Fatal(err)
	}

	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	notFound := "Stream s under account 000000000000 not found."
	_, err = s.Describe()
	wantErr(t, err, stream.ErrResourceNotFound, notFound)
	_, err = s.Put(stream.PutInput[string]{PartitionKey: "k", Data: "d"})
	wantErr(t, err, stream.ErrResourceNotFound, notFound)
	_, err = s.ListShards(stream.ListShardsInput{})
	wantErr(t, err, stream.ErrResourceNotFound, notFound)
	wantErr(t, s.SplitShard("shardId-000000000003", "1000"), stream.ErrResourceNotFound, notFound)
	wantErr(t, s.Delete(), stream.ErrResourceNotFound, notFound)
}

// TestGetRecordsAtTheEndOfAMergedShard checks GetRecords at the end of
// each parent of a merge: the last records with no NextShardIterator and
// the one child, which names both parents; before the end, an iterator
// and no children. A parent with no records ends at the first read, and
// an iterator issued before the merge reaches the end too.
func TestGetRecordsAtTheEndOfAMergedShard(t *testing.T) {
	s, clk := newStream(t, 3)
	one := "shardId-000000000001"
	for i := 0; len(readAll(t, s, one)) < 3; i++ {
		mustPut(t, s, fmt.Sprint("k", i), fmt.Sprint(i))
	}
	before, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: one, ShardIteratorType: stream.Latest})
	if err != nil {
		t.Fatal(err)
	}
	empty := mustNew[string](t, stream.Config{Name: "empty", ShardCount: 2})
	clk.Advance(time.Minute)
	if err := s.MergeShards(one, shard0); err != nil {
		t.Fatal(err)
	}
	child := shardsByID(t, s)["shardId-000000000003"]
	want := fmt.Sprint([]stream.ChildShard{{ShardID: child.ShardID, ParentShards: []string{one, shard0}, HashKeyRange: child.HashKeyRange}})
	mustPut(t, s, "after", "x") // into the child, or shard 2: not into a parent

	for _, id := range []string{one, shard0} {
		n := len(readAll(t, s, id))
		it, _ := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: id, ShardIteratorType: stream.TrimHorizon})
		read := 0
		for calls := 0; ; calls++ {
			out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			read += len(out.Records)
			if read < n {
				if out.NextShardIterator == "" || out.ChildShards != nil {
					t.Fatalf("%s after %d of %d records: next %q, children %v", id, read, n, out.NextShardIterator, out.ChildShards)
				}
				it = out.NextShardIterator
				continue
			}
			if out.NextShardIterator != "" || fmt.Sprint(out.ChildShards) != want || out.MillisBehindLatest != 0 {
				t.Fatalf("%s at its end: next %q, children %+v, behind %d; want no iterator and %s", id, out.NextShardIterator, out.ChildShards, out.MillisBehindLatest, want)
			}
			// The end comes with the last records, not a call later.
			if wantCalls := max(1, (n+1)/2); calls+1 != wantCalls {
				t.Fatalf("%s: %d records took %d calls, want %d", id, n, calls+1, wantCalls)
			}
			break
		}
	}
	// The iterator from before the merge, at the then newest record of
	// shard 1, reads nothing and reaches the end.
	out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: before})
	if err != nil || len(out.Records) != 0 || out.NextShardIterator != "" || fmt.Sprint(out.ChildShards) != want {
		t.Fatalf("the iterator from before the merge: %+v, %v", out, err)
	}

	// A parent that never had a record ends at once.
	if err := empty.MergeShards(shard0, one); err != nil {
		t.Fatal(err)
	}
	it, _ := empty.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	out, err = empty.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	if err != nil || out.Records == nil || len(out.Records) != 0 || out.NextShardIterator != "" || len(out.ChildShards) != 1 ||
		!slices.Equal(out.ChildShards[0].ParentShards, []string{shard0, one}) {
		t.Fatalf("an empty merged parent: %+v, %v", out, err)
	}
}
