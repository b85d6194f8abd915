package stream

import (
	"context"
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
// up to the on-failure destination when its retries run out or its records
// are too old; progress is checkpointed in the lease. It ends when its
// lease is revoked or its worker stops (checkpointing its progress and
// releasing the lease), or at the end of its shard (checkpointing
// SHARD_END and adding the children's leases).
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
// Records are handled strictly in order, so a shard's records are always
// processed in order. When a batch fails as a whole and BisectBatchOnError
// is set, it is split in two, each half keeping its count of retries.
// Otherwise the failed records — all of them, or, for a partial failure,
// those from the first failed one on — are retried until they have been
// retried MaximumRetryAttempts times and are then given up. Before each
// retry, failed records too old to be retried (agedOut) are given up.
func (p *processor[T]) handle(ctx context.Context, batch []Record[T]) (completed bool, err error) {
	type piece struct {
		recs    []Record[T]
		retries int
		invokes int
		lastErr error // the handler's last error for these records; nil before they failed
	}
	g := p.g
	work := []piece{{recs: batch}}
	for len(work) > 0 {
		if p.stopping(ctx) {
			return false, nil
		}
		b := &work[0]
		if b.lastErr != nil { // a retry: records too old are given up first
			if n := p.agedOut(b.recs); n > 0 {
				if ok, err := p.giveUp(ctx, b.recs[:n], ConditionRecordAgeExceeded, b.lastErr, b.invokes); !ok {
					return false, err
				}
				if b.recs = b.recs[n:]; len(b.recs) == 0 {
					work = work[1:]
					continue
				}
			}
		}
		herr := g.h.HandleBatch(ctx, p.shardID, b.recs)
		b.invokes++
		at, whole, failed := failedFrom(herr, b.recs)
		if !failed {
			p.advance(b.recs[len(b.recs)-1].SequenceNumber)
			work = work[1:]
			continue
		}
		if at > 0 {
			// Before anything else: the handler processed these, even if
			// the worker is stopping.
			p.advance(b.recs[at-1].SequenceNumber)
		}
		if ctx.Err() != nil {
			return false, nil // the worker is stopping: the failure does not count
		}
		rest := b.recs[at:]
		switch {
		case g.cfg.BisectBatchOnError && whole && len(rest) > 1:
			half := len(rest) / 2
			work = append([]piece{
				{recs: rest[:half], retries: b.retries, lastErr: herr},
				{recs: rest[half:], retries: b.retries, lastErr: herr},
			}, work[1:]...)
		case g.set.maxRetries >= 0 && b.retries >= g.set.maxRetries:
			if ok, err := p.giveUp(ctx, rest, ConditionRetryAttemptsExhausted, herr, b.invokes); !ok {
				return false, err
			}
			work = work[1:]
		default:
			if !p.sleep(ctx, g.cfg.RetryDelay) {
				return false, nil
			}
			b.recs, b.retries, b.lastErr = rest, b.retries+1, herr
		}
	}
	return true, nil
}

// failedFrom reads a handler's answer err for batch: failed reports
// whether any record failed, at is the index of the first that did, and
// whole that the handler failed the batch as a whole (with any error but
// a [BatchItemFailures] naming records of the batch).
func failedFrom[T any](err error, batch []Record[T]) (at int, whole, failed bool) {
	if err == nil {
		return 0, false, false
	}
	var items *BatchItemFailures
	if !errors.As(err, &items) {
		return 0, true, true
	}
	if items == nil || len(items.SequenceNumbers) == 0 {
		return 0, false, false
	}
	first := len(batch)
	for _, sn := range items.SequenceNumbers {
		i, found := slices.BinarySearchFunc(batch, sn, func(r Record[T], sn SequenceNumber) int { return r.SequenceNumber.Compare(sn) })
		if !found {
			return 0, true, true // not in the batch: the whole batch failed
		}
		first = min(first, i)
	}
	return first, false, true
}

// agedOut returns how many records at the front of recs are too old to
// be retried, as Lambda judges them: older than MaximumRecordAge, or past
// the stream's retention (records Lambda can no longer read, which it
// discards the same way). Records that have not failed are handed over
// whatever their age, so handle asks only before a retry.
func (p *processor[T]) agedOut(recs []Record[T]) int {
	now, retention, maxAge := p.g.s.now(), p.g.s.retention(), int64(p.g.set.maxAge)
	n := 0
	for _, r := range recs {
		age := now - r.ApproximateArrivalTimestamp.UnixNano()
		if age < retention && (maxAge == 0 || age <= maxAge) {
			break
		}
		n++
	}
	return n
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

// giveUp sends recs to the on-failure destination, as given up for
// condition after invokes calls that ended with herr, and moves past them.
// It reports whether it did; if not, its error is the destination's, or
// nil when the destination failed only because the worker is stopping
// (the records are then left to the next holder).
func (p *processor[T]) giveUp(ctx context.Context, recs []Record[T], condition string, herr error, invokes int) (bool, error) {
	if err := p.sendFailure(ctx, recs, condition, herr, invokes); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
			return false, nil
		}
		return false, err
	}
	p.advance(recs[len(recs)-1].SequenceNumber)
	return true, nil
}

// sendFailure gives recs up to the on-failure destination, if there is
// one.
func (p *processor[T]) sendFailure(ctx context.Context, recs []Record[T], condition string, herr error, invokes int) error {
	g := p.g
	if g.cfg.OnFailure == nil {
		return nil
	}
	fb := &FailedBatch[T]{
		RequestID:              uuid.String(uuid.Stamp(rand.Uint64(), rand.Uint64(), 4)),
		Condition:              condition,
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
