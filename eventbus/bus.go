package eventbus

import (
	"context"
	"math/rand/v2"
	"regexp"
	"sync"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/pattern"
)

// DefaultBusName is the name of the bus every account has, the only one
// that runs scheduled rules.
const DefaultBusName = "default"

// Config defines a bus.
type Config struct {
	// Name is 1–256 characters of letters, digits and . - _ /; empty
	// means "default", the account's default bus.
	Name string
	// Description is up to 512 characters.
	Description string
}

// Bus is an event bus: PutEvents puts events on it, its rules pick them by
// pattern (or fire on a schedule) and send them to their targets, shaped,
// retried and dead-lettered as EventBridge does; its archives keep them
// for replay.
//
// A Bus is safe for concurrent use and must not be copied. Deliveries run
// in goroutines of the bus's own, started while there is work and gone
// when there is none; [Bus.Close] stops them.
type Bus struct {
	name, arn string
	cfg       Config
	opts      options
	clock     clock.Clock

	mu       sync.RWMutex
	closed   bool
	rules    map[string]*rule
	index    pattern.Index[*rule] // the enabled rules with patterns
	archives map[string]*archive
	replays  map[string]*replay

	randMu sync.Mutex
	rand   *rand.Rand

	delivery deliverer
	stats    counters
}

var busNamePattern = regexp.MustCompile(`^[/\.\-_A-Za-z0-9]+$`)

// New returns a bus, or [ErrValidation] for a name or description
// EventBridge refuses.
func New(cfg Config, opts ...Option) (*Bus, error) {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	if cfg.Name == "" {
		cfg.Name = DefaultBusName
	}
	var vs awserr.Violations
	switch {
	case len(cfg.Name) > 256:
		vs.AddString(cfg.Name, "name", awserr.LengthAtMost(256))
	case !busNamePattern.MatchString(cfg.Name):
		vs.AddString(cfg.Name, "name", awserr.Pattern(`[/\.\-_A-Za-z0-9]+`))
	}
	if len(cfg.Description) > 512 {
		vs.AddString(cfg.Description, "description", awserr.LengthAtMost(512))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return nil, err
	}
	b := &Bus{
		name:     cfg.Name,
		cfg:      cfg,
		opts:     o,
		clock:    o.clock,
		rules:    map[string]*rule{},
		archives: map[string]*archive{},
		replays:  map[string]*replay{},
		rand:     o.random(),
	}
	b.arn = b.resourceARN("event-bus/" + cfg.Name)
	b.delivery.init(b, o.concurrency)
	return b, nil
}

// Name returns the bus's name.
func (b *Bus) Name() string { return b.name }

// ARN returns arn:aws:events:region:account:event-bus/name.
func (b *Bus) ARN() string { return b.arn }

// Config returns the bus's definition.
func (b *Bus) Config() Config { return b.cfg }

func (b *Bus) resourceARN(resource string) string {
	return "arn:aws:events:" + b.opts.region + ":" + b.opts.account + ":" + resource
}

// newID returns a fresh event id.
func (b *Bus) newID() string {
	b.randMu.Lock()
	defer b.randMu.Unlock()
	return newID(b.rand)
}

// Flush waits until every event the bus has accepted so far has been
// delivered to each target it matched, dead-lettered or dropped,
// including deliveries waiting to be retried, and every replay running
// has finished. It returns ctx's error if ctx ends first; deliveries go
// on.
//
// Retries wait on the bus's clock: under a [clock.Manual], Flush returns
// only once the test has moved the clock past them.
func (b *Bus) Flush(ctx context.Context) error {
	return b.delivery.flush(ctx)
}

// Close stops the bus: schedules stop firing, running replays are
// cancelled, deliveries waiting for a worker or a retry are dropped (and
// counted as such), and Close waits for the deliveries under way. If ctx
// ends first, their contexts are cancelled and Close still waits for them
// to return, so that no goroutine is left behind, then returns ctx's
// error. Later calls fail with [ErrResourceNotFound]; Close itself may be
// called again.
func (b *Bus) Close(ctx context.Context) error {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		for _, r := range b.rules {
			r.stopSchedule()
		}
		for _, rp := range b.replays {
			rp.cancel()
		}
	}
	b.mu.Unlock()
	return b.delivery.close(ctx)
}

// notFound returns ErrResourceNotFound with AWS's message for a missing
// bus, which a closed bus is.
func (b *Bus) notFound() error {
	return ErrResourceNotFound.Errorf("Event bus %s does not exist.", b.name)
}
