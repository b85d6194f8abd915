package queue

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/dedup"
)

// AWS's defaults and ranges for queue attributes.
const (
	DefaultVisibilityTimeout = 30 * time.Second
	MaxVisibilityTimeout     = 12 * time.Hour
	MaxDelay                 = 15 * time.Minute
	MaxReceiveWaitTime       = 20 * time.Second
	DefaultRetentionPeriod   = 4 * 24 * time.Hour
	MinRetentionPeriod       = 60 * time.Second
	MaxRetentionPeriod       = 14 * 24 * time.Hour
	MinMessageSize           = 1024
	MaxMessageSize           = 1 << 20 // also the default
	MaxReceiveCountLimit     = 1000
	MaxQueueNameLength       = 80

	// DeduplicationWindow is how long a FIFO queue remembers a deduplication id.
	DeduplicationWindow = dedup.Interval
	// PurgeInterval is how long a purge blocks the next one.
	PurgeInterval = 60 * time.Second
	// DefaultInFlightLimit is AWS's quota of in-flight messages per queue.
	DefaultInFlightLimit = 120_000
)

// Seconds returns a pointer to n seconds, for the settings where absent and
// zero differ ([Config.VisibilityTimeout], [ReceiveOptions.WaitTime], …).
func Seconds(n int) *time.Duration {
	d := time.Duration(n) * time.Second
	return &d
}

// DeduplicationScope says what a FIFO queue's deduplication ids are unique within.
type DeduplicationScope string

// The deduplication scopes.
const (
	DedupPerQueue        DeduplicationScope = "queue"
	DedupPerMessageGroup DeduplicationScope = "messageGroup"
)

// ThroughputLimit is a FIFO queue's FifoThroughputLimit. In process it sets
// no rate; it is kept and validated so that configurations round-trip.
type ThroughputLimit string

// The throughput limits.
const (
	ThroughputPerQueue          ThroughputLimit = "perQueue"
	ThroughputPerMessageGroupID ThroughputLimit = "perMessageGroupId"
)

// RedrivePermission says which source queues may use a queue as their
// dead-letter queue.
type RedrivePermission string

// The redrive permissions.
const (
	RedriveAllowAll RedrivePermission = "allowAll"
	RedriveDenyAll  RedrivePermission = "denyAll"
	RedriveByQueue  RedrivePermission = "byQueue"
)

// RedrivePolicy sends a message to a dead-letter queue once it has been
// received MaxReceiveCount times without being deleted.
type RedrivePolicy[T any] struct {
	// DeadLetterQueue receives the messages; it must be of the same type
	// (standard or FIFO) as the source.
	DeadLetterQueue *Queue[T]
	// MaxReceiveCount is 1–1000.
	MaxReceiveCount int
}

// RedriveAllowPolicy limits which queues may name this queue as their
// dead-letter queue. A nil policy allows all.
type RedriveAllowPolicy struct {
	Permission RedrivePermission
	// SourceQueueARNs lists the allowed sources when Permission is
	// RedriveByQueue (1–10 ARNs).
	SourceQueueARNs []string
}

// Config defines a queue, with SQS's attribute names, defaults and ranges.
// The zero value of each field is AWS's default, except where a pointer
// tells absent from zero.
type Config[T any] struct {
	// Name is 1–80 characters of [A-Za-z0-9_-]; a FIFO queue's name ends in
	// ".fifo", and only a FIFO queue's does.
	Name string
	// FIFO makes a FIFO queue. It cannot be changed after creation.
	FIFO bool
	// VisibilityTimeout is 0–12 h; nil means 30 s.
	VisibilityTimeout *time.Duration
	// Delay postpones every new message, 0–15 min.
	Delay time.Duration
	// ReceiveWaitTime is the long-poll wait of a receive that does not set
	// its own, 0–20 s.
	ReceiveWaitTime time.Duration
	// RetentionPeriod is 60 s–14 d; zero means 4 days. Lowering it expires
	// the messages already older than the new period.
	RetentionPeriod time.Duration
	// MaxMessageSize is 1,024–1,048,576 bytes; zero means 1 MiB.
	MaxMessageSize int
	// RedrivePolicy names a dead-letter queue; nil means none.
	RedrivePolicy *RedrivePolicy[T]
	// RedriveAllowPolicy limits who may use this queue as a dead-letter
	// queue; nil means any queue may.
	RedriveAllowPolicy *RedriveAllowPolicy
	// ContentBasedDeduplication (FIFO only) uses the SHA-256 of the body as
	// the deduplication id when a message has none.
	ContentBasedDeduplication bool
	// DeduplicationScope (FIFO only) is "queue" (the default) or "messageGroup".
	DeduplicationScope DeduplicationScope
	// FifoThroughputLimit (FIFO only) is "perQueue" (the default) or
	// "perMessageGroupId", which needs the "messageGroup" scope.
	FifoThroughputLimit ThroughputLimit
}

// withDefaults returns c with AWS's defaults filled in where c leaves them
// to the zero value.
func (c Config[T]) withDefaults() Config[T] {
	if c.VisibilityTimeout == nil {
		c.VisibilityTimeout = Seconds(int(DefaultVisibilityTimeout / time.Second))
	} else {
		v := *c.VisibilityTimeout
		c.VisibilityTimeout = &v
	}
	if c.RetentionPeriod == 0 {
		c.RetentionPeriod = DefaultRetentionPeriod
	}
	if c.MaxMessageSize == 0 {
		c.MaxMessageSize = MaxMessageSize
	}
	if c.FIFO {
		if c.DeduplicationScope == "" {
			c.DeduplicationScope = DedupPerQueue
		}
		if c.FifoThroughputLimit == "" {
			c.FifoThroughputLimit = ThroughputPerQueue
		}
	}
	if c.RedrivePolicy != nil {
		p := *c.RedrivePolicy
		c.RedrivePolicy = &p
	}
	if c.RedriveAllowPolicy != nil {
		p := *c.RedriveAllowPolicy
		p.SourceQueueARNs = slices.Clone(p.SourceQueueARNs)
		c.RedriveAllowPolicy = &p
	}
	return c
}

