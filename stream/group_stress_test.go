package stream_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stream"
)

// TestGroupStress runs seeded random mixes of workers joining and
// leaving, puts, splits, merges and failing batches, and checks the
// group's promises each time: no shard handled by two calls at once, a
// child started only once its parents are at SHARD_END, and every record
// handled exactly once, each key's in order (hand-offs are graceful and a
// failed batch is retried, so nothing is lost or repeated).
func TestGroupStress(t *testing.T) {
	rounds := 150
	if testing.Short() {
		rounds = 20
	}
	for seed := range uint64(rounds) {
		synctest.Test(t, func(t *testing.T) { stressGroup(t, seed) })
	}
}

func stressGroup(t *testing.T, seed uint64) {
	var rmu sync.Mutex // the handlers draw failures from the same source
	rng := rand.New(rand.NewPCG(seed, 7))
	intN := func(n int) int {
		rmu.Lock()
		defer rmu.Unlock()
		return rng.IntN(n)
	}
	s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 4})
	tr := newTracker()
	g := mustGroup(t, s, stream.GroupConfig[string]{BatchSize: 1 + intN(5)}, tr)
	var unfinished []string // children started before a parent was finished
	tr.fail = func(shardID string, _ []stream.Record[string]) error {
		leases := g.Leases()
		for _, l := range leases {
			if l.ShardID != shardID {
				continue
			}
			for _, p := range l.ParentShardIDs {
				for _, pl := range leases {
					if pl.ShardID == p && pl.Checkpoint != stream.CheckpointShardEnd {
						tr.mu.Lock()
						unfinished = append(unfinished, fmt.Sprintf("%s before %s (at %s)", shardID, p, pl.Checkpoint))
						tr.mu.Unlock()
					}
				}
			}
		}
		if intN(5) == 0 {
			return errors.New("transient")
		}
		return nil
	}
	keys := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	next := map[string]int{}
	workers := map[string]context.CancelFunc{}
	done := map[string]chan struct{}{}
	start := func(id string) {
		ctx, cancel := context.WithCancel(t.Context())
		workers[id], done[id] = cancel, make(chan struct{})
		go func() {
			defer close(done[id])
			if err := g.Run(ctx, id); err != nil {
				t.Errorf("seed %d: worker %s: %v", seed, id, err)
			}
		}()
	}
	stop := func(id string) {
		workers[id]()
		<-done[id]
		delete(workers, id)
	}
	for range 40 {
		switch op := intN(6); op {
		case 0, 1:
			if id := fmt.Sprint("w", intN(4)); workers[id] == nil {
				start(id)
			}
		case 2:
			for id := range workers {
				stop(id)
				break
			}
		case 3:
			reshard(t, s, intN)
		default:
			for range 3 {
				k := keys[intN(len(keys))]
				mustPut(t, s, k, k+":"+strconv.Itoa(next[k]))
				next[k]++
			}
		}
		synctest.Wait()
	}
	if len(workers) == 0 {
		start("last")
	}
	synctest.Wait()
	for id := range workers {
		stop(id)
	}
	if len(tr.overlap) > 0 || len(unfinished) > 0 {
		t.Fatalf("seed %d: shards handled twice at once %v; children started early %v", seed, tr.overlap, unfinished)
	}
	checkExactlyOnceInOrder(t, tr.all(), next)
	checkParentsFirst(t, tr, g.Leases())
}

// reshard splits a random open shard in the middle of its range, or,
// once there are 8 open shards, merges two with adjacent ranges.
func reshard(t *testing.T, s *stream.Stream[string], intN func(int) int) {
	t.Helper()
	open, err := s.ListShards(stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtLatest}})
	if err != nil {
		t.Fatal(err)
	}
	shards := open.Shards
	slices.SortFunc(shards, func(a, b stream.Shard) int {
		return a.HashKeyRange.StartingHashKey.Compare(b.HashKeyRange.StartingHashKey)
	})
	if len(shards) >= 8 {
		i := intN(len(shards) - 1)
		if err := s.MergeShards(shards[i].ShardID, shards[i+1].ShardID); err != nil {
			t.Fatal(err)
		}
		return
	}
	sh := shards[intN(len(shards))]
	lo, _ := new(big.Int).SetString(sh.HashKeyRange.StartingHashKey.String(), 10)
	hi, _ := new(big.Int).SetString(sh.HashKeyRange.EndingHashKey.String(), 10)
	mid := new(big.Int).Rsh(new(big.Int).Add(lo, hi), 1)
	if mid.Cmp(lo) <= 0 {
		return // too narrow to split
	}
	if err := s.SplitShard(sh.ShardID, mid.String()); err != nil {
		t.Fatal(err)
	}
}
