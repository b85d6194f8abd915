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

const shard0 = "shardId-000000000000"

// getAll reads a shard through GetShardIterator and GetRecords from the
// given position until caught up, and returns the data read.
func getAll(t testing.TB, s *stream.Stream[string], in stream.GetShardIteratorInput) []string {
	t.Helper()
	it, err := s.GetShardIterator(in)
	if err != nil {
		t.Fatalf("GetShardIterator(%+v): %v", in, err)
	}
	var got []string
	for it != "" {
		out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it, Limit: 2})
		if err != nil {
			t.Fatalf("GetRecords: %v", err)
		}
		if out.Records == nil {
			t.Fatal("GetRecords returned nil Records")
		}
		got = append(got, data(out.Records)...)
		if len(out.Records) == 0 {
			break
		}
		it = out.NextShardIterator
	}
	return got
}

// iterate reads a shard through Records from the given position.
func iterate(t testing.TB, s *stream.Stream[string], p stream.StartingPosition) []string {
	t.Helper()
	var got []string
	for r, err := range s.Records(shard0, p) {
		if err != nil {
			t.Fatalf("Records(%+v): %v", p, err)
		}
		got = append(got, r.Data)
	}
	return got
}

func TestIteratorTypes(t *testing.T) {
	s, clk := newStream(t, 1)
	t0 := clk.Now()
	r0 := mustPut(t, s, "k", "r0")
	clk.Advance(time.Second)
	t1 := clk.Now()
	r1 := mustPut(t, s, "k", "r1")
	mustPut(t, s, "k", "r2")
	clk.Advance(1500 * time.Millisecond)
	t2 := clk.Now()
	mustPut(t, s, "k", "r3")
	ls, _ := s.ListShards(stream.ListShardsInput{})
	start := ls.Shards[0].SequenceNumberRange.StartingSequenceNumber.String()

	tests := []struct {
		name string
		p    stream.StartingPosition
		want []string
	}{
		{"trim horizon", stream.StartingPosition{Type: stream.TrimHorizon}, []string{"r0", "r1", "r2", "r3"}},
		{"latest", stream.StartingPosition{Type: stream.Latest}, nil},
		{"at r1", stream.StartingPosition{Type: stream.AtSequenceNumber, SequenceNumber: r1.SequenceNumber.String()}, []string{"r1", "r2", "r3"}},
		{"after r1", stream.StartingPosition{Type: stream.AfterSequenceNumber, SequenceNumber: r1.SequenceNumber.String()}, []string{"r2", "r3"}},
		{"at r0", stream.StartingPosition{Type: stream.AtSequenceNumber, SequenceNumber: r0.SequenceNumber.String()}, []string{"r0", "r1", "r2", "r3"}},
		{"at the starting number", stream.StartingPosition{Type: stream.AtSequenceNumber, SequenceNumber: start}, []string{"r0", "r1", "r2", "r3"}},
		{"after the starting number", stream.StartingPosition{Type: stream.AfterSequenceNumber, SequenceNumber: start}, []string{"r0", "r1", "r2", "r3"}},
		{"at t1", stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: t1}, []string{"r1", "r2", "r3"}},
		{"at t1 plus 1 ms", stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: t1.Add(time.Millisecond)}, []string{"r3"}},
		{"at t2, now", stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: t2}, []string{"r3"}},
		{"before the stream", stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: t0.Add(-time.Hour)}, []string{"r0", "r1", "r2", "r3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			viaRecords := iterate(t, s, tt.p)
			viaGet := getAll(t, s, stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: tt.p.Type,
				StartingSequenceNumber: tt.p.SequenceNumber, Timestamp: tt.p.Timestamp})
			if !slices.Equal(viaRecords, tt.want) || !slices.Equal(viaGet, tt.want) {
				t.Errorf("Records read %q, GetRecords %q, want %q", viaRecords, viaGet, tt.want)
			}
		})
	}

	// LATEST is the position at the call: records put after it are read.
	it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.Latest})
	if err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, "k", "r4")
	out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	if err != nil || !slices.Equal(data(out.Records), []string{"r4"}) {
		t.Fatalf("after LATEST read %q, %v", data(out.Records), err)
	}
}

