// Package kinesisapi is Kinesis Data Streams over the wire: the JSON 1.1
// API (X-Amz-Target Kinesis_20131202.<Op>) of streams, shards, records,
// tags and enhanced fan-out consumers, backed by [stream.Stream] values
// holding []byte records, and SubscribeToShard's binary event stream.
//
// Each operation has one input type, decoded from the request's JSON by
// its member names; its implementation checks what the engine does not
// (required members, which stream a name or ARN names, tags, stream
// modes), makes one call into the engine, and returns an output that
// encodes to AWS's JSON: timestamps as epoch seconds, blobs as base64.
// Errors are the engine's [*awserr.Error] values, written as AWS writes
// them, plus the few this layer answers itself (errors.go).
//
// SubscribeToShard does not fit the request–reply shape of the others:
// [Service.ServeJSON] answers it with an application/vnd.amazon.eventstream
// reply (eventstream.go), an initial-response message and then one
// SubscribeToShardEvent message per engine event, flushed as it is
// written, until the subscription ends (after 5 minutes, at the end of a
// closed shard, on takeover) or the client goes away.
//
// Where the package differs from AWS on purpose is listed on [Service].
package kinesisapi
