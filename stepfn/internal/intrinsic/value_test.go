package intrinsic

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// A resolver may hand back Go numbers rather than json.Number.
func TestGoNumbersFromResolver(t *testing.T) {
	t.Parallel()
	vals := map[string]any{"$.f": 2.5, "$.i": 3, "$.i64": int64(-4), "$.arr": []any{1.0, int32(2), uint64(3), float32(0.5)}}
	resolve := func(p string) (any, error) { return vals[p], nil }
	tests := []struct{ call, want string }{
		{"States.MathAdd($.f, $.i)", `6`},
		{"States.MathAdd($.i64, 0)", `-4`},
		{"States.ArrayContains($.arr, 2)", `true`},
		{"States.ArrayContains($.arr, 0.5)", `true`},
		{"States.ArrayUnique(States.Array($.i, 3, 3.0))", `[3]`},
		{"States.ArrayGetItem($.arr, $.i)", `0.5`},
		{"States.Format('{} {} {}', $.f, $.i, $.arr)", `"2.5 3 [1, 2, 3, 0.5]"`},
	}
	for _, tt := range tests {
		c, err := Parse(tt.call)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.Eval(resolve, Env{})
		if err != nil {
			t.Fatalf("Eval(%q): %v", tt.call, err)
		}
		if g := mustJSON(t, got); g != tt.want {
			t.Errorf("Eval(%q) = %s, want %s", tt.call, g, tt.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	t.Parallel()
	same := [][]string{
		{"1", "1.0", "1e0", "10e-1", "0.1e1", "1.000E+0"},
		{"0", "-0", "0.0", "0e5", "-0.0e-3"},
		{"-25", "-2.5e1", "-250e-1"},
		{"123456789012345678901234567890", "1.2345678901234567890123456789e29"},
	}
	for _, group := range same {
		for _, s := range group {
			if key(json.Number(s)) != key(json.Number(group[0])) {
				t.Errorf("%s and %s differ", s, group[0])
			}
		}
	}
	for _, pair := range [][2]string{{"1", "-1"}, {"1", "1.0000000000000000000001"}, {"1e2", "1e3"}, {"0.1", "1"}} {
		if key(json.Number(pair[0])) == key(json.Number(pair[1])) {
			t.Errorf("%s and %s are equal", pair[0], pair[1])
		}
	}
	for _, bad := range []string{"1e99999999999999999999", "x", "", "-", "1e"} {
		if _, ok := parseDecimal(bad); ok {
			t.Errorf("parseDecimal(%q) succeeded", bad)
		}
	}
	for s, want := range map[string]int64{"3": 3, "3.0": 3, "30e-1": 3, "-2e1": -20, "0e9": 0} {
		if got, ok := exactInt(json.Number(s)); !ok || got != want {
			t.Errorf("exactInt(%s) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"3.5", "1e19", "99999999999999999999"} {
		if _, ok := exactInt(json.Number(s)); ok {
			t.Errorf("exactInt(%s) succeeded", s)
		}
	}
}

func TestErrorsAndNames(t *testing.T) {
	t.Parallel()
	c, err := Parse("States.ArrayLength($.a)")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name() != "States.ArrayLength" {
		t.Errorf("Name() = %q", c.Name())
	}
	long := strings.Repeat("é", 200)
	_, err = c.Eval(func(string) (any, error) { return long, nil }, Env{})
	var ie *Error
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v", err)
	}
	if !strings.HasPrefix(err.Error(), "States.IntrinsicFailure: Invalid arguments in States.ArrayLength: argument 1 must be an array, but got \"ééé") {
		t.Errorf("Error() = %q", err.Error())
	}
	if !strings.HasSuffix(ie.Cause, "...") || len(ie.Cause) > 200 {
		t.Errorf("long value not cut short: %q", ie.Cause)
	}
}
