package stream_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stream"
)

// Consumer group tests. Each runs in a synctest bubble: synctest.Wait
// returns when every worker is idle (nothing left to handle), and the
// bubble fails the test if a worker leaves a goroutine behind. Where time
// matters the stream runs on a clock.Manual that the test moves.

// workerRun is a Group.Run in the background.
type workerRun struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when Run has returned err
	err    error
}

// startWorker runs a worker until stop is called or the test ends.
func startWorker[T any](t *testing.T, g *stream.Group[T], id string) *workerRun {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	r := &workerRun{cancel: cancel, done: make(chan struct{})}
	go func() {
		r.err = g.Run(ctx, id)
		close(r.done)
	}()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	return r
}

// stop stops the worker and returns what Run returned.
func (r *workerRun) stop() error {
	r.cancel()
	<-r.done
	return r.err
}

// handled is one batch a handler completed.
type handled struct {
	shard string
	data  []string
}

// tracker is a Handler that records what it handles and checks that no
// two calls for one shard overlap.
type tracker struct {
	mu      sync.Mutex
	busy    map[string]bool
	batches []handled
	overlap []string                         // shards handled by two calls at once
	last    map[string]stream.SequenceNumber // per shard, the last record handled
	order   []string                         // shards whose records were handled out of order
	calls   []call                           // every call's start and end, in the order they happened
	fail    func(shardID string, batch []stream.Record[string]) error
}

// call is the start or the end of a handler call.
type call struct {
	shard string
	end   bool
}

func newTracker() *tracker {
	return &tracker{busy: map[string]bool{}, last: map[string]stream.SequenceNumber{}}
}

func (tr *tracker) HandleBatch(_ context.Context, shardID string, batch []stream.Record[string]) error {
	tr.mu.Lock()
	if tr.busy[shardID] {
		tr.overlap = append(tr.overlap, shardID)
	}
	tr.busy[shardID] = true
	tr.calls = append(tr.calls, call{shardID, false})
	fail := tr.fail
	tr.mu.Unlock()
	var err error
	if fail != nil {
		err = fail(shardID, batch)
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.busy[shardID] = false
	tr.calls = append(tr.calls, call{shardID, true})
	if n := processed(err, batch); n > 0 {
		tr.batches = append(tr.batches, handled{shardID, data(batch[:n])})
		for _, r := range batch[:n] {
			if r.SequenceNumber.Compare(tr.last[shardID]) <= 0 {
				tr.order = append(tr.order, shardID)
			}
			tr.last[shardID] = r.SequenceNumber
		}
	}
	return err
}

// processed returns how many records at the start of batch a handler
// that returned err has processed, as Lambda reads its answer.
func processed(err error, batch []stream.Record[string]) int {
	var items *stream.BatchItemFailures
	switch {
	case err == nil:
		return len(batch)
	case !errors.As(err, &items):
		return 0
	case len(items.SequenceNumbers) == 0:
		return len(batch)
	}
	first := len(batch)
	for _, sn := range items.SequenceNumbers {
		i := slices.IndexFunc(batch, func(r stream.Record[string]) bool { return r.SequenceNumber == sn })
		if i < 0 {
			return 0
		}
		first = min(first, i)
	}
	return first
}

// all returns every record handled successfully, in the order handled.
func (tr *tracker) all() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var out []string
	for _, b := range tr.batches {
		out = append(out, b.data...)
	}
	return out
}

func (tr *tracker) snapshot() []handled {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return slices.Clone(tr.batches)
}

func mustGroup[T any](t testing.TB, s *stream.Stream[T], cfg stream.GroupConfig[T], h stream.Handler[T]) *stream.Group[T] {
	t.Helper()
	if cfg.Name == "" {
		cfg.Name = "app"
	}
	g, err := stream.NewGroup(s, cfg, h)
	if err != nil {
		t.Fatalf("NewGroup: %v", err)
	}
	return g
}

// owners returns how many ready (not finished) leases each worker holds.
func owners[T any](g *stream.Group[T]) map[string]int {
	out := map[string]int{}
	for _, l := range g.Leases() {
		if l.Owner != "" {
			out[l.Owner]++
		}
	}
	return out
}

// putKeys puts n records for each of keys, numbering each key's records
// from next[key] on: data "key:n".
func putKeys(t testing.TB, s *stream.Stream[string], keys []string, n int, next map[string]int) {
	t.Helper()
	for range n {
		for _, k := range keys {
			mustPut(t, s, k, k+":"+strconv.Itoa(next[k]))
			next[k]++
		}
	}
}

// checkExactlyOnceInOrder checks that got holds every record of want
// (key → count) once, and each key's records in order.
func checkExactlyOnceInOrder(t *testing.T, got []string, next map[string]int) {
	t.Helper()
	seen := map[string]int{}
	total := 0
	for _, d := range got {
		key, n, _ := strings.Cut(d, ":")
		i, _ := strconv.Atoi(n)
		if i != seen[key] {
			t.Fatalf("key %s: record %d handled when %d was expected (a gap, a repeat or out of order)", key, i, seen[key])
		}
		seen[key]++
	}
	for k, n := range next {
		total += n
		if seen[k] != n {
			t.Fatalf("key %s: %d records handled, want %d", k, seen[k], n)
		}
	}
	if len(got) != total {
		t.Fatalf("%d records handled, want %d", len(got), total)
	}
}

