package pattern

import (
	"encoding/json"
	"maps"
	"slices"
)

// The operator forms EventBridge has and SNS does not, with event-ruler's
// JsonRuleCompiler's complaints word for word. Ruler reads a pattern as a
// stream and names the first fault in document order; the pattern reaches
// us decoded into maps, so where an object has several keys the first in
// sorted order stands in for the first written.

// parseEventBridgeOperator compiles the operators and operator forms only
// EventBridge knows; ok is false for the others, which both dialects
// share.
func parseEventBridgeOperator(name string, arg any) (o op, ok bool, err error) {
	switch name {
	case "prefix", "suffix":
		inner, isObject := arg.(map[string]any)
		if !isObject {
			return op{}, false, nil
		}
		o, err = parseAffixIgnoreCase(name, inner)
	case "wildcard":
		o, err = parseWildcardOperator(arg)
	case "anything-but":
		o, err = parseAnythingButEventBridge(arg)
	default:
		return op{}, false, nil
	}
	return o, true, err
}

// firstKey returns the key of m that stands for the first one written.
func firstKey(m map[string]any) string { return slices.Min(slices.Collect(maps.Keys(m))) }

// parseAffixIgnoreCase compiles {"prefix": {"equals-ignore-case": "x"}}
// and its suffix twin.
func parseAffixIgnoreCase(name string, inner map[string]any) (op, error) {
	title := map[string]string{"prefix": "Prefix", "suffix": "Suffix"}[name]
	if len(inner) == 0 {
		return op{}, reject(title + " expression name not found")
	}
	key := firstKey(inner)
	if key != "equals-ignore-case" {
		return op{}, reject("Unsupported " + name + " pattern: " + key)
	}
	s, ok := inner[key].(string)
	if !ok {
		return op{}, reject("equals-ignore-case match pattern must be a string")
	}
	if len(inner) > 1 {
		return op{}, reject("Only one key allowed in match expression")
	}
	kind := map[string]opKind{"prefix": opPrefixIgnoreCase, "suffix": opSuffixIgnoreCase}[name]
	return op{kind: kind, str: s}, nil
}

// parseWildcardOperator compiles {"wildcard": "dir/*.png"}.
func parseWildcardOperator(arg any) (op, error) {
	s, ok := arg.(string)
	if !ok {
		return op{}, reject(wildcardNotString)
	}
	w, err := parseWildcard(s)
	return op{kind: opWildcard, args: &opArgs{globs: []wildcard{w}}}, err
}

const wildcardNotString = "wildcard match pattern must be a string"

// parseAnythingButEventBridge compiles anything-but with a value, a list
// of strings or of numbers, or an operator object.
func parseAnythingButEventBridge(arg any) (op, error) {
	switch v := arg.(type) {
	case map[string]any:
		return parseAnythingButOperator(v)
	case []any:
		return parseAnythingButList(v)
	case string, json.Number:
		return parseAnythingButList([]any{v})
	}
	return op{}, errAnythingButValue
}

// parseAnythingButList compiles the values anything-but excludes: all
// strings or all numbers.
func parseAnythingButList(list []any) (op, error) {
	o := op{kind: opAnythingBut, args: &opArgs{}}
	var strs, nums bool
	for _, item := range list {
		switch x := item.(type) {
		case string:
			strs = true
			o.args.set = append(o.args.set, value{kind: kindString, str: x})
		case json.Number:
			nums = true
			n, err := dialectEventBridge.number(x)
			if err != nil {
				return op{}, err
			}
			o.args.set = append(o.args.set, value{kind: kindNumber, num: n})
		default:
			return op{}, reject("Inside anything but list, start|null|boolean is not supported.")
		}
	}
	if strs == nums { // mixed, or an empty list
		return op{}, reject("Inside anything but list, either all values are number or string, mixed type is not supported")
	}
	return o, nil
}

// anythingButOperator describes one operator anything-but can negate.
type anythingButOperator struct {
	kind    opKind
	notText string // the complaint about a value that is not a string
}

func anythingButOperatorNamed(name string) (anythingButOperator, bool) {
	const affixNotText = "prefix/suffix match pattern must be a string"
	switch name {
	case "prefix":
		return anythingButOperator{opAnythingButPrefix, affixNotText}, true
	case "suffix":
		return anythingButOperator{opAnythingButSuffix, affixNotText}, true
	case "equals-ignore-case":
		return anythingButOperator{opAnythingButIgnoreCase, "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."}, true
	case "wildcard":
		return anythingButOperator{opAnythingButWildcard, wildcardNotString}, true
	}
	return anythingButOperator{}, false
}

// parseAnythingButOperator compiles {"anything-but": {"prefix": …}} and
// the suffix, equals-ignore-case and wildcard forms, each with one string
// or a list of them.
func parseAnythingButOperator(m map[string]any) (op, error) {
	if len(m) == 0 {
		return op{}, reject("Anything-But expression name not found")
	}
	name := firstKey(m)
	neg, ok := anythingButOperatorNamed(name)
	if !ok {
		return op{}, reject("Unsupported anything-but pattern: " + name)
	}
	var items []any
	switch v := m[name].(type) {
	case []any:
		if len(v) == 0 {
			// Ruler compiles an empty list into a rule AWS then fails to
			// evaluate; refuse it instead.
			return op{}, reject("Empty arrays are not allowed")
		}
		items = v
	case string, json.Number:
		items = []any{v}
	default:
		return op{}, errAnythingButValue
	}
	o := op{kind: neg.kind, args: &opArgs{}}
	for _, item := range items {
		s, ok := item.(string)
		if !ok {
			return op{}, reject(neg.notText)
		}
		if s == "" && (neg.kind == opAnythingButPrefix || neg.kind == opAnythingButSuffix) {
			return op{}, reject("Null prefix/suffix not allowed")
		}
		o.args.strs = append(o.args.strs, s)
	}
	if neg.kind == opAnythingButWildcard {
		for _, s := range o.args.strs {
			w, err := parseWildcard(s)
			if err != nil {
				return op{}, err
			}
			o.args.globs = append(o.args.globs, w)
		}
		o.args.strs = nil
	}
	if len(m) > 1 {
		// Ruler expects the operator object to close here and words the
		// complaint as it does for numeric.
		return op{}, reject("Too many elements in numeric expression")
	}
	return o, nil
}
