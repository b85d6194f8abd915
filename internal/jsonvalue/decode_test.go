package jsonvalue

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want any
	}{
		{`null`, nil},
		{`true`, true},
		{`"a<b>&"`, "a<b>&"},
		{`1.50`, json.Number("1.50")}, // numbers keep their text
		{`-0`, json.Number("-0")},
		{`1e400`, json.Number("1e400")},
		{`[1,"x",null]`, []any{json.Number("1"), "x", nil}},
		{`{"a":{"b":[2]}}`, map[string]any{"a": map[string]any{"b": []any{json.Number("2")}}}},
		{" \t\n{} \r\n\t ", map[string]any{}}, // whitespace around the value
	}
	for _, tt := range tests {
		got, err := Decode([]byte(tt.in))
		if err != nil {
			t.Errorf("Decode(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Decode(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestDecodeTrailingData(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
	}{
		{`1 2`, "unexpected data after the JSON value at offset 3"},
		{`{}{}`, "unexpected data after the JSON value at offset 3"},
		{`[1]]`, "unexpected data after the JSON value at offset 3"},
		{`{"a":1}}`, "unexpected data after the JSON value at offset 7"},
		{`"a" ,`, "unexpected data after the JSON value at offset 4"},
		{`null x`, "unexpected data after the JSON value at offset 5"},
		{`01`, "unexpected data after the JSON value at offset 2"}, // a leading zero ends the number
	}
	for _, tt := range tests {
		v, err := Decode([]byte(tt.in))
		if !errors.Is(err, ErrTrailingData) {
			t.Errorf("Decode(%q) = %#v, %v; want ErrTrailingData", tt.in, v, err)
			continue
		}
		if v != nil || err.Error() != tt.want {
			t.Errorf("Decode(%q) = %#v, %q; want nil, %q", tt.in, v, err, tt.want)
		}
	}
}

func TestDecodeInvalid(t *testing.T) {
	t.Parallel()
	for _, in := range []string{``, `  `, `{a:1}`, `[1,`, `"open`, `tru`} {
		v, err := Decode([]byte(in))
		if err == nil || v != nil {
			t.Errorf("Decode(%q) = %#v, %v; want an error", in, v, err)
			continue
		}
		if errors.Is(err, ErrTrailingData) {
			t.Errorf("Decode(%q): %v; want encoding/json's error, not ErrTrailingData", in, err)
		}
	}
}
