package choice_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/jsonvalue"
	"github.com/switchyard/switchyard/stepfn/internal/choice"
)

// decode decodes JSON text as the engine does, with UseNumber.
func decode(t testing.TB, s string) any {
	t.Helper()
	v, err := jsonvalue.Decode([]byte(s))
	if err != nil {
		t.Fatalf("decode %q: %v", s, err)
	}
	return v
}

// errBadPath is what the test resolver and path checker say about a path
// they cannot read.
var errBadPath = errors.New("bad path")

// checkPath accepts the paths the test resolver reads.
func checkPath(p string) error {
	_, err := splitPath(p)
	return err
}

// splitPath splits "$", "$.a.b" and "$.a[0].b" into steps: a string is a
// field name, an int an array index. "$$" paths read the same document.
func splitPath(p string) ([]any, error) {
	if !strings.HasPrefix(p, "$") {
		return nil, errBadPath
	}
	var steps []any
	rest := strings.TrimPrefix(p[1:], "$")
	for rest != "" {
		switch rest[0] {
		case '.':
			rest = rest[1:]
			n := strings.IndexAny(rest, ".[")
			if n < 0 {
				n = len(rest)
			}
			if n == 0 {
				return nil, errBadPath
			}
			steps = append(steps, rest[:n])
			rest = rest[n:]
		case '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, errBadPath
			}
			i, err := strconv.Atoi(rest[1:end])
			if err != nil || i < 0 {
				return nil, errBadPath
			}
			steps = append(steps, i)
			rest = rest[end+1:]
		default:
			return nil, errBadPath
		}
	}
	return steps, nil
}

// resolver returns a resolve func over doc that records the paths it is
// asked for in *seen, if seen is not nil.
func resolver(doc any, seen *[]string) func(string) (any, bool, error) {
	return func(p string) (any, bool, error) {
		if seen != nil {
			*seen = append(*seen, p)
		}
		steps, err := splitPath(p)
		if err != nil {
			return nil, false, err
		}
		v := doc
		for _, s := range steps {
			switch s := s.(type) {
			case string:
				m, ok := v.(map[string]any)
				if !ok {
					return nil, false, nil
				}
				if v, ok = m[s]; !ok {
					return nil, false, nil
				}
			case int:
				a, ok := v.([]any)
				if !ok || s >= len(a) {
					return nil, false, nil
				}
				v = a[s]
			}
		}
		return v, true, nil
	}
}

// parse parses rule JSON as a top-level rule at /States/C/Choices/0 (with
// a Next added when top and absent) or as a nested one.
func parse(t testing.TB, rule string, top bool) *choice.Rule {
	t.Helper()
	m, ok := decode(t, rule).(map[string]any)
	if !ok {
		t.Fatalf("rule %s is not an object", rule)
	}
	if _, has := m["Next"]; top && !has {
		m["Next"] = "Yes"
	}
	r, err := choice.Parse(m, "/States/C/Choices/0", top, checkPath)
	if err != nil {
		t.Fatalf("Parse(%s): %v", rule, err)
	}
	return r
}
