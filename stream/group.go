package stream

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/switchyard/switchyard/internal/awserr"
)

// Consumer groups in the KCL model, for pipelines inside one process. A
// Group is a KCL application: a lease table with one lease per shard,
// each holding the shard's checkpoint, shared by the workers that run the
// group ([Group.Run]). Leases are handed out by the group, under its lock,
// whenever something changes — a worker joins or leaves, a lease is
// released, a shard is finished and its children become ready — so that
// each live worker holds a fair share. A lease moves between workers only
// by hand-off: its holder finishes the batch in hand, writes its
// checkpoint and releases it, and only then does another worker take it;
// no shard is ever processed by two workers at once.
//
// Batches are made and handled as a Lambda event-source mapping makes and
// handles them (batcher.go).

// Handler processes a batch of records of one shard, oldest first. A nil
// return marks the whole batch processed; a [*BatchItemFailures] marks the
// records before the first one it lists processed and the rest failed, as
// Lambda's ReportBatchItemFailures does; any other error fails the whole
// batch. Failed records are retried, bisected and finally sent to the
// group's on-failure destination as [GroupConfig] says.
//
// Calls for one shard never overlap, and come in the shard's order.
// Different shards are handled concurrently, so a Handler must be safe for
// concurrent use. The ctx ends when the worker stops.
type Handler[T any] interface {
	HandleBatch(ctx context.Context, shardID string, batch []Record[T]) error
}

// HandlerFunc adapts a function to [Handler].
type HandlerFunc[T any] func(ctx context.Context, shardID string, batch []Record[T]) error

// HandleBatch calls f.
func (f HandlerFunc[T]) HandleBatch(ctx context.Context, shardID string, batch []Record[T]) error {
	return f(ctx, shardID, batch)
}

// BatchItemFailures is the error a [Handler] returns when only some
// records of a batch failed, like Lambda's batchItemFailures: the records
// from the one with the lowest listed sequence number on are failed, the
// ones before it processed. An empty list means the whole batch succeeded;
// a sequence number that is not in the batch fails the whole batch.
type BatchItemFailures struct {
	SequenceNumbers []SequenceNumber
}

func (e *BatchItemFailures) Error() string {
	return fmt.Sprintf("stream: %d records of the batch failed", len(e.SequenceNumbers))
}

// CheckpointShardEnd is the checkpoint of a shard processed to its end.
const CheckpointShardEnd = "SHARD_END"

// Lease describes one lease of a group's lease table, as the KCL keeps it.
type Lease struct {
	ShardID string
	// Owner is the id of the worker holding the lease; empty when none
	// does.
	Owner string
	// Counter counts the times the lease has been taken.
	Counter uint64
	// Checkpoint is how far the shard has been processed: the sequence
	// number of the last record processed, or TRIM_HORIZON, LATEST or
	// AT_TIMESTAMP before the first, or SHARD_END once it is finished.
	// A LATEST or AT_TIMESTAMP lease given up before its first record is
	// checkpointed at the position it was read from.
	Checkpoint string
	// ParentShardIDs are the shards that must be finished before this one
	// is started.
	ParentShardIDs []string
	// OwnerSwitchesSinceCheckpoint counts the times, since its checkpoint
	// last moved, that the lease was taken by a worker other than the one
	// that held it last, as the KCL counts them: neither the first take
	// nor a worker taking back the lease it held last counts.
	OwnerSwitchesSinceCheckpoint int
}

// Group is a consumer group reading a stream: a lease table of the
// stream's shards with their checkpoints, and the workers running in it.
// It is safe for concurrent use and must not be copied. A Group runs no
// goroutine of its own: its workers are the calls to [Group.Run].
type Group[T any] struct {
	s         *Stream[T]
	cfg       GroupConfig[T]
	set       groupSettings
	h         Handler[T]
	lambdaARN string // the function ARN failure records name

	mu      sync.Mutex
	leases  map[string]*lease
	order   []*lease // by shard index: parents before children
	workers map[string]*worker
	changed chan struct{} // closed, and replaced, whenever leases move
	// unleased are the parents of the first leases that got none: shards
	// before the initial position, or expired. Any other parent without a
	// lease is one whose own parents are not finished yet: it gets its
	// lease when they are.
	unleased map[string]bool
}

