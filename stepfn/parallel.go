package stepfn

import (
	"context"
	"sync"
)

// parallel runs a Parallel state's branches at once, each on the
// effective input and with its own variable scope. The result is their
// outputs in branch order. The first branch to fail stops the others, and
// its error is the state's, unchanged (AWS does not wrap it in
// States.BranchFailed).
func (r *runner) parallel(ctx context.Context, s *state, sc *scope, th *thread, input any) (any, *Failure) {
	r.record(th, event{typ: "ParallelStateStarted"})
	out, f := r.fanOut(ctx, len(s.branches), len(s.branches), func(ctx context.Context, i int) (any, *Failure) {
		bt := &thread{prev: th.prev, vars: &variables{parent: th.vars}}
		return r.runGraph(ctx, s.branches[i], input, bt)
	}, nil)
	if f != nil {
		r.record(th, failure("ParallelStateFailed", f))
		return nil, f
	}
	r.record(th, event{typ: "ParallelStateSucceeded"})
	return out, nil
}

// fanOut runs n jobs, at most limit at once (limit ≥ 1), and returns their
// results in job order. A job that fails stops the others and fails the
// whole with its error, unless tolerate (when not nil) accepts the
// failure, in which case its result is null and the rest go on; a failure
// it does not accept fails the whole with
// States.ExceedToleratedFailureThreshold. Once ctx ends no job starts.
func (r *runner) fanOut(ctx context.Context, n, limit int, job func(ctx context.Context, i int) (any, *Failure), tolerate func(*Failure) bool) ([]any, *Failure) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	results := make([]any, n)
	var (
		mu    sync.Mutex
		first *Failure
		next  int
		wg    sync.WaitGroup
	)
	worker := func() {
		defer wg.Done()
		for {
			mu.Lock()
			i := next
			next++
			stop := first != nil || ctx.Err() != nil
			mu.Unlock()
			if i >= n || stop {
				return
			}
			v, f := job(ctx, i)
			if f == nil {
				results[i] = v
				continue
			}
			mu.Lock()
			if ctx.Err() == nil && first == nil {
				switch {
				case tolerate == nil:
					first = f
				case !tolerate(f):
					first = &Failure{Name: ErrorExceedToleratedFailure, Cause: "The specified tolerated failure threshold was exceeded"}
				}
				if first != nil {
					cancel(first)
				}
			}
			mu.Unlock()
		}
	}
	workers := min(limit, n)
	wg.Add(workers)
	for range workers {
		go worker()
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	if ctx.Err() != nil {
		return nil, stopped(ctx)
	}
	return results, nil
}
