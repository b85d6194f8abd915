package pattern

import (
	"fmt"
	"testing"
)

func TestZZCandidates(t *testing.T) {
	pats := mixedEventPatterns(1000)
	ix := mustEventIndex(t, pats)
	si := &ix.scopes[ScopeBody]
	sc := getScratch(si.fields.len())
	sc.collectBody(&si.fields, benchEvent)
	seen := sc.marks(si.ids.size())
	kinds := map[int]int{}
	matched := map[int]int{}
	n := 0
	try := func(e *entry[int]) {
		if seen.mark(e.id) {
			n++
			kinds[e.key%20]++
			if e.policy.eval(sc.vals, e.fieldMap, false) {
				matched[e.key%20]++
			}
		}
	}
	for f, vals := range sc.vals {
		fa := &si.byField[f]
		for _, e := range fa.exists {
			try(e)
		}
		for _, v := range vals {
			fa.tryValue(v, sc, try)
		}
	}
	fmt.Println("candidates", n, "always", len(si.always), kinds, matched)
	for f, fa := range si.byField {
		fmt.Println(f, len(fa.ops), fa.ranges.len(), len(fa.exists))
	}
}

func TestZZLoads(t *testing.T) {
	pats := mixedEventPatterns(1000)
	ix := mustEventIndex(t, pats)
	si := &ix.scopes[ScopeBody]
	for path, f := range si.fields.index {
		fa := &si.byField[f]
		for k, l := range fa.prefixes.byText {
			fmt.Println(path, "prefix", k, len(l))
		}
		for k, l := range fa.cidrs {
			fmt.Println(path, "cidr", k, len(l))
		}
	}
}
