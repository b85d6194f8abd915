// Package queue provides SQS queues for Go programs: typed, in process,
// with SQS's semantics — standard and FIFO queues, message groups,
// deduplication, visibility timeouts, delays, retention, long polling,
// dead-letter queues and redrive, batch operations, and a consumer helper
// for worker pools.
//
// A [Queue] is made from a [Config], whose fields are SQS's queue attributes
// with AWS's defaults and ranges:
//
//	q, err := queue.New(queue.Config[Job]{Name: "jobs", VisibilityTimeout: queue.Seconds(60)})
//
// Bodies are values of the type parameter; nothing is encoded on the way
// through. Where SQS counts bytes, a string or []byte body counts its length
// and any other type the length of its JSON encoding (see [WithSizer]).
//
// Errors carry SQS's error codes and messages: match them with [errors.Is]
// against the package's sentinels ([ErrInvalidParameterValue],
// [ErrReceiptHandleIsInvalid], …). Bad input never panics and never changes
// what is stored.
//
// Time is read from a [clock.Clock] ([WithClock]); with a [clock.Manual] or
// inside a [testing/synctest] bubble a test moves through visibility
// timeouts, delays, the 5-minute deduplication window and retention
// instantly. State that depends on time is worked out when the queue is
// used, so an idle queue runs no goroutine and holds no timer.
//
// A queue takes one lock per operation. For throughput from many
// goroutines, [WithLanes] spreads a standard queue over several locks, as
// SQS spreads a queue over servers; messages in different lanes then come
// back in no particular order.
//
// [Queue.SendBatch] and [Queue.Receive] return new slices. On a hot path,
// [Queue.AppendSendBatch] and [Queue.AppendReceive] append to the caller's
// instead, so that a worker which reuses its slices makes no garbage.
//
// [Queue.Close] deletes a queue, as DeleteQueue does: every later
// operation fails with [ErrQueueDoesNotExist], SQS's error for a deleted
// queue, and receives waiting in a long poll wake and return it. Code that
// delivers to queues it does not own (a topic's subscriptions, a bus's
// targets) sees a deleted queue as that client-side error.
//
// Where the package differs from SQS on purpose: receives are exact and
// deterministic (no sampling of servers, so a short poll sees every
// available message, and counts are exact, not approximate) unless
// [WithAtLeastOnce] asks for SQS's looser delivery; fair-queue tenants
// (group ids on standard queues) are stored and reported but not
// de-prioritised; and FifoThroughputLimit sets no rate.
package queue
