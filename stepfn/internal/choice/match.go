package choice

import "strings"

// pattern is a compiled StringMatches operand: the literal runs between
// its unescaped * wildcards. A pattern without a wildcard has one part.
type pattern struct {
	parts []string
	// openEscape records a pattern that ends in an unpaired backslash;
	// matching it is a runtime error.
	openEscape bool
	text       string
}

// compilePattern splits a StringMatches operand (as decoded from JSON) on
// its wildcards. \* is a literal *, \\ a literal \, and a backslash before
// any other character stands for that character.
func compilePattern(s string) *pattern {
	p := &pattern{text: s}
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 == len(s) {
				p.openEscape = true
				break
			}
			i++
			lit.WriteByte(s[i])
		case '*':
			p.parts = append(p.parts, lit.String())
			lit.Reset()
		default:
			lit.WriteByte(c)
		}
	}
	p.parts = append(p.parts, lit.String())
	return p
}

// match reports whether the whole of s matches the pattern. Literal parts
// are whole UTF-8 sequences, so matching bytes matches characters.
func (p *pattern) match(s string) bool {
	parts := p.parts
	if len(parts) == 1 {
		return s == parts[0]
	}
	first, last := parts[0], parts[len(parts)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	// Between the anchored ends, the leftmost occurrence of each middle
	// part leaves the most room for the next: greedy is exact for *.
	mid := s[len(first) : len(s)-len(last)]
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(mid, part)
		if i < 0 {
			return false
		}
		mid = mid[i+len(part):]
	}
	return true
}

// openEscapeError is the runtime error for matching a pattern that ends in
// an unpaired backslash.
func (p *pattern) openEscapeError() *RuntimeError {
	return &RuntimeError{
		Name:  ErrorRuntime,
		Cause: "The StringMatches pattern '" + p.text + "' ends with an open escape: a trailing '\\' must be written '\\\\'.",
	}
}
