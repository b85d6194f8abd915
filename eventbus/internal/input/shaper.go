package input

import (
	"bytes"
	"encoding/json"
	"time"
)

// Spec is what a PutTargets target says about its input. At most one of
// Input, InputPath and Transformer may be set; none means the target
// receives the whole event.
type Spec struct {
	// TargetID is the target's Id, which AWS's messages name ("... for
	// target <id>.").
	TargetID string
	// Location is where the target sits in the PutTargets request, as
	// AWS's model messages locate values, such as "targets.1.member".
	// Empty leaves those locations relative to the target
	// ("inputTransformer.inputTemplate").
	Location string
	// Input is JSON text the target receives as it is (Target.Input).
	// Empty means not set.
	Input string
	// InputPath selects the part of the event the target receives
	// (Target.InputPath). Empty means not set.
	InputPath string
	// Transformer builds the target's input from a template
	// (Target.InputTransformer). Nil means not set.
	Transformer *Transformer
}

// Transformer is an InputTransformer.
type Transformer struct {
	// PathsMap names the values the template uses: placeholder name to
	// path (InputPathsMap).
	PathsMap map[string]string
	// Template is the text the target receives once its <name>
	// placeholders are replaced (InputTemplate).
	Template string
}

// Vars are the predefined variables' values for one delivery.
type Vars struct {
	RuleARN  string // <aws.events.rule-arn>
	RuleName string // <aws.events.rule-name>
	// IngestionTime is when EventBridge received the event
	// (<aws.events.event.ingestion-time>).
	IngestionTime time.Time
}

// Shaper makes a target's input from each event. It is immutable and safe
// for concurrent use; a nil *Shaper passes every event through unchanged.
type Shaper struct {
	mode     mode
	constant []byte    // constantInput
	path     *path     // selectPath
	template *template // transform
}

type mode uint8

const (
	passThrough   mode = iota // the whole event
	constantInput             // Input
	selectPath                // InputPath
	transform                 // InputTransformer
)

// Compile checks spec as PutTargets does and returns the Shaper it
// describes. It fails with a [*ValidationError], which matches
// [ErrValidation] and carries AWS's message, for anything PutTargets
// refuses; see the package documentation for the checks and their order.
// Compile keeps no reference to spec's map.
func Compile(spec Spec) (*Shaper, error) {
	if err := violationsError(modelViolations(&spec), spec.Location); err != nil {
		return nil, err
	}
	id := spec.TargetID
	if settingsCount(&spec) > 1 {
		return nil, refuse("Only one of Input, InputPath, or InputTransformer must be provided for target " + id + ".")
	}
	switch {
	case spec.Input != "":
		if loc := syntaxErrorLocation(spec.Input); loc != "" {
			return nil, refuse("JSON syntax error in input for target " + id + ": " + loc)
		}
		return &Shaper{mode: constantInput, constant: []byte(spec.Input)}, nil
	case spec.InputPath != "":
		p, ok := parsePath(spec.InputPath)
		if !ok {
			return nil, refuse(invalidPathMessage(id))
		}
		return &Shaper{mode: selectPath, path: p}, nil
	case spec.Transformer != nil:
		t, err := compileTemplate(spec.Transformer, id)
		if err != nil {
			return nil, err
		}
		return &Shaper{mode: transform, template: t}, nil
	}
	return &Shaper{mode: passThrough}, nil
}

func settingsCount(spec *Spec) int {
	n := 0
	for _, set := range []bool{spec.Input != "", spec.InputPath != "", spec.Transformer != nil} {
		if set {
			n++
		}
	}
	return n
}

func invalidPathMessage(targetID string) string {
	return "InputPath for target " + targetID + " is invalid."
}

// Apply returns what the target receives for event, the event's JSON as
// EventBridge built it. vars gives the predefined variables' values.
//
// The result may be event itself (when nothing is set); otherwise it is
// new memory the caller owns. Apply fails with [ErrInvalidEvent] when it
// needs to read an event that is not JSON, and with [ErrNothingSelected]
// when an InputPath selects nothing. A template that Compile accepted as
// JSON always gives valid JSON.
func (s *Shaper) Apply(event []byte, vars Vars) ([]byte, error) {
	if s == nil {
		return event, nil
	}
	switch s.mode {
	case constantInput:
		// A copy, so that no caller can change what the next one gets.
		return bytes.Clone(s.constant), nil
	case selectPath:
		if !json.Valid(event) {
			return nil, ErrInvalidEvent
		}
		v, ok := s.path.lookup(event)
		if !ok {
			return nil, ErrNothingSelected
		}
		return appendCompact(make([]byte, 0, len(v)), v), nil
	case transform:
		return s.template.render(event, vars)
	}
	return event, nil
}
