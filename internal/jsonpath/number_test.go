package jsonpath

import (
	"encoding/json"
	"math"
	"testing"
)

func TestDecimal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		text string // BigDecimal.toString
	}{
		{"10", "10"},
		{"10.0", "10.0"},
		{"1e1", "1E+1"},
		{"1.5E-7", "1.5E-7"},
		{"0.000001", "0.000001"},
		{"0.0000001", "1E-7"},
		{"-0.00", "0.00"},
		{"+3", "3"},
		{".5", "0.5"},
		{"1.", "1"},
		{"123.450", "123.450"},
		{"1.23e2", "123"},
		{"12e-1", "1.2"},
		{"-1e3", "-1E+3"},
		{"007", "7"},
	}
	for _, tt := range tests {
		d, ok := parseDecimal(tt.in)
		if !ok || d.String() != tt.text {
			t.Errorf("parseDecimal(%q) = %q, %v; want %q", tt.in, d.String(), ok, tt.text)
		}
	}
	for _, bad := range []string{"", "-", ".", "e5", "1e", "1e+", "1.2.3", "1x", "--1", "1e99999999999", "0x10", " 1"} {
		if _, ok := parseDecimal(bad); ok {
			t.Errorf("parseDecimal(%q) succeeded", bad)
		}
	}
	order := []string{"-1e3", "-10", "-9.99", "-0.1", "0", "1e-7", "0.5", "1", "1.0", "1.01", "9", "10", "1e1", "1e2", "1e300"}
	for i, a := range order {
		for j, b := range order {
			da, _ := parseDecimal(a)
			db, _ := parseDecimal(b)
			want := 0
			switch {
			case i < j && !sameValue(a, b):
				want = -1
			case i > j && !sameValue(a, b):
				want = 1
			}
			if got := da.cmp(db); got != want {
				t.Errorf("cmp(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func sameValue(a, b string) bool {
	eq := map[string]string{"1": "1.0", "1.0": "1", "10": "1e1", "1e1": "10"}
	return a == b || eq[a] == b
}

func TestJavaDouble(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f    float64
		want string
	}{
		{6, "6.0"}, {0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {1.5, "1.5"}, {-2.25, "-2.25"},
		{0.001, "0.001"}, {0.0001, "1.0E-4"}, {1234567, "1234567.0"}, {1e7, "1.0E7"},
		{12345678.9, "1.23456789E7"}, {1.0 / 3, "0.3333333333333333"}, {73.87, "73.87"},
		{1e21, "1.0E21"}, {math.MaxFloat64, "1.7976931348623157E308"}, {5e-324, "4.9E-324"},
	}
	for _, tt := range tests {
		if got := javaDouble(tt.f); string(got) != tt.want {
			t.Errorf("javaDouble(%v) = %s, want %s", tt.f, got, tt.want)
		}
	}
	if doubleValue(math.NaN()) != "NaN" || doubleValue(math.Inf(-1)) != "-Infinity" {
		t.Error("doubleValue of NaN or -Inf")
	}
}

func TestJavaUnescape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`plain`, "plain"},
		{`a\'b`, "a'b"},
		{`\"\\\/`, `"\/`},
		{`\b\f\n\r\t`, "\b\f\n\r\t"},
		{`\q`, "q"},
		{`end\`, `end\`},
		{`\u00e9`, "é"},
		{`\ud83d\ude00`, "😀"},
		{`\ud83d`, "\ufffd"},
		{`\ude00x`, "\ufffdx"},
		{`\ud83dx`, "\ufffdx"},
	}
	for _, tt := range tests {
		if got, ok := javaUnescape(tt.in); !ok || got != tt.want {
			t.Errorf("javaUnescape(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{`\u12`, `\uzzzz`, `\u+123`} {
		if _, ok := javaUnescape(bad); ok {
			t.Errorf("javaUnescape(%q) succeeded", bad)
		}
	}
}

func TestJavaClass(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    any
		want string
	}{
		{nil, "null"}, {"s", "java.lang.String"}, {true, "java.lang.Boolean"}, {[]any{}, "net.minidev.json.JSONArray"},
		{json.Number("1"), "java.lang.Integer"}, {json.Number("3000000000"), "java.lang.Long"},
		{json.Number("99999999999999999999"), "java.math.BigInteger"}, {json.Number("1.5"), "java.lang.Double"},
		{json.Number("1e3"), "java.lang.Double"},
	}
	for _, tt := range tests {
		if got := javaClass(tt.v); got != tt.want {
			t.Errorf("javaClass(%#v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}
