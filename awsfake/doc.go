// Package awsfake provides Switchyard's AWS face: an in-memory AWS account
// whose resources are Switchyard's engines, served on the wire exactly as
// AWS serves them, so that code written with a real AWS SDK runs against it
// unchanged — in process, in microseconds, with time under the test's
// control.
//
// An [Account] is one account in one region. It owns the named resources
// its API creates — SQS queues (over JSON 1.0, with the query-compatible
// error header, and over the older Query/XML protocol), SNS topics and
// subscriptions (Query/XML) — builds AWS's URLs and ARNs for them, and
// wires them by ARN: an SNS subscription to an SQS queue's ARN delivers
// into that queue, one to a registered [Function]'s ARN calls it. Two
// accounts share nothing; there is no package-level state.
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
// Errors are AWS's: the status, the JSON "__type" and message with the
// x-amzn-query-error header for SQS, the XML ErrorResponse for SNS, so the
// SDKs' typed errors match (errors.As(err, &*types.QueueDoesNotExist)). An
// operation we do not serve answers as AWS answers one it does not have.
package awsfake
