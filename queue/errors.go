package queue

import (
	"github.com/switchyard/switchyard/internal/attr"
	"github.com/switchyard/switchyard/internal/awserr"
)

// Error is the error type every queue operation returns: an AWS error code,
// AWS's message, the HTTP status and fault. Match it by code with
// [errors.Is] against the sentinels below; read its fields with [errors.As].
type Error = awserr.Error

// Sentinels, one per SQS error code. Each matches, under [errors.Is], every
// error the package returns with the same code, whatever its message. The
// package returns copies, never the sentinels themselves; do not modify them.
var (
	// ErrInvalidParameterValue: a parameter is out of range or not valid for the queue type.
	ErrInvalidParameterValue = attr.ErrInvalidParameterValue
	// ErrInvalidAttributeName: an unknown queue, message or system attribute name.
	ErrInvalidAttributeName = attr.ErrInvalidAttributeName
	// ErrInvalidMessageContents: a body with characters SQS does not allow.
	ErrInvalidMessageContents = attr.ErrInvalidMessageContents
	// ErrInvalidAttributeValue: a queue attribute out of its range.
	ErrInvalidAttributeValue = awserr.New("InvalidAttributeValue", "InvalidAttributeValue", 400, "Invalid value for the parameter.")
	// ErrMissingParameter: a required parameter (such as MessageGroupId on FIFO) is missing.
	ErrMissingParameter = awserr.New("MissingParameter", "MissingRequiredParameterException", 400, "A required parameter is missing.")
	// ErrReceiptHandleIsInvalid: a receipt handle that no receive of this queue issued.
	ErrReceiptHandleIsInvalid = awserr.New("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", 404, "The input receipt handle is not a valid receipt handle.")
	// ErrPurgeQueueInProgress: a second purge within 60 seconds.
	ErrPurgeQueueInProgress = awserr.New("AWS.SimpleQueueService.PurgeQueueInProgress", "PurgeQueueInProgress", 403, "Only one PurgeQueue operation is allowed every 60 seconds.")
	// ErrOverLimit: a standard queue has reached its in-flight limit.
	ErrOverLimit = awserr.New("OverLimit", "OverLimit", 403, "The maximum number of in flight messages has been reached.")
	// ErrEmptyBatchRequest: a batch with no entries.
	ErrEmptyBatchRequest = awserr.New("AWS.SimpleQueueService.EmptyBatchRequest", "EmptyBatchRequest", 400, "There should be at least one SendMessageBatchRequestEntry in the request.")
	// ErrTooManyEntriesInBatchRequest: a batch with more than 10 entries.
	ErrTooManyEntriesInBatchRequest = awserr.New("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "TooManyEntriesInBatchRequest", 400, "Maximum number of entries per request are 10.")
	// ErrBatchEntryIdsNotDistinct: two batch entries with the same id.
	ErrBatchEntryIdsNotDistinct = awserr.New("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct", 400, "Two or more batch entries in the request have the same Id.")
	// ErrInvalidBatchEntryID: a batch entry id with characters or a length SQS does not allow.
	ErrInvalidBatchEntryID = awserr.New("AWS.SimpleQueueService.InvalidBatchEntryId", "InvalidBatchEntryId", 400, "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.")
	// ErrBatchRequestTooLong: a send batch whose messages add up to more than 1 MiB.
	ErrBatchRequestTooLong = awserr.New("AWS.SimpleQueueService.BatchRequestTooLong", "BatchRequestTooLong", 400, "Batch requests cannot be longer than 1048576 bytes.")
	// ErrResourceNotFound: a message-move task handle that names no task.
	ErrResourceNotFound = awserr.New("ResourceNotFoundException", "ResourceNotFoundException", 404, "The resource that you specified for the SourceArn parameter doesn't exist.")
	// ErrUnsupportedOperation: an operation the queue's state does not allow, such as a second active move task.
	ErrUnsupportedOperation = awserr.New("AWS.SimpleQueueService.UnsupportedOperation", "UnsupportedOperation", 400, "The operation is not supported.")
)