func TestIteratorErrors(t *testing.T) {
	clk := clock.NewManual(epoch)
	s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 2}, stream.WithClock(clk))
	var seq0, seq1 string
	for i := 0; seq0 == "" || seq1 == ""; i++ {
		r := mustPut(t, s, fmt.Sprint("k", i), "v")
		if r.ShardID == shard0 {
			seq0 = r.SequenceNumber.String()
		} else {
			seq1 = r.SequenceNumber.String()
		}
	}
	clk.Advance(2 * time.Second)
	other := mustNew[string](t, stream.Config{Name: "other", ShardCount: 1}, stream.WithClock(clk))
	foreign := mustPut(t, other, "k", "v").SequenceNumber.String()
	clk.Advance(time.Minute)
	future := clk.Now().Add(time.Millisecond)
	mustEither := "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. "
	where := " used in GetShardIterator on shard shardId-000000000000 in stream s under account 000000000000 is invalid"

	tests := []struct {
		name string
		in   stream.GetShardIteratorInput
		want error
		msg  string
	}{
		{"trim horizon with a number", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon, StartingSequenceNumber: seq0},
			stream.ErrInvalidArgument, mustEither + "Request specified TRIM_HORIZON and also a StartingSequenceNumber."},
		{"latest with a number", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.Latest, StartingSequenceNumber: seq0},
			stream.ErrInvalidArgument, mustEither + "Request specified LATEST and also a StartingSequenceNumber."},
		{"at without a number", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.AtSequenceNumber},
			stream.ErrInvalidArgument, mustEither + "Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber."},
		{"after without a number", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.AfterSequenceNumber},
			stream.ErrInvalidArgument, mustEither + "Request specified AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber."},
		{"at timestamp without one", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.AtTimestamp},
			stream.ErrInvalidArgument, "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter."},
		{"at timestamp in the future", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.AtTimestamp, Timestamp: future},
			stream.ErrInvalidArgument, fmt.Sprintf("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: %d, currentTimestampInMillis: %d",
				future.UnixMilli(), clk.Now().UnixMilli())},
		{"unknown type", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: "FIRST"},
			stream.ErrValidation, "1 validation error detected: Value 'FIRST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]"},
		{"number not decimal", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.AtSequenceNumber, StartingSequenceNumber: "1e9"},
			stream.ErrValidation, `1 validation error detected: Value '1e9' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,128})`},
		{"number never issued", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.AtSequenceNumber, StartingSequenceNumber: "123"},
			stream.ErrInvalidArgument, "StartingSequenceNumber 123" + where + "."},
		{"number of another shard", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.AfterSequenceNumber, StartingSequenceNumber: seq1},
			stream.ErrInvalidArgument, "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000"},
		{"number of another stream", stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.AtSequenceNumber, StartingSequenceNumber: foreign},
			stream.ErrInvalidArgument, "StartingSequenceNumber " + foreign + where + " because it did not come from this stream."},
		{"no such shard", stream.GetShardIteratorInput{ShardID: "shardId-000000000009", ShardIteratorType: stream.Latest},
			stream.ErrResourceNotFound, "Shard shardId-000000000009 in stream s under account 000000000000 does not exist"},
		{"no such shard, short id", stream.GetShardIteratorInput{ShardID: "shardId-9", ShardIteratorType: stream.Latest},
			stream.ErrResourceNotFound, "Shard shardId-000000000009 in stream s under account 000000000000 does not exist"},
		{"not a shard id", stream.GetShardIteratorInput{ShardID: "bogus", ShardIteratorType: stream.Latest},
			stream.ErrResourceNotFound, "Could not find shard bogus in stream s under account 000000000000."},
		{"empty shard id", stream.GetShardIteratorInput{ShardIteratorType: stream.Latest},
			stream.ErrValidation, "2 validation errors detected: Value '' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, err := s.GetShardIterator(tt.in)
			if it != "" {
				t.Errorf("an iterator with the error: %q", it)
			}
			wantErr(t, err, tt.want, tt.msg)
			// Records checks the same way.
			p := stream.StartingPosition{Type: tt.in.ShardIteratorType, SequenceNumber: tt.in.StartingSequenceNumber, Timestamp: tt.in.Timestamp}
			n := 0
			for _, err := range s.Records(tt.in.ShardID, p) {
				n++
				wantErr(t, err, tt.want, tt.msg)
			}
			if n != 1 {
				t.Errorf("Records yielded %d times, want the error once", n)
			}
		})
	}
	// The short id works where the shard exists.
	if _, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: "shardId-1", ShardIteratorType: stream.Latest}); err != nil {
		t.Errorf("shardId-1: %v", err)
	}
}

