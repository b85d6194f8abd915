package stream_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stream"
)

// How a worker stops: on a fatal error of one of its shards, with its ctx,
// and both at once.

// midKey is the first hash key of the second shard of two.
const midKey = "170141183460469231731687303715884105728"

// putAt puts one record with an explicit hash key.
func putAt(t testing.TB, s *stream.Stream[string], hashKey, data string) stream.PutResult {
	t.Helper()
	r, err := s.Put(stream.PutInput[string]{PartitionKey: "k", ExplicitHashKey: hashKey, Data: data})
	if err != nil {
		t.Fatalf("Put(%q): %v", data, err)
	}
	return r
}

func TestGroupFatalErrorEndsOtherHandlers(t *testing.T) {
	// A fatal error on one shard stops the worker: the handler of its
	// other shard, waiting on ctx, sees ctx end, and Run returns the error.
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 2)
		putAt(t, s, "0", "bad")
		putAt(t, s, midKey, "slow")
		waiting := make(chan struct{})
		h := stream.HandlerFunc[string](func(ctx context.Context, _ string, batch []stream.Record[string]) error {
			if batch[0].Data == "slow" {
				close(waiting)
				<-ctx.Done()
				return ctx.Err()
			}
			<-waiting // fail only once the other shard's handler waits
			return errors.New("boom")
		})
		broken := errors.New("destination down")
		g := mustGroup(t, s, stream.GroupConfig[string]{MaximumRetryAttempts: stream.Retries(0),
			OnFailure: stream.FailureDestinationFunc[string](func(context.Context, *stream.FailedBatch[string]) error { return broken })}, h)
		w := startWorker(t, g, "w")
		synctest.Wait()
		select {
		case <-w.done:
		default:
			t.Fatal("Run has not returned after the destination failed: the other shard's handler still waits on ctx")
		}
		if !errors.Is(w.err, broken) {
			t.Fatalf("Run returned %v, want the destination's error", w.err)
		}
		for _, l := range g.Leases() {
			if l.Owner != "" {
				t.Fatalf("lease %+v still held", l)
			}
		}
	})
}

func TestGroupFatalErrorWinsOverCancel(t *testing.T) {
	// The destination fails just as the worker's ctx ends: Run returns the
	// destination's error, not nil. (The error is not the ctx's, so it is
	// no mere sign of the worker stopping.)
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		mustPut(t, s, "k", "bad")
		tr := newTracker()
		tr.fail = failing(false, "bad")
		broken := errors.New("destination down")
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		g := mustGroup(t, s, stream.GroupConfig[string]{MaximumRetryAttempts: stream.Retries(0),
			OnFailure: stream.FailureDestinationFunc[string](func(context.Context, *stream.FailedBatch[string]) error {
				cancel()
				return broken
			})}, tr)
		if err := g.Run(ctx, "w"); !errors.Is(err, broken) {
			t.Fatalf("Run returned %v, want the destination's error", err)
		}
	})
}

func TestGroupDestinationStoppedByShutdown(t *testing.T) {
	// A destination that fails only because the worker stops (it returns
	// its ctx's error) does not make Run fail; the records are left to the
	// next holder.
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		mustPut(t, s, "k", "bad")
		tr := newTracker()
		tr.fail = failing(false, "bad")
		g := mustGroup(t, s, stream.GroupConfig[string]{MaximumRetryAttempts: stream.Retries(0),
			OnFailure: stream.FailureDestinationFunc[string](func(ctx context.Context, _ *stream.FailedBatch[string]) error {
				<-ctx.Done()
				return ctx.Err()
			})}, tr)
		w := startWorker(t, g, "w")
		synctest.Wait()
		if err := w.stop(); err != nil {
			t.Fatalf("Run returned %v, want nil", err)
		}
		if l := g.Leases()[0]; l.Checkpoint != "TRIM_HORIZON" {
			t.Fatalf("lease %+v, want the failed record left unprocessed", l)
		}
	})
}

func TestGroupPartialSuccessKeptAtShutdown(t *testing.T) {
	// A handler that returns a partial failure as its worker stops has
	// still processed the records before the failed one: they are
	// checkpointed, not handled again.
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		done := mustPut(t, s, "k", "done")
		mustPut(t, s, "k", "cut short")
		mustPut(t, s, "k", "not started")
		var mu sync.Mutex
		var calls [][]string
		g := mustGroup(t, s, stream.GroupConfig[string]{}, stream.HandlerFunc[string](func(ctx context.Context, _ string, batch []stream.Record[string]) error {
			mu.Lock()
			calls = append(calls, data(batch))
			first := len(calls) == 1
			mu.Unlock()
			if !first {
				return nil
			}
			<-ctx.Done()
			return &stream.BatchItemFailures{SequenceNumbers: []stream.SequenceNumber{batch[1].SequenceNumber}}
		}))
		w := startWorker(t, g, "w1")
		synctest.Wait()
		if err := w.stop(); err != nil {
			t.Fatal(err)
		}
		if l := g.Leases()[0]; l.Checkpoint != done.SequenceNumber.String() {
			t.Fatalf("lease %+v, want it checkpointed at the record processed", l)
		}
		startWorker(t, g, "w2")
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		if got := calls[len(calls)-1]; len(got) != 2 || got[0] != "cut short" {
			t.Fatalf("the next worker handled %q, want the two records not processed", got)
		}
	})
}
