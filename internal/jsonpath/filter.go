package jsonpath

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// valueKind is the kind of a value a filter compares: Jayway's ValueNode
// classes.
type valueKind uint8

const (
	valUndefined valueKind = iota // a path that selected nothing
	valNull
	valBool
	valNumber
	valString
	valJSON // an array or object
	valRegex
)

// value is one side of a comparison, evaluated.
type value struct {
	kind valueKind
	b    bool
	s    string
	num  decimal
	j    any // valJSON: []any or map[string]any
	// literal marks a JSON literal written in the filter. Jayway keeps those
	// as text, so == between a literal on the left and any array or object
	// is false.
	literal bool
	text    string
	re      *regexp.Regexp
}

// errFilter stands for the InvalidPathException Jayway's evaluators throw
// when an operand has the wrong kind (such as "in" with a string on the
// right). Jayway's filter step catches it and rejects the item, so it makes
// the whole filter false unless || or && decided before reaching it.
var errFilter = errors.New("jsonpath: filter operand of the wrong kind")

// accept reports whether item passes the filter.
func (e *evaluator) accept(x *expr, item any) bool {
	ok, err := e.test(x, item)
	return ok && err == nil
}

func (e *evaluator) test(x *expr, item any) (bool, error) {
	switch x.kind {
	case exprOr:
		for _, s := range x.subs {
			if ok, err := e.test(s, item); ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	case exprAnd:
		for _, s := range x.subs {
			if ok, err := e.test(s, item); !ok || err != nil {
				return false, err
			}
		}
		return true, nil
	case exprNot:
		ok, err := e.test(x.subs[0], item)
		return !ok, err
	}
	if x.op == opExists {
		found, err := e.exists(x.left.path, item)
		return found != x.left.notExists, err
	}
	l, err := e.operandValue(&x.left, item)
	if err != nil {
		return false, err
	}
	r, err := e.operandValue(&x.right, item)
	if err != nil {
		return false, err
	}
	return compare(x.op, l, r)
}

// pathDoc is the value a filter's path starts from: the item for "@", the
// document for "$".
func (e *evaluator) pathDoc(p *Path, item any) any {
	if p.root == current {
		return item
	}
	return e.root
}

// exists is Jayway's existence test: the path, evaluated with
// REQUIRE_PROPERTIES, selects something without meeting a missing member.
// A member whose value is null exists.
func (e *evaluator) exists(p *Path, item any) (bool, error) {
	doc := e.pathDoc(p, item)
	var err error
	switch {
	case p.inverted:
		_, err = p.getInverted(doc, e.root)
	case p.definite:
		_, err = p.getDefinite(doc, true)
	default:
		sub := evaluator{p: p, root: e.root, require: true}
		err = sub.walk(0, doc)
	}
	var nf *NotFoundError
	if errors.As(err, &nf) {
		return false, nil
	}
	return err == nil, err
}

// operandValue evaluates one side of a comparison. A path that selects
// nothing is undefined; an indefinite path gives the array of its matches.
func (e *evaluator) operandValue(o *operand, item any) (value, error) {
	switch o.kind {
	case operString:
		return value{kind: valString, s: o.str}, nil
	case operNumber:
		return value{kind: valNumber, num: o.num}, nil
	case operBool:
		return value{kind: valBool, b: o.b}, nil
	case operNull:
		return value{kind: valNull}, nil
	case operJSON:
		return value{kind: valJSON, j: o.json, literal: true, text: o.text}, nil
	case operRegex:
		return value{kind: valRegex, re: o.re, text: o.text}, nil
	}
	p := o.path
	doc := e.pathDoc(p, item)
	var (
		v   any
		err error
	)
	switch {
	case p.inverted:
		v, err = p.getInverted(doc, e.root)
	case p.definite:
		v, err = p.getDefinite(doc, false)
	default:
		sub := evaluator{p: p, root: e.root, out: []any{}}
		err = sub.walk(0, doc)
		v = sub.out
	}
	if err != nil {
		var nf *NotFoundError
		if errors.As(err, &nf) {
			return value{}, nil
		}
		return value{}, err
	}
	return valueOf(v), nil
}

// valueOf turns a JSON value into a filter value.
func valueOf(v any) value {
	switch v := v.(type) {
	case nil:
		return value{kind: valNull}
	case bool:
		return value{kind: valBool, b: v}
	case string:
		return value{kind: valString, s: v}
	case []any, map[string]any:
		return value{kind: valJSON, j: v}
	}
	if t, ok := numberText(v); ok {
		if d, ok := parseDecimal(t); ok {
			return value{kind: valNumber, num: d}
		}
	}
	return value{}
}

// compare applies a relational operator as Jayway's EvaluatorFactory does.
func compare(op relOp, l, r value) (bool, error) {
	switch op {
	case opEq:
		return evalEquals(l, r), nil
	case opNe:
		return !evalEquals(l, r), nil
	case opTSEq:
		return l.kind == r.kind && evalEquals(l, r), nil
	case opTSNe:
		return !(l.kind == r.kind && evalEquals(l, r)), nil
	case opLt, opLe, opGt, opGe:
		c, ok := order(l, r)
		if !ok {
			return false, nil
		}
		switch op {
		case opLt:
			return c < 0, nil
		case opLe:
			return c <= 0, nil
		case opGt:
			return c > 0, nil
		}
		return c >= 0, nil
	case opRegex:
		return regexMatch(l, r)
	case opIn, opNin:
		list, defined, err := rightList(r)
		if err != nil {
			return false, err
		}
		in := defined && contains(list, l)
		return in != (op == opNin), nil
	case opSubsetOf, opAnyOf, opNoneOf:
		return setOp(op, l, r)
	case opContains:
		switch {
		case l.kind == valString && r.kind == valString:
			return strings.Contains(l.s, r.s), nil
		case l.kind == valJSON:
			list, defined, err := jsonList(l)
			if err != nil || !defined {
				return false, err
			}
			return contains(list, r), nil
		}
		return false, nil
	case opSize:
		if r.kind != valNumber {
			return false, nil
		}
		want := javaIntValue(r.num)
		switch l.kind {
		case valString:
			return jsonvalue.UTF16Len(l.s) == want, nil
		case valJSON:
			n := -1
			if a, ok := l.j.([]any); ok {
				n = len(a)
			}
			return n == want, nil
		}
		return false, nil
	case opEmpty:
		if r.kind != valBool {
			return false, errFilter
		}
		switch l.kind {
		case valString:
			return (l.s == "") == r.b, nil
		case valJSON:
			empty := true
			switch j := l.j.(type) {
			case []any:
				empty = len(j) == 0
			case map[string]any:
				empty = len(j) == 0
			}
			return empty == r.b, nil
		}
		return false, nil
	case opExistsOp:
		// Jayway's "exists" operator compares two booleans, and fails on
		// anything else.
		if l.kind != valBool || r.kind != valBool {
			return false, errFilter
		}
		return l.b == r.b, nil
	}
	// opAll: Jayway needs a Java value list on the right, which a filter
	// written as text cannot give, so it always fails.
	return false, errFilter
}

// evalEquals is Jayway's == : two arrays or objects compare by content,
// unless the left one is a literal (which Jayway keeps as text); otherwise
// the left value's equals decides.
func evalEquals(l, r value) bool {
	if l.kind == valJSON && r.kind == valJSON {
		return !l.literal && deepEqual(l.j, r.j)
	}
	return nodeEquals(l, r)
}

// nodeEquals is Jayway's ValueNode.equals, l.equals(r), which "in",
// "contains" and the set operators use. It is not symmetric: a number
// equals a string that parses to the same number, while a string equals a
// number whose BigDecimal text is the same string.
func nodeEquals(l, r value) bool {
	switch l.kind {
	case valNumber:
		switch r.kind {
		case valNumber:
			return l.num.cmp(r.num) == 0
		case valString:
			d, ok := parseDecimal(r.s)
			return ok && l.num.cmp(d) == 0
		}
	case valString:
		switch r.kind {
		case valString:
			return l.s == r.s
		case valNumber:
			return l.s == r.num.String()
		}
	case valBool:
		return r.kind == valBool && l.b == r.b
	case valNull:
		return r.kind == valNull
	case valJSON:
		if r.kind != valJSON || l.literal != r.literal {
			return false
		}
		if l.literal {
			return l.text == r.text
		}
		return deepEqual(l.j, r.j)
	}
	return false
}

// order compares two numbers or two strings (the latter as Java does, by
// UTF-16 units); ok is false for any other pair.
func order(l, r value) (int, bool) {
	switch {
	case l.kind == valNumber && r.kind == valNumber:
		return l.num.cmp(r.num), true
	case l.kind == valString && r.kind == valString:
		return jsonvalue.CompareUTF16(l.s, r.s), true
	}
	return 0, false
}

// regexMatch is Jayway's =~: exactly one side is a regex; the other side's
// text (a string, a number's text, "true" or "false", else "") must match it
// whole, or for an array, one element's text must.
func regexMatch(l, r value) (bool, error) {
	if (l.kind == valRegex) == (r.kind == valRegex) {
		return false, nil
	}
	re, other := l.re, r
	if r.kind == valRegex {
		re, other = r.re, l
	}
	if other.kind == valJSON {
		if _, ok := other.j.([]any); ok {
			list, _, err := jsonList(other)
			if err != nil {
				return false, err
			}
			for _, v := range list {
				if re.MatchString(regexInput(v)) {
					return true, nil
				}
			}
			return false, nil
		}
	}
	return re.MatchString(regexInput(other)), nil
}

func regexInput(v value) string {
	switch v.kind {
	case valString:
		return v.s
	case valNumber:
		return v.num.String()
	case valBool:
		return strconv.FormatBool(v.b)
	}
	return ""
}

// rightList is the list on the right of in, nin and the set operators: an
// array gives its elements; an object is undefined (the operator is false);
// anything else is an error.
func rightList(r value) ([]value, bool, error) {
	if r.kind != valJSON {
		return nil, false, errFilter
	}
	return jsonList(r)
}

// jsonList turns an array value into a list of values. An object gives no
// list; an element that is itself an array or object is an error, as
// Jayway cannot make a value of it.
func jsonList(v value) ([]value, bool, error) {
	a, ok := v.j.([]any)
	if !ok {
		return nil, false, nil
	}
	out := make([]value, len(a))
	for i, e := range a {
		switch e.(type) {
		case []any, map[string]any:
			return nil, false, errFilter
		}
		out[i] = valueOf(e)
	}
	return out, true, nil
}

// contains is Java's List.contains(x): some element e with x.equals(e).
func contains(list []value, x value) bool {
	for _, e := range list {
		if nodeEquals(x, e) {
			return true
		}
	}
	return false
}

// setOp evaluates subsetof, anyof and noneof, both sides lists.
func setOp(op relOp, l, r value) (bool, error) {
	right, defined, err := rightList(r)
	if err != nil || !defined {
		return false, err
	}
	left, defined, err := rightList(l)
	if err != nil || !defined {
		return false, err
	}
	switch op {
	case opSubsetOf:
		for _, x := range left {
			if !contains(right, x) {
				return false, nil
			}
		}
		return true, nil
	case opAnyOf:
		for _, x := range left {
			if contains(right, x) {
				return true, nil
			}
		}
		return false, nil
	}
	for _, x := range left {
		if contains(right, x) {
			return false, nil
		}
	}
	return true, nil
}

// deepEqual compares two JSON values by content, numbers by value.
func deepEqual(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case bool:
		bb, ok := b.(bool)
		return ok && a == bb
	case string:
		bs, ok := b.(string)
		return ok && a == bs
	case []any:
		bs, ok := b.([]any)
		if !ok || len(a) != len(bs) {
			return false
		}
		for i := range a {
			if !deepEqual(a[i], bs[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, v := range a {
			w, ok := bm[k]
			if !ok || !deepEqual(v, w) {
				return false
			}
		}
		return true
	}
	av, bv := valueOf(a), valueOf(b)
	return av.kind == valNumber && bv.kind == valNumber && av.num.cmp(bv.num) == 0
}

// javaIntValue is BigDecimal.intValue: the integer part, wrapped to 32 bits.
func javaIntValue(d decimal) int {
	f, err := strconv.ParseFloat(d.String(), 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) >= 1<<62 {
		return math.MinInt // matches no length
	}
	return int(int32(int64(f)))
}
