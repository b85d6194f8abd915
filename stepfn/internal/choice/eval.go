package choice

import "github.com/switchyard/switchyard/internal/jsonvalue"

// Eval reports whether the rule matches.
//
// resolve returns the value a path names in the state's effective input
// (or context object, or variables), whether it exists, and an error if
// the path cannot be evaluated at all; it must not be nil. Eval calls it
// only for the paths it needs: And stops at its first false operand, Or at
// its first true one.
//
// A Variable or *Path operand that does not exist is a *RuntimeError named
// States.Runtime, except for IsPresent, which is then false (or true for
// "IsPresent": false). An error from resolve is returned as it is. A
// comparison between values of different types is false, not an error.
func (r *Rule) Eval(resolve func(path string) (v any, ok bool, err error)) (bool, error) {
	switch r.kind {
	case kindAnd:
		for _, c := range r.children {
			m, err := c.Eval(resolve)
			if err != nil || !m {
				return false, err
			}
		}
		return true, nil
	case kindOr:
		for _, c := range r.children {
			m, err := c.Eval(resolve)
			if err != nil || m {
				return m && err == nil, err
			}
		}
		return false, nil
	case kindNot:
		m, err := r.children[0].Eval(resolve)
		if err != nil {
			return false, err
		}
		return !m, nil
	}
	return r.test(resolve)
}

// test evaluates a data-test rule.
func (r *Rule) test(resolve func(string) (any, bool, error)) (bool, error) {
	v, ok, err := resolve(r.variable)
	if err != nil {
		return false, err
	}
	want := r.operand.boolean
	if r.op.fam == famIsPresent {
		return ok == want, nil
	}
	if !ok {
		return false, invalidPath(r.variable)
	}

	switch r.op.fam {
	case famIsNull:
		return (v == nil) == want, nil
	case famIsNumeric:
		_, isNum := number(v)
		return isNum == want, nil
	case famIsString:
		_, isStr := v.(string)
		return isStr == want, nil
	case famIsBoolean:
		_, isBool := v.(bool)
		return isBool == want, nil
	case famIsTimestamp:
		s, isStr := v.(string)
		if isStr {
			_, isStr = parseTimestamp(s)
		}
		return isStr == want, nil
	case famMatches:
		if r.operand.pattern.openEscape {
			return false, r.operand.pattern.openEscapeError()
		}
		s, isStr := v.(string)
		return isStr && r.operand.pattern.match(s), nil
	}

	// A comparison: the operand is the literal, or the value its path names.
	var other any
	if r.op.path {
		o, ok, err := resolve(r.operand.path)
		if err != nil {
			return false, err
		}
		if !ok {
			return false, invalidPath(r.operand.path)
		}
		other = o
	}
	return r.compare(v, other), nil
}

// compare applies a String, Numeric, Boolean or Timestamp operator to the
// Variable's value v and, for the *Path forms, the operand's value other.
// Values of the wrong type make it false.
func (r *Rule) compare(v, other any) bool {
	lit := !r.op.path
	switch r.op.fam {
	case famString:
		a, ok := v.(string)
		if !ok {
			return false
		}
		b := r.operand.str
		if !lit {
			if b, ok = other.(string); !ok {
				return false
			}
		}
		return r.op.rel.holds(jsonvalue.CompareUTF16(a, b))
	case famNumeric:
		a, ok := number(v)
		if !ok {
			return false
		}
		b := r.operand.num
		if !lit {
			if b, ok = number(other); !ok {
				return false
			}
		}
		return r.op.rel.holds(compareNumbers(a, b))
	case famBoolean:
		a, ok := v.(bool)
		if !ok {
			return false
		}
		b := r.operand.boolean
		if !lit {
			if b, ok = other.(bool); !ok {
				return false
			}
		}
		return a == b
	case famTimestamp:
		s, ok := v.(string)
		if !ok {
			return false
		}
		a, ok := parseTimestamp(s)
		if !ok {
			return false
		}
		b := r.operand.ts
		if !lit {
			s, ok := other.(string)
			if !ok {
				return false
			}
			if b, ok = parseTimestamp(s); !ok {
				return false
			}
		}
		return r.op.rel.holds(a.Compare(b))
	}
	return false
}
