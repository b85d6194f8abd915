package firehose

import "time"

// Firehose's limits and defaults.
const (
	// MaxNameLength is the longest delivery stream name.
	MaxNameLength = 64
	// MaxBatchRecords is the most records one PutBatch takes.
	MaxBatchRecords = 500
	// MaxBatchBytes is the most data one PutBatch takes, 4 MiB.
	MaxBatchBytes = 4 << 20
	// MaxRecordBytes is the largest record, 1,000 KiB.
	MaxRecordBytes = 1000 << 10
	// DefaultBufferSizeInMBs and DefaultBufferIntervalInSeconds are the
	// buffering hints of a delivery stream that gives none.
	DefaultBufferSizeInMBs         = 5
	DefaultBufferIntervalInSeconds = 300
	// MaxBufferIntervalInSeconds bounds BufferingHints.IntervalInSeconds.
	MaxBufferIntervalInSeconds = 900
	// MaxActivePartitions is how many partitions with buffered records
	// dynamic partitioning keeps at once; the records of any more go to
	// the error output.
	MaxActivePartitions = 500
	// DefaultRetryDuration is how long a failing HTTP endpoint or
	// function destination is retried, and MaxRetryDuration the most it
	// can be; an S3-style destination is retried for S3RetryDuration.
	DefaultRetryDuration = 300 * time.Second
	MaxRetryDuration     = 7200 * time.Second
	S3RetryDuration      = 24 * time.Hour
	// DefaultProcessorRetries is how often a failed processor invocation
	// is retried, and MaxProcessorRetries the most it can be.
	DefaultProcessorRetries = 3
	MaxProcessorRetries     = 300
)

// Config defines a delivery stream, as CreateDeliveryStream does. It has
// exactly one destination: S3, HTTPEndpoint or Destination.
type Config struct {
	// Name is 1–64 characters of [a-zA-Z0-9_.-].
	Name string
	// Source is where records come from: nil takes them from Put and
	// PutBatch (DirectPut); [FromStream] reads a stream
	// (KinesisStreamAsSource), and then Put and PutBatch are refused.
	Source Source
	// Buffering says when a buffer is delivered: once it holds SizeInMBs
	// or once its oldest record has waited IntervalInSeconds, whichever
	// comes first. nil means 5 MiB and 300 seconds.
	Buffering *BufferingHints
	// Processing transforms records before they are delivered.
	Processing *Processing
	// AppendDelimiter adds a newline after each record, as the
	// AppendDelimiterToRecord processor does, so that delivered objects
	// hold one record per line.
	AppendDelimiter bool
	// DynamicPartitioning groups records by keys taken from each one, a
	// buffer per group. Only an S3 destination takes it.
	DynamicPartitioning *DynamicPartitioning

	// S3 delivers to an object store with S3's key layout
	// (ExtendedS3DestinationConfiguration).
	S3 *S3Destination
	// HTTPEndpoint delivers to an HTTP endpoint in Firehose's HTTP
	// delivery format (HttpEndpointDestinationConfiguration). It needs a
	// Backup for the records it cannot deliver, as AWS needs its S3
	// configuration.
	HTTPEndpoint *HTTPEndpoint
	// Destination delivers to any Go code.
	Destination Destination

	// RetryDuration is how long a failing HTTP endpoint or Destination is
	// retried (RetryOptions.DurationInSeconds): 0–7,200 seconds; nil
	// means 300 seconds. An S3 destination is retried for 24 hours, as
	// AWS retries S3, and takes no RetryDuration.
	RetryDuration *time.Duration
	// Backup is a second object store: for an S3 destination, it receives
	// every source record when BackupMode is BackupEnabled (S3BackupMode
	// Enabled); for the others, it receives the records that could not be
	// delivered (BackupFailedDataOnly, the default) or all of them
	// (BackupAllData), as the S3 configuration of an HTTP endpoint does.
	Backup *S3Destination
	// BackupMode says what goes to Backup; see the modes.
	BackupMode BackupMode
}

// BufferingHints says when a buffer is delivered.
type BufferingHints struct {
	// SizeInMBs is 1–128 MiB (1–64 for an HTTP endpoint), counted before
	// compression.
	SizeInMBs int
	// IntervalInSeconds is 0–900 seconds. Zero delivers the records of
	// each Put or PutBatch call at once ("zero buffering"), which dynamic
	// partitioning does not allow.
	IntervalInSeconds int
}

// Processing transforms records with a [Processor], as a Lambda
// processor does. Records are buffered for it first, by its own hints.
type Processing struct {
	// Processor transforms a batch of records.
	Processor Processor
	// LambdaARN, if set, names the processor in error-output records
	// (lambdaARN), as the Lambda function's ARN does on AWS.
	LambdaARN string
	// NumberOfRetries is how often a failed invocation is retried before
	// its records go to the error output as processing-failed: 0–300;
	// nil means 3.
	NumberOfRetries *int
	// BufferSizeInMBs is how much data the processor gets at once,
	// 0.2–3 MB; zero means 1.
	BufferSizeInMBs float64
	// BufferIntervalInSeconds is how long records wait for the processor
	// at most, 60–900 seconds; zero means 60.
	BufferIntervalInSeconds int
}

// DynamicPartitioning takes keys from each record. The S3 destination's
// Prefix uses them with !{partitionKeyFromQuery:name} (keys from Query
// or QueryFunc) and !{partitionKeyFromLambda:name} (keys from the
// processor's results). A record whose keys cannot be taken goes to the
// error output.
type DynamicPartitioning struct {
	// Query maps key names to jq paths into a JSON record, such as
	// ".customer.id" or ".tags[0]" — the subset of jq that a
	// MetadataExtractionQuery such as {customer: .customer.id} uses for
	// plain fields. A key must lead to a string, number or boolean.
	Query map[string]string
	// QueryFunc takes the keys from a record's data in Go, in place of
	// Query.
	QueryFunc func(data []byte) (map[string]string, error)
	// RetryDuration is how long delivery to a partition is retried,
	// 0–7,200 seconds; nil means 300 seconds.
	RetryDuration *time.Duration
}

// BackupMode says what goes to a delivery stream's Backup.
type BackupMode string

// The backup modes: S3's S3BackupMode and an HTTP endpoint's.
const (
	BackupDisabled       BackupMode = "Disabled"
	BackupEnabled        BackupMode = "Enabled"
	BackupFailedDataOnly BackupMode = "FailedDataOnly"
	BackupAllData        BackupMode = "AllData"
)

// Retries returns a pointer to n, for Processing.NumberOfRetries.
func Retries(n int) *int { return &n }

// Duration returns a pointer to d, for the RetryDuration fields.
func Duration(d time.Duration) *time.Duration { return &d }
