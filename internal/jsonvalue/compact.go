package jsonvalue

import (
	"encoding/json"
	"strings"
)

// Compact writes v as compact JSON, as Step Functions and SNS write it:
// without HTML escaping (<, > and & stay as they are) and without the
// newline json.Encoder adds. Object keys come out sorted. It fails only
// for values JSON cannot hold, such as a NaN float64 or a func.
func Compact(v any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}
