package stepfn

import (
	"context"
	"sync"
)

// fanOut runs n jobs, at most limit at once (limit ≥ 1), and returns their
// results in job order. A job that fails stops the others and fails the
// whole with its error, unless tolerate (when not nil) accepts the
// failure, in which case its result is null and the rest go on; a failure
// it does not accept fails the whole with
// States.ExceedToleratedFailureThreshold. Once ctx ends no job starts.
// failedAt is the job whose failure failed the whole, or -1 (success, or
// ctx ended), so that the caller can chain its history to that job's.
func (r *runner) fanOut(ctx context.Context, n, limit int, job func(ctx context.Context, i int) (any, *Failure), tolerate func(*Failure) bool) (results []any, failedAt int, f *Failure) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	results = make([]any, n)
	failedAt = -1
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
					failedAt = i
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
		return nil, failedAt, first
	}
	if ctx.Err() != nil {
		return nil, -1, stopped(ctx)
	}
	return results, -1, nil
}
