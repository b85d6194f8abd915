package stepfn

import (
	"math/rand/v2"
	"sync/atomic"

	"github.com/switchyard/switchyard/clock"
)

// Option sets how a state machine runs, as opposed to what it is (its
// [Config]).
type Option func(*options)

type options struct {
	clock    clock.Clock
	region   string
	account  string
	roleARN  string
	handlers map[string]Handler
	resolve  func(resource string) Handler
	rand     func() *rand.Rand
	mocks    *MockConfig
}

func defaultOptions() options {
	return options{
		clock:    clock.System{},
		region:   "us-east-1",
		account:  "000000000000",
		handlers: map[string]Handler{},
		rand:     func() *rand.Rand { return rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())) },
	}
}

func applyOptions(opts []Option) options {
	o := defaultOptions()
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// WithClock makes the state machine read time from c: Wait states, retry
// intervals, task timeouts and heartbeats, execution timeouts and history
// timestamps all follow it, so a test with a [clock.Manual] runs a
// one-year Wait at once.
func WithClock(c clock.Clock) Option {
	return func(o *options) { o.clock = clock.Or(c) }
}

// WithAccount sets the region and account id of the ARNs the state
// machine builds (default "us-east-1" and "000000000000").
func WithAccount(region, accountID string) Option {
	return func(o *options) { o.region, o.account = region, accountID }
}

// WithRoleARN sets the role ARN the context object reports as
// $$.Execution.RoleArn.
func WithRoleARN(arn string) Option {
	return func(o *options) { o.roleARN = arn }
}

// WithHandler makes Task states whose Resource is resource run h. A
// resource with a ".waitForTaskToken" or ".sync" suffix also finds the
// handler registered for the resource without it.
func WithHandler(resource string, h Handler) Option {
	return func(o *options) { o.handlers[resource] = h }
}

// WithResolver makes the state machine ask resolve for the handler of a
// resource that has none registered with [WithHandler]; nil means none.
func WithResolver(resolve func(resource string) Handler) Option {
	return func(o *options) { o.resolve = resolve }
}

// WithSeed makes the engine's randomness (retry jitter, States.UUID,
// States.MathRandom without a seed) follow a fixed seed, so that runs
// repeat exactly.
func WithSeed(seed uint64) Option {
	return func(o *options) {
		var n atomic.Uint64 // one stream per execution, in the order they start
		o.rand = func() *rand.Rand { return rand.New(rand.NewPCG(seed, n.Add(1))) }
	}
}
