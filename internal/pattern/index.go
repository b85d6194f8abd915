package pattern

import (
	"slices"

	"github.com/switchyard/switchyard/internal/attr"
)

// Index holds many policies under keys and answers which match a message.
// Each alternative of a policy is filed under one of its clauses that can
// only pass on a value the message has, its anchor. Exact values,
// prefixes, suffixes, their ignore-case forms, wildcards with a literal
// end and CIDR ranges are found by hashing and numeric ranges by a search
// tree (see [fieldAnchors]), so that matching costs the same whether the
// index holds ten such policies or ten thousand; the few operators that
// cannot be looked up go into their field's list, tried on that field's
// values only. A policy is evaluated in full only when one of its
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

type entry[K comparable] struct {
	key    K
	policy *Policy
	// alts are the policy's alternatives with their fields renumbered as
	// the index numbers them, so that evaluating a candidate reads the
	// collected values directly.
	alts    [][]clause
	anchors []*clause // one per alternative, into alts; nil when filed in always
	id      int       // dense, for marking candidates
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
	e := &entry[K]{key: key, policy: p, id: si.ids.get(), alts: si.renumber(p)}
	for len(si.byField) < si.fields.len() {
		si.byField = append(si.byField, fieldAnchors[K]{})
	}
	if e.anchors = si.chooseAnchors(e); e.anchors != nil {
		si.file(e, true)
		si.rebalance(e)
	} else {
		si.always = append(si.always, e)
	}
	ix.where[key] = e
}

// renumber returns p's alternatives with each clause's field numbered as
// the index numbers it, adding the fields the index did not know. The
// operators stay shared with p.
func (si *scopeIndex[K]) renumber(p *Policy) [][]clause {
	fieldMap := make([]int, p.fields.len())
	for path, f := range p.fields.index {
		fieldMap[f] = si.fields.add(path)
	}
	alts := make([][]clause, len(p.alts))
	for i, alt := range p.alts {
		alts[i] = slices.Clone(alt)
		for j := range alts[i] {
			alts[i][j].field = fieldMap[alts[i][j].field]
		}
	}
	return alts
}

// rebalance re-chooses the anchors of the policies filed under the same
// value as one of e's anchors whenever their number reaches a power of two
// from 8 on. Anchors are chosen greedily: a policy filed while every
// value it could go under was free may have a less crowded one by now.
// Each policy is looked at again a few times over the life of a value, so
// filing stays cheap on average.
func (si *scopeIndex[K]) rebalance(e *entry[K]) {
	for _, cl := range e.anchors {
		fa := &si.byField[cl.field]
		for i := range cl.ops {
			shared := fa.sharing(&cl.ops[i])
			if n := len(shared); n < 8 || n&(n-1) != 0 {
				continue
			}
			for _, x := range slices.Clone(shared) {
				if x != e {
					si.file(x, false)
					x.anchors = si.chooseAnchors(x) // afresh, now that x is not counted
					si.file(x, true)
				}
			}
		}
	}
}

// chooseAnchors picks an anchor clause for each alternative of e's policy,
// or returns nil if some alternative has none (every clause of it can
// pass on a missing field). The clause chosen is the one whose worst
// operator ranks best (see slot.rank), then the one likely to fire least
// often (see fieldAnchors.cost), since every policy an anchor fires for
// must be evaluated.
func (si *scopeIndex[K]) chooseAnchors(e *entry[K]) []*clause {
	anchors := make([]*clause, len(e.alts))
	for i, alt := range e.alts {
		var best *clause
		bestRank, bestShare := 0, 0.0
		for j := range alt {
			cl := &alt[j]
			rank, share, ok := si.byField[cl.field].cost(cl.ops)
			if ok && (best == nil || rank < bestRank || rank == bestRank && share < bestShare) {
				best, bestRank, bestShare = cl, rank, share
			}
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
		fa := &si.byField[cl.field]
		for i := range cl.ops {
			fa.file(&cl.ops[i], e, add)
		}
	}
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

// edit adds e to list or removes it.
func edit[K comparable](list []*entry[K], e *entry[K], add bool) []*entry[K] {
	if add {
		return append(list, e)
	}
	return slices.DeleteFunc(list, func(x *entry[K]) bool { return x == e })
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
	c := candidates[K]{sc: sc, seen: sc.marks(si.ids.size()), noAttributes: noAttributes, dst: dst}
	for f, vals := range sc.vals {
		if len(vals) == 0 {
			continue
		}
		fa := &si.byField[f]
		if fa.used == 0 {
			continue // a field only evaluated, never an anchor
		}
		c.tryAll(fa.exists)
		for _, v := range vals {
			fa.tryValue(v, &c)
		}
	}
	for _, e := range si.always {
		c.try(e)
	}
	return c.dst
}

// candidates evaluates the policies whose anchors fire during one match,
// each once, and gathers the keys of those that match.
type candidates[K comparable] struct {
	sc           *scratch
	seen         *markSet
	noAttributes bool
	dst          []K
}

func (c *candidates[K]) try(e *entry[K]) {
	if c.seen.mark(e.id) && evalAlts(e.alts, c.sc.vals, c.noAttributes) {
		c.dst = append(c.dst, e.key)
	}
}

func (c *candidates[K]) tryAll(list []*entry[K]) {
	for _, e := range list {
		c.try(e)
	}
}
