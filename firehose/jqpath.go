package firehose

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// jqPath is the part of jq a MetadataExtractionQuery uses to pick a plain
// field: a chain of .name, ."quoted name", .["quoted name"] and [index]
// steps from the record's root, such as .customer.id or .tags[0].
type jqPath []jqStep

// jqStep is one step: into an object by name, or into an array by index.
type jqStep struct {
	name    string
	index   int
	isIndex bool
}

// errJQSyntax is the cause of every query that does not parse.
var errJQSyntax = errors.New("not a jq path of the form .name, .\"name\", .[\"name\"] or .[index]")

// parseJQPath parses a query such as ".customer.id".
func parseJQPath(q string) (jqPath, error) {
	q = strings.TrimSpace(q)
	if q == "" || q[0] != '.' {
		return nil, errJQSyntax
	}
	var p jqPath
	for i := 0; i < len(q); {
		switch {
		case q[i] == '.' && i+1 < len(q) && q[i+1] == '[':
			i++ // .[…] is […]
		case q[i] == '.' && i+1 < len(q) && q[i+1] == '"':
			name, n, err := jqString(q[i+1:])
			if err != nil {
				return nil, err
			}
			p = append(p, jqStep{name: name})
			i += 1 + n
		case q[i] == '.':
			n := identLen(q[i+1:])
			if n == 0 {
				return nil, errJQSyntax
			}
			p = append(p, jqStep{name: q[i+1 : i+1+n]})
			i += 1 + n
		case q[i] == '[':
			end := strings.IndexByte(q[i:], ']')
			if end < 0 {
				return nil, errJQSyntax
			}
			inner := q[i+1 : i+end]
			if strings.HasPrefix(inner, `"`) {
				name, n, err := jqString(inner)
				if err != nil || n != len(inner) {
					return nil, errJQSyntax
				}
				p = append(p, jqStep{name: name})
			} else {
				idx, err := strconv.Atoi(inner)
				if err != nil || idx < 0 {
					return nil, errJQSyntax
				}
				p = append(p, jqStep{index: idx, isIndex: true})
			}
			i += end + 1
		default:
			return nil, errJQSyntax
		}
	}
	if len(p) == 0 {
		return nil, errJQSyntax
	}
	return p, nil
}

// identLen returns the length of the jq identifier s starts with.
func identLen(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return i
		}
	}
	return len(s)
}

// jqString reads the JSON string literal s starts with and returns its
// value and length.
func jqString(s string) (string, int, error) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			var v string
			if err := json.Unmarshal([]byte(s[:i+1]), &v); err != nil {
				return "", 0, errJQSyntax
			}
			return v, i + 1, nil
		}
	}
	return "", 0, errJQSyntax
}

// lookup returns the value the path names in doc as partition key text:
// a string as it is, a number as written, a boolean as true or false.
// Anything else — missing, null, an empty string, an object, an array —
// cannot be a key.
func (p jqPath) lookup(doc any) (string, bool) {
	v := doc
	for _, s := range p {
		switch c := v.(type) {
		case map[string]any:
			if s.isIndex {
				return "", false
			}
			v = c[s.name]
		case []any:
			if !s.isIndex || s.index >= len(c) {
				return "", false
			}
			v = c[s.index]
		default:
			return "", false
		}
	}
	switch v := v.(type) {
	case string:
		return v, v != ""
	case json.Number:
		return v.String(), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}
