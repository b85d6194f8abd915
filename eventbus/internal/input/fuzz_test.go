package input

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzApply compiles a transformer from a template and an InputPathsMap
// (one "name=path" per line), and applies it to an event. It checks:
//   - Compile and Apply never panic, and fail only with their documented
//     errors (ErrValidation; ErrInvalidEvent, and only for an event that is
//     not JSON);
//   - for a valid JSON event, Apply succeeds, and when Compile accepted a
//     JSON template (first non-space character '{') the result is valid
//     JSON: values outside quotes are inserted as JSON, values inside
//     quotes as escaped string content;
//   - each path, used as an InputPath on a valid JSON event, gives valid
//     JSON or ErrNothingSelected.
//
// The seed corpus is in testdata/fuzz/FuzzApply.
func FuzzApply(f *testing.F) {
	vars := Vars{RuleARN: "arn:aws:events:us-east-1:123456789012:rule/r", RuleName: "r", IngestionTime: time.Unix(1e9, 0)}
	f.Fuzz(func(t *testing.T, template, paths string, event []byte) {
		m := parsePathsArg(paths)
		eventIsJSON := json.Valid(event)

		s, err := Compile(Spec{TargetID: "t", Transformer: &Transformer{PathsMap: m, Template: template}})
		if err != nil {
			if !errors.Is(err, ErrValidation) || s != nil {
				t.Fatalf("Compile: %v (Shaper %v)", err, s)
			}
		} else {
			out, err := s.Apply(event, vars)
			switch {
			case err != nil && (eventIsJSON || !errors.Is(err, ErrInvalidEvent)):
				t.Fatalf("Apply: %v", err)
			case err == nil && eventIsJSON && isJSONTemplate(template) && !json.Valid(out):
				t.Fatalf("JSON template %q gave invalid JSON %q", template, out)
			}
		}

		for _, p := range m {
			s, err := Compile(Spec{InputPath: p})
			if err != nil || !eventIsJSON {
				continue
			}
			out, err := s.Apply(event, vars)
			if err != nil && !errors.Is(err, ErrNothingSelected) || err == nil && !json.Valid(out) {
				t.Fatalf("InputPath %q: %q, %v", p, out, err)
			}
		}
	})
}

// parsePathsArg reads the fuzz argument: lines of name=path.
func parsePathsArg(s string) map[string]string {
	m := map[string]string{}
	for line := range strings.SplitSeq(s, "\n") {
		if name, p, ok := strings.Cut(line, "="); ok {
			m[name] = p
		}
	}
	return m
}
