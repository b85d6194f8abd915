package stepfn

import (
	"context"
	"math"
	"time"
)

// wait runs a Wait state: it waits on the clock for Seconds, until
// Timestamp, or for what SecondsPath or TimestampPath name in the
// effective input, then passes its input on.
func (r *runner) wait(ctx context.Context, s *state, sc *scope) step {
	input, f := sc.applyPath(s.inputPath, sc.input)
	if f != nil {
		return failed(f)
	}
	d, f := s.wait.duration(sc.with(input), r.e.sm.now())
	if f != nil {
		return failed(f)
	}
	if err := sleep(ctx, r.e.sm, d); err != nil {
		return failed(stopped(ctx))
	}
	return s.leave(sc, input, s.next, s.assign)
}

// duration works out how long to wait from now.
func (w *waitSpec) duration(sc *scope, now time.Time) (time.Duration, *Failure) {
	switch {
	case w.secondsPath != nil:
		secs, f := sc.numberAt(w.secondsPath, 0, math.MaxFloat64, true, "The SecondsPath parameter does not reference a valid non-negative integer value")
		return time.Duration(min(secs, maxTimeoutSeconds)) * time.Second, f
	case w.timestampPath != nil:
		v, err := sc.resolve(w.timestampPath)
		if err != nil {
			return 0, sc.pathFailure(w.timestampPath, err)
		}
		str, _ := v.(string)
		t, err := parseTimestamp(str)
		if err != nil {
			return 0, sc.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: " + compactJSON(v))
		}
		return t.Sub(now), nil
	case w.hasTimestamp:
		return w.timestamp.Sub(now), nil
	}
	return w.seconds, nil
}

// sleep waits for d on the state machine's clock, or until ctx ends.
func sleep(ctx context.Context, sm *StateMachine, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	fired := make(chan struct{})
	t := sm.opts.clock.AfterFunc(d, func() { close(fired) })
	defer t.Stop()
	select {
	case <-fired:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
