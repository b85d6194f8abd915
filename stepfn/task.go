package stepfn

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// task runs one attempt of a Task state: it evaluates Parameters (after
// the token exists, which "$$.Task.Token" may read), calls the handler
// and waits for its result, its callback, a timeout or the end of ctx.
func (r *runner) task(ctx context.Context, s *state, sc *scope, th *thread, input any) (result any, f *Failure) {
	t := s.task
	timeout, heartbeat, f := t.limits(sc.with(input))
	if f != nil {
		return nil, f
	}
	// Only a task that waits for a callback or sends heartbeats needs a
	// token; issuing one for every task would cost every task.
	var tok string
	var pending *pendingTask
	if t.waitForTaskToken || heartbeat > 0 {
		tok, pending = r.e.sm.tokens.issue(t.waitForTaskToken)
		defer func() { r.e.sm.tokens.retire(tok, f != nil && f.Name == ErrorTimeout) }()
	}
	if t.waitForTaskToken {
		sc.cx.token = tok
		defer func() { sc.cx.token = "" }()
	}
	params, f := sc.parameters(s.parameters, input)
	if f != nil {
		return nil, f
	}
	fam, resourceType, resource := resourceOf(t.resource)
	names := &taskEventTypes[fam]
	// The task's events share one detail, but for Scheduled's limits and
	// parameters and a failure's error.
	shared := &detail{HistoryEvent: HistoryEvent{Resource: resource, ResourceType: resourceType}}
	if fam == taskFamily {
		shared.Region = r.e.sm.opts.region
	}
	scheduled := *shared
	if t.timeout > 0 || t.timeoutPath != nil { // AWS leaves the default out
		scheduled.TimeoutInSeconds = int64(timeout / time.Second)
	}
	scheduled.HeartbeatInSeconds = int64(heartbeat / time.Second)
	scheduled.parameters, scheduled.hasParameters = params, true
	r.record(th, event{typ: names[scheduledEvent], detail: &scheduled})

	ended := func(which taskEvent, out any, hasOut bool, fail *Failure) {
		ev := event{typ: names[which], detail: shared}
		if fail != nil {
			d := *shared
			d.Error, d.Cause = fail.Name, fail.Cause
			ev.detail = &d
		}
		if hasOut {
			ev.value, ev.valueIs = out, outputValue
		}
		r.record(th, ev)
	}
	r.record(th, event{typ: names[startedEvent], detail: shared})

	if resp, mocked, f := r.mocked(s); f != nil {
		ended(failedEvent, nil, false, f)
		return nil, f
	} else if mocked {
		if resp.fail != nil {
			ended(failedEvent, nil, false, resp.fail)
			return nil, resp.fail
		}
		ended(succeededEvent, resp.output, true, nil)
		return resp.output, nil
	}
	h := r.e.sm.handler(t.resource)
	if h == nil {
		f := sc.runtime("No handler is registered for the resource '" + t.resource + "'")
		ended(failedEvent, nil, false, f)
		return nil, f
	}
	body, err := jsonvalue.Compact(params)
	if err != nil {
		return nil, sc.runtime("The task input could not be encoded: " + err.Error())
	}
	if len(body) > MaxPayloadBytes {
		f := dataLimitExceeded(s.name)
		ended(failedEvent, nil, false, f)
		return nil, f
	}
	task := Task{
		Resource: t.resource, Input: json.RawMessage(body), Token: tok, ExecutionARN: r.e.arn, StateName: s.name,
		Timeout: timeout, Heartbeat: heartbeat,
	}
	var out any
	if pending == nil && t.timeout == 0 && t.timeoutPath == nil {
		// Nothing to watch but ctx, which the handler has: call it here,
		// without a goroutine or a timer.
		out, f = invoke(ctx, h, task)
	} else {
		out, f = r.await(ctx, h, task, pending, func(submitted any) { ended(submittedEvent, submitted, true, nil) })
	}
	if f != nil && f.Name == ErrorDataLimitExceeded && f.Cause == "" {
		f = dataLimitExceeded(s.name)
	}
	switch {
	case ctx.Err() != nil:
		return nil, stopped(ctx) // stopped from outside: no outcome of its own
	case f == nil:
		ended(succeededEvent, out, true, nil)
	case f.Name == ErrorTimeout:
		ended(timedOutEvent, nil, false, f)
	case ctx.Err() == nil:
		ended(failedEvent, nil, false, f)
	}
	return out, f
}

// handlerResult is what a handler's goroutine hands back.
type handlerResult struct {
	out json.RawMessage
	err error
}

// await calls the handler in its own goroutine and waits for the task to
// end: the handler's result (or, for a callback task, the callback that
// follows it), a missed heartbeat, the timeout, or ctx. The handler's
// context ends when await returns.
func (r *runner) await(ctx context.Context, h Handler, task Task, pending *pendingTask, submitted func(any)) (any, *Failure) {
	clk := r.e.sm.opts.clock
	taskCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make(chan handlerResult, 1)
	go func() {
		out, err := h.Invoke(taskCtx, task)
		results <- handlerResult{out, err}
	}()
	timedOut := make(chan struct{})
	defer clk.AfterFunc(task.Timeout, func() { close(timedOut) }).Stop()
	var missed chan struct{}
	var beat func() // restarts the heartbeat timer
	if task.Heartbeat > 0 {
		missed = make(chan struct{}, 1)
		var timer interface{ Stop() bool }
		beat = func() {
			if timer != nil {
				timer.Stop()
			}
			timer = clk.AfterFunc(task.Heartbeat, func() {
				select {
				case missed <- struct{}{}:
				default:
				}
			})
		}
		beat()
		defer func() { timer.Stop() }()
	}
	var done <-chan completion
	var beats <-chan struct{}
	if pending != nil {
		done, beats = pending.done, pending.heartbeat
	}
	for {
		select {
		case res := <-results:
			if res.err != nil {
				return nil, handlerFailure(res.err)
			}
			out, f := decodeResult(res.out)
			if f != nil || pending == nil || !pending.callback {
				return out, f
			}
			submitted(out)
			results = nil // now wait for the callback
		case c := <-done:
			return c.output, c.fail
		case <-beats:
			if beat != nil {
				beat()
			}
		case <-missed:
			return nil, &Failure{Name: ErrorTimeout, heartbeat: true}
		case <-timedOut:
			return nil, &Failure{Name: ErrorTimeout}
		case <-ctx.Done():
			return nil, stopped(ctx)
		}
	}
}

// invoke calls a handler in the calling goroutine.
func invoke(ctx context.Context, h Handler, task Task) (any, *Failure) {
	raw, err := h.Invoke(ctx, task)
	if err != nil {
		if ctx.Err() != nil {
			return nil, stopped(ctx)
		}
		return nil, handlerFailure(err)
	}
	return decodeResult(raw)
}

// handlerFailure turns a handler's error into the task's failure.
func handlerFailure(err error) *Failure {
	var f *Failure
	if errors.As(err, &f) {
		return f
	}
	return &Failure{Name: ErrorTaskFailed, Cause: err.Error()}
}

// decodeResult decodes a handler's result; an empty one is null.
func decodeResult(raw json.RawMessage) (any, *Failure) {
	if len(raw) == 0 {
		return nil, nil
	}
	if len(raw) > MaxPayloadBytes {
		return nil, &Failure{Name: ErrorDataLimitExceeded} // the caller names the state
	}
	v, err := jsonvalue.Decode(raw)
	if err != nil {
		return nil, &Failure{Name: ErrorTaskFailed, Cause: "The task returned a result that is not valid JSON: " + err.Error()}
	}
	return v, nil
}
