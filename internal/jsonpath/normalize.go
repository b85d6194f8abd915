package jsonpath

import (
	"strconv"
	"strings"
)

// Normalized returns the path in Jayway's normalized form, the form AWS
// quotes in error causes: "$.X" is "$['X']" and "$.a[0].b" is
// "$['a'][0]['b']". A name keeps the quote it was written with ($["a"]
// stays $["a"]); a backslash or quote in a name is escaped with a
// backslash, so the result parses back to an equivalent path.
//
// Where Jayway's form would not parse back, this one differs: a filter is
// printed in full as [?(...)] where Jayway prints [?], index(n) keeps its
// argument where Jayway prints index(...), and a name in double quotes has
// its double quotes escaped. The root is printed as written: "$", "$$" or
// "$name".
func (p *Path) Normalized() string {
	var b strings.Builder
	p.writeRoot(&b, false)
	for i := range p.steps {
		p.steps[i].write(&b, false)
	}
	return b.String()
}

// prefix is the normalized path of the value reached before steps[i].
func (p *Path) prefix(i int) string {
	var b strings.Builder
	p.writeRoot(&b, false)
	for j := 0; j < i; j++ {
		p.steps[j].write(&b, false)
	}
	return b.String()
}

// jaywayString is the path as Jayway's Path.toString prints it, which is
// what its "No results for path" message quotes. Jayway only ever sees "$":
// Step Functions hands it the context object or the variable's value.
func (p *Path) jaywayString() string {
	var b strings.Builder
	p.writeRoot(&b, true)
	for i := range p.steps {
		p.steps[i].write(&b, true)
	}
	return b.String()
}

// jaywayFrom prints steps[i:] as Jayway's PathToken.toString does, for
// messages that quote "the rest of the path from here".
func (p *Path) jaywayFrom(i int) string {
	var b strings.Builder
	for ; i < len(p.steps); i++ {
		p.steps[i].write(&b, true)
	}
	return b.String()
}

// evalPath is the path of the value reached before steps[i], written as
// Jayway's evaluator builds it for messages: names as ['name'] without
// escaping, indexes as written. Only names and single indexes come before a
// step whose upstream is definite, which is the only place this is asked.
func (p *Path) evalPath(i int) string {
	var b strings.Builder
	b.WriteByte('$')
	for j := 0; j < i; j++ {
		s := &p.steps[j]
		switch s.kind {
		case stepName:
			b.WriteString("['")
			b.WriteString(s.name)
			b.WriteString("']")
		case stepIndex:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		default:
			s.write(&b, true)
		}
	}
	return b.String()
}

func (p *Path) writeRoot(b *strings.Builder, jayway bool) {
	switch {
	case p.root == current:
		b.WriteByte('@')
	case jayway || p.root == Input:
		b.WriteByte('$')
	case p.root == Context:
		b.WriteString("$$")
	default:
		b.WriteByte('$')
		b.WriteString(p.variable)
	}
}

// write prints one step; jayway selects Jayway's own fragments.
func (s *step) write(b *strings.Builder, jayway bool) {
	switch s.kind {
	case stepName:
		b.WriteByte('[')
		writeQuotedName(b, s.name, s.quote)
		b.WriteByte(']')
	case stepNames:
		b.WriteByte('[')
		for i, n := range s.names {
			if i > 0 {
				b.WriteByte(',')
			}
			writeQuotedName(b, n, s.quote)
		}
		b.WriteByte(']')
	case stepIndex:
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(s.index))
		b.WriteByte(']')
	case stepIndexes:
		b.WriteByte('[')
		for i, n := range s.indexes {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(n))
		}
		b.WriteByte(']')
	case stepSlice:
		b.WriteByte('[')
		if s.hasFrom {
			b.WriteString(strconv.Itoa(s.from))
		}
		b.WriteByte(':')
		if s.hasTo {
			b.WriteString(strconv.Itoa(s.to))
		}
		b.WriteByte(']')
	case stepWildcard:
		b.WriteString("[*]")
	case stepScan:
		b.WriteString("..")
	case stepFilter:
		if jayway {
			b.WriteString("[?]")
			return
		}
		b.WriteString("[?(")
		s.filter.write(b)
		b.WriteString(")]")
	case stepFunc:
		b.WriteByte('.')
		b.WriteString(s.fn.String())
		switch {
		case s.fn != fnIndex:
			b.WriteString("()")
		case jayway:
			b.WriteString("(...)")
		default:
			b.WriteByte('(')
			b.WriteString(strconv.Itoa(s.fnArg))
			b.WriteByte(')')
		}
	}
}

// writeQuotedName prints a name in quotes, escaping as Jayway's
// PropertyPathToken does (backslash and single quote), plus the double
// quote when that is the delimiter.
func writeQuotedName(b *strings.Builder, name string, q byte) {
	b.WriteByte(q)
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '\\' || c == '\'' || c == q {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteByte(q)
}

// write prints a filter expression so that it parses back to the same
// expression.
func (e *expr) write(b *strings.Builder) {
	switch e.kind {
	case exprOr, exprAnd:
		op := " || "
		if e.kind == exprAnd {
			op = " && "
		}
		b.WriteByte('(')
		for i, s := range e.subs {
			if i > 0 {
				b.WriteString(op)
			}
			s.write(b)
		}
		b.WriteByte(')')
	case exprNot:
		b.WriteString("!(")
		e.subs[0].write(b)
		b.WriteByte(')')
	case exprRel:
		e.left.write(b)
		if e.op != opExists {
			b.WriteByte(' ')
			b.WriteString(relOpText[e.op])
			b.WriteByte(' ')
			e.right.write(b)
		}
	}
}

func (o *operand) write(b *strings.Builder) {
	switch o.kind {
	case operPath:
		if o.notExists {
			b.WriteByte('!')
		}
		b.WriteString(o.path.Normalized())
	case operString:
		writeQuotedName(b, o.str, '\'')
	case operBool:
		b.WriteString(strconv.FormatBool(o.b))
	case operNull:
		b.WriteString("null")
	default:
		b.WriteString(o.text)
	}
}
