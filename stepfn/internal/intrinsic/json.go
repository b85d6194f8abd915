package intrinsic

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// States.StringToJson(string) parses JSON text. Blank text (and null) gives
// null, as AWS does.
func evalStringToJSON(c *Call, args []any, _ Env) (any, error) {
	s, _ := args[0].(string)
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, err := jsonvalue.Decode([]byte(s))
	if errors.Is(err, jsonvalue.ErrTrailingData) {
		return nil, failf(c.fn.name, "the string %s holds more than one JSON value", describe(s))
	}
	if err != nil {
		return nil, failf(c.fn.name, "the string %s is not valid JSON: %v", describe(s), err)
	}
	return foldNegativeZero(v), nil
}

// foldNegativeZero turns the integer -0 into 0 in a freshly decoded value,
// as Java's parser does.
func foldNegativeZero(v any) any {
	switch v := v.(type) {
	case json.Number:
		if v == "-0" {
			return json.Number("0")
		}
	case []any:
		for i, item := range v {
			v[i] = foldNegativeZero(item)
		}
	case map[string]any:
		for k, item := range v {
			v[k] = foldNegativeZero(item)
		}
	}
	return v
}

// States.JsonToString(value) writes the value as compact JSON.
func evalJSONToString(c *Call, args []any, _ Env) (any, error) {
	s, err := jsonvalue.Compact(args[0])
	if err != nil {
		return nil, failf(c.fn.name, "the value cannot be written as JSON: %v", err)
	}
	return s, nil
}

// States.JsonMerge(a, b, false) merges two objects shallowly: b's keys win.
func evalJSONMerge(_ *Call, args []any, _ Env) (any, error) {
	a, b := args[0].(map[string]any), args[1].(map[string]any)
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out, nil
}

// isShallow accepts only false: AWS supports no deep merge.
func isShallow(v any) string {
	deep, ok := v.(bool)
	switch {
	case !ok:
		return "must be a boolean, but got " + describe(v)
	case deep:
		return "must be false: Step Functions only supports the shallow merging mode"
	}
	return ""
}
