package jsonpath

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// decimal is a number as Java's BigDecimal holds it: an unscaled integer
// (coeff, decimal digits without leading zeros, "0" for zero) times
// 10^-scale. Jayway compares filter numbers as BigDecimals, so comparing
// decimals (never floats) keeps 0.1 + 0.2-style rounding out of filters and
// makes 10 == 10.0 true.
type decimal struct {
	neg   bool
	coeff string
	scale int64
}

// maxScale bounds exponents: BigDecimal's scale is a Java int, and a bound
// keeps comparisons of numbers like 1e999999999999 cheap.
const maxScale = math.MaxInt32

// parseDecimal reads s with the grammar of Java's BigDecimal(String): an
// optional sign, digits with an optional point (at least one digit), and
// an optional exponent.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		d.neg = s[i] == '-'
		i++
	}
	var digits strings.Builder
	nDigits, frac := 0, int64(0)
	seenPoint := false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			nDigits++
			if seenPoint {
				frac++
			}
			if digits.Len() > 0 || c != '0' {
				digits.WriteByte(c)
			}
			continue
		case c == '.' && !seenPoint:
			seenPoint = true
			continue
		}
		break
	}
	if nDigits == 0 {
		return decimal{}, false
	}
	var exp int64
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return decimal{}, false
		}
		i++
		neg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			neg = s[i] == '-'
			i++
		}
		if i == len(s) || len(s)-i > 10 {
			return decimal{}, false
		}
		for ; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return decimal{}, false
			}
			exp = exp*10 + int64(s[i]-'0')
		}
		if neg {
			exp = -exp
		}
	}
	d.coeff = digits.String()
	if d.coeff == "" {
		d.coeff = "0"
	}
	d.scale = frac - exp
	if d.scale > maxScale || d.scale < -maxScale {
		return decimal{}, false
	}
	return d, true
}

// isZero reports whether d is zero.
func (d decimal) isZero() bool { return d.coeff == "0" }

// cmp compares d and e by value, as BigDecimal.compareTo does.
func (d decimal) cmp(e decimal) int {
	dz, ez := d.isZero(), e.isZero()
	switch {
	case dz && ez:
		return 0
	case dz:
		if e.neg {
			return 1
		}
		return -1
	case ez:
		if d.neg {
			return -1
		}
		return 1
	case d.neg != e.neg:
		if d.neg {
			return -1
		}
		return 1
	}
	c := cmpMagnitude(d, e)
	if d.neg {
		return -c
	}
	return c
}

// cmpMagnitude compares |d| and |e|, both non-zero.
func cmpMagnitude(d, e decimal) int {
	// With value = 0.c1c2... * 10^x, x = len(coeff) - scale.
	dx, ex := int64(len(d.coeff))-d.scale, int64(len(e.coeff))-e.scale
	if dx != ex {
		if dx < ex {
			return -1
		}
		return 1
	}
	a, b := strings.TrimRight(d.coeff, "0"), strings.TrimRight(e.coeff, "0")
	return strings.Compare(a, b) // same length prefix order is digit order
}

// String formats d as BigDecimal.toString does: plain notation when the
// scale is not negative and the adjusted exponent is at least -6, otherwise
// scientific notation such as "1E+3" or "1.5E-7". Jayway compares a string
// with a number by this text.
func (d decimal) String() string {
	var b strings.Builder
	if d.neg && !d.isZero() {
		b.WriteByte('-')
	}
	adjusted := -d.scale + int64(len(d.coeff)-1)
	switch {
	case d.scale == 0:
		b.WriteString(d.coeff)
	case d.scale > 0 && adjusted >= -6:
		n := int64(len(d.coeff))
		if n > d.scale {
			b.WriteString(d.coeff[:n-d.scale])
			b.WriteByte('.')
			b.WriteString(d.coeff[n-d.scale:])
		} else {
			b.WriteString("0.")
			b.WriteString(strings.Repeat("0", int(d.scale-n)))
			b.WriteString(d.coeff)
		}
	default:
		b.WriteByte(d.coeff[0])
		if len(d.coeff) > 1 {
			b.WriteByte('.')
			b.WriteString(d.coeff[1:])
		}
		b.WriteByte('E')
		if adjusted > 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.FormatInt(adjusted, 10))
	}
	return b.String()
}

