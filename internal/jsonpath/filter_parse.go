package jsonpath

import (
	"encoding/json"
	"regexp"
	"strings"
)

// filter reads "[?(" expression ")]"; pos is at the '?'.
func (pr *parser) filter(p *Path, open int) error {
	q := pr.pos
	pr.pos++
	pr.skipWS()
	if pr.peek() == ']' || pr.peek() == ',' {
		return pr.errAt(q, "filter placeholders such as [?] need predicates passed in Java; write the filter inline as [?(...)]")
	}
	if pr.peek() != '(' {
		return pr.errAt(pr.pos, "expected '(' after '?'")
	}
	pr.pos++
	if err := pr.enter(); err != nil {
		return err
	}
	e, err := pr.orExpr()
	if err != nil {
		return err
	}
	pr.depth--
	pr.skipWS()
	if pr.peek() != ')' {
		if !pr.more() {
			return pr.errAt(open, "unclosed filter")
		}
		return pr.errAt(pr.pos, "unexpected %q in filter", pr.src[pr.pos])
	}
	pr.pos++
	pr.skipWS()
	if pr.peek() != ']' {
		return pr.errAt(pr.pos, "expected ']' to close the filter")
	}
	pr.pos++
	p.steps = append(p.steps, step{kind: stepFilter, pos: open, filter: e})
	return nil
}

func (pr *parser) enter() error {
	pr.depth++
	if pr.depth > maxDepth {
		return pr.errAt(pr.pos, "filter nested too deeply")
	}
	return nil
}

// orExpr reads a || b || ...; && binds tighter, as in Jayway.
func (pr *parser) orExpr() (*expr, error) {
	return pr.logical(exprOr, "||", pr.andExpr)
}

func (pr *parser) andExpr() (*expr, error) {
	return pr.logical(exprAnd, "&&", pr.unary)
}

func (pr *parser) logical(kind exprKind, op string, operand func() (*expr, error)) (*expr, error) {
	first, err := operand()
	if err != nil {
		return nil, err
	}
	subs := []*expr{first}
	for {
		pr.skipWS()
		if !strings.HasPrefix(pr.src[pr.pos:pr.end], op) {
			break
		}
		pr.pos += len(op)
		e, err := operand()
		if err != nil {
			return nil, err
		}
		subs = append(subs, e)
	}
	if len(subs) == 1 {
		return first, nil
	}
	return &expr{kind: kind, subs: subs}, nil
}

// unary reads !x, (x), or a comparison.
func (pr *parser) unary() (*expr, error) {
	pr.skipWS()
	if !pr.more() {
		return nil, pr.errAt(pr.pos, "unexpected end of filter")
	}
	switch pr.src[pr.pos] {
	case '!':
		bang := pr.pos
		pr.pos++
		pr.skipWS()
		if c := pr.peek(); c == '@' || c == '$' {
			// Jayway marks a path after "!" for an absence test and, when
			// an operator follows, ignores the "!".
			return pr.relation(true)
		}
		if err := pr.enter(); err != nil {
			return nil, err
		}
		sub, err := pr.unary()
		if err != nil {
			return nil, err
		}
		pr.depth--
		if sub == nil {
			return nil, pr.errAt(bang, "expected an expression after '!'")
		}
		return &expr{kind: exprNot, subs: []*expr{sub}}, nil
	case '(':
		open := pr.pos
		pr.pos++
		if err := pr.enter(); err != nil {
			return nil, err
		}
		e, err := pr.orExpr()
		if err != nil {
			return nil, err
		}
		pr.depth--
		pr.skipWS()
		if pr.peek() != ')' {
			return nil, pr.errAt(open, "unbalanced '('")
		}
		pr.pos++
		return e, nil
	}
	return pr.relation(false)
}

// relation reads "left op right", or a path alone (an existence test).
func (pr *parser) relation(notExists bool) (*expr, error) {
	leftPos := pr.pos
	left, err := pr.operand()
	if err != nil {
		return nil, err
	}
	left.notExists = notExists
	save := pr.pos
	op, ok, err := pr.relOperator()
	if err != nil {
		return nil, err
	}
	if !ok {
		pr.pos = save
		if left.kind != operPath {
			return nil, pr.errAt(leftPos, "expected a path or a comparison")
		}
		return &expr{kind: exprRel, left: left, op: opExists}, nil
	}
	right, err := pr.operand()
	if err != nil {
		return nil, err
	}
	return &expr{kind: exprRel, left: left, op: op, right: right}, nil
}

var symbolOps = map[string]relOp{
	"==": opEq, "!=": opNe, "===": opTSEq, "!==": opTSNe,
	"<": opLt, "<=": opLe, ">": opGt, ">=": opGe, "=~": opRegex,
}

var wordOps = map[string]relOp{
	"in": opIn, "nin": opNin, "subsetof": opSubsetOf, "anyof": opAnyOf, "noneof": opNoneOf,
	"size": opSize, "empty": opEmpty, "contains": opContains, "all": opAll, "exists": opExistsOp,
}

