package stepfn

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// compactJSON is [jsonvalue.Compact] for messages and history: it cannot
// fail on the values the engine makes, and writes null if it does.
func compactJSON(v any) string {
	s, err := jsonvalue.Compact(v)
	if err != nil {
		return "null"
	}
	return s
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
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
				n++ // a two-character escape
			case c < 0x20:
				n += 5 // \u00XX
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			n += 5 // a byte that is not UTF-8 becomes \ufffd
		case r == '\u2028' || r == '\u2029':
			n += 3 // escaped as \u2028, six bytes for three
		}
		i += size
	}
	return n
}
