package choice

import (
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
)

// jsonataOnly are the rule fields that only the JSONata query language
// accepts.
var jsonataOnly = []string{"Condition", "Output"}

// Parse parses one choice rule from its decoded JSON object (values as
// encoding/json produces them with UseNumber: nil, bool, string,
// json.Number, []any, map[string]any; float64 numbers are accepted too).
//
// loc is the rule's JSON pointer in the definition, such as
// "/States/MyChoice/Choices/0"; errors carry locations under it. top says
// whether the rule is an element of Choices, which must have Next and may
// have Assign, or a rule nested in And, Or or Not, which may have neither.
//
// checkPath validates the Variable and every *Path operand, as the caller's
// path syntax (JSONPath, context paths, variables) requires; if it returns
// a *DefinitionError, that error's Code and Message are reported at the
// field's location, and any other error is reported as an invalid
// JSONPath. A nil checkPath accepts any string that starts with "$".
//
// Parse never panics; a rule CreateStateMachine would refuse yields a
// *DefinitionError and a nil Rule.
func Parse(raw map[string]any, loc string, top bool, checkPath func(string) error) (*Rule, error) {
	if checkPath == nil {
		checkPath = defaultCheckPath
	}
	p := parser{checkPath: checkPath}
	r, err := p.rule(raw, loc, top)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func defaultCheckPath(path string) error {
	if !strings.HasPrefix(path, "$") {
		return errors.New("not a path")
	}
	return nil
}

type parser struct {
	checkPath func(string) error
}

// rule parses one rule object. The order of the checks fixes which error a
// rule with several faults reports.
func (p parser) rule(raw map[string]any, loc string, top bool) (*Rule, error) {
	for _, f := range jsonataOnly {
		if _, ok := raw[f]; ok {
			return nil, defErr(loc, "The QueryLanguage is set to 'JSONPath', but field '"+f+"' is only supported for the 'JSONata' QueryLanguage")
		}
	}

	// Sorted field names make the reported error independent of map order.
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	sort.Strings(names)

	var ops []string
	for _, k := range names {
		switch k {
		case "And", "Or", "Not":
			ops = append(ops, k)
		case "Variable", "Comment":
		case "Next", "Assign":
			if !top {
				return nil, defErr(loc, "Field '"+k+"' is not supported")
			}
		default:
			if _, ok := operators[k]; ok {
				ops = append(ops, k)
				continue
			}
			return nil, defErr(loc, "Field '"+k+"' is not supported")
		}
	}
	switch {
	case len(ops) == 0:
		return nil, defErr(loc, "A Choice Rule must have one comparison operator, or one of And, Or and Not")
	case len(ops) > 1:
		return nil, defErr(loc, "A Choice Rule must have only one comparison operator, or one of And, Or and Not, but has ["+strings.Join(ops, ", ")+"]")
	}
	opName := ops[0]
	boolean := opName == "And" || opName == "Or" || opName == "Not"

	var missing []string
	if _, ok := raw["Variable"]; !ok && !boolean {
		missing = append(missing, "Variable")
	}
	if _, ok := raw["Next"]; !ok && top {
		missing = append(missing, "Next")
	}
	if len(missing) > 0 {
		return nil, defErr(loc, "These fields are required: ["+strings.Join(missing, ", ")+"]")
	}
	if _, ok := raw["Variable"]; ok && boolean {
		return nil, defErr(loc, "Field 'Variable' is not supported")
	}

	r := &Rule{}
	if c, ok := raw["Comment"]; ok {
		if _, ok := c.(string); !ok {
			return nil, fieldErr(loc, "Comment", "must be a string")
		}
	}
	if top {
		next, ok := raw["Next"].(string)
		if !ok {
			return nil, fieldErr(loc, "Next", "must be a string")
		}
		r.next = next
		if a, ok := raw["Assign"]; ok {
			m, ok := a.(map[string]any)
			if !ok {
				return nil, fieldErr(loc, "Assign", "must be an object")
			}
			r.assign = m
		}
	}

	if boolean {
		return p.boolean(r, raw[opName], opName, loc)
	}
	return p.dataTest(r, raw, opName, loc)
}

// boolean parses the operands of And, Or or Not.
func (p parser) boolean(r *Rule, v any, op, loc string) (*Rule, error) {
	floc := loc + "/" + op
	if op == "Not" {
		r.kind = kindNot
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fieldErr(loc, op, "must be an object")
		}
		c, err := p.rule(m, floc, false)
		if err != nil {
			return nil, err
		}
		r.children = []*Rule{c}
		return r, nil
	}
	r.kind = kindAnd
	if op == "Or" {
		r.kind = kindOr
	}
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return nil, fieldErr(loc, op, "must be a non-empty array")
	}
	r.children = make([]*Rule, len(arr))
	for i, e := range arr {
		eloc := floc + "/" + strconv.Itoa(i)
		m, ok := e.(map[string]any)
		if !ok {
			return nil, defErr(eloc, "The value for the field '"+op+"' must be an array of objects")
		}
		c, err := p.rule(m, eloc, false)
		if err != nil {
			return nil, err
		}
		r.children[i] = c
	}
	return r, nil
}

