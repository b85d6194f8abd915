package lambdaapi

import (
	"context"
	"sync"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stream"
)

// Config is where the service lives and what it reaches by ARN.
type Config struct {
	// Region and Account name the ARNs the service builds, such as
	// "us-east-1" and "000000000000".
	Region, Account string
	// Clock is the time source of asynchronous retries and of the
	// mappings' timestamps; nil means [clock.System].
	Clock clock.Clock
	// Function returns the function registered under an unqualified
	// function ARN.
	Function func(arn string) (Function, bool)
	// FunctionARNs lists the unqualified ARNs of the registered functions,
	// for ListFunctions; nil lists none.
	FunctionARNs func() []string
	// Queue and Stream resolve event source ARNs.
	Queue  func(arn string) (*queue.Queue[string], bool)
	Stream func(arn string) (*stream.Stream[[]byte], bool)
}

// Service is Lambda in one account: invocations of the registered
// functions and the event source mappings that feed them. It is safe for
// concurrent use; two services share nothing.
//
// Where it differs from Lambda on purpose:
//   - Functions have no versions, aliases, timeouts, concurrency limits or
//     logs beyond the short Tail log: every qualifier runs the same code
//     and reports version $LATEST.
//   - An asynchronous invocation that still fails after its two retries is
//     dropped: there are no dead-letter queues or destinations for
//     functions.
//   - Event source mappings take effect at once: Create answers "Creating",
//     Update "Enabling", "Disabling" or "Updating", Delete "Deleting", as
//     Lambda does, but the change is already made when the reply is sent,
//     and Get and List show the settled state (Enabled or Disabled).
//   - A queue mapping hands at most 10 messages to one invocation, whatever
//     its BatchSize: the queue's consumer receives batches of 1–10. It
//     polls with five workers (or ScalingConfig.MaximumConcurrency) and,
//     as Lambda, never extends a batch's visibility timeout. A mapping
//     whose queue or stream is deleted stops delivering; it stays listed.
//   - Changing a stream mapping's batch settings or function makes a new
//     consumer group that starts at the oldest record the old one had not
//     processed: nothing is skipped, but a record of another shard may be
//     handed over again (stream mappings deliver at least once).
//   - ParallelizationFactor and TumblingWindowInSeconds are stored and
//     returned but do not change how a stream is read; a stream mapping
//     retries a failed batch after one second on the clock (Lambda does not
//     document its delay). On-failure destinations that are SQS queues
//     receive Lambda's invocation records; other destinations are stored
//     only.
type Service struct {
	region, account string
	clock           clock.Clock
	function        func(arn string) (Function, bool)
	functionARNs    func() []string
	queue           func(arn string) (*queue.Queue[string], bool)
	stream          func(arn string) (*stream.Stream[[]byte], bool)
	started         time.Time // the LastModified of every function

	mu       sync.Mutex
	gen      *generation
	mappings map[string]*mapping // by UUID
	seq      uint64              // mappings created so far, for list order
}

// generation is the background work started since the last Reset or
// Close: asynchronous invocations and mapping consumers, which all end
// when ctx does.
type generation struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newGeneration() *generation {
	ctx, cancel := context.WithCancel(context.Background())
	return &generation{ctx: ctx, cancel: cancel}
}

// New returns a service with no event source mappings.
func New(cfg Config) *Service {
	s := &Service{
		region:       cfg.Region,
		account:      cfg.Account,
		clock:        clock.Or(cfg.Clock),
		function:     cfg.Function,
		functionARNs: cfg.FunctionARNs,
		queue:        cfg.Queue,
		stream:       cfg.Stream,
		gen:          newGeneration(),
		mappings:     make(map[string]*mapping),
	}
	if s.function == nil {
		s.function = func(string) (Function, bool) { return nil, false }
	}
	if s.functionARNs == nil {
		s.functionARNs = func() []string { return nil }
	}
	if s.queue == nil {
		s.queue = func(string) (*queue.Queue[string], bool) { return nil, false }
	}
	if s.stream == nil {
		s.stream = func(string) (*stream.Stream[[]byte], bool) { return nil, false }
	}
	s.started = s.clock.Now()
	return s
}

// start runs f in a goroutine of the current generation, with a context
// that ends with the generation or when the returned runner is stopped.
// It runs nothing and returns nil when keep, called under the service's
// lock, says no (a mapping deleted meanwhile).
func (s *Service) start(keep func() bool, f func(ctx context.Context)) *runner {
	s.mu.Lock()
	if keep != nil && !keep() {
		s.mu.Unlock()
		return nil
	}
	g := s.gen
	ctx, cancel := context.WithCancel(g.ctx)
	r := &runner{cancel: cancel, done: make(chan struct{})}
	g.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer g.wg.Done()
		defer close(r.done)
		defer cancel()
		f(ctx)
	}()
	return r
}

// Reset deletes every event source mapping and ends every asynchronous
// invocation, waiting for their functions to return: nothing the service
// started is left running.
func (s *Service) Reset() {
	_ = s.stopAll(context.Background())
}

// Close stops every event source mapping (deleting it, as the account's
// Close deletes topics and subscriptions) and every asynchronous
// invocation, and waits for the functions still running
// until ctx ends, when it returns ctx's error; those functions see their
// context ended. The service still answers requests afterwards.
func (s *Service) Close(ctx context.Context) error {
	return s.stopAll(ctx)
}

// stopAll takes every mapping out of the service, ends the current
// generation and waits for it until ctx ends.
func (s *Service) stopAll(ctx context.Context) error {
	s.mu.Lock()
	old := s.gen
	for _, m := range s.mappings {
		m.deleted = true
	}
	s.mappings = make(map[string]*mapping)
	s.gen = newGeneration()
	s.mu.Unlock()
	old.cancel()
	done := make(chan struct{})
	go func() {
		old.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
