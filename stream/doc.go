// Package stream provides Kinesis data streams for Go programs: typed, in
// process, with Kinesis's semantics — hash-partitioned shards, sequence
// numbers, shard iterators, retention, resharding with lineage, optional
// per-shard throughput limits, enhanced fan-out subscriptions, and
// consumer groups with leases and checkpoints in the KCL's model.
//
// A [Stream] is made from a [Config] with the attributes CreateStream
// takes, with AWS's defaults and ranges:
//
//	s, err := stream.New[[]byte](stream.Config{Name: "trucks", ShardCount: 4})
//
// # Writing
//
// [Stream.Put] and [Stream.PutBatch] are PutRecord and PutRecords. A
// record's partition key is hashed with MD5 into a 128-bit hash key (or an
// explicit hash key is given), and the record goes to the open shard whose
// hash key range holds it. A stream's first shards split the hash key space
// evenly, the remainder of 2^128 / ShardCount going to the last. Records
// are stored as they are given: data is a value of the type parameter and
// is not copied or encoded. Where Kinesis counts bytes (the 1 MiB record,
// the 10 MiB request), data whose type is a string or a byte slice counts
// its length — named types too, such as json.RawMessage — and data of
// other types the length of its JSON encoding (without HTML escaping)
// unless [WithSizer] says otherwise; the partition key's bytes count too.
//
// A stream remembers the hash keys of a few thousand recent partition keys,
// so a producer that repeats its keys (a truck, a user) pays for MD5 once
// per key, and each key's bytes are stored once. [Stream.AppendPutBatch]
// writes its results into the caller's slice, for producers that put in a
// loop.
//
// Sequence numbers ([SequenceNumber]) have the 56-digit form AWS issues.
// They increase within a shard, and a child shard's are all greater than
// its parents'. They are numbers in memory and become strings only when
// asked. Each names its shard and its stream: a read from a sequence
// number fails, with AWS's messages, when the number is another shard's,
// another stream's (even one made in the same second), or one the shard
// never issued.
//
// # Reading
//
// [Stream.GetShardIterator] and [Stream.GetRecords] work as on AWS: five
// iterator types, opaque iterators that expire after 5 minutes, a fresh
// NextShardIterator with each read, MillisBehindLatest, and at the end of
// a closed shard no NextShardIterator but the ChildShards. For Go code,
// [Stream.Records] and [Stream.Follow] are iterators over a shard from a
// [StartingPosition]; Follow waits for new records, woken by the put that
// brings them.
//
// # Enhanced fan-out
//
// [Stream.RegisterStreamConsumer], [Stream.DescribeStreamConsumer],
// [Stream.ListStreamConsumers] and [Stream.DeregisterStreamConsumer]
// manage a stream's enhanced fan-out consumers, with AWS's validation,
// its limit of 20 consumers per stream, its statuses and its ARNs (the
// stream's ARN, "/consumer/", the name, ":" and the registration time in
// seconds). [Stream.SubscribeToShard] subscribes a consumer to a shard
// from a [StartingPosition]; ranging over [Subscription.Events] delivers
// [SubscribeToShardEvent] values — records, ContinuationSequenceNumber,
// MillisBehindLatest, and ChildShards with the last records of a closed
// shard — as records are put, in the caller's goroutine. A subscription
// ends 5 minutes after it was made, on the stream's clock. A second
// SubscribeToShard for the same consumer and shard fails with
// ResourceInUseException within 5 seconds of the last successful one, even
// if that subscription has ended, and takes over after that, ending the
// first, if still active, with ResourceInUseException.
//
// # Consumer groups
//
// A [Group] reads a whole stream in the KCL's model: a lease per shard,
// holding the shard's checkpoint, and workers ([Group.Run], one call per
// worker) that each hold a fair share of the leases and process their
// shards concurrently. A shard's children are started only once all its
// parents are checkpointed at SHARD_END, so each partition key's records
// are processed in order across splits and merges. Leases move by
// hand-off — the holder finishes its batch, checkpoints and releases, and
// only then does another worker take the lease — when workers join, when
// they stop (a stopping worker checkpoints its progress and its leases go
// to the others at once) and for balance. A worker started later goes on
// from the checkpoints.
//
// Records reach the group's [Handler] in batches as a Lambda event-source
// mapping makes them: [GroupConfig] has Lambda's batch size and batching
// window, BisectBatchOnError, MaximumRetryAttempts, MaximumRecordAge, an on-failure
// destination ([FailureDestination], which receives a [FailedBatch] whose
// JSON is Lambda's invocation record) and partial batch failures
// ([BatchItemFailures]). Progress is checkpointed after every batch, or
// every CheckpointInterval, and always when a lease is given up.
//
// # Time
//
// Time is read from a [clock.Clock] ([WithClock]). Retention, iterator
// expiry, throughput limits and status transitions are worked out when the
// stream is used: an idle stream runs no goroutine and holds no timer, and
// under a [clock.Manual] or in a [testing/synctest] bubble a test moves
// through a week of retention instantly. Records past retention are
// invisible at once and freed a chunk (1,024 records of a shard) at a
// time.
//
// # Resharding and status
//
// [Stream.SplitShard], [Stream.MergeShards] and [Stream.UpdateShardCount]
// close parent shards, which keep their records until they expire, and
// open children that name their parents; [Stream.ListShards] lists the
// lineage with every ShardFilter type. Resharding is instant in process:
// the children take records as soon as the call returns. By default every
// status transition is instant too, so a stream is always ACTIVE; with
// [WithTransitionDelay] a new stream is CREATING (and refuses reads and
// writes) and a resharded one UPDATING (and refuses further reshards with
// ResourceInUseException) for that long. [Stream.Delete] is immediate; it
// refuses a stream with registered consumers, which
// [Stream.DeleteWithConsumers] deletes with them.
//
// # Throughput limits
//
// Off by default. With [WithThroughputLimits] each shard takes 1 MiB and
// 1,000 records per second, as token buckets on the stream's clock that
// hold one second's worth; a record larger than the bucket needs it full
// and leaves it in debt. A record over the rate fails with
// ProvisionedThroughputExceededException: as the whole call in Put, as its
// entry in PutBatch, whose other records are stored. GetRecords is held to
// 5 calls and 2 MiB per second per shard: each call spends what it returned
// from the byte bucket, and a shard in byte debt serves no call until it
// is paid: after a 10 MiB read a shard serves nothing for 4 seconds, or 5
// if it had already spent its second's allowance (AWS documents 5). The Go
// iterators are not limited.
//
// # Injected faults
//
// Rate limits fail whatever the timing makes fail. To fail exactly the
// records and reads a test chooses, [WithFaults] installs a hook that the
// stream asks before storing each record and serving each GetRecords;
// its error fails that record (in PutBatch, as ProvisionedThroughputExceeded
// or InternalFailure entries do on AWS) or that call.
//
// # Errors
//
// Errors carry Kinesis's error codes and messages: match them with
// [errors.Is] against the package's sentinels ([ErrValidation],
// [ErrInvalidArgument], [ErrExpiredIterator], …). Bad input never panics
// and never changes what is stored.
//
// # Where the package differs from AWS on purpose
//
//   - Resharding takes effect at once (AWS: at the end of UPDATING).
//   - Provisioned mode only; no on-demand mode, encryption, tags,
//     enhanced monitoring or warm throughput.
//   - Config.RetentionPeriodHours lets a stream start with any retention;
//     CreateStream always starts at 24 hours.
//   - GetShardIterator has no 5-per-second rate limit.
//   - A record's ApproximateArrivalTimestamp never decreases within a shard
//     even if the clock goes back, so that AT_TIMESTAMP is a search.
//   - When a shard is resharded within the second it was made, its
//     children's sequence numbers carry a creation time a second later,
//     so that they stay greater than the parent's.
//   - The default PutRecords request limit is 10 MiB, AWS's current
//     figure; [LegacyPutBatchBytes] restores the older 5 MiB.
//   - PutBatch stores the records bound for one shard in request order
//     (AWS promises no order within PutRecords).
//   - A GetRecords Limit out of range fails with ValidationException, the
//     model's check, as kinesalite's tests recorded from AWS (AWS's prose
//     says InvalidArgumentException).
//
// Enhanced fan-out:
//
//   - The stream is the receiver of the consumer operations, which take
//     no StreamARN. DeleteStream's EnforceConsumerDeletion is a method of
//     its own, [Stream.DeleteWithConsumers].
//   - A consumer is ACTIVE at once and gone at once unless
//     [WithTransitionDelay] gives it CREATING and DELETING phases. A name
//     registered again within the second it was last registered gets an
//     ARN one second later, so that an old ARN never names a new consumer.
//   - The once-per-second SubscribeToShard rate is covered by the
//     5-second rule; the control-plane rates and the 2 MiB per second per
//     consumer and shard are not enforced.
//   - A subscription sends no keep-alive events: after the first, which
//     comes at once even when there is nothing to read, an event comes
//     only with records or at the end of a closed shard. An event carries
//     at most 1,024 records.
//   - Consumer error messages follow the package's style; AWS's exact
//     wording for them was not available.
//
// Consumer groups (KCL and Lambda event-source mappings):
//
//   - The lease table lives in the [Group], in memory; there is no
//     DynamoDB table and no lease expiry (failoverTimeMillis): a worker in
//     the process leaves only by returning from Run, which releases its
//     leases at once. Lease balancing is done by the group when workers
//     join and leave, not by workers stealing at random on a timer, and
//     leases change hands only by graceful hand-off, as in KCL 3.x, so no
//     shard is ever processed by two workers at once and, unless a
//     handler fails or a worker stops mid-batch, every record is handled
//     exactly once.
//   - Shards are discovered when the group is made and from each shard's
//     children when it is finished; there is no periodic shard sync.
//   - Checkpoints are written by the group, after every batch by default
//     (as Lambda does); a KCL record processor checkpoints itself.
//   - Lambda's ParallelizationFactor, tumbling windows, filter criteria
//     and the 6 MB payload limit are not modelled. Retries wait RetryDelay
//     (default none) rather than Lambda's backoff.
//   - MaximumRecordAge and the stream's retention are checked before each
//     retry, not before a batch is first handed over. Records given up for
//     either go to the on-failure destination with the condition
//     RecordAgeExceeded (AWS documents only RetryAttemptsExhausted in its
//     example; RecordAgeExceeded is what LocalStack sends).
//   - Halves of a bisected batch keep the retries the batch had used. A
//     partial failure is never halved: the records from the first failed
//     one on are retried, and that counts as a retry.
//   - An on-failure destination that returns an error stops the worker
//     instead of being retried, and the failed records stay
//     unprocessed.
package stream
