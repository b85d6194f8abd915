// Package firehoseapi serves Amazon Data Firehose's API (JSON 1.1,
// X-Amz-Target Firehose_20150804.<Op>) over the [firehose] engine: the
// twelve operations of delivery streams — create, describe, list, delete,
// UpdateDestination, tags, PutRecord and PutRecordBatch, and the
// server-side encryption switches.
//
// Each operation has one input type, decoded from the request's JSON,
// whose model constraints are checked first (every broken one in one
// ValidationException, as AWS reports them); then the rules the engine
// does not know are checked, and one call into the engine does the rest.
// The API's configuration shapes are kept as they were given, merged by
// UpdateDestination, described by DescribeDeliveryStream with AWS's
// defaults, and mapped to a [firehose.Config]:
//
//   - ExtendedS3DestinationConfiguration and S3DestinationConfiguration
//     write to the account's one object store, each under its bucket's
//     name: the object <key> of bucket arn:aws:s3:::<bucket> is stored as
//     "<bucket>/<key>". Backups (S3BackupConfiguration, an HTTP endpoint's
//     S3Configuration) go to their own bucket the same way.
//   - HttpEndpointDestinationConfiguration posts to its URL in Firehose's
//     HTTP endpoint delivery format.
//   - A Lambda processor invokes the function registered under its
//     LambdaArn, looked up at each invocation, with Firehose's
//     transformation event; MetadataExtraction queries feed dynamic
//     partitioning; AppendDelimiterToRecord adds newlines.
//   - KinesisStreamAsSource reads the account's Kinesis stream.
//
// Where it differs from AWS on purpose:
//
//   - A delivery stream is ACTIVE as soon as CreateDeliveryStream answers,
//     and a deleted one is gone (its name free) as soon as
//     DeleteDeliveryStream answers, which it does after delivering what
//     the delivery stream held. UpdateDestination and the encryption
//     switches also take effect at once.
//   - The other destinations (Redshift, OpenSearch, Splunk, Snowflake,
//     Iceberg, …), the MSK and database sources, format conversion and the
//     RecordDeAggregation, Decompression and CloudWatchLogProcessing
//     processors are refused with an InvalidArgumentException saying that
//     Switchyard does not implement them yet; so is Snappy compression (by
//     the engine).
//   - An HTTP endpoint URL may be plain http, on any port, so that a
//     test's endpoint needs no certificate; AWS takes only https on 443.
//   - Encryption settings, IAM roles and CloudWatch logging options are
//     kept and described, never enforced: nothing is encrypted, and
//     Encrypted in put answers says whether encryption is switched on.
//   - There is no limit on the number of delivery streams, and no
//     throttling.
//   - A buffering hint given without its partner takes its default.
//   - Around an UpdateDestination of a delivery stream that reads a
//     Kinesis stream, records read while the two engine delivery streams
//     overlap may be delivered twice (Firehose is at-least-once).
package firehoseapi
