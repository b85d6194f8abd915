package stepfn

import (
	"context"
	"errors"
	"time"
)

// standardLimit is how long a Standard execution may run, and
// expressLimit an Express one.
const (
	standardLimit = 365 * 24 * time.Hour
	expressLimit  = 5 * time.Minute
)

// maxHistoryEvents is the most events a Standard execution's history
// holds; an execution that would need more fails.
const maxHistoryEvents = 25000

// errExecutionTimedOut is the cause of an execution's context when its
// TimeoutSeconds (or its type's limit) passes.
var errExecutionTimedOut = errors.New("execution timed out")

// runner runs one execution's states.
type runner struct {
	e       *Execution
	rand    *lockedRand
	inspect *inspector // set by TestState, for the state it tests
	tested  *state
}

// thread is one line of work of an execution (the main one, a Parallel
// branch, a Map iteration): the variables it sees and the last event it
// recorded, which its next event names as previous.
type thread struct {
	prev int64
	vars *variables
}

// record adds an event to the history after the thread's last one.
func (r *runner) record(th *thread, e event) int64 {
	return r.recordAt(th, r.e.sm.now(), e)
}

// recordAside adds an event after the thread's last one but leaves the
// thread where it was: AWS chains the thread's next event to the one
// before it (MapIterationSucceeded, MapStateSucceeded,
// ParallelStateSucceeded). It returns the event's id.
func (r *runner) recordAside(th *thread, e event) int64 {
	return r.e.hist.add(th.prev, r.e.sm.now(), e)
}

// recordAt is record with the event's time given.
func (r *runner) recordAt(th *thread, at time.Time, e event) int64 {
	th.prev = r.e.hist.add(th.prev, at, e)
	return th.prev
}

// run executes the machine and records how the execution ended.
func (e *Execution) run(ctx context.Context) {
	r := &runner{e: e, rand: &lockedRand{r: e.sm.opts.rand()}}
	th := &thread{vars: &variables{}}
	r.record(th, event{typ: "ExecutionStarted", value: e.input, valueIs: inputValue})
	th.prev = 0 // AWS records the first state's entry with no previous event

	limit := standardLimit
	if e.sm.typ == Express {
		limit = expressLimit
	}
	if t := e.sm.def.timeout; t > 0 && t < limit {
		limit = t
	}
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := e.sm.opts.clock.AfterFunc(limit, func() { cancel(errExecutionTimedOut) })
	defer timer.Stop()

	out, fail := r.runGraph(runCtx, e.sm.def.g, e.input, th)
	status, ev := Succeeded, event{typ: "ExecutionSucceeded", value: out, valueIs: outputValue}
	if fail != nil {
		switch cause := context.Cause(runCtx); {
		case errors.Is(cause, errExecutionTimedOut):
			status, fail = TimedOut, &Failure{Name: ErrorTimeout, Cause: "The execution timed out"}
			ev = failure("ExecutionTimedOut", fail)
		case runCtx.Err() != nil:
			var stop *Failure
			errors.As(cause, &stop)
			if stop == nil {
				stop = &Failure{}
			}
			status, fail = Aborted, stop
			ev = failure("ExecutionAborted", stop)
		default:
			status = Failed
			ev = failure("ExecutionFailed", fail)
		}
	}
	r.record(th, ev)
	e.mu.Lock()
	e.status, e.stop, e.output, e.fail = status, e.sm.now(), out, fail
	if status != Succeeded {
		e.output = nil
	}
	e.mu.Unlock()
	close(e.done)
}

// runGraph runs a block from its StartAt until a terminal state, and
// returns that state's output.
func (r *runner) runGraph(ctx context.Context, g *graph, input any, th *thread) (any, *Failure) {
	s := g.states[g.startAt]
	for {
		if err := ctx.Err(); err != nil {
			return nil, stopped(ctx)
		}
		out, next, fail := r.runState(ctx, s, input, th)
		if fail != nil {
			return nil, fail
		}
		if next == "" {
			return out, nil
		}
		s, input = g.states[next], out
	}
}

// stopped is the failure of work cut short because ctx ended.
func stopped(ctx context.Context) *Failure {
	var f *Failure
	if errors.As(context.Cause(ctx), &f) {
		return f
	}
	return &Failure{Name: ErrorRuntime, Cause: "The execution was stopped"}
}

// runState runs one state: it records its entry, does its work, and
// records its exit. It returns the state's output and the next state ("")
// after a terminal one).
func (r *runner) runState(ctx context.Context, s *state, input any, th *thread) (any, string, *Failure) {
	enteredAt := r.e.sm.now()
	entered := r.recordAt(th, enteredAt, event{typ: s.kind.entered(), state: s.name, value: input, valueIs: inputValue})
	if r.e.sm.typ == Standard && entered >= maxHistoryEvents { // ids count every event of the execution
		return nil, "", &Failure{Name: ErrorRuntime, Cause: "The execution reached the maximum number of history events (25000)."}
	}
	sc := &scope{
		input:        input,
		cx:           contextInfo{exec: r.e, state: s.name, entered: enteredAt},
		vars:         th.vars,
		rand:         r.rand,
		enteredEvent: entered,
		inspect:      r.inspectorFor(s),
	}
	var st step
	switch s.kind {
	case passKind:
		st = r.pass(s, sc)
	case taskKind:
		st = r.withCatch(ctx, s, sc, th, r.task)
	case choiceKind:
		st = r.choose(s, sc)
	case waitKind:
		st = r.wait(ctx, s, sc)
	case succeedKind:
		st = r.succeed(s, sc)
	case failKind:
		st = r.failState(s, sc)
		return nil, "", st.fail
	case parallelKind:
		st = r.withCatch(ctx, s, sc, th, r.parallel)
	case mapKind:
		st = r.withCatch(ctx, s, sc, th, r.mapState)
	}
	if st.fail == nil && sizeOver(st.out, MaxPayloadBytes) {
		st.fail = dataLimitExceeded(s.name)
	}
	if st.fail != nil {
		return nil, "", st.fail
	}
	exited := event{typ: s.kind.exited(), state: s.name, value: st.out, valueIs: outputValue}
	if st.assigned != nil {
		exited.detail = &detail{assigned: st.assigned}
	}
	r.record(th, exited)
	th.vars.set(st.assigned)
	return st.out, st.next, nil
}

// dataLimitExceeded is the failure of a state whose output, or a task
// whose input or result, is over 256 KiB; no Retry or Catch handles it.
func dataLimitExceeded(state string) *Failure {
	return &Failure{Name: ErrorDataLimitExceeded, Cause: "The state/task '" + state + "' returned a result with a size exceeding the maximum number of bytes service limit."}
}

// inspectorFor returns the TestState inspector if s is the state under
// test (not a state inside its branches or iterations).
func (r *runner) inspectorFor(s *state) *inspector {
	if s != r.tested {
		return nil
	}
	return r.inspect
}

// step is what running a state gives: its output, the state to go to, the
// variables it assigns, or its failure.
type step struct {
	out      any
	next     string
	assigned map[string]any
	fail     *Failure
}

func failed(f *Failure) step { return step{fail: f} }
