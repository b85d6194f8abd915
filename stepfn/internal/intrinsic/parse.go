package intrinsic

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ParseError is a call whose text is not a valid intrinsic function call.
type ParseError struct {
	Text   string // the text given to Parse
	Offset int    // the byte offset in Text where the problem was found
	Msg    string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("intrinsic: %s (at offset %d of %q)", e.Msg, e.Offset, e.Text)
}

// Parse parses an intrinsic function call as written in a ".$" field, such
// as "States.Format('Hello, {}', $.name)". It checks the function name
// against the eighteen AWS functions, the syntax and number of the
// arguments, the type of every literal argument, and that calls nest at
// most [MaxNesting] deep. Surrounding white space is ignored. The error is
// a [*ParseError].
//
// An argument is a string literal in single quotes, in which \', \{, \} and
// \\ stand for the character and any other backslash is an error; a number
// written as in JSON; null, true or false; a path starting with $ ($.x for
// the input, $$.x for the context object, $name.x for a variable), which
// runs to the next ',' or ')' outside brackets, parentheses and quotes; or
// a nested call.
func Parse(text string) (*Call, error) {
	p := &parser{text: text}
	p.space()
	c, err := p.call(1)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(text) {
		return nil, p.errorf("unexpected %q after the call", p.rest(10))
	}
	return c, nil
}

type parser struct {
	text string
	pos  int
}

