package awsfake

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stepfn"
)

// integration runs one service integration of a Task state on its
// parameters (the task's effective input) and returns its result.
type integration func(ctx context.Context, task stepfn.Task, params json.RawMessage) (json.RawMessage, error)

// taskHandler returns the handler of a Task state's resource, or nil when
// the account has nothing that answers to it:
//
//   - a Lambda function ARN: the function's result is the task's result;
//   - arn:aws:states:::<service>:<action>, Step Functions' optimised
//     integrations: sqs:sendMessage, sns:publish, events:putEvents,
//     lambda:invoke and states:startExecution (also .sync and .sync:2);
//   - arn:aws:states:::aws-sdk:<service>:<action>, the SDK integrations,
//     for every operation of the account's JSON services (sqs, kinesis,
//     firehose, eventbridge).
//
// Any of them may end in .waitForTaskToken: the state machine then waits
// for the token, and the integration only sends it on.
func (a *Account) taskHandler(resource string) stepfn.Handler {
	if strings.HasPrefix(resource, "arn:aws:lambda:") {
		return stepfn.HandlerFunc(func(ctx context.Context, task stepfn.Task) (json.RawMessage, error) {
			out, err := a.lambda.Invoke(ctx, resource, task.Input)
			if err != nil {
				return nil, lambdaFailure(err)
			}
			return out, nil
		})
	}
	rest, ok := strings.CutPrefix(resource, "arn:aws:states:::")
	if !ok {
		return nil
	}
	rest = strings.TrimSuffix(rest, ".waitForTaskToken")
	var run integration
	if sdk, ok := strings.CutPrefix(rest, "aws-sdk:"); ok {
		run = a.sdkIntegration(sdk)
	} else {
		run = a.optimisedIntegration(rest)
	}
	if run == nil {
		return nil
	}
	return stepfn.HandlerFunc(func(ctx context.Context, task stepfn.Task) (json.RawMessage, error) {
		return run(ctx, task, task.Input)
	})
}

// optimisedIntegration returns the integration of service:action, with the
// .sync suffixes of states:startExecution.
func (a *Account) optimisedIntegration(action string) integration {
	switch action {
	case "sqs:sendMessage":
		return a.sqsSendMessage
	case "sns:publish":
		return a.snsPublish
	case "events:putEvents":
		return a.eventsPutEvents
	case "lambda:invoke":
		return a.lambdaInvoke
	case "states:startExecution":
		return a.startExecution(noWait)
	case "states:startExecution.sync":
		return a.startExecution(waitForOutputText)
	case "states:startExecution.sync:2":
		return a.startExecution(waitForOutputJSON)
	}
	return nil
}

// jsonCaller is a JSON service called in process.
type jsonCaller interface {
	Call(ctx context.Context, operation string, input []byte) ([]byte, error)
}

// sdkIntegration returns the integration of service:action for an SDK
// integration (arn:aws:states:::aws-sdk:kinesis:putRecord): the service's
// operation of that name, with its API's own parameters and result. A
// failed call fails the task with "<Service>.<ErrorName>Exception", as
// Step Functions names the errors of SDK integrations.
func (a *Account) sdkIntegration(action string) integration {
	service, operation, ok := strings.Cut(action, ":")
	if !ok || operation == "" {
		return nil
	}
	var api jsonCaller
	var prefix string
	switch service {
	case "sqs":
		api, prefix = a.sqs, "Sqs"
	case "kinesis":
		api, prefix = a.kinesis, "Kinesis"
	case "firehose":
		api, prefix = a.firehose, "Firehose"
	case "eventbridge":
		api, prefix = a.events, "EventBridge"
	default:
		return nil
	}
	operation = strings.ToUpper(operation[:1]) + operation[1:]
	return func(ctx context.Context, _ stepfn.Task, params json.RawMessage) (json.RawMessage, error) {
		input, err := blobsAsBase64(service, operation, params)
		if err != nil {
			return nil, err
		}
		out, err := api.Call(ctx, operation, input)
		if err != nil {
			return nil, serviceFailure(prefix, err)
		}
		return out, nil
	}
}

// serviceFailure names a service's error as Step Functions does when an
// integration's call fails: "<Service>.<ErrorName>", the error name ending
// in "Exception" even where the service's own does not.
func serviceFailure(service string, err error) error {
	var f *stepfn.Failure
	if errors.As(err, &f) {
		return f
	}
	var ae *awserr.Error
	if !errors.As(err, &ae) {
		return err // States.TaskFailed, with the error's text as the cause
	}
	name := ae.ShapeName()
	if !strings.HasSuffix(name, "Exception") {
		name += "Exception"
	}
	return &stepfn.Failure{Name: service + "." + name, Cause: ae.Message}
}

// lambdaFailure names a failed invocation as Step Functions does: a
// function error by its errorType, with Lambda's error payload as the
// cause; a failed call as Lambda's error.
func lambdaFailure(err error) error {
	var fe *lambdaapi.Error
	if errors.As(err, &fe) {
		cause, _ := json.Marshal(fe)
		return &stepfn.Failure{Name: fe.Type, Cause: string(cause)}
	}
	return serviceFailure("Lambda", err)
}
