package intrinsic

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// toNumber returns v as a JSON number. Besides json.Number it accepts the
// Go numeric types, in case a resolver hands one back.
func toNumber(v any) (json.Number, bool) {
	switch n := v.(type) {
	case json.Number:
		return n, true
	case float64:
		if math.IsInf(n, 0) || math.IsNaN(n) {
			return "", false
		}
		return json.Number(strconv.FormatFloat(n, 'g', -1, 64)), true
	case float32:
		return toNumber(float64(n))
	case int:
		return json.Number(strconv.Itoa(n)), true
	case int64:
		return json.Number(strconv.FormatInt(n, 10)), true
	case int32:
		return json.Number(strconv.FormatInt(int64(n), 10)), true
	case uint64:
		return json.Number(strconv.FormatUint(n, 10)), true
	}
	return "", false
}

// isIntegerLiteral reports whether s is written without a fraction or an
// exponent.
func isIntegerLiteral(s string) bool {
	return !strings.ContainsAny(s, ".eE")
}

// javaRound rounds n to the nearest integer, halves going up towards
// positive infinity as Java's Math.round does (-2.5 becomes -2). It fails
// when the result does not fit in an int64.
func javaRound(n json.Number) (int64, bool) {
	s := string(n)
	if isIntegerLiteral(s) {
		i, err := strconv.ParseInt(s, 10, 64)
		return i, err == nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	r := math.Floor(f)
	if f-r >= 0.5 {
		r++
	}
	if r < -(1<<63) || r >= 1<<63 {
		return 0, false
	}
	return int64(r), true
}

// decimal is a number as digits × 10^exp, with no leading or trailing zero
// in digits; zero has no digits. Two JSON numbers are equal in value
// exactly when their decimals are equal.
type decimal struct {
	neg    bool
	digits string
	exp    int64
}

// parseDecimal reads a JSON number. It fails on text that is not one, or
// whose exponent does not fit in an int64.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	if strings.HasPrefix(s, "-") {
		d.neg = true
		s = s[1:]
	}
	mant, exp, hasExp := strings.Cut(s, "e")
	if !hasExp {
		mant, exp, hasExp = strings.Cut(s, "E")
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	if intPart == "" || !allDigits(intPart) || !allDigits(frac) {
		return decimal{}, false
	}
	if hasExp {
		e, err := strconv.ParseInt(exp, 10, 64)
		if err != nil {
			return decimal{}, false
		}
		d.exp = e
	}
	digits := intPart + frac
	if d.exp < math.MinInt64+int64(len(frac)) {
		return decimal{}, false
	}
	d.exp -= int64(len(frac))
	digits = strings.TrimLeft(digits, "0")
	trimmed := strings.TrimRight(digits, "0")
	if d.exp > math.MaxInt64-int64(len(digits)-len(trimmed)) {
		return decimal{}, false
	}
	d.exp += int64(len(digits) - len(trimmed))
	d.digits = trimmed
	if d.digits == "" {
		return decimal{}, true // zero, whatever its sign and exponent
	}
	return d, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// exactInt returns n as an int64 when n is an integer in range, whatever
// way it is written (3, 3.0, 3e0, 30e-1).
func exactInt(n json.Number) (int64, bool) {
	d, ok := parseDecimal(string(n))
	if !ok || d.exp < 0 {
		return 0, false
	}
	if d.digits == "" {
		return 0, true
	}
	if int64(len(d.digits))+d.exp > 19 {
		return 0, false
	}
	s := d.digits + strings.Repeat("0", int(d.exp))
	if d.neg {
		s = "-" + s
	}
	i, err := strconv.ParseInt(s, 10, 64)
	return i, err == nil
}

// key writes v in a form that is equal for two values exactly when they are
// deeply equal: numbers by value, objects whatever their key order.
func key(v any) string {
	var b strings.Builder
	writeKey(&b, v)
	return b.String()
}

func writeKey(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteByte('N')
	case bool:
		if v {
			b.WriteByte('T')
		} else {
			b.WriteByte('F')
		}
	case string:
		writeKeyString(b, v)
	case []any:
		b.WriteByte('[')
		for _, item := range v {
			writeKey(b, item)
		}
		b.WriteByte(']')
	case map[string]any:
		b.WriteByte('{')
		for _, k := range slices.Sorted(maps.Keys(v)) {
			writeKeyString(b, k)
			writeKey(b, v[k])
		}
		b.WriteByte('}')
	default:
		n, ok := toNumber(v)
		if !ok {
			fmt.Fprintf(b, "?%T:%v;", v, v)
			return
		}
		d, ok := parseDecimal(string(n))
		if !ok { // not comparable by value: compare as written
			b.WriteByte('#')
			writeKeyString(b, string(n))
			return
		}
		b.WriteByte('D')
		if d.neg {
			b.WriteByte('-')
		}
		b.WriteString(d.digits)
		b.WriteByte('e')
		b.WriteString(strconv.FormatInt(d.exp, 10))
		b.WriteByte(';')
	}
}

func writeKeyString(b *strings.Builder, s string) {
	b.WriteByte('S')
	b.WriteString(strconv.Itoa(len(s)))
	b.WriteByte(':')
	b.WriteString(s)
}

// describe writes v for an error message, cut short when long.
func describe(v any) string {
	s, err := jsonvalue.Compact(v)
	if err != nil {
		s = fmt.Sprintf("%v", v)
	}
	const limit = 100
	if len(s) > limit {
		cut := limit
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xc0 != 0x80 }