func TestGroupConfigErrors(t *testing.T) {
	s, _ := newStream(t, 1)
	h := stream.HandlerFunc[string](func(context.Context, string, []stream.Record[string]) error { return nil })
	const (
		one  = "1 validation error detected: "
		name = "Value '%s' at 'functionName' failed to satisfy constraint: Member must "
	)
	long := strings.Repeat("a", stream.MaxGroupNameLength+1)
	tests := []struct {
		name    string
		s       *stream.Stream[string]
		cfg     stream.GroupConfig[string]
		h       stream.Handler[string]
		wantErr error
		msg     string
	}{
		{"no name", s, stream.GroupConfig[string]{}, h, stream.ErrValidation,
			one + fmt.Sprintf(name, "") + "have length greater than or equal to 1"},
		{"bad name", s, stream.GroupConfig[string]{Name: "my app"}, h, stream.ErrValidation,
			one + fmt.Sprintf(name, "my app") + "satisfy regular expression pattern: [a-zA-Z0-9-_]+"},
		{"a dot is no part of a function name", s, stream.GroupConfig[string]{Name: "my.app"}, h, stream.ErrValidation,
			one + fmt.Sprintf(name, "my.app") + "satisfy regular expression pattern: [a-zA-Z0-9-_]+"},
		{"name too long for a function", s, stream.GroupConfig[string]{Name: long}, h, stream.ErrValidation,
			one + fmt.Sprintf(name, long) + "have length less than or equal to 64"},
		{"no stream", nil, stream.GroupConfig[string]{Name: "app"}, h, stream.ErrValidation,
			one + "Value null at 'stream' failed to satisfy constraint: Member must not be null"},
		{"no handler", s, stream.GroupConfig[string]{Name: "app"}, nil, stream.ErrValidation,
			one + "Value null at 'handler' failed to satisfy constraint: Member must not be null"},
		{"nil HandlerFunc", s, stream.GroupConfig[string]{Name: "app"}, stream.HandlerFunc[string](nil), stream.ErrValidation,
			one + "Value null at 'handler' failed to satisfy constraint: Member must not be null"},
		{"batch size", s, stream.GroupConfig[string]{Name: "app", BatchSize: 10001}, h, stream.ErrValidation,
			one + "Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"negative batch size", s, stream.GroupConfig[string]{Name: "app", BatchSize: -1}, h, stream.ErrValidation,
			one + "Value '-1' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"window", s, stream.GroupConfig[string]{Name: "app", BatchingWindow: 301 * time.Second}, h, stream.ErrValidation,
			one + "Value '301' at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300"},
		{"retries", s, stream.GroupConfig[string]{Name: "app", MaximumRetryAttempts: stream.Retries(-2)}, h, stream.ErrValidation,
			one + "Value '-2' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value greater than or equal to -1"},
		{"too many retries", s, stream.GroupConfig[string]{Name: "app", MaximumRetryAttempts: stream.Retries(10001)}, h, stream.ErrValidation,
			one + "Value '10001' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"record age too long", s, stream.GroupConfig[string]{Name: "app", MaximumRecordAge: stream.MaxRecordAge + time.Second}, h, stream.ErrValidation,
			one + "Value '604801' at 'maximumRecordAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 604800"},
		{"negative record age", s, stream.GroupConfig[string]{Name: "app", MaximumRecordAge: -2 * time.Second}, h, stream.ErrValidation,
			one + "Value '-2' at 'maximumRecordAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to -1"},
		{"record age too short", s, stream.GroupConfig[string]{Name: "app", MaximumRecordAge: 59 * time.Second}, h, stream.ErrInvalidArgument,
			"MaximumRecordAgeInSeconds 59 is not -1 or between 60 and 604800."},
		{"retry delay", s, stream.GroupConfig[string]{Name: "app", RetryDelay: -time.Second}, h, stream.ErrValidation,
			one + "Value '-1' at 'retryDelay' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{"every violation at once", s, stream.GroupConfig[string]{BatchSize: -1, CheckpointInterval: -time.Second}, nil, stream.ErrValidation,
			"4 validation errors detected: Value null at 'handler' failed to satisfy constraint: Member must not be null; " +
				fmt.Sprintf(name, "") + "have length greater than or equal to 1; " +
				"Value '-1' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value '-1' at 'checkpointInterval' failed to satisfy constraint: Member must have value greater than or equal to 0"},
		{"position", s, stream.GroupConfig[string]{Name: "app", InitialPosition: stream.StartingPosition{Type: stream.AtSequenceNumber}}, h, stream.ErrValidation,
			one + "Value 'AT_SEQUENCE_NUMBER' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_TIMESTAMP]"},
		{"position with sequence number", s, stream.GroupConfig[string]{Name: "app", InitialPosition: stream.StartingPosition{Type: stream.TrimHorizon, SequenceNumber: "1"}}, h,
			stream.ErrInvalidArgument, "StartingPosition TRIM_HORIZON takes no sequence number."},
		{"timestamp missing", s, stream.GroupConfig[string]{Name: "app", InitialPosition: stream.StartingPosition{Type: stream.AtTimestamp}}, h,
			stream.ErrInvalidArgument, "StartingPositionTimestamp is required when StartingPosition is AT_TIMESTAMP."},
		{"timestamp in the future", s, stream.GroupConfig[string]{Name: "app", InitialPosition: stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: epoch.Add(time.Second)}}, h,
			stream.ErrInvalidArgument, "StartingPositionTimestamp cannot be later than the current time."},
		{"nil FailureDestinationFunc", s, stream.GroupConfig[string]{Name: "app", OnFailure: stream.FailureDestinationFunc[string](nil)}, h,
			stream.ErrInvalidArgument, "OnFailure is a nil FailureDestinationFunc."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := stream.NewGroup(tt.s, tt.cfg, tt.h)
			wantErr(t, err, tt.wantErr, tt.msg)
		})
	}
	// The edges of the ranges are accepted, and -1 second is Lambda's -1.
	for _, cfg := range []stream.GroupConfig[string]{
		{Name: strings.Repeat("a", stream.MaxGroupNameLength), BatchSize: 1, BatchingWindow: stream.MaxBatchingWindow, MaximumRecordAge: stream.MinRecordAge},
		{Name: "Az09-_", BatchSize: stream.MaxGroupBatchSize, MaximumRetryAttempts: stream.Retries(-1), MaximumRecordAge: -time.Second},
		{Name: "app", MaximumRetryAttempts: stream.Retries(stream.MaxRetryAttempts), MaximumRecordAge: stream.MaxRecordAge},
	} {
		if _, err := stream.NewGroup(s, cfg, h); err != nil {
			t.Fatalf("NewGroup(%+v): %v", cfg, err)
		}
	}
	if err := s.Delete(); err != nil {
		t.Fatal(err)
	}
	_, err := stream.NewGroup(s, stream.GroupConfig[string]{Name: "app"}, h)
	wantErr(t, err, stream.ErrResourceNotFound, "")
}

