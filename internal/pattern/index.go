package pattern

import (
	"net/netip"
	"slices"

	"github.com/switchyard/switchyard/internal/attr"
)

// Index holds many policies under keys and answers which match a message.
// Each alternative of a policy is filed under one of its clauses that can
// only pass on a value the message has, its anchor. Exact values and
// prefixes are found by hashing (see [fieldAnchors]), so that matching
// costs the same whether the index holds ten such policies or ten
// thousand; other operators go into their field's list, tried on that
// field's values only. A policy is evaluated in full only when one of its
// anchors fires. Policies with an alternative that tests nothing but
// absence are tried on every message.
//
// AppendMatches is safe for concurrent use; Set and Delete need exclusive
// use of the index.
type Index[K comparable] struct {
	scopes [2]scopeIndex[K] // by Scope
	where  map[K]*entry[K]
}

// scopeIndex holds the policies of one scope.
type scopeIndex[K comparable] struct {
	fields  fieldSet
	byField []fieldAnchors[K] // by the index's field number
	always  []*entry[K]
	ids     idPool
}

// fieldAnchors are the anchors of one field. A string value finds the
// prefixes it starts with by looking up its own prefix of each length some
// anchor has: a few hash lookups, however many prefixes there are. An IP
// address finds its CIDR ranges the same way, masked to each length.
type fieldAnchors[K comparable] struct {
	strings  map[string][]*entry[K]  // exact strings
	numbers  map[float64][]*entry[K] // exact numbers
	literals [kindNull + 1][]*entry[K]
	prefixes map[string][]*entry[K]
	lengths  lengthSet // of the prefixes
	cidrs    map[netip.Prefix][]*entry[K]
	bits     lengthSet // of the CIDR ranges

	ranges []rangeAnchor[K] // tried on each number
	ops    []opAnchor[K]    // tried on each value
	exists []*entry[K]      // fire when the field has any value
}

// rangeAnchor is a numeric anchor, held by value so that trying many on a
// number reads them in a row.
type rangeAnchor[K comparable] struct {
	r numericRange
	e *entry[K]
}

type opAnchor[K comparable] struct {
	op *op
	e  *entry[K]
}

type entry[K comparable] struct {
	key      K
	policy   *Policy
	fieldMap []int     // the policy's field f is the index's fieldMap[f]
	anchors  []*clause // one per alternative; nil when filed in always
	id       int       // dense, for marking candidates
}

// Len returns how many policies the index holds.
func (ix *Index[K]) Len() int { return len(ix.where) }

// Set files p under key, replacing what key held.
func (ix *Index[K]) Set(key K, p *Policy) {
	ix.Delete(key)
	if ix.where == nil {
		ix.where = map[K]*entry[K]{}
	}
	si := &ix.scopes[p.scope]
	if si.fields.index == nil {
		si.fields = newFieldSet()
	}
	e := &entry[K]{key: key, policy: p, id: si.ids.get(), fieldMap: make([]int, p.fields.len())}
	for path, f := range p.fields.index {
		e.fieldMap[f] = si.fields.add(path)
	}
	for len(si.byField) < si.fields.len() {
		si.byField = append(si.byField, fieldAnchors[K]{})
	}
	if e.anchors = si.chooseAnchors(e); e.anchors != nil {
		si.file(e, true)
	} else {
		si.always = append(si.always, e)
	}
	ix.where[key] = e
}

// chooseAnchors picks an anchor clause for each alternative of e's policy,
// or returns nil if some alternative has none. A clause whose operators
// are all found by hashing is preferred; among such
// clauses the one whose values the fewest policies are filed under yet,
// since every policy under a value the message has must be evaluated.
// Failing those, the first clause that cannot pass on a missing field.
func (si *scopeIndex[K]) chooseAnchors(e *entry[K]) []*clause {
	anchors := make([]*clause, len(e.policy.alts))
	for i, alt := range e.policy.alts {
		best, bestLoad := (*clause)(nil), 0
		for j := range alt {
			cl := &alt[j]
			if load, ok := si.byField[e.fieldMap[cl.field]].load(cl.ops); ok && (best == nil || load < bestLoad) {
				best, bestLoad = cl, load
			}
		}
		if best == nil {
			best = positiveClause(alt)
		}
		if best == nil {
			return nil
		}
		anchors[i] = best
	}
	return anchors
}

// file files (or, with add false, unfiles) e under its anchors.
func (si *scopeIndex[K]) file(e *entry[K], add bool) {
	for _, cl := range e.anchors {
		fa := &si.byField[e.fieldMap[cl.field]]
		for i := range cl.ops {
			o := &cl.ops[i]
			switch o.kind {
			case opExact:
				fa.fileExact(o.val, e, add)
			case opPrefix:
				fa.prefixes = editMap(fa.prefixes, o.str, e, add)
				fa.lengths.edit(len(o.str), add)
			case opExists:
				fa.exists = edit(fa.exists, e, add)
			case opCIDR:
				fa.cidrs = editMap(fa.cidrs, o.cidr, e, add)
				fa.bits.edit(o.cidr.Bits(), add)
			case opNumeric:
				fa.ranges = editAnchor(fa.ranges, rangeAnchor[K]{o.num, e}, add)
			default:
				fa.ops = editAnchor(fa.ops, opAnchor[K]{o, e}, add)
			}
		}
	}
}

// load reports how many policies are filed under the values of ops, with
// ok false unless every op is found by hashing: an exact value, a prefix or
// a CIDR range.
func (fa *fieldAnchors[K]) load(ops []op) (n int, ok bool) {
	for i := range ops {
		switch o := &ops[i]; o.kind {
		case opExact:
			n += len(fa.exactly(o.val))
		case opPrefix:
			n += len(fa.prefixes[o.str])
		case opCIDR:
			n += len(fa.cidrs[o.cidr])
		default:
			return 0, false
		}
	}
	return n, true
}

