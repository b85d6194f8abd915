package stream_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stream"
)

// follower ranges over Follow in a goroutine and reports what it sees.
type follower struct {
	got  chan string
	err  chan error // the error Follow ended with, or nil
	done chan struct{}
}

func follow(ctx context.Context, s *stream.Stream[string], shardID string, from stream.StartingPosition) *follower {
	f := &follower{got: make(chan string, 100), err: make(chan error, 1), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		for r, err := range s.Follow(ctx, shardID, from) {
			if err != nil {
				f.err <- err
				return
			}
			f.got <- r.Data
		}
		f.err <- nil
	}()
	return f
}

func (f *follower) drain() []string {
	var out []string
	for {
		select {
		case d := <-f.got:
			out = append(out, d)
		default:
			return out
		}
	}
}

// The tests run in synctest bubbles: synctest.Wait returns once the
// follower is blocked, and a bubble fails if a goroutine outlives it.

func TestFollowWakesOnPut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1})
		mustPut(t, s, "k", "before")
		ctx, cancel := context.WithCancel(t.Context())
		f := follow(ctx, s, shard0, stream.StartingPosition{Type: stream.TrimHorizon})
		synctest.Wait()
		if got := f.drain(); !slices.Equal(got, []string{"before"}) || !stream.Waiting(s, shard0) {
			t.Fatalf("before any put: read %q, waiting %v", got, stream.Waiting(s, shard0))
		}
		for _, d := range []string{"a", "b"} {
			mustPut(t, s, "k", d)
			synctest.Wait()
			if got := f.drain(); !slices.Equal(got, []string{d}) {
				t.Fatalf("after putting %q: read %q", d, got)
			}
		}
		cancel()
		<-f.done
		if err := <-f.err; !errors.Is(err, context.Canceled) {
			t.Fatalf("Follow ended with %v, want context.Canceled", err)
		}
	})
}

func TestFollowEndsAtShardEnd(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1})
		f := follow(t.Context(), s, shard0, stream.StartingPosition{Type: stream.Latest})
		synctest.Wait()
		mustPut(t, s, "k", "last")
		if err := s.SplitShard(shard0, "1000"); err != nil {
			t.Fatal(err)
		}
		<-f.done
		if err := <-f.err; err != nil {
			t.Fatalf("Follow ended with %v at the end of a closed shard", err)
		}
		if got := f.drain(); !slices.Equal(got, []string{"last"}) {
			t.Fatalf("read %q", got)
		}
		children, err := s.ChildShards(shard0)
		if err != nil || len(children) != 2 {
			t.Fatalf("ChildShards = %v, %v", children, err)
		}
	})
}

func TestFollowStreamDeleted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1})
		f := follow(t.Context(), s, shard0, stream.StartingPosition{Type: stream.Latest})
		synctest.Wait()
		if err := s.Delete(); err != nil {
			t.Fatal(err)
		}
		<-f.done
		wantErr(t, <-f.err, stream.ErrResourceNotFound, "Stream s under account 000000000000 not found.")
	})
}

func TestFollowStopsWhenTheLoopBreaks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 1})
		done := make(chan []string)
		go func() {
			var got []string
			for r, err := range s.Follow(t.Context(), shard0, stream.StartingPosition{Type: stream.TrimHorizon}) {
				if err != nil {
					t.Error(err)
					break
				}
				if got = append(got, r.Data); len(got) == 2 {
					break
				}
			}
			done <- got
		}()
		synctest.Wait()
		for _, d := range []string{"1", "2", "3"} {
			mustPut(t, s, "k", d)
		}
		if got := <-done; !slices.Equal(got, []string{"1", "2"}) {
			t.Fatalf("read %q", got)
		}
	})
}

func TestFollowContextAlreadyDone(t *testing.T) {
	s, _ := newStream(t, 1)
	mustPut(t, s, "k", "v")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	n := 0
	for _, err := range s.Follow(ctx, shard0, stream.StartingPosition{Type: stream.TrimHorizon}) {
		n++
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("yielded %v", err)
		}
	}
	if n != 1 {
		t.Fatalf("yielded %d times", n)
	}
}

// TestReadsAfterDelete checks that every way of reading fails with
// ResourceNotFoundException once the stream is deleted: GetShardIterator,
// GetRecords with an iterator issued before, Records and Follow started
// after, and a Follow that was reading (not waiting) when it happened.
func TestReadsAfterDelete(t *testing.T) {
	s, _ := newStream(t, 1)
	for _, d := range []string{"1", "2", "3"} {
		mustPut(t, s, "k", d)
	}
	it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	th := stream.StartingPosition{Type: stream.TrimHorizon}
	notFound := "Stream s under account 000000000000 not found."

	// Deleted while a Follow is between records.
	var got []string
	var errs []error
	for r, err := range s.Follow(t.Context(), shard0, th) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if got = append(got, r.Data); len(got) == 1 {
			if err := s.Delete(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !slices.Equal(got, []string{"1", "2", "3"}) && !slices.Equal(got, []string{"1"}) {
		t.Fatalf("Follow read %q around the delete", got)
	}
	if len(errs) != 1 {
		t.Fatalf("Follow yielded %d errors, want 1: %v", len(errs), errs)
	}
	wantErr(t, errs[0], stream.ErrResourceNotFound, notFound)

	_, err = s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	wantErr(t, err, stream.ErrResourceNotFound, notFound)
	_, err = s.GetShardIterator(stream.GetShardIteratorInput{ShardID: shard0, ShardIteratorType: stream.TrimHorizon})
	wantErr(t, err, stream.ErrResourceNotFound, notFound)
	_, err = s.ChildShards(shard0)
	wantErr(t, err, stream.ErrResourceNotFound, notFound)
	for name, seq := range map[string]func(func(stream.Record[string], error) bool){
		"Records": s.Records(shard0, th),
		"Follow":  s.Follow(t.Context(), shard0, th),
	} {
		n := 0
		for r, err := range seq {
			n++
			if r.Data != "" {
				t.Fatalf("%s after the delete read %q", name, r.Data)
			}
			wantErr(t, err, stream.ErrResourceNotFound, notFound)
		}
		if n != 1 {
			t.Fatalf("%s after the delete yielded %d times, want the error once", name, n)
		}
	}
}
