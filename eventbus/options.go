package eventbus

import (
	"math/rand/v2"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/internal/seed"
	"github.com/switchyard/switchyard/internal/uuid"
)

// Option changes how a bus behaves, not what it is.
type Option func(*options)

type options struct {
	clock       clock.Clock
	region      string
	account     string
	seeded      bool
	seed        uint64
	concurrency int
}

func defaultOptions() options {
	return options{clock: clock.System{}, region: "us-east-1", account: "123456789012", concurrency: 16}
}

// WithClock makes the bus read time, fire its schedules and wait its retry
// backoffs on c: a [clock.Manual] lets a test move a month on at once and
// see every scheduled firing.
func WithClock(c clock.Clock) Option {
	return func(o *options) { o.clock = clock.Or(c) }
}

// WithAccount sets the region and account id of the bus: they are in its
// ARNs (arn:aws:events:region:account:event-bus/name) and in every event's
// envelope. The default is us-east-1 and 123456789012.
func WithAccount(region, accountID string) Option {
	return func(o *options) { o.region, o.account = region, accountID }
}

// WithSeed makes the bus's randomness — event ids and backoff jitter —
// repeat from run to run.
func WithSeed(seed uint64) Option {
	return func(o *options) { o.seeded, o.seed = true, seed }
}

// WithDeliveryConcurrency sets how many deliveries to targets may run at
// once; the default is 16. Deliveries beyond it wait their turn, in order.
func WithDeliveryConcurrency(n int) Option {
	return func(o *options) { o.concurrency = max(n, 1) }
}

// random is the bus's source of randomness; it is not safe for concurrent
// use and is read under the bus's lock.
func (o *options) random() *rand.Rand {
	if o.seeded {
		return seed.Rand(o.seed)
	}
	return seed.Random()
}

// newID returns a version-4 uuid, the form of EventBridge's event ids.
func newID(r *rand.Rand) string {
	return uuid.String(uuid.Stamp(r.Uint64(), r.Uint64(), 4))
}
