package pattern

import (
	"unicode"
	"unicode/utf8"
)

// Case-insensitive matching follows strings.EqualFold: two strings are
// equal ignoring case when they have as many characters and each pair is
// the same under Unicode simple case folding. foldRune maps every
// character to one representative of its folding orbit, so that "equal
// ignoring case" becomes "equal after folding" and an index can hash it.

// foldRune returns the representative of r's case-folding orbit: its
// smallest member, with ASCII capitals taken to lower case so that the
// common case stays ASCII. Bytes that are not UTF-8 decode to U+FFFD, as
// they do for strings.EqualFold.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		if r != 'k' && r != 's' { // the only ASCII letters whose orbit leaves ASCII (K, ſ)
			return r
		}
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	if 'A' <= least && least <= 'Z' {
		return least + 'a' - 'A'
	}
	return least
}

// appendFold appends s with every character folded.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			dst = append(dst, byte(foldRune(rune(c))))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, foldRune(r))
		i += n
	}
	return dst
}

// foldString returns s folded.
func foldString(s string) string { return string(appendFold(nil, s)) }

// hasPrefixFold reports whether s begins with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	for prefix != "" {
		if s == "" {
			return false
		}
		a, n := utf8.DecodeRuneInString(s)
		b, m := utf8.DecodeRuneInString(prefix)
		if a != b && foldRune(a) != foldRune(b) {
			return false
		}
		s, prefix = s[n:], prefix[m:]
	}
	return true
}

// hasSuffixFold reports whether s ends with suffix, ignoring case. It
// decodes both from the front, as appendFold does, so that it agrees with
// an index of folded suffixes even on bytes that are not UTF-8.
func hasSuffixFold(s, suffix string) bool {
	skip := utf8.RuneCountInString(s) - utf8.RuneCountInString(suffix)
	if skip < 0 {
		return false
	}
	for ; skip > 0; skip-- {
		_, n := utf8.DecodeRuneInString(s)
		s = s[n:]
	}
	return hasPrefixFold(s, suffix)
}
