package intrinsic

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// States.Format(template, values…) replaces each {} in the template with the
// next value, printed as Java prints it.
func evalFormat(c *Call, args []any, _ Env) (any, error) {
	tpl := formatTemplate(c, args)
	holes, msg := scanTemplate(tpl, nil, nil)
	if msg != "" {
		return nil, failf(c.fn.name, "%s", msg)
	}
	if holes != len(args)-1 {
		return nil, failf(c.fn.name, "the template has %d placeholder%s but %d value%s follow it",
			holes, plural(holes), len(args)-1, plural(len(args)-1))
	}
	var b strings.Builder
	next := 1
	scanTemplate(tpl, func(s string) { b.WriteString(s) }, func() {
		writeJava(&b, args[next])
		next++
	})
	return b.String(), nil
}

// formatTemplate returns the template of a Format call: a literal as
// written, escapes included, since an escaped brace is not a placeholder;
// otherwise the string value.
func formatTemplate(c *Call, args []any) string {
	if a := c.args[0]; a.kind == argLiteral {
		return a.raw
	}
	return args[0].(string)
}

// formatStatic checks a literal template when the state machine is defined.
func formatStatic(c *Call) string {
	a := c.args[0]
	if a.kind != argLiteral {
		return ""
	}
	holes, msg := scanTemplate(a.raw, nil, nil)
	if msg != "" {
		return msg
	}
	if holes != len(c.args)-1 {
		return "the template of States.Format has " + strconv.Itoa(holes) + " placeholder" + plural(holes) +
			" but " + strconv.Itoa(len(c.args)-1) + " value" + plural(len(c.args)-1) + " follow it"
	}
	return ""
}

// scanTemplate walks a Format template, calling text for literal text and
// hole for each {}; either may be nil. It returns the number of
// placeholders, or a message when a brace is unmatched. \', \{, \} and \\
// stand for the character; a backslash before anything else is kept.
func scanTemplate(tpl string, text func(string), hole func()) (int, string) {
	holes := 0
	start := 0
	flush := func(end int) {
		if text != nil && end > start {
			text(tpl[start:end])
		}
	}
	for i := 0; i < len(tpl); {
		switch tpl[i] {
		case '\\':
			if i+1 < len(tpl) && strings.IndexByte(`'{}\`, tpl[i+1]) >= 0 {
				flush(i)
				start = i + 1 // the escaped character starts the next run of text
				i += 2
				continue
			}
			i++
		case '{':
			if i+1 >= len(tpl) || tpl[i+1] != '}' {
				return 0, "Invalid template in States.Format: matching '}' not found for '{'."
			}
			flush(i)
			if hole != nil {
				hole()
			}
			holes++
			i += 2
			start = i
		case '}':
			return 0, "Invalid template in States.Format: matching '{' not found for '}'."
		default:
			i++
		}
	}
	flush(len(tpl))
	return holes, ""
}

// writeJava prints v as Java's toString prints the values AWS holds:
// strings without quotes, objects as {key=value, …}, arrays as [a, b].
func writeJava(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case json.Number:
		b.WriteString(string(v))
	case []any:
		b.WriteByte('[')
		for i, item := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJava(b, item)
		}
		b.WriteByte(']')
	case map[string]any:
		b.WriteByte('{')
		for i, k := range slices.Sorted(maps.Keys(v)) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(k)
			b.WriteByte('=')
			writeJava(b, v[k])
		}
		b.WriteByte('}')
	default:
		if n, ok := toNumber(v); ok {
			b.WriteString(string(n))
			return
		}
		b.WriteString(describe(v))
	}
}

// States.StringSplit(string, delimiters) splits on every character of the
// delimiter string and drops empty pieces, as Java's StringTokenizer does.
func evalStringSplit(_ *Call, args []any, _ Env) (any, error) {
	s, delims := args[0].(string), args[1].(string)
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(delims, r) })
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, nil
}