// lease is one lease. Guarded by the group's lock.
type lease struct {
	shardID  string
	index    uint32 // the shard's index, for order
	parents  []string
	cp       checkpoint
	counter  uint64
	switches int
	holder   string        // the id of the worker that took it last; empty before the first
	finished bool          // checkpointed at SHARD_END
	owner    *worker       // nil when free
	running  bool          // the owner runs a processor for it
	revoking bool          // the owner was asked to give it up (stop is closed)
	stop     chan struct{} // made when taken; closed to ask the owner to give it up
}

// worker is one running Run call.
type worker struct {
	id    string
	fatal chan error // a processor's error that stops the worker; capacity 1
}

// checkpoint is a lease's checkpoint.
type checkpoint struct {
	kind cpKind
	seq  SequenceNumber // for cpSequence
}

type cpKind uint8

const (
	cpTrimHorizon cpKind = iota
	cpLatest
	cpAtTimestamp
	cpSequence
	cpShardEnd
)

// String writes the checkpoint as the KCL's lease table does.
func (c checkpoint) String() string {
	switch c.kind {
	case cpLatest:
		return string(Latest)
	case cpAtTimestamp:
		return string(AtTimestamp)
	case cpSequence:
		return c.seq.String()
	case cpShardEnd:
		return CheckpointShardEnd
	}
	return string(TrimHorizon)
}

// NewGroup makes a consumer group that reads s and hands its records to h,
// with a lease for every shard that InitialPosition reaches: every shard
// within retention for TRIM_HORIZON, the open shards for LATEST, the
// shards open at or after the timestamp for AT_TIMESTAMP. Run workers in
// it with [Group.Run].
//
// It fails with [ErrValidation] when s or h is nil (or h is a nil
// [HandlerFunc]) or a setting of cfg is out of range, with the message
// CreateEventSourceMapping would give, naming the Lambda parameter the
// setting stands for; with [ErrInvalidArgument] when the settings do not
// fit together (a sequence number in InitialPosition, an AT_TIMESTAMP
// position without a timestamp or in the future, MaximumRecordAge under a
// minute, a nil [FailureDestinationFunc]); and with the stream's
// [ErrResourceNotFound] when the shards cannot be listed.
func NewGroup[T any](s *Stream[T], cfg GroupConfig[T], h Handler[T]) (*Group[T], error) {
	cfg, set, err := cfg.check(s, h)
	if err != nil {
		return nil, err
	}
	var filter ShardFilter
	initial := checkpoint{kind: cpTrimHorizon}
	switch p := cfg.InitialPosition; p.Type {
	case TrimHorizon:
		filter.Type = FilterFromTrimHorizon
	case Latest:
		filter.Type, initial.kind = FilterAtLatest, cpLatest
	case AtTimestamp:
		filter, initial.kind = ShardFilter{Type: FilterFromTimestamp, Timestamp: p.Timestamp}, cpAtTimestamp
	}
	g := &Group[T]{
		s:         s,
		cfg:       cfg,
		set:       set,
		h:         h,
		lambdaARN: "arn:aws:lambda:" + s.opts.region + ":" + s.opts.account + ":function:" + cfg.Name,
		leases:    map[string]*lease{},
		workers:   map[string]*worker{},
		changed:   make(chan struct{}),
		unleased:  map[string]bool{},
	}
	in := ListShardsInput{MaxResults: MaxListShardsMaxResults, ShardFilter: &filter}
	for {
		out, err := s.ListShards(in)
		if err != nil {
			return nil, err
		}
		for _, sh := range out.Shards {
			var parents []string
			for _, p := range []string{sh.ParentShardID, sh.AdjacentParentShardID} {
				if p != "" {
					parents = append(parents, p)
				}
			}
			g.addLeaseLocked(sh.ShardID, parents, initial)
		}
		if out.NextToken == "" {
			break
		}
		in = ListShardsInput{NextToken: out.NextToken}
	}
	for _, l := range g.order {
		for _, p := range l.parents {
			if g.leases[p] == nil {
				g.unleased[p] = true
			}
		}
	}
	return g, nil
}

