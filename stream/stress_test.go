package stream_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/switchyard/switchyard/stream"
)

// note is a stress-test record: the n-th record of its partition key.
type note struct {
	key string
	n   int
}

// lineageReader reads a stream as a consumer must to keep each partition
// key's order across resharding: every shard with Follow from its trim
// horizon, and a child only once all its parents are read to their end.
type lineageReader struct {
	s      *stream.Stream[note]
	ctx    context.Context
	want   int64
	all    chan struct{} // closed when want records have been read
	wg     sync.WaitGroup
	mu     sync.Mutex
	done   map[string]bool // shards read to their end
	begun  map[string]bool
	seen   map[string][]int // per key, the n of each record, in reading order
	total  atomic.Int64
	failed chan error
}

func (r *lineageReader) startLocked(shardID string) {
	if r.begun[shardID] {
		return
	}
	r.begun[shardID] = true
	r.wg.Add(1)
	go r.read(shardID)
}

func (r *lineageReader) read(shardID string) {
	defer r.wg.Done()
	for rec, err := range r.s.Follow(r.ctx, shardID, stream.StartingPosition{Type: stream.TrimHorizon}) {
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				r.failed <- fmt.Errorf("%s: %w", shardID, err)
			}
			return
		}
		r.mu.Lock()
		r.seen[rec.Data.key] = append(r.seen[rec.Data.key], rec.Data.n)
		r.mu.Unlock()
		if r.total.Add(1) == r.want {
			close(r.all)
		}
	}
	children, err := r.s.ChildShards(shardID)
	if err != nil {
		r.failed <- err
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done[shardID] = true
	for _, c := range children {
		ready := true
		for _, p := range c.ParentShards {
			ready = ready && r.done[p]
		}
		if ready {
			r.startLocked(c.ShardID)
		}
	}
}

// TestStress runs producers (Put and PutBatch) against a stream that is
// resharded under them, with readers following every shard, and checks
// that each partition key's records are read exactly once, in put order.
func TestStress(t *testing.T) {
	const producers, keysEach, perProducer = 8, 4, 1500
	s := mustNew[note](t, stream.Config{Name: "stress", ShardCount: 3}, stream.WithSizer(func(note) int { return 16 }))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	r := &lineageReader{s: s, ctx: ctx, want: producers * perProducer, all: make(chan struct{}),
		done: map[string]bool{}, begun: map[string]bool{}, seen: map[string][]int{}, failed: make(chan error, 100)}
	roots, err := s.ListShards(stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtTrimHorizon}})
	if err != nil {
		t.Fatal(err)
	}
	r.mu.Lock()
	for _, sh := range roots.Shards {
		r.startLocked(sh.ShardID)
	}
	r.mu.Unlock()

	// Producer 0 also reshards, at set points of its own progress, while
	// the others keep putting.
	reshards := []func() error{
		func() error { return s.SplitShard("shardId-000000000001", "150000000000000000000000000000000000000") },
		func() error { _, err := s.UpdateShardCount(6, stream.UniformScaling); return err },
		func() error { _, err := s.UpdateShardCount(3, stream.UniformScaling); return err },
		func() error { return s.MergeShards(openPair(t, s)) },
	}
	var produced sync.WaitGroup
	for p := range producers {
		produced.Go(func() {
			next := make([]int, keysEach)
			key := func(j int) string { return fmt.Sprintf("p%d-k%d", p, j) }
			for sent := 0; sent < perProducer; {
				if p == 0 && len(reshards) > 0 && sent >= perProducer/5*(5-len(reshards)) {
					if err := reshards[0](); err != nil {
						t.Errorf("reshard: %v", err)
						return
					}
					reshards = reshards[1:]
				}
				if p%2 == 0 || sent%7 == 0 {
					j := sent % keysEach
					if _, err := s.Put(stream.PutInput[note]{PartitionKey: key(j), Data: note{key(j), next[j]}}); err != nil {
						t.Error(err)
						return
					}
					next[j]++
					sent++
					continue
				}
				n := min(1+sent%37, perProducer-sent)
				batch := make([]stream.PutEntry[note], n)
				for i := range batch {
					j := (sent + i) % keysEach
					batch[i] = stream.PutEntry[note]{PartitionKey: key(j), Data: note{key(j), next[j]}}
					next[j]++
				}
				out, err := s.PutBatch(batch)
				if err != nil || out.FailedRecordCount != 0 {
					t.Error(err, out.FailedRecordCount)
					return
				}
				sent += n
			}
		})
	}
	produced.Wait()
	if len(reshards) > 0 {
		t.Fatalf("%d reshards not done", len(reshards))
	}
	select {
	case <-r.all:
	case err := <-r.failed:
		t.Fatal(err)
	case <-time.After(30 * time.Second):
		t.Fatalf("read %d of %d records", r.total.Load(), r.want)
	}
	cancel()
	r.wg.Wait()
	close(r.failed)
	for err := range r.failed {
		t.Error(err)
	}
	if len(r.seen) != producers*keysEach {
		t.Fatalf("records of %d keys read, want %d", len(r.seen), producers*keysEach)
	}
	for key, ns := range r.seen {
		for i, n := range ns {
			if n != i {
				t.Fatalf("key %s: record %d read as the %d-th (lost, repeated or out of order): %v", key, n, i, ns[max(0, i-3):min(len(ns), i+3)])
			}
		}
	}
	if got := r.total.Load(); got != r.want {
		t.Fatalf("read %d records, want %d", got, r.want)
	}
	// Every shard was read, every parent before its children.
	ls, _ := s.ListShards(stream.ListShardsInput{})
	for _, sh := range ls.Shards {
		if !r.begun[sh.ShardID] {
			t.Errorf("%s was never read", sh.ShardID)
		}
	}
}

// openPair returns two adjacent open shards.
func openPair(t *testing.T, s *stream.Stream[note]) (string, string) {
	ls, err := s.ListShards(stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtLatest}})
	if err != nil || len(ls.Shards) < 2 {
		t.Errorf("open shards %v, %v", ls.Shards, err)
		return "", ""
	}
	shards := slices.SortedFunc(slices.Values(ls.Shards), func(a, b stream.Shard) int {
		return a.HashKeyRange.StartingHashKey.Compare(b.HashKeyRange.StartingHashKey)
	})
	return shards[0].ShardID, shards[1].ShardID
}