func TestGroupRunErrors(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		g := mustGroup(t, s, stream.GroupConfig[string]{}, newTracker())
		wantErr(t, g.Run(t.Context(), ""), stream.ErrValidation,
			"1 validation error detected: Value '' at 'workerId' failed to satisfy constraint: Member must have length greater than or equal to 1")
		startWorker(t, g, "w")
		synctest.Wait()
		wantErr(t, g.Run(t.Context(), "w"), stream.ErrResourceInUse, "Worker w is already running in group app.")
	})
}

func TestGroupInvariantsUnderConcurrentWorkers(t *testing.T) {
	// Workers join and leave while records are put and shards are split
	// and merged. Every hand-off is graceful, so every record is handled
	// exactly once, each key's records in order; no shard is handled by
	// two calls at once; and a child's first batch comes after its
	// parents' last.
	synctest.Test(t, func(t *testing.T) {
		s := mustNew[string](t, stream.Config{Name: "trucks", ShardCount: 4})
		tr := newTracker()
		g := mustGroup(t, s, stream.GroupConfig[string]{BatchSize: 7}, tr)
		keys := make([]string, 24)
		for i := range keys {
			keys[i] = fmt.Sprintf("truck-%02d", i)
		}
		next := map[string]int{}
		var mu sync.Mutex // producers run beside the workers
		produce := func(n int) {
			var wg sync.WaitGroup
			for part := range 3 {
				wg.Go(func() {
					for range n {
						mu.Lock()
						for _, k := range keys[part*8 : part*8+8] {
							mustPut(t, s, k, k+":"+strconv.Itoa(next[k]))
							next[k]++
						}
						mu.Unlock()
					}
				})
			}
			wg.Wait()
		}
		a := startWorker(t, g, "a")
		b := startWorker(t, g, "b")
		produce(10)
		c := startWorker(t, g, "c")
		produce(10)
		if err := s.SplitShard("shardId-000000000000", "42535295865117307932921825928971026431"); err != nil {
			t.Fatal(err)
		}
		produce(10)
		d := startWorker(t, g, "d")
		open, err := s.ListShards(stream.ListShardsInput{ShardFilter: &stream.ShardFilter{Type: stream.FilterAtLatest}})
		if err != nil {
			t.Fatal(err)
		}
		// The open shards are 1, 2, 3 and the split's children 4 and 5,
		// which are adjacent: merge them into 6.
		n := len(open.Shards)
		if err := s.MergeShards(open.Shards[n-2].ShardID, open.Shards[n-1].ShardID); err != nil {
			t.Fatal(err)
		}
		produce(10)
		if err := a.stop(); err != nil {
			t.Fatalf("worker a: %v", err)
		}
		produce(10)
		if err := c.stop(); err != nil {
			t.Fatalf("worker c: %v", err)
		}
		produce(10)
		synctest.Wait()

		checkExactlyOnceInOrder(t, tr.all(), next)
		if len(tr.overlap) > 0 {
			t.Fatalf("shards handled by two calls at once: %v", tr.overlap)
		}
		if len(tr.order) > 0 {
			t.Fatalf("shards whose records were handled out of sequence order, or twice: %v", tr.order)
		}
		leases := g.Leases()
		if children := checkParentsFirst(t, tr, leases); children != 4 { // two children of the split, one of the merge with two parents
			t.Fatalf("%d parent links in the lease table, want 4: %+v", children, leases)
		}
		// Parents are finished; b and d share the open shards.
		for _, l := range leases {
			open := slices.ContainsFunc(open.Shards[:n-2], func(sh stream.Shard) bool { return sh.ShardID == l.ShardID }) || l.ShardID == "shardId-000000000006"
			if open != (l.Checkpoint != stream.CheckpointShardEnd) {
				t.Fatalf("lease %+v: open %v", l, open)
			}
		}
		if got := owners(g); got["b"]+got["d"] != 4 || got["b"] != 2 {
			t.Fatalf("leases held %v, want b and d with 2 each", got)
		}
		for _, w := range []*workerRun{b, d} {
			if err := w.stop(); err != nil {
				t.Fatal(err)
			}
		}
		if got := owners(g); len(got) != 0 {
			t.Fatalf("leases still held after every worker stopped: %v", got)
		}
	})
}

