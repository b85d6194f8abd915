package stream

import (
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

// violations collects the model constraints a request breaks.
type violations = awserr.Violations

// The patterns of the API's model.
const (
	namePattern    = `[a-zA-Z0-9_.-]+`
	hashKeyPattern = `0|([1-9]\d{0,38})`
	seqPattern     = `0|([1-9]\d{0,128})`
)
