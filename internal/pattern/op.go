package pattern

import (
	"net/netip"
	"strings"
)

// opKind is what one operator of a clause tests.
type opKind uint8

const (
	opExact opKind = iota + 1
	opPrefix
	opSuffix
	opEqualsIgnoreCase
	opAnythingBut       // none of set
	opAnythingButPrefix // not a string starting with str
	opNumeric
	opExists    // the field has a leaf value
	opNotExists // the field has none
	opCIDR
)

// op is one operator of a clause; a clause matches when any of its
// operators does.
type op struct {
	kind opKind
	val  value   // opExact
	str  string  // opPrefix, opSuffix, opEqualsIgnoreCase, opAnythingButPrefix
	set  []value // opAnythingBut
	num  numericRange
	cidr netip.Prefix
}

// numericRange is a numeric operator's bounds; a missing bound is open.
type numericRange struct {
	lo, hi             float64
	hasLo, hasHi       bool
	loInclusive, hiInc bool
}

func (r *numericRange) contains(n float64) bool {
	if r.hasLo && (n < r.lo || n == r.lo && !r.loInclusive) {
		return false
	}
	if r.hasHi && (n > r.hi || n == r.hi && !r.hiInc) {
		return false
	}
	return true
}

// matches reports whether v passes o. The exists operators are decided by
// the field, not by one value, and never get here.
func (o *op) matches(v value) bool {
	switch o.kind {
	case opExact:
		return v.equal(o.val)
	case opPrefix:
		return v.kind == kindString && strings.HasPrefix(v.str, o.str)
	case opSuffix:
		return v.kind == kindString && strings.HasSuffix(v.str, o.str)
	case opEqualsIgnoreCase:
		return v.kind == kindString && strings.EqualFold(v.str, o.str)
	case opAnythingBut:
		for _, x := range o.set {
			if v.equal(x) {
				return false
			}
		}
		return true
	case opAnythingButPrefix:
		return v.kind != kindString || !strings.HasPrefix(v.str, o.str)
	case opNumeric:
		return v.kind == kindNumber && o.num.contains(v.num)
	case opCIDR:
		return v.kind == kindString && cidrContains(o.cidr, v.str)
	}
	return false
}

// equal compares two values: strings by their text, numbers by value.
func (v value) equal(w value) bool {
	if v.kind != w.kind {
		return false
	}
	switch v.kind {
	case kindString:
		return v.str == w.str
	case kindNumber:
		return v.num == w.num
	}
	return true
}

func cidrContains(p netip.Prefix, s string) bool {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false
	}
	return p.Contains(a.Unmap())
}