// checkParentsFirst checks that the first call for each shard of leases
// started after the last call for each of its parents had ended, and
// returns how many parent links leases hold.
func checkParentsFirst(t *testing.T, tr *tracker, leases []stream.Lease) (links int) {
	t.Helper()
	tr.mu.Lock()
	defer tr.mu.Unlock()
	firstStart, lastEnd := map[string]int{}, map[string]int{}
	for i, c := range tr.calls {
		if _, ok := firstStart[c.shard]; !ok && !c.end {
			firstStart[c.shard] = i
		}
		if c.end {
			lastEnd[c.shard] = i
		}
	}
	for _, l := range leases {
		for _, p := range l.ParentShardIDs {
			links++
			if f, ok := firstStart[l.ShardID]; ok && f < lastEnd[p] {
				t.Fatalf("child %s started (event %d) before its parent %s was done (event %d)", l.ShardID, f, p, lastEnd[p])
			}
		}
	}
	return links
}

func TestGroupFairShare(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 4})
		g := mustGroup(t, s, stream.GroupConfig[string]{}, newTracker())
		a := startWorker(t, g, "a")
		synctest.Wait()
		if got := owners(g); !maps.Equal(got, map[string]int{"a": 4}) {
			t.Fatalf("one worker holds %v, want all 4", got)
		}
		b := startWorker(t, g, "b")
		synctest.Wait()
		if got := owners(g); !maps.Equal(got, map[string]int{"a": 2, "b": 2}) {
			t.Fatalf("two workers hold %v, want 2 each", got)
		}
		startWorker(t, g, "c")
		synctest.Wait()
		if got := owners(g); !maps.Equal(got, map[string]int{"a": 2, "b": 1, "c": 1}) {
			t.Fatalf("three workers hold %v, want 2, 1, 1", got)
		}
		for _, w := range []string{"d", "e"} {
			startWorker(t, g, w)
		}
		synctest.Wait()
		if got := owners(g); len(got) != 4 || got["a"]+got["b"]+got["c"]+got["d"]+got["e"] != 4 {
			t.Fatalf("five workers hold %v, want one lease each for four of them", got)
		}
		if err := a.stop(); err != nil {
			t.Fatal(err)
		}
		if err := b.stop(); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if got := owners(g); !maps.Equal(got, map[string]int{"c": 2, "d": 1, "e": 1}) && !maps.Equal(got, map[string]int{"c": 1, "d": 2, "e": 1}) &&
			!maps.Equal(got, map[string]int{"c": 1, "d": 1, "e": 2}) {
			t.Fatalf("after two of five left: %v, want 2, 1, 1", got)
		}
		// Another group on the same stream has a lease table of its own:
		// its worker c holds every lease, beside g's c.
		other := mustGroup(t, s, stream.GroupConfig[string]{Name: "other"}, newTracker())
		startWorker(t, other, "c")
		synctest.Wait()
		if got := owners(other); !maps.Equal(got, map[string]int{"c": 4}) {
			t.Fatalf("the other group's worker holds %v, want all 4", got)
		}
		if got := owners(g); got["c"]+got["d"]+got["e"] != 4 {
			t.Fatalf("g's leases after another group started: %v", got)
		}
	})
}

func TestGroupTakeoverWhenWorkerStops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := mustNew[string](t, stream.Config{Name: "s", ShardCount: 4})
		tr := newTracker()
		g := mustGroup(t, s, stream.GroupConfig[string]{}, tr)
		keys := []string{"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7"}
		next := map[string]int{}
		a := startWorker(t, g, "a")
		startWorker(t, g, "b")
		putKeys(t, s, keys, 5, next)
		synctest.Wait()
		if got := owners(g); !maps.Equal(got, map[string]int{"a": 2, "b": 2}) {
			t.Fatalf("before: %v", got)
		}
		if err := a.stop(); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if got := owners(g); !maps.Equal(got, map[string]int{"b": 4}) {
			t.Fatalf("after a stopped: %v, want b holding all 4", got)
		}
		putKeys(t, s, keys, 5, next)
		synctest.Wait()
		checkExactlyOnceInOrder(t, tr.all(), next)
	})
}

