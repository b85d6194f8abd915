package pattern

import (
	"encoding/json"
	"errors"
	"maps"
	"slices"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// Policy is a compiled filter policy. It is immutable and safe for
// concurrent use.
type Policy struct {
	text  string
	scope Scope
	// fields are the dotted paths the policy names, each once.
	fields fieldSet
	// alts are the policy's alternatives, the expansion of its $or: the
	// policy matches when every clause of some alternative does.
	alts [][]clause
	// checksAbsence is set when some clause is exists:false, which needs
	// to know that a message has attributes at all.
	checksAbsence bool
}

// clause is one field's condition: any of its operators.
type clause struct {
	field  int // index in Policy.fields
	ops    []op
	weight int // what it adds to the policy's complexity: values × depth
}

// Limits SNS puts on a filter policy.
const (
	maxKeys         = 5
	maxCombinations = 150
	maxPolicyBytes  = 256 * 1024
)

// ParseFilterPolicy compiles an SNS filter policy for scope, rejecting
// what SNS rejects with SNS's reason (an [*Error]).
func ParseFilterPolicy(policy string, scope Scope) (*Policy, error) {
	if len(policy) > maxPolicyBytes {
		return nil, reject("Filter policy is too long")
	}
	doc, err := jsonvalue.Decode([]byte(policy))
	if err != nil {
		return nil, reject("failed to parse JSON. " + syntaxReason(err))
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, reject("Filter policy must be a JSON object")
	}
	c := compiler{d: dialectSNS, scope: scope, fields: newFieldSet(), topKeys: map[string]bool{}}
	alts, err := c.object(obj, "", 1, false)
	if err != nil {
		return nil, err
	}
	if len(c.topKeys) > maxKeys {
		return nil, reject("Filter policy can not have more than 5 keys")
	}
	if complexity(alts) > maxCombinations {
		return nil, errTooComplex
	}
	return newPolicy(policy, scope, c.fields, alts), nil
}

// newPolicy assembles a compiled policy.
func newPolicy(text string, scope Scope, fields fieldSet, alts [][]clause) *Policy {
	p := &Policy{text: text, scope: scope, fields: fields, alts: alts}
	for _, alt := range alts {
		for _, cl := range alt {
			for _, o := range cl.ops {
				p.checksAbsence = p.checksAbsence || o.kind == opNotExists
			}
		}
	}
	return p
}

func syntaxReason(err error) string {
	if errors.Is(err, jsonvalue.ErrTrailingData) {
		return "Unexpected content after the policy"
	}
	return err.Error()
}

// Scope returns what the policy is matched against.
func (p *Policy) Scope() Scope { return p.scope }

// String returns the policy as it was given.
func (p *Policy) String() string { return p.text }

var errTooComplex = reject("Filter policy is too complex")

// complexity is SNS's count of a policy's combinations: over the
// alternatives, the sum of the product of each clause's values times its
// depth. (AWS's recorded answers: 151 values of one key, 13 × 12, $or
// branches of 24 + 64 + 64, and nested keys of (4·3)(3·2)(3·1) = 216 are
// all too many.)
func complexity(alts [][]clause) int {
	total := 0
	for _, alt := range alts {
		product := 1
		for _, cl := range alt {
			product = min(product*cl.weight, maxCombinations+1)
		}
		total = min(total+product, maxCombinations+1)
	}
	return total
}

// compiler turns a decoded policy into alternatives of clauses, noting
// what SNS limits as it goes.
type compiler struct {
	d       dialect
	scope   Scope
	fields  fieldSet
	topKeys map[string]bool // SNS counts only the top level's keys
}

// errNested is SNS's answer to a nested policy in attribute scope, which
// names no attribute.
var errNested = &Error{Reason: "Filter policy scope MessageAttributes does not support nested filter policy"}

// object compiles the policy object obj found at path prefix (depth levels
// down) into its alternatives; inOr is set inside a branch of $or.
func (c *compiler) object(obj map[string]any, prefix string, depth int, inOr bool) ([][]clause, error) {
	if len(obj) == 0 {
		return nil, reject("Empty objects are not allowed")
	}
	alts := [][]clause{nil}
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		if depth == 1 && key != "$or" {
			c.topKeys[key] = true
		}
		part, err := c.member(key, obj[key], prefix, depth, inOr)
		if err != nil {
			return nil, err
		}
		if len(alts)*len(part) > c.d.maxAlternatives() {
			return nil, c.d.tooManyAlternatives() // each alternative counts at least 1
		}
		alts = cross(alts, part)
	}
	return alts, nil
}

// member compiles one member of a policy object: a $or, a field's value
// array or a nested object.
func (c *compiler) member(key string, val any, prefix string, depth int, inOr bool) ([][]clause, error) {
	if key == "$or" {
		if list, ok := val.([]any); ok {
			return c.or(list, prefix, depth)
		}
		if c.d == dialectEventBridge {
			return nil, reject("It must be an Array followed with $or.")
		}
		// SNS reads any other "$or" as a plain key.
	}
	if inOr && c.d == dialectEventBridge && reservedInOr(key) {
		return nil, reject(key + " is Ruler reserved fieldName which cannot be used inside $or.")
	}
	switch v := val.(type) {
	case []any:
		cl, err := c.clause(prefix+key, v, depth)
		return [][]clause{{cl}}, err
	case map[string]any:
		if c.scope == ScopeAttributes {
			// SNS checks the nested object's shape before refusing it.
			for _, k := range slices.Sorted(maps.Keys(v)) {
				switch v[k].(type) {
				case []any, map[string]any:
				default:
					return nil, reject(`"` + k + `" must be an object or an array`)
				}
			}
			return nil, errNested
		}
		return c.object(v, prefix+key+".", depth+1, inOr)
	}
	return nil, reject(`"` + key + `" must be an object or an array`)
}

// or compiles the alternatives of a $or. SNS counts the branches first;
// EventBridge after reading them, as Ruler's streaming parser does, so a
// fault inside the only branch is the one reported.
func (c *compiler) or(list []any, prefix string, depth int) ([][]clause, error) {
	if len(list) < 2 && c.d == dialectSNS {
		return nil, errFewOrBranches
	}
	var alts [][]clause
	for _, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, c.d.orItemNotObject()
		}
		sub, err := c.object(obj, prefix, depth, true)
		if err != nil {
			return nil, err
		}
		if alts = append(alts, sub...); len(alts) > c.d.maxAlternatives() {
			return nil, c.d.tooManyAlternatives()
		}
	}
	if len(list) < 2 {
		return nil, errFewOrBranches
	}
	return alts, nil
}

// clause compiles the value array of the field at path.
func (c *compiler) clause(path string, list []any, depth int) (clause, error) {
	if len(list) == 0 {
		return clause{}, reject("Empty arrays are not allowed")
	}
	cl := clause{field: c.fields.add(path)}
	for _, item := range list {
		o, err := c.d.parseOp(item)
		if err != nil {
			return clause{}, err
		}
		cl.ops = append(cl.ops, o)
	}
	cl.weight = len(list) * depth
	return cl, nil
}

// cross returns every alternative of a joined with every one of b.
func cross(a, b [][]clause) [][]clause {
	out := make([][]clause, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, append(slices.Clip(x), y...))
		}
	}
	return out
}

// jsonNumber reads a policy number.
func jsonNumber(n json.Number) (float64, bool) {
	v, ok := numberValue(n.String())
	return v.num, ok
}

// compactJSON is a policy value as SNS quotes it in messages.
func compactJSON(v any) string {
	s, err := jsonvalue.Compact(v)
	if err != nil {
		return ""
	}
	return s
}