func (p *parser) errorf(format string, args ...any) *ParseError {
	return &ParseError{Text: p.text, Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

// rest returns up to n bytes of what is left, for messages.
func (p *parser) rest(n int) string {
	s := p.text[p.pos:]
	if len(s) > n {
		s = s[:n]
	}
	return s
}

func (p *parser) space() {
	for p.pos < len(p.text) && isSpace(p.text[p.pos]) {
		p.pos++
	}
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// call parses States.Name(args) at the given nesting level.
func (p *parser) call(level int) (*Call, error) {
	start := p.pos
	if level > MaxNesting {
		return nil, p.errorf("intrinsic functions may be nested at most %d deep", MaxNesting)
	}
	if !strings.HasPrefix(p.text[p.pos:], "States.") {
		return nil, p.errorf("expected an intrinsic function call, found %q", p.rest(10))
	}
	nameEnd := p.pos + len("States.")
	for nameEnd < len(p.text) && isNameByte(p.text[nameEnd]) {
		nameEnd++
	}
	name := p.text[p.pos:nameEnd]
	fn := functions[name]
	if fn == nil {
		return nil, p.errorf("unknown intrinsic function %q", name)
	}
	p.pos = nameEnd
	p.space()
	if p.pos >= len(p.text) || p.text[p.pos] != '(' {
		return nil, p.errorf("expected '(' after %s", name)
	}
	p.pos++
	c := &Call{fn: fn}
	p.space()
	if p.pos < len(p.text) && p.text[p.pos] == ')' {
		p.pos++
	} else {
		for {
			p.space()
			argStart := p.pos
			a, err := p.arg(level)
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, a)
			if a.kind == argLiteral {
				if check := fn.param(len(c.args) - 1); check != nil {
					if msg := check(a.lit); msg != "" {
						p.pos = argStart
						return nil, p.errorf("argument %d of %s %s", len(c.args), name, msg)
					}
				}
			}
			p.space()
			if p.pos >= len(p.text) {
				return nil, p.errorf("missing ')' to close %s", name)
			}
			if p.text[p.pos] == ')' {
				p.pos++
				break
			}
			if p.text[p.pos] != ',' {
				return nil, p.errorf("expected ',' or ')' in the arguments of %s, found %q", name, p.rest(10))
			}
			p.pos++
		}
	}
	c.text = p.text[start:p.pos]
	if n := len(c.args); n < fn.min || (fn.max >= 0 && n > fn.max) {
		p.pos = start
		return nil, p.errorf("%s takes %s, but was given %d", name, fn.arity(), n)
	}
	if fn.static != nil {
		if msg := fn.static(c); msg != "" {
			p.pos = start
			return nil, p.errorf("%s", msg)
		}
	}
	return c, nil
}

func isNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// arity describes how many arguments f takes.
func (f *function) arity() string {
	switch {
	case f.max < 0:
		return fmt.Sprintf("at least %d argument%s", f.min, plural(f.min))
	case f.min == f.max:
		return fmt.Sprintf("%d argument%s", f.min, plural(f.min))
	default:
		return fmt.Sprintf("%d to %d arguments", f.min, f.max)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// arg parses one argument of a call at the given nesting level.
func (p *parser) arg(level int) (arg, error) {
	if p.pos >= len(p.text) {
		return arg{}, p.errorf("missing argument")
	}
	switch b := p.text[p.pos]; {
	case b == '\'':
		return p.stringLiteral()
	case b == '$':
		return p.path()
	case b == '-' || b >= '0' && b <= '9':
		return p.number()
	case strings.HasPrefix(p.text[p.pos:], "States."):
		c, err := p.call(level + 1)
		if err != nil {
			return arg{}, err
		}
		return arg{kind: argCall, call: c}, nil
	}
	for _, kw := range []struct {
		word string
		val  any
	}{{"null", nil}, {"true", true}, {"false", false}} {
		if strings.HasPrefix(p.text[p.pos:], kw.word) && p.endsToken(p.pos+len(kw.word)) {
			p.pos += len(kw.word)
			return arg{kind: argLiteral, lit: kw.val}, nil
		}
	}
	return arg{}, p.errorf("invalid argument %q", p.rest(10))
}

// endsToken reports whether a literal may end at i: the text ends there or
// goes on with white space, ',' or ')'.
func (p *parser) endsToken(i int) bool {
	return i >= len(p.text) || isSpace(p.text[i]) || p.text[i] == ',' || p.text[i] == ')'
}

// stringLiteral parses '…'. The value has its escapes resolved; raw keeps
// them, for States.Format, which tells an escaped brace from a placeholder.
func (p *parser) stringLiteral() (arg, error) {
	open := p.pos
	p.pos++
	var val strings.Builder
	start := p.pos
	for p.pos < len(p.text) {
		switch b := p.text[p.pos]; b {
		case '\'':
			raw := p.text[start:p.pos]
			p.pos++
			return arg{kind: argLiteral, lit: val.String(), raw: raw}, nil
		case '\\':
			if p.pos+1 >= len(p.text) || !strings.ContainsRune(`'{}\`, rune(p.text[p.pos+1])) {
				return arg{}, p.errorf(`a backslash in a string may only escape ', {, } or \`)
			}
			val.WriteByte(p.text[p.pos+1])
			p.pos += 2
		default:
			val.WriteByte(b)
			p.pos++
		}
	}
	p.pos = open
	return arg{}, p.errorf("string starting here is not closed with '")
}

// path parses a path argument: it runs to the next ',' or ')' that is
// outside brackets, parentheses and quoted names, and a backslash keeps the
// character after it from ending the path.
func (p *parser) path() (arg, error) {
	start := p.pos
	brackets, parens := 0, 0
	var quote byte
	for ; p.pos < len(p.text); p.pos++ {
		b := p.text[p.pos]
		if b == '\\' {
			p.pos++
			continue
		}
		if quote != 0 {
			if b == quote {
				quote = 0
			}
			continue
		}
		switch b {
		case '\'', '"':
			if brackets > 0 || parens > 0 {
				quote = b
			}
		case '[':
			brackets++
		case ']':
			if brackets > 0 {
				brackets--
			}
		case '(':
			parens++
		case ')':
			if parens == 0 && brackets == 0 {
				return p.endPath(start)
			}
			if parens > 0 {
				parens--
			}
		case ',':
			if parens == 0 && brackets == 0 {
				return p.endPath(start)
			}
		}
	}
	if p.pos > len(p.text) {
		p.pos = len(p.text)
	}
	if brackets > 0 || parens > 0 || quote != 0 {
		p.pos = start
		return arg{}, p.errorf("path starting here is not closed")
	}
	return p.endPath(start)
}

func (p *parser) endPath(start int) (arg, error) {
	raw := strings.TrimRight(p.text[start:p.pos], " \t\n\r")
	return arg{kind: argPath, raw: raw}, nil
}

// number parses a number written as JSON writes numbers.
func (p *parser) number() (arg, error) {
	start := p.pos
	i := p.pos
	if p.text[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(p.text) && p.text[i] >= '0' && p.text[i] <= '9' {
			i++
		}
		return i - j
	}
	intStart := i
	if n := digits(); n == 0 || n > 1 && p.text[intStart] == '0' {
		return arg{}, p.errorf("invalid number %q", p.rest(10))
	}
	if i < len(p.text) && p.text[i] == '.' {
		i++
		if digits() == 0 {
			return arg{}, p.errorf("invalid number %q", p.rest(10))
		}
	}
	if i < len(p.text) && (p.text[i] == 'e' || p.text[i] == 'E') {
		i++
		if i < len(p.text) && (p.text[i] == '+' || p.text[i] == '-') {
			i++
		}
		if digits() == 0 {
			return arg{}, p.errorf("invalid number %q", p.rest(10))
		}
	}
	if !p.endsToken(i) {
		return arg{}, p.errorf("invalid number %q", p.rest(10))
	}
	p.pos = i
	return arg{kind: argLiteral, lit: json.Number(p.text[start:i])}, nil
}