func TestGetRecordsErrors(t *testing.T) {
	s, _ := newStream(t, 1)
	other, _ := newStream(t, 1)
	it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	foreign, _ := other.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	tampered := []byte(it)
	tampered[30] ^= 1
	long := strings.Repeat("A", 513)
	tests := []struct {
		name string
		in   stream.GetRecordsInput
		want error
		msg  string
	}{
		{"empty iterator", stream.GetRecordsInput{}, stream.ErrValidation,
			"1 validation error detected: Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"long iterator and limit", stream.GetRecordsInput{ShardIterator: long, Limit: 10001}, stream.ErrValidation,
			"2 validation errors detected: Value '" + long + "' at 'shardIterator' failed to satisfy constraint: Member must have length less than or equal to 512; " +
				"Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"negative limit", stream.GetRecordsInput{ShardIterator: it, Limit: -1}, stream.ErrValidation,
			"1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"not an iterator", stream.GetRecordsInput{ShardIterator: "AAAA"}, stream.ErrInvalidArgument, "Invalid ShardIterator."},
		{"another stream's", stream.GetRecordsInput{ShardIterator: foreign}, stream.ErrInvalidArgument, "Invalid ShardIterator."},
		{"tampered", stream.GetRecordsInput{ShardIterator: string(tampered)}, stream.ErrInvalidArgument, "Invalid ShardIterator."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.GetRecords(tt.in)
			wantErr(t, err, tt.want, tt.msg)
		})
	}
}

func TestIteratorExpiry(t *testing.T) {
	s, clk := newStream(t, 1)
	it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	// A polling loop never expires: each read returns a fresh iterator.
	next := it
	for i := range 10 {
		clk.Advance(4 * time.Minute)
		mustPut(t, s, "k", fmt.Sprint(i))
		out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: next})
		if err != nil || len(out.Records) != 1 || out.NextShardIterator == next {
			t.Fatalf("poll %d: %d records, %v", i, len(out.Records), err)
		}
		next = out.NextShardIterator
	}
	// An iterator is good for exactly 5 minutes.
	clk.Set(epoch)
	fresh, _ := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	clk.Set(epoch.Add(5 * time.Minute))
	if _, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: fresh}); err != nil {
		t.Fatalf("at 5 minutes: %v", err)
	}
	clk.Set(epoch.Add(5*time.Minute + time.Millisecond))
	_, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: fresh})
	wantErr(t, err, stream.ErrExpiredIterator, "Iterator expired. The iterator was created at time Thu Jan 02 03:04:05 UTC 2025 "+
		"while right now it is Thu Jan 02 03:09:05 UTC 2025 which is further in the future than the tolerated delay of 300000 milliseconds.")
}

