package stream

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
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

// FailureDestination receives the batches that failed for good (Lambda's
// on-failure destination). SendFailure is called from the worker that
// holds the shard, in the shard's order; if it returns an error the worker
// stops and [Group.Run] returns it, and the failed records are not
// checkpointed, so that they are processed again when the shard is next
// taken.
type FailureDestination[T any] interface {
	SendFailure(ctx context.Context, f *FailedBatch[T]) error
}

// FailureDestinationFunc adapts a function to [FailureDestination].
type FailureDestinationFunc[T any] func(ctx context.Context, f *FailedBatch[T]) error

// SendFailure calls f.
func (f FailureDestinationFunc[T]) SendFailure(ctx context.Context, fb *FailedBatch[T]) error {
	return f(ctx, fb)
}

// GroupConfig configures a consumer group. The zero value of each field
// but Name is the default of the Lambda event-source mapping parameter (or
// KCL setting) it stands for.
type GroupConfig[T any] struct {
	// Name names the group, as a KCL application name or a Lambda function
	// would: 1–128 characters of [a-zA-Z0-9_.-]. Failure records carry it.
	Name string
	// InitialPosition is where a shard without a checkpoint starts when the
	// group is made: TRIM_HORIZON (the default, for a zero Type), LATEST or
	// AT_TIMESTAMP. Shards made later by resharding start at their trim
	// horizon, so that nothing is skipped.
	InitialPosition StartingPosition
	// BatchSize is the most records handed to the Handler at once,
	// 1–10,000; zero means 100.
	BatchSize int
	// BatchingWindow is how long records are gathered, from the first one,
	// before a batch smaller than BatchSize is handed over: 0–5 minutes;
	// zero hands over what is there at once.
	BatchingWindow time.Duration
	// BisectBatchOnError splits a failed batch in two and handles each
	// half, so that a bad record ends up alone. Splitting does not use up
	// retries.
	BisectBatchOnError bool
	// MaximumRetryAttempts is how often a failed batch (or half of one) is
	// retried before it goes to OnFailure: 0–10,000, or -1 for no limit.
	// nil means -1: retry until the batch succeeds or the worker stops.
	MaximumRetryAttempts *int
	// RetryDelay is how long to wait, on the stream's clock, before each
	// retry; zero retries at once.
	RetryDelay time.Duration
	// OnFailure receives the batches whose retries ran out; nil discards
	// them, as Lambda does without a destination.
	OnFailure FailureDestination[T]
	// CheckpointInterval is how often a shard's progress is written to its
	// lease while batches succeed: zero writes it after every batch, as
	// Lambda does. Progress is always written when a worker gives a lease
	// up (on shutdown or for balance) and when a shard is finished.
	CheckpointInterval time.Duration
}

// Retries returns a pointer to n, for [GroupConfig.MaximumRetryAttempts].
func Retries(n int) *int { return &n }

// Consumer group limits, from Lambda's event-source mapping parameters.
const (
	DefaultGroupBatchSize = 100
	MaxGroupBatchSize     = 10000
	MaxBatchingWindow     = 5 * time.Minute
	MaxRetryAttempts      = 10000
)

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
	// OwnerSwitchesSinceCheckpoint counts the times the lease was taken
	// since its checkpoint last moved.
	OwnerSwitchesSinceCheckpoint int
}

// Group is a consumer group reading a stream: a lease table of the
// stream's shards with their checkpoints, and the workers running in it.
// It is safe for concurrent use and must not be copied. A Group runs no
// goroutine of its own: its workers are the calls to [Group.Run].
type Group[T any] struct {
	s          *Stream[T]
	cfg        GroupConfig[T]
	h          Handler[T]
	maxRetries int
	lambdaARN  string // the function ARN failure records name

	mu      sync.Mutex
	leases  map[string]*lease
	order   []*lease // by shard index: parents before children
	workers map[string]*worker
	changed chan struct{} // closed, and replaced, whenever leases move
}

