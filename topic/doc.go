// Package topic provides SNS topics for Go programs: typed, in process,
// with SNS's semantics — standard and FIFO topics, fan-out to queues and
// to Go handlers, filter policies on attributes or on the message body,
// the JSON envelope or raw delivery, SNS's retry policy and subscription
// dead-letter queues, and FIFO ordering and deduplication.
//
// A [Topic] is made from a [Config], whose fields are SNS's topic
// attributes:
//
//	t, err := topic.New[Order](topic.Config{Name: "orders"})
//
// Subscribers are a [queue.Queue] of strings ([Topic.SubscribeQueue]),
// which receives what SQS would receive from SNS, byte for byte, or a
// [Handler] ([Topic.SubscribeHandler]), which is called as a Lambda
// function would be, with the message as a T. Each subscription has its
// own filter policy, raw-delivery setting and dead-letter queue, all of
// which can change at any time.
//
// The SNS message of a body whose type is exactly string or []byte is the
// body itself; that of any other type is its JSON encoding, which is what
// queues receive and what counts toward the 256 KiB limit.
//
// Errors carry SNS's error codes and messages: match them with [errors.Is]
// against the package's sentinels ([ErrInvalidParameter],
// [ErrParameterValueInvalid], [ErrNotFound], …). Bad input never panics and
// publishes nothing.
//
// Delivery follows SNS's policy for queues and Lambda functions: a failed
// delivery is retried 3 times at once, twice 1 s apart, 10 times with
// backoff from 1 s to 20 s, then 100,000 times 20 s apart, and then goes to
// the dead-letter queue; a client-side error (the queue rejects the
// message, or a raw delivery carries more than 10 attributes) goes there at
// once. Retries wait on the topic's [clock.Clock] ([WithClock]), so a test
// with a [clock.Manual] moves through 23 days of retries without waiting. On a
// FIFO topic a message being retried holds back the rest of its group for
// that subscription, and nothing else.
//
// [Topic.Close] lets the messages already published reach their handlers
// and waits for them, as a server's graceful shutdown would; only
// deliveries waiting for a retry are dropped.
//
// Where the package differs from SNS on purpose: delivery to queues
// happens before Publish returns (SNS delivers shortly after), so a test
// can receive at once; the envelope's Signature and SigningCertURL are
// placeholders, as nothing in process can sign as AWS does; a filter policy
// change applies to the next publish (SNS may take up to 15 minutes);
// subscriptions to queues are confirmed at once, as SNS confirms
// same-account queues; and FIFO topics take handler subscriptions, run in
// group order, where SNS FIFO topics deliver to SQS queues only.
package topic
