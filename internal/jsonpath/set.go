package jsonpath

import "strconv"

// Set returns doc with the value at p replaced by v, as ResultPath places a
// state's result: "$" replaces the whole document, and "$.a.b" on
// {"x":1} gives {"x":1,"a":{"b":v}}. p must be a reference path (names and
// single indexes only, as [ParseReference] accepts); any root is allowed,
// and the caller passes the value that root names.
//
// Set never modifies doc. It copies each object and array on the way to the
// target (copy-on-write) and shares everything else with doc, so the result
// and doc must both be treated as read-only afterwards, or deep-copied
// before either is changed in place.
//
// A missing member on the way is created as an empty object. Set fails with
// a [*SetError], and returns nil, when:
//   - a name step meets a value that is not an object, null included;
//   - an index step meets a value that is not an array, or a member that is
//     missing (Set creates objects, never arrays);
//   - an index, after a negative one is counted from the end, is outside the
//     array (Set replaces elements, never appends).
func (p *Path) Set(doc any, v any) (any, error) {
	if !p.isReference() {
		return nil, &SetError{Path: p.text, Reason: "is not a reference path: only names and single indexes can be set"}
	}
	return p.set(0, doc, true, v)
}

// set returns a copy of cur with steps[i:] applied; present is false when
// cur is a member that does not exist yet.
func (p *Path) set(i int, cur any, present bool, v any) (any, error) {
	if i == len(p.steps) {
		return v, nil
	}
	s := &p.steps[i]
	if s.kind == stepName {
		var m map[string]any
		if present {
			var ok bool
			if m, ok = cur.(map[string]any); !ok {
				return nil, p.setErr(i, "is "+kindName(cur)+", not an object")
			}
		}
		old, ok := m[s.name]
		nv, err := p.set(i+1, old, ok, v)
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, len(m)+1)
		for k, x := range m {
			out[k] = x
		}
		out[s.name] = nv
		return out, nil
	}
	if !present {
		return nil, p.setErr(i, "does not exist, and only objects are created")
	}
	a, ok := cur.([]any)
	if !ok {
		return nil, p.setErr(i, "is "+kindName(cur)+", not an array")
	}
	idx := s.index
	if idx < 0 {
		idx += len(a)
	}
	if idx < 0 || idx >= len(a) {
		return nil, p.setErr(i, "has "+strconv.Itoa(len(a))+" elements, so index "+strconv.Itoa(s.index)+" is out of range")
	}
	nv, err := p.set(i+1, a[idx], true, v)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(a))
	copy(out, a)
	out[idx] = nv
	return out, nil
}

func (p *Path) setErr(i int, reason string) error {
	return &SetError{Path: p.text, At: p.prefix(i), Reason: reason}
}

// kindName names the JSON kind of v for messages.
func kindName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	if _, ok := numberText(v); ok {
		return "a number"
	}
	return "not JSON"
}
