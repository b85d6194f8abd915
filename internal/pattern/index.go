package pattern

import (
	"net/netip"
	"slices"

	"github.com/switchyard/switchyard/internal/attr"
)

// Index holds many policies under keys and answers which match a message.
// Each alternative of a policy is filed under one of its clauses that can
// only pass on a value the message has: an exact value goes into a hash
// map, so that matching costs the same whether the index holds ten such
// policies or ten thousand; other operators go into their field's list,
// tried on that field's values only. A policy is evaluated in full only
// when one of its anchors fires. Policies with an alternative that tests
// nothing but absence are tried on every message.
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

// fieldAnchors are the anchors of one field.
type fieldAnchors[K comparable] struct {
	strings  map[string][]*entry[K]  // exact strings
	numbers  map[float64][]*entry[K] // exact numbers
	literals [kindNull + 1][]*entry[K]

	ops    []opAnchor[K] // tried on each value
	cidrs  []opAnchor[K] // tried on each value that is an IP address, parsed once
	exists []*entry[K]   // fire when the field has any value
}

type opAnchor[K comparable] struct {
	op *op
	e  *entry[K]
}

type entry[K comparable] struct {
	key      K
	policy   *Policy
	fieldMap []int // the policy's field f is the index's fieldMap[f]
	anchored bool  // false when filed in always
	id       int   // dense, for marking candidates
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
	e.anchored = si.file(e, true)
	if !e.anchored {
		si.always = append(si.always, e)
	}
	ix.where[key] = e
}

// file files (or, with add false, unfiles) e under one anchor clause of
// each of its policy's alternatives: the first that tests only exact
// values, else the first that cannot pass on a missing field. It reports
// false, filing nothing, if some alternative has neither.
func (si *scopeIndex[K]) file(e *entry[K], add bool) bool {
	anchors := make([]*clause, len(e.policy.alts))
	for i, alt := range e.policy.alts {
		if anchors[i] = anchorClause(alt); anchors[i] == nil {
			return false
		}
	}
	for _, cl := range anchors {
		f := e.fieldMap[cl.field]
		fa := &si.byField[f]
		for i := range cl.ops {
			o := &cl.ops[i]
			switch o.kind {
			case opExact:
				fa.fileExact(o.val, e, add)
			case opExists:
				fa.exists = edit(fa.exists, e, add)
			case opCIDR:
				fa.cidrs = editOp(fa.cidrs, opAnchor[K]{o, e}, add)
			default:
				fa.ops = editOp(fa.ops, opAnchor[K]{o, e}, add)
			}
		}
	}
	return true
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

func anchorClause(alt []clause) *clause {
	var positive *clause
	for i := range alt {
		if exactOnly(alt[i].ops) {
			return &alt[i]
		}
		if positive == nil && !slices.ContainsFunc(alt[i].ops, func(o op) bool { return o.kind == opNotExists }) {
			positive = &alt[i]
		}
	}
	return positive
}

func exactOnly(ops []op) bool {
	for _, o := range ops {
		if o.kind != opExact {
			return false
		}
	}
	return true
}

// edit adds e to list or removes it.
func edit[K comparable](list []*entry[K], e *entry[K], add bool) []*entry[K] {
	if add {
		return append(list, e)
	}
	return slices.DeleteFunc(list, func(x *entry[K]) bool { return x == e })
}

func editOp[K comparable](list []opAnchor[K], a opAnchor[K], add bool) []opAnchor[K] {
	if add {
		return append(list, a)
	}
	return slices.DeleteFunc(list, func(x opAnchor[K]) bool { return x.e == a.e })
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
	if e.anchored {
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
			if len(fa.cidrs) > 0 && v.kind == kindString {
				if addr, err := netip.ParseAddr(v.str); err == nil {
					for _, a := range fa.cidrs {
						if a.op.cidr.Contains(addr.Unmap()) {
							try(a.e)
						}
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
