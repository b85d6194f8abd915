package stream_test

// Shared test helpers for the stream package's black-box tests.

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stream"
)

// epoch is the fixed time every test clock starts at.
var epoch = time.Date(2025, time.January, 2, 3, 4, 5, 0, time.UTC)

// mustNew makes a stream and fails the test if New fails.
func mustNew[T any](t testing.TB, cfg stream.Config, opts ...stream.Option) *stream.Stream[T] {
	t.Helper()
	s, err := stream.New[T](cfg, opts...)
	if err != nil {
		t.Fatalf("stream.New(%+v): %v", cfg, err)
	}
	return s
}

// newStream makes a stream of string data named "s" with the given shard
// count on a fresh manual clock showing epoch.
func newStream(t testing.TB, shards int, opts ...stream.Option) (*stream.Stream[string], *clock.Manual) {
	t.Helper()
	clk := clock.NewManual(epoch)
	opts = append(append([]stream.Option(nil), opts...), stream.WithClock(clk))
	return mustNew[string](t, stream.Config{Name: "s", ShardCount: shards}, opts...), clk
}

// mustPut puts one record and fails the test on error.
func mustPut(t testing.TB, s *stream.Stream[string], key, data string) stream.PutResult {
	t.Helper()
	r, err := s.Put(stream.PutInput[string]{PartitionKey: key, Data: data})
	if err != nil {
		t.Fatalf("Put(%q, %q): %v", key, data, err)
	}
	return r
}

// shardName returns the id of shard i.
func shardName(i int) string { return fmt.Sprintf("shardId-%012d", i) }

// readAll reads every record of a shard from the trim horizon.
func readAll[T any](t testing.TB, s *stream.Stream[T], shardID string) []stream.Record[T] {
	t.Helper()
	var out []stream.Record[T]
	for r, err := range s.Records(shardID, stream.StartingPosition{Type: stream.TrimHorizon}) {
		if err != nil {
			t.Fatalf("Records(%s): %v", shardID, err)
		}
		out = append(out, r)
	}
	return out
}

// data returns the data of records.
func data(recs []stream.Record[string]) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Data
	}
	return out
}

// wantErr fails the test unless err matches sentinel and, when msg is not
// empty, its message is exactly msg (or, when msg ends in "…", starts with
// the rest).
func wantErr(t testing.TB, err, sentinel error, msg string) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("error %v, want %v", err, sentinel)
	}
	if msg == "" {
		return
	}
	var e *stream.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *stream.Error", err)
	}
	if prefix, ok := strings.CutSuffix(msg, "…"); ok {
		if !strings.HasPrefix(e.Message, prefix) {
			t.Fatalf("message %q, want it to start %q", e.Message, prefix)
		}
		return
	}
	if e.Message != msg {
		t.Fatalf("message\n  %q\nwant\n  %q", e.Message, msg)
	}
}
