package awsfake

import (
	"context"
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/eventsapi"
	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/internal/awserr"
)

// errTargetNotSupported refuses a target ARN of a service the account does
// not have.
var errTargetNotSupported = awserr.New("ValidationException", "ValidationException", 400, "")

// targetDestination returns the destination of a rule's target ARN now: a
// queue, topic, stream, delivery stream, state machine or function of the
// account, or nil when it does not exist (yet). The EventBridge API asks
// again at each delivery, as EventBridge resolves targets when it
// delivers; a delivery to nothing fails with RESOURCE_NOT_FOUND, which is
// not retried (the event goes to the target's dead-letter queue, if it has
// one). An ARN of a service the account does not have is refused.
func (a *Account) targetDestination(arn string, p eventsapi.TargetParameters) (eventbus.Destination, error) {
	switch service := arnService(arn); service {
	case "sqs":
		if q, ok := a.sqs.QueueByARN(arn); ok {
			return eventbus.ToQueue(q, eventbus.QueueParams{MessageGroupID: p.SQSMessageGroupID}), nil
		}
	case "sns":
		if t, ok := a.sns.TopicByARN(arn); ok {
			return eventbus.ToTopic(t), nil
		}
	case "kinesis":
		s, ok := a.kinesis.StreamByARN(arn)
		if !ok {
			s = nil // still check the partition key path, as PutTargets does
		}
		dest, err := eventbus.ToStream(s, p.KinesisPartitionKeyPath)
		if err != nil || !ok {
			return nil, err
		}
		return dest, nil
	case "firehose":
		if ds, ok := a.firehose.DeliveryStreamByARN(arn); ok {
			return eventbus.ToFirehose(ds), nil
		}
	case "states":
		if sm, ok := a.sfn.StateMachineByARN(arn); ok {
			return eventbus.ToStateMachine(sm), nil
		}
	case "lambda":
		if _, ok := a.function(arn); ok {
			return eventbus.Func(func(ctx context.Context, d eventbus.Delivery) error {
				return a.lambda.InvokeAsync(ctx, arn, d.Input)
			}), nil
		}
	default:
		return nil, errTargetNotSupported.WithMessage("Parameter " + arn + " is not valid. Reason: Switchyard does not deliver to targets of service " + service + ".")
	}
	return nil, nil
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
