package topic

import (
	"errors"
	"fmt"

	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/queue"
)

// clientError is a delivery failure that retrying cannot mend — what AWS
// calls a client-side error: the endpoint rejected the message itself.
// Such a delivery goes to the dead-letter queue at once.
type clientError struct{ err error }

func (e *clientError) Error() string { return e.err.Error() }
func (e *clientError) Unwrap() error { return e.err }

// isClientError reports whether err is a client-side error.
func isClientError(err error) bool {
	var ce *clientError
	return errors.As(err, &ce)
}

// deliver makes one attempt to hand n to the endpoint.
func (s *Subscription[T]) deliver(n *notification[T], attempt int) error {
	if s.queue == nil {
		return s.call(n, attempt)
	}
	in := s.queueMessage(n, s.state.Load().cfg.RawMessageDelivery, s.queue)
	if len(in.Attributes) > attr.MaxAttributes {
		return &clientError{fmt.Errorf("raw delivery of %d message attributes, more than SQS's %d", len(in.Attributes), attr.MaxAttributes)}
	}
	// The attributes are the notification's own copy, never changed, so
	// every queue can keep that one map.
	if _, err := s.queue.SendShared(in); err != nil {
		// A queue's errors are its verdict on the message (too long,
		// invalid characters): a client (Sender) error is final.
		var ae *awserr.Error
		if errors.As(err, &ae) && ae.Fault == awserr.Sender {
			return &clientError{err}
		}
		return err
	}
	return nil
}

// queueMessage is what a queue receives for n: the envelope, or with raw
// delivery the message and its attributes; on a FIFO queue, the group and
// deduplication ids; on a standard queue fed by a standard topic, the group
// id (a fair-queue tenant) if one was published.
func (s *Subscription[T]) queueMessage(n *notification[T], raw bool, q *queue.Queue[string]) queue.SendInput[string] {
	var in queue.SendInput[string]
	protocol := "sqs"
	if s.queue == nil {
		protocol = "lambda" // a handler's dead letter: what it was given
	}
	if raw {
		in.Body, in.Attributes = n.messageFor(protocol), n.attrs
	} else {
		in.Body = s.envelopeOf(n, protocol).forSubscription(s.arn)
	}
	switch {
	case q.FIFO():
		in.GroupID, in.DeduplicationID = n.groupID, n.dedupID
	case !s.topic.fifo:
		in.GroupID = n.groupID
	}
	return in
}

// envelopeOf returns n's envelope for protocol: the one every queue shares,
// made when first needed, unless protocol has a message of its own.
func (s *Subscription[T]) envelopeOf(n *notification[T], protocol string) *envelope {
	if protocol != "sqs" && n.protocols != nil {
		env := buildEnvelope(s.topic, n, n.messageFor(protocol))
		return &env
	}
	n.envOnce.Do(func() { n.env = buildEnvelope(s.topic, n, n.messageFor("sqs")) })
	return &n.env
}

// call passes n to the handler.
func (s *Subscription[T]) call(n *notification[T], attempt int) error {
	body := n.body
	if n.protocols != nil {
		var err error
		if body, err = decodeMessage[T](n.messageFor("lambda")); err != nil {
			return &clientError{err}
		}
	}
	return s.handler.HandleNotification(s.topic.ctx, Notification[T]{
		MessageID:       n.id,
		TopicARN:        s.topic.arn,
		SubscriptionARN: s.arn,
		Subject:         n.subject,
		Message:         body,
		Attributes:      n.attrs,
		Timestamp:       n.timestamp,
		GroupID:         n.groupID,
		SequenceNumber:  n.seq,
		Attempt:         attempt,
	})
}

// deadLetter sends n, which could not be delivered, to the dead-letter
// queue, as the endpoint would have received it (a handler's as a queue
// would: in the envelope), with its attributes if SQS can take them; or
// drops it when there is no dead-letter queue or it refuses the message.
func (s *Subscription[T]) deadLetter(n *notification[T]) {
	cfg := s.state.Load().cfg
	dlq := cfg.DeadLetterQueue
	if dlq == nil {
		s.stats.dropped.Add(1)
		return
	}
	in := s.queueMessage(n, cfg.RawMessageDelivery, dlq)
	in.Attributes = n.attrs
	if len(in.Attributes) > attr.MaxAttributes {
		in.Attributes = nil
	}
	if _, err := dlq.SendShared(in); err != nil {
		s.stats.dropped.Add(1)
		return
	}
	s.stats.deadLettered.Add(1)
}
