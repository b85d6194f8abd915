package stepfn

import (
	"bytes"
	"encoding/json"
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
	if _, err := dec.Token(); err == nil {
		return nil, &json.SyntaxError{Offset: dec.InputOffset()}
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
