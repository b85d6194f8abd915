package pattern

import (
	"math"
	"slices"
)

// rangeAnchor is a numeric anchor, held by value so that trying many on a
// number reads them in a row.
type rangeAnchor[K comparable] struct {
	r numericRange
	e *entry[K]
}

func (a rangeAnchor[K]) lo() float64 {
	if a.r.hasLo {
		return a.r.lo
	}
	return math.Inf(-1)
}

func (a rangeAnchor[K]) hi() float64 {
	if a.r.hasHi {
		return a.r.hi
	}
	return math.Inf(1)
}

// rangeIndex finds the numeric ranges that hold a number without trying
// them all. The ranges are sorted by lower bound and read as an implicit
// balanced tree: the middle of a stretch is its root, and maxHi records
// the greatest upper bound in each root's stretch. A search enters only
// stretches whose ranges start at or below the number and reach up to it.
type rangeIndex[K comparable] struct {
	items []rangeAnchor[K]
	maxHi []float64 // by index of the root of a stretch
}

// edit adds a, or with add false removes every range of a's entry, and
// rebuilds the tree.
func (ri *rangeIndex[K]) edit(a rangeAnchor[K], add bool) {
	if add {
		i, _ := slices.BinarySearchFunc(ri.items, a.lo(), func(x rangeAnchor[K], lo float64) int {
			return cmpFloat(x.lo(), lo)
		})
		ri.items = slices.Insert(ri.items, i, a)
	} else {
		ri.items = slices.DeleteFunc(ri.items, func(x rangeAnchor[K]) bool { return x.e == a.e })
	}
	ri.maxHi = slices.Grow(ri.maxHi[:0], len(ri.items))[:len(ri.items)]
	ri.build(0, len(ri.items))
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// build fills maxHi for the stretch [l, r) and returns its greatest upper
// bound.
func (ri *rangeIndex[K]) build(l, r int) float64 {
	if l >= r {
		return math.Inf(-1)
	}
	m := (l + r) / 2
	hi := max(ri.items[m].hi(), ri.build(l, m), ri.build(m+1, r))
	ri.maxHi[m] = hi
	return hi
}

func (ri *rangeIndex[K]) len() int { return len(ri.items) }

// stab tries the entry of every range that holds x.
func (ri *rangeIndex[K]) stab(x float64, c *candidates[K]) {
	ri.stabIn(0, len(ri.items), x, c)
}

func (ri *rangeIndex[K]) stabIn(l, r int, x float64, c *candidates[K]) {
	for l < r {
		m := (l + r) / 2
		if ri.maxHi[m] < x {
			return
		}
		ri.stabIn(l, m, x, c)
		if ri.items[m].lo() > x {
			return // so do all ranges after it
		}
		if ri.items[m].r.contains(x) {
			c.try(ri.items[m].e)
		}
		l = m + 1
	}
}
