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
	opPrefixIgnoreCase // EventBridge only
	opSuffixIgnoreCase // EventBridge only
	opWildcard         // EventBridge only
	opAnythingBut      // none of set
	opAnythingButPrefix
	opAnythingButSuffix     // EventBridge only
	opAnythingButIgnoreCase // EventBridge only
	opAnythingButWildcard   // EventBridge only
	opNumeric
	opExists    // the field has a leaf value
	opNotExists // the field has none
	opCIDR
)

// op is one operator of a clause; a clause matches when any of its
// operators does. The common operators fit in one cache line; the rest
// keep their arguments behind args.
type op struct {
	kind opKind
	val  value   // opExact
	str  string  // prefix, suffix and equals-ignore-case, plain or ignoring case
	args *opArgs // the operators below
}

// opArgs are the arguments of the less common operators.
type opArgs struct {
	strs  []string   // the anything-but prefixes, suffixes and ignore-case values
	set   []value    // opAnythingBut
	globs []wildcard // opWildcard (one), opAnythingButWildcard
	num   numericRange
	cidr  netip.Prefix
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
// the field, not by one value, and never get here. Every anything-but
// form passes a value of another type than the one it excludes: a number
// or null is "anything but" a string prefix.
func (o *op) matches(v value) bool {
	isString := v.kind == kindString
	switch o.kind {
	case opExact:
		return v.equal(o.val)
	case opPrefix:
		return isString && strings.HasPrefix(v.str, o.str)
	case opSuffix:
		return isString && strings.HasSuffix(v.str, o.str)
	case opEqualsIgnoreCase:
		return isString && strings.EqualFold(v.str, o.str)
	case opPrefixIgnoreCase:
		return isString && hasPrefixFold(v.str, o.str)
	case opSuffixIgnoreCase:
		return isString && hasSuffixFold(v.str, o.str)
	case opWildcard:
		return isString && o.args.globs[0].match(v.str)
	case opAnythingBut:
		for _, x := range o.args.set {
			if v.equal(x) {
				return false
			}
		}
		return true
	case opAnythingButPrefix:
		return !isString || !anyString(o.args.strs, v.str, strings.HasPrefix)
	case opAnythingButSuffix:
		return !isString || !anyString(o.args.strs, v.str, strings.HasSuffix)
	case opAnythingButIgnoreCase:
		return !isString || !anyString(o.args.strs, v.str, strings.EqualFold)
	case opAnythingButWildcard:
		if !isString {
			return true
		}
		for i := range o.args.globs {
			if o.args.globs[i].match(v.str) {
				return false
			}
		}
		return true
	case opNumeric:
		return v.kind == kindNumber && o.args.num.contains(v.num)
	case opCIDR:
		return isString && cidrContains(o.args.cidr, v.str)
	}
	return false
}

// anyString reports whether test(s, x) holds for some x of xs.
func anyString(xs []string, s string, test func(s, x string) bool) bool {
	for _, x := range xs {
		if test(s, x) {
			return true
		}
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
