package stream_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/stream"
)

// reshardedStream makes a stream whose shards have a history: shards 0 and
// 1 at epoch; 0 split into 2 and 3 an hour later; 3 and 1 merged into 4 an
// hour after that.
func reshardedStream(t *testing.T) (*stream.Stream[string], interface{ Advance(time.Duration) }) {
	s, clk := newStream(t, 2)
	clk.Advance(time.Hour)
	if err := s.SplitShard(shard0, "100000000000000000000000000000000000000"); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	if err := s.MergeShards("shardId-000000000003", "shardId-000000000001"); err != nil {
		t.Fatal(err)
	}
	return s, clk
}

func ids(shards []stream.Shard) []string {
	var out []string
	for _, sh := range shards {
		out = append(out, sh.ShardID[len(sh.ShardID)-1:])
	}
	return out
}

func TestListShardsFilters(t *testing.T) {
	s, clk := reshardedStream(t)
	at := func(d time.Duration) time.Time { return epoch.Add(d) }
	tests := []struct {
		name string
		in   stream.ListShardsInput
		want []string
	}{
		{"everything", stream.ListShardsInput{}, []string{"0", "1", "2", "3", "4"}},
		{"from trim horizon", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterFromTrimHorizon}}, []string{"0", "1", "2", "3", "4"}},
		{"at latest", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtLatest}}, []string{"2", "4"}},
		{"at trim horizon", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtTrimHorizon}}, []string{"0", "1"}},
		{"at 90 minutes", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtTimestamp, Timestamp: at(90 * time.Minute)}}, []string{"1", "2", "3"}},
		{"at a time before the stream", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtTimestamp, Timestamp: at(-time.Hour)}}, []string{"0", "1"}},
		{"from 90 minutes", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterFromTimestamp, Timestamp: at(90 * time.Minute)}}, []string{"1", "2", "3", "4"}},
		{"after shard 2", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAfterShardID, ShardID: "shardId-000000000002"}}, []string{"3", "4"}},
		{"exclusive start 1", stream.ListShardsInput{ExclusiveStartShardID: "shardId-000000000001"}, []string{"2", "3", "4"}},
		{"exclusive start and latest", stream.ListShardsInput{ExclusiveStartShardID: "shardId-000000000002", ShardFilter: &stream.ShardFilter{Type: stream.FilterAtLatest}}, []string{"4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := s.ListShards(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(out.Shards); !slices.Equal(got, tt.want) || out.NextToken != "" {
				t.Errorf("listed %v (next %q), want %v", got, out.NextToken, tt.want)
			}
		})
	}
	// A day on (less a millisecond), shard 0 (closed at 1 h) has expired,
	// shards 1 and 3 (closed at 2 h) have not, and the trim horizon is just
	// before 2 h, when 4 did not exist yet.
	clk.Advance(24*time.Hour - time.Millisecond)
	for _, c := range []struct {
		filter *stream.ShardFilter
		want   []string
	}{
		{nil, []string{"1", "2", "3", "4"}},
		{&stream.ShardFilter{Type: stream.FilterAtTrimHorizon}, []string{"1", "2", "3"}},
		{&stream.ShardFilter{Type: stream.FilterFromTimestamp, Timestamp: epoch}, []string{"1", "2", "3", "4"}},
	} {
		out, err := s.ListShards(stream.ListShardsInput{ShardFilter: c.filter})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(out.Shards); !slices.Equal(got, c.want) {
			t.Errorf("a day on, %+v listed %v, want %v", c.filter, got, c.want)
		}
	}
}

