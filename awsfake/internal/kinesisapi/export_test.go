package kinesisapi

// DecodeMessage exposes the tests' event-stream reader to the external
// tests.
var DecodeMessage = decodeMessage
