package choice

import (
	"encoding/json"
	"strconv"
)

// number returns v as a binary64 value if v is a JSON number: a
// json.Number in JSON's grammar, or a float64, int or int64 (what callers
// that decode without UseNumber, or build values in Go, hold). Magnitudes
// beyond binary64 become ±Inf, as Java's Double.parseDouble makes them.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		if !isJSONNumber(string(n)) {
			return 0, false
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil && !isRangeError(err) {
			return 0, false
		}
		return f, true
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

func isRangeError(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// isJSONNumber reports whether s is a number in JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i == len(s) || !isDigit(s[i]) {
			return false
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i == len(s) || !isDigit(s[i]) {
			return false
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// compareNumbers returns -1, 0 or +1 as a is less than, equal to or
// greater than b, or unordered if either is NaN (which JSON cannot carry
// but a float64 can).
func compareNumbers(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case a == b:
		return 0
	}
	return unordered
}