func TestGroupResumesFromCheckpoint(t *testing.T) {
	for _, interval := range []time.Duration{0, time.Hour} {
		t.Run(fmt.Sprintf("checkpoint interval %v", interval), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s, _ := newStream(t, 2)
				tr := newTracker()
				g := mustGroup(t, s, stream.GroupConfig[string]{CheckpointInterval: interval, BatchSize: 3}, tr)
				keys := []string{"a", "b", "c", "d"}
				next := map[string]int{}
				putKeys(t, s, keys, 5, next)
				w := startWorker(t, g, "w1")
				synctest.Wait()
				for _, l := range g.Leases() {
					want := "TRIM_HORIZON" // with a long interval nothing is written while running
					if interval == 0 {
						want = lastSequence(t, s, l.ShardID)
					}
					if l.Checkpoint != want || l.Owner != "w1" {
						t.Fatalf("while running: lease %+v, want checkpoint %s held by w1", l, want)
					}
				}
				if err := w.stop(); err != nil {
					t.Fatal(err)
				}
				// The final checkpoint: the last record processed.
				for _, l := range g.Leases() {
					if want := lastSequence(t, s, l.ShardID); l.Checkpoint != want || l.Owner != "" || l.Counter != 1 {
						t.Fatalf("after shutdown: lease %+v, want checkpoint %s, free, taken once", l, want)
					}
				}
				putKeys(t, s, keys, 3, next)
				startWorker(t, g, "w2")
				synctest.Wait()
				checkExactlyOnceInOrder(t, tr.all(), next)
				for _, l := range g.Leases() {
					if l.Owner != "w2" || l.Counter != 2 {
						t.Fatalf("lease %+v, want held by w2, taken twice", l)
					}
				}
			})
		})
	}
}

// lastSequence returns the sequence number of the last record of a shard.
func lastSequence(t testing.TB, s *stream.Stream[string], shardID string) string {
	t.Helper()
	recs := readAll(t, s, shardID)
	if len(recs) == 0 {
		return "TRIM_HORIZON"
	}
	return recs[len(recs)-1].SequenceNumber.String()
}

func TestGroupInitialPosition(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 2)
		mustPut(t, s, "k", "first")
		clk.Advance(time.Second)
		mid := clk.Now()
		mustPut(t, s, "k", "second")
		tests := []struct {
			pos  stream.StartingPosition
			want []string
		}{
			{stream.StartingPosition{}, []string{"first", "second", "third"}},
			{stream.StartingPosition{Type: stream.AtTimestamp, Timestamp: mid}, []string{"second", "third"}},
			{stream.StartingPosition{Type: stream.Latest}, []string{"third"}},
		}
		var trs []*tracker
		for i, tt := range tests {
			tr := newTracker()
			trs = append(trs, tr)
			g := mustGroup(t, s, stream.GroupConfig[string]{Name: fmt.Sprint("g", i), InitialPosition: tt.pos}, tr)
			startWorker(t, g, "w")
		}
		synctest.Wait()
		mustPut(t, s, "k", "third")
		synctest.Wait()
		for i, tt := range tests {
			if got := trs[i].all(); !slices.Equal(got, tt.want) {
				t.Errorf("%s: handled %q, want %q", tt.pos.Type, got, tt.want)
			}
		}
	})
}

func TestGroupBatchingWindow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		tr := newTracker()
		g := mustGroup(t, s, stream.GroupConfig[string]{BatchSize: 5, BatchingWindow: time.Second}, tr)
		startWorker(t, g, "w")
		synctest.Wait()
		for _, d := range []string{"a", "b", "c"} {
			mustPut(t, s, "k", d)
		}
		synctest.Wait()
		clk.Advance(time.Second - 1)
		synctest.Wait()
		if got := tr.snapshot(); len(got) != 0 {
			t.Fatalf("handled %v before the window passed", got)
		}
		clk.Advance(1)
		synctest.Wait()
		if got := tr.snapshot(); len(got) != 1 || !slices.Equal(got[0].data, []string{"a", "b", "c"}) {
			t.Fatalf("after the window: %v, want one batch a b c", got)
		}
		// A full batch goes at once, without waiting for the window.
		for _, d := range []string{"d", "e", "f", "g", "h", "i"} {
			mustPut(t, s, "k", d)
		}
		synctest.Wait()
		if got := tr.snapshot(); len(got) != 2 || !slices.Equal(got[1].data, []string{"d", "e", "f", "g", "h"}) {
			t.Fatalf("a full batch: %v, want d–h at once", got)
		}
		clk.Advance(time.Second)
		synctest.Wait()
		if got := tr.snapshot(); len(got) != 3 || !slices.Equal(got[2].data, []string{"i"}) {
			t.Fatalf("the rest: %v, want i after the window", got)
		}
		if clk.Pending() != 0 {
			t.Fatalf("%d timers pending while idle", clk.Pending())
		}
	})
}

