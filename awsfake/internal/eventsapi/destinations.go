package eventsapi

import (
	"context"
	"errors"
	"fmt"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/queue"
)

// Targets name their destinations by ARN, and AWS resolves the ARN when
// it delivers, not when the target is put: a target may name a queue that
// is created later, or deleted and created again. So the destinations
// below resolve their ARN on every delivery. Each has an ARN method, which
// the engine reports in ListRuleNamesByTarget and in dead letters
// (TARGET_ARN).

// Compile-time checks that the resolvers are what the engine takes.
var (
	_ eventbus.Destination = busDestination{}
	_ eventbus.Destination = remoteDestination{}
	_ eventbus.DeadLetter  = deadLetterQueue{}
)

// busDestination is a bus of the account, named by its ARN; ToBus sends
// the event on as it is.
type busDestination struct {
	s   *Service
	arn string
}

func (d busDestination) ARN() string { return d.arn }

func (d busDestination) Send(ctx context.Context, del eventbus.Delivery) error {
	b, ok := d.s.BusByARN(d.arn)
	if !ok {
		name, _ := d.s.busNameOfARN(d.arn)
		return &eventbus.TargetError{Code: "RESOURCE_NOT_FOUND", Err: errBusNotFound(name)}
	}
	return eventbus.ToBus(b).Send(ctx, del)
}

// remoteDestination is a resource of another service, resolved by
// Config.Destination.
type remoteDestination struct {
	s      *Service
	arn    string
	params TargetParameters
}

func (d remoteDestination) ARN() string { return d.arn }

func (d remoteDestination) Send(ctx context.Context, del eventbus.Delivery) error {
	dest, err := d.s.resolve(d.arn, d.params)
	if err != nil {
		return err
	}
	return dest.Send(ctx, del)
}

// resolve returns the destination of a target ARN of another service. A
// failure that carries no AWS code is a missing resource, which retrying
// will not mend.
func (s *Service) resolve(arn string, p TargetParameters) (eventbus.Destination, error) {
	if s.cfg.Destination == nil {
		return nil, &eventbus.TargetError{Code: "RESOURCE_NOT_FOUND", Err: fmt.Errorf("no service here has the resource %s", arn)}
	}
	dest, err := s.cfg.Destination(arn, p)
	if err != nil {
		var ae *eventbus.Error
		if errors.As(err, &ae) {
			return nil, err
		}
		return nil, &eventbus.TargetError{Code: "RESOURCE_NOT_FOUND", Err: err}
	}
	if dest == nil {
		return nil, &eventbus.TargetError{Code: "RESOURCE_NOT_FOUND", Err: fmt.Errorf("the resource %s does not exist", arn)}
	}
	return dest, nil
}

// deadLetterQueue is a target's DeadLetterConfig.Arn, resolved by
// Config.DeadLetter for each dead letter.
type deadLetterQueue struct {
	s   *Service
	arn string
}

func (q deadLetterQueue) SendDeadLetter(body []byte, attributes map[string]queue.Attribute) error {
	if q.s.cfg.DeadLetter != nil {
		if dl, ok := q.s.cfg.DeadLetter(q.arn); ok && dl != nil {
			return dl.SendDeadLetter(body, attributes)
		}
	}
	return fmt.Errorf("the dead-letter queue %s does not exist", q.arn)
}