// dataTest parses Variable and the operator's operand.
func (p parser) dataTest(r *Rule, raw map[string]any, opName, loc string) (*Rule, error) {
	r.kind = kindTest
	variable, err := p.path(raw["Variable"], loc, "Variable")
	if err != nil {
		return nil, err
	}
	r.variable = variable
	r.op = operators[opName]
	v := raw[opName]

	if r.op.path {
		path, err := p.path(v, loc, opName)
		if err != nil {
			return nil, err
		}
		r.operand.path = path
		return r, nil
	}
	switch r.op.fam {
	case famString:
		s, ok := v.(string)
		if !ok {
			return nil, fieldErr(loc, opName, "must be a string")
		}
		r.operand.str = s
	case famMatches:
		s, ok := v.(string)
		if !ok {
			return nil, fieldErr(loc, opName, "must be a string")
		}
		r.operand.pattern = compilePattern(s)
	case famNumeric:
		n, ok := literalNumber(v)
		if !ok {
			return nil, fieldErr(loc, opName, "must be a number")
		}
		r.operand.num = n
	case famTimestamp:
		s, ok := v.(string)
		if !ok {
			return nil, fieldErr(loc, opName, "must be a string")
		}
		t, ok := parseTimestamp(s)
		if !ok {
			return nil, fieldErr(loc, opName, "must be a valid ISO-8601 extended offset date-time format string")
		}
		r.operand.ts = t
	default: // BooleanEquals and the Is* type tests
		b, ok := v.(bool)
		if !ok {
			return nil, fieldErr(loc, opName, "must be a boolean")
		}
		r.operand.boolean = b
	}
	return r, nil
}

// literalNumber accepts a numeric literal; unlike number, it refuses
// non-finite Go floats, which no JSON text can produce.
func literalNumber(v any) (float64, bool) {
	if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
		return 0, false
	}
	return number(v)
}

// path checks a Variable or *Path field.
func (p parser) path(v any, loc, field string) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fieldErr(loc, field, "must be a string")
	}
	if err := p.checkPath(s); err != nil {
		var de *DefinitionError
		if errors.As(err, &de) {
			out := *de
			if out.Code == "" {
				out.Code = CodeSchemaValidationFailed
			}
			out.Location = loc + "/" + field
			return "", &out
		}
		return "", fieldErr(loc, field, "must be a valid JSONPath")
	}
	return s, nil
}

// fieldErr reports a field whose value is wrong, at the field's location.
func fieldErr(loc, field, what string) *DefinitionError {
	return defErr(loc+"/"+field, "The value for the field '"+field+"' "+what)
}
