package stream

import "time"

// Record is a record read from a shard.
type Record[T any] struct {
	// SequenceNumber is unique within the shard and increases with each
	// record put to it.
	SequenceNumber SequenceNumber
	// ApproximateArrivalTimestamp is when the stream took the record, to
	// the millisecond. Within a shard it never decreases.
	ApproximateArrivalTimestamp time.Time
	// Data is the record's data, as it was put (not copied).
	Data T
	// PartitionKey is the key the record was put with.
	PartitionKey string
}

// HashKeyRange is a shard's range of hash keys, both ends included.
type HashKeyRange struct {
	StartingHashKey HashKey
	EndingHashKey   HashKey
}

// SequenceNumberRange is the range of a shard's sequence numbers.
type SequenceNumberRange struct {
	// StartingSequenceNumber is below the shard's first record.
	StartingSequenceNumber SequenceNumber
	// EndingSequenceNumber is zero while the shard is open; once it is
	// closed (split or merged), it is set, and its presence is how readers
	// such as the KCL know the shard will get no more records.
	EndingSequenceNumber SequenceNumber
}

// Shard describes a shard and its lineage, as ListShards does.
type Shard struct {
	ShardID string
	// ParentShardID is the shard this one was split from, or the first of
	// the two it was merged from; empty for the stream's first shards.
	ParentShardID string
	// AdjacentParentShardID is the second shard a merged shard came from.
	AdjacentParentShardID string
	HashKeyRange          HashKeyRange
	SequenceNumberRange   SequenceNumberRange
}

// ChildShard names a shard made from a closed shard, as GetRecords returns
// at the end of the closed one.
type ChildShard struct {
	ShardID      string
	ParentShards []string
	HashKeyRange HashKeyRange
}

// Status is a stream's StreamStatus.
type Status string

// The stream statuses. See [WithTransitionDelay] for when a stream is
// CREATING or UPDATING. DELETING is never reported in process: deletion
// is immediate, and a deleted stream answers every call with
// ResourceNotFoundException.
const (
	StatusCreating Status = "CREATING"
	StatusActive   Status = "ACTIVE"
	StatusUpdating Status = "UPDATING"
	StatusDeleting Status = "DELETING"
)

// Summary describes a stream, as DescribeStreamSummary does.
type Summary struct {
	StreamName              string
	StreamARN               string
	StreamStatus            Status
	StreamMode              string // always "PROVISIONED"
	RetentionPeriodHours    int
	StreamCreationTimestamp time.Time
	OpenShardCount          int
	ConsumerCount           int // enhanced fan-out consumers registered, DELETING ones included
	MaxRecordSizeInKiB      int
	EncryptionType          string // always "NONE"
}
