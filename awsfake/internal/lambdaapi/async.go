package lambdaapi

import (
	"context"
	"time"

	"github.com/switchyard/switchyard/clock"
)

// Asynchronous invocation (InvocationType Event): the function runs in a
// goroutine of the service, and a function error is retried as Lambda
// retries it.

// asyncRetryDelays are the waits before the retries of a failed
// asynchronous invocation: Lambda runs the function two more times, one
// minute after the first attempt and two minutes after the second.
var asyncRetryDelays = [...]time.Duration{time.Minute, 2 * time.Minute}

// invokeLater runs fn on payload in a goroutine of the current generation,
// retrying function errors; it ends early when the generation does.
func (s *Service) invokeLater(fn Function, payload []byte) {
	s.start(nil, func(ctx context.Context) {
		for attempt := 0; ; attempt++ {
			if _, ferr := run(ctx, fn, payload); ferr == nil || attempt == len(asyncRetryDelays) {
				return
			}
			if !sleep(ctx, s.clock, asyncRetryDelays[attempt]) {
				return
			}
		}
	})
}

// sleep waits d on c, or until ctx ends; it reports whether d passed.
func sleep(ctx context.Context, c clock.Clock, d time.Duration) bool {
	done := make(chan struct{})
	t := c.AfterFunc(d, func() { close(done) })
	select {
	case <-done:
		return true
	case <-ctx.Done():
		t.Stop()
		return false
	}
}
