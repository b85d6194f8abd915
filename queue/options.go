package queue

import (
	"fmt"

	"github.com/switchyard/switchyard/clock"
)

// Option sets how a queue runs, as opposed to what it is (its [Config]).
type Option func(*options)

type options struct {
	clock         clock.Clock
	region        string
	account       string
	inFlightLimit int
	atLeastOnce   *AtLeastOnce
	lanes         int
	sizer         any // func(T) int, checked by New
}

func defaultOptions() options {
	return options{clock: clock.System{}, region: "us-east-1", account: "000000000000", inFlightLimit: DefaultInFlightLimit, lanes: 1}
}

// WithClock makes the queue read time from c instead of the system clock.
func WithClock(c clock.Clock) Option {
	return func(o *options) { o.clock = clock.Or(c) }
}

// WithAccount sets the region and account id the queue's ARN is built from
// (default "us-east-1" and "000000000000"). The account id is also the
// SenderId of every message sent.
func WithAccount(region, accountID string) Option {
	return func(o *options) { o.region, o.account = region, accountID }
}

// WithInFlightLimit sets the in-flight quota (default 120,000, as on AWS).
// A standard queue at the limit fails receives with [ErrOverLimit]; a FIFO
// queue returns no messages.
func WithInFlightLimit(n int) Option {
	return func(o *options) { o.inFlightLimit = n }
}

// WithLanes spreads a standard queue over n lanes, independently locked
// parts that together hold its messages, so that goroutines on different
// processors send, receive and delete side by side instead of taking turns
// on one lock. Each processor sends to a lane of its own most of the time;
// twice runtime.GOMAXPROCS(0) lanes keep two processors from sharing one. A receive still sees
// every available message, but messages that went to different lanes come
// back in no particular order, and the in-flight limit applies to each lane.
// The default is one lane: a standard queue then hands out messages oldest
// first, which tests can rely on.
func WithLanes(n int) Option {
	return func(o *options) { o.lanes = n }
}

// AtLeastOnce configures a standard queue to behave as SQS may: receives
// take messages out of order, and now and then a message is delivered again
// while its first delivery is still in flight. Consumers that pass under it
// are idempotent and order-independent. The same seed gives the same choices
// for the same sequence of calls.
type AtLeastOnce struct {
	// Seed seeds the queue's choices.
	Seed uint64
	// DuplicateRate is the chance, 0–1, that a received message stays
	// visible and is delivered again. Zero means 0.05.
	DuplicateRate float64
	// Window is how many of the oldest available messages a receive picks
	// among. Zero means 16.
	Window int
}

// WithAtLeastOnce turns on at-least-once mode on a standard queue.
func WithAtLeastOnce(a AtLeastOnce) Option {
	if a.DuplicateRate == 0 {
		a.DuplicateRate = 0.05
	}
	if a.Window == 0 {
		a.Window = 16
	}
	return func(o *options) { o.atLeastOnce = &a }
}

// WithSizer sets how a message body counts toward the size limits. Bodies of
// type string and []byte count their bytes without it; any other body type
// counts the length of its JSON encoding, which is what it would weigh on the
// wire, unless a sizer is given.
func WithSizer[T any](size func(T) int) Option {
	return func(o *options) { o.sizer = size }
}

func (o *options) check(fifo bool) error {
	if o.lanes < 1 || o.lanes > 1 && (fifo || o.atLeastOnce != nil) {
		return fmt.Errorf("queue: %d lanes: a queue has at least one, and only a standard queue without at-least-once mode more", o.lanes)
	}
	if o.inFlightLimit < 1 {
		return fmt.Errorf("queue: in-flight limit %d is not positive", o.inFlightLimit)
	}
	if o.atLeastOnce != nil {
		if fifo {
			return fmt.Errorf("queue: at-least-once mode applies to standard queues only")
		}
		if r := o.atLeastOnce.DuplicateRate; r < 0 || r > 1 || o.atLeastOnce.Window < 1 {
			return fmt.Errorf("queue: at-least-once rate %v or window %d out of range", r, o.atLeastOnce.Window)
		}
	}
	return nil
}
