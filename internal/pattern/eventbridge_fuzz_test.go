package pattern

import (
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"
)

// fuzzEvents are the events every pattern FuzzParseEventPattern accepts is
// matched against.
var fuzzEvents = []string{
	ev(""),
	detail(`"a":"x","b":[1,{"c":null}],"a.b":"x","state":{"status":"running"}`),
	`{"a":[[[]]],"b":{},"c":-0,"d":"\u0000","e":1e400,"f":"ÉCOLE","g":"10.0.0.1"}`,
	`[1,2]`,
	`"s"`,
	``,
	`{"a":`,
}

// FuzzParseEventPattern checks that parsing never panics, that a refusal
// is an *Error with no attribute, and that an accepted pattern keeps its
// text, matches any event without panicking, and answers the same filed
// in an Index.
func FuzzParseEventPattern(f *testing.F) {
	for _, c := range eventCases {
		f.Add(c.pattern)
	}
	for _, c := range eventInvalidCases {
		f.Add(c.pattern)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		p, err := ParseEventPattern(pattern)
		if err != nil {
			var perr *Error
			if !errors.As(err, &perr) || perr.Attribute != "" || perr.Reason == "" {
				t.Fatalf("ParseEventPattern(%q): error %#v (%T), want an *Error with a reason and no attribute", pattern, err, err)
			}
			if p != nil {
				t.Fatalf("ParseEventPattern(%q) returned a pattern and an error", pattern)
			}
			return
		}
		if p.String() != pattern || p.Scope() != ScopeBody {
			t.Fatalf("String/Scope = %q/%v, want %q/MessageBody", p.String(), p.Scope(), pattern)
		}
		var ix Index[int]
		ix.Set(1, p)
		for _, e := range append(fuzzEvents, pattern) {
			got := p.MatchBody([]byte(e))
			if indexed := len(ix.AppendMatches(nil, nil, []byte(e))) == 1; indexed != got {
				t.Fatalf("pattern %s\nevent %s\nMatchBody = %v, index %v", pattern, e, got, indexed)
			}
		}
	})
}

// FuzzEventPatternAgainstReference checks that the engine and the naive
// reference agree on whether a pattern is valid, on the reason when the
// reference words one, and on whether an event matches, alone and filed
// in an Index. The seeds are the match table and patterns and events
// built from a small vocabulary (see eventFuzzGen), so that the mutator
// starts from valid patterns of every operator and events that come close
// to matching them.
func FuzzEventPatternAgainstReference(f *testing.F) {
	for _, c := range eventCases {
		f.Add(c.pattern, c.event)
	}
	for i := range 64 {
		seed := make([]byte, 96)
		for j := range seed {
			seed[j] = byte(i*41 + j*13 + j*j)
		}
		g := &fuzzGen{b: seed}
		f.Add(g.eventPattern(), string(g.body()))
	}
	f.Fuzz(func(t *testing.T, pattern, event string) {
		checkEventAgainstReference(t, pattern, []byte(event))
	})
}

func checkEventAgainstReference(t *testing.T, pattern string, event []byte) {
	t.Helper()
	want, refErr := refMatchEvent(pattern, event)
	p, err := ParseEventPattern(pattern)
	if (err == nil) != (refErr == nil) {
		t.Fatalf("pattern %s\nvalid: engine %v (%v), reference %v (%v)", pattern, err == nil, err, refErr == nil, refErr)
	}
	if err != nil {
		var perr, rerr *Error
		if !errors.As(err, &perr) || !errors.As(refErr, &rerr) {
			t.Fatalf("pattern %s: errors %v, %v; want *Error", pattern, err, refErr)
		}
		if rerr.Reason != "" && rerr.Reason != perr.Reason {
			t.Fatalf("pattern %s\nreason: engine %q, reference %q", pattern, perr.Reason, rerr.Reason)
		}
		return
	}
	if got := p.MatchBody(event); got != want {
		t.Fatalf("pattern %s\nevent %s\nMatchBody = %v, reference %v", pattern, event, got, want)
	}
	var ix Index[int]
	ix.Set(1, p)
	if got := len(ix.AppendMatches(nil, nil, event)) == 1; got != want {
		t.Fatalf("pattern %s\nevent %s\nindex match = %v, reference %v", pattern, event, got, want)
	}
	// Filed among the table's patterns, where its anchors compete with
	// theirs, it must answer the same.
	crowd.Lock()
	defer crowd.Unlock()
	crowd.Do(func() {
		for i, c := range eventCases {
			q, err := ParseEventPattern(c.pattern)
			if err != nil {
				panic(err)
			}
			crowd.ix.Set(i, q)
		}
	})
	crowd.ix.Set(-1, p)
	defer crowd.ix.Delete(-1)
	if got := slices.Contains(crowd.ix.AppendMatches(nil, nil, event), -1); got != want {
		t.Fatalf("pattern %s\nevent %s\nmatch in a crowded index = %v, reference %v", pattern, event, got, want)
	}
}

