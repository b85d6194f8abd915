package pattern

import (
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds how deep a body may nest; deeper bodies match nothing.
const maxDepth = 256

// scanner walks a JSON body once, collecting the leaf values of the fields
// in fs into vals[field] and skipping everything no field lies under. Any
// malformed input stops it with ok false.
type scanner struct {
	in   []byte
	pos  int
	fs   *fieldSet
	vals [][]value
	buf  []byte // unescaped strings
	bad  bool
}

// object walks the body, which must be a JSON object.
func (s *scanner) body() bool {
	s.space()
	if s.peek() != '{' {
		return false
	}
	s.object(&s.fs.root, 0)
	s.space()
	return !s.bad && s.pos == len(s.in)
}

func (s *scanner) fail() { s.bad, s.pos = true, len(s.in) }

func (s *scanner) peek() byte {
	if s.pos < len(s.in) {
		return s.in[s.pos]
	}
	return 0
}

func (s *scanner) space() {
	for s.pos < len(s.in) {
		switch s.in[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// object reads an object at trie node n; with n nil it only passes over
// it.
func (s *scanner) object(n *pathNode, depth int) {
	if depth > maxDepth {
		s.fail()
		return
	}
	s.pos++ // {
	s.space()
	if s.peek() == '}' {
		s.pos++
		return
	}
	for !s.bad {
		s.space()
		if s.peek() != '"' {
			s.fail()
			return
		}
		key := s.str()
		s.space()
		if s.peek() != ':' {
			s.fail()
			return
		}
		s.pos++
		s.space()
		if c := n.child(key); c != nil {
			s.member(c, depth)
		} else {
			s.skip(depth)
		}
		s.space()
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return
		default:
			s.fail()
			return
		}
	}
}

// member reads the value at node n: collected if a field ends there,
// walked if fields lie below.
func (s *scanner) member(n *pathNode, depth int) {
	if n.field >= 0 {
		s.collect(n, depth)
		return
	}
	s.descend(n, depth)
}

// collect reads a field's value: a leaf is stored, an array's elements are
// collected one by one, and an object is walked for fields below it.
func (s *scanner) collect(n *pathNode, depth int) {
	switch s.peek() {
	case '{':
		if !n.leaf() {
			s.object(n, depth+1)
		} else {
			s.skip(depth)
		}
	case '[':
		s.array(depth, func() { s.collect(n, depth+1) })
	default:
		if v, ok := s.leaf(); ok {
			s.vals[n.field] = append(s.vals[n.field], v)
		}
	}
}

// descend reads a value under which fields lie: objects are walked, arrays
// looked through, leaves skipped.
func (s *scanner) descend(n *pathNode, depth int) {
	switch s.peek() {
	case '{':
		s.object(n, depth+1)
	case '[':
		s.array(depth, func() { s.descend(n, depth+1) })
	default:
		s.skip(depth)
	}
}

// array reads an array, calling element at each element.
func (s *scanner) array(depth int, element func()) {
	if depth > maxDepth {
		s.fail()
		return
	}
	s.pos++ // [
	s.space()
	if s.peek() == ']' {
		s.pos++
		return
	}
	for !s.bad {
		s.space()
		element()
		s.space()
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return
		default:
			s.fail()
			return
		}
	}
}

// skip passes over one value.
func (s *scanner) skip(depth int) {
	switch s.peek() {
	case '{':
		s.object(nil, depth+1)
	case '[':
		s.array(depth, func() { s.skip(depth + 1) })
	case '"':
		s.skipString()
	case 't', 'f', 'n':
		s.leaf()
	default:
		if !s.number() {
			s.fail()
		}
	}
}

// leaf reads a string, number or literal.
func (s *scanner) leaf() (value, bool) {
	switch c := s.peek(); {
	case c == '"':
		return value{kind: kindString, str: s.str()}, !s.bad
	case c == 't':
		return value{kind: kindTrue}, s.literal("true")
	case c == 'f':
		return value{kind: kindFalse}, s.literal("false")
	case c == 'n':
		return value{kind: kindNull}, s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		start := s.pos
		if !s.number() {
			s.fail()
			return value{}, false
		}
		v, ok := numberValue(bytesString(s.in[start:s.pos]))
		if !ok {
			s.fail()
		}
		return v, ok
	}
	s.fail()
	return value{}, false
}

// number passes over a number, reporting whether it is one by JSON's
// grammar (which, unlike strconv, refuses "01", "+1" and "1.").
func (s *scanner) number() bool {
	i, in := s.pos, s.in
	digits := func() int {
		from := i
		for i < len(in) && in[i] >= '0' && in[i] <= '9' {
			i++
		}
		return i - from
	}
	if i < len(in) && in[i] == '-' {
		i++
	}
	if i < len(in) && in[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(in) && in[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(in) && (in[i] == 'e' || in[i] == 'E') {
		i++
		if i < len(in) && (in[i] == '+' || in[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	s.pos = i
	return true
}

func (s *scanner) literal(word string) bool {
	if len(s.in)-s.pos < len(word) || string(s.in[s.pos:s.pos+len(word)]) != word {
		s.fail()
		return false
	}
	s.pos += len(word)
	return true
}

// skipString passes over a string, checking it as str would: a body with
// a malformed string anywhere is not JSON and matches nothing.
func (s *scanner) skipString() {
	for s.pos++; s.pos < len(s.in); s.pos++ {
		switch c := s.in[s.pos]; {
		case c == '\\':
			if !s.skipEscape() {
				s.fail()
				return
			}
		case c == '"':
			s.pos++
			return
		case c < 0x20:
			s.fail()
			return
		case c >= utf8.RuneSelf:
			n := runeLen(s.in, s.pos)
			if n == 0 {
				s.fail()
				return
			}
			s.pos += n - 1
		}
	}
	s.fail()
}

// skipEscape passes over the escape whose backslash is at s.pos, leaving
// s.pos on its last byte, and reports whether it is one JSON allows.
func (s *scanner) skipEscape() bool {
	if s.pos+1 >= len(s.in) {
		return false
	}
	s.pos++
	switch s.in[s.pos] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return true
	case 'u':
		if _, ok := hex4(s.in, s.pos+1); ok {
			s.pos += 4
			return true
		}
	}
	return false
}

// str reads a string, returning its text: a view of the body when it holds
// no escapes, else unescaped into s.buf.
func (s *scanner) str() string {
	start := s.pos + 1
	for i := start; i < len(s.in); i++ {
		switch c := s.in[i]; {
		case c == '"':
			s.pos = i + 1
			return bytesString(s.in[start:i])
		case c == '\\':
			return s.unescape(start)
		case c < 0x20:
			s.fail()
			return ""
		case c >= utf8.RuneSelf:
			n := runeLen(s.in, i)
			if n == 0 {
				s.fail()
				return ""
			}
			i += n - 1
		}
	}
	s.fail()
	return ""
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
