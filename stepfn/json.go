package stepfn

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// decodeJSON decodes JSON text into the values the engine works on: nil,
// bool, string, json.Number (numbers keep their text), []any and
// map[string]any. It refuses trailing data.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("unexpected data after the JSON value at offset %d", dec.InputOffset())
	}
	return v, nil
}

// encodeJSON encodes a value compactly, without HTML escaping, as Step
// Functions writes JSON.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// compactJSON is encodeJSON for messages: it cannot fail on the values
// the engine makes.
func compactJSON(v any) string {
	b, err := encodeJSON(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

func itoa(i int) string { return strconv.Itoa(i) }

// sizeOver reports whether v's compact JSON encoding is longer than limit
// bytes. It walks v without encoding it and stops as soon as the answer
// is yes, so that checking every state's output costs little.
func sizeOver(v any, limit int) bool {
	n := 0
	var walk func(v any) bool
	walk = func(v any) bool {
		switch v := v.(type) {
		case nil:
			n += 4
		case bool:
			n += 5
			if v {
				n--
			}
		case json.Number:
			n += len(v)
		case string:
			n += quotedLen(v)
		case []any:
			n += 2 + max(len(v)-1, 0) // brackets and commas
			for _, x := range v {
				if walk(x) {
					return true
				}
			}
		case map[string]any:
			n += 2 + max(len(v)-1, 0)
			for k, x := range v {
				n += quotedLen(k) + 1
				if walk(x) {
					return true
				}
			}
		default:
			n += len(compactJSON(v))
		}
		return n > limit
	}
	return walk(v) || n > limit
}

// quotedLen is the length of s as a JSON string without HTML escaping.
func quotedLen(s string) int {
	n := 2 + len(s)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t':
			n++
		case c < 0x20:
			n += 5
		}
	}
	return n
}