func isOpChar(c byte) bool { return c == '<' || c == '>' || c == '=' || c == '~' || c == '!' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// relOperator reads an operator; ok is false where the expression ends
// instead.
func (pr *parser) relOperator() (relOp, bool, error) {
	pr.skipWS()
	if !pr.more() {
		return 0, false, nil
	}
	start := pr.pos
	switch c := pr.src[pr.pos]; {
	case c == ')' || c == '&' || c == '|':
		return 0, false, nil
	case isOpChar(c):
		for pr.more() && isOpChar(pr.src[pr.pos]) {
			pr.pos++
		}
		if op, ok := symbolOps[pr.src[start:pr.pos]]; ok {
			return op, true, nil
		}
	case isLetter(c):
		for pr.more() && isLetter(pr.src[pr.pos]) {
			pr.pos++
		}
		word := strings.ToLower(pr.src[start:pr.pos])
		if op, ok := wordOps[word]; ok {
			return op, true, nil
		}
		if word == "type" || word == "matches" {
			return 0, false, pr.errAt(start, "the %s operator needs a Java class or predicate and is not supported", word)
		}
	default:
		return 0, false, pr.errAt(start, "expected an operator, '&&', '||' or ')'")
	}
	return 0, false, pr.errAt(start, "unknown operator %q", pr.src[start:pr.pos])
}

// operand reads a path, a string, number, boolean, null, JSON or regex
// literal.
func (pr *parser) operand() (operand, error) {
	pr.skipWS()
	if !pr.more() {
		return operand{}, pr.errAt(pr.pos, "unexpected end of filter: expected a value")
	}
	start := pr.pos
	switch c := pr.src[pr.pos]; {
	case c == '@' || c == '$':
		return pr.subPath()
	case c == '\'' || c == '"':
		s, err := pr.quoted()
		return operand{kind: operString, str: s}, err
	case c == '[' || c == '{':
		return pr.jsonLiteral()
	case c == '/':
		return pr.regex()
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range [...]string{"true", "false", "null"} {
			if strings.HasPrefix(pr.src[pr.pos:pr.end], w) {
				pr.pos += len(w)
				if w == "null" {
					return operand{kind: operNull}, nil
				}
				return operand{kind: operBool, b: w == "true"}, nil
			}
		}
	case isDigit(c) || c == '-' || c == '.':
		for pr.more() {
			c := pr.src[pr.pos]
			if !isDigit(c) && c != '-' && c != '.' && c != 'e' && c != 'E' &&
				(c != '+' || (pr.src[pr.pos-1] != 'e' && pr.src[pr.pos-1] != 'E')) {
				break
			}
			pr.pos++
		}
		text := pr.src[start:pr.pos]
		if d, ok := parseDecimal(text); ok {
			return operand{kind: operNumber, num: d, text: text}, nil
		}
		return operand{}, pr.errAt(start, "invalid number %q", text)
	}
	return operand{}, pr.errAt(start, "expected a path or a literal")
}

// subPath reads a path inside a filter. Its end is found first, as Jayway
// finds it: at whitespace, an operator character, '&', '|', or a ')' that
// closes no function call; brackets are skipped whole.
func (pr *parser) subPath() (operand, error) {
	start := pr.pos
	i, parens := start+1, 0
scan:
	for i < pr.end {
		switch c := pr.src[i]; {
		case c == '[':
			j := matchBracket(pr.src[:pr.end], i)
			if j < 0 {
				return operand{}, pr.errAt(i, "unclosed '['")
			}
			i = j + 1
			continue
		case c == '\\':
			i += 2
			continue
		case c == '(':
			parens++
		case c == ')':
			if parens == 0 {
				break scan
			}
			parens--
		case isSpace(c) || isOpChar(c) || c == '&' || c == '|':
			if parens == 0 {
				break scan
			}
		}
		i++
	}
	if i > pr.end {
		i = pr.end
	}
	sub := &parser{src: pr.src, pos: start, end: i, depth: pr.depth}
	p, err := sub.path(true)
	if err != nil {
		return operand{}, err
	}
	p.text = pr.src[start:i]
	pr.pos = i
	return operand{kind: operPath, path: p}, nil
}

// matchBracket returns the index of the ']' that closes the '[' at
// s[open], skipping quoted strings, or -1.
func matchBracket(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"':
			for i++; i < len(s) && s[i] != c; i++ {
				if s[i] == '\\' {
					i++
				}
			}
			if i >= len(s) {
				return -1
			}
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// regex reads /pattern/flags. Java's matches() must match the whole
// input, so the pattern is anchored at both ends. The flags i, m and s mean
// what they mean in Java; u is accepted and changes nothing (Go's case
// folding is already Unicode's); Java's d, x and U are refused.
func (pr *parser) regex() (operand, error) {
	start := pr.pos
	i := start + 1
	for i < pr.end && pr.src[i] != '/' {
		if pr.src[i] == '\\' {
			i++
		}
		i++
	}
	if i >= pr.end {
		return operand{}, pr.errAt(start, "unclosed regular expression")
	}
	pattern := pr.src[start+1 : i]
	i++
	var flags strings.Builder
	for ; i < pr.end && isLetter(pr.src[i]); i++ {
		switch f := pr.src[i]; f {
		case 'i', 'm', 's':
			if !strings.ContainsRune(flags.String(), rune(f)) {
				flags.WriteByte(f)
			}
		case 'u':
		default:
			return operand{}, pr.errAt(i, "regular expression flag %q is not supported", f)
		}
	}
	src := `\A(?:` + pattern + `)\z`
	if flags.Len() > 0 {
		src = "(?" + flags.String() + ")" + src
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return operand{}, pr.errAt(start, "invalid regular expression: %v", err)
	}
	text := pr.src[start:i]
	pr.pos = i
	return operand{kind: operRegex, re: re, text: text}, nil
}

// jsonLiteral reads a JSON array or object, as leniently as json-smart's
// permissive mode, which Jayway uses: strings may be in single quotes and
// unquoted words are strings.
func (pr *parser) jsonLiteral() (operand, error) {
	start := pr.pos
	lp := litParser{src: pr.src[:pr.end], pos: pr.pos, depth: pr.depth}
	v, err := lp.value()
	if err != nil {
		return operand{}, pr.errAt(lp.pos, "invalid JSON literal: %v", err)
	}
	pr.pos = lp.pos
	return operand{kind: operJSON, json: v, text: pr.src[start:pr.pos]}, nil
}

// litParser parses the JSON literals of filters.
type litParser struct {
	src   string
	pos   int
	depth int
}

type litError string

func (e litError) Error() string { return string(e) }

func (lp *litParser) skipWS() {
	for lp.pos < len(lp.src) && isSpace(lp.src[lp.pos]) {
		lp.pos++
	}
}

func (lp *litParser) value() (any, error) {
	lp.skipWS()
	if lp.pos >= len(lp.src) {
		return nil, litError("unexpected end")
	}
	switch c := lp.src[lp.pos]; {
	case c == '[' || c == '{':
		lp.depth++
		if lp.depth > maxDepth {
			return nil, litError("nested too deeply")
		}
		defer func() { lp.depth-- }()
		if c == '[' {
			return lp.array()
		}
		return lp.object()
	case c == '"' || c == '\'':
		return lp.str()
	}
	start := lp.pos
	for lp.pos < len(lp.src) && isWordChar(lp.src[lp.pos]) {
		lp.pos++
	}
	word := lp.src[start:lp.pos]
	switch word {
	case "":
		return nil, litError("expected a value")
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if c := word[0]; isDigit(c) || c == '-' {
		if _, ok := parseDecimal(word); ok {
			return json.Number(word), nil
		}
	}
	return word, nil
}

func isWordChar(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_' || c == '-' || c == '+' || c == '.' || c == '$'
}

func (lp *litParser) str() (string, error) {
	q := lp.src[lp.pos]
	i := lp.pos + 1
	for i < len(lp.src) && lp.src[i] != q {
		if lp.src[i] == '\\' {
			i++
		}
		i++
	}
	if i >= len(lp.src) {
		return "", litError("unclosed string")
	}
	s, ok := javaUnescape(lp.src[lp.pos+1 : i])
	if !ok {
		return "", litError("invalid \\u escape")
	}
	lp.pos = i + 1
	return s, nil
}

func (lp *litParser) array() (any, error) {
	lp.pos++ // '['
	out := []any{}
	lp.skipWS()
	if lp.pos < len(lp.src) && lp.src[lp.pos] == ']' {
		lp.pos++
		return out, nil
	}
	for {
		v, err := lp.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		lp.skipWS()
		if lp.pos >= len(lp.src) {
			return nil, litError("unclosed array")
		}
		switch lp.src[lp.pos] {
		case ',':
			lp.pos++
			continue
		case ']':
			lp.pos++
			return out, nil
		}
		return nil, litError("expected ',' or ']'")
	}
}

func (lp *litParser) object() (any, error) {
	lp.pos++ // '{'
	out := map[string]any{}
	lp.skipWS()
	if lp.pos < len(lp.src) && lp.src[lp.pos] == '}' {
		lp.pos++
		return out, nil
	}
	for {
		lp.skipWS()
		if lp.pos >= len(lp.src) {
			return nil, litError("unclosed object")
		}
		var key string
		if c := lp.src[lp.pos]; c == '"' || c == '\'' {
			k, err := lp.str()
			if err != nil {
				return nil, err
			}
			key = k
		} else {
			start := lp.pos
			for lp.pos < len(lp.src) && isWordChar(lp.src[lp.pos]) {
				lp.pos++
			}
			if start == lp.pos {
				return nil, litError("expected a key")
			}
			key = lp.src[start:lp.pos]
		}
		lp.skipWS()
		if lp.pos >= len(lp.src) || lp.src[lp.pos] != ':' {
			return nil, litError("expected ':'")
		}
		lp.pos++
		v, err := lp.value()
		if err != nil {
			return nil, err
		}
		out[key] = v
		lp.skipWS()
		if lp.pos >= len(lp.src) {
			return nil, litError("unclosed object")
		}
		switch lp.src[lp.pos] {
		case ',':
			lp.pos++
			continue
		case '}':
			lp.pos++
			return out, nil
		}
		return nil, litError("expected ',' or '}'")
	}
}
