package pattern

import (
	"net/netip"
	"slices"
)

// fieldAnchors are the anchors of one field. Values are found by hashing
// wherever an operator allows it: a string finds the prefixes it starts
// with by looking up its own prefix of each length some anchor has, a few
// hash lookups however many prefixes there are; suffixes the same from
// the other end; the ignore-case operators the same on the folded string
// (see foldRune); an IP address its CIDR ranges, masked to each length
// some range has; a number its ranges through a search tree. Only the
// operators nothing can look up (anything-but, a wildcard with stars at
// both ends) are tried one by one.
type fieldAnchors[K comparable] struct {
	strings  map[string][]*entry[K]  // exact strings
	numbers  map[float64][]*entry[K] // exact numbers
	literals [kindNull + 1][]*entry[K]
	folded   map[string][]*entry[K] // equals-ignore-case, by folded value

	prefixes, suffixes             affixes[K]
	foldedPrefixes, foldedSuffixes affixes[K]

	cidrs map[netip.Prefix][]*entry[K]
	bits  lengthSet // of the CIDR ranges

	ranges rangeIndex[K]
	ops    []opAnchor[K] // tried on each value
	exists []*entry[K]   // fire when the field has any value

	used  slotSet // the slots holding anchors, so that a value skips the rest
	count int     // operators filed here
}

// slotSet is a set of slots.
type slotSet uint16

func (s slotSet) has(sl slot) bool { return s&(1<<sl) != 0 }

type opAnchor[K comparable] struct {
	op *op
	e  *entry[K]
}

// affixes are prefixes (or suffixes) of one kind, with their lengths.
type affixes[K comparable] struct {
	byText  map[string][]*entry[K]
	lengths lengthSet
}

func (a *affixes[K]) edit(text string, e *entry[K], add bool) {
	a.byText = editMap(a.byText, text, e, add)
	a.lengths.edit(len(text), add)
}

func (a *affixes[K]) empty() bool { return len(a.byText) == 0 }

// tryPrefixes tries the entries filed under a prefix of s.
func (a *affixes[K]) tryPrefixes(s string, c *candidates[K]) {
	for _, n := range a.lengths.upTo(len(s)) {
		c.tryAll(a.byText[s[:n]])
	}
}

// trySuffixes tries the entries filed under a suffix of s.
func (a *affixes[K]) trySuffixes(s string, c *candidates[K]) {
	for _, n := range a.lengths.upTo(len(s)) {
		c.tryAll(a.byText[s[len(s)-n:]])
	}
}

// slot is where an operator is filed when its clause anchors a policy.
type slot uint8

const (
	slotScan slot = iota // ops: tried on each value
	slotExact
	slotFolded
	slotPrefix
	slotSuffix
	slotFoldedPrefix
	slotFoldedSuffix
	slotCIDR
	slotRange
	slotExists
	slotNone // exists:false, which a missing field passes: never an anchor
)

// rank orders the slots by how many values of a field an anchor in them
// fires for: one exact value; one value ignoring case; the values with a
// prefix, a suffix or in a CIDR range; a numeric range; every value an
// operator nothing can look up (anything-but, a wildcard without a
// literal end) tries; and exists:true, which fires whenever the field is
// there.
func (s slot) rank() int {
	switch s {
	case slotExact:
		return 0
	case slotFolded:
		return 1
	case slotPrefix, slotSuffix, slotFoldedPrefix, slotFoldedSuffix, slotCIDR:
		return 2
	case slotRange:
		return 3
	case slotScan:
		return 4
	}
	return 5
}

// anchorOf returns where o is filed and under which value (a string for
// the affix and folded slots). A wildcard is filed under its literal
// text, or under the longer of the literal runs before its first star
// and after its last, which every match starts or ends with.
func anchorOf(o *op) (slot, value) {
	str := func(s string) value { return value{kind: kindString, str: s} }
	switch o.kind {
	case opExact:
		return slotExact, o.val
	case opEqualsIgnoreCase:
		return slotFolded, str(foldString(o.str))
	case opPrefix:
		return slotPrefix, str(o.str)
	case opSuffix:
		return slotSuffix, str(o.str)
	case opPrefixIgnoreCase:
		return slotFoldedPrefix, str(foldString(o.str))
	case opSuffixIgnoreCase:
		return slotFoldedSuffix, str(foldString(o.str))
	case opWildcard:
		w := &o.args.globs[0]
		if lit, ok := w.literal(); ok {
			return slotExact, str(lit)
		}
		switch head, tail := w.head(), w.tail(); {
		case head != "" && len(head) >= len(tail):
			return slotPrefix, str(head)
		case tail != "":
			return slotSuffix, str(tail)
		}
	case opCIDR:
		return slotCIDR, value{}
	case opNumeric:
		return slotRange, value{}
	case opExists:
		return slotExists, value{}
	case opNotExists:
		return slotNone, value{}
	}
	return slotScan, value{}
}

