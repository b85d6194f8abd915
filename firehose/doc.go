// Package firehose provides Amazon Data Firehose delivery streams for Go
// programs: records are buffered and delivered in batches — by size or by
// interval, whichever comes first — transformed on the way, partitioned
// into prefixes, compressed, and what cannot be delivered is kept aside
// in an error output instead of lost.
//
// A [DeliveryStream] is made from a [Config], checked as
// CreateDeliveryStream checks it, with exactly one destination:
//
//   - [S3Destination] writes objects to an [ObjectStore] with S3's key
//     layout: the prefix (by default the UTC hour of the oldest record,
//     YYYY/MM/dd/HH/, or one with !{timestamp:…}, !{firehose:…} and
//     partition-key expressions), then
//     name-version-yyyy-MM-dd-HH-mm-ss-uuid and the compression's
//     extension. [DirStore] keeps objects as files a person can open,
//     [MemoryStore] keeps them in memory for tests;
//   - [HTTPEndpoint] posts batches in Firehose's HTTP endpoint delivery
//     format, headers, request id and response rules included;
//   - any [Destination], such as a [DestinationFunc].
//
// # Taking records
//
// [DeliveryStream.Put] and [DeliveryStream.PutBatch] are PutRecord and
// PutRecordBatch, with their limits (500 records and 4 MiB a call,
// 1,000 KiB a record) and per-record results; [WithFaults] makes chosen
// records fail as AWS's throttling does. A delivery stream made with
// [FromStream] reads a [stream.Stream] instead, from the moment it is
// made, and refuses puts as AWS refuses them.
//
// # Buffering and delivery
//
// Records wait in a buffer until it holds BufferingHints.SizeInMBs or
// its first record has waited IntervalInSeconds; an interval of zero
// delivers each put call's records at once. Intervals and retry backoffs
// run on the delivery stream's clock ([WithClock]), so under a
// [clock.Manual] or testing/synctest a 300-second interval passes at
// once. [DeliveryStream.Flush] delivers what is buffered now;
// [DeliveryStream.Close] does the same and stops the delivery stream, so
// nothing accepted is lost on a clean shutdown.
//
// A destination that fails is retried with exponential backoff (1 s
// doubling to 120 s, ±15%) for the retry duration — 24 hours for S3,
// DynamicPartitioning.RetryDuration with dynamic partitioning,
// RetryDuration otherwise — and then its records go to the error output:
// as http-endpoint-failed, or as partitioning-failed with dynamic
// partitioning; S3 without it keeps no copy, as on AWS. A delivery
// stream starts one goroutine while it has buffers to deliver and none
// when it is idle.
//
// # Transformation and partitioning
//
// A [Processor] is a Lambda transformation function in Go: it gets
// records in batches, buffered by their own hints, and answers Ok (with
// new data), Dropped or ProcessingFailed for each. A failed invocation
// is retried NumberOfRetries times. Failed records — and records the
// answer forgot or named twice — go to the error output as
// processing-failed, as JSON lines with AWS's error codes, never to the
// destination.
//
// [DynamicPartitioning] takes keys from each record, with a jq path
// (".customer.id") or a Go function, or from the processor's answer,
// and keeps one buffer per partition, at most 500. Records whose keys
// cannot be taken go to the error output as partitioning-failed.
//
// [Stats] counts what became of every record: delivered, dropped,
// failed, lost.
//
// # Differences from AWS
//
//   - A delivery stream is ACTIVE at once and has one version; there is
//     no UpdateDestination.
//   - Destinations are the S3-style store, an HTTP endpoint (which may
//     also be plain http, on any port) and Go code; the other AWS
//     destinations and processors (record deaggregation, format
//     conversion, Snappy compression) are not built and are refused.
//   - Buffer sizes count the records' bytes as buffered, before
//     compression; buffers are not raised dynamically.
//   - A partition is its keys; the object's timestamp expressions take
//     its oldest record's arrival time.
//   - Error-output and backup objects are compressed as their
//     S3Destination's CompressionFormat says.
package firehose
