package pattern

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// indexEvents are variations of benchEvent that the mixed patterns match
// in different ways.
func indexEvents() []string {
	e := string(benchEvent)
	return []string{
		e,
		strings.Replace(e, `"source":"com.example.orders"`, `"source":"com.example.svc5"`, 1),
		strings.Replace(e, `"detail-type":"Order Placed"`, `"detail-type":"Event Type 7"`, 1),
		strings.NewReplacer(`"PLACED"`, `"cancelled"`, `"10.1.2.3"`, `"10.3.1.9"`, `"ada@example.com"`, `"bob@Example3.COM"`).Replace(e),
		strings.NewReplacer(`"total":129.5`, `"total":[7,404]`, `"tags":["new","promo"]`, `"tags":"promo-beta"`, `"EUR"`, `"USD"`).Replace(e),
		strings.NewReplacer(`"region":"eu-west-1"`, `"region":"us-east-2"`, `table/orders`, `table/orders1`, `"o-20240507`, `"o-20240312`).Replace(e),
		`{"source":"com.example.orders","detail":{"customer":{"tier":null}}}`,
		`{"detail":{"items":[{"sku":"sku-3","qty":0},{"sku":"sku-3","qty":5}],"client":{"agent":"MOZILLA/3.0"}}}`,
		`not an event`,
	}
}

// An index of event patterns answers exactly as evaluating each pattern
// would, as patterns are added, replaced and deleted, which moves anchors
// about (see scopeIndex.rebalance).
func TestEventIndexAgreesWithPatterns(t *testing.T) {
	t.Parallel()
	var ix Index[int]
	patterns := map[int]*Policy{}
	set := func(key int, text string) {
		p, err := ParseEventPattern(text)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		ix.Set(key, p)
		patterns[key] = p
	}
	mixed := mixedEventPatterns(1000)
	for i, text := range mixed {
		set(i, text)
	}
	check := func(stage string) {
		t.Helper()
		for n, event := range indexEvents() {
			var want []int
			for key, p := range patterns {
				if p.MatchBody([]byte(event)) {
					want = append(want, key)
				}
			}
			got := ix.AppendMatches(nil, nil, []byte(event))
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%s, event %d: index matched %v, patterns %v", stage, n, got, want)
			}
		}
		if ix.Len() != len(patterns) {
			t.Fatalf("%s: Len = %d, want %d", stage, ix.Len(), len(patterns))
		}
	}
	check("all filed")
	for i := 0; i < len(mixed); i += 3 {
		ix.Delete(i)
		delete(patterns, i)
	}
	for i := 1; i < len(mixed); i += 7 {
		set(i, mixed[(i*13)%len(mixed)])
	}
	check("after deleting and replacing")
	for i := 0; i < len(mixed); i += 3 {
		set(i, mixed[i])
	}
	check("after filing again")
	for key := range patterns {
		ix.Delete(key)
	}
	for f, fa := range ix.scopes[ScopeBody].byField {
		if !fa.empty() {
			t.Errorf("field %d keeps anchors after every pattern was deleted", f)
		}
	}
}

// Matching events allocates nothing once the pooled scratch has grown.
func TestEventIndexAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop what it holds")
	}
	ix := mustEventIndex(t, mixedEventPatterns(1000))
	var dst []int
	for _, e := range indexEvents() {
		dst = ix.AppendMatches(dst[:0], nil, []byte(e))
	}
	for _, e := range indexEvents() {
		event := []byte(e)
		if n := testing.AllocsPerRun(50, func() { dst = ix.AppendMatches(dst[:0], nil, event) }); n > 0 {
			t.Errorf("AppendMatches allocated %v times on %.60s", n, e)
		}
	}
}

// The range tree finds exactly the ranges a linear scan does.
func TestRangeIndexStab(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	var ri rangeIndex[int]
	var all []rangeAnchor[int]
	bound := func() float64 { return float64(r.IntN(40) - 20) }
	for i := range 300 {
		// An entry with one empty alternative matches whenever tried.
		a := rangeAnchor[int]{e: &entry[int]{key: i, id: i, alts: [][]clause{nil}}}
		a.r.hasLo, a.r.hasHi = r.IntN(4) > 0, r.IntN(4) > 0
		a.r.lo, a.r.hi = bound(), bound()
		if a.r.lo > a.r.hi {
			a.r.lo, a.r.hi = a.r.hi, a.r.lo
		}
		a.r.loInclusive, a.r.hiInc = r.IntN(2) == 0, r.IntN(2) == 0
		ri.edit(a, true)
		all = append(all, a)
		if i%5 == 4 { // delete one now and then
			k := r.IntN(len(all))
			ri.edit(all[k], false)
			all = slices.Delete(all, k, k+1)
		}
	}
	sc := getScratch(0)
	defer sc.release()
	for x := -22.0; x <= 22; x += 0.5 {
		var want []int
		for _, a := range all {
			if a.r.contains(x) {
				want = append(want, a.e.key)
			}
		}
		c := candidates[int]{sc: sc, seen: sc.marks(300)}
		ri.stab(x, &c)
		got := c.dst
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("x = %v: tree found %v, scan %v", x, got, want)
		}
	}
}

