package input

import (
	"unicode/utf16"
	"unicode/utf8"
)

// appendCompact appends the JSON value v without the white space between
// its tokens; strings are copied as they are.
func appendCompact(dst, v []byte) []byte {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '"':
			end := stringEnd(v, i)
			dst = append(dst, v[i:end]...)
			i = end - 1
		case !isSpace(c):
			dst = append(dst, c)
		}
	}
	return dst
}

// appendCompactEscaped appends the JSON value v, compacted, as the content
// of a JSON string: its text escaped so that it stays inside the quotes.
func appendCompactEscaped(dst, v []byte) []byte {
	inString := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case inString && c == '\\' && i+1 < len(v):
			// An escape inside a string: both characters are text.
			dst = appendEscapedByte(appendEscapedByte(dst, c), v[i+1])
			i++
		case c == '"':
			inString = !inString
			dst = appendEscapedByte(dst, c)
		case inString || !isSpace(c):
			dst = appendEscapedByte(dst, c)
		}
	}
	return dst
}

// appendJSONString appends s as a JSON string, escaped as Jackson escapes.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		dst = appendEscapedByte(dst, s[i])
	}
	return append(dst, '"')
}

// appendEscaped appends s as the content of a JSON string.
func appendEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = appendEscapedByte(dst, s[i])
	}
	return dst
}

// hexDigits are upper case, as Jackson writes \u escapes.
const hexDigits = "0123456789ABCDEF"

// appendEscapedByte appends c as JSON string content: the quote, the
// backslash and control characters escaped as Jackson escapes them, every
// other byte (UTF-8 included) as it is.
func appendEscapedByte(dst []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(dst, '\\', c)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	if c < 0x20 {
		return append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
	}
	return append(dst, c)
}

// appendUnquoted appends the text of the JSON string lit (quotes
// included), its escapes decoded as encoding/json decodes them: a lone
// surrogate becomes U+FFFD.
func appendUnquoted(dst, lit []byte) []byte {
	if len(lit) < 2 {
		return dst
	}
	s := lit[1 : len(lit)-1]
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			dst = append(dst, c)
			i++
			continue
		}
		switch e := s[i+1]; e {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, n := decodeUnicodeEscape(s[i:])
			dst = utf8.AppendRune(dst, r)
			i += n
			continue
		default: // '"', '\\', '/'
			dst = append(dst, e)
		}
		i += 2
	}
	return dst
}

// decodeUnicodeEscape decodes the \uXXXX escape (or surrogate pair of
// them) at the start of s, returning the rune and the bytes it used.
func decodeUnicodeEscape(s []byte) (rune, int) {
	r := hex4(s)
	if r < 0 {
		return utf8.RuneError, 2
	}
	if !utf16.IsSurrogate(r) {
		return r, 6
	}
	if r2 := hex4(s[6:]); r2 >= 0 {
		if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
			return pair, 12
		}
	}
	return utf8.RuneError, 6
}

// hex4 reads the four hex digits of a \uXXXX escape at the start of s, or
// returns -1.
func hex4(s []byte) rune {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range s[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