// addLeaseLocked adds a lease for shardID unless there is one, keeping
// order sorted by shard index.
func (g *Group[T]) addLeaseLocked(shardID string, parents []string, cp checkpoint) {
	if g.leases[shardID] != nil {
		return
	}
	index, _ := parseShardID(shardID)
	l := &lease{shardID: shardID, index: index, parents: parents, cp: cp}
	g.leases[shardID] = l
	i, _ := slices.BinarySearchFunc(g.order, index, func(l *lease, index uint32) int { return cmp.Compare(l.index, index) })
	g.order = slices.Insert(g.order, i, l)
}

// Leases returns the group's lease table, in the order the shards were
// made.
func (g *Group[T]) Leases() []Lease {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]Lease, len(g.order))
	for i, l := range g.order {
		out[i] = Lease{
			ShardID:                      l.shardID,
			Counter:                      l.counter,
			Checkpoint:                   l.cp.String(),
			ParentShardIDs:               append([]string(nil), l.parents...),
			OwnerSwitchesSinceCheckpoint: l.switches,
		}
		if l.owner != nil {
			out[i].Owner = l.owner.id
		}
	}
	return out
}

// Run runs a worker named workerID in the group until ctx ends, then shuts
// it down gracefully and returns nil. The worker takes a fair share of the
// leases whose parents are finished — of n such leases and w workers,
// ⌊n/w⌋ or ⌈n/w⌉ — and for each runs a goroutine that reads its shard from
// the checkpoint on and hands batches to the group's handler. Leases move
// as workers join and leave, each by hand-off (see [Group]).
//
// When ctx ends the worker stops taking batches; handlers running see ctx
// ended and are waited for; each shard's progress is checkpointed and its
// lease released, to be taken by the other workers at once. Run returns
// when all of that is done, leaving no goroutine or timer behind. Records
// gathered but not yet handed over are not checkpointed: the next holder
// reads them again.
//
// Run fails at once with [ErrValidation] if workerID is empty and with
// [ErrResourceInUse] if a worker of that name is running. It returns
// early, after the same shutdown, with the error that stops a shard: the
// stream deleted ([ErrResourceNotFound]) or an error from the on-failure
// destination. Such an error is returned even when ctx ends at the same
// time.
func (g *Group[T]) Run(ctx context.Context, workerID string) error {
	if workerID != "" && ctx.Err() != nil {
		return nil // never joined: no lease moves for a worker already stopped
	}
	w, err := g.join(workerID)
	if err != nil {
		return err
	}
	// The processors get a ctx that ends whenever the worker stops — also
	// for one shard's fatal error, which the caller's ctx knows nothing
	// of — so that handlers of the other shards waiting on it return.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var runErr error
loop:
	for {
		g.mu.Lock()
		// Taken first: releasing a lease below hands leases out again and
		// closes it, so that the loop comes round to start what it gave w.
		changed := g.changed
		var start []*processor[T]
		for _, l := range g.order {
			if l.owner != w || l.running {
				continue
			}
			if l.revoking {
				g.releaseLocked(l, nil) // never started: nothing to checkpoint
				continue
			}
			l.running = true
			start = append(start, &processor[T]{g: g, w: w, l: l, shardID: l.shardID, stop: l.stop, from: l.cp})
		}
		g.mu.Unlock()
		for _, p := range start {
			wg.Go(func() { p.run(ctx) })
		}
		select {
		case <-changed:
		case <-ctx.Done():
			break loop
		case runErr = <-w.fatal:
			break loop
		}
	}
	g.leave(w)
	cancel()
	wg.Wait()
	if runErr == nil {
		// A processor's error that came with the end of ctx, or during the
		// shutdown, still says the worker did not stop cleanly.
		select {
		case runErr = <-w.fatal:
		default:
		}
	}
	return runErr
}

// join adds a worker named id.
func (g *Group[T]) join(id string) (*worker, error) {
	if id == "" {
		var vs violations
		vs.AddString(id, "workerId", awserr.LengthAtLeast(1))
		return nil, vs.Err(ErrValidation)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.workers[id] != nil {
		return nil, ErrResourceInUse.Errorf("Worker %s is already running in group %s.", id, g.cfg.Name)
	}
	w := &worker{id: id, fatal: make(chan error, 1)}
	g.workers[id] = w
	g.rebalanceLocked()
	return w, nil
}

// leave removes w from the live workers and asks it to give up its leases.
func (g *Group[T]) leave(w *worker) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.leaveLocked(w)
}