// foldRune maps every member of a case-folding orbit to the same member
// of it, so that equal-ignoring-case is equal-after-folding.
func TestFoldRuneOrbits(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		f := foldRune(r)
		if f != r && !strings.EqualFold(string(f), string(r)) {
			t.Fatalf("foldRune(%U) = %U, not in its orbit", r, f)
		}
		for o := unicode.SimpleFold(r); o != r; o = unicode.SimpleFold(o) {
			if foldRune(o) != f {
				t.Fatalf("foldRune(%U) = %U but foldRune(%U) = %U", r, f, o, foldRune(o))
			}
		}
	}
	for _, c := range []struct {
		s, affix       string
		prefix, suffix bool
	}{
		{"ÉCOLE", "éc", true, false},
		{"Straße", "SSE", false, false}, // ß does not simple-fold to ss
		{"Kelvin", "\u212Ae", true, false},
		{"abc", "BC", false, true},
		{"a\xffb", "\xfe", false, false}, // bytes that are not UTF-8 fold to U+FFFD
		{"a\xff", "A\uFFFD", true, true},
		{"", "", true, true},
		{"ab", "abc", false, false},
	} {
		if got := hasPrefixFold(c.s, c.affix); got != c.prefix {
			t.Errorf("hasPrefixFold(%q, %q) = %v", c.s, c.affix, got)
		}
		if got := hasSuffixFold(c.s, c.affix); got != c.suffix {
			t.Errorf("hasSuffixFold(%q, %q) = %v", c.s, c.affix, got)
		}
		folded := foldString(c.s)
		if got := strings.HasPrefix(folded, foldString(c.affix)); got != c.prefix {
			t.Errorf("folded %q has folded prefix %q: %v", c.s, c.affix, got)
		}
		if got := strings.HasSuffix(folded, foldString(c.affix)); got != c.suffix {
			t.Errorf("folded %q has folded suffix %q: %v", c.s, c.affix, got)
		}
	}
}

// plainRun stops where a byte-by-byte scan would.
func TestPlainRun(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("abcdefgh \"\\\x01\x1f\x7f\x80\xc3\xa9~")
	for range 20000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = 'a'
			if r.IntN(12) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			}
		}
		from := r.IntN(len(b) + 1)
		want := from
		for want < len(b) && b[want] != '"' && b[want] != '\\' && b[want] >= 0x20 && b[want] < 0x80 {
			want++
		}
		if got := plainRun(b, from); got != want {
			t.Fatalf("plainRun(%q, %d) = %d, want %d", b, from, got, want)
		}
	}
}

// Wildcard complexity as event-ruler's MachineComplexityEvaluatorTest
// counts it (those tests compile the patterns without JSON quotes; rules
// quote them, which changes nothing here but a lone "*", 2 rather than 1).
func TestWildcardComplexity(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		patterns []string
		want     int
	}{
		{[]string{"*"}, 2},
		{[]string{"abc"}, 1},
		{[]string{"*ab"}, 2},
		{[]string{"*aa"}, 3},
		{[]string{"a*b"}, 2},
		{[]string{"aa*"}, 2},
		{[]string{"a*bbb"}, 4},
		{[]string{"*ab*ad"}, 4},
		{[]string{"*aba*"}, 4},
		{[]string{"a*b*bb"}, 5},
		{[]string{"a*b*cd"}, 3},
		{[]string{"*ab*b*b*"}, 7},
		{[]string{"*a*a*a*a*a*a*a*a*"}, 17},
		{[]string{"a*bcd", "ab*cd"}, 4},
		{[]string{"*abc", "*abcde"}, 4},
		{[]string{"a*aaa", "aa*aa"}, 7},
		{[]string{"a*aaa", "aaa*a"}, 6},
		{[]string{"ab*cd", "ab*wx", "ab*yz"}, 6},
		{[]string{"/Users/*/dir/dir/dir/dir/dir/doc.txt"}, 7}, // accepted [rec]
		{[]string{"*:*:*:*:*:event-bus/*"}, 11},               // refused [rec]
	} {
		var globs []*wildcard
		for _, p := range c.patterns {
			w, err := parseWildcard(p)
			if err != nil {
				t.Fatal(err)
			}
			globs = append(globs, &w)
		}
		if got := wildcardComplexity(globs, 100); got != c.want {
			t.Errorf("complexity of %q = %d, want %d", c.patterns, got, c.want)
		}
		if got := refComplexity(c.patterns); got != min(c.want, 11) {
			t.Errorf("reference complexity of %q = %d, want %d", c.patterns, got, min(c.want, 11))
		}
	}
}
