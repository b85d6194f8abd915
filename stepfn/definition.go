package stepfn

import (
	"time"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// MaxDefinitionBytes is the largest definition Step Functions accepts.
const MaxDefinitionBytes = 1 << 20

// maxTimeoutSeconds is the largest TimeoutSeconds, HeartbeatSeconds,
// IntervalSeconds or MaxAttempts AWS accepts, and a Task's default timeout.
const maxTimeoutSeconds = 99999999

// Definition is a parsed and validated state machine definition in the
// Amazon States Language (JSONPath query language). It is immutable and
// safe for concurrent use; one definition can back many state machines.
type Definition struct {
	text    string
	comment string
	timeout time.Duration // 0: none (a Standard execution still ends after a year)
	g       *graph
}

// ParseDefinition parses and validates a definition as CreateStateMachine
// does. A definition that is not valid gives a [*DefinitionError]
// (matching [ErrInvalidDefinition]) that lists every problem found with
// its location, worded as AWS words it.
func ParseDefinition(text string) (*Definition, error) {
	def, d := parseDefinition(text)
	if err := d.err(); err != nil {
		return nil, err
	}
	return def, nil
}

// ValidateDefinition reports the problems of a definition, as
// ValidateStateMachineDefinition does: none means the definition can be
// used.
func ValidateDefinition(text string) []Diagnostic {
	_, d := parseDefinition(text)
	return d
}

// String returns the definition's text, as given.
func (def *Definition) String() string { return def.text }

func parseDefinition(text string) (*Definition, diagnostics) {
	var d diagnostics
	switch {
	case text == "":
		d.add("MISSING_DESCRIPTION", "null", "Received a null or empty workflow input")
		return nil, d
	case len(text) > MaxDefinitionBytes:
		d.schema("null", "The definition must be at most 1048576 bytes")
		return nil, d
	case !utf8.ValidString(text):
		d.add("INVALID_JSON_DESCRIPTION", "null", "The definition is not valid UTF-8")
		return nil, d
	}
	v, err := jsonvalue.Decode([]byte(text))
	if err != nil {
		d.add("INVALID_JSON_DESCRIPTION", "null", err.Error())
		return nil, d
	}
	top, ok := v.(map[string]any)
	if !ok {
		d.schema("null", "The definition must be a JSON object")
		return nil, d
	}
	p := &parser{d: &d, names: map[string]string{}}
	o := newObject(top, "", &d)
	def := &Definition{text: text}
	def.comment, _ = o.str("Comment")
	if version, ok := o.str("Version"); ok && version != "1.0" {
		d.schema(o.at("Version"), "The value for the field 'Version' must be 1.0")
	}
	if secs, ok := o.integer("TimeoutSeconds", 0, maxTimeoutSeconds); ok {
		def.timeout = time.Duration(secs) * time.Second
	}
	p.queryLanguage(o)
	def.g = p.graph(o)
	o.finish()
	if len(d) == 0 {
		p.checkTerminal(def.g)
		p.root.checkOuterAssignments(nil, &d)
	}
	return def, d
}
