package topic

import (
	"strings"

	"github.com/switchyard/switchyard/internal/dedup"
)

// AWS's limits for topics and messages.
const (
	// MaxMessageSize is the most bytes a message may have, counting its
	// body and every attribute's name, type and value; also the most a
	// whole batch may have.
	MaxMessageSize = 262_144
	// MaxNameLength is the longest topic name, ".fifo" included.
	MaxNameLength = 256
	// MaxSubjectLength is the longest subject, in characters: SNS wants
	// subjects shorter than 100.
	MaxSubjectLength = 99
	// MaxBatchEntries is the most entries one PublishBatch may carry.
	MaxBatchEntries = 10
	// DeduplicationWindow is how long a FIFO topic remembers a
	// deduplication id.
	DeduplicationWindow = dedup.Interval
)

// ThroughputScope is a FIFO topic's FifoThroughputScope: what its
// deduplication ids are unique within.
type ThroughputScope string

// The throughput scopes.
const (
	// ThroughputPerTopic makes a deduplication id a duplicate anywhere in
	// the topic (the default).
	ThroughputPerTopic ThroughputScope = "Topic"
	// ThroughputPerMessageGroup makes it a duplicate only within its
	// message group.
	ThroughputPerMessageGroup ThroughputScope = "MessageGroup"
)

// Config defines a topic, with SNS's attribute names and defaults. The zero
// value of each field is AWS's default.
type Config struct {
	// Name is 1–256 characters of [A-Za-z0-9_-]; a FIFO topic's name ends
	// in ".fifo", and only a FIFO topic's does.
	Name string
	// FIFO makes a FIFO topic (FifoTopic). It cannot be changed later.
	FIFO bool
	// ContentBasedDeduplication (FIFO only) uses the SHA-256 of the message
	// as its deduplication id when it has none.
	ContentBasedDeduplication bool
	// ThroughputScope (FIFO only) is "Topic" (the default) or "MessageGroup".
	ThroughputScope ThroughputScope
}

// validate checks c as CreateTopic does.
func (c *Config) validate() error {
	base, fifoName := strings.CutSuffix(c.Name, ".fifo")
	ok := len(c.Name) <= MaxNameLength && base != "" && fifoName == c.FIFO
	for i := 0; ok && i < len(base); i++ {
		ok = isIDChar(base[i])
	}
	switch {
	case !ok && c.FIFO:
		return ErrInvalidParameter.WithMessage("Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.")
	case !ok:
		return invalid("Topic Name")
	case !c.FIFO && c.ContentBasedDeduplication:
		return invalid("Attributes Reason: ContentBasedDeduplication is only valid for FIFO topics")
	case !c.FIFO && c.ThroughputScope != "":
		return invalid("Attributes Reason: FifoThroughputScope is only valid for FIFO topics")
	case c.ThroughputScope != "" && c.ThroughputScope != ThroughputPerTopic && c.ThroughputScope != ThroughputPerMessageGroup:
		return invalid("Attributes Reason: FifoThroughputScope: Invalid value [" + string(c.ThroughputScope) + "]. Please use either Topic or MessageGroup")
	}
	return nil
}

// isIDChar reports whether b may appear in a topic name or a batch entry id.
func isIDChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_'
}