func TestListShardsPages(t *testing.T) {
	s, clk := reshardedStream(t)
	var got [][]string
	in := stream.ListShardsInput{MaxResults: 2}
	for {
		out, err := s.ListShards(in)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ids(out.Shards))
		if out.NextToken == "" {
			break
		}
		in = stream.ListShardsInput{NextToken: out.NextToken, MaxResults: 2}
	}
	if len(got) != 3 || !slices.Equal(got[0], []string{"0", "1"}) || !slices.Equal(got[1], []string{"2", "3"}) || !slices.Equal(got[2], []string{"4"}) {
		t.Fatalf("pages %v", got)
	}
	// The filter goes on in the token.
	out, _ := s.ListShards(stream.ListShardsInput{MaxResults: 1, ShardFilter: &stream.ShardFilter{Type: stream.FilterAtLatest}})
	next, err := s.ListShards(stream.ListShardsInput{NextToken: out.NextToken})
	if err != nil || !slices.Equal(ids(out.Shards), []string{"2"}) || !slices.Equal(ids(next.Shards), []string{"4"}) || next.NextToken != "" {
		t.Fatalf("filtered pages %v then %v (%v)", ids(out.Shards), ids(next.Shards), err)
	}

	other, _ := newStream(t, 3)
	foreign, _ := other.ListShards(stream.ListShardsInput{MaxResults: 1})
	tests := []struct {
		name string
		in   stream.ListShardsInput
		want error
		msg  string
	}{
		{"negative page", stream.ListShardsInput{MaxResults: -1}, stream.ErrValidation,
			"1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"page too large", stream.ListShardsInput{MaxResults: 10001}, stream.ErrValidation,
			"1 validation error detected: Value '10001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"unknown filter", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: "ALL"}}, stream.ErrValidation,
			"1 validation error detected: Value 'ALL' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]"},
		{"after no shard", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAfterShardID}}, stream.ErrInvalidArgument,
			"ShardId must be supplied in a ShardFilter with a Type of AFTER_SHARD_ID"},
		{"at no time", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtTimestamp}}, stream.ErrInvalidArgument,
			"Timestamp must be supplied in a ShardFilter with a Type of AT_TIMESTAMP"},
		{"from no time", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterFromTimestamp}}, stream.ErrInvalidArgument,
			"Timestamp must be supplied in a ShardFilter with a Type of FROM_TIMESTAMP"},
		{"token and start", stream.ListShardsInput{NextToken: out.NextToken, ExclusiveStartShardID: shard0}, stream.ErrInvalidArgument,
			"NextToken cannot be combined with ExclusiveStartShardId or ShardFilter."},
		{"token and filter", stream.ListShardsInput{NextToken: out.NextToken, ShardFilter: &stream.ShardFilter{Type: stream.FilterAtLatest}}, stream.ErrInvalidArgument,
			"NextToken cannot be combined with ExclusiveStartShardId or ShardFilter."},
		{"not a token", stream.ListShardsInput{NextToken: "next"}, stream.ErrInvalidArgument, "Invalid NextToken."},
		{"another stream's token", stream.ListShardsInput{NextToken: foreign.NextToken}, stream.ErrInvalidArgument, "Invalid NextToken."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ListShards(tt.in)
			wantErr(t, err, tt.want, tt.msg)
		})
	}
	clk.Advance(5*time.Minute + time.Millisecond)
	_, err = s.ListShards(stream.ListShardsInput{NextToken: out.NextToken})
	wantErr(t, err, stream.ErrExpiredNextToken, "The NextToken has expired: it was issued more than 300 seconds ago.")
}

