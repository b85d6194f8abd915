package stream_test

import (
	"slices"
	"testing"
	"time"

	"github.com/switchyard/switchyard/stream"
)

func TestRetention(t *testing.T) {
	s, clk := newStream(t, 1)
	r0 := mustPut(t, s, "k", "r0")
	clk.Advance(time.Hour)
	mustPut(t, s, "k", "r1")
	it, _ := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	clk.Set(epoch.Add(24*time.Hour - 3*time.Minute))
	fresh, _ := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})

	clk.Set(epoch.Add(24*time.Hour - time.Millisecond))
	if got := data(readAll(t, s, shard0)); !slices.Equal(got, []string{"r0", "r1"}) {
		t.Fatalf("just under 24 hours: %q", got)
	}
	// At 24 hours r0 is past retention: no read finds it, whatever the position.
	clk.Set(epoch.Add(24 * time.Hour))
	if got := data(readAll(t, s, shard0)); !slices.Equal(got, []string{"r1"}) {
		t.Fatalf("at 24 hours: %q", got)
	}
	at := iterate(t, s, stream.StartingPosition{Type: stream.AtSequenceNumber, SequenceNumber: r0.SequenceNumber.String()})
	ts := iterate(t, s, stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: epoch})
	if !slices.Equal(at, []string{"r1"}) || !slices.Equal(ts, []string{"r1"}) {
		t.Fatalf("at r0's number read %q, at its time %q", at, ts)
	}
	// An iterator issued while r0 was there skips it once it is past retention.
	out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: fresh})
	if err != nil || !slices.Equal(data(out.Records), []string{"r1"}) {
		t.Fatalf("an iterator from before r0 expired read %q, %v", data(out.Records), err)
	}
	_, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	wantErr(t, err, stream.ErrExpiredIterator, "")
	// A longer retention does not bring r0 back.
	if err := s.IncreaseStreamRetentionPeriod(48); err != nil {
		t.Fatal(err)
	}
	if got := data(readAll(t, s, shard0)); !slices.Equal(got, []string{"r1"}) {
		t.Fatalf("after raising retention: %q", got)
	}
	clk.Advance(24 * time.Hour) // r1 is 47 hours old
	if got := data(readAll(t, s, shard0)); !slices.Equal(got, []string{"r1"}) {
		t.Fatalf("at 47 hours with 48 hours' retention: %q", got)
	}
	// A shorter one hides it at once.
	if err := s.DecreaseStreamRetentionPeriod(24); err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, s, shard0); len(got) != 0 {
		t.Fatalf("after lowering retention: %q", data(got))
	}
	d, _ := s.Describe()
	if d.RetentionPeriodHours != 24 {
		t.Errorf("retention %d hours", d.RetentionPeriodHours)
	}
}

func TestRetentionValidation(t *testing.T) {
	s, _ := newStream(t, 1)
	if err := s.IncreaseStreamRetentionPeriod(48); err != nil {
		t.Fatal(err)
	}
	// Each call is made in its subtest, in order, so that a failure names
	// the call that failed; none of them changes the period.
	tests := []struct {
		name string
		call func() error
		want error
		msg  string
	}{
		{"increase to 23", func() error { return s.IncreaseStreamRetentionPeriod(23) }, stream.ErrInvalidArgument,
			"Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short."},
		{"decrease to 8761", func() error { return s.DecreaseStreamRetentionPeriod(8761) }, stream.ErrInvalidArgument,
			"Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long."},
		{"increase to less", func() error { return s.IncreaseStreamRetentionPeriod(24) }, stream.ErrInvalidArgument,
			"Requested retention period (24 hours) for stream s can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API."},
		{"decrease to more", func() error { return s.DecreaseStreamRetentionPeriod(72) }, stream.ErrInvalidArgument,
			"Requested retention period (72 hours) for stream s can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantErr(t, tt.call(), tt.want, tt.msg)
			if d, err := s.Describe(); err != nil || d.RetentionPeriodHours != 48 {
				t.Fatalf("after the failed call: %d hours, %v", d.RetentionPeriodHours, err)
			}
		})
	}
	for _, h := range []int{48, 8760} {
		if err := s.IncreaseStreamRetentionPeriod(h); err != nil {
			t.Errorf("increase to %d: %v", h, err)
		}
	}
	if err := s.DecreaseStreamRetentionPeriod(24); err != nil {
		t.Error(err)
	}
}

