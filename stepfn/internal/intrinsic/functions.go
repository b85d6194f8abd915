package intrinsic

import (
	"fmt"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// check reports what is wrong with an argument value: "" when the value is
// acceptable, otherwise a phrase such as "must be a string, but got 5".
type check func(v any) string

// function is one of the eighteen States.* functions.
type function struct {
	name     string
	min, max int     // how many arguments; max < 0 means no upper bound
	params   []check // params[i] checks argument i; with max < 0 the last one repeats
	static   func(c *Call) string
	eval     func(c *Call, args []any, env Env) (any, error)
}

// param returns the check for argument i, or nil when any value will do.
func (f *function) param(i int) check {
	if i < len(f.params) {
		return f.params[i]
	}
	if f.max < 0 && len(f.params) > 0 {
		return f.params[len(f.params)-1]
	}
	return nil
}

// functions holds the eighteen functions by name.
var functions = map[string]*function{}

func init() {
	for _, f := range []*function{
		{name: "States.Format", min: 1, max: -1, params: []check{isString, nil}, static: formatStatic, eval: evalFormat},
		{name: "States.StringToJson", min: 1, max: 1, params: []check{isStringOrNull}, eval: evalStringToJSON},
		{name: "States.JsonToString", min: 1, max: 1, eval: evalJSONToString},
		{name: "States.Array", min: 0, max: -1, eval: evalArray},
		{name: "States.ArrayPartition", min: 2, max: 2, params: []check{isArray, isChunkSize}, eval: evalArrayPartition},
		{name: "States.ArrayContains", min: 2, max: 2, params: []check{isArray, nil}, eval: evalArrayContains},
		{name: "States.ArrayRange", min: 3, max: 3, params: []check{isInteger, isInteger, isStep}, eval: evalArrayRange},
		{name: "States.ArrayGetItem", min: 2, max: 2, params: []check{isArray, isIndex}, eval: evalArrayGetItem},
		{name: "States.ArrayLength", min: 1, max: 1, params: []check{isArray}, eval: evalArrayLength},
		{name: "States.ArrayUnique", min: 1, max: 1, params: []check{isArray}, eval: evalArrayUnique},
		{name: "States.Base64Encode", min: 1, max: 1, params: []check{isShortString}, eval: evalBase64Encode},
		{name: "States.Base64Decode", min: 1, max: 1, params: []check{isShortString}, eval: evalBase64Decode},
		{name: "States.Hash", min: 2, max: 2, params: []check{isShortString, isHashAlgorithm}, eval: evalHash},
		{name: "States.JsonMerge", min: 3, max: 3, params: []check{isObject, isObject, isShallow}, eval: evalJSONMerge},
		{name: "States.MathRandom", min: 2, max: 3, params: []check{isInteger, isInteger, isInteger}, eval: evalMathRandom},
		{name: "States.MathAdd", min: 2, max: 2, params: []check{isInteger, isInteger}, eval: evalMathAdd},
		{name: "States.StringSplit", min: 2, max: 2, params: []check{isString, isString}, eval: evalStringSplit},
		{name: "States.UUID", min: 0, max: 0, eval: evalUUID},
	} {
		functions[f.name] = f
	}
}

// The checks shared by several functions.

func isString(v any) string {
	if _, ok := v.(string); !ok {
		return "must be a string, but got " + describe(v)
	}
	return ""
}

func isStringOrNull(v any) string {
	if v == nil {
		return ""
	}
	return isString(v)
}

func isArray(v any) string {
	if _, ok := v.([]any); !ok {
		return "must be an array, but got " + describe(v)
	}
	return ""
}

func isObject(v any) string {
	if _, ok := v.(map[string]any); !ok {
		return "must be a JSON object, but got " + describe(v)
	}
	return ""
}

// isInteger accepts any number that rounds to a 64-bit integer.
func isInteger(v any) string {
	n, ok := toNumber(v)
	if !ok {
		return "must be an integer, but got " + describe(v)
	}
	if _, ok := javaRound(n); !ok {
		return "must be an integer from -2^63 to 2^63-1, but got " + describe(v)
	}
	return ""
}

// maxChars is the input limit of Base64Encode, Base64Decode and Hash.
const maxChars = 10000

func isShortString(v any) string {
	if msg := isString(v); msg != "" {
		return msg
	}
	if n := jsonvalue.UTF16Len(v.(string)); n > maxChars {
		return fmt.Sprintf("must have at most %d characters, but has %d", maxChars, n)
	}
	return ""
}
