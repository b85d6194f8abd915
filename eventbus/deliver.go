package eventbus

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus/internal/input"
)

// job is one event on its way to one target.
type job struct {
	rule     *rule
	target   *target
	event    *Event
	raw      []byte    // the event's JSON
	received time.Time // when the bus took the event: its age counts from here
	attempt  int       // attempts made so far
	timer    clock.Timer
	first    *firstAttempts
}

// firstAttempts tells when the first attempt of each of a set of jobs has
// been made, which paces replays.
type firstAttempts struct {
	left atomic.Int32
	done chan struct{}
}

func newFirstAttempts(n int) *firstAttempts {
	f := &firstAttempts{done: make(chan struct{})}
	f.left.Store(int32(n))
	if n == 0 {
		close(f.done)
	}
	return f
}

func (f *firstAttempts) made() {
	if f.left.Add(-1) == 0 {
		close(f.done)
	}
}

// deliverer runs the bus's deliveries: a queue of jobs served by at most
// limit goroutines, which exist only while there are jobs, and retries
// waiting on the clock.
type deliverer struct {
	bus   *Bus
	limit int

	ctx    context.Context // ends when the bus closes
	cancel context.CancelFunc

	mu          sync.Mutex
	closed      bool
	queue       []*job
	running     int               // worker goroutines
	busy        int               // workers delivering a job; the others are taking one
	waiting     map[*job]struct{} // jobs whose retry timer is pending
	outstanding int               // jobs queued, running or waiting
	idle        chan struct{}     // closed while outstanding is 0
	workers     sync.WaitGroup
}

func (d *deliverer) init(b *Bus, limit int) {
	d.bus, d.limit = b, limit
	d.ctx, d.cancel = context.WithCancel(context.Background())
	d.waiting = map[*job]struct{}{}
	d.idle = make(chan struct{})
	close(d.idle)
}

// submit takes jobs for delivery and returns a channel closed once each
// has had its first attempt.
func (d *deliverer) submit(jobs []*job) <-chan struct{} {
	first := newFirstAttempts(len(jobs))
	for _, j := range jobs {
		j.first = first
	}
	d.enqueue(jobs)
	return first.done
}

// enqueue takes jobs for delivery; after close it drops them.
func (d *deliverer) enqueue(jobs []*job) {
	if len(jobs) == 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		d.bus.stats.add(&d.bus.stats.dropped, len(jobs))
		for _, j := range jobs {
			j.first.made()
		}
		return
	}
	if d.outstanding == 0 {
		d.idle = make(chan struct{})
	}
	d.outstanding += len(jobs)
	d.queue = append(d.queue, jobs...)
	d.startWorkers()
}

// startWorkers starts goroutines for queued jobs, up to the limit: one for
// each job no free worker will take, so that a slow delivery holds back no
// other. d.mu is held.
func (d *deliverer) startWorkers() {
	for d.running < d.limit && d.running-d.busy < len(d.queue) {
		d.running++
		d.workers.Add(1)
		go d.work()
	}
}

// work delivers queued jobs until none is left.
func (d *deliverer) work() {
	defer d.workers.Done()
	for {
		d.mu.Lock()
		if len(d.queue) == 0 {
			d.running--
			d.mu.Unlock()
			return
		}
		j := d.queue[0]
		d.queue[0] = nil
		d.queue = d.queue[1:]
		d.busy++
		d.mu.Unlock()
		d.deliver(j)
		d.mu.Lock()
		d.busy--
		d.mu.Unlock()
	}
}

// done retires a job that needs nothing more.
func (d *deliverer) done() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.retire()
}

// hold counts work outside the queue (a replay) as outstanding, so that
// flush and close wait for it; false means the bus has closed. release
// ends it.
func (d *deliverer) hold() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return false
	}
	if d.outstanding == 0 {
		d.idle = make(chan struct{})
	}
	d.outstanding++
	d.workers.Add(1)
	return true
}

func (d *deliverer) release() {
	d.done()
	d.workers.Done()
}

