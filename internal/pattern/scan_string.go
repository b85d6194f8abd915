package pattern

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"
)

// Reading JSON strings: most of an event is string bytes, so the scanner
// passes over plain ASCII eight bytes at a time and looks at a byte alone
// only where it may end the string, start an escape, be a control
// character JSON forbids, or begin a character that must be checked as
// UTF-8.

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// plainRun returns the index of the first byte at or after i that is a
// quote, a backslash, a control character or not ASCII, or len(b).
func plainRun(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		quote, backslash := w^(lowBits*'"'), w^(lowBits*'\\')
		// The usual "has a byte less than n" tests flag a byte that is zero
		// after the xor, below 0x20, or (w itself) has its high bit set.
		// A borrow can flag a byte above a true one, never below, so the
		// lowest flag is exact.
		if m := ((quote-lowBits)&^quote | (backslash-lowBits)&^backslash | (w-lowBits*0x20)&^w | w) & highBits; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	return i
}

// str reads a string, returning its text: a view of the body when it holds
// no escapes, else unescaped into s.buf.
func (s *scanner) str() string {
	start := s.pos + 1
	for i := plainRun(s.in, start); i < len(s.in); i = plainRun(s.in, i) {
		switch c := s.in[i]; {
		case c == '"':
			s.pos = i + 1
			return bytesString(s.in[start:i])
		case c == '\\':
			return s.unescape(start)
		case c < 0x20:
			s.fail()
			return ""
		default:
			n := runeLen(s.in, i)
			if n == 0 {
				s.fail()
				return ""
			}
			i += n
		}
	}
	s.fail()
	return ""
}

// skipString passes over a string, checking it as str would: a body with
// a malformed string anywhere is not JSON and matches nothing.
func (s *scanner) skipString() {
	for i := plainRun(s.in, s.pos+1); i < len(s.in); i = plainRun(s.in, i) {
		switch c := s.in[i]; {
		case c == '"':
			s.pos = i + 1
			return
		case c == '\\':
			n := escapeLen(s.in, i)
			if n == 0 {
				s.fail()
				return
			}
			i += n
		case c < 0x20:
			s.fail()
			return
		default:
			n := runeLen(s.in, i)
			if n == 0 {
				s.fail()
				return
			}
			i += n
		}
	}
	s.fail()
}

// escapeLen returns the length of the escape whose backslash is at b[i],
// or 0 if JSON does not allow it.
func escapeLen(b []byte, i int) int {
	if i+1 >= len(b) {
		return 0
	}
	switch b[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if _, ok := hex4(b, i+2); ok {
			return 6
		}
	}
	return 0
}

// runeLen returns the length of the UTF-8 character at b[i], or 0 where
// the bytes are not UTF-8: JSON text is Unicode, and a body that is not
// matches nothing (encoding/json would read U+FFFD there instead, and a
// pattern's text is read that way).
func runeLen(b []byte, i int) int {
	if r, n := utf8.DecodeRune(b[i:]); r != utf8.RuneError || n > 1 {
		return n
	}
	return 0
}

func (s *scanner) unescape(start int) string {
	from := len(s.buf)
	i := start
	for i < len(s.in) {
		c := s.in[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return bytesString(s.buf[from:])
		case c < 0x20:
			s.fail()
			return ""
		case c >= utf8.RuneSelf:
			n := runeLen(s.in, i)
			if n == 0 {
				s.fail()
				return ""
			}
			s.buf = append(s.buf, s.in[i:i+n]...)
			i += n
			continue
		case c != '\\':
			s.buf = append(s.buf, c)
			i++
			continue
		}
		if i+1 >= len(s.in) {
			break
		}
		i++
		switch e := s.in[i]; e {
		case '"', '\\', '/':
			s.buf = append(s.buf, e)
		case 'b':
			s.buf = append(s.buf, '\b')
		case 'f':
			s.buf = append(s.buf, '\f')
		case 'n':
			s.buf = append(s.buf, '\n')
		case 'r':
			s.buf = append(s.buf, '\r')
		case 't':
			s.buf = append(s.buf, '\t')
		case 'u':
			r, n := s.codePoint(i + 1)
			if n == 0 {
				s.fail()
				return ""
			}
			s.buf = utf8.AppendRune(s.buf, r)
			i += n
		default:
			s.fail()
			return ""
		}
		i++
	}
	s.fail()
	return ""
}

// codePoint reads the hex digits of a \u escape at i (and a low surrogate
// after a high one), returning the rune and how many bytes it took.
func (s *scanner) codePoint(i int) (rune, int) {
	r, ok := hex4(s.in, i)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r) {
		if lo, ok := hex4(s.in, i+6); ok && i+6 <= len(s.in) && s.in[i+4] == '\\' && s.in[i+5] == 'u' {
			if d := utf16.DecodeRune(r, lo); d != utf8.RuneError {
				return d, 10
			}
		}
		return utf8.RuneError, 4
	}
	return r, 4
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
