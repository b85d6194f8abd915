// Package s3key provides the S3 object keys of Amazon Data Firehose: it
// checks a delivery stream's Prefix and ErrorOutputPrefix the way
// CreateDeliveryStream does, evaluates their !{namespace:value}
// expressions for one object, and writes the object name that follows
// the prefix.
//
// A key is <evaluated prefix><object name>. [Parse] checks the two
// prefix settings and fills in the defaults AWS applies; [Prefixes.Object]
// and [Prefixes.Error] evaluate them for a delivered object and for an
// error-output object; [ObjectName] writes
// name-version-yyyy-MM-dd-HH-mm-ss-uuid plus the file extension, which
// [CheckFileExtension] validates.
//
// The expressions are those of the Firehose developer guide, "Custom
// prefixes for Amazon S3 objects"
// (https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html):
//
//	!{timestamp:PATTERN}           a java.time DateTimeFormatter pattern
//	!{firehose:random-string}      11 random characters, new at each use
//	!{firehose:error-output-type}  the failure kind; ErrorOutputPrefix only
//	!{partitionKeyFromQuery:name}  a dynamic partitioning key (inline jq)
//	!{partitionKeyFromLambda:name} a dynamic partitioning key (processor)
//
// Where the guide contradicts itself, the choice made is noted at the
// code that makes it.
package s3key
