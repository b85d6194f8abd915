package eventbus

import "github.com/switchyard/switchyard/internal/awserr"

// Error is the error type every bus operation returns: an AWS error code,
// AWS's message, the HTTP status and fault. Match it by code with
// [errors.Is] against the sentinels below; read its fields with
// [errors.As].
type Error = awserr.Error

// Sentinels, one per EventBridge error code. Each matches, under
// [errors.Is], every error the package returns with the same code,
// whatever its message. The package returns copies, never the sentinels
// themselves; do not modify them.
var (
	// ErrValidation: a parameter breaks a constraint of the API's model
	// or a rule of EventBridge (a name, a limit, a schedule expression).
	ErrValidation = awserr.New("ValidationException", "", 400, "1 validation error detected")
	// ErrInvalidEventPattern: an event pattern EventBridge refuses. The
	// message is "Event pattern is not valid. Reason: " and the reason.
	ErrInvalidEventPattern = awserr.New("InvalidEventPatternException", "", 400, "Event pattern is not valid.")
	// ErrResourceNotFound: no rule, target, archive or replay of that name,
	// or the bus is closed.
	ErrResourceNotFound = awserr.New("ResourceNotFoundException", "", 400, "The resource does not exist.")
	// ErrResourceAlreadyExists: an archive or replay of that name exists.
	ErrResourceAlreadyExists = awserr.New("ResourceAlreadyExistsException", "", 400, "The resource already exists.")
	// ErrLimitExceeded: a rule would have more than 5 targets, or a bus
	// more than its rules.
	ErrLimitExceeded = awserr.New("LimitExceededException", "", 400, "The requested resource exceeds the maximum number allowed.")
	// ErrIllegalStatus: a replay cannot be cancelled in its state.
	ErrIllegalStatus = awserr.New("IllegalStatusException", "", 400, "An error occurred because a replay can be canceled only when the state is Running or Starting.")
)