// TestClosedShardExpiresOnRetentionDecrease checks that lowering the
// retention period retires at once a closed shard that closed longer ago
// than the new period, and leaves one that closed more recently.
func TestClosedShardExpiresOnRetentionDecrease(t *testing.T) {
	s, clk := newStream(t, 1)
	if err := s.IncreaseStreamRetentionPeriod(72); err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, "k", "old")
	clk.Advance(time.Hour)
	if err := s.SplitShard(shard0, "1000"); err != nil { // shard 0 closes; 1 and 2 open
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	if err := s.SplitShard("shardId-000000000001", "500"); err != nil { // shard 1 closes at 2 h
		t.Fatal(err)
	}
	clk.Advance(24*time.Hour + 30*time.Minute) // shard 0 closed 25.5 h ago, shard 1 24.5 h ago
	it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(mustList(t, s)); !slices.Equal(got, []string{"0", "1", "2", "3", "4"}) {
		t.Fatalf("with 72 hours' retention: %v", got)
	}
	if err := s.DecreaseStreamRetentionPeriod(25); err != nil {
		t.Fatal(err)
	}
	// Shard 0 closed more than 25 hours ago: gone, as are its records.
	if got := ids(mustList(t, s)); !slices.Equal(got, []string{"1", "2", "3", "4"}) {
		t.Fatalf("with 25 hours' retention: %v", got)
	}
	notFound := "Shard shardId-000000000000 in stream s under account 000000000000 does not exist"
	_, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	wantErr(t, err, stream.ErrResourceNotFound, notFound)
	_, err = s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	wantErr(t, err, stream.ErrResourceNotFound, notFound)
	if err := s.DecreaseStreamRetentionPeriod(24); err != nil {
		t.Fatal(err)
	}
	if got := ids(mustList(t, s)); !slices.Equal(got, []string{"2", "3", "4"}) {
		t.Fatalf("with 24 hours' retention: %v", got)
	}
	// A longer period does not bring them back.
	if err := s.IncreaseStreamRetentionPeriod(48); err != nil {
		t.Fatal(err)
	}
	if got := ids(mustList(t, s)); !slices.Equal(got, []string{"2", "3", "4"}) {
		t.Fatalf("raised again to 48 hours: %v", got)
	}
}

// mustList lists every shard of s.
func mustList(t testing.TB, s *stream.Stream[string]) []stream.Shard {
	t.Helper()
	out, err := s.ListShards(stream.ListShardsInput{})
	if err != nil {
		t.Fatal(err)
	}
	return out.Shards
}

// TestClosedShardExpires checks that a closed parent stays readable until
// its records are past retention, and then is gone.
func TestClosedShardExpires(t *testing.T) {
	s, clk := newStream(t, 1)
	mustPut(t, s, "k", "old")
	clk.Advance(time.Hour)
	if err := s.SplitShard(shard0, "1000"); err != nil {
		t.Fatal(err)
	}
	clk.Advance(23 * time.Hour) // the record is past retention; the shard closed 23 hours ago
	if _, ok := shardsByID(t, s)[shard0]; !ok {
		t.Fatal("the parent left ListShards before retention passed its closing")
	}
	if got := readAll(t, s, shard0); len(got) != 0 {
		t.Fatalf("read %q from the parent", data(got))
	}
	clk.Advance(time.Hour)
	if _, ok := shardsByID(t, s)[shard0]; ok {
		t.Fatal("the expired parent is still listed")
	}
	_, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	wantErr(t, err, stream.ErrResourceNotFound, "Shard shardId-000000000000 in stream s under account 000000000000 does not exist")
	// The children name it still, as on AWS.
	if c := shardsByID(t, s)["shardId-000000000001"]; c.ParentShardID != shard0 {
		t.Fatalf("child %+v", c)
	}
}

// TestWriteOnlyStreamFreesExpired checks that records past retention are
// freed even if nothing reads the stream, as writes go on.
func TestWriteOnlyStreamFreesExpired(t *testing.T) {
	s, clk := newStream(t, 1)
	batch := make([]stream.PutEntry[string], 500)
	for i := range batch {
		batch[i] = stream.PutEntry[string]{PartitionKey: "k", Data: "x"}
	}
	for range 10 {
		if _, err := s.PutBatch(batch); err != nil {
			t.Fatal(err)
		}
	}
	clk.Advance(25 * time.Hour)
	for range 10 {
		if _, err := s.PutBatch(batch); err != nil {
			t.Fatal(err)
		}
	}
	// 10,000 records fill 10 chunks of 1,024; the 5,000 live ones need 5,
	// plus the one they start in.
	if got := stream.StoredChunks(s, shard0); got > 6 {
		t.Fatalf("%d chunks hold 5,000 live records", got)
	}
}
