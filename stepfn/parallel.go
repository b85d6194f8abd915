package stepfn

import "context"

// parallel runs a Parallel state's branches at once, each on the
// effective input and with its own variable scope. The result is their
// outputs in branch order. The first branch to fail stops the others, and
// its error is the state's, unchanged (AWS does not wrap it in
// States.BranchFailed).
//
// The history follows AWS's (scenarios/test_base_scenarios.snapshot.json
// in localstack/localstack, test_parallel_state*): each branch's first
// event follows ParallelStateStarted; ParallelStateSucceeded and then
// ParallelStateExited both follow the last event of the branches, and
// ParallelStateFailed (recorded by withCatch once retries are spent)
// follows the failing branch's last event.
func (r *runner) parallel(ctx context.Context, s *state, sc *scope, th *thread, input any) (any, *Failure) {
	r.record(th, event{typ: "ParallelStateStarted"})
	last := make([]int64, len(s.branches)) // each branch's last event
	out, failedAt, f := r.fanOut(ctx, len(s.branches), len(s.branches), func(ctx context.Context, i int) (any, *Failure) {
		bt := &thread{prev: th.prev, vars: &variables{parent: th.vars}}
		defer func() { last[i] = bt.prev }()
		return r.runGraph(ctx, s.branches[i], input, bt)
	}, nil)
	if f != nil {
		if failedAt >= 0 {
			th.prev = last[failedAt]
		}
		return nil, f
	}
	for _, id := range last {
		th.prev = max(th.prev, id)
	}
	r.recordAside(th, event{typ: "ParallelStateSucceeded"})
	return out, nil
}
