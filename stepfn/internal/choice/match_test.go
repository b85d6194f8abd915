package choice

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// refMatch restates StringMatches as a regular expression, independently
// of compilePattern: * is .*, a backslash quotes the next character.
func refMatch(pat, s string) (matched, openEscape bool) {
	var re strings.Builder
	re.WriteString(`(?s)\A`)
	escaped := false
	for _, r := range pat {
		switch {
		case escaped:
			re.WriteString(regexp.QuoteMeta(string(r)))
			escaped = false
		case r == '\\':
			escaped = true
		case r == '*':
			re.WriteString(`.*`)
		default:
			re.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	if escaped {
		return false, true
	}
	re.WriteString(`\z`)
	return regexp.MustCompile(re.String()).MatchString(s), false
}

func TestPattern(t *testing.T) {
	for _, c := range []struct {
		pat, s string
	}{
		{"*.log", "zebra.log"}, {"foo*.log", "foo23.log"}, {"foo*.*", "foobar.zebra"},
		{"a*b*c", "abc"}, {"a*b*c", "acb"}, {"ab*ba", "aba"}, {"*", ""}, {"**", "x"},
		{`a\*c`, "a*c"}, {`a\*c`, "abc"}, {`a\\*`, `a\bc`}, {`\a`, "a"}, {`x\`, "x"},
		{"*a*a*a", "aaaa"}, {"*ab", "aab"}, {"ab*", "a"},
	} {
		p := compilePattern(c.pat)
		want, open := refMatch(c.pat, c.s)
		if p.openEscape != open {
			t.Errorf("compilePattern(%q).openEscape = %v, want %v", c.pat, p.openEscape, open)
			continue
		}
		if !open && p.match(c.s) != want {
			t.Errorf("%q matches %q = %v, want %v", c.pat, c.s, !want, want)
		}
	}
}

func FuzzPattern(f *testing.F) {
	f.Add("a*b*c", "aXbYc")
	f.Add(`\**\\`, `*x\`)
	f.Fuzz(func(t *testing.T, pat, s string) {
		if len(pat) > 64 || len(s) > 256 || !utf8.ValidString(pat) || !utf8.ValidString(s) {
			return
		}
		p := compilePattern(pat)
		want, open := refMatch(pat, s)
		if p.openEscape != open {
			t.Fatalf("compilePattern(%q).openEscape = %v, want %v", pat, p.openEscape, open)
		}
		if !open && p.match(s) != want {
			t.Fatalf("%q matches %q = %v, want %v", pat, s, !want, want)
		}
	})
}
