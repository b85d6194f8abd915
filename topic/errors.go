package topic

import "github.com/switchyard/switchyard/internal/awserr"

// Error is the error type every topic operation returns: an AWS error code,
// AWS's message, the HTTP status and fault. Match it by code with
// [errors.Is] against the sentinels below; read its fields with [errors.As].
type Error = awserr.Error

// Sentinels, one per SNS error code. Each matches, under [errors.Is], every
// error the package returns with the same code, whatever its message. The
// package returns copies, never the sentinels themselves; do not modify them.
var (
	// ErrInvalidParameter: a parameter is missing, malformed or not valid
	// for the topic; most of SNS's validation errors.
	ErrInvalidParameter = awserr.New("InvalidParameter", "InvalidParameterException", 400, "Invalid parameter")
	// ErrParameterValueInvalid: an invalid message attribute.
	ErrParameterValueInvalid = awserr.New("ParameterValueInvalid", "InvalidParameterValueException", 400, "Invalid parameter value")
	// ErrValidation: a message attribute without a data type.
	ErrValidation = awserr.New("ValidationError", "ValidationException", 400, "1 validation error detected")
	// ErrNotFound: the topic is closed (deleted) or the subscription is gone.
	ErrNotFound = awserr.New("NotFound", "NotFoundException", 404, "Resource does not exist")
	// ErrEmptyBatchRequest: a batch with no entries.
	ErrEmptyBatchRequest = awserr.New("EmptyBatchRequest", "EmptyBatchRequestException", 400, "The batch request doesn't contain any entries.")
	// ErrTooManyEntriesInBatchRequest: a batch with more than 10 entries.
	ErrTooManyEntriesInBatchRequest = awserr.New("TooManyEntriesInBatchRequest", "TooManyEntriesInBatchRequestException", 400, "The batch request contains more entries than permissible.")
	// ErrBatchEntryIdsNotDistinct: two batch entries with the same id.
	ErrBatchEntryIdsNotDistinct = awserr.New("BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinctException", 400, "Two or more batch entries in the request have the same Id.")
	// ErrInvalidBatchEntryID: a batch entry id longer than 80 characters or
	// with characters other than [A-Za-z0-9_-].
	ErrInvalidBatchEntryID = awserr.New("InvalidBatchEntryId", "InvalidBatchEntryIdException", 400, "The Id of a batch entry in a batch request doesn't abide by the specification.")
	// ErrBatchRequestTooLong: a batch whose messages add up to more than 256 KiB.
	ErrBatchRequestTooLong = awserr.New("BatchRequestTooLong", "BatchRequestTooLongException", 400, "The length of all the messages put together is more than the limit.")
)

// invalid returns an InvalidParameter error reading "Invalid parameter: " + what.
func invalid(what string) error {
	return ErrInvalidParameter.WithMessage("Invalid parameter: " + what)
}
