package jsonpath

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
)

// funcKind is one of the Jayway path functions this package implements.
type funcKind uint8

const (
	fnLength funcKind = iota
	fnSize
	fnMin
	fnMax
	fnAvg
	fnStddev
	fnSum
	fnKeys
	fnFirst
	fnLast
	fnIndex
)

var funcNames = map[string]funcKind{
	"length": fnLength, "size": fnSize,
	"min": fnMin, "max": fnMax, "avg": fnAvg, "stddev": fnStddev, "sum": fnSum,
	"keys": fnKeys, "first": fnFirst, "last": fnLast, "index": fnIndex,
}

// refusedFuncs are Jayway functions that take JSON or path arguments; this
// package rejects them when parsing, with a message saying so.
var refusedFuncs = map[string]bool{"concat": true, "append": true, "distinct": true}

var funcNameList = [...]string{
	fnLength: "length", fnSize: "size", fnMin: "min", fnMax: "max", fnAvg: "avg", fnStddev: "stddev",
	fnSum: "sum", fnKeys: "keys", fnFirst: "first", fnLast: "last", fnIndex: "index",
}

func (f funcKind) String() string { return funcNameList[f] }

// funcFailure is why a function failed: Jayway's message, and whether Java
// threw an IndexOutOfBoundsException, which Jayway's array steps swallow.
type funcFailure struct {
	msg         string
	outOfBounds bool
}

// errEmptyAggregation is Jayway's failure when a numeric or sequence
// function gets no array or no numbers.
var errEmptyAggregation = &funcFailure{msg: "Aggregation function attempted to calculate value using empty array"}

// applyFunc applies the function of s to v, as Jayway's function of that
// name does.
func applyFunc(s *step, v any) (any, *funcFailure) {
	switch s.fn {
	case fnLength, fnSize:
		// Jayway's length() counts an array's elements or an object's
		// members; for anything else it yields null.
		switch v := v.(type) {
		case []any:
			return lengthNumber(len(v)), nil
		case map[string]any:
			return lengthNumber(len(v)), nil
		}
		return nil, nil
	case fnKeys:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, nil
		}
		keys := make([]any, 0, len(m))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			keys = append(keys, k)
		}
		return keys, nil
	case fnFirst, fnLast, fnIndex:
		a, ok := v.([]any)
		if !ok {
			return nil, errEmptyAggregation
		}
		return sequenceAt(a, s)
	}
	a, _ := v.([]any)
	return aggregate(s.fn, numbersOf(a))
}

// sequenceAt picks the element first(), last() or index(n) names, with
// Jayway's bounds checks: a negative target counts from the end but must land
// past the first element.
func sequenceAt(a []any, s *step) (any, *funcFailure) {
	target := 0
	switch s.fn {
	case fnLast:
		target = -1
	case fnIndex:
		target = s.fnArg
	}
	if target >= 0 {
		if target >= len(a) {
			return nil, &funcFailure{msg: fmt.Sprintf("Index %d out of bounds for length %d", target, len(a)), outOfBounds: true}
		}
		return a[target], nil
	}
	if real := len(a) + target; real > 0 {
		return a[real], nil
	}
	return nil, &funcFailure{msg: fmt.Sprintf("Target index:%d larger than object count:%d", target, len(a))}
}

// numbersOf returns the numeric elements of a as doubles; Jayway's
// aggregate functions skip everything else.
func numbersOf(a []any) []float64 {
	var out []float64
	for _, e := range a {
		if f, ok := toFloat(e); ok {
			out = append(out, f)
		}
	}
	return out
}

// aggregate computes min, max, avg, stddev or sum of nums in doubles, as
// Jayway does, and returns the result formatted as Java prints a double.
func aggregate(fn funcKind, nums []float64) (any, *funcFailure) {
	if len(nums) == 0 {
		return nil, errEmptyAggregation
	}
	var r float64
	switch fn {
	case fnMin:
		r = math.MaxFloat64
		for _, n := range nums {
			r = math.Min(r, n)
		}
	case fnMax:
		r = -math.MaxFloat64
		for _, n := range nums {
			r = math.Max(r, n)
		}
	case fnSum, fnAvg:
		for _, n := range nums {
			r += n
		}
		if fn == fnAvg {
			r /= float64(len(nums))
		}
	case fnStddev:
		var sum, sumSq float64
		for _, n := range nums {
			sum += n
			sumSq += n * n
		}
		c := float64(len(nums))
		r = math.Sqrt(sumSq/c - sum*sum/c/c)
	}
	return doubleValue(r), nil
}

// doubleValue is a double result as Jackson writes it: a number, or the
// strings "NaN", "Infinity" and "-Infinity", which JSON cannot hold as
// numbers.
func doubleValue(f float64) any {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return javaDouble(f)
}

func lengthNumber(n int) any { return json.Number(strconv.Itoa(n)) }