// validate checks c, whose defaults are filled in, against AWS's rules for
// a queue whose ARN is arn.
func (c *Config[T]) validate(arn string) error {
	if err := validateName(c.Name, c.FIFO); err != nil {
		return err
	}
	checks := []struct {
		attribute string
		ok        bool
	}{
		{"VisibilityTimeout", inRange(*c.VisibilityTimeout, 0, MaxVisibilityTimeout)},
		{"DelaySeconds", inRange(c.Delay, 0, MaxDelay)},
		{"ReceiveMessageWaitTimeSeconds", inRange(c.ReceiveWaitTime, 0, MaxReceiveWaitTime)},
		{"MessageRetentionPeriod", inRange(c.RetentionPeriod, MinRetentionPeriod, MaxRetentionPeriod)},
		{"MaximumMessageSize", c.MaxMessageSize >= MinMessageSize && c.MaxMessageSize <= MaxMessageSize},
	}
	for _, check := range checks {
		if !check.ok {
			return invalidAttribute(check.attribute)
		}
	}
	if !c.FIFO {
		fifoOnly := []struct {
			attribute string
			set       bool
		}{
			{"ContentBasedDeduplication", c.ContentBasedDeduplication},
			{"DeduplicationScope", c.DeduplicationScope != ""},
			{"FifoThroughputLimit", c.FifoThroughputLimit != ""},
		}
		for _, a := range fifoOnly {
			if a.set {
				return ErrInvalidAttributeName.Errorf("Unknown Attribute %s.", a.attribute)
			}
		}
	} else {
		if c.DeduplicationScope != DedupPerQueue && c.DeduplicationScope != DedupPerMessageGroup {
			return invalidAttribute("DeduplicationScope")
		}
		if c.FifoThroughputLimit != ThroughputPerQueue && c.FifoThroughputLimit != ThroughputPerMessageGroupID {
			return invalidAttribute("FifoThroughputLimit")
		}
		if c.FifoThroughputLimit == ThroughputPerMessageGroupID && c.DeduplicationScope != DedupPerMessageGroup {
			return ErrInvalidAttributeValue.WithMessage("The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.")
		}
	}
	if err := c.RedriveAllowPolicy.validate(); err != nil {
		return err
	}
	return c.RedrivePolicy.validate(c.FIFO, arn)
}

func (p *RedriveAllowPolicy) validate() error {
	if p == nil {
		return nil
	}
	switch p.Permission {
	case RedriveAllowAll, RedriveDenyAll:
		if len(p.SourceQueueARNs) > 0 {
			return invalidAttribute("RedriveAllowPolicy")
		}
	case RedriveByQueue:
		if len(p.SourceQueueARNs) < 1 || len(p.SourceQueueARNs) > 10 {
			return invalidAttribute("RedriveAllowPolicy")
		}
	default:
		return invalidAttribute("RedriveAllowPolicy")
	}
	return nil
}

func (p *RedriveAllowPolicy) allows(sourceARN string) bool {
	if p == nil {
		return true
	}
	switch p.Permission {
	case RedriveAllowAll:
		return true
	case RedriveByQueue:
		return slices.Contains(p.SourceQueueARNs, sourceARN)
	}
	return false
}

func (p *RedrivePolicy[T]) validate(fifo bool, sourceARN string) error {
	if p == nil {
		return nil
	}
	if p.DeadLetterQueue == nil {
		return ErrInvalidParameterValue.WithMessage("Value {} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
	}
	policy := fmt.Sprintf(`{"deadLetterTargetArn":"%s","maxReceiveCount":%d}`, p.DeadLetterQueue.ARN(), p.MaxReceiveCount)
	invalid := func(reason string) error {
		return ErrInvalidParameterValue.Errorf("Value %s for parameter RedrivePolicy is invalid. Reason: %s", policy, reason)
	}
	if p.MaxReceiveCount < 1 || p.MaxReceiveCount > MaxReceiveCountLimit {
		return invalid("Invalid value for maxReceiveCount: " + fmt.Sprint(p.MaxReceiveCount) + ", valid values are from 1 to 1000 both inclusive.")
	}
	dlq := p.DeadLetterQueue
	if dlq.fifo != fifo {
		return invalid("Dead-letter target must be of same type as the source.")
	}
	if dlq.ARN() == sourceARN {
		return invalid("Dead-letter target cannot be the source queue.")
	}
	if !dlq.allowsSource(sourceARN) {
		return invalid("Queue " + sourceARN + " is not allowed to use " + dlq.ARN() + " as its dead-letter queue.")
	}
	return nil
}

func validateName(name string, fifo bool) error {
	base, isFIFOName := strings.CutSuffix(name, ".fifo")
	ok := len(name) >= 1 && len(name) <= MaxQueueNameLength && isFIFOName == fifo && base != ""
	for i := 0; ok && i < len(base); i++ {
		ok = isIDChar(base[i])
	}
	switch {
	case ok:
		return nil
	case fifo:
		return ErrInvalidParameterValue.WithMessage("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.")
	default:
		return ErrInvalidParameterValue.WithMessage("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length")
	}
}

// isIDChar reports whether b may appear in a queue name or batch entry id.
func isIDChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_'
}

func inRange(d, lo, hi time.Duration) bool { return d >= lo && d <= hi }

func invalidAttribute(name string) error {
	return ErrInvalidAttributeValue.Errorf("Invalid value for the parameter %s.", name)
}
