// Package awsfake provides Switchyard's AWS face: an in-memory AWS account
// whose resources are Switchyard's engines, served on the wire exactly as
// AWS serves them, so that code written with a real AWS SDK runs against it
// unchanged — in process, in microseconds, with time under the test's
// control.
//
// An [Account] is one account in one region. It owns the named resources
// its API creates, builds AWS's URLs and ARNs for them, and serves them in
// each service's own protocol:
//
//   - SQS queues, over JSON 1.0 (with the query-compatible error header)
//     and the older Query/XML protocol;
//   - SNS topics and subscriptions, over Query/XML;
//   - Kinesis streams, shards, consumers and SubscribeToShard's binary
//     event stream, over JSON 1.1;
//   - Firehose delivery streams, over JSON 1.1, whose S3-style
//     destinations write into the account's object store ([Config.Objects]);
//   - Step Functions state machines, versions, aliases, executions and
//     activities, over JSON 1.0;
//   - EventBridge buses, rules, targets, archives, replays and schedules,
//     over JSON 1.1;
//   - Lambda's Invoke and event source mappings, over REST JSON, for Go
//     code registered as a [Function].
//
// Resources reach each other by ARN, as on AWS: an SNS subscription or a
// rule's target names a queue, topic, stream, delivery stream, state
// machine or function; a state machine's Task calls
// arn:aws:states:::sqs:sendMessage, sns:publish, events:putEvents,
// lambda:invoke, states:startExecution (.sync, .sync:2) or an SDK
// integration (arn:aws:states:::aws-sdk:kinesis:putRecord); a delivery
// stream reads a stream; an event source mapping feeds a function from a
// queue or a stream. Two accounts share nothing; there is no
// package-level state.
//
// Point an SDK at an account in one of two ways:
//
//   - In process: give the SDK [Account.HTTPClient] (aws.Config.HTTPClient)
//     and any BaseEndpoint. No socket, no DNS; inside a [testing/synctest]
//     bubble, a 20-second long poll returns at once in virtual time.
//   - Over a port: serve [Account.Handler] (or an [Emulator]'s, which adds
//     an admin API and a clock that can jump) with net/http, and set
//     BaseEndpoint or AWS_ENDPOINT_URL to its address. The switchyard
//     command does this on 127.0.0.1:4566.
//
// Errors are AWS's: the status, the JSON "__type" and message (with the
// x-amzn-query-error header for SQS), the XML ErrorResponse for SNS,
// Lambda's X-Amzn-ErrorType, so the SDKs' typed errors match
// (errors.As(err, &*types.QueueDoesNotExist)). An operation we do not
// serve answers as AWS answers one it does not have.
//
// One caution from the SDK rather than from us: aws-sdk-go-v2's Kinesis
// client shares one event-stream decoder between its SubscribeToShard
// streams, so two subscriptions read at the same time need a client each.
package awsfake
