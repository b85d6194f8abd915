package stream

import (
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/awserr"
)

// Error is the error type every stream operation returns: an AWS error
// code, AWS's message, the HTTP status and fault. Match it by code with
// [errors.Is] against the sentinels below; read its fields with [errors.As].
type Error = awserr.Error

// Sentinels, one per Kinesis error code. Each matches, under [errors.Is],
// every error the package returns with the same code, whatever its message.
// The package returns copies, never the sentinels themselves; do not modify
// them.
var (
	// ErrValidation: a parameter breaks a constraint of the API's model
	// (a length, a range, a pattern, an enum).
	ErrValidation = awserr.New("ValidationException", "", 400, "1 validation error detected")
	// ErrInvalidArgument: a parameter is well formed but not acceptable
	// here: a bad shard iterator or sequence number, an explicit hash key
	// out of range, a request too large, a shard already split or merged.
	ErrInvalidArgument = awserr.New("InvalidArgumentException", "", 400, "A specified parameter exceeds its restrictions, is not supported, or can't be used.")
	// ErrResourceNotFound: the stream is deleted or still being created,
	// or the shard does not exist (or has expired).
	ErrResourceNotFound = awserr.New("ResourceNotFoundException", "", 400, "The requested resource could not be found.")
	// ErrResourceInUse: the stream is not ACTIVE (for example UPDATING
	// after a reshard) for an operation that needs it to be.
	ErrResourceInUse = awserr.New("ResourceInUseException", "", 400, "The resource is not available for this operation.")
	// ErrLimitExceeded: a shard quota or the UpdateShardCount limits.
	ErrLimitExceeded = awserr.New("LimitExceededException", "", 400, "The requested resource exceeds the maximum number allowed.")
	// ErrProvisionedThroughputExceeded: a shard's read or write rate limit
	// (only with [WithThroughputLimits]). In a batch put it is a
	// per-record error code, not a returned error.
	ErrProvisionedThroughputExceeded = awserr.New("ProvisionedThroughputExceededException", "", 400, "Rate exceeded for shard.")
	// ErrInternalFailure: the service failed; a retry may succeed. Only
	// [WithFaults] makes a stream return it: per record in a batch put, as
	// AWS reports it, or for a whole call.
	ErrInternalFailure = &awserr.Error{Code: "InternalFailure", Message: "Internal Service Failure", Status: 500, Fault: awserr.Receiver}
	// ErrExpiredIterator: a shard iterator older than 5 minutes.
	ErrExpiredIterator = awserr.New("ExpiredIteratorException", "", 400, "The provided iterator exceeds the maximum age allowed.")
	// ErrExpiredNextToken: a ListShards NextToken older than 5 minutes.
	ErrExpiredNextToken = awserr.New("ExpiredNextTokenException", "", 400, "The pagination token passed to the operation is expired.")
)

// violation is one broken model constraint, written as AWS writes it:
// "Value 'x' at 'records.1.member.partitionKey' failed to satisfy
// constraint: Member must have length greater than or equal to 1".
type violation struct {
	value      string // already quoted, or "" when AWS leaves the value out
	at         string
	constraint string
}

// violations collects the model constraints a request breaks. AWS reports
// at most 10 of them in one ValidationException.
type violations []violation

const maxReportedViolations = 10

func (vs *violations) add(value, at, constraint string) {
	if len(*vs) < maxReportedViolations {
		*vs = append(*vs, violation{value, at, constraint})
	}
}

// addString records a constraint broken by a string value, which AWS
// quotes in the message.
func (vs *violations) addString(value, at, constraint string) {
	vs.add("'"+value+"'", at, constraint)
}

// addInt records a constraint broken by a number.
func (vs *violations) addInt(value int, at, constraint string) {
	vs.addString(strconv.Itoa(value), at, constraint)
}

// err returns the ValidationException for the collected violations, or nil.
func (vs violations) err() error {
	if len(vs) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(vs)))
	if len(vs) == 1 {
		b.WriteString(" validation error detected: ")
	} else {
		b.WriteString(" validation errors detected: ")
	}
	for i, v := range vs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString("Value ")
		if v.value != "" {
			b.WriteString(v.value)
			b.WriteString(" ")
		}
		b.WriteString("at '")
		b.WriteString(v.at)
		b.WriteString("' failed to satisfy constraint: Member must ")
		b.WriteString(v.constraint)
	}
	return ErrValidation.WithMessage(b.String())
}

// The model constraints, as AWS words them after "Member must ".
func lengthAtLeast(n int) string { return "have length greater than or equal to " + strconv.Itoa(n) }
func lengthAtMost(n int) string  { return "have length less than or equal to " + strconv.Itoa(n) }
func valueAtLeast(n int) string  { return "have value greater than or equal to " + strconv.Itoa(n) }
func valueAtMost(n int) string   { return "have value less than or equal to " + strconv.Itoa(n) }
func pattern(p string) string    { return "satisfy regular expression pattern: " + p }
func enum(values ...string) string {
	return "satisfy enum value set: [" + strings.Join(values, ", ") + "]"
}

// The patterns of the API's model.
const (
	namePattern    = `[a-zA-Z0-9_.-]+`
	hashKeyPattern = `0|([1-9]\d{0,38})`
	seqPattern     = `0|([1-9]\d{0,128})`
)
