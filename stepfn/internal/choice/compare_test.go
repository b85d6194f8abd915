package choice

import (
	"encoding/json"
	"math"
	"testing"
	"unicode/utf16"
)

// javaCompare is Java's String.compareTo restated: compare UTF-16 code
// units, then lengths.
func javaCompare(a, b string) int {
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			if ua[i] < ub[i] {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(ua) < len(ub):
		return -1
	case len(ua) > len(ub):
		return 1
	}
	return 0
}

func TestCompareStrings(t *testing.T) {
	strs := []string{"", "a", "A", "ab", "abc", "b", "é", "\uE000", "\uFF01", "\uFFFD", "\U0001F600", "\U0001F601", "\U00010000", "a\U0001F600", "a\uFF01", "\x00", "日本"}
	for _, a := range strs {
		for _, b := range strs {
			if got, want := compareStrings(a, b), javaCompare(a, b); got != want {
				t.Errorf("compareStrings(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func FuzzCompareStrings(f *testing.F) {
	f.Add("\U0001F600", "\uFF01")
	f.Add("abc", "ab")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := compareStrings(a, b), javaCompare(a, b); got != want {
			t.Fatalf("compareStrings(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		v    any
		want float64
		ok   bool
	}{
		{json.Number("0"), 0, true},
		{json.Number("-0"), 0, true},
		{json.Number("2.22"), 2.22, true},
		{json.Number("1E+2"), 100, true},
		{json.Number("1e-400"), 0, true},
		{json.Number("1e400"), math.Inf(1), true},
		{json.Number("-1e400"), math.Inf(-1), true},
		{json.Number(""), 0, false},
		{json.Number("-"), 0, false},
		{json.Number("01"), 0, false},
		{json.Number("1."), 0, false},
		{json.Number(".5"), 0, false},
		{json.Number("1e"), 0, false},
		{json.Number("+1"), 0, false},
		{json.Number("Inf"), 0, false},
		{json.Number("NaN"), 0, false},
		{json.Number("0x10"), 0, false},
		{json.Number("1_000"), 0, false},
		{float64(1.5), 1.5, true},
		{int(3), 3, true},
		{int64(-3), -3, true},
		{"1", 0, false},
		{true, 0, false},
		{nil, 0, false},
	} {
		got, ok := number(c.v)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("number(%#v) = %v, %v; want %v, %v", c.v, got, ok, c.want, c.ok)
		}
	}
}

func TestCompareNumbersNaN(t *testing.T) {
	nan := math.NaN()
	for _, rel := range []relation{relEquals, relLessThan, relGreaterThan, relLessThanEquals, relGreaterThanEquals} {
		if rel.holds(compareNumbers(nan, 1)) || rel.holds(compareNumbers(1, nan)) {
			t.Errorf("relation %d holds for NaN", rel)
		}
	}
}