// lease is one lease. Guarded by the group's lock.
type lease struct {
	shardID  string
	index    uint32 // the shard's index, for order
	parents  []string
	cp       checkpoint
	counter  uint64
	switches int
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
// It fails if cfg is out of range, h is nil, or the shards cannot be
// listed (the stream's [ErrResourceNotFound]).
func NewGroup[T any](s *Stream[T], cfg GroupConfig[T], h Handler[T]) (*Group[T], error) {
	if h == nil {
		return nil, errors.New("stream: a group needs a handler")
	}
	if cfg.InitialPosition.Type == "" {
		cfg.InitialPosition.Type = TrimHorizon
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = DefaultGroupBatchSize
	}
	maxRetries := -1
	if cfg.MaximumRetryAttempts != nil {
		maxRetries = *cfg.MaximumRetryAttempts
	}
	switch {
	case !matchesNamePattern(cfg.Name) || len(cfg.Name) > MaxConsumerNameLength:
		return nil, fmt.Errorf("stream: group name %q must be 1–%d characters of [a-zA-Z0-9_.-]", cfg.Name, MaxConsumerNameLength)
	case cfg.BatchSize < 1 || cfg.BatchSize > MaxGroupBatchSize:
		return nil, fmt.Errorf("stream: group batch size %d is not in 1–%d", cfg.BatchSize, MaxGroupBatchSize)
	case cfg.BatchingWindow < 0 || cfg.BatchingWindow > MaxBatchingWindow:
		return nil, fmt.Errorf("stream: group batching window %v is not in 0–%v", cfg.BatchingWindow, MaxBatchingWindow)
	case maxRetries < -1 || maxRetries > MaxRetryAttempts:
		return nil, fmt.Errorf("stream: group maximum retry attempts %d is not -1 or in 0–%d", maxRetries, MaxRetryAttempts)
	case cfg.RetryDelay < 0 || cfg.CheckpointInterval < 0:
		return nil, fmt.Errorf("stream: group retry delay %v and checkpoint interval %v must not be negative", cfg.RetryDelay, cfg.CheckpointInterval)
	case cfg.InitialPosition.SequenceNumber != "":
		return nil, fmt.Errorf("stream: group initial position %s takes no sequence number", cfg.InitialPosition.Type)
	}
	var filter ShardFilter
	initial := checkpoint{kind: cpTrimHorizon}
	switch p := cfg.InitialPosition; p.Type {
	case TrimHorizon:
		filter.Type = FilterFromTrimHorizon
	case Latest:
		filter.Type, initial.kind = FilterAtLatest, cpLatest
	case AtTimestamp:
		if p.Timestamp.IsZero() || p.Timestamp.UnixNano() > s.now() {
			return nil, errors.New("stream: group initial position AT_TIMESTAMP needs a timestamp no later than now")
		}
		filter, initial.kind = ShardFilter{Type: FilterFromTimestamp, Timestamp: p.Timestamp}, cpAtTimestamp
	default:
		return nil, fmt.Errorf("stream: group initial position %q is not TRIM_HORIZON, LATEST or AT_TIMESTAMP", p.Type)
	}
	g := &Group[T]{
		s:          s,
		cfg:        cfg,
		h:          h,
		maxRetries: maxRetries,
		lambdaARN:  "arn:aws:lambda:" + s.opts.region + ":" + s.opts.account + ":function:" + cfg.Name,
		leases:     map[string]*lease{},
		workers:    map[string]*worker{},
		changed:    make(chan struct{}),
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
			return g, nil
		}
		in = ListShardsInput{NextToken: out.NextToken}
	}
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
// Run fails at once if workerID is empty or a worker of that name is
// running. It returns early, after the same shutdown, with the error that
// stops a shard: the stream deleted ([ErrResourceNotFound]) or an error
// from the on-failure destination.
func (g *Group[T]) Run(ctx context.Context, workerID string) error {
	if workerID != "" && ctx.Err() != nil {
		return nil // never joined: no lease moves for a worker already stopped
	}
	w, err := g.join(workerID)
	if err != nil {
		return err
	}
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
	wg.Wait()
	return runErr
}

// join adds a worker named id.
func (g *Group[T]) join(id string) (*worker, error) {
	if id == "" {
		return nil, errors.New("stream: a worker needs an id")
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.workers[id] != nil {
		return nil, fmt.Errorf("stream: worker %q is already running in group %s", id, g.cfg.Name)
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
	l.switches++
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

// parentsDoneLocked reports whether every parent of l that has a lease is
// finished. A parent without one (past retention, or before the initial
// position) has nothing left to read.
func (g *Group[T]) parentsDoneLocked(l *lease) bool {
	for _, id := range l.parents {
		if p := g.leases[id]; p != nil && !p.finished {
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
