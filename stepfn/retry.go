package stepfn

import (
	"context"
	"math"
	"time"
)

// work is the part of a Task, Parallel or Map state that Retry repeats:
// it takes the effective input and gives the raw result.
type work func(ctx context.Context, s *state, sc *scope, th *thread, input any) (any, *Failure)

// withCatch runs a state's work under its Retry and Catch: the effective
// input once, the work until it succeeds or no retrier applies, then
// either the output (ResultSelector, ResultPath, Assign, OutputPath) or
// the first matching catcher's.
func (r *runner) withCatch(ctx context.Context, s *state, sc *scope, th *thread, w work) step {
	input, f := s.effectiveInput(sc)
	if f == nil {
		var result any
		result, f = r.retry(ctx, s, sc, func() (any, *Failure) { return w(ctx, s, sc, th, input) })
		if f == nil {
			st := s.finish(sc, result)
			if st.fail == nil {
				return st
			}
			f = st.fail
		} else {
			r.stateFailed(s, th)
		}
	}
	if ctx.Err() != nil {
		// Stopped from outside (StopExecution, a timeout, a failed sibling
		// branch): the state ends without its catchers.
		return failed(stopped(ctx))
	}
	return r.catch(s, sc, f)
}

// stateFailed records a Parallel's or Map's failure event once its
// retries are spent: AWS records none between attempts (the next
// ParallelStateStarted or MapStateStarted follows the failed attempt's
// last event), and records it with no error or cause, after the failing
// branch's or iteration's last event, before any catcher's
// (scenarios/test_base_scenarios.snapshot.json in localstack/localstack:
// test_parallel_state_retry, test_map_state_retry, *_catch).
func (r *runner) stateFailed(s *state, th *thread) {
	if typ := s.kind.failed(); typ != "" {
		r.record(th, event{typ: typ})
	}
}

// retry runs attempt until it succeeds, its failure cannot be retried, or
// the first retrier that matches the failure has no attempts left. Each
// retrier counts its own attempts for the whole visit to the state.
func (r *runner) retry(ctx context.Context, s *state, sc *scope, attempt func() (any, *Failure)) (any, *Failure) {
	var counts []int
	for {
		v, f := attempt()
		if f == nil || !f.catchable() || ctx.Err() != nil || len(s.retry) == 0 {
			return v, f
		}
		i := matchRetrier(s.retry, f)
		if i < 0 || counts != nil && counts[i] >= s.retry[i].maxAttempts || s.retry[i].maxAttempts == 0 {
			return nil, f
		}
		if sc.inspect != nil { // TestState reports a retry instead of waiting for it
			sc.inspect.retriable = true
			return nil, f
		}
		if counts == nil {
			counts = make([]int, len(s.retry))
		}
		d := s.retry[i].delay(counts[i], r.rand)
		counts[i]++
		sc.cx.retryCount++
		if sleep(ctx, r.e.sm, d) != nil {
			return nil, stopped(ctx)
		}
	}
}

func matchRetrier(rs []retrier, f *Failure) int {
	for i := range rs {
		if matches(rs[i].errors, f) {
			return i
		}
	}
	return -1
}

// delay is how long to wait before retry number n (from 0):
// IntervalSeconds × BackoffRate^n, capped at MaxDelaySeconds, then, with
// FULL jitter, a random time up to that.
func (rt *retrier) delay(n int, rnd *lockedRand) time.Duration {
	d := float64(rt.interval) * math.Pow(rt.backoff, float64(n))
	if limit := float64(rt.maxDelay); rt.maxDelay > 0 && d > limit {
		d = limit
	}
	if d > float64(maxTimeoutSeconds)*float64(time.Second) {
		d = float64(maxTimeoutSeconds) * float64(time.Second)
	}
	if rt.fullJitter {
		d *= rnd.float64()
	}
	return time.Duration(d)
}

// matches reports whether an ErrorEquals list matches a failure.
// States.ALL matches every failure that can be handled; States.TaskFailed
// every one but States.Timeout; States.HeartbeatTimeout a timeout that a
// missed heartbeat caused.
func matches(names []string, f *Failure) bool {
	for _, n := range names {
		switch {
		case n == f.Name, n == ErrorAll:
			return true
		case n == ErrorTaskFailed && f.Name != ErrorTimeout:
			return true
		case n == ErrorHeartbeatTimeout && f.heartbeat:
			return true
		}
	}
	return false
}

// catch handles a state's failure with the first catcher that matches
// it: the Error Output {"Error", "Cause"} goes to the catcher's ResultPath
// in the raw state input, and its Assign sees the Error Output.
func (r *runner) catch(s *state, sc *scope, f *Failure) step {
	if !f.catchable() {
		return failed(f)
	}
	for i := range s.catch {
		c := &s.catch[i]
		if !matches(c.errors, f) {
			continue
		}
		if sc.inspect != nil {
			sc.inspect.caught = f
		}
		errOut := map[string]any{"Error": f.Name, "Cause": f.Cause}
		merged, mf := sc.merge(c.resultPath, errOut)
		if mf != nil {
			return failed(mf)
		}
		assigned, af := sc.assign(c.assign, errOut)
		if af != nil {
			return failed(af)
		}
		return step{out: merged, next: c.next, assigned: assigned}
	}
	return failed(f)
}
