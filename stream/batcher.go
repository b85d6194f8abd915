package stream

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/internal/uuid"
)

// A processor reads one leased shard for its worker and hands the records
// to the group's handler in batches, as a Lambda event-source mapping
// does: a batch is BatchSize records, or what was gathered within the
// batching window; a failed batch is retried, bisected if asked, and given
// up to the on-failure destination when its retries run out; progress is
// checkpointed in the lease. It ends when its lease is revoked or its
// worker stops (checkpointing its progress and releasing the lease), or at
// the end of its shard (checkpointing SHARD_END and adding the children's
// leases).
type processor[T any] struct {
	g       *Group[T]
	w       *worker
	l       *lease // read and written only under the group's lock
	shardID string
	stop    <-chan struct{} // closed when the lease is revoked
	from    checkpoint      // where reading starts

	done    SequenceNumber // the last record processed; zero before the first
	written int64          // when progress was last checkpointed, ns
}

// run processes the shard until the processor stops.
func (p *processor[T]) run(ctx context.Context) {
	p.written = p.g.s.now()
	c, children, err := p.open()
	switch {
	case err != nil:
		p.fail(err)
		return
	case c == nil:
		p.finish(children) // the shard expired before it was read to its end
		return
	}
	if p.from.kind == cpLatest || p.from.kind == cpAtTimestamp {
		// Resolved now: if the lease is given up before a record is
		// processed, the next holder goes on from here, not from a later
		// LATEST.
		p.done = c.continuation()
	}
	for {
		batch, end, children, stopped, err := p.gather(ctx, c)
		switch {
		case err != nil:
			p.fail(err)
			return
		case stopped:
			p.release(ctx)
			return
		}
		if len(batch) > 0 {
			completed, err := p.handle(ctx, batch)
			switch {
			case err != nil:
				p.fail(err)
				return
			case !completed:
				p.release(ctx)
				return
			}
		}
		if end {
			p.finish(children)
			return
		}
	}
}

// open returns a cursor at the lease's checkpoint, or, when the shard has
// expired, no cursor and the shard's children.
func (p *processor[T]) open() (*cursor[T], []ChildShard, error) {
	s := p.g.s
	pos := StartingPosition{Type: TrimHorizon}
	switch p.from.kind {
	case cpLatest:
		pos.Type = Latest
	case cpAtTimestamp:
		pos = StartingPosition{Type: AtTimestamp, Timestamp: p.g.cfg.InitialPosition.Timestamp}
	case cpSequence:
		pos = StartingPosition{Type: AfterSequenceNumber, SequenceNumber: p.from.seq.String()}
	}
	c, err := s.newCursor(p.shardID, pos, "GetShardIterator")
	if err == nil {
		return c, nil, nil
	}
	if errors.Is(err, ErrResourceNotFound) {
		if children, ok := s.retiredShard(p.shardID); ok {
			return nil, children, nil
		}
	}
	return nil, nil, err
}

// retiredShard returns the children of the shard named id if it has
// expired (closed, and all of it past retention).
func (s *Stream[T]) retiredShard(id string) ([]ChildShard, bool) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := parseShardID(id)
	if s.deleted || !ok || int(i) >= len(s.shards) {
		return nil, false
	}
	sh := s.shards[i]
	if s.expireLocked(sh, now); !sh.expired {
		return nil, false
	}
	return childShards(sh), true
}

// take reads at most limit of the records stored after the cursor and
// moves past them. end reports that the shard is closed and read to its
// end, or has expired; children are then its children. When there is
// nothing to read in an open shard, wake is closed at its next change.
func (c *cursor[T]) take(limit int) (sp span[T], wake <-chan struct{}, end bool, children []ChildShard, err error) {
	s, sh, now := c.s, c.sh, c.s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.deleted {
		return sp, nil, false, nil, s.streamNotFound()
	}
	sp = s.spanLocked(sh, c.pos, now)
	if sh.expired {
		return span[T]{}, nil, true, childShards(sh), nil
	}
	sp.seg = sp.seg[:min(len(sp.seg), limit)]
	c.pos = sp.from + uint64(len(sp.seg))
	if !sh.open() && c.pos >= sh.log.n {
		return sp, nil, true, childShards(sh), nil
	}
	if len(sp.seg) == 0 {
		wake = sh.waitChan()
	}
	return sp, wake, false, nil, nil
}

