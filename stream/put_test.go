package stream_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/stream"
)

// stored counts the records every shard of s holds, for checking that a
// failed call stored nothing.
func stored[T any](t testing.TB, s *stream.Stream[T]) int {
	t.Helper()
	ls, err := s.ListShards(stream.ListShardsInput{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sh := range ls.Shards {
		n += len(readAll(t, s, sh.ShardID))
	}
	return n
}

func TestPutBatchResults(t *testing.T) {
	s, _ := newStream(t, 3)
	var entries []stream.PutEntry[string]
	for i := range 60 {
		entries = append(entries, stream.PutEntry[string]{PartitionKey: fmt.Sprintf("k%d", i%7), Data: fmt.Sprint(i)})
	}
	out, err := s.PutBatch(entries)
	if err != nil {
		t.Fatal(err)
	}
	if out.FailedRecordCount != 0 || len(out.Records) != len(entries) {
		t.Fatalf("FailedRecordCount %d, %d results for %d records", out.FailedRecordCount, len(out.Records), len(entries))
	}
	// Each shard holds its records in request order, with the numbers the
	// results gave.
	byShard := map[string][]int{}
	for i, r := range out.Records {
		if r.ErrorCode != "" || r.ErrorMessage != "" || r.SequenceNumber.IsZero() {
			t.Fatalf("result %d: %+v", i, r)
		}
		byShard[r.ShardID] = append(byShard[r.ShardID], i)
	}
	for shardID, idx := range byShard {
		recs := readAll(t, s, shardID)
		if len(recs) != len(idx) {
			t.Fatalf("%s holds %d records, results put %d there", shardID, len(recs), len(idx))
		}
		for j, i := range idx {
			if recs[j].Data != entries[i].Data || recs[j].PartitionKey != entries[i].PartitionKey || recs[j].SequenceNumber != out.Records[i].SequenceNumber {
				t.Errorf("%s record %d is %+v, want entry %d with %s", shardID, j, recs[j], i, out.Records[i].SequenceNumber)
			}
		}
	}
	// AppendPutBatch appends to the caller's slice.
	prefix := []stream.PutBatchEntryResult{{ShardID: "mine"}}
	out, err = s.AppendPutBatch(prefix, entries[:2])
	if err != nil || len(out.Records) != 3 || out.Records[0].ShardID != "mine" || out.Records[2].SequenceNumber.IsZero() {
		t.Fatalf("AppendPutBatch = %+v, %v", out, err)
	}
}

func TestPutValidation(t *testing.T) {
	s, _ := newStream(t, 2)
	prior := mustPut(t, s, "k", "v")
	mib := strings.Repeat("x", 1<<20)
	tests := []struct {
		name string
		in   stream.PutInput[string]
		want error
		msg  string
	}{
		{"empty partition key", stream.PutInput[string]{Data: "d"}, stream.ErrValidation,
			"1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"257 characters", stream.PutInput[string]{PartitionKey: strings.Repeat("p", 257), Data: "d"}, stream.ErrValidation,
			"1 validation error detected: Value '" + strings.Repeat("p", 257) + "' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"256 two-byte characters", stream.PutInput[string]{PartitionKey: strings.Repeat("é", 256), Data: "d"}, nil, ""},
		{"1 MiB with the key", stream.PutInput[string]{PartitionKey: "k", Data: mib[:1<<20-1]}, nil, ""},
		{"1 MiB plus the key", stream.PutInput[string]{PartitionKey: "k", Data: mib}, stream.ErrValidation,
			"1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576"},
		{"hash key not decimal", stream.PutInput[string]{PartitionKey: "k", Data: "d", ExplicitHashKey: "0x10"}, stream.ErrValidation,
			`1 validation error detected: Value '0x10' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,38})`},
		{"hash key 2^128", stream.PutInput[string]{PartitionKey: "k", Data: "d", ExplicitHashKey: "340282366920938463463374607431768211456"}, stream.ErrInvalidArgument,
			"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 340282366920938463463374607431768211456"},
		{"three violations", stream.PutInput[string]{Data: mib + "x", ExplicitHashKey: "-1"}, stream.ErrValidation,
			"3 validation errors detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				`Value '-1' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,38}); ` +
				"Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576"},
		{"ordering not a number", stream.PutInput[string]{PartitionKey: "k", Data: "d", SequenceNumberForOrdering: "abc"}, stream.ErrValidation,
			`1 validation error detected: Value 'abc' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,128})`},
		{"ordering not a sequence number", stream.PutInput[string]{PartitionKey: "k", Data: "d", SequenceNumberForOrdering: "123"}, stream.ErrInvalidArgument,
			"ExclusiveMinimumSequenceNumber 123 used in PutRecord on stream s under account 000000000000 is invalid."},
		{"ordering by an earlier record", stream.PutInput[string]{PartitionKey: "k", Data: "d", SequenceNumberForOrdering: prior.SequenceNumber.String()}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := stored(t, s)
			_, err := s.Put(tt.in)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantErr(t, err, tt.want, tt.msg)
			if after := stored(t, s); after != before {
				t.Fatalf("a failed put changed the stream: %d records, then %d", before, after)
			}
		})
	}
}

func TestPutBatchValidation(t *testing.T) {
	ok := func(n int) []stream.PutEntry[string] {
		e := make([]stream.PutEntry[string], n)
		for i := range e {
			e[i] = stream.PutEntry[string]{PartitionKey: fmt.Sprint("k", i), Data: "d"}
		}
		return e
	}
	with := func(e []stream.PutEntry[string], i int, f func(*stream.PutEntry[string])) []stream.PutEntry[string] {
		f(&e[i])
		return e
	}
	nearMiB := strings.Repeat("x", 1<<20-10)
	big := func(n int) []stream.PutEntry[string] {
		e := ok(n)
		for i := range e {
			e[i].Data = nearMiB
		}
		return e
	}
	tests := []struct {
		name    string
		entries []stream.PutEntry[string]
		opts    []stream.Option
		want    error
		msg     string
	}{
		{"no records", nil, nil, stream.ErrValidation,
			"1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"501 records", ok(501), nil, stream.ErrValidation,
			"1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to 500"},
		{"500 records", ok(500), nil, nil, ""},
		{"third key empty", with(ok(5), 2, func(e *stream.PutEntry[string]) { e.PartitionKey = "" }), nil, stream.ErrValidation,
			"1 validation error detected: Value '' at 'records.3.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"second record too large", with(ok(3), 1, func(e *stream.PutEntry[string]) { e.Data = nearMiB + "0123456789" }), nil, stream.ErrValidation,
			"1 validation error detected: Value at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576"},
		{"bad hash key", with(ok(3), 0, func(e *stream.PutEntry[string]) { e.ExplicitHashKey = "x" }), nil, stream.ErrValidation,
			`1 validation error detected: Value 'x' at 'records.1.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,38})`},
		{"hash key out of range", with(ok(3), 1, func(e *stream.PutEntry[string]) { e.ExplicitHashKey = strings.Repeat("9", 39) }), nil, stream.ErrInvalidArgument,
			"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was " + strings.Repeat("9", 39)},
		{"10 MiB in all", big(10), nil, nil, ""},
		{"over 10 MiB", big(11), nil, stream.ErrInvalidArgument, "Records size exceeds 10 MB limit"},
		{"over the legacy 5 MiB", big(6), []stream.Option{stream.WithPutBatchLimits(500, stream.LegacyPutBatchBytes)}, stream.ErrInvalidArgument, "Records size exceeds 5 MB limit"},
		{"over a 3-record limit", ok(4), []stream.Option{stream.WithPutBatchLimits(3, stream.DefaultPutBatchBytes)}, stream.ErrValidation,
			"1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStream(t, 2, tt.opts...)
			out, err := s.PutBatch(tt.entries)
			if tt.want == nil {
				if err != nil || out.FailedRecordCount != 0 || len(out.Records) != len(tt.entries) {
					t.Fatalf("PutBatch = %d failed, %d results, %v", out.FailedRecordCount, len(out.Records), err)
				}
				return
			}
			wantErr(t, err, tt.want, tt.msg)
			if out.Records != nil || stored(t, s) != 0 {
				t.Fatalf("a failed batch stored records or returned results: %+v", out)
			}
		})
	}
}

// TestDataSizing checks how data of types other than string and []byte
// counts toward the record size: by its JSON encoding, or by a sizer.
func TestDataSizing(t *testing.T) {
	type position struct{ Lat, Lon float64 }
	s := mustNew[position](t, stream.Config{Name: "s", ShardCount: 1, MaxRecordSizeInKiB: 1024})
	if _, err := s.Put(stream.PutInput[position]{PartitionKey: "k", Data: position{1, 2}}); err != nil {
		t.Fatal(err)
	}
	huge := mustNew[[]float64](t, stream.Config{Name: "s", ShardCount: 1})
	_, err := huge.Put(stream.PutInput[[]float64]{PartitionKey: "k", Data: make([]float64, 600_000)}) // "0," each: 1.2 MB of JSON
	wantErr(t, err, stream.ErrValidation, "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576")

	unsized := mustNew[chan int](t, stream.Config{Name: "s", ShardCount: 1})
	_, err = unsized.Put(stream.PutInput[chan int]{PartitionKey: "k", Data: make(chan int)})
	wantErr(t, err, stream.ErrInvalidArgument, "The record data cannot be encoded as JSON to be sized: …")

	sized := mustNew[chan int](t, stream.Config{Name: "s", ShardCount: 1}, stream.WithSizer(func(chan int) int { return 1 << 20 }))
	_, err = sized.Put(stream.PutInput[chan int]{PartitionKey: "k", Data: make(chan int)})
	wantErr(t, err, stream.ErrValidation, "") // 1 MiB of data plus the key is over the limit

	if _, err := stream.New[string](stream.Config{Name: "s", ShardCount: 1}, stream.WithSizer(func(int) int { return 0 })); err == nil {
		t.Error("New accepted a sizer for another type")
	}
}

// TestAppendPutBatchErrorLeavesDst checks that AppendPutBatch returns dst
// unchanged on a batch error, whether the request is refused before the
// stream is looked at (a validation error) or after (a deleted stream):
// the same slice, and nothing written past its length.
func TestAppendPutBatchErrorLeavesDst(t *testing.T) {
	s, _ := newStream(t, 1)
	backing := make([]stream.PutBatchEntryResult, 4)
	backing[1] = stream.PutBatchEntryResult{ShardID: "untouched"}
	dst := backing[:1:4]
	dst[0] = stream.PutBatchEntryResult{ShardID: "mine"}
	check := func(name string, out stream.PutBatchResult) {
		t.Helper()
		if len(out.Records) != 1 || cap(out.Records) != 4 || &out.Records[0] != &backing[0] || out.FailedRecordCount != 0 {
			t.Fatalf("%s: Records %+v (len %d, cap %d), failed %d; want dst", name, out.Records, len(out.Records), cap(out.Records), out.FailedRecordCount)
		}
		if backing[0].ShardID != "mine" || backing[1].ShardID != "untouched" || backing[2] != (stream.PutBatchEntryResult{}) {
			t.Fatalf("%s: dst's array now holds %+v", name, backing)
		}
	}
	good := []stream.PutEntry[string]{{PartitionKey: "k", Data: "d"}}
	out, err := s.AppendPutBatch(dst, append(good, stream.PutEntry[string]{Data: "no key"}))
	wantErr(t, err, stream.ErrValidation, "")
	check("a validation error", out)
	out, err = s.AppendPutBatch(dst, []stream.PutEntry[string]{{PartitionKey: "k", Data: "d", ExplicitHashKey: strings.Repeat("9", 39)}})
	wantErr(t, err, stream.ErrInvalidArgument, "")
	check("a hash key out of range", out)
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	out, err = s.AppendPutBatch(dst, good)
	wantErr(t, err, stream.ErrResourceNotFound, "Stream s under account 000000000000 not found.")
	check("a deleted stream", out)
	// With no dst, no results.
	if out, err := s.AppendPutBatch(nil, good); err == nil || out.Records != nil {
		t.Fatalf("nil dst: %+v, %v", out, err)
	}
}