// numberText returns the JSON text of v when v is a number: a json.Number
// as decoded with UseNumber, or a Go numeric type from a caller that built
// its document by hand.
func numberText(v any) (string, bool) {
	switch n := v.(type) {
	case json.Number:
		return string(n), true
	case float64:
		return strconv.FormatFloat(n, 'g', -1, 64), !math.IsNaN(n) && !math.IsInf(n, 0)
	case float32:
		f := float64(n)
		return strconv.FormatFloat(f, 'g', -1, 32), !math.IsNaN(f) && !math.IsInf(f, 0)
	case int:
		return strconv.Itoa(n), true
	case int64:
		return strconv.FormatInt(n, 10), true
	case int32:
		return strconv.FormatInt(int64(n), 10), true
	case uint64:
		return strconv.FormatUint(n, 10), true
	case uint:
		return strconv.FormatUint(uint64(n), 10), true
	}
	return "", false
}

// toFloat returns v as a float64 when v is a number, as Java's
// Number.doubleValue does for the aggregate functions.
func toFloat(v any) (float64, bool) {
	s, ok := numberText(v)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		// ParseFloat reports out-of-range values with ±Inf, as Java does.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// javaDouble formats f as Java's Double.toString (and so Jackson) prints a
// double: "6.0", "0.001", "1.0E7", "1.0E-4". Results of Jayway's numeric
// functions are doubles, so "$.a.sum()" of [1,2,3] is 6.0, not 6.
func javaDouble(f float64) json.Number {
	switch {
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	// Shortest digits that read back as f, as Java 19 and later print.
	e := strconv.FormatFloat(f, 'e', -1, 64) // "-d.ddde±xx"
	neg := e[0] == '-'
	if neg {
		e = e[1:]
	}
	if !strings.Contains(e, ".") {
		// Java picks, among the one- and two-digit decimals that read back
		// as f, the one closest to f: Double.MIN_VALUE is 4.9E-324, not
		// 5.0E-324.
		if two := strconv.FormatFloat(math.Abs(f), 'e', 1, 64); parsesTo(two, math.Abs(f)) {
			e = two
		}
	}
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.Replace(mant, ".", "", 1)
	if t := strings.TrimRight(digits, "0"); t != "" {
		digits = t
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	abs := math.Abs(f)
	if abs >= 1e-3 && abs < 1e7 {
		if exp >= 0 {
			intLen := exp + 1
			if len(digits) <= intLen {
				b.WriteString(digits)
				b.WriteString(strings.Repeat("0", intLen-len(digits)))
				b.WriteString(".0")
			} else {
				b.WriteString(digits[:intLen])
				b.WriteByte('.')
				b.WriteString(digits[intLen:])
			}
		} else {
			b.WriteString("0.")
			b.WriteString(strings.Repeat("0", -exp-1))
			b.WriteString(digits)
		}
		return json.Number(b.String())
	}
	b.WriteByte(digits[0])
	b.WriteByte('.')
	if len(digits) > 1 {
		b.WriteString(digits[1:])
	} else {
		b.WriteByte('0')
	}
	b.WriteByte('E')
	b.WriteString(strconv.Itoa(exp))
	return json.Number(b.String())
}

func parsesTo(s string, f float64) bool {
	g, err := strconv.ParseFloat(s, 64)
	return err == nil && g == f
}

// javaClass names the Java class Jayway's default JSON provider (json-smart)
// would hold v as; Jayway puts it in the message of a property step applied
// to a non-object.
func javaClass(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "java.lang.String"
	case bool:
		return "java.lang.Boolean"
	case []any:
		return "net.minidev.json.JSONArray"
	case map[string]any:
		return "net.minidev.json.JSONObject"
	}
	if s, ok := numberText(v); ok {
		if strings.ContainsAny(s, ".eE") {
			return "java.lang.Double"
		}
		n, err := strconv.ParseInt(s, 10, 64)
		switch {
		case err != nil:
			return "java.math.BigInteger"
		case n >= math.MinInt32 && n <= math.MaxInt32:
			return "java.lang.Integer"
		default:
			return "java.lang.Long"
		}
	}
	return "java.lang.Object"
}

// javaString renders v as Java's toString of json-smart's value would: a
// string as it is, anything else as compact JSON.
func javaString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	out, err := jsonvalue.Compact(v)
	if err != nil {
		return "?"
	}
	return out
}