// continuation returns the sequence number of the record before the
// cursor's position (see continuationLocked).
func (c *cursor[T]) continuation() SequenceNumber {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return c.s.continuationLocked(c.sh, c.pos)
}

// gather reads the next batch: BatchSize records, or fewer when the shard
// has no more for now (with no batching window), when the batching window
// has passed since the first record was read, or at the end of the shard.
// It returns stopped when the lease is revoked or ctx ends first; records
// gathered then are dropped, to be read again by the next holder.
func (p *processor[T]) gather(ctx context.Context, c *cursor[T]) (batch []Record[T], end bool, children []ChildShard, stopped bool, err error) {
	g := p.g
	size := g.cfg.BatchSize
	var window chan struct{} // nil until the first record: blocks forever
	var timer clock.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		if p.stopping(ctx) {
			return nil, false, nil, true, nil
		}
		sp, wake, end, children, err := c.take(size - len(batch))
		if err != nil {
			return nil, false, nil, false, err
		}
		if batch == nil && len(sp.seg) > 0 {
			batch = make([]Record[T], 0, min(size, chunkSize))
		}
		for j := range sp.seg {
			batch = append(batch, sp.record(j, g.s.epochMs))
		}
		switch {
		case end || len(batch) == size:
			return batch, end, children, false, nil
		case len(sp.seg) > 0:
			continue // more may be stored
		case len(batch) > 0 && g.cfg.BatchingWindow == 0:
			return batch, false, nil, false, nil
		case len(batch) > 0 && timer == nil:
			ch := make(chan struct{})
			window = ch
			timer = g.s.opts.clock.AfterFunc(g.cfg.BatchingWindow, func() { close(ch) })
		}
		select {
		case <-wake:
		case <-window:
			return batch, false, nil, false, nil
		case <-ctx.Done():
			return nil, false, nil, true, nil
		case <-p.stop:
			return nil, false, nil, true, nil
		}
	}
}

// handle hands batch to the handler until every record is processed or
// given up to the on-failure destination, and reports whether it got that
// far: it stops early when the lease is revoked or ctx ends, leaving the
// rest to the next holder. Its error is the on-failure destination's.
//
// A failed batch (the failed part of it, for a partial failure) is split
// in two when BisectBatchOnError is set and it holds more than one record;
// otherwise it is retried, until it has been retried MaximumRetryAttempts
// times, and then given up. The halves of a split batch keep its count of
// retries. Batches are handled strictly in order, so a shard's records are
// always processed in order.
func (p *processor[T]) handle(ctx context.Context, batch []Record[T]) (completed bool, err error) {
	type piece struct {
		recs    []Record[T]
		retries int
		invokes int
	}
	g := p.g
	work := []piece{{recs: batch}}
	for len(work) > 0 {
		if p.stopping(ctx) {
			return false, nil
		}
		b := &work[0]
		herr := g.h.HandleBatch(ctx, p.shardID, b.recs)
		b.invokes++
		at, failed := failedFrom(herr, b.recs)
		if !failed {
			p.advance(b.recs[len(b.recs)-1].SequenceNumber)
			work = work[1:]
			continue
		}
		if ctx.Err() != nil {
			return false, nil // the worker is stopping: the failure does not count
		}
		if at > 0 {
			p.advance(b.recs[at-1].SequenceNumber)
		}
		rest := b.recs[at:]
		switch {
		case g.cfg.BisectBatchOnError && len(rest) > 1:
			half := len(rest) / 2
			work = append([]piece{{recs: rest[:half], retries: b.retries}, {recs: rest[half:], retries: b.retries}}, work[1:]...)
		case g.maxRetries >= 0 && b.retries >= g.maxRetries:
			if err := p.sendFailure(ctx, rest, herr, b.invokes); err != nil {
				if ctx.Err() != nil {
					return false, nil
				}
				return false, err
			}
			p.advance(rest[len(rest)-1].SequenceNumber)
			work = work[1:]
		default:
			if !p.sleep(ctx, g.cfg.RetryDelay) {
				return false, nil
			}
			b.recs, b.retries = rest, b.retries+1
		}
	}
	return true, nil
}

