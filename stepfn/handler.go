package stepfn

import (
	"context"
	"encoding/json"
	"time"
)

// Handler runs a Task state's work: what AWS would do for the state's
// Resource (a Lambda function, a service integration, an activity
// worker). The state machine looks handlers up by resource ([WithHandler]).
//
// Invoke returns the task's result as JSON. To fail with an error name
// that Retry and Catch can match, return a [*Failure]; any other error
// fails the task with the name States.TaskFailed and the error's text as
// the cause. ctx ends when the task times out, the execution is stopped,
// or a sibling branch of a Parallel or Map state fails; a handler should
// return then (its result is ignored).
//
// For a resource ending in ".waitForTaskToken", Invoke only hands the
// work over, typically passing task.Token on: its result is ignored, and
// the task waits for [StateMachine.SendTaskSuccess] or
// [StateMachine.SendTaskFailure] with the token.
type Handler interface {
	Invoke(ctx context.Context, task Task) (json.RawMessage, error)
}

// HandlerFunc adapts a function to [Handler].
type HandlerFunc func(ctx context.Context, task Task) (json.RawMessage, error)

// Invoke calls f.
func (f HandlerFunc) Invoke(ctx context.Context, task Task) (json.RawMessage, error) {
	return f(ctx, task)
}

// Task is what a [Handler] is given.
type Task struct {
	// Resource is the state's Resource, as written.
	Resource string
	// Input is the task's effective input: the state input after
	// InputPath and Parameters.
	Input json.RawMessage
	// Token identifies the task to SendTaskSuccess, SendTaskFailure and
	// SendTaskHeartbeat. Tasks that wait for a callback (".waitForTaskToken")
	// or have a HeartbeatSeconds have one; others do not need one.
	Token string
	// ExecutionARN and StateName say which execution and state run it.
	ExecutionARN string
	StateName    string
	// Timeout and Heartbeat are the state's TimeoutSeconds and
	// HeartbeatSeconds (zero when absent).
	Timeout, Heartbeat time.Duration
}

// Typed adapts a function of Go values to [Handler]: the task's input is
// decoded from JSON into In, and the function's Out encoded as the
// result. An input that does not decode fails the task with
// States.TaskFailed.
func Typed[In, Out any](f func(ctx context.Context, in In) (Out, error)) Handler {
	return HandlerFunc(func(ctx context.Context, task Task) (json.RawMessage, error) {
		var in In
		if err := json.Unmarshal(task.Input, &in); err != nil {
			return nil, &Failure{Name: ErrorTaskFailed, Cause: "decoding the task input: " + err.Error()}
		}
		out, err := f(ctx, in)
		if err != nil {
			return nil, err
		}
		return json.Marshal(out)
	})
}
