package stepfn

import "strings"

// Diagnostic is one problem found in a definition, as
// ValidateStateMachineDefinition reports it: an AWS code such as
// SCHEMA_VALIDATION_FAILED or MISSING_TRANSITION_TARGET, a message, and
// the location of the offending element as a JSON pointer
// ("/States/Check/Next"), or "null" for the whole definition.
type Diagnostic struct {
	Code     string
	Message  string
	Location string
}

// diagnostics collects the problems of a definition in the order found.
type diagnostics []Diagnostic

func (d *diagnostics) add(code, location, message string) {
	*d = append(*d, Diagnostic{Code: code, Message: message, Location: location})
}

// schema records a SCHEMA_VALIDATION_FAILED problem, the code AWS gives
// every field that is missing, mistyped, out of range or not allowed.
func (d *diagnostics) schema(location, message string) {
	d.add("SCHEMA_VALIDATION_FAILED", location, message)
}

// err returns the InvalidDefinition error listing every problem as
// CreateStateMachine words it: "Invalid State Machine Definition: 'CODE:
// message at location, CODE: …'", or nil when there is none.
func (d diagnostics) err() error {
	if len(d) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("Invalid State Machine Definition: '")
	for i, p := range d {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Code + ": " + p.Message + " at " + p.Location)
	}
	b.WriteString("'")
	return &DefinitionError{Err: ErrInvalidDefinition.WithMessage(b.String()), Diagnostics: append([]Diagnostic(nil), d...)}
}

// DefinitionError is the error a definition that is not valid gives: an
// InvalidDefinition [Error] whose message lists every problem, and the
// problems themselves. It matches [ErrInvalidDefinition] under
// [errors.Is].
type DefinitionError struct {
	Err         *Error
	Diagnostics []Diagnostic
}

// Error returns the InvalidDefinition error's text.
func (e *DefinitionError) Error() string { return e.Err.Error() }

// Unwrap returns the InvalidDefinition error, for errors.Is and errors.As.
func (e *DefinitionError) Unwrap() error { return e.Err }
