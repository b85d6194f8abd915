package jsonvalue

import "unicode/utf8"

// UTF16Len is the length of s as a Java String: its count of UTF-16 code
// units. A character above U+FFFF counts two; a byte that is not UTF-8
// counts one, as U+FFFD.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// CompareUTF16 returns -1, 0 or +1 as a orders before, with or after b in
// Java's String.compareTo: by UTF-16 code unit, then by length. It differs
// from Go's byte order only when a character above U+FFFF (a surrogate pair
// in UTF-16) meets one in U+E000–U+FFFF: Java puts the surrogate first.
// Bytes that are not UTF-8 count as U+FFFD.
func CompareUTF16(a, b string) int {
	if a == b {
		return 0
	}
	for len(a) > 0 && len(b) > 0 {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ka, kb := utf16Lead(ra), utf16Lead(rb)
			if ka == kb { // both above U+FFFF with the same high surrogate
				ka, kb = ra, rb
			}
			if ka < kb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	// One side is used up; the other has at least one code unit left.
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// utf16Lead returns the first UTF-16 code unit of r.
func utf16Lead(r rune) rune {
	if r < 0x10000 {
		return r
	}
	return 0xD800 + (r-0x10000)>>10
}