func TestGetRecordsLimits(t *testing.T) {
	s, clk := newStream(t, 1)
	for i := range 5 {
		mustPut(t, s, "k", fmt.Sprint(i))
		clk.Advance(time.Second)
	}
	it, _ := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it, Limit: 3})
	if err != nil || !slices.Equal(data(out.Records), []string{"0", "1", "2"}) {
		t.Fatalf("Limit 3 read %q, %v", data(out.Records), err)
	}
	// Record 3 arrived 2 s before now and is not read yet.
	if out.MillisBehindLatest != 2000 || out.NextShardIterator == "" || out.ChildShards != nil {
		t.Fatalf("MillisBehindLatest %d, next %q, children %v", out.MillisBehindLatest, out.NextShardIterator, out.ChildShards)
	}
	out, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: out.NextShardIterator})
	if err != nil || !slices.Equal(data(out.Records), []string{"3", "4"}) || out.MillisBehindLatest != 0 {
		t.Fatalf("the rest: %q, behind %d, %v", data(out.Records), out.MillisBehindLatest, err)
	}
	// Caught up: no records, an empty (not nil) list, and a new iterator.
	empty, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: out.NextShardIterator})
	if err != nil || empty.Records == nil || len(empty.Records) != 0 || empty.NextShardIterator == "" {
		t.Fatalf("caught up: %+v, %v", empty, err)
	}

	// The default limit is 10,000 records.
	many, _ := newStream(t, 1)
	batch := make([]stream.PutEntry[string], 500)
	for i := range batch {
		batch[i] = stream.PutEntry[string]{PartitionKey: "k", Data: "d"}
	}
	for range 21 {
		if _, err := many.PutBatch(batch); err != nil {
			t.Fatal(err)
		}
	}
	it, _ = many.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	out, err = many.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	if err != nil || len(out.Records) != 10000 {
		t.Fatalf("default limit read %d, %v", len(out.Records), err)
	}
	out, _ = many.GetRecords(stream.GetRecordsInput{ShardIterator: out.NextShardIterator})
	if len(out.Records) != 500 {
		t.Fatalf("second read %d", len(out.Records))
	}

	// At most 10 MiB per call, counting partition keys: ten records of
	// exactly 1 MiB fit, the eleventh waits.
	big := mustNew[string](t, stream.Config{Name: "big", ShardCount: 1})
	mib := strings.Repeat("x", 1<<20-1)
	for range 12 {
		if _, err := big.Put(stream.PutInput[string]{PartitionKey: "k", Data: mib}); err != nil {
			t.Fatal(err)
		}
	}
	it, _ = big.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	out, _ = big.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	if len(out.Records) != 10 {
		t.Fatalf("10 MiB read returned %d records of 1 MiB", len(out.Records))
	}
	// A record of 10 MiB comes alone.
	huge := mustNew[string](t, stream.Config{Name: "huge", ShardCount: 1, MaxRecordSizeInKiB: 10240})
	for range 2 {
		if _, err := huge.Put(stream.PutInput[string]{PartitionKey: "k", Data: strings.Repeat("y", 10<<20-1)}); err != nil {
			t.Fatal(err)
		}
	}
	it, _ = huge.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	if out, _ = huge.GetRecords(stream.GetRecordsInput{ShardIterator: it}); len(out.Records) != 1 {
		t.Fatalf("a 10 MiB read returned %d records of 10 MiB", len(out.Records))
	}
}

func TestRecordFields(t *testing.T) {
	s, clk := newStream(t, 1)
	clk.Advance(1234 * time.Microsecond) // arrival times are kept to the millisecond
	r := mustPut(t, s, "truck-7", "52.37,4.89")
	recs := readAll(t, s, shard0)
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	got := recs[0]
	if got.SequenceNumber != r.SequenceNumber || got.PartitionKey != "truck-7" || got.Data != "52.37,4.89" ||
		!got.ApproximateArrivalTimestamp.Equal(epoch.Add(time.Millisecond)) {
		t.Errorf("read %+v", got)
	}
	// Arrival times never go back within a shard, even with the clock.
	clk.Set(epoch.Add(-time.Hour))
	mustPut(t, s, "truck-7", "later")
	recs = readAll(t, s, shard0)
	if recs[1].ApproximateArrivalTimestamp.Before(recs[0].ApproximateArrivalTimestamp) || recs[1].SequenceNumber.Compare(recs[0].SequenceNumber) <= 0 {
		t.Errorf("a put after the clock went back: %+v after %+v", recs[1], recs[0])
	}
}