// failedFrom returns the index in batch of the first failed record, if
// err fails any.
func failedFrom[T any](err error, batch []Record[T]) (int, bool) {
	if err == nil {
		return 0, false
	}
	var items *BatchItemFailures
	if !errors.As(err, &items) {
		return 0, true
	}
	if items == nil || len(items.SequenceNumbers) == 0 {
		return 0, false
	}
	first := len(batch)
	for _, sn := range items.SequenceNumbers {
		i, found := slices.BinarySearchFunc(batch, sn, func(r Record[T], sn SequenceNumber) int { return r.SequenceNumber.Compare(sn) })
		if !found {
			return 0, true // not in the batch: the whole batch failed
		}
		first = min(first, i)
	}
	return first, true
}

// stopping reports whether the lease was revoked or ctx ended.
func (p *processor[T]) stopping(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return true
	case <-p.stop:
		return true
	default:
		return false
	}
}

// sleep waits d on the stream's clock and reports whether it did, rather
// than stop.
func (p *processor[T]) sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return !p.stopping(ctx)
	}
	done := make(chan struct{})
	t := p.g.s.opts.clock.AfterFunc(d, func() { close(done) })
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-ctx.Done():
	case <-p.stop:
	}
	return false
}

// advance records that the shard is processed up to seq, and checkpoints
// it when CheckpointInterval says so.
func (p *processor[T]) advance(seq SequenceNumber) {
	p.done = seq
	now := p.g.s.now()
	if iv := int64(p.g.cfg.CheckpointInterval); iv > 0 && now-p.written < iv {
		return
	}
	p.written = now
	p.g.mu.Lock()
	defer p.g.mu.Unlock()
	p.g.checkpointLocked(p.l, checkpoint{kind: cpSequence, seq: seq})
}

// progress returns the checkpoint of the processor's progress, or nil if
// it processed nothing.
func (p *processor[T]) progress() *checkpoint {
	if p.done.IsZero() {
		return nil
	}
	return &checkpoint{kind: cpSequence, seq: p.done}
}

// release checkpoints the processor's progress and frees its lease. When
// ctx has ended the worker is stopping: it leaves first, so that the lease
// goes to another worker rather than back to it.
func (p *processor[T]) release(ctx context.Context) {
	p.g.mu.Lock()
	defer p.g.mu.Unlock()
	if ctx.Err() != nil {
		p.g.leaveLocked(p.w)
	}
	p.g.releaseLocked(p.l, p.progress())
}

// fail releases the lease as release does, stops the worker and hands it
// err.
func (p *processor[T]) fail(err error) {
	g := p.g
	g.mu.Lock()
	g.releaseLocked(p.l, p.progress())
	g.leaveLocked(p.w)
	g.mu.Unlock()
	select {
	case p.w.fatal <- err:
	default: // the worker is already stopping with an error
	}
}

// finish checkpoints the lease at SHARD_END, adds leases for the shard's
// children and frees it; children whose parents are all finished are then
// handed out.
func (p *processor[T]) finish(children []ChildShard) {
	g := p.g
	g.mu.Lock()
	defer g.mu.Unlock()
	p.l.finished = true
	g.checkpointLocked(p.l, checkpoint{kind: cpShardEnd})
	for _, c := range children {
		g.addLeaseLocked(c.ShardID, c.ParentShards, checkpoint{kind: cpTrimHorizon})
	}
	g.releaseLocked(p.l, nil)
}

// sendFailure gives recs up to the on-failure destination, if there is
// one.
func (p *processor[T]) sendFailure(ctx context.Context, recs []Record[T], herr error, invokes int) error {
	g := p.g
	if g.cfg.OnFailure == nil {
		return nil
	}
	fb := &FailedBatch[T]{
		RequestID:              uuid.String(uuid.Stamp(rand.Uint64(), rand.Uint64(), 4)),
		Condition:              ConditionRetryAttemptsExhausted,
		ApproximateInvokeCount: invokes,
		Err:                    herr,
		Timestamp:              time.Unix(0, g.s.now()).UTC(),
		StreamARN:              g.s.arn,
		ShardID:                p.shardID,
		Records:                recs,
		functionARN:            g.lambdaARN,
	}
	return g.cfg.OnFailure.SendFailure(ctx, fb)
}

