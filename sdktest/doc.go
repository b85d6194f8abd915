// Package sdktest runs the real AWS SDK for Go v2 clients (service/sqs and
// service/sns, the newest the module proxy serves) against
// [github.com/switchyard/switchyard/awsfake]: once through the account's
// in-memory HTTP client, inside testing/synctest bubbles so that time is
// virtual, and once through the emulator's handler behind a real loopback
// socket, with its admin API.
//
// It is a module of its own so that the SDK never enters the build list of
// the switchyard module or of its users. The package holds only tests and
// benchmarks; nothing here is meant to be imported. Its sibling module
// sqsquery does the same with the last service/sqs that speaks SQS's Query
// protocol, since one build list cannot hold two versions of a module.
//
// Run every test of the repository, this module included, with test.sh at
// the repository's root.
package sdktest
