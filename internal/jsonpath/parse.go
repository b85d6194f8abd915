package jsonpath

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds the nesting of filters, parentheses and JSON literals, so
// that hostile input cannot exhaust the stack.
const maxDepth = 200

// Parse compiles a JSONPath expression with Jayway JsonPath's syntax, as
// AWS Step Functions evaluates it, plus the two roots Step Functions adds:
//
//	$                      the value given to Get (the state input)
//	$$.Execution.Id        the context object ([Context])
//	$name.field[0]         a workflow variable ([Variable])
//	.name  ['name']  ["name"]  ['a','b']     members (several names: a union)
//	[0]  [-1]  [0,2]  [1:3]  [:2]  [-3:]      array elements (a step in a slice is ignored, as Jayway does)
//	.*  [*]                                    every member or element
//	..name  ..[0]  ..*  ..[?(...)]             deep scan
//	[?(@.price < 10 && !(@.tag in ['a','b']))] filters (see the package doc)
//	.length()  .size()  .min()  .max()  .avg()  .stddev()  .sum()  .keys()  .first()  .last()  .index(n)
//
// A backslash in a name written with dot notation takes the next character
// literally, as the Amazon States Language allows: `$.store\.book` names the
// key "store.book". Inside quotes, backslash escapes are Java's (\', \", \\,
// \n, \t, \uXXXX, ...). Leading and trailing whitespace is ignored, as Jayway
// ignores it.
//
// A malformed expression gives a [*SyntaxError] with the byte offset of the
// problem. Parse never panics.
func Parse(expr string) (*Path, error) {
	start, end := 0, len(expr)
	// Java's String.trim: everything up to U+0020.
	for start < end && expr[start] <= ' ' {
		start++
	}
	for end > start && expr[end-1] <= ' ' {
		end--
	}
	if start == end {
		return nil, &SyntaxError{Expr: expr, Pos: 0, Msg: "empty path"}
	}
	pr := &parser{src: expr, pos: start, end: end}
	p, err := pr.path(false)
	if err != nil {
		return nil, err
	}
	p.text = expr
	return p, nil
}

// ParseReference compiles a Reference Path: a path that names a single node,
// using only names (dot or bracket notation) and single array indexes, as
// the Amazon States Language requires of ResultPath, ItemsPath, the *Path
// fields of Wait, Task and Map, and Fail's ErrorPath and CausePath. A
// wildcard, deep scan, union, slice, filter or function gives a
// [*SyntaxError] naming it.
//
// The spec's rule is applied strictly. AWS's own documentation shows an
// object filter such as "$.jar[?(@.a >= 5)]" in a reference path; a caller
// that wants AWS's leniency can use [Parse] and check [Path.Definite].
func ParseReference(expr string) (*Path, error) {
	p, err := Parse(expr)
	if err != nil {
		return nil, err
	}
	for i := range p.steps {
		s := &p.steps[i]
		var what string
		switch s.kind {
		case stepNames, stepIndexes:
			what = "a union"
		case stepSlice:
			what = "a slice"
		case stepWildcard:
			what = "a wildcard"
		case stepScan:
			what = "a deep scan ('..')"
		case stepFilter:
			what = "a filter"
		case stepFunc:
			what = "a function"
		}
		if what != "" {
			return nil, &SyntaxError{Expr: expr, Pos: s.pos, Msg: "a reference path must select a single node, so it cannot use " + what}
		}
	}
	return p, nil
}

// parser reads one path from src[pos:end]. A filter's sub-paths are read by
// parsers over the same src with a smaller end, so every position reported
// is an offset in the whole expression.
type parser struct {
	src   string
	pos   int
	end   int
	depth int
}