// crowd is an index of the match table's patterns that the fuzz targets
// file their pattern into, one at a time.
var crowd struct {
	sync.Mutex
	sync.Once
	ix Index[int]
}

// The EventBridge vocabulary, beside the SNS one in fuzz_test.go.
var (
	fzWildcards  = []string{"", "*", "a*", "*b", "a*b", "*a*", "x\\*y", "\\\\*", "*.png", "*a*a*a*a*a*", "*:*:*:*:*:*", "**", "a\\b", "é*"}
	fzEBKeys     = []string{"a", "b", "c", "d.e", "prefix"}
	fzEBInvalids = []any{
		map[string]any{},
		map[string]any{"prefix": map[string]any{"exists": true}},
		map[string]any{"anything-but": map[string]any{"prefix": ""}},
		map[string]any{"anything-but": map[string]any{"wildcard": json.Number("1")}},
		map[string]any{"anything-but": []any{"a", json.Number("1")}},
		map[string]any{"anything-but": []any{}},
		map[string]any{"anything-but": map[string]any{"suffix": []any{}}},
		map[string]any{"wildcard": []any{"a"}},
		map[string]any{"cidr": "10.0.0.0/32"},
		map[string]any{"numeric": []any{"<", json.Number("1"), ">", json.Number("0")}},
	}
)

// eventPattern builds an event pattern: nested objects over a few keys,
// sometimes a $or, leaves of every operator, now and then an invalid one.
func (g *fuzzGen) eventPattern() string {
	obj := g.ebObject(1 + g.n(3))
	if g.n(3) == 0 {
		obj["$or"] = g.ebOr()
	}
	b, err := json.Marshal(obj)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func (g *fuzzGen) ebObject(depth int) map[string]any {
	obj := map[string]any{}
	for range 1 + g.n(3) {
		k := g.pick(fzEBKeys)
		if depth < 3 && g.n(4) == 0 {
			obj[k] = g.ebObject(depth + 1)
		} else {
			obj[k] = g.ebLeafArray()
		}
	}
	return obj
}

// ebOr builds a $or over the keys x and y, which nothing else uses, or
// rarely a malformed one.
func (g *fuzzGen) ebOr() any {
	switch g.n(12) {
	case 0:
		return map[string]any{"x": []any{"a"}}
	case 1:
		return []any{map[string]any{"x": []any{"a"}}}
	case 2:
		return []any{map[string]any{"x": []any{"a"}}, map[string]any{"numeric": []any{"a"}}}
	}
	branches := make([]any, 2+g.n(2))
	for i := range branches {
		b := map[string]any{}
		for _, k := range []string{"x", "y"}[:1+g.n(2)] {
			b[k] = g.ebLeafArray()
		}
		branches[i] = b
	}
	return branches
}

func (g *fuzzGen) ebLeafArray() []any {
	out := make([]any, 1+g.n(3))
	for i := range out {
		out[i] = g.ebLeaf()
	}
	return out
}

// ebLeaf builds one element of a value array: the SNS vocabulary's
// operators and EventBridge's own.
func (g *fuzzGen) ebLeaf() any {
	str := func() string { return g.pick(fzStrings) }
	switch g.n(16) {
	case 0:
		return map[string]any{"wildcard": g.pick(fzWildcards)}
	case 1:
		return map[string]any{[]string{"prefix", "suffix"}[g.n(2)]: map[string]any{"equals-ignore-case": str()}}
	case 2:
		op := []string{"prefix", "suffix", "equals-ignore-case", "wildcard"}[g.n(4)]
		var arg any = str()
		if op == "wildcard" {
			arg = g.pick(fzWildcards)
		}
		if g.n(2) == 0 {
			arg = []any{arg, str()}
		}
		return map[string]any{"anything-but": map[string]any{op: arg}}
	case 3:
		return map[string]any{"anything-but": []any{g.num(), json.Number("1e10")}}
	case 4:
		return map[string]any{"numeric": []any{">", json.Number("-1e300"), "<=", g.num()}}
	case 5:
		if g.n(2) == 0 {
			return fzEBInvalids[g.n(len(fzEBInvalids))]
		}
		return str()
	}
	return g.leaf() // the operators SNS shares, and its invalid ones
}
