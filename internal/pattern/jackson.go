package pattern

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// jsonSyntaxReason returns why an event pattern is not a JSON object, in
// the words of Jackson's streaming parser as event-ruler reports them, or
// "" for a well-formed object. Two of the texts are recorded against AWS,
// an unrecognized token and a single quote where a field name should
// start; the others follow Jackson's source. Ruler reads only the first
// token before it wants an object, so any other value there is "Filter is
// not an object" however it goes on. Jackson would let text after the
// object pass unread; we refuse it. The location Jackson appends ("at
// [Source: …; line: 1, column: 5]") is left out.
func jsonSyntaxReason(text string) string {
	s := &syntax{in: text}
	if s.space(); s.err != "" {
		return s.err
	}
	switch c := s.peek(); {
	case c == '{':
		s.object()
	case c < 0 || c == '[' || c == '"' || c == '-' || '0' <= c && c <= '9':
		return "Filter is not an object"
	default:
		s.value()
		if s.err == "" {
			return "Filter is not an object"
		}
	}
	if s.err == "" {
		if s.space(); s.pos < len(s.in) {
			return "Unexpected content after the event pattern"
		}
	}
	return s.err
}

// syntax checks JSON text, keeping the first fault.
type syntax struct {
	in  string
	pos int
	err string
}

const validValues = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

// peek returns the next character, or -1 at the end.
func (s *syntax) peek() rune {
	if s.pos >= len(s.in) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(s.in[s.pos:])
	return r
}

func (s *syntax) fail(msg string) {
	if s.err == "" {
		s.err = msg
	}
	s.pos = len(s.in)
}

// unexpected reports the character at the current position.
func (s *syntax) unexpected(comment string) {
	c := s.peek()
	if c < 0 {
		s.fail("Unexpected end-of-input: " + comment)
		return
	}
	s.fail("Unexpected character (" + charDesc(c) + "): " + comment)
}

// charDesc describes a character as Jackson does.
func charDesc(c rune) string {
	code := strconv.Itoa(int(c))
	switch {
	case unicode.IsControl(c):
		return "(CTRL-CHAR, code " + code + ")"
	case c > 255:
		return "'" + string(c) + "' (code " + code + " / 0x" + strconv.FormatInt(int64(c), 16) + ")"
	}
	return "'" + string(c) + "' (code " + code + ")"
}

// space passes over white space. Jackson refuses other control
// characters there in its own words.
func (s *syntax) space() {
	for s.pos < len(s.in) {
		switch c := s.in[s.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			s.pos++
		case c < 0x20:
			s.fail("Illegal character (" + charDesc(rune(c)) + "): only regular white space (\\r, \\n, \\t) is allowed between tokens")
			return
		default:
			return
		}
	}
}

func (s *syntax) value() {
	switch c := s.peek(); {
	case c == '{':
		s.object()
	case c == '[':
		s.array()
	case c == '"':
		s.pos++
		s.str("string value")
	case c == '-' || '0' <= c && c <= '9':
		s.number()
	case c < 0:
		s.fail("Unexpected end-of-input: expected a valid value " + validValues)
	case unicode.IsLetter(c) || c == '_' || c == '$':
		s.token()
	default:
		s.unexpected("expected a valid value " + validValues)
	}
}

// token reads a bare word, which must be true, false or null. Jackson
// names the whole run of identifier characters it finds.
func (s *syntax) token() {
	start := s.pos
	for s.pos < len(s.in) {
		r, n := utf8.DecodeRuneInString(s.in[s.pos:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '$' {
			break
		}
		s.pos += n
	}
	switch word := s.in[start:s.pos]; word {
	case "true", "false", "null":
	default:
		s.fail("Unrecognized token '" + word + "': was expecting " + validValues)
	}
}

func (s *syntax) object() {
	s.pos++ // {
	s.space()
	if s.peek() == '}' {
		s.pos++
		return
	}
	for s.err == "" {
		s.space()
		if s.peek() != '"' {
			if s.peek() < 0 {
				s.fail("Unexpected end-of-input: expected close marker for Object")
				return
			}
			s.unexpected("was expecting double-quote to start field name")
			return
		}
		s.pos++
		s.str("field name")
		s.space()
		if s.peek() != ':' {
			s.unexpected("was expecting a colon to separate field name and value")
			return
		}
		s.pos++
		s.space()
		s.value()
		s.space()
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return
		case -1:
			s.fail("Unexpected end-of-input: expected close marker for Object")
		case ']':
			s.fail("Unexpected close marker ']': expected '}' (for Object)")
		default:
			s.unexpected("was expecting comma to separate Object entries")
		}
	}
}

func (s *syntax) array() {
	s.pos++ // [
	s.space()
	if s.peek() == ']' {
		s.pos++
		return
	}
	for s.err == "" {
		s.space()
		s.value()
		s.space()
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return
		case -1:
			s.fail("Unexpected end-of-input: expected close marker for Array")
		case '}':
			s.fail("Unexpected close marker '}': expected ']' (for Array)")
		default:
			s.unexpected("was expecting comma to separate Array entries")
		}
	}
}

// str reads the rest of a string after its opening quote; what says
// whether it is a "string value" or a "field name".
func (s *syntax) str(what string) {
	for s.pos < len(s.in) {
		c := s.in[s.pos]
		switch {
		case c == '"':
			s.pos++
			return
		case c < 0x20:
			s.fail("Illegal unquoted character (" + charDesc(rune(c)) + "): has to be escaped using backslash to be included in " + what)
			return
		case c == '\\':
			s.pos++
			s.escape()
		default:
			s.pos++
		}
	}
	if what == "field name" {
		s.fail("Unexpected end-of-input in field name")
		return
	}
	s.fail("Unexpected end-of-input: was expecting closing quote for a string value")
}

func (s *syntax) escape() {
	c := s.peek()
	switch c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos++
	case 'u':
		s.pos++
		for range 4 {
			if h := s.peek(); !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
				s.unexpected("expected a hex-digit for character escape sequence")
				return
			}
			s.pos++
		}
	case -1:
		s.fail("Unexpected end-of-input in character escape sequence")
	default:
		s.fail("Unrecognized character escape " + charDesc(c))
	}
}

// number reads a number by JSON's grammar.
func (s *syntax) number() {
	digits := func() int {
		from := s.pos
		for s.pos < len(s.in) && '0' <= s.in[s.pos] && s.in[s.pos] <= '9' {
			s.pos++
		}
		return s.pos - from
	}
	if s.peek() == '-' {
		s.pos++
	}
	switch c := s.peek(); {
	case c == '0':
		s.pos++
		if c := s.peek(); '0' <= c && c <= '9' {
			s.fail("Invalid numeric value: Leading zeroes not allowed")
			return
		}
	case '1' <= c && c <= '9':
		digits()
	default:
		s.unexpectedInNumber("expected digit (0-9) to follow minus sign, for valid numeric value")
		return
	}
	if s.peek() == '.' {
		s.pos++
		if digits() == 0 {
			s.unexpectedInNumber("Decimal point not followed by a digit")
			return
		}
	}
	if c := s.peek(); c == 'e' || c == 'E' {
		s.pos++
		if c := s.peek(); c == '+' || c == '-' {
			s.pos++
		}
		if digits() == 0 {
			s.unexpectedInNumber("Exponent indicator not followed by a digit")
		}
	}
}

func (s *syntax) unexpectedInNumber(comment string) {
	c := s.peek()
	if c < 0 {
		s.fail("Unexpected end-of-input in a Number value")
		return
	}
	s.fail("Unexpected character (" + charDesc(c) + ") in numeric value: " + comment)
}