// failing returns a fail function for a tracker that fails a batch as the
// handler of a Lambda function would when it meets a record in bad: with a
// plain error, or (partial) with BatchItemFailures naming the bad records.
func failing(partial bool, bad ...string) func(string, []stream.Record[string]) error {
	return func(_ string, batch []stream.Record[string]) error {
		var failed []stream.SequenceNumber
		for _, r := range batch {
			if slices.Contains(bad, r.Data) {
				failed = append(failed, r.SequenceNumber)
			}
		}
		switch {
		case len(failed) == 0:
			return nil
		case partial:
			return fmt.Errorf("bad records: %w", &stream.BatchItemFailures{SequenceNumbers: failed})
		}
		return errors.New("bad record")
	}
}

// destination collects failed batches.
type destination struct {
	mu      sync.Mutex
	batches []*stream.FailedBatch[string]
}

func (d *destination) SendFailure(_ context.Context, f *stream.FailedBatch[string]) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.batches = append(d.batches, f)
	return nil
}

func (d *destination) got() (out [][]string, invokes []int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, f := range d.batches {
		out = append(out, data(f.Records))
		invokes = append(invokes, f.ApproximateInvokeCount)
	}
	return out, invokes
}

func TestGroupFailureHandling(t *testing.T) {
	records := []string{"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"}
	tests := []struct {
		name        string
		bisect      bool
		retries     *int
		fail        func(string, []stream.Record[string]) error
		wantFailed  [][]string
		wantInvokes []int
		wantCalls   int // handler calls, successful or not
	}{
		{
			name: "bisect isolates one bad record", bisect: true, retries: stream.Retries(0), fail: failing(false, "r5"),
			wantFailed: [][]string{{"r5"}}, wantInvokes: []int{1},
			wantCalls: 7, // 0–7 ✗, 0–3 ✓, 4–7 ✗, 4–5 ✗, 4 ✓, 5 ✗, 6–7 ✓
		},
		{
			name: "bisect with retries isolates two", bisect: true, retries: stream.Retries(1), fail: failing(false, "r2", "r6"),
			wantFailed: [][]string{{"r2"}, {"r6"}}, wantInvokes: []int{2, 2},
		},
		{
			name: "retries then the whole batch", retries: stream.Retries(2), fail: failing(false, "r3"),
			wantFailed: [][]string{records}, wantInvokes: []int{3}, wantCalls: 3,
		},
		{
			name: "partial failure retries from the first failed record", retries: stream.Retries(1), fail: failing(true, "r3", "r5"),
			wantFailed: [][]string{{"r3", "r4", "r5", "r6", "r7"}}, wantInvokes: []int{2}, wantCalls: 2,
		},
		{
			// Lambda bisects a partial failure at the returned sequence
			// number and retries only the rest: it does not halve it.
			name: "partial failure with bisect is cut at the failed record", bisect: true, retries: stream.Retries(1), fail: failing(true, "r5"),
			wantFailed: [][]string{{"r5", "r6", "r7"}}, wantInvokes: []int{2}, wantCalls: 2, // 0–7 ✗ at 5, 5–7 ✗ at 5: given up
		},
		{
			name: "a failure naming a record not in the batch fails all", retries: stream.Retries(0),
			fail: func(_ string, batch []stream.Record[string]) error {
				if batch[0].Data == "later" {
					return nil
				}
				return &stream.BatchItemFailures{SequenceNumbers: []stream.SequenceNumber{{}}}
			},
			wantFailed: [][]string{records}, wantInvokes: []int{1}, wantCalls: 1,
		},
		{
			name: "an empty failure list is success", retries: stream.Retries(0),
			fail: func(string, []stream.Record[string]) error { return &stream.BatchItemFailures{} },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s, _ := newStream(t, 1)
				for _, r := range records {
					mustPut(t, s, "k", r)
				}
				tr := newTracker()
				calls := 0
				tr.fail = func(shardID string, batch []stream.Record[string]) error {
					calls++ // calls for one shard never overlap
					return tt.fail(shardID, batch)
				}
				var dest destination
				g := mustGroup(t, s, stream.GroupConfig[string]{
					BatchSize: 10, BisectBatchOnError: tt.bisect, MaximumRetryAttempts: tt.retries, OnFailure: &dest,
				}, tr)
				startWorker(t, g, "w")
				synctest.Wait()
				failed, invokes := dest.got()
				if !slices.EqualFunc(failed, tt.wantFailed, slices.Equal) || !slices.Equal(invokes, tt.wantInvokes) {
					t.Fatalf("failed batches %q (invoked %v), want %q (%v)", failed, invokes, tt.wantFailed, tt.wantInvokes)
				}
				// Everything else was handled, once and in order.
				var wantOK []string
				for _, r := range records {
					if !slices.ContainsFunc(tt.wantFailed, func(b []string) bool { return slices.Contains(b, r) }) {
						wantOK = append(wantOK, r)
					}
				}
				if got := tr.all(); !slices.Equal(got, wantOK) {
					t.Fatalf("handled %q, want %q", got, wantOK)
				}
				if tt.wantCalls != 0 && calls != tt.wantCalls {
					t.Fatalf("handler called %d times, want %d", calls, tt.wantCalls)
				}
				// The shard goes on past the failures, checkpointed after them.
				if l := g.Leases()[0]; l.Checkpoint != lastSequence(t, s, shard0) {
					t.Fatalf("checkpoint %s, want the last record's", l.Checkpoint)
				}
				mustPut(t, s, "k", "later")
				synctest.Wait()
				if got := tr.all(); got[len(got)-1] != "later" {
					t.Fatalf("a record after the failures was not handled: %q", got)
				}
			})
		})
	}
}

