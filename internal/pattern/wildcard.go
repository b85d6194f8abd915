package pattern

import (
	"strconv"
	"strings"
)

// wildcard is a compiled wildcard pattern: the literal runs between its
// stars, unescaped, so that a pattern with n stars has n+1 parts (some
// empty). A star matches any run of characters, the empty one included,
// and the pattern is anchored at both ends.
type wildcard struct {
	parts []string
}

// parseWildcard compiles the text of a wildcard pattern the way
// event-ruler's WildcardParser reads it: "\*" is a literal star, "\\" a
// literal backslash, any other backslash is an error, and so are two stars
// in a row. Ruler parses the value with its JSON quotes around it, so the
// positions it reports are byte offsets in the UTF-8 text plus one.
func parseWildcard(text string) (wildcard, error) {
	var w wildcard
	var part strings.Builder
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '*':
			if i+1 < len(text) && text[i+1] == '*' {
				return wildcard{}, reject("Consecutive wildcard characters at pos " + strconv.Itoa(i+1))
			}
			w.parts = append(w.parts, part.String())
			part.Reset()
		case '\\':
			if i+1 < len(text) && (text[i+1] == '*' || text[i+1] == '\\') {
				i++
				part.WriteByte(text[i])
				continue
			}
			return wildcard{}, reject("Invalid escape character at pos " + strconv.Itoa(i+1))
		default:
			part.WriteByte(c)
		}
	}
	w.parts = append(w.parts, part.String())
	return w, nil
}

// literal returns the text the pattern matches when it has no star.
func (w *wildcard) literal() (string, bool) {
	if len(w.parts) == 1 {
		return w.parts[0], true
	}
	return "", false
}

// head and tail are the literal runs before the first star and after the
// last: every match starts with head and ends with tail.
func (w *wildcard) head() string { return w.parts[0] }
func (w *wildcard) tail() string { return w.parts[len(w.parts)-1] }

// match reports whether s matches the pattern. With only stars to place,
// taking each middle run at its leftmost occurrence is never wrong, so no
// backtracking is needed.
func (w *wildcard) match(s string) bool {
	if lit, ok := w.literal(); ok {
		return s == lit
	}
	head, tail := w.head(), w.tail()
	if len(s) < len(head)+len(tail) || !strings.HasPrefix(s, head) || !strings.HasSuffix(s, tail) {
		return false
	}
	middle := s[len(head) : len(s)-len(tail)]
	for _, p := range w.parts[1 : len(w.parts)-1] {
		i := strings.Index(middle, p)
		if i < 0 {
			return false
		}
		middle = middle[i+len(p):]
	}
	return true
}
