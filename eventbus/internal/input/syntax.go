package input

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxSourceSnippet is how much of the text Jackson quotes in a location.
const maxSourceSnippet = 500

// syntaxErrorLocation returns "" when text is one JSON value, and
// otherwise where parsing failed, written as Jackson writes a location
// (AWS quotes it after "JSON syntax error in input for target <id>: "):
// [Source: (String)"env:dev"; line: 1, column: 1]. The line and column are
// where Go's parser stopped, which may be a few characters before Jackson's.
func syntaxErrorLocation(text string) string {
	var raw json.RawMessage
	err := json.Unmarshal([]byte(text), &raw)
	if err == nil {
		return ""
	}
	offset := len(text)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = min(max(int(se.Offset), 0), len(text))
	}
	// Jackson counts lines from 1 and columns in characters from 1.
	before := text[:offset]
	line := 1 + strings.Count(before, "\n")
	column := max(utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]), 1)

	var b strings.Builder
	b.WriteString(`[Source: (String)"`)
	if n := javaLen(text); n > maxSourceSnippet {
		b.WriteString(javaPrefix(text, maxSourceSnippet))
		b.WriteString(`"[truncated `)
		b.WriteString(strconv.Itoa(n - maxSourceSnippet))
		b.WriteString(` chars]`)
	} else {
		b.WriteString(text)
		b.WriteByte('"')
	}
	b.WriteString("; line: ")
	b.WriteString(strconv.Itoa(line))
	b.WriteString(", column: ")
	b.WriteString(strconv.Itoa(column))
	b.WriteByte(']')
	return b.String()
}

// javaPrefix returns the longest prefix of s that is at most n UTF-16
// units long.
func javaPrefix(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}
