package firehoseapi

import (
	"encoding/json"
	"strings"
)

// parseQuery reads a MetadataExtractionQuery — a jq object construction
// such as {customer_id: .customer.id, "region": .region} or the shorthand
// {region} — into partition key names and their jq paths. The paths are
// left for the engine to parse, which knows the jq it evaluates (plain
// field and index paths); anything else fails there.
func parseQuery(q string) (map[string]string, error) {
	body := strings.TrimSpace(q)
	if len(body) < 2 || body[0] != '{' || body[len(body)-1] != '}' {
		return nil, badQuery(q, "it is not a jq object construction {key: .path, …}")
	}
	entries := splitTopLevel(body[1:len(body)-1], ',')
	keys := make(map[string]string, len(entries))
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			return nil, badQuery(q, "it has an empty entry")
		}
		parts := splitTopLevel(e, ':')
		name, path := strings.TrimSpace(parts[0]), ""
		switch len(parts) {
		case 1: // {name} is {name: .name}
			path = "." + name
		case 2:
			path = strings.TrimSpace(parts[1])
		default:
			return nil, badQuery(q, "an entry has more than one ':'")
		}
		key, ok := queryKey(name)
		if !ok || path == "" {
			return nil, badQuery(q, "the entry "+e+" is not key: .path")
		}
		keys[key] = path
	}
	return keys, nil
}

// queryKey reads an object key: an identifier, or a JSON string.
func queryKey(s string) (string, bool) {
	if strings.HasPrefix(s, `"`) {
		var k string
		if err := json.Unmarshal([]byte(s), &k); err != nil || k == "" {
			return "", false
		}
		return k, true
	}
	if s == "" {
		return "", false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return "", false
		}
	}
	return s, true
}

// splitTopLevel splits s at each sep that is outside quotes, brackets
// and parentheses.
func splitTopLevel(s string, sep byte) []string {
	var parts []string
	depth, start := 0, 0
	inString, escaped := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '(' || c == '{':
			depth++
		case c == ']' || c == ')' || c == '}':
			depth--
		case c == sep && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func badQuery(q, why string) error {
	return invalid("MetadataExtractionQuery %q cannot be evaluated: %s.", q, why)
}