// fileExact files (or unfiles) e under the exact value v.
func (fa *fieldAnchors[K]) fileExact(v value, e *entry[K], add bool) {
	switch v.kind {
	case kindString:
		fa.strings = editMap(fa.strings, v.str, e, add)
	case kindNumber:
		fa.numbers = editMap(fa.numbers, v.num, e, add)
	default:
		fa.literals[v.kind] = edit(fa.literals[v.kind], e, add)
	}
}

// exactly returns the entries filed under the exact value v.
func (fa *fieldAnchors[K]) exactly(v value) []*entry[K] {
	switch v.kind {
	case kindString:
		return fa.strings[v.str]
	case kindNumber:
		return fa.numbers[v.num]
	}
	return fa.literals[v.kind]
}

func editMap[V comparable, K comparable](m map[V][]*entry[K], v V, e *entry[K], add bool) map[V][]*entry[K] {
	if m == nil {
		m = map[V][]*entry[K]{}
	}
	if list := edit(m[v], e, add); len(list) > 0 {
		m[v] = list
	} else {
		delete(m, v)
	}
	return m
}

// positiveClause returns the first clause of alt that cannot pass on a
// missing field, or nil.
func positiveClause(alt []clause) *clause {
	for i := range alt {
		if !slices.ContainsFunc(alt[i].ops, func(o op) bool { return o.kind == opNotExists }) {
			return &alt[i]
		}
	}
	return nil
}

// edit adds e to list or removes it.
func edit[K comparable](list []*entry[K], e *entry[K], add bool) []*entry[K] {
	if add {
		return append(list, e)
	}
	return slices.DeleteFunc(list, func(x *entry[K]) bool { return x == e })
}

// anchor is what a field's operator lists hold.
type anchor[K comparable] interface {
	opAnchor[K] | rangeAnchor[K]
	entry() *entry[K]
}

func (a opAnchor[K]) entry() *entry[K]    { return a.e }
func (a rangeAnchor[K]) entry() *entry[K] { return a.e }

// editAnchor adds a to list or removes every anchor of a's entry.
func editAnchor[A anchor[K], K comparable](list []A, a A, add bool) []A {
	if add {
		return append(list, a)
	}
	return slices.DeleteFunc(list, func(x A) bool { return x.entry() == a.entry() })
}

// Delete removes what key holds, if anything. The index keeps the fields
// it has seen.
func (ix *Index[K]) Delete(key K) {
	e, ok := ix.where[key]
	if !ok {
		return
	}
	delete(ix.where, key)
	si := &ix.scopes[e.policy.scope]
	if e.anchors != nil {
		si.file(e, false)
	} else {
		si.always = edit(si.always, e, false)
	}
	si.ids.put(e.id)
}

// AppendMatches appends to dst the keys of the policies the message
// matches, attribute-scope policies on attrs and body-scope ones on body,
// and returns the extended slice. The order of the keys is unspecified.
func (ix *Index[K]) AppendMatches(dst []K, attrs map[string]attr.Value, body []byte) []K {
	if si := &ix.scopes[ScopeAttributes]; si.fields.len() > 0 {
		sc := getScratch(si.fields.len())
		sc.collectAttributes(&si.fields, attrs)
		dst = si.appendMatches(dst, sc, len(attrs) == 0)
		sc.release()
	}
	if si := &ix.scopes[ScopeBody]; si.fields.len() > 0 {
		sc := getScratch(si.fields.len())
		if sc.collectBody(&si.fields, body) {
			dst = si.appendMatches(dst, sc, false)
		}
		sc.release()
	}
	return dst
}

// appendMatches evaluates each policy one of whose anchors fires on the
// collected values, once, and every policy without anchors.
func (si *scopeIndex[K]) appendMatches(dst []K, sc *scratch, noAttributes bool) []K {
	seen := sc.marks(si.ids.size())
	try := func(e *entry[K]) {
		if seen.mark(e.id) && e.policy.eval(sc.vals, e.fieldMap, noAttributes) {
			dst = append(dst, e.key)
		}
	}
	for f, vals := range sc.vals {
		if len(vals) == 0 {
			continue
		}
		fa := &si.byField[f]
		for _, e := range fa.exists {
			try(e)
		}
		for _, v := range vals {
			for _, e := range fa.exactly(v) {
				try(e)
			}
			for _, a := range fa.ops {
				if a.op.matches(v) {
					try(a.e)
				}
			}
			switch v.kind {
			case kindString:
				for _, n := range fa.lengths.upTo(len(v.str)) {
					for _, e := range fa.prefixes[v.str[:n]] {
						try(e)
					}
				}
				if len(fa.cidrs) > 0 {
					fa.tryCIDRs(v.str, try)
				}
			case kindNumber:
				for i := range fa.ranges {
					if fa.ranges[i].r.contains(v.num) {
						try(fa.ranges[i].e)
					}
				}
			}
		}
	}
	for _, e := range si.always {
		try(e)
	}
	return dst
}

// tryCIDRs tries the entries whose CIDR ranges hold s, if it is an IP
// address.
func (fa *fieldAnchors[K]) tryCIDRs(s string, try func(*entry[K])) {
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return
	}
	addr = addr.Unmap()
	for _, bits := range fa.bits.upTo(addr.BitLen()) {
		p, err := addr.Prefix(bits)
		if err != nil {
			continue
		}
		for _, e := range fa.cidrs[p] {
			try(e)
		}
	}
}
