package topic

import (
	"context"
	"time"
)

// Handler receives a topic's messages, as a Lambda function subscribed to
// an SNS topic does. A call that returns an error is retried on SNS's
// schedule; see [Topic.SubscribeHandler].
type Handler[T any] interface {
	// HandleNotification handles one message. ctx is cancelled when the
	// topic closes. It must not change n.Message or n.Attributes, which
	// other subscribers share.
	HandleNotification(ctx context.Context, n Notification[T]) error
}

// HandlerFunc adapts a function to a [Handler].
type HandlerFunc[T any] func(ctx context.Context, n Notification[T]) error

// HandleNotification calls f.
func (f HandlerFunc[T]) HandleNotification(ctx context.Context, n Notification[T]) error {
	return f(ctx, n)
}

var _ Handler[string] = HandlerFunc[string](nil)

// Notification is a message as a handler receives it.
type Notification[T any] struct {
	// MessageID is the id Publish returned, the same for every subscriber.
	MessageID string
	// TopicARN and SubscriptionARN say where the message came from.
	TopicARN        string
	SubscriptionARN string
	// Subject is the published subject, or "".
	Subject string
	// Message is the published body. A message published with
	// MessageStructure "json" carries its "lambda" entry, or its "default",
	// decoded as [PublishInput.Message] describes.
	Message T
	// Attributes are the published message attributes.
	Attributes map[string]Attribute
	// Timestamp is when the message was published.
	Timestamp time.Time
	// GroupID is the message group: FIFO topics, and standard topics when
	// one was given.
	GroupID string
	// SequenceNumber (FIFO only) is the number the topic gave the message.
	SequenceNumber SequenceNumber
	// Attempt counts the deliveries of this message to this subscription,
	// from 1.
	Attempt int
}
