package firehoseapi

import (
	"context"
	"sync"
	"time"

	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/stream"
)

// destinationID is the id of a delivery stream's one destination.
const destinationID = "destinationId-000000000001"

// deliveryStream is one delivery stream: what the API keeps of it, and the
// engine's delivery stream that does the work.
//
// Lock order: admin, then mu; Service.mu is never held while either is
// taken.
type deliveryStream struct {
	name, arn string
	created   time.Time
	// source is the stream read, and how the request named it; nil for
	// DirectPut.
	source *streamSource

	// admin serialises the changes that replace or stop the engine's
	// delivery stream: UpdateDestination and deletion.
	admin sync.Mutex

	// mu guards the fields below. A put holds it for reading while it
	// hands records to ds, so that a change holding it for writing knows
	// no put is under way on the delivery stream it replaces or closes.
	mu         sync.RWMutex
	ds         *firehose.DeliveryStream
	dest       destination
	version    int
	updated    time.Time // zero until the first UpdateDestination
	deleted    bool
	tags       map[string]string
	encryption encryption
}

// streamSource is a KinesisStreamAsSource delivery stream's source.
type streamSource struct {
	config  kinesisStreamSourceConfiguration
	stream  *stream.Stream[[]byte]
	started time.Time
}

// encryption is the delivery stream's server-side encryption setting:
// kept and described; records are not encrypted.
type encryption struct {
	enabled bool
	keyType string
	keyARN  string
}

// newEngine makes the engine's delivery stream for destination d at
// version, reading src when it is not nil.
func (s *Service) newEngine(name string, version int, d destination, src *streamSource) (*firehose.DeliveryStream, error) {
	b := build{name: name, version: version}
	if src != nil {
		b.source = firehose.FromStream(src.stream, nil)
	}
	cfg, err := s.engineConfig(d, b)
	if err != nil {
		return nil, err
	}
	return firehose.New(cfg, firehose.WithAccount(s.region, s.account), firehose.WithClock(s.clock))
}

// put runs f on the delivery stream's engine, unless it is deleted.
func (e *deliveryStream) put(s *Service, f func(ds *firehose.DeliveryStream, encrypted bool) error) error {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.deleted {
		return s.notFound(e.name)
	}
	return f(e.ds, e.encryption.enabled)
}

// close stops the delivery stream for good, once the change under way (if
// any) is done: puts are refused, and what it holds is delivered until
// ctx ends.
func (e *deliveryStream) close(ctx context.Context) error {
	e.admin.Lock()
	defer e.admin.Unlock()
	e.mu.Lock()
	if e.deleted {
		e.mu.Unlock()
		return nil
	}
	e.deleted = true
	ds := e.ds
	e.mu.Unlock()
	return ds.Close(ctx)
}
