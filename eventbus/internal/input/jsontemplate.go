package input

// templateFault is why a JSON template was refused.
type templateFault struct {
	kind faultKind
	name string // placeholderAsKey: the placeholder
}

type faultKind uint8

const (
	noFault          faultKind = iota
	notJSON                    // not a JSON object, even with values for the placeholders
	placeholderAsKey           // a placeholder in a member name
)

// parseJSONTemplate parses a JSON template: a JSON object in which a
// placeholder may stand for a value or sit inside a string, but not in a
// member name. It returns the template's parts, with the white space
// between tokens dropped so that the output is minified.
func parseJSONTemplate(s string) ([]part, templateFault) {
	p := &jsonTemplateParser{src: s}
	p.skipSpace()
	ok := p.peek() == '{' && p.object()
	if ok {
		p.skipSpace()
		ok = p.i == len(p.src)
	}
	if !ok {
		if p.fault.kind == noFault {
			p.fault.kind = notJSON
		}
		return nil, p.fault
	}
	return append(p.parts, part{literal: p.literal}), templateFault{}
}

// jsonTemplateParser is a recursive-descent parser for JSON with
// placeholders. The template is at most 8192 characters long, which bounds
// the nesting.
type jsonTemplateParser struct {
	src     string
	i       int
	literal []byte // the text since the last slot
	parts   []part
	fault   templateFault
}

func (p *jsonTemplateParser) value() bool {
	switch c := p.peek(); {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		return p.str(false)
	case c == '<':
		return p.slot(valueSlot)
	case c == '-' || isDigit(c):
		return p.number()
	case c == 't':
		return p.word("true")
	case c == 'f':
		return p.word("false")
	case c == 'n':
		return p.word("null")
	}
	return false
}

func (p *jsonTemplateParser) object() bool { return p.list('}', p.member) }

func (p *jsonTemplateParser) array() bool { return p.list(']', p.value) }

// list parses what follows the '{' or '[' at p.i: items, each parsed by
// item and separated by ',', up to closing.
func (p *jsonTemplateParser) list(closing byte, item func() bool) bool {
	p.emit() // '{' or '['
	p.skipSpace()
	if p.peek() == closing {
		p.emit()
		return true
	}
	for {
		if !item() {
			return false
		}
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.emit()
			p.skipSpace()
		case closing:
			p.emit()
			return true
		default:
			return false
		}
	}
}

// member parses a name, a ':' and a value.
func (p *jsonTemplateParser) member() bool {
	switch p.peek() {
	case '"':
		if !p.str(true) {
			return false
		}
	case '<':
		if name, _, ok := placeholderAt(p.src, p.i); ok {
			p.fault = templateFault{placeholderAsKey, name}
		}
		return false
	default:
		return false
	}
	p.skipSpace()
	if p.peek() != ':' {
		return false
	}
	p.emit()
	p.skipSpace()
	return p.value()
}

// str parses a string, whose placeholders become string slots; in a
// member name (isKey) a placeholder is refused.
func (p *jsonTemplateParser) str(isKey bool) bool {
	p.emit() // '"'
	for p.i < len(p.src) {
		switch c := p.src[p.i]; {
		case c == '"':
			p.emit()
			return true
		case c == '\\':
			if !p.escape() {
				return false
			}
		case c < 0x20:
			return false
		case c == '<':
			name, _, ok := placeholderAt(p.src, p.i)
			switch {
			case !ok:
				p.emit()
			case isKey:
				p.fault = templateFault{placeholderAsKey, name}
				return false
			default:
				p.slot(stringSlot)
			}
		default:
			p.emit()
		}
	}
	return false
}

// escape copies a string's escape sequence: \ and one of "\/bfnrt, or u
// and four hex digits.
func (p *jsonTemplateParser) escape() bool {
	if p.i+1 >= len(p.src) {
		return false
	}
	switch p.src[p.i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		p.emitN(2)
		return true
	case 'u':
		if p.i+6 > len(p.src) {
			return false
		}
		for _, c := range []byte(p.src[p.i+2 : p.i+6]) {
			if !isHexDigit(c) {
				return false
			}
		}
		p.emitN(6)
		return true
	}
	return false
}

// number copies a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonTemplateParser) number() bool {
	if p.peek() == '-' {
		p.emit()
	}
	switch c := p.peek(); {
	case c == '0':
		p.emit()
	case isDigit(c):
		p.digits()
	default:
		return false
	}
	if p.peek() == '.' {
		p.emit()
		if !p.digits() {
			return false
		}
	}
	if c := p.peek(); c == 'e' || c == 'E' {
		p.emit()
		if c := p.peek(); c == '+' || c == '-' {
			p.emit()
		}
		if !p.digits() {
			return false
		}
	}
	return true
}

// digits copies one or more digits, reporting whether there was one.
func (p *jsonTemplateParser) digits() bool {
	start := p.i
	for isDigit(p.peek()) {
		p.emit()
	}
	return p.i > start
}

func (p *jsonTemplateParser) word(w string) bool {
	if len(p.src)-p.i < len(w) || p.src[p.i:p.i+len(w)] != w {
		return false
	}
	p.emitN(len(w))
	return true
}

// slot ends the current literal with a slot for the placeholder at p.i.
func (p *jsonTemplateParser) slot(kind slotKind) bool {
	name, end, ok := placeholderAt(p.src, p.i)
	if !ok {
		return false
	}
	p.parts = append(p.parts, part{literal: p.literal, slot: kind, name: name})
	p.literal = nil
	p.i = end
	return true
}

// peek returns the next character, or 0 at the end.
func (p *jsonTemplateParser) peek() byte {
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

// emit copies the next character into the literal.
func (p *jsonTemplateParser) emit() { p.emitN(1) }

func (p *jsonTemplateParser) emitN(n int) {
	p.literal = append(p.literal, p.src[p.i:p.i+n]...)
	p.i += n
}

// skipSpace drops white space between tokens: the output is minified.
func (p *jsonTemplateParser) skipSpace() {
	for p.i < len(p.src) && isSpace(p.src[p.i]) {
		p.i++
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHexDigit(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