// ConditionRetryAttemptsExhausted is the Condition of a batch given up
// after its last retry.
const ConditionRetryAttemptsExhausted = "RetryAttemptsExhausted"

// FailedBatch is a batch of one shard given up after its retries, as a
// Lambda event-source mapping sends it to its on-failure destination. Its
// JSON encoding is Lambda's invocation record for Kinesis (requestContext,
// responseContext, version, timestamp and KinesisBatchInfo), which names
// the records by their sequence numbers; the records themselves are in
// Records.
type FailedBatch[T any] struct {
	// RequestID identifies the failure: a random UUID.
	RequestID string
	// Condition says why the batch was given up:
	// ConditionRetryAttemptsExhausted.
	Condition string
	// ApproximateInvokeCount is how many times the handler was called for
	// these records before they were given up, since the batch they came
	// in was last split.
	ApproximateInvokeCount int
	// Err is the handler's last error.
	Err error
	// Timestamp is when the batch was given up, on the stream's clock.
	Timestamp time.Time
	StreamARN string
	ShardID   string
	// Records are the records given up, oldest first.
	Records []Record[T]

	functionARN string
}

// MarshalJSON writes f as Lambda's invocation record for a Kinesis
// on-failure destination. The function ARN it names is
// arn:aws:lambda:region:account:function: and the group's name.
func (f *FailedBatch[T]) MarshalJSON() ([]byte, error) {
	type requestContext struct {
		RequestID              string `json:"requestId"`
		FunctionARN            string `json:"functionArn"`
		Condition              string `json:"condition"`
		ApproximateInvokeCount int    `json:"approximateInvokeCount"`
	}
	type responseContext struct {
		StatusCode      int    `json:"statusCode"`
		ExecutedVersion string `json:"executedVersion"`
		FunctionError   string `json:"functionError"`
	}
	type batchInfo struct {
		ShardID                         string `json:"shardId"`
		StartSequenceNumber             string `json:"startSequenceNumber"`
		EndSequenceNumber               string `json:"endSequenceNumber"`
		ApproximateArrivalOfFirstRecord string `json:"approximateArrivalOfFirstRecord"`
		ApproximateArrivalOfLastRecord  string `json:"approximateArrivalOfLastRecord"`
		BatchSize                       int    `json:"batchSize"`
		StreamARN                       string `json:"streamArn"`
	}
	type record struct {
		RequestContext   requestContext  `json:"requestContext"`
		ResponseContext  responseContext `json:"responseContext"`
		Version          string          `json:"version"`
		Timestamp        string          `json:"timestamp"`
		KinesisBatchInfo batchInfo       `json:"KinesisBatchInfo"`
	}
	const isoMillis = "2006-01-02T15:04:05.000Z"
	r := record{
		RequestContext:  requestContext{f.RequestID, f.functionARN, f.Condition, f.ApproximateInvokeCount},
		ResponseContext: responseContext{StatusCode: 200, ExecutedVersion: "$LATEST", FunctionError: "Unhandled"},
		Version:         "1.0",
		Timestamp:       f.Timestamp.UTC().Format(isoMillis),
		KinesisBatchInfo: batchInfo{
			ShardID:   f.ShardID,
			BatchSize: len(f.Records),
			StreamARN: f.StreamARN,
		},
	}
	if n := len(f.Records); n > 0 {
		first, last := f.Records[0], f.Records[n-1]
		r.KinesisBatchInfo.StartSequenceNumber = first.SequenceNumber.String()
		r.KinesisBatchInfo.EndSequenceNumber = last.SequenceNumber.String()
		r.KinesisBatchInfo.ApproximateArrivalOfFirstRecord = first.ApproximateArrivalTimestamp.UTC().Format(isoMillis)
		r.KinesisBatchInfo.ApproximateArrivalOfLastRecord = last.ApproximateArrivalTimestamp.UTC().Format(isoMillis)
	}
	return json.Marshal(r)
}
