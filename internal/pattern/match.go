package pattern

import (
	"strings"
	"sync"

	"github.com/switchyard/switchyard/internal/attr"
)

// scratch is the memory one match works in, pooled so that matching does
// not allocate.
type scratch struct {
	scanner
	seen   markSet
	folded []byte // the value being matched, folded (see foldRune)
}

// fold returns s folded, in the scratch's memory: valid until the next
// call.
func (sc *scratch) fold(s string) string {
	sc.folded = appendFold(sc.folded[:0], s)
	return bytesString(sc.folded)
}

// marks returns the scratch's mark set, empty and sized for n ids.
func (sc *scratch) marks(n int) *markSet {
	m := &sc.seen
	if len(m.marks) < n {
		m.marks = make([]uint32, n)
		m.gen = 0
	}
	m.gen++
	if m.gen == 0 { // wrapped: old marks could look current
		clear(m.marks)
		m.gen = 1
	}
	return m
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch(fields int) *scratch {
	sc := scratchPool.Get().(*scratch)
	if cap(sc.vals) < fields {
		sc.vals = make([][]value, fields)
	}
	sc.vals = sc.vals[:fields]
	for i := range sc.vals {
		sc.vals[i] = sc.vals[i][:0]
	}
	sc.buf = sc.buf[:0]
	return sc
}

func (sc *scratch) release() {
	sc.in, sc.fs = nil, nil
	scratchPool.Put(sc)
}

// collectBody gathers the values of the fields in fs from a JSON body; ok
// is false when the body is not a well-formed JSON object.
func (sc *scratch) collectBody(fs *fieldSet, body []byte) bool {
	sc.in, sc.pos, sc.fs, sc.bad = body, 0, fs, false
	return sc.body()
}

// collectAttributes gathers the values of the fields in fs from message
// attributes: a String is a string, a Number a number, a String.Array each
// of its elements; Binary attributes are not matched, as in SNS.
func (sc *scratch) collectAttributes(fs *fieldSet, attrs map[string]attr.Value) {
	for name, f := range fs.index {
		n := fs.nodes[f]
		a, ok := attrs[name]
		if !ok {
			continue
		}
		switch t := a.DataType; {
		case t == "String.Array" || strings.HasPrefix(t, "String.Array."):
			sc.in, sc.pos, sc.fs, sc.bad = stringBytes(a.StringValue), 0, fs, false
			sc.space()
			if sc.peek() == '[' {
				sc.array(0, func() { sc.collect(n, 1) })
			}
		case t == "Number" || strings.HasPrefix(t, "Number."):
			if v, ok := numberValue(strings.TrimSpace(a.StringValue)); ok {
				sc.vals[n.field] = append(sc.vals[n.field], v)
			}
		case t == "String" || strings.HasPrefix(t, "String."):
			sc.vals[n.field] = append(sc.vals[n.field], value{kind: kindString, str: a.StringValue})
		}
	}
}

// MatchAttributes reports whether message attributes pass the policy.
func (p *Policy) MatchAttributes(attrs map[string]attr.Value) bool {
	sc := getScratch(p.fields.len())
	defer sc.release()
	sc.collectAttributes(&p.fields, attrs)
	return evalAlts(p.alts, sc.vals, len(attrs) == 0)
}

// MatchBody reports whether a JSON body passes the policy. A body that is
// not a JSON object matches nothing.
func (p *Policy) MatchBody(body []byte) bool {
	sc := getScratch(p.fields.len())
	defer sc.release()
	return sc.collectBody(&p.fields, body) && evalAlts(p.alts, sc.vals, false)
}

// Match matches the attributes or the body, as the policy's scope says.
func (p *Policy) Match(attrs map[string]attr.Value, body []byte) bool {
	if p.scope == ScopeBody {
		return p.MatchBody(body)
	}
	return p.MatchAttributes(attrs)
}

// evalAlts decides a policy on the values of its fields, vals[f] for its
// field f: it matches when every clause of some alternative does.
// noAttributes is set for a message without attributes, where SNS lets no
// exists:false match.
func evalAlts(alts [][]clause, vals [][]value, noAttributes bool) bool {
	for _, alt := range alts {
		if allMatch(alt, vals, noAttributes) {
			return true
		}
	}
	return false
}

func allMatch(alt []clause, vals [][]value, noAttributes bool) bool {
	for i := range alt {
		if !alt[i].matches(vals[alt[i].field], noAttributes) {
			return false
		}
	}
	return true
}

// matches reports whether any operator of the clause passes the field's
// values.
func (cl *clause) matches(vals []value, noAttributes bool) bool {
	for i := range cl.ops {
		o := &cl.ops[i]
		switch o.kind {
		case opExists:
			if len(vals) > 0 {
				return true
			}
		case opNotExists:
			if len(vals) == 0 && !noAttributes {
				return true
			}
		case opExact: // the common case, without a call
			for j := range vals {
				if vals[j].equal(o.val) {
					return true
				}
			}
		default:
			for _, v := range vals {
				if o.matches(v) {
					return true
				}
			}
		}
	}
	return false
}
