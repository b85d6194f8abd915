package intrinsic

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// evalCase is one call evaluated against a document of named paths.
type evalCase struct {
	name string
	call string            // the intrinsic as written in the ".$" field
	doc  map[string]string // path as written -> its value as JSON
	want string            // the result as JSON, when the call succeeds
	err  string            // a fragment of the Cause, when it fails with States.IntrinsicFailure
}

// decodeJSON decodes s as the engine does, with UseNumber.
func decodeJSON(t testing.TB, s string) any {
	t.Helper()
	v, err := jsonvalue.Decode([]byte(s))
	if err != nil {
		t.Fatalf("bad JSON in test %q: %v", s, err)
	}
	return v
}

// resolverFor resolves the paths of doc, failing on any other path.
func resolverFor(t testing.TB, doc map[string]string) func(string) (any, error) {
	vals := map[string]any{}
	for p, js := range doc {
		vals[p] = decodeJSON(t, js)
	}
	return func(p string) (any, error) {
		v, ok := vals[p]
		if !ok {
			return nil, errNotFound
		}
		return v, nil
	}
}

var errNotFound = errors.New("path not found")

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	s, err := jsonvalue.Compact(v)
	if err != nil {
		t.Fatalf("cannot write %#v as JSON: %v", v, err)
	}
	return s
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse(tc.call)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.call, err)
			}
			got, err := c.Eval(resolverFor(t, tc.doc), Env{})
			if tc.err != "" {
				var ie *Error
				if !errors.As(err, &ie) {
					t.Fatalf("Eval(%q) = %s, %v; want an *Error containing %q", tc.call, mustJSON(t, got), err, tc.err)
				}
				if ie.Name != IntrinsicFailure || !strings.Contains(ie.Cause, tc.err) {
					t.Fatalf("Eval(%q) error = %s / %q; want %s containing %q", tc.call, ie.Name, ie.Cause, IntrinsicFailure, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Eval(%q): %v", tc.call, err)
			}
			if g, w := mustJSON(t, got), mustJSON(t, decodeJSON(t, tc.want)); g != w {
				t.Fatalf("Eval(%q) = %s, want %s", tc.call, g, w)
			}
		})
	}
}

// parseErrCase is a call Parse must refuse.
type parseErrCase struct {
	name string
	call string
	err  string // a fragment of the message
}

func runParseErrCases(t *testing.T, cases []parseErrCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse(tc.call)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) = %v, %v; want a *ParseError", tc.call, c, err)
			}
			if !strings.Contains(pe.Msg, tc.err) {
				t.Fatalf("Parse(%q) error %q does not contain %q", tc.call, pe.Msg, tc.err)
			}
		})
	}
}