func (pr *parser) errAt(pos int, format string, args ...any) error {
	return &SyntaxError{Expr: pr.src, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func (pr *parser) more() bool { return pr.pos < pr.end }

func (pr *parser) peek() byte {
	if pr.pos < pr.end {
		return pr.src[pr.pos]
	}
	return 0
}

func (pr *parser) skipWS() {
	for pr.pos < pr.end && isSpace(pr.src[pr.pos]) {
		pr.pos++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// path reads a whole path. In a filter (inFilter) it may start with "@" but
// not with "$$" or a variable.
func (pr *parser) path(inFilter bool) (*Path, error) {
	p := &Path{}
	switch c := pr.peek(); {
	case c == '@' && inFilter:
		p.root = current
		pr.pos++
	case c == '$':
		pr.pos++
		if !inFilter && pr.peek() == '$' {
			p.root = Context
			pr.pos++
		} else if r, _ := utf8.DecodeRuneInString(pr.src[pr.pos:pr.end]); !inFilter && pr.more() && isVarStart(r) {
			p.root = Variable
			if err := pr.variableName(p); err != nil {
				return nil, err
			}
		}
	default:
		if inFilter {
			return nil, pr.errAt(pr.pos, "a path in a filter must start with '@' or '$'")
		}
		return nil, pr.errAt(pr.pos, "a path must start with '$'")
	}
	for pr.more() {
		if err := pr.step(p); err != nil {
			return nil, err
		}
	}
	return p, pr.finish(p)
}

func isVarStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isVarPart(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) ||
		unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc)
}

// variableName reads the name after "$" up to the first '.' or '['.
func (pr *parser) variableName(p *Path) error {
	start := pr.pos
	for pr.more() {
		c := pr.src[pr.pos]
		if c == '.' || c == '[' {
			break
		}
		r, n := utf8.DecodeRuneInString(pr.src[pr.pos:pr.end])
		if !isVarPart(r) {
			return pr.errAt(pr.pos, "unexpected %q in variable name", r)
		}
		pr.pos += n
	}
	p.variable = pr.src[start:pr.pos]
	return nil
}

// step reads one step: ".name", ".name()", ".*", "..x", or a bracket.
func (pr *parser) step(p *Path) error {
	start := pr.pos
	switch pr.src[pr.pos] {
	case '[':
		return pr.bracket(p)
	case '.':
	default:
		return pr.errAt(pr.pos, "unexpected %q: expected '.' or '['", pr.src[pr.pos])
	}
	pr.pos++
	scan := pr.peek() == '.'
	if scan {
		pr.pos++
		p.steps = append(p.steps, step{kind: stepScan, pos: start})
	}
	if !pr.more() {
		if scan {
			return pr.errAt(start, "a path must not end with '..'")
		}
		return pr.errAt(start, "a path must not end with '.'")
	}
	switch pr.src[pr.pos] {
	case '.':
		return pr.errAt(pr.pos, "unexpected '.'")
	case '[':
		return pr.bracket(p)
	case '*':
		p.steps = append(p.steps, step{kind: stepWildcard, pos: pr.pos})
		pr.pos++
		return pr.expectStepEnd()
	}
	return pr.nameOrFunc(p, !scan)
}

// expectStepEnd checks that what follows a step starts another step.
// (Jayway also accepts a name straight after ']' or '*', as in "$['a']b";
// this package asks for the '.'.)
func (pr *parser) expectStepEnd() error {
	if pr.more() && pr.src[pr.pos] != '.' && pr.src[pr.pos] != '[' {
		return pr.errAt(pr.pos, "unexpected %q: expected '.' or '['", pr.src[pr.pos])
	}
	return nil
}

// nameOrFunc reads a name in dot notation, or a function call.
func (pr *parser) nameOrFunc(p *Path, allowFunc bool) error {
	start := pr.pos
	var b strings.Builder
	escaped := false
	for pr.more() {
		c := pr.src[pr.pos]
		if c == '.' || c == '[' || c == '(' {
			break
		}
		if isSpace(c) {
			return pr.errAt(pr.pos, "a name in dot notation cannot contain whitespace; use ['...']")
		}
		if c == '\\' {
			// The ASL escape: the next character is part of the name.
			if !escaped {
				b.WriteString(pr.src[start:pr.pos])
				escaped = true
			}
			if pr.pos+1 >= pr.end {
				return pr.errAt(pr.pos, "a path must not end with '\\'")
			}
			_, n := utf8.DecodeRuneInString(pr.src[pr.pos+1 : pr.end])
			b.WriteString(pr.src[pr.pos+1 : pr.pos+1+n])
			pr.pos += 1 + n
			continue
		}
		if escaped {
			b.WriteByte(c)
		}
		pr.pos++
	}
	name := pr.src[start:pr.pos]
	if escaped {
		name = b.String()
	}
	if pr.peek() == '(' {
		if escaped {
			return pr.errAt(start, "unknown function %q", name)
		}
		if !allowFunc {
			return pr.errAt(start, "a function cannot follow '..'")
		}
		return pr.function(p, name, start)
	}
	if pr.pos == start {
		return pr.errAt(start, "empty name")
	}
	p.steps = append(p.steps, step{kind: stepName, pos: start, name: name, quote: '\''})
	return nil
}

// function reads "name(" ... ")" at the end of a path.
func (pr *parser) function(p *Path, name string, start int) error {
	fn, ok := funcNames[name]
	if !ok {
		if refusedFuncs[name] {
			return pr.errAt(start, "function %s() takes JSON or path arguments, which this package does not support", name)
		}
		return pr.errAt(start, "Function with name: %s does not exist.", name)
	}
	pr.pos++ // '('
	pr.skipWS()
	s := step{kind: stepFunc, pos: start, fn: fn}
	if fn == fnIndex {
		argStart := pr.pos
		for pr.more() && (isDigit(pr.src[pr.pos]) || pr.src[pr.pos] == '-') {
			pr.pos++
		}
		n, err := strconv.ParseInt(pr.src[argStart:pr.pos], 10, 32)
		if err != nil {
			return pr.errAt(argStart, "index() takes one integer argument")
		}
		s.fnArg = int(n)
		pr.skipWS()
	}
	if pr.peek() != ')' {
		if fn == fnIndex {
			return pr.errAt(pr.pos, "index() takes one integer argument")
		}
		return pr.errAt(pr.pos, "function %s() takes no arguments", name)
	}
	pr.pos++
	if pr.more() {
		return pr.errAt(pr.pos, "a function must be the last step of a path")
	}
	p.steps = append(p.steps, s)
	return nil
}

// bracket reads a step in brackets: names, indexes, a slice, a wildcard or
// a filter.
func (pr *parser) bracket(p *Path) error {
	open := pr.pos
	pr.pos++
	pr.skipWS()
	if !pr.more() {
		return pr.errAt(open, "unclosed '['")
	}
	var err error
	switch c := pr.src[pr.pos]; {
	case c == '\'' || c == '"':
		err = pr.names(p, open)
	case c == '*':
		pr.pos++
		pr.skipWS()
		if pr.peek() != ']' {
			return pr.errAt(pr.pos, "expected ']' after '*'")
		}
		pr.pos++
		p.steps = append(p.steps, step{kind: stepWildcard, pos: open})
	case c == '?':
		err = pr.filter(p, open)
	case isDigit(c) || c == '-' || c == ':':
		err = pr.array(p, open)
	default:
		return pr.errAt(pr.pos, "unexpected %q in brackets: expected a quoted name, an index, '*' or '?'", c)
	}
	if err != nil {
		return err
	}
	return pr.expectStepEnd()
}

// names reads ['a'] or ['a', 'b'], all with the same quote.
func (pr *parser) names(p *Path, open int) error {
	q := pr.src[pr.pos]
	var names []string
	for {
		if pr.peek() != q {
			return pr.errAt(pr.pos, "expected a name in %c quotes", q)
		}
		s, err := pr.quoted()
		if err != nil {
			return err
		}
		names = append(names, s)
		pr.skipWS()
		switch pr.peek() {
		case ',':
			pr.pos++
			pr.skipWS()
			continue
		case ']':
			pr.pos++
		default:
			if !pr.more() {
				return pr.errAt(open, "unclosed '['")
			}
			return pr.errAt(pr.pos, "expected ',' or ']' after a quoted name")
		}
		break
	}
	if len(names) == 1 {
		p.steps = append(p.steps, step{kind: stepName, pos: open, name: names[0], quote: q})
	} else {
		p.steps = append(p.steps, step{kind: stepNames, pos: open, names: names, quote: q})
	}
	return nil
}

// quoted reads a string in the quote at pos, with Java's escapes, and moves
// past the closing quote.
func (pr *parser) quoted() (string, error) {
	start := pr.pos
	q := pr.src[start]
	i := start + 1
	for i < pr.end && pr.src[i] != q {
		if pr.src[i] == '\\' {
			i++
		}
		i++
	}
	if i >= pr.end {
		return "", pr.errAt(start, "unclosed %c quote", q)
	}
	s, ok := javaUnescape(pr.src[start+1 : i])
	if !ok {
		return "", pr.errAt(start, "invalid \\u escape")
	}
	pr.pos = i + 1
	return s, nil
}

// javaUnescape undoes the escapes Jayway's Utils.unescape knows: \b \f \n
// \r \t, \uXXXX (with surrogate pairs joined; a lone surrogate becomes
// U+FFFD), and a backslash before any other character, which stands for
// that character. A trailing backslash is kept.
func javaUnescape(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, true
	}
	var b strings.Builder
	high := rune(-1)
	flush := func() {
		if high >= 0 {
			b.WriteRune(utf8.RuneError)
			high = -1
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			flush()
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 == len(s) {
			flush()
			b.WriteByte('\\')
			break
		}
		e := s[i+1]
		i += 2
		if e == 'u' {
			if i+4 > len(s) {
				return "", false
			}
			v, err := strconv.ParseUint(s[i:i+4], 16, 16)
			if err != nil {
				return "", false
			}
			i += 4
			r := rune(v)
			switch {
			case r >= 0xD800 && r < 0xDC00:
				flush()
				high = r
			case r >= 0xDC00 && r < 0xE000:
				if high >= 0 {
					b.WriteRune(utf16.DecodeRune(high, r))
					high = -1
				} else {
					b.WriteRune(utf8.RuneError)
				}
			default:
				flush()
				b.WriteRune(r)
			}
			continue
		}
		flush()
		switch e {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		default:
			b.WriteByte(e)
		}
	}
	flush()
	return b.String(), true
}

// array reads [0], [0,1], [-1] or a slice [a:b], [a:], [:b]. As Jayway
// does, a slice ignores a third part: [0:4:2] is [0:4].
func (pr *parser) array(p *Path, open int) error {
	close := strings.IndexByte(pr.src[pr.pos:pr.end], ']')
	if close < 0 {
		return pr.errAt(open, "unclosed '['")
	}
	close += pr.pos
	body := strings.TrimSpace(pr.src[pr.pos:close])
	for i := 0; i < len(body); i++ {
		if c := body[i]; !isDigit(c) && c != ',' && c != '-' && c != ':' && c != ' ' {
			return pr.errAt(pr.pos+i, "unexpected %q in an array index", c)
		}
	}
	pr.pos = close + 1
	if strings.Contains(body, ":") {
		return pr.slice(p, open, body)
	}
	var idx []int
	for _, part := range strings.Split(body, ",") {
		n, ok := javaInt(strings.TrimSpace(part))
		if !ok {
			return pr.errAt(open, "invalid array index %q", strings.TrimSpace(part))
		}
		idx = append(idx, n)
	}
	if len(idx) == 1 {
		p.steps = append(p.steps, step{kind: stepIndex, pos: open, index: idx[0]})
	} else {
		p.steps = append(p.steps, step{kind: stepIndexes, pos: open, indexes: idx})
	}
	return nil
}

func (pr *parser) slice(p *Path, open int, body string) error {
	if strings.Contains(body, " ") {
		return pr.errAt(open, "a slice cannot contain spaces: [%s]", body)
	}
	parts := strings.Split(body, ":")
	if len(parts) > 3 {
		return pr.errAt(open, "a slice has at most three parts: [%s]", body)
	}
	s := step{kind: stepSlice, pos: open}
	var ok bool
	if parts[0] != "" {
		if s.from, ok = javaInt(parts[0]); !ok {
			return pr.errAt(open, "invalid slice start %q", parts[0])
		}
		s.hasFrom = true
	}
	if parts[1] != "" {
		if s.to, ok = javaInt(parts[1]); !ok {
			return pr.errAt(open, "invalid slice end %q", parts[1])
		}
		s.hasTo = true
	}
	if len(parts) == 3 && parts[2] != "" {
		if _, ok = javaInt(parts[2]); !ok {
			return pr.errAt(open, "invalid slice step %q", parts[2])
		}
	}
	if !s.hasFrom && !s.hasTo {
		return pr.errAt(open, "a slice needs a start or an end: [%s]", body)
	}
	p.steps = append(p.steps, s)
	return nil
}

// javaInt parses s as Java's Integer.parseInt would, digits with an
// optional minus.
func javaInt(s string) (int, bool) {
	if s == "" || s == "-" {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 32)
	return int(n), err == nil
}

// finish checks the whole path and works out whether it is definite.
func (pr *parser) finish(p *Path) error {
	p.definite = true
	n := len(p.steps)
	for i := range p.steps {
		s := &p.steps[i]
		if s.kind == stepScan && i == n-1 {
			return pr.errAt(s.pos, "a path must not end with '..'")
		}
		s.upDef = p.definite
		if !s.tokenDefinite(i == n-1) {
			p.definite = false
		}
	}
	if n >= 2 && p.steps[0].kind == stepScan && p.steps[n-1].kind == stepFunc {
		if p.steps[n-1].fn == fnIndex {
			return pr.errAt(p.steps[n-1].pos, "index() cannot end a path that starts with '..'")
		}
		p.inverted = true
		p.definite = true
	}
	return nil
}
