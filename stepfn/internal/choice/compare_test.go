package choice

import (
	"encoding/json"
	"math"
	"testing"
)

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