// file files (or, with add false, unfiles) e under o.
func (fa *fieldAnchors[K]) file(o *op, e *entry[K], add bool) {
	defer fa.noteUsed()
	if add {
		fa.count++
	} else {
		fa.count--
	}
	switch s, v := anchorOf(o); s {
	case slotExact:
		fa.fileExact(v, e, add)
	case slotFolded:
		fa.folded = editMap(fa.folded, v.str, e, add)
	case slotPrefix:
		fa.prefixes.edit(v.str, e, add)
	case slotSuffix:
		fa.suffixes.edit(v.str, e, add)
	case slotFoldedPrefix:
		fa.foldedPrefixes.edit(v.str, e, add)
	case slotFoldedSuffix:
		fa.foldedSuffixes.edit(v.str, e, add)
	case slotCIDR:
		fa.cidrs = editMap(fa.cidrs, o.args.cidr, e, add)
		fa.bits.edit(o.args.cidr.Bits(), add)
	case slotRange:
		fa.ranges.edit(rangeAnchor[K]{o.args.num, e}, add)
	case slotExists:
		fa.exists = edit(fa.exists, e, add)
	case slotScan:
		a := opAnchor[K]{o, e}
		if add {
			fa.ops = append(fa.ops, a)
		} else {
			fa.ops = slices.DeleteFunc(fa.ops, func(x opAnchor[K]) bool { return x.e == e })
		}
	}
}

// noteUsed records which slots hold anchors.
func (fa *fieldAnchors[K]) noteUsed() {
	fa.used = 0
	note := func(sl slot, nonEmpty bool) {
		if nonEmpty {
			fa.used |= 1 << sl
		}
	}
	note(slotExact, len(fa.strings)+len(fa.numbers) > 0 ||
		slices.ContainsFunc(fa.literals[:], func(l []*entry[K]) bool { return len(l) > 0 }))
	note(slotFolded, len(fa.folded) > 0)
	note(slotPrefix, !fa.prefixes.empty())
	note(slotSuffix, !fa.suffixes.empty())
	note(slotFoldedPrefix, !fa.foldedPrefixes.empty())
	note(slotFoldedSuffix, !fa.foldedSuffixes.empty())
	note(slotCIDR, len(fa.cidrs) > 0)
	note(slotRange, fa.ranges.len() > 0)
	note(slotScan, len(fa.ops) > 0)
	note(slotExists, len(fa.exists) > 0)
}

// cost rates ops as an anchor: the worst rank among them, then their
// share of the field's anchors, which estimates how often they fire. A
// value many policies are filed under is likely a common one, so for a
// lookup the share is that of the value; for the other slots, that of
// all the slot's anchors, which fire or are tried on every value. ok is
// false when some op passes on a missing field.
func (fa *fieldAnchors[K]) cost(ops []op) (rank int, share float64, ok bool) {
	for i := range ops {
		s, _ := anchorOf(&ops[i])
		rank = max(rank, s.rank())
		var load int
		switch s {
		case slotNone:
			return 0, 0, false
		case slotRange:
			load = fa.ranges.len()
		case slotScan:
			load = len(fa.ops)
		case slotExists:
			load = len(fa.exists)
		default:
			load = len(fa.sharing(&ops[i]))
		}
		share += float64(load+1) / float64(fa.count+1)
	}
	return rank, share, true
}

// sharing returns the entries filed under the same looked-up value as o,
// or nil for the anchors that are not looked up.
func (fa *fieldAnchors[K]) sharing(o *op) []*entry[K] {
	switch s, v := anchorOf(o); s {
	case slotExact:
		return fa.exactly(v)
	case slotFolded:
		return fa.folded[v.str]
	case slotPrefix:
		return fa.prefixes.byText[v.str]
	case slotSuffix:
		return fa.suffixes.byText[v.str]
	case slotFoldedPrefix:
		return fa.foldedPrefixes.byText[v.str]
	case slotFoldedSuffix:
		return fa.foldedSuffixes.byText[v.str]
	case slotCIDR:
		return fa.cidrs[o.args.cidr]
	}
	return nil
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

// tryValue tries every entry one of whose anchors fires on v.
func (fa *fieldAnchors[K]) tryValue(v value, c *candidates[K]) {
	used := fa.used
	if used.has(slotExact) {
		c.tryAll(fa.exactly(v))
	}
	if used.has(slotScan) {
		for i := range fa.ops {
			if fa.ops[i].op.matches(v) {
				c.try(fa.ops[i].e)
			}
		}
	}
	switch v.kind {
	case kindString:
		if used.has(slotPrefix) {
			fa.prefixes.tryPrefixes(v.str, c)
		}
		if used.has(slotSuffix) {
			fa.suffixes.trySuffixes(v.str, c)
		}
		if used&(1<<slotFolded|1<<slotFoldedPrefix|1<<slotFoldedSuffix) != 0 {
			folded := c.sc.fold(v.str)
			c.tryAll(fa.folded[folded])
			fa.foldedPrefixes.tryPrefixes(folded, c)
			fa.foldedSuffixes.trySuffixes(folded, c)
		}
		if used.has(slotCIDR) {
			fa.tryCIDRs(v.str, c)
		}
	case kindNumber:
		if used.has(slotRange) {
			fa.ranges.stab(v.num, c)
		}
	}
}

// tryCIDRs tries the entries whose CIDR ranges hold s, if it is an IP
// address.
func (fa *fieldAnchors[K]) tryCIDRs(s string, c *candidates[K]) {
	addr, err := netip.ParseAddr(s)
	if err != nil {
		return
	}
	addr = addr.Unmap()
	for _, bits := range fa.bits.upTo(addr.BitLen()) {
		if p, err := addr.Prefix(bits); err == nil {
			c.tryAll(fa.cidrs[p])
		}
	}
}

// empty reports whether no anchor is left, lengths included (for tests).
func (fa *fieldAnchors[K]) empty() bool {
	return fa.used == 0 && fa.count == 0 && len(fa.prefixes.lengths.lengths)+len(fa.suffixes.lengths.lengths)+
		len(fa.foldedPrefixes.lengths.lengths)+len(fa.foldedSuffixes.lengths.lengths)+len(fa.bits.lengths) == 0
}