func (g *Group[T]) leaveLocked(w *worker) {
	if g.workers[w.id] != w {
		return // already left
	}
	delete(g.workers, w.id)
	for _, l := range g.order {
		if l.owner != w {
			continue
		}
		if l.running {
			g.revokeLocked(l)
		} else {
			l.owner, l.revoking = nil, false
		}
	}
	g.rebalanceLocked()
}

// takeLocked gives l, which is free, to w.
func (g *Group[T]) takeLocked(l *lease, w *worker) {
	l.owner, l.revoking = w, false
	l.counter++
	if l.holder != "" && l.holder != w.id {
		l.switches++
	}
	l.holder = w.id
	l.stop = make(chan struct{})
}

// revokeLocked asks the owner of l to give it up.
func (g *Group[T]) revokeLocked(l *lease) {
	if !l.revoking {
		l.revoking = true
		close(l.stop)
	}
}

// releaseLocked frees l, first setting its checkpoint to cp if cp is not
// nil, and hands the leases out again.
func (g *Group[T]) releaseLocked(l *lease, cp *checkpoint) {
	if cp != nil {
		g.checkpointLocked(l, *cp)
	}
	l.owner, l.running, l.revoking = nil, false, false
	g.rebalanceLocked()
}

// checkpointLocked sets l's checkpoint.
func (g *Group[T]) checkpointLocked(l *lease, cp checkpoint) {
	if l.cp != cp {
		l.cp, l.switches = cp, 0
	}
}

// parentsDoneLocked reports whether every parent of l is finished. A
// parent the group never leases (one of unleased) has nothing to read;
// any other parent without a lease yet — the other parent of a merge,
// whose own parents are still being read — is not finished.
func (g *Group[T]) parentsDoneLocked(l *lease) bool {
	for _, id := range l.parents {
		p := g.leases[id]
		if p == nil && !g.unleased[id] || p != nil && !p.finished {
			return false
		}
	}
	return true
}

// rebalanceLocked hands out the leases that are ready (not finished, and
// with their parents finished) so that each live worker holds a fair
// share: of n ready leases and w workers, the workers that hold the most
// get ⌈n/w⌉ and the others ⌊n/w⌋. Workers above their share are asked to
// give leases up (they are handed out when released); free leases go to
// the workers furthest below theirs. It wakes every worker.
func (g *Group[T]) rebalanceLocked() {
	defer func() {
		close(g.changed)
		g.changed = make(chan struct{})
	}()
	if len(g.workers) == 0 {
		return
	}
	var ready []*lease
	held := make(map[*worker][]*lease, len(g.workers))
	for _, l := range g.order {
		if l.finished || !g.parentsDoneLocked(l) {
			continue
		}
		ready = append(ready, l)
		if l.owner != nil && !l.revoking && g.workers[l.owner.id] == l.owner {
			held[l.owner] = append(held[l.owner], l)
		}
	}
	ws := make([]*worker, 0, len(g.workers))
	for _, w := range g.workers {
		ws = append(ws, w)
	}
	sortWorkers(ws, held)
	base, extra := len(ready)/len(ws), len(ready)%len(ws)
	target := make([]int, len(ws))
	for i, w := range ws {
		target[i] = base
		if i < extra {
			target[i]++
		}
		for len(held[w]) > target[i] {
			last := len(held[w]) - 1
			g.revokeLocked(held[w][last]) // the newest shard: children tend to be the busiest
			held[w] = held[w][:last]
		}
	}
	for _, l := range ready {
		if l.owner != nil {
			continue
		}
		best, deficit := -1, 0
		for i, w := range ws {
			if d := target[i] - len(held[w]); d > deficit {
				best, deficit = i, d
			}
		}
		if best < 0 {
			return
		}
		w := ws[best]
		g.takeLocked(l, w)
		held[w] = append(held[w], l)
	}
}

// sortWorkers orders ws by the leases they hold, most first, then by id,
// so that fair shares move as few leases as possible.
func sortWorkers[T any](ws []*worker, held map[*worker][]T) {
	slices.SortFunc(ws, func(a, b *worker) int {
		if c := cmp.Compare(len(held[b]), len(held[a])); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
}