func (d *deliverer) retire() {
	if d.outstanding--; d.outstanding == 0 {
		close(d.idle)
	}
}

// deliver makes one attempt at a job and decides what follows a failure:
// a retry on the clock, the dead-letter queue, or nothing.
func (d *deliverer) deliver(j *job) {
	if j.attempt == 0 {
		defer j.first.made()
	}
	defer d.done()
	j.attempt++
	err := d.attempt(j)
	if err == nil {
		return
	}
	code, retry := classify(err)
	exhausted := ""
	if retry {
		b, t := d.bus, j.target
		delay := b.backoff(j.attempt)
		switch {
		case j.attempt > t.maxRetries:
			exhausted = "MaximumRetryAttempts"
		case b.now().Add(delay).Sub(j.received) > t.maxAge:
			exhausted = "MaximumEventAgeInSeconds"
		default:
			if !d.retryLater(j, delay) {
				b.stats.add(&b.stats.dropped, 1) // the bus closed
			}
			return
		}
	}
	d.deadLetter(j, code, err, exhausted)
}

// attempt shapes the job's input and sends it. Input that cannot be made
// fails as INVALID_JSON, for good; an InputPath that selects nothing
// sends nothing and succeeds.
func (d *deliverer) attempt(j *job) error {
	b, t := d.bus, j.target
	in, err := t.shaper.Apply(j.raw, input.Vars{RuleARN: j.rule.arn, RuleName: j.rule.name, IngestionTime: j.received})
	switch {
	case errors.Is(err, input.ErrNothingSelected):
		return nil
	case err != nil:
		return &TargetError{Code: "INVALID_JSON", Err: err}
	}
	b.stats.add(&b.stats.invocations, 1)
	// Every target of the event may be given the same bytes (the event
	// itself); each gets its own copy, to keep or change.
	err = t.cfg.Destination.Send(d.ctx, Delivery{Input: bytes.Clone(in), Event: j.event, RuleARN: j.rule.arn, TargetID: t.cfg.ID, Attempt: j.attempt})
	if err != nil {
		b.stats.add(&b.stats.failedInvocations, 1)
	}
	return err
}

// retryLater schedules the job's next attempt; false means the bus has
// closed and the job is dropped. Either way the job stays outstanding
// until the caller's done, which the timer answers for with an
// outstanding count of its own.
func (d *deliverer) retryLater(j *job, delay time.Duration) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return false
	}
	d.outstanding++
	d.bus.stats.add(&d.bus.stats.retries, 1)
	d.waiting[j] = struct{}{}
	j.timer = d.bus.clock.AfterFunc(delay, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if _, ok := d.waiting[j]; !ok {
			return // dropped by close
		}
		delete(d.waiting, j)
		d.queue = append(d.queue, j)
		d.startWorkers()
	})
	return true
}

// flush waits until no job is outstanding.
func (d *deliverer) flush(ctx context.Context) error {
	d.mu.Lock()
	idle := d.idle
	d.mu.Unlock()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close drops the jobs waiting for a retry or for a worker and waits for
// the running ones, cancelling them if ctx ends first.
func (d *deliverer) close(ctx context.Context) error {
	d.mu.Lock()
	if !d.closed {
		d.closed = true
		for j := range d.waiting {
			j.timer.Stop()
			delete(d.waiting, j)
			d.bus.stats.add(&d.bus.stats.dropped, 1)
			d.retire()
		}
		for i, j := range d.queue {
			d.queue[i] = nil
			if j.attempt == 0 {
				j.first.made()
			}
			d.bus.stats.add(&d.bus.stats.dropped, 1)
			d.retire()
		}
		d.queue = nil
	}
	d.mu.Unlock()
	stopped := make(chan struct{})
	go func() {
		d.workers.Wait()
		close(stopped)
	}()
	select {
	case <-stopped:
		d.cancel()
		return nil
	default:
	}
	select {
	case <-stopped:
		d.cancel()
		return nil
	case <-ctx.Done():
		d.cancel()
		<-stopped
		return ctx.Err()
	}
}
