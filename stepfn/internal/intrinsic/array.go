package intrinsic

import (
	"encoding/json"
	"strconv"
)

// maxRange is the most items States.ArrayRange may produce.
const maxRange = 1000

// States.Array(values…) returns its arguments as an array.
func evalArray(_ *Call, args []any, _ Env) (any, error) {
	return args, nil // a fresh slice, never nil
}

// States.ArrayPartition(array, size) cuts the array into chunks of size
// items; the last chunk may be shorter.
func evalArrayPartition(_ *Call, args []any, _ Env) (any, error) {
	arr := args[0].([]any)
	size, _ := toNumber(args[1])
	n, _ := javaRound(size)
	chunks := int64(0)
	if len(arr) > 0 {
		chunks = (int64(len(arr))-1)/n + 1
	}
	out := make([]any, 0, chunks)
	for i := 0; i < len(arr); {
		end := len(arr)
		if int64(end-i) > n {
			end = i + int(n)
		}
		out = append(out, append([]any(nil), arr[i:end]...))
		i = end
	}
	return out, nil
}

func isChunkSize(v any) string {
	if msg := isInteger(v); msg != "" {
		return msg
	}
	n, _ := toNumber(v)
	if i, _ := javaRound(n); i < 1 {
		return "must be a positive integer, but got " + describe(v)
	}
	return ""
}

// States.ArrayContains(array, value) reports whether the array holds the
// value, compared deeply.
func evalArrayContains(_ *Call, args []any, _ Env) (any, error) {
	want := key(args[1])
	for _, item := range args[0].([]any) {
		if key(item) == want {
			return true, nil
		}
	}
	return false, nil
}

// States.ArrayRange(first, last, step) counts from first towards last,
// last included when a step lands on it.
func evalArrayRange(c *Call, args []any, _ Env) (any, error) {
	var v [3]int64
	for i := range v {
		n, _ := toNumber(args[i])
		v[i], _ = javaRound(n)
	}
	first, last, step := v[0], v[1], v[2]
	var steps uint64 // how many steps after the first item; counting on overflows
	empty := true
	switch {
	case step > 0 && last >= first:
		steps, empty = (uint64(last)-uint64(first))/uint64(step), false
	case step < 0 && last <= first:
		steps, empty = (uint64(first)-uint64(last))/(uint64(-(step+1))+1), false
	}
	if !empty && steps >= maxRange {
		return nil, failf(c.fn.name, "the range would hold more than the %d items allowed", maxRange)
	}
	count := 0
	if !empty {
		count = int(steps) + 1
	}
	out := make([]any, count)
	for i := range out {
		out[i] = json.Number(strconv.FormatInt(first+int64(i)*step, 10))
	}
	return out, nil
}

func isStep(v any) string {
	if msg := isInteger(v); msg != "" {
		return msg
	}
	n, _ := toNumber(v)
	if i, _ := javaRound(n); i == 0 {
		return "must not be zero"
	}
	return ""
}

// States.ArrayGetItem(array, index) returns the item at a zero-based index.
func evalArrayGetItem(c *Call, args []any, _ Env) (any, error) {
	arr := args[0].([]any)
	n, _ := toNumber(args[1])
	i, _ := exactInt(n)
	if i >= int64(len(arr)) {
		return nil, failf(c.fn.name, "index %d is out of bounds for an array of length %d", i, len(arr))
	}
	return arr[i], nil
}

func isIndex(v any) string {
	n, ok := toNumber(v)
	if !ok {
		return "must be an integer index, but got " + describe(v)
	}
	if i, ok := exactInt(n); !ok || i < 0 {
		return "must be a non-negative integer index, but got " + describe(v)
	}
	return ""
}

// States.ArrayLength(array) returns the number of items.
func evalArrayLength(_ *Call, args []any, _ Env) (any, error) {
	return json.Number(strconv.Itoa(len(args[0].([]any)))), nil
}

// States.ArrayUnique(array) drops repeated items, keeping the first of each,
// compared deeply.
func evalArrayUnique(_ *Call, args []any, _ Env) (any, error) {
	arr := args[0].([]any)
	seen := make(map[string]bool, len(arr))
	out := make([]any, 0, len(arr))
	for _, item := range arr {
		k := key(item)
		if !seen[k] {
			seen[k] = true
			out = append(out, item)
		}
	}
	return out, nil
}
