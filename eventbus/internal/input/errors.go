package input

import (
	"errors"
	"strconv"
	"strings"
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

// Violation is one broken constraint of PutTargets' model.
type Violation struct {
	// Value is the value as AWS prints it, already quoted: 'x' or
	// '{k=v}'.
	Value string
	// At is the member's location relative to the target, such as
	// "inputTransformer.inputTemplate".
	At string
	// Constraint is what follows "failed to satisfy constraint: ", such
	// as "Member must have length less than or equal to 8192".
	Constraint string
}

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
		b.WriteString(v.Value)
		b.WriteString(" at '")
		b.WriteString(prefix)
		b.WriteString(v.At)
		b.WriteString("' failed to satisfy constraint: ")
		b.WriteString(v.Constraint)
	}
	return &ValidationError{Message: b.String(), Violations: vs}
}