func TestGroupFailedBatchJSON(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		first := mustPut(t, s, "k", "bad-1")
		clk.Advance(1500 * time.Millisecond)
		last := mustPut(t, s, "k", "bad-2")
		var dest destination
		g := mustGroup(t, s, stream.GroupConfig[string]{Name: "positions", MaximumRetryAttempts: stream.Retries(0), OnFailure: &dest},
			stream.HandlerFunc[string](func(context.Context, string, []stream.Record[string]) error { return errors.New("boom") }))
		startWorker(t, g, "w")
		synctest.Wait()
		if len(dest.batches) != 1 {
			t.Fatalf("%d failed batches, want 1", len(dest.batches))
		}
		f := dest.batches[0]
		if f.Err == nil || f.Err.Error() != "boom" || f.Condition != stream.ConditionRetryAttemptsExhausted || f.ShardID != shard0 {
			t.Fatalf("failed batch %+v", f)
		}
		b, err := f.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		want := `{"requestContext":{"requestId":"` + f.RequestID + `","functionArn":"arn:aws:lambda:us-east-1:000000000000:function:positions",` +
			`"condition":"RetryAttemptsExhausted","approximateInvokeCount":1},` +
			`"responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},` +
			`"version":"1.0","timestamp":"2025-01-02T03:04:06.500Z",` +
			`"KinesisBatchInfo":{"shardId":"shardId-000000000000","startSequenceNumber":"` + first.SequenceNumber.String() + `",` +
			`"endSequenceNumber":"` + last.SequenceNumber.String() + `","approximateArrivalOfFirstRecord":"2025-01-02T03:04:05.000Z",` +
			`"approximateArrivalOfLastRecord":"2025-01-02T03:04:06.500Z","batchSize":2,"streamArn":"arn:aws:kinesis:us-east-1:000000000000:stream/s"}}`
		if string(b) != want {
			t.Fatalf("JSON\n  %s\nwant\n  %s", b, want)
		}
		if len(f.RequestID) != 36 {
			t.Fatalf("request id %q is not a UUID", f.RequestID)
		}
	})
}

func TestGroupRetryDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		mustPut(t, s, "k", "x")
		calls := 0
		var mu sync.Mutex
		g := mustGroup(t, s, stream.GroupConfig[string]{RetryDelay: time.Second},
			stream.HandlerFunc[string](func(context.Context, string, []stream.Record[string]) error {
				mu.Lock()
				defer mu.Unlock()
				calls++
				if calls < 3 {
					return errors.New("not yet")
				}
				return nil
			}))
		startWorker(t, g, "w")
		count := func() int {
			synctest.Wait()
			mu.Lock()
			defer mu.Unlock()
			return calls
		}
		for _, step := range []struct {
			advance time.Duration
			want    int
		}{{0, 1}, {time.Second - 1, 1}, {1, 2}, {time.Second, 3}, {time.Hour, 3}} {
			clk.Advance(step.advance)
			if got := count(); got != step.want {
				t.Fatalf("after %v more: %d calls, want %d", step.advance, got, step.want)
			}
		}
	})
}

func TestGroupStopsOnDestinationError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		good := mustPut(t, s, "k", "good")
		mustPut(t, s, "k", "bad")
		mustPut(t, s, "k", "after")
		tr := newTracker()
		tr.fail = failing(false, "bad")
		broken := errors.New("destination down")
		g := mustGroup(t, s, stream.GroupConfig[string]{BatchSize: 1, MaximumRetryAttempts: stream.Retries(0),
			OnFailure: stream.FailureDestinationFunc[string](func(context.Context, *stream.FailedBatch[string]) error { return broken })}, tr)
		w := startWorker(t, g, "w")
		<-w.done
		if !errors.Is(w.err, broken) {
			t.Fatalf("Run returned %v, want the destination's error", w.err)
		}
		l := g.Leases()[0]
		if l.Owner != "" || l.Checkpoint != good.SequenceNumber.String() {
			t.Fatalf("lease %+v, want free and checkpointed before the failed record", l)
		}
		if got := tr.all(); !slices.Equal(got, []string{"good"}) {
			t.Fatalf("handled %q", got)
		}
	})
}

func TestGroupStreamDeleted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 2)
		g := mustGroup(t, s, stream.GroupConfig[string]{}, newTracker())
		a := startWorker(t, g, "a")
		b := startWorker(t, g, "b")
		synctest.Wait()
		if err := s.Delete(); err != nil {
			t.Fatal(err)
		}
		<-a.done
		<-b.done
		for _, w := range []*workerRun{a, b} {
			if !errors.Is(w.err, stream.ErrResourceNotFound) {
				t.Fatalf("Run returned %v, want ResourceNotFound", w.err)
			}
		}
	})
}

