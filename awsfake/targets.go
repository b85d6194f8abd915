package awsfake

import (
	"context"
	"errors"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/eventsapi"
	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/internal/awserr"
)

// errTargetNotSupported refuses a target ARN of a service the account does
// not have.
var errTargetNotSupported = awserr.New("ValidationException", "ValidationException", 400, "")

// targetDestination returns the destination of a rule's target ARN: a
// queue, topic, stream, delivery stream, state machine or function of the
// account. As on EventBridge, the resource need not exist when the target
// is put: it is looked up at each delivery, and a delivery to one that
// does not exist fails with RESOURCE_NOT_FOUND, which is not retried (the
// event goes to the target's dead-letter queue, if it has one).
func (a *Account) targetDestination(arn string, p eventsapi.TargetParameters) (eventbus.Destination, error) {
	service := arnService(arn)
	switch service {
	case "sqs", "sns", "firehose", "states", "lambda":
	case "kinesis":
		// Check the partition key path now, as PutTargets does.
		if _, err := eventbus.ToStream[[]byte](nil, p.KinesisPartitionKeyPath); err != nil {
			return nil, err
		}
	default:
		return nil, errTargetNotSupported.WithMessage("Parameter " + arn + " is not valid. Reason: Switchyard does not deliver to targets of service " + service + ".")
	}
	return eventbus.Func(func(ctx context.Context, d eventbus.Delivery) error {
		dest, ok := a.resolveTarget(service, arn, p)
		if !ok {
			return &eventbus.TargetError{Code: "RESOURCE_NOT_FOUND", Err: errors.New("the target " + arn + " does not exist")}
		}
		return dest.Send(ctx, d)
	}), nil
}

// resolveTarget finds the destination of a target ARN now.
func (a *Account) resolveTarget(service, arn string, p eventsapi.TargetParameters) (eventbus.Destination, bool) {
	switch service {
	case "sqs":
		if q, ok := a.sqs.QueueByARN(arn); ok {
			return eventbus.ToQueue(q, eventbus.QueueParams{MessageGroupID: p.SQSMessageGroupID}), true
		}
	case "sns":
		if t, ok := a.sns.TopicByARN(arn); ok {
			return eventbus.ToTopic(t), true
		}
	case "kinesis":
		if s, ok := a.kinesis.StreamByARN(arn); ok {
			dest, err := eventbus.ToStream(s, p.KinesisPartitionKeyPath)
			return dest, err == nil
		}
	case "firehose":
		if ds, ok := a.firehose.DeliveryStreamByARN(arn); ok {
			return eventbus.ToFirehose(ds), true
		}
	case "states":
		if sm, ok := a.sfn.StateMachineByARN(arn); ok {
			return eventbus.ToStateMachine(sm), true
		}
	case "lambda":
		if _, ok := a.function(arn); ok {
			return eventbus.Func(func(ctx context.Context, d eventbus.Delivery) error {
				return a.lambda.InvokeAsync(ctx, arn, d.Input)
			}), true
		}
	}
	return nil, false
}

// deadLetter returns the dead-letter queue of a target's
// DeadLetterConfig.Arn, an SQS queue of the account.
func (a *Account) deadLetter(arn string) (eventbus.DeadLetter, bool) {
	q, ok := a.sqs.QueueByARN(arn)
	if !ok {
		return nil, false
	}
	return eventbus.DeadLetterTo(q), true
}

// arnService returns the service of an ARN (arn:aws:<service>:…).
func arnService(arn string) string {
	parts := strings.SplitN(arn, ":", 4)
	if len(parts) < 4 || parts[0] != "arn" {
		return ""
	}
	return parts[2]
}