// TestListShardsAfterAnyShardID checks how ListShards reads the shard id it
// lists after: an index beyond every shard's (even beyond 2^32, which
// used to list from the first shard) lists nothing; an id that breaks the
// model fails with its ValidationException; an id the model allows but
// that names no index fails with InvalidArgumentException.
func TestListShardsAfterAnyShardID(t *testing.T) {
	s, _ := reshardedStream(t)
	for _, id := range []string{"shardId-000000000005", "shardId-999999999999", "shardId-4294967296", "99999999999999999999999", "shardId-" + strings.Repeat("9", 120)} {
		for _, in := range []stream.ListShardsInput{
			{ExclusiveStartShardID: id},
			{ShardFilter: &stream.ShardFilter{Type: stream.FilterAfterShardID, ShardID: id}},
			{ExclusiveStartShardID: shard0, ShardFilter: &stream.ShardFilter{Type: stream.FilterAfterShardID, ShardID: id}},
		} {
			out, err := s.ListShards(in)
			if err != nil || len(out.Shards) != 0 || out.NextToken != "" {
				t.Errorf("after %s: listed %v (next %q), %v", id, ids(out.Shards), out.NextToken, err)
			}
		}
	}
	// The short forms name shards too.
	for _, id := range []string{"shardId-3", "3", "shardId-0000000000003"} {
		out, err := s.ListShards(stream.ListShardsInput{ExclusiveStartShardID: id})
		if err != nil || !slices.Equal(ids(out.Shards), []string{"4"}) {
			t.Errorf("after %s: listed %v, %v", id, ids(out.Shards), err)
		}
	}
	long := "shardId-" + strings.Repeat("0", 121)
	tests := []struct {
		name string
		in   stream.ListShardsInput
		want error
		msg  string
	}{
		{"start not of the pattern", stream.ListShardsInput{ExclusiveStartShardID: "shardId/1"}, stream.ErrValidation,
			"1 validation error detected: Value 'shardId/1' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"start too long", stream.ListShardsInput{ExclusiveStartShardID: long}, stream.ErrValidation,
			"1 validation error detected: Value '" + long + "' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"filter's not of the pattern", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAfterShardID, ShardID: "shard 1"}}, stream.ErrValidation,
			"1 validation error detected: Value 'shard 1' at 'shardFilter.shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"both not of the pattern", stream.ListShardsInput{ExclusiveStartShardID: "a b", MaxResults: -1, ShardFilter: &stream.ShardFilter{Type: stream.FilterAfterShardID, ShardID: "c:d"}}, stream.ErrValidation,
			"3 validation errors detected: Value 'a b' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value 'c:d' at 'shardFilter.shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"start names no index", stream.ListShardsInput{ExclusiveStartShardID: "shard-1"}, stream.ErrInvalidArgument,
			"ExclusiveStartShardId shard-1 used in ListShards on stream s under account 000000000000 is invalid: it names no shard."},
		{"start has no digits", stream.ListShardsInput{ExclusiveStartShardID: "shardId-"}, stream.ErrInvalidArgument,
			"ExclusiveStartShardId shardId- used in ListShards on stream s under account 000000000000 is invalid: it names no shard."},
		{"filter's names no index", stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAfterShardID, ShardID: "shardId-1a"}}, stream.ErrInvalidArgument,
			"ShardFilter.ShardId shardId-1a used in ListShards on stream s under account 000000000000 is invalid: it names no shard."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := s.ListShards(tt.in)
			wantErr(t, err, tt.want, tt.msg)
			if out.Shards != nil {
				t.Errorf("listed %v with the error", ids(out.Shards))
			}
		})
	}
}

// TestListShardsFarTimestamps checks timestamp filters with times outside
// the years 1678–2262, where UnixNano (which the filters used) overflows:
// 2300 read as 1715, and 1600 as 2184.
func TestListShardsFarTimestamps(t *testing.T) {
	s, _ := reshardedStream(t)
	year := func(y int) time.Time { return time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		typ  stream.ShardFilterType
		at   time.Time
		want []string
	}{
		{stream.FilterAtTimestamp, year(2300), []string{"2", "4"}},
		{stream.FilterFromTimestamp, year(2300), []string{"2", "4"}},
		{stream.FilterAtTimestamp, year(9999), []string{"2", "4"}},
		{stream.FilterAtTimestamp, year(1600), []string{"0", "1"}},
		{stream.FilterFromTimestamp, year(1600), []string{"0", "1", "2", "3", "4"}},
		{stream.FilterAtTimestamp, year(100), []string{"0", "1"}},
	} {
		out, err := s.ListShards(stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: c.typ, Timestamp: c.at}})
		if err != nil || !slices.Equal(ids(out.Shards), c.want) {
			t.Errorf("%s %d: listed %v, %v; want %v", c.typ, c.at.Year(), ids(out.Shards), err, c.want)
		}
		// The time goes on in a NextToken.
		first, err := s.ListShards(stream.ListShardsInput{MaxResults: 1, ShardFilter: &stream.ShardFilter{Type: c.typ, Timestamp: c.at}})
		if err != nil {
			t.Fatal(err)
		}
		got := ids(first.Shards)
		for in := (stream.ListShardsInput{NextToken: first.NextToken, MaxResults: 1}); in.NextToken != ""; {
			page, err := s.ListShards(in)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, ids(page.Shards)...)
			in.NextToken = page.NextToken
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %d page by page: listed %v; want %v", c.typ, c.at.Year(), got, c.want)
		}
	}
}
