package stream_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stream"
)

const rateExceeded = "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000."

// keyFor returns a partition key that goes to the given shard of a
// 2-shard stream.
func keyFor(shard string) string {
	for i := 0; ; i++ {
		k := fmt.Sprint("key-", i)
		if stream.PartitionHashKey(k).Compare(halfway) < 0 == (shard == shard0) {
			return k
		}
	}
}

var halfway, _ = stream.ParseHashKey("170141183460469231731687303715884105728")

func TestWriteRecordLimit(t *testing.T) {
	s, clk := newStream(t, 2, stream.WithThroughputLimits(stream.ThroughputLimits{}))
	k0, k1 := keyFor(shard0), keyFor("shardId-000000000001")
	batch := func(key string, n int) []stream.PutEntry[string] {
		e := make([]stream.PutEntry[string], n)
		for i := range e {
			e[i] = stream.PutEntry[string]{PartitionKey: key, Data: "x"}
		}
		return e
	}
	for range 2 {
		out, err := s.PutBatch(batch(k0, 500))
		if err != nil || out.FailedRecordCount != 0 {
			t.Fatalf("the first 1,000 records: %d failed, %v", out.FailedRecordCount, err)
		}
	}
	// Shard 0 has had its 1,000 records this second; shard 1 has not.
	mixed := append(batch(k0, 3), batch(k1, 2)...)
	out, err := s.PutBatch(mixed)
	if err != nil || out.FailedRecordCount != 3 {
		t.Fatalf("mixed batch: %d failed, %v", out.FailedRecordCount, err)
	}
	for i, r := range out.Records {
		if i < 3 {
			if r.ErrorCode != "ProvisionedThroughputExceededException" || r.ErrorMessage != rateExceeded || r.ShardID != "" || !r.SequenceNumber.IsZero() {
				t.Errorf("throttled entry %d: %+v", i, r)
			}
		} else if r.ErrorCode != "" || r.ShardID != "shardId-000000000001" {
			t.Errorf("entry %d for the other shard: %+v", i, r)
		}
	}
	_, err = s.Put(stream.PutInput[string]{PartitionKey: k0, Data: "x"})
	wantErr(t, err, stream.ErrProvisionedThroughputExceeded, rateExceeded)
	if n := len(readAll(t, s, shard0)); n != 1000 {
		t.Fatalf("shard 0 holds %d records", n)
	}
	// The bucket refills at 1,000 records a second.
	clk.Advance(100 * time.Millisecond)
	out, _ = s.PutBatch(batch(k0, 101))
	if out.FailedRecordCount != 1 || out.Records[99].ErrorCode != "" || out.Records[100].ErrorCode == "" {
		t.Fatalf("after 100 ms: %d failed", out.FailedRecordCount)
	}
}

func TestWriteByteLimit(t *testing.T) {
	clk := clock.NewManual(epoch)
	s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1, MaxRecordSizeInKiB: 10240}, stream.WithClock(clk), stream.WithThroughputLimits(stream.ThroughputLimits{}))
	kib100 := strings.Repeat("x", 100<<10-1) // 100 KiB with the key "k"
	put := func(data string) error {
		_, err := s.Put(stream.PutInput[string]{PartitionKey: "k", Data: data})
		return err
	}
	for i := range 10 {
		if err := put(kib100); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
	}
	wantErr(t, put(kib100), stream.ErrProvisionedThroughputExceeded, rateExceeded) // 1,100 KiB > 1 MiB
	clk.Advance(100 * time.Millisecond)                                            // 102.4 KiB more
	if err := put(kib100); err != nil {
		t.Fatal(err)
	}
	// A record larger than a second's worth needs the bucket full, then
	// leaves it in debt: 5 MiB takes 1 MiB of credit and 4 s of refill.
	clk.Advance(2 * time.Second)
	if err := put(strings.Repeat("y", 5<<20-1)); err != nil {
		t.Fatalf("a 5 MiB record on a full bucket: %v", err)
	}
	clk.Advance(4*time.Second + 90*time.Millisecond)
	wantErr(t, put(kib100), stream.ErrProvisionedThroughputExceeded, rateExceeded)
	clk.Advance(10 * time.Millisecond)
	if err := put(kib100); err != nil {
		t.Fatalf("once the debt is paid: %v", err)
	}
}

func TestReadLimits(t *testing.T) {
	clk := clock.NewManual(epoch)
	s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1}, stream.WithClock(clk), stream.WithThroughputLimits(stream.ThroughputLimits{}))
	mib := strings.Repeat("x", 1<<20-1)
	for range 10 {
		if _, err := s.Put(stream.PutInput[string]{PartitionKey: "k", Data: mib}); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Second)
	}
	mustPut(t, s, "k", "small")
	it, _ := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	// 10 MiB in one call: the shard is in 8 MiB of debt at 2 MiB/s.
	out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	if err != nil || len(out.Records) != 10 {
		t.Fatalf("read %d records, %v", len(out.Records), err)
	}
	next := out.NextShardIterator
	clk.Advance(4*time.Second - time.Millisecond)
	_, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: next})
	wantErr(t, err, stream.ErrProvisionedThroughputExceeded, rateExceeded)
	clk.Advance(time.Millisecond)
	out, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: next})
	if err != nil || len(out.Records) != 1 || out.Records[0].Data != "small" {
		t.Fatalf("after the debt: %d records, %v", len(out.Records), err)
	}
	// 5 calls a second, whatever they return.
	clk.Advance(10 * time.Second)
	for i := range 5 {
		if _, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: out.NextShardIterator}); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	_, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: out.NextShardIterator})
	wantErr(t, err, stream.ErrProvisionedThroughputExceeded, rateExceeded)
	clk.Advance(200 * time.Millisecond)
	if _, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: out.NextShardIterator}); err != nil {
		t.Fatalf("200 ms later: %v", err)
	}
	// The Go iterators are not limited.
	if n := len(readAll(t, s, shard0)); n != 11 {
		t.Fatalf("Records read %d", n)
	}
}

func TestNoLimitsByDefault(t *testing.T) {
	s, _ := newStream(t, 1)
	batch := make([]stream.PutEntry[string], 500)
	for i := range batch {
		batch[i] = stream.PutEntry[string]{PartitionKey: "k", Data: strings.Repeat("x", 10<<10)}
	}
	for range 10 { // 5,000 records, 50 MiB, in one instant
		if out, err := s.PutBatch(batch); err != nil || out.FailedRecordCount != 0 {
			t.Fatal(out.FailedRecordCount, err)
		}
	}
	// Reads in the same instant: each returns 10 MiB (1,023 records of
	// 10 KiB and a 1-byte key), five times the 2 MiB a limited shard
	// serves in a second, until all 5,000 are read.
	it, _ := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	var counts []int
	total := 0
	for range 20 {
		out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
		if err != nil {
			t.Fatal(err)
		}
		counts = append(counts, len(out.Records))
		total += len(out.Records)
		it = out.NextShardIterator
	}
	if want := []int{1023, 1023, 1023, 1023, 908}; total != 5000 || !slices.Equal(counts[:5], want) || slices.ContainsFunc(counts[5:], func(n int) bool { return n != 0 }) {
		t.Fatalf("read %d records in all, by call %v; want 5000, %v then none", total, counts, want)
	}
}
