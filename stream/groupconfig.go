package stream

import (
	"strconv"
	"time"

	"github.com/switchyard/switchyard/internal/awserr"
)

// GroupConfig and its validation. The settings are a Lambda event-source
// mapping's, so NewGroup checks them as CreateEventSourceMapping checks its
// parameters and names each by the Lambda parameter it stands for.

// GroupConfig configures a consumer group. The zero value of each field
// but Name is the default of the Lambda event-source mapping parameter (or
// KCL setting) it stands for.
type GroupConfig[T any] struct {
	// Name names the group as a Lambda function name would, and failure
	// records name it in a function ARN, so it follows Lambda's rules for
	// function names: 1–64 characters of [a-zA-Z0-9-_].
	Name string
	// InitialPosition is where a shard without a checkpoint starts:
	// TRIM_HORIZON (the default, for a zero Type), LATEST or AT_TIMESTAMP.
	// [NewGroup] uses it to choose the shards that get leases. The
	// position itself is resolved when a worker first reads a shard that
	// has no checkpoint, as the KCL resolves it when such a shard is first
	// processed: for LATEST, records put between NewGroup and that moment
	// are not processed. Once resolved it is kept: a lease given up before
	// its first record is checkpointed at the position it was read from.
	// The children of a shard processed to its end always start at their
	// trim horizon, whatever InitialPosition says, so that nothing is
	// skipped.
	InitialPosition StartingPosition
	// BatchSize is the most records handed to the Handler at once,
	// 1–10,000; zero means 100.
	BatchSize int
	// BatchingWindow is how long records are gathered, from the first one,
	// before a batch smaller than BatchSize is handed over: 0–5 minutes;
	// zero hands over what is there at once.
	BatchingWindow time.Duration
	// BisectBatchOnError splits a batch that failed as a whole in two and
	// handles each half, so that a bad record ends up alone. Splitting
	// does not use up retries. A partial failure ([BatchItemFailures]) is
	// not halved: as Lambda does, the batch is cut at the first failed
	// record and only the records from it on are retried.
	BisectBatchOnError bool
	// MaximumRetryAttempts is how often a failed batch (or half of one) is
	// retried before it goes to OnFailure: 0–10,000, or -1 for no limit.
	// nil means -1: retry until the batch succeeds, its records are too
	// old (see MaximumRecordAge) or the worker stops.
	MaximumRetryAttempts *int
	// MaximumRecordAge is Lambda's MaximumRecordAgeInSeconds: failed
	// records older than it are not retried but go to OnFailure. It is 1
	// minute to 7 days; zero, or -1 second (Lambda's -1), means no limit.
	// Whatever it is, failed records past the stream's retention are not
	// retried either, as Lambda discards records that expire.
	MaximumRecordAge time.Duration
	// RetryDelay is how long to wait, on the stream's clock, before each
	// retry; zero retries at once.
	RetryDelay time.Duration
	// OnFailure receives the batches given up, because their retries ran
	// out or their records were too old; nil discards them, as Lambda does
	// without a destination.
	OnFailure FailureDestination[T]
	// CheckpointInterval is how often a shard's progress is written to its
	// lease while batches succeed: zero writes it after every batch, as
	// Lambda does. Progress is always written when a worker gives a lease
	// up (on shutdown or for balance) and when a shard is finished.
	CheckpointInterval time.Duration
}

// Retries returns a pointer to n, for [GroupConfig.MaximumRetryAttempts].
func Retries(n int) *int { return &n }

// Consumer group limits, from Lambda's event-source mapping parameters.
const (
	DefaultGroupBatchSize = 100
	MaxGroupBatchSize     = 10000
	MaxBatchingWindow     = 5 * time.Minute
	MaxRetryAttempts      = 10000
	// MinRecordAge and MaxRecordAge bound GroupConfig.MaximumRecordAge
	// when it is set.
	MinRecordAge = time.Minute
	MaxRecordAge = 7 * 24 * time.Hour
	// MaxGroupNameLength is the longest group name: Lambda's limit on a
	// function name.
	MaxGroupNameLength = 64
)

// groupSettings are a GroupConfig's settings once checked, in the form
// the processors use.
type groupSettings struct {
	maxRetries int           // -1: no limit
	maxAge     time.Duration // 0: no limit
}