func TestGroupHandlerSeesShutdown(t *testing.T) {
	// A handler blocked when its worker stops sees ctx end; its batch is
	// not checkpointed, and the next worker handles it again.
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		mustPut(t, s, "k", "slow")
		var mu sync.Mutex
		var seen []string
		g := mustGroup(t, s, stream.GroupConfig[string]{}, stream.HandlerFunc[string](func(ctx context.Context, _ string, batch []stream.Record[string]) error {
			mu.Lock()
			seen = append(seen, batch[0].Data)
			first := len(seen) == 1
			mu.Unlock()
			if first {
				<-ctx.Done()
				return ctx.Err()
			}
			return nil
		}))
		w := startWorker(t, g, "w1")
		synctest.Wait()
		if err := w.stop(); err != nil {
			t.Fatal(err)
		}
		if l := g.Leases()[0]; l.Checkpoint != "TRIM_HORIZON" || l.Owner != "" {
			t.Fatalf("after shutdown mid-batch: %+v", l)
		}
		startWorker(t, g, "w2")
		synctest.Wait()
		if !slices.Equal(seen, []string{"slow", "slow"}) {
			t.Fatalf("handled %q, want the batch twice", seen)
		}
	})
}

func TestGroupExpiredParent(t *testing.T) {
	// A parent whose records all expired before it was read counts as
	// finished: its children are processed.
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 1)
		mustPut(t, s, "k", "old")
		if err := s.SplitShard(shard0, "170141183460469231731687303715884105728"); err != nil {
			t.Fatal(err)
		}
		tr := newTracker()
		g := mustGroup(t, s, stream.GroupConfig[string]{}, tr)
		clk.Advance(25 * time.Hour)
		if _, err := s.Put(stream.PutInput[string]{PartitionKey: "k", ExplicitHashKey: "0", Data: "new"}); err != nil {
			t.Fatal(err)
		}
		startWorker(t, g, "w")
		synctest.Wait()
		if got := tr.all(); !slices.Equal(got, []string{"new"}) {
			t.Fatalf("handled %q, want [new]", got)
		}
		if l := g.Leases()[0]; l.Checkpoint != stream.CheckpointShardEnd {
			t.Fatalf("expired parent: %+v", l)
		}
	})
}

func TestGroupLatestResolvedOnRelease(t *testing.T) {
	// A LATEST lease read but given up before any record keeps the
	// position it was read from: records put while no worker runs are not
	// skipped by the next one.
	synctest.Test(t, func(t *testing.T) {
		s, _ := newStream(t, 1)
		mustPut(t, s, "k", "before the group")
		tr := newTracker()
		g := mustGroup(t, s, stream.GroupConfig[string]{InitialPosition: stream.StartingPosition{Type: stream.Latest}}, tr)
		if l := g.Leases()[0]; l.Checkpoint != "LATEST" {
			t.Fatalf("new lease %+v", l)
		}
		w := startWorker(t, g, "w1")
		synctest.Wait()
		if err := w.stop(); err != nil {
			t.Fatal(err)
		}
		if l := g.Leases()[0]; l.Checkpoint != lastSequence(t, s, shard0) {
			t.Fatalf("released before any record: %+v, want the position it was read from", l)
		}
		mustPut(t, s, "k", "between workers")
		startWorker(t, g, "w2")
		synctest.Wait()
		if got := tr.all(); !slices.Equal(got, []string{"between workers"}) {
			t.Fatalf("handled %q", got)
		}
	})
}

func TestGroupStopLeavesNothingBehind(t *testing.T) {
	// Workers stopped while their shards wait out a retry delay leave no
	// timer and no goroutine (the bubble checks goroutines).
	synctest.Test(t, func(t *testing.T) {
		s, clk := newStream(t, 2)
		tr := newTracker()
		tr.fail = failing(false, "bad")
		g := mustGroup(t, s, stream.GroupConfig[string]{BatchSize: 10, BatchingWindow: time.Minute, RetryDelay: time.Minute}, tr)
		a := startWorker(t, g, "a")
		b := startWorker(t, g, "b")
		for _, key := range []string{"0", "170141183460469231731687303715884105728"} {
			for _, d := range []string{"bad", "x"} {
				if _, err := s.Put(stream.PutInput[string]{PartitionKey: "k", ExplicitHashKey: key, Data: d}); err != nil {
					t.Fatal(err)
				}
			}
		}
		synctest.Wait()
		if n := clk.Pending(); n != 2 {
			t.Fatalf("%d timers pending, want the two batching windows", n)
		}
		clk.Advance(time.Minute) // both windows pass; both batches fail and wait to retry
		synctest.Wait()
		if n := clk.Pending(); n != 2 {
			t.Fatalf("%d timers pending, want the two retry delays", n)
		}
		for _, w := range []*workerRun{a, b} {
			if err := w.stop(); err != nil {
				t.Fatal(err)
			}
		}
		if n := clk.Pending(); n != 0 {
			t.Fatalf("%d timers left after every worker stopped", n)
		}
		for _, l := range g.Leases() {
			if l.Owner != "" || l.Checkpoint != "TRIM_HORIZON" {
				t.Fatalf("lease %+v, want free and not checkpointed (nothing was processed)", l)
			}
		}
	})
}
