package choice

// CodeSchemaValidationFailed is the diagnostic code CreateStateMachine
// reports for a malformed choice rule.
const CodeSchemaValidationFailed = "SCHEMA_VALIDATION_FAILED"

// ErrorRuntime is the error name of a failure AWS reports while evaluating
// a choice rule. It can be neither retried nor caught.
const ErrorRuntime = "States.Runtime"

// DefinitionError is a choice rule that CreateStateMachine would refuse.
type DefinitionError struct {
	// Code is the diagnostic code, "SCHEMA_VALIDATION_FAILED".
	Code string
	// Message is the diagnostic text, without code or location.
	Message string
	// Location is the JSON pointer of the offending object or field, such
	// as "/States/MyChoice/Choices/0/And/1/StringEquals".
	Location string
}

// Error returns the text AWS puts inside "Invalid State Machine
// Definition: '…'": "CODE: Message at Location".
func (e *DefinitionError) Error() string {
	s := e.Code + ": " + e.Message
	if e.Location != "" {
		s += " at " + e.Location
	}
	return s
}

// RuntimeError is a failure while evaluating a rule, as an execution
// reports it. Cause does not carry the "An error occurred while executing
// the state '…' (entered at the event id #n). " prefix; the engine adds it.
type RuntimeError struct {
	// Name is the error name, "States.Runtime".
	Name string
	// Cause is the error's cause.
	Cause string
}

// Error returns "Name: Cause".
func (e *RuntimeError) Error() string { return e.Name + ": " + e.Cause }

func defErr(loc, msg string) *DefinitionError {
	return &DefinitionError{Code: CodeSchemaValidationFailed, Message: msg, Location: loc}
}

// invalidPath is AWS's error for a Variable or *Path operand that names
// nothing in the input.
func invalidPath(path string) *RuntimeError {
	return &RuntimeError{
		Name:  ErrorRuntime,
		Cause: "Invalid path '" + path + "': The choice state's condition path references an invalid value.",
	}
}
