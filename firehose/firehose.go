package firehose

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/switchyard/switchyard/clock"
)

// DeliveryStream is a Firehose delivery stream: it takes records, buffers
// them, transforms them if it has a processor, and delivers each full or
// timed-out buffer to its destination, retrying what fails and putting
// aside what cannot be delivered. It is safe for concurrent use.
//
// A delivery stream starts one goroutine while it has buffers to deliver
// (and, with a stream source, one that reads the stream); [Close] delivers
// what it holds and leaves none behind.
type DeliveryStream struct {
	name, arn string
	created   time.Time
	clock     clock.Clock
	opts      options
	set       *settings
	tag       uint64 // tells this delivery stream's record ids from others'

	mu       sync.Mutex
	closed   bool
	next     uint64             // the number of the last record taken
	stage1   *buffer            // records waiting for the processor
	parts    map[string]*buffer // records waiting for delivery, by partition
	sizes    [2]bufferSize      // what the last buffer of each stage held
	jobs     []job              // sealed buffers and failures, in order
	queued   int64              // jobs queued so far
	done     int64              // jobs the drainer has finished
	progress chan struct{}      // closed (and replaced) when a job finishes
	draining bool               // a drainer goroutine runs
	idle     chan struct{}      // closed while no drainer runs
	rng      *rand.Rand
	stats    Stats

	ctx    context.Context // ends when Close gives up on what is left
	cancel context.CancelFunc
	source *sourceRun
}

// New creates a delivery stream from cfg, checked as CreateDeliveryStream
// checks it: a model constraint broken gives [ErrValidation], a
// combination AWS refuses [ErrInvalidArgument]. The delivery stream is
// ACTIVE at once; with a stream source, it reads from the stream's
// LATEST position as of New.
func New(cfg Config, opts ...Option) (*DeliveryStream, error) {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	set, err := cfg.check()
	if err != nil {
		return nil, err
	}
	ds := &DeliveryStream{
		name:     cfg.Name,
		arn:      "arn:aws:firehose:" + o.region + ":" + o.account + ":deliverystream/" + cfg.Name,
		created:  o.clock.Now(),
		clock:    o.clock,
		opts:     o,
		set:      set,
		parts:    make(map[string]*buffer),
		idle:     make(chan struct{}),
		progress: make(chan struct{}),
		rng:      o.rand(),
	}
	close(ds.idle)
	ds.tag = ds.rng.Uint64()
	ds.ctx, ds.cancel = context.WithCancel(context.Background())
	ds.set.bind(ds)
	if cfg.Source != nil {
		run, err := cfg.Source.start(ds)
		if err != nil {
			ds.cancel()
			return nil, err
		}
		ds.source = run
	}
	return ds, nil
}

// Name returns the delivery stream's name.
func (ds *DeliveryStream) Name() string { return ds.name }

// ARN returns the delivery stream's ARN.
func (ds *DeliveryStream) ARN() string { return ds.arn }

// Description is what DescribeDeliveryStream tells of a delivery stream.
type Description struct {
	DeliveryStreamName   string
	DeliveryStreamARN    string
	DeliveryStreamStatus string // ACTIVE, or DELETING once closed
	DeliveryStreamType   string // DirectPut or KinesisStreamAsSource
	VersionID            string
	CreateTimestamp      time.Time
	// SourceStreamARN is the ARN of the stream read, for
	// KinesisStreamAsSource.
	SourceStreamARN string
}

// Describe returns the delivery stream's description.
func (ds *DeliveryStream) Describe() Description {
	ds.mu.Lock()
	closed := ds.closed
	ds.mu.Unlock()
	d := Description{
		DeliveryStreamName:   ds.name,
		DeliveryStreamARN:    ds.arn,
		DeliveryStreamStatus: "ACTIVE",
		DeliveryStreamType:   "DirectPut",
		VersionID:            "1",
		CreateTimestamp:      ds.created,
	}
	if closed {
		d.DeliveryStreamStatus = "DELETING"
	}
	if ds.source != nil {
		d.DeliveryStreamType = "KinesisStreamAsSource"
		d.SourceStreamARN = ds.source.streamARN
	}
	return d
}

// Flush delivers every record the delivery stream holds now, whatever
// the buffering hints say, and returns once they are delivered (or put
// aside as failed); records taken meanwhile do not hold it up. It waits
// for retries, on the delivery stream's clock; when ctx ends first it
// returns ctx's error, and the records it sealed are delivered in the
// background.
//
// A Destination or Processor must not call Flush or Close: they wait for
// the goroutine that calls it.
func (ds *DeliveryStream) Flush(ctx context.Context) error {
	// Two rounds: the first hands the processor what waits for it; the
	// second delivers what the processor returned.
	for range 2 {
		ds.mu.Lock()
		ds.sealAllLocked()
		target := ds.queued
		ds.mu.Unlock()
		if err := ds.waitDone(ctx, target); err != nil {
			return err
		}
	}
	return nil
}

// waitDone waits until the drainer has finished the first n jobs.
func (ds *DeliveryStream) waitDone(ctx context.Context, n int64) error {
	for {
		ds.mu.Lock()
		finished, progress := ds.done >= n, ds.progress
		ds.mu.Unlock()
		if finished {
			return nil
		}
		select {
		case <-progress:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close stops the delivery stream: it stops reading its source, refuses
// further puts with [ErrResourceNotFound], and delivers everything it
// holds, as [Flush] does. If ctx ends before that is done, Close gives up
// what is left (retries stop, and those records count as lost) and
// returns ctx's error. Close is idempotent.
func (ds *DeliveryStream) Close(ctx context.Context) error {
	ds.mu.Lock()
	ds.closed = true
	ds.mu.Unlock()
	if ds.source != nil {
		ds.source.stop()
	}
	err := ds.Flush(ctx)
	if err != nil {
		ds.cancel()
		ds.mu.Lock()
		idle := ds.idle
		ds.mu.Unlock()
		<-idle // the drainer notices the cancel at its next wait
	}
	ds.mu.Lock()
	ds.stopTimersLocked()
	ds.mu.Unlock()
	ds.cancel()
	return err
}
