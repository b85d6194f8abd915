package input

import (
	"errors"
	"strings"

	"github.com/switchyard/switchyard/internal/awserr"
)

// ErrValidation matches, under errors.Is, every error [Compile] returns:
// settings PutTargets refuses with a ValidationException.
var ErrValidation = errors.New("input: invalid target input settings")

// ErrInvalidEvent is returned by [Shaper.Apply] when the event it needs to
// read is not JSON.
var ErrInvalidEvent = errors.New("input: the event is not valid JSON")

// ErrNothingSelected is returned by [Shaper.Apply] when the target's
// InputPath selects nothing from the event. AWS does not document what
// the target then receives; LocalStack delivers nothing, and a caller
// should do the same rather than retry.
var ErrNothingSelected = errors.New("input: the InputPath selects nothing from the event")

// ValidationError is a target's input settings that PutTargets refuses.
// Its Error method returns the message AWS gives.
type ValidationError struct {
	// Message is AWS's message, such as "InputPath for target t1 is
	// invalid." or "1 validation error detected: Value ... at
	// 'targets.1.member.inputPath' failed to satisfy constraint: ...".
	Message string
	// Violations are the broken model constraints when that is what
	// failed; they let a caller merge them with its own into one message.
	Violations []Violation
}

// Violation is one broken constraint of PutTargets' model; its At is
// relative to the target, such as "inputTransformer.inputTemplate".
type Violation = awserr.Violation

// Error returns AWS's message.
func (e *ValidationError) Error() string { return e.Message }

// Is reports whether target is [ErrValidation].
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// refuse returns a ValidationError carrying one of PutTargets' own
// messages.
func refuse(message string) *ValidationError {
	return &ValidationError{Message: message}
}

// maxReportedViolations is the most violations one AWS message lists.
const maxReportedViolations = 10

// violationsError words vs as AWS does, locating each under location (the
// target's place in the request, such as "targets.1.member"), or returns
// nil when vs is empty.
func violationsError(vs []Violation, location string) error {
	if len(vs) == 0 {
		return nil
	}
	vs = vs[:min(len(vs), maxReportedViolations)]
	prefix := strings.TrimSuffix(location, ".")
	if prefix != "" {
		prefix += "."
	}
	located := make(awserr.Violations, len(vs))
	for i, v := range vs {
		v.At = prefix + v.At
		located[i] = v
	}
	return &ValidationError{Message: located.Message(), Violations: vs}
}
