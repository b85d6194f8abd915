package stream_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stream"
)

// Failed records that are too old are not retried, as Lambda's
// MaximumRecordAgeInSeconds and the stream's retention say.

// ages is a Handler that fails every batch holding a record in bad, and
// records how old the first record of each call was.
type ages struct {
	clk interface{ Now() time.Time }
	bad []string

	mu    sync.Mutex
	calls []time.Duration
	ok    []string
}

func (a *ages) HandleBatch(_ context.Context, _ string, batch []stream.Record[string]) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.calls = append(a.calls, a.clk.Now().Sub(batch[0].ApproximateArrivalTimestamp))
	for _, r := range batch {
		if slices.Contains(a.bad, r.Data) {
			return errors.New("bad record")
		}
	}
	a.ok = append(a.ok, data(batch)...)
	return nil
}

func (a *ages) snapshot() (calls []time.Duration, ok []string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.calls), slices.Clone(a.ok)
}

func TestGroupMaximumRecordAge(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		mustPut(t, s, "k", "bad")
		h := &ages{clk: clk, bad: []string{"bad"}}
		var dest destination
		g := mustGroup(t, s, stream.GroupConfig[string]{MaximumRecordAge: time.Minute, RetryDelay: 30 * time.Second, OnFailure: &dest}, h)
		startWorker(t, g, "w")
		for range 4 {
			synctest.Wait()
			clk.Advance(30 * time.Second)
		}
		synctest.Wait()
		// Tried at 0, 30 and 60 seconds old (not older than a minute);
		// given up before the retry at 90.
		if calls, _ := h.snapshot(); !slices.Equal(calls, []time.Duration{0, 30 * time.Second, time.Minute}) {
			t.Fatalf("handler called with the record aged %v", calls)
		}
		if len(dest.batches) != 1 {
			t.Fatalf("%d failed batches, want 1", len(dest.batches))
		}
		f := dest.batches[0]
		if f.Condition != stream.ConditionRecordAgeExceeded || f.ApproximateInvokeCount != 3 || f.Err == nil || !slices.Equal(data(f.Records), []string{"bad"}) {
			t.Fatalf("failed batch %+v", f)
		}
		if l := g.Leases()[0]; l.Checkpoint != lastSequence(t, s, shard0) {
			t.Fatalf("lease %+v, want it past the record given up", l)
		}
	})
}

func TestGroupRecordAgeCutsTheFront(t *testing.T) {
	// Only the records too old are given up; the younger ones behind them
	// are retried on their own.
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		mustPut(t, s, "k", "old")
		clk.Advance(50 * time.Second)
		mustPut(t, s, "k", "young")
		h := &ages{clk: clk, bad: []string{"old"}}
		var dest destination
		g := mustGroup(t, s, stream.GroupConfig[string]{MaximumRecordAge: time.Minute, RetryDelay: 30 * time.Second, OnFailure: &dest}, h)
		startWorker(t, g, "w")
		synctest.Wait()
		clk.Advance(30 * time.Second)
		synctest.Wait()
		if failed, _ := dest.got(); !slices.EqualFunc(failed, [][]string{{"old"}}, slices.Equal) {
			t.Fatalf("given up %q, want [[old]]", failed)
		}
		if _, ok := h.snapshot(); !slices.Equal(ok, []string{"young"}) {
			t.Fatalf("handled %q, want [young]", ok)
		}
	})
}

func TestGroupRetriesEndAtRetention(t *testing.T) {
	// With unlimited retries and no maximum age, a failing record is
	// retried until it passes the stream's retention, and then given up.
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		mustPut(t, s, "k", "bad")
		h := &ages{clk: clk, bad: []string{"bad"}}
		var dest destination
		g := mustGroup(t, s, stream.GroupConfig[string]{RetryDelay: time.Hour, OnFailure: &dest}, h)
		startWorker(t, g, "w")
		for range 30 {
			synctest.Wait()
			clk.Advance(time.Hour)
		}
		synctest.Wait()
		calls, _ := h.snapshot()
		if len(calls) != 24 || calls[len(calls)-1] != 23*time.Hour {
			t.Fatalf("handler called %d times, last with the record %v old; want 24, the last at 23h", len(calls), calls[len(calls)-1])
		}
		if len(dest.batches) != 1 || dest.batches[0].Condition != stream.ConditionRecordAgeExceeded {
			t.Fatalf("failed batches %+v, want one given up for its age", dest.batches)
		}
	})
}
