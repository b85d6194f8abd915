package jsonvalue

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestCompact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    any
		want string
	}{
		{nil, `null`},
		{true, `true`},
		{"", `""`},
		{"<a href='x'>&amp;</a>", `"<a href='x'>&amp;</a>"`}, // HTML characters kept unescaped
		{"a\"b\\c\n\u0001é😀", `"a\"b\\c\n\u0001é😀"`},
		{"\u2028", `"\u2028"`},
		{json.Number("1.50"), `1.50`},
		{[]any{}, `[]`},
		{map[string]any{}, `{}`},
		{[]any{json.Number("1"), "x", nil, map[string]any{"k": []any{true}}}, `[1,"x",null,{"k":[true]}]`},
		{map[string]any{"b": "<", "a": map[string]any{"d": 1, "c": 2}}, `{"a":{"c":2,"d":1},"b":"<"}`}, // keys sorted
		{map[string]any{"s": " x \n"}, `{"s":" x \n"}`},
	}
	for _, tt := range tests {
		got, err := Compact(tt.v)
		if err != nil {
			t.Errorf("Compact(%#v): %v", tt.v, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Compact(%#v) = %s, want %s", tt.v, got, tt.want)
		}
		if strings.HasSuffix(got, "\n") {
			t.Errorf("Compact(%#v) ends with a newline", tt.v)
		}
	}
}

func TestCompactError(t *testing.T) {
	t.Parallel()
	for _, v := range []any{math.NaN(), math.Inf(1), func() {}, []any{make(chan int)}, json.Number("x")} {
		if got, err := Compact(v); err == nil || got != "" {
			t.Errorf("Compact(%#v) = %q, %v; want \"\" and an error", v, got, err)
		}
	}
}

// TestDecodeCompact checks that a decoded value compacts to its text
// without whitespace, numbers as written and keys sorted.
func TestDecodeCompact(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`{ "b" : [ 1.0 , -0 , "<&>" ] , "a" : null }`, `{"a":null,"b":[1.0,-0,"<&>"]}`},
		{` "x" `, `"x"`},
		{"[\n]", `[]`},
	}
	for _, tt := range tests {
		v, err := Decode([]byte(tt.in))
		if err != nil {
			t.Fatalf("Decode(%q): %v", tt.in, err)
		}
		if got, err := Compact(v); err != nil || got != tt.want {
			t.Errorf("Compact(Decode(%q)) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}
