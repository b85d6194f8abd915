package stream_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stream"
)

// What a group's lease table holds: initial positions, owner switches and
// checkpoints written while a worker runs.

func TestGroupLatestThenChildrenFromTrimHorizon(t *testing.T) {
	// LATEST is resolved when a worker first reads the shard, as the KCL
	// resolves it: a record put before that is not processed. The
	// children of a finished shard start at their trim horizon whatever
	// the initial position, so records put into them before their leases
	// are taken are processed.
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		release := make(chan struct{})
		var mu sync.Mutex
		var handled []string
		g := mustGroup(t, s, stream.GroupConfig[string]{InitialPosition: stream.StartingPosition{Type: stream.Latest}},
			stream.HandlerFunc[string](func(_ context.Context, _ string, batch []stream.Record[string]) error {
				if batch[0].Data == "parent" {
					<-release // hold the parent open while its children take records
				}
				mu.Lock()
				defer mu.Unlock()
				handled = append(handled, data(batch)...)
				return nil
			}))
		putAt(t, s, "0", "before the first worker")
		startWorker(t, g, "w")
		synctest.Wait()
		putAt(t, s, "0", "parent")
		synctest.Wait()
		if err := s.SplitShard(shard0, midKey); err != nil {
			t.Fatal(err)
		}
		putAt(t, s, "0", "child 1")
		putAt(t, s, midKey, "child 2")
		close(release)
		synctest.Wait()
		mu.Lock()
		got := slices.Clone(handled)
		mu.Unlock()
		if len(got) != 3 || got[0] != "parent" || !slices.Contains(got, "child 1") || !slices.Contains(got, "child 2") {
			t.Fatalf("handled %q, want parent, then both children's records", got)
		}
		for _, l := range g.Leases()[1:] {
			if l.Checkpoint != lastSequence(t, s, l.ShardID) {
				t.Fatalf("child lease %+v, want it at its last record", l)
			}
		}
	})
}

func TestGroupOwnerSwitches(t *testing.T) {
	// The count grows only when a worker other than the last holder takes
	// the lease, and starts again when the checkpoint moves.
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		g := mustGroup(t, s, stream.GroupConfig[string]{}, newTracker())
		for i, step := range []struct {
			worker string
			put    bool // put a record, which moves the checkpoint
			want   int
		}{
			{"a", false, 0}, // the first take
			{"a", false, 0}, // the same worker again
			{"b", false, 1},
			{"a", false, 2},
			{"b", true, 0}, // taken by another, then checkpointed
			{"a", false, 1},
		} {
			w := startWorker(t, g, step.worker)
			if step.put {
				mustPut(t, s, "k", "x")
			}
			synctest.Wait()
			if err := w.stop(); err != nil {
				t.Fatal(err)
			}
			if l := g.Leases()[0]; l.OwnerSwitchesSinceCheckpoint != step.want || l.Counter != uint64(i+1) {
				t.Fatalf("step %d (%s): lease %+v, want %d switches, taken %d times", i, step.worker, l, step.want, i+1)
			}
		}
	})
}

func TestGroupCheckpointIntervalWritesWhileRunning(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		g := mustGroup(t, s, stream.GroupConfig[string]{CheckpointInterval: time.Minute}, newTracker())
		startWorker(t, g, "w")
		synctest.Wait()
		mustPut(t, s, "k", "a")
		synctest.Wait()
		if l := g.Leases()[0]; l.Checkpoint != "TRIM_HORIZON" {
			t.Fatalf("within the interval: lease %+v, want nothing written yet", l)
		}
		clk.Advance(time.Minute)
		b := mustPut(t, s, "k", "b")
		synctest.Wait()
		if l := g.Leases()[0]; l.Checkpoint != b.SequenceNumber.String() || l.Owner != "w" {
			t.Fatalf("after the interval: lease %+v, want it written at b while w holds it", l)
		}
	})
}

func TestGroupMergeChildWaitsForLaterParent(t *testing.T) {
	// Shard 0 is split into 2 and 3, and 3 is merged with 1 into 4, while
	// shard 0 is still being read. When 1 is finished, 4's other parent,
	// 3, has no lease yet (it gets one when 0 is finished): 4 must wait for
	// it all the same, or the key in 3 and 4 is handled out of order.
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 2)
		const quarter = "85070591730234615865843651857942052864" // splits shard 0 in two
		release := make(chan struct{})
		var mu sync.Mutex
		var handled []string
		g := mustGroup(t, s, stream.GroupConfig[string]{}, stream.HandlerFunc[string](func(_ context.Context, _ string, batch []stream.Record[string]) error {
			if batch[0].Data == "in 0" {
				<-release
			}
			mu.Lock()
			defer mu.Unlock()
			handled = append(handled, data(batch)...)
			return nil
		}))
		putAt(t, s, "0", "in 0")
		startWorker(t, g, "w")
		synctest.Wait()
		if err := s.SplitShard(shard0, quarter); err != nil {
			t.Fatal(err)
		}
		putAt(t, s, quarter, "in 3")
		if err := s.MergeShards("shardId-000000000003", "shardId-000000000001"); err != nil {
			t.Fatal(err)
		}
		putAt(t, s, quarter, "in 4")
		synctest.Wait() // shard 1 is finished meanwhile
		close(release)
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(handled, []string{"in 0", "in 3", "in 4"}) {
			t.Fatalf("handled %q, want each shard after its parents", handled)
		}
	})
}
