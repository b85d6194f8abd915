package sfnapi

import (
	"context"
	"math/rand/v2"
	"sync"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/internal/seed"
	"github.com/switchyard/switchyard/stepfn"
)

// Config is where the service lives and how its tasks reach other
// services.
type Config struct {
	// Region and Account name every ARN, such as "us-east-1" and
	// "000000000000".
	Region, Account string
	// Clock is the time source of every state machine and of
	// GetActivityTask's long poll; nil means [clock.System].
	Clock clock.Clock
	// Resolve returns the handler of a Task state's Resource that is not
	// an activity of this service (service integrations, Lambda ARNs), or
	// nil when nothing answers to it.
	Resolve func(resource string) stepfn.Handler
	// Seed makes the choice an alias with two versions makes between them
	// repeat from run to run; zero means a seed chosen at random.
	Seed uint64
}

// Service is Step Functions in one account and region: its state
// machines with their revisions, versions, aliases and tags, its
// activities, and the task tokens its executions issued. It is safe for
// concurrent use; two services share nothing.
//
// Where it differs from AWS on purpose:
//   - Everything is immediate: a deleted state machine with no running
//     execution is gone at once (one with running executions is DELETING
//     until they end), and lists are exact.
//   - Executions and their histories are kept in memory for as long as
//     their state machine exists, not for 90 days.
//   - An activity task's ActivityStarted event is recorded when the task is
//     scheduled, not when a worker takes it, and carries no workerName.
//   - Executions are never redrivable: RedriveExecution answers
//     ExecutionNotRedrivable, and DescribeMapRun, UpdateMapRun and
//     ListMapRuns know no map runs (the engine has no distributed Map).
//   - Logging, tracing and encryption configurations are checked and
//     returned, never acted on; role ARNs are never assumed.
//   - A task token stays known until its task is answered or its state
//     machine deleted, so that a late answer to a task that timed out
//     gets TaskTimedOut however late it comes.
//   - Express execution ARNs are the engine's (express:<machine>:<name>),
//     without the id AWS appends.
type Service struct {
	region, account string
	clock           clock.Clock
	resolve         func(string) stepfn.Handler
	ops             map[string]wire.Operation

	randMu sync.Mutex
	rand   *rand.Rand // alias routing

	mu         sync.Mutex
	machines   map[string]*machine  // by name
	activities map[string]*activity // by name

	tokens tokenIndex
}

// New returns a service with no state machines.
func New(cfg Config) *Service {
	src := seed.Random()
	if cfg.Seed != 0 {
		src = seed.Rand(cfg.Seed)
	}
	s := &Service{
		region:     cfg.Region,
		account:    cfg.Account,
		clock:      clock.Or(cfg.Clock),
		resolve:    cfg.Resolve,
		rand:       src,
		machines:   make(map[string]*machine),
		activities: make(map[string]*activity),
	}
	s.tokens.init()
	s.ops = s.operations()
	return s
}

// StateMachineByARN returns the engine state machine that runs new
// executions of the state machine with that ARN (its current revision),
// or of the version with that version ARN.
func (s *Service) StateMachineByARN(arn string) (*stepfn.StateMachine, bool) {
	ref, err := s.parseStateMachineARN(arn)
	if err != nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.machineLocked(ref.name)
	if m == nil {
		return nil, false
	}
	switch {
	case ref.alias != "":
		return nil, false
	case ref.version != 0:
		v := m.version(ref.version)
		if v == nil {
			return nil, false
		}
		return v.rev.sm, true
	}
	return m.current.sm, true
}

// StartExecution starts an execution of the state machine, version or
// alias with that ARN, as the StartExecution operation does (name "" is a
// new UUID, input "" is "{}"), for a task of another execution
// (arn:aws:states:::states:startExecution and its .sync forms). The
// execution runs until it ends or is stopped; ctx only bounds the call.
// Its errors are the operation's.
func (s *Service) StartExecution(ctx context.Context, stateMachineARN, name, input string) (*stepfn.Execution, error) {
	in := &startExecutionInput{StateMachineARN: &stateMachineARN}
	if name != "" {
		in.Name = &name
	}
	if input != "" {
		in.Input = &input
	}
	return s.start(ctx, in)
}

// Reset deletes every state machine, with its versions, aliases and
// executions, and every activity; running executions are stopped (and
// end on their own goroutines) and waiting activity tasks with them.
func (s *Service) Reset() {
	s.mu.Lock()
	machines := s.machines
	s.machines = make(map[string]*machine)
	s.activities = make(map[string]*activity)
	s.mu.Unlock()
	s.tokens.reset()
	stopped, cancel := context.WithCancel(context.Background())
	cancel() // stop, but do not wait: Reset has no context to wait under
	for _, m := range machines {
		_ = m.close(stopped)
	}
}

// Close stops every running execution of every state machine, as
// StopExecution would, and waits for their goroutines to end, or for ctx
// to end. The state machines stay, and new executions can start.
func (s *Service) Close(ctx context.Context) error {
	s.mu.Lock()
	var running []*stepfn.Execution
	for _, m := range s.machines {
		for _, r := range m.revisions {
			running = append(running, r.running()...)
		}
	}
	s.mu.Unlock()
	for _, e := range running {
		e.Stop("", "")
	}
	for _, e := range running {
		select {
		case <-e.Done():
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// choose returns a number in [0, n) from the service's seeded source.
func (s *Service) choose(n int) int {
	s.randMu.Lock()
	defer s.randMu.Unlock()
	return s.rand.IntN(n)
}
