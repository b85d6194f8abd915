package stream

import (
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// AWS's limits and defaults for streams, records and reads.
const (
	// MaxNameLength is the longest stream name.
	MaxNameLength = 128
	// MaxPartitionKeyLength is the longest partition key, in characters.
	MaxPartitionKeyLength = 256
	// DefaultRetentionPeriodHours is a new stream's retention period.
	DefaultRetentionPeriodHours = 24
	// MinRetentionPeriodHours and MaxRetentionPeriodHours bound the
	// retention period: 24 hours to 365 days.
	MinRetentionPeriodHours = 24
	MaxRetentionPeriodHours = 8760
	// DefaultMaxRecordSizeInKiB is the largest record (data plus partition
	// key) a stream takes unless its MaxRecordSizeInKiB says otherwise.
	DefaultMaxRecordSizeInKiB = 1024
	// MaxMaxRecordSizeInKiB is the largest MaxRecordSizeInKiB, 10 MiB.
	MaxMaxRecordSizeInKiB = 10240
	// MaxGetRecordsLimit is the most records one GetRecords returns, and
	// its default Limit.
	MaxGetRecordsLimit = 10000
	// MaxGetRecordsBytes is the most data one GetRecords returns.
	MaxGetRecordsBytes = 10 << 20
	// IteratorLifetime is how long a shard iterator (and a ListShards
	// NextToken) stays valid after it is issued.
	IteratorLifetime = 5 * time.Minute
	// DefaultListShardsMaxResults and MaxListShardsMaxResults bound a page
	// of ListShards.
	DefaultListShardsMaxResults = 1000
	MaxListShardsMaxResults     = 10000
)

// Config defines a stream in provisioned mode, with Kinesis's names,
// defaults and ranges. The zero value of each field but Name and
// ShardCount is AWS's default.
type Config struct {
	// Name is 1–128 characters of [a-zA-Z0-9_.-].
	Name string
	// ShardCount is the number of shards the stream starts with, at least
	// 1. Their hash key ranges split the hash key space evenly.
	ShardCount int
	// RetentionPeriodHours is how long records stay readable, 24–8760
	// hours; zero means 24. (CreateStream has no such parameter: a new
	// stream on AWS always starts at 24 hours. It is here so that a stream
	// can be made with its final retention in one step.)
	RetentionPeriodHours int
	// MaxRecordSizeInKiB is the largest record, data plus partition key,
	// 1024–10240 KiB; zero means 1024 (1 MiB).
	MaxRecordSizeInKiB int
}

// withDefaults returns c with AWS's defaults where c leaves the zero value.
func (c Config) withDefaults() Config {
	if c.RetentionPeriodHours == 0 {
		c.RetentionPeriodHours = DefaultRetentionPeriodHours
	}
	if c.MaxRecordSizeInKiB == 0 {
		c.MaxRecordSizeInKiB = DefaultMaxRecordSizeInKiB
	}
	return c
}

// validate checks c, with defaults filled in, as CreateStream checks its
// parameters: the model's constraints first, together, then the rules
// the service applies.
func (c *Config) validate() error {
	var vs violations
	checkStreamName(&vs, c.Name)
	if c.ShardCount < 1 {
		vs.AddInt(c.ShardCount, "shardCount", awserr.ValueAtLeast(1))
	}
	if c.MaxRecordSizeInKiB < DefaultMaxRecordSizeInKiB {
		vs.AddInt(c.MaxRecordSizeInKiB, "maxRecordSizeInKiB", awserr.ValueAtLeast(DefaultMaxRecordSizeInKiB))
	} else if c.MaxRecordSizeInKiB > MaxMaxRecordSizeInKiB {
		vs.AddInt(c.MaxRecordSizeInKiB, "maxRecordSizeInKiB", awserr.ValueAtMost(MaxMaxRecordSizeInKiB))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return err
	}
	return checkRetention(c.RetentionPeriodHours)
}

// checkStreamName records the ways name breaks the model's rules for
// stream names.
func checkStreamName(vs *violations, name string) {
	checkName(vs, "streamName", name, MaxNameLength)
}

// checkName records the ways a stream name or shard id breaks the model's
// pattern and length, in the order AWS reports them.
func checkName(vs *violations, at, name string, maxLength int) {
	if !matchesNamePattern(name) {
		vs.AddString(name, at, awserr.Pattern(namePattern))
	}
	switch {
	case len(name) < 1:
		vs.AddString(name, at, awserr.LengthAtLeast(1))
	case len(name) > maxLength:
		vs.AddString(name, at, awserr.LengthAtMost(maxLength))
	}
}

// matchesNamePattern reports whether s matches [a-zA-Z0-9_.-]+.
func matchesNamePattern(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	return s != ""
}

func isNameChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '.' || b == '-'
}

// checkRetention returns the error IncreaseStreamRetentionPeriod and
// DecreaseStreamRetentionPeriod give for a period out of range.
func checkRetention(hours int) error {
	switch {
	case hours < MinRetentionPeriodHours:
		return ErrInvalidArgument.Errorf("Minimum allowed retention period is %d hours. Requested retention period (%d hours) is too short.", MinRetentionPeriodHours, hours)
	case hours > MaxRetentionPeriodHours:
		return ErrInvalidArgument.Errorf("Maximum allowed retention period is %d hours. Requested retention period (%d hours) is too long.", MaxRetentionPeriodHours, hours)
	}
	return nil
}
