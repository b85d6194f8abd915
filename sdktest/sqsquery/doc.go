// Package sqsquery runs the last AWS SDK for Go v2 SQS client that speaks
// SQS's Query protocol (service/sqs v1.26.0: form-encoded requests, XML
// replies; v1.27.0 switched to JSON) against
// [github.com/switchyard/switchyard/awsfake], through every SQS operation,
// in memory inside testing/synctest bubbles and over a loopback socket to
// the emulator.
//
// It is a module of its own because one build list cannot hold two
// versions of service/sqs: its sibling module sdktest runs the newest
// client, which speaks JSON. The package holds only tests. Run every test
// of the repository with test.sh at the repository's root.
package sqsquery