// check checks s, cfg and h as NewGroup documents, and returns cfg with
// its defaults filled in and the settings it makes.
func (cfg GroupConfig[T]) check(s *Stream[T], h Handler[T]) (GroupConfig[T], groupSettings, error) {
	if cfg.InitialPosition.Type == "" {
		cfg.InitialPosition.Type = TrimHorizon
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = DefaultGroupBatchSize
	}
	set := groupSettings{maxRetries: -1, maxAge: cfg.MaximumRecordAge}
	if cfg.MaximumRetryAttempts != nil {
		set.maxRetries = *cfg.MaximumRetryAttempts
	}
	if set.maxAge == -time.Second {
		set.maxAge = 0
	}
	var vs violations
	if s == nil {
		vs.Add("null", "stream", awserr.NotNull)
	}
	if isNilHandler(h) {
		vs.Add("null", "handler", awserr.NotNull)
	}
	checkFunctionName(&vs, cfg.Name)
	switch pos := cfg.InitialPosition.Type; pos {
	case TrimHorizon, Latest, AtTimestamp:
	default:
		vs.AddString(string(pos), "startingPosition", awserr.Enum(string(TrimHorizon), string(Latest), string(AtTimestamp)))
	}
	checkInt(&vs, "batchSize", cfg.BatchSize, 1, MaxGroupBatchSize)
	switch w := cfg.BatchingWindow; {
	case w < 0:
		vs.AddString(seconds(w), "maximumBatchingWindowInSeconds", awserr.ValueAtLeast(0))
	case w > MaxBatchingWindow:
		vs.AddString(seconds(w), "maximumBatchingWindowInSeconds", awserr.ValueAtMost(int(MaxBatchingWindow/time.Second)))
	}
	checkInt(&vs, "maximumRetryAttempts", set.maxRetries, -1, MaxRetryAttempts)
	switch { // -1 second, Lambda's "no limit", was made 0 above
	case set.maxAge < 0:
		vs.AddString(seconds(set.maxAge), "maximumRecordAgeInSeconds", awserr.ValueAtLeast(-1))
	case set.maxAge > MaxRecordAge:
		vs.AddString(seconds(set.maxAge), "maximumRecordAgeInSeconds", awserr.ValueAtMost(int(MaxRecordAge/time.Second)))
	}
	for _, d := range []struct {
		at string
		d  time.Duration
	}{{"retryDelay", cfg.RetryDelay}, {"checkpointInterval", cfg.CheckpointInterval}} {
		if d.d < 0 {
			vs.AddString(seconds(d.d), d.at, awserr.ValueAtLeast(0))
		}
	}
	if err := vs.Err(ErrValidation); err != nil {
		return cfg, set, err
	}
	// Well formed, but not acceptable: Lambda's InvalidParameterValueException.
	p := cfg.InitialPosition
	switch {
	case isNilFailureDestination(cfg.OnFailure):
		return cfg, set, ErrInvalidArgument.WithMessage("OnFailure is a nil FailureDestinationFunc.")
	case set.maxAge > 0 && set.maxAge < MinRecordAge:
		return cfg, set, ErrInvalidArgument.Errorf("MaximumRecordAgeInSeconds %s is not -1 or between %d and %d.",
			seconds(set.maxAge), int(MinRecordAge.Seconds()), int(MaxRecordAge.Seconds()))
	case p.SequenceNumber != "":
		return cfg, set, ErrInvalidArgument.Errorf("StartingPosition %s takes no sequence number.", p.Type)
	case p.Type == AtTimestamp && p.Timestamp.IsZero():
		return cfg, set, ErrInvalidArgument.WithMessage("StartingPositionTimestamp is required when StartingPosition is AT_TIMESTAMP.")
	case p.Type == AtTimestamp && p.Timestamp.UnixNano() > s.now():
		return cfg, set, ErrInvalidArgument.WithMessage("StartingPositionTimestamp cannot be later than the current time.")
	}
	return cfg, set, nil
}

// checkInt records a violation when v is not in [lo, hi].
func checkInt(vs *violations, at string, v, lo, hi int) {
	switch {
	case v < lo:
		vs.AddInt(v, at, awserr.ValueAtLeast(lo))
	case v > hi:
		vs.AddInt(v, at, awserr.ValueAtMost(hi))
	}
}

// seconds writes d in seconds, with a fraction only when it has one.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

// functionNamePattern is the part of Lambda's FunctionName pattern that a
// bare function name (not an ARN) may use.
const functionNamePattern = `[a-zA-Z0-9-_]+`

// checkFunctionName records the ways name breaks Lambda's rules for a
// function name, at 'functionName'.
func checkFunctionName(vs *violations, name string) {
	for i := 0; i < len(name); i++ {
		if b := name[i]; !isNameChar(b) || b == '.' {
			vs.AddString(name, "functionName", awserr.Pattern(functionNamePattern))
			break
		}
	}
	switch {
	case len(name) < 1:
		vs.AddString(name, "functionName", awserr.LengthAtLeast(1))
	case len(name) > MaxGroupNameLength:
		vs.AddString(name, "functionName", awserr.LengthAtMost(MaxGroupNameLength))
	}
}

// isNilHandler reports whether h is nil, or a nil HandlerFunc that would
// panic when called.
func isNilHandler[T any](h Handler[T]) bool {
	f, isFunc := h.(HandlerFunc[T])
	return h == nil || isFunc && f == nil
}

// isNilFailureDestination reports whether d is a nil
// FailureDestinationFunc, which would panic when called (a nil interface
// means no destination).
func isNilFailureDestination[T any](d FailureDestination[T]) bool {
	f, isFunc := d.(FailureDestinationFunc[T])
	return isFunc && f == nil
}
