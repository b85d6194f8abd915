package pattern

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/switchyard/switchyard/internal/attr"
)

// fuzzMessages are the messages every policy FuzzParseFilterPolicy accepts
// is matched against.
var fuzzMessages = []struct {
	attrs map[string]attr.Value
	body  string
}{
	{nil, ""},
	{attrs{"a": aStr("x"), "b": aNum("5"), "c": aArr(`["x",1,true,null]`), "d": aBin("x")}, `{"a":"x"}`},
	{attrs{"key": aStr("10.0.0.1"), "a.b": aNum("-1e3")}, `{"a":{"b":[1,{"c":null}],"a.b":"x"},"key":["10.0.0.1"]}`},
	{attrs{"a": aArr(`not json`)}, `[1,2]`},
	{attrs{"a": aArr(`{"x":1}`)}, `"s"`},
	{attrs{"a": aNum("not a number")}, `{"a":1e400}`},
	{nil, `{"a":[[[]]],"b":{},"c":-0,"d":"\u0000"}`},
}

// FuzzParseFilterPolicy checks that parsing never panics, that a rejection
// is an *Error, and that an accepted policy keeps its text and matches any
// message without panicking.
func FuzzParseFilterPolicy(f *testing.F) {
	for _, c := range matchCases {
		f.Add(c.policy, uint8(c.scope))
	}
	for _, c := range invalidCases {
		if len(c.policy) < 4096 {
			f.Add(c.policy, uint8(c.scope))
		}
	}
	f.Fuzz(func(t *testing.T, policy string, scopeByte uint8) {
		scope := Scope(scopeByte % 2)
		p, err := ParseFilterPolicy(policy, scope)
		if err != nil {
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("ParseFilterPolicy(%q): error %v (%T), want *Error", policy, err, err)
			}
			if p != nil {
				t.Fatalf("ParseFilterPolicy(%q) returned a policy and an error", policy)
			}
			return
		}
		if p.String() != policy || p.Scope() != scope {
			t.Fatalf("String/Scope = %q/%v, want %q/%v", p.String(), p.Scope(), policy, scope)
		}
		for _, m := range fuzzMessages {
			p.Match(m.attrs, []byte(m.body))
			p.MatchAttributes(m.attrs)
			p.MatchBody([]byte(m.body))
		}
		// The policy's own text as a body must not upset the matcher either.
		p.MatchBody([]byte(policy))
	})
}

// FuzzMatchAgainstReference builds a policy and a message from the fuzz
// input out of a small vocabulary, so that most inputs are valid policies
// and many messages come close to matching, and checks that the engine and
// the naive reference agree on whether the policy is valid and whether the
// message matches.
func FuzzMatchAgainstReference(f *testing.F) {
	for i := range 16 {
		seed := make([]byte, 64)
		for j := range seed {
			seed[j] = byte(i*37 + j*11)
		}
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &fuzzGen{b: data}
		scope := Scope(g.n(2))
		policy := g.policy(scope)
		var msgAttrs map[string]attr.Value
		var body []byte
		if scope == ScopeAttributes {
			msgAttrs = g.attributes()
		} else {
			body = g.body()
		}
		checkAgainstReference(t, policy, scope, msgAttrs, body)
	})
}

func checkAgainstReference(t *testing.T, policy string, scope Scope, msgAttrs map[string]attr.Value, body []byte) {
	t.Helper()
	want, refErr := refMatch(policy, scope, msgAttrs, body)
	p, err := ParseFilterPolicy(policy, scope)
	if (err == nil) != (refErr == nil) {
		t.Fatalf("policy %s (%v)\nvalid: engine %v (%v), reference %v (%v)", policy, scope, err == nil, err, refErr == nil, refErr)
	}
	if err != nil {
		var perr *Error
		if !errors.As(err, &perr) {
			t.Fatalf("policy %s: error %v (%T), want *Error", policy, err, err)
		}
		return
	}
	if got := p.Match(msgAttrs, body); got != want {
		t.Fatalf("policy %s (%v)\nattrs %s\nbody %s\nMatch = %v, reference %v", policy, scope, fmtAttrs(msgAttrs), body, got, want)
	}
	// Filed in an index, under whichever anchors it picks, the policy
	// must answer the same.
	var ix Index[int]
	ix.Set(1, p)
	if got := len(ix.AppendMatches(nil, msgAttrs, body)) == 1; got != want {
		t.Fatalf("policy %s (%v)\nattrs %s\nbody %s\nindex match = %v, reference %v", policy, scope, fmtAttrs(msgAttrs), body, got, want)
	}
}

func fmtAttrs(m map[string]attr.Value) string {
	if m == nil {
		return "nil"
	}
	out := "{"
	for k, v := range m {
		if v.BinaryValue != nil {
			out += fmt.Sprintf(" %q:%s(%q)", k, v.DataType, v.BinaryValue)
		} else {
			out += fmt.Sprintf(" %q:%s(%q)", k, v.DataType, v.StringValue)
		}
	}
	return out + " }"
}

// fuzzGen draws choices from the fuzz input; past its end every choice is 0.
type fuzzGen struct {
	b []byte
	i int
}

func (g *fuzzGen) n(k int) int {
	if g.i >= len(g.b) {
		return 0
	}
	v := int(g.b[g.i])
	g.i++
	return v % k
}

func (g *fuzzGen) pick(xs []string) string { return xs[g.n(len(xs))] }

// The vocabulary. Exact-match strings never look like IP addresses, so that
// how an engine normalises IPs outside cidr does not matter; numbers differ
// well within SNS's precision.
var (
	fzStrings  = []string{"", "a", "A", "ab", "abc", "b", "us-east-1", "us-", "école", "ÉCOLE", "x.png", ".png", "Straße"}
	fzNumbers  = []string{"0", "1", "-1", "5", "5.0", "5e0", "10", "100", "300", "3e2", "0.5", "-2.25", "999999999"}
	fzNumVals  = []string{"0", "1", "-1", "5", "5.0", "5e0", "1e1", "10", "100", "100.0", "300", "3e2", "0.5", "0.50", "-2.25", "-0", "7"}
	fzIPs      = []string{"10.0.0.1", "10.0.0.255", "10.0.1.7", "192.168.1.2", "192.168.1.4", "2001:db8::1", "2001:0db8:1234:1a00:0000:0000:0000:0001", "2001:db8:1234:1a00::ff", "::1", "not-an-ip", "1.2.3"}
	fzCIDRs    = []string{"10.0.0.0/24", "10.0.0.0/8", "192.168.1.0/30", "2001:db8::/32", "2001:db8:1234:1a00::/64", "0.0.0.0/0", "10.0.0.5/24"}
	fzOps      = []string{"=", "<", "<=", ">", ">="}
	fzKeys     = []string{"a", "b", "c", "d.e"}
	fzKeysSix  = []string{"a", "b", "c", "d.e", "f", "g"}
	fzOrKeys   = []string{"x", "y"}
	fzBodyKeys = []string{"a", "b", "c", "d", "e", "d.e", "x", "y"}
	fzInvalid  = []any{
		map[string]any{"prefix": json.Number("1")},
		map[string]any{"exists": "no"},
		map[string]any{"numeric": []any{">", json.Number("3"), "<", json.Number("1")}},
		map[string]any{"numeric": []any{"<", json.Number("1"), ">", json.Number("0")}},
		map[string]any{"anything-but": map[string]any{"suffix": "x"}},
		map[string]any{"wildcard": "a*"},
		map[string]any{"cidr": "10.0.0.0"},
		map[string]any{"prefix": "a", "suffix": "b"},
		map[string]any{"equals-ignore-case": []any{"a"}},
		[]any{"x"},
		json.Number("1000000001"),
	}
)

// policy builds a policy text for scope.
func (g *fuzzGen) policy(scope Scope) string {
	var obj map[string]any
	if g.n(16) == 0 {
		// Six keys: too many.
		obj = map[string]any{}
		for _, k := range fzKeysSix {
			obj[k] = g.leafArray()
		}
	} else {
		obj = g.object(scope, fzKeys, 1+g.n(3), 1)
		if g.n(3) == 0 {
			obj["$or"] = g.or(scope)
		} else if len(obj) < 4 && g.n(2) == 0 {
			obj["d.e"] = g.leafArray()
		}
	}
	b, err := json.Marshal(obj)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// object builds a policy object with n keys from pool; in body scope (and
// rarely, to be refused, in attribute scope) values may nest.
func (g *fuzzGen) object(scope Scope, pool []string, n, depth int) map[string]any {
	obj := map[string]any{}
	for i := 0; i < n && i < len(pool); i++ {
		k := pool[(g.n(len(pool))+i)%len(pool)]
		if _, dup := obj[k]; dup {
			continue
		}
		nest := depth < 3 && g.n(4) == 0
		if scope == ScopeAttributes && nest {
			nest = g.n(6) == 0
		}
		if nest && k != "d.e" {
			obj[k] = g.object(scope, fzKeys, 1+g.n(2), depth+1)
		} else {
			obj[k] = g.leafArray()
		}
	}
	if len(obj) == 0 {
		obj[pool[0]] = g.leafArray()
	}
	return obj
}

// or builds a $or of two or three branches whose keys ("x", "y") are not
// used elsewhere, so that no path is constrained twice in one alternative.
func (g *fuzzGen) or(scope Scope) []any {
	branches := make([]any, 2+g.n(2))
	for i := range branches {
		branches[i] = g.object(scope, fzOrKeys, 1+g.n(2), 1)
	}
	return branches
}

// leafArray builds a value array: usually one to three elements, sometimes
// thirteen (to reach the complexity limit), rarely none.
func (g *fuzzGen) leafArray() []any {
	switch g.n(24) {
	case 0:
		return []any{}
	case 1:
		out := make([]any, 13)
		for i := range out {
			out[i] = fmt.Sprintf("v%d", i)
		}
		return out
	}
	out := make([]any, 1+g.n(3))
	for i := range out {
		out[i] = g.leaf()
	}
	return out
}

func (g *fuzzGen) num() json.Number { return json.Number(g.pick(fzNumbers)) }

// leaf builds one element of a value array.
func (g *fuzzGen) leaf() any {
	switch g.n(18) {
	case 0, 1, 2:
		return g.pick(fzStrings)
	case 3, 4:
		return g.num()
	case 5:
		return []any{true, false, nil}[g.n(3)]
	case 6:
		return map[string]any{"prefix": g.pick(fzStrings)}
	case 7:
		return map[string]any{"suffix": g.pick(fzStrings)}
	case 8:
		return map[string]any{"equals-ignore-case": g.pick(fzStrings)}
	case 9, 10:
		return map[string]any{"anything-but": g.anythingBut()}
	case 11, 12:
		return map[string]any{"numeric": g.numeric()}
	case 13:
		return map[string]any{"exists": g.n(2) == 0}
	case 14:
		return map[string]any{"cidr": g.pick(fzCIDRs)}
	case 15:
		if g.n(3) == 0 {
			return fzInvalid[g.n(len(fzInvalid))]
		}
		return g.pick(fzStrings)
	default:
		return g.pick(fzStrings)
	}
}

func (g *fuzzGen) anythingBut() any {
	switch g.n(5) {
	case 0:
		return g.pick(fzStrings)
	case 1:
		return g.num()
	case 2:
		out := make([]any, 1+g.n(3))
		for i := range out {
			out[i] = g.pick(fzStrings)
		}
		return out
	case 3:
		out := make([]any, 1+g.n(3))
		for i := range out {
			out[i] = g.num()
		}
		return out
	default:
		return map[string]any{"prefix": g.pick(fzStrings[1:])} // "" is refused by Ruler
	}
}

func (g *fuzzGen) numeric() []any {
	if g.n(2) == 0 {
		return []any{g.pick(fzOps), g.num()}
	}
	lo, hi := g.num(), g.num()
	if refFloat(lo) >= refFloat(hi) {
		if refFloat(lo) == refFloat(hi) {
			return []any{"=", lo}
		}
		lo, hi = hi, lo
	}
	return []any{[]string{">", ">="}[g.n(2)], lo, []string{"<", "<="}[g.n(2)], hi}
}

// attributes builds message attributes over the names policies use.
func (g *fuzzGen) attributes() map[string]attr.Value {
	if g.n(10) == 0 {
		return nil
	}
	out := map[string]attr.Value{}
	nonBinary := false
	for _, name := range []string{"a", "b", "c", "d.e", "x", "y"} {
		if g.n(3) == 0 {
			continue
		}
		var v attr.Value
		switch g.n(9) {
		case 0, 1:
			s := g.pick(fzStrings)
			if s == "" {
				s = "a"
			}
			v = aStr(s)
		case 2:
			v = aStr(g.pick(fzIPs))
		case 3, 4:
			v = aNum(g.pick(fzNumVals))
		case 5, 6:
			elems := make([]any, 1+g.n(3))
			for i := range elems {
				elems[i] = g.scalar()
			}
			b, _ := json.Marshal(elems)
			v = aArr(string(b))
		case 7:
			v = aType("String.custom", g.pick(fzStrings[1:]))
		default:
			v = aBin("bin")
		}
		nonBinary = nonBinary || v.DataType != "Binary"
		out[name] = v
	}
	if !nonBinary {
		// A message of Binary attributes only: whether it "has attributes"
		// for exists:false is not established; leave it out.
		return nil
	}
	return out
}

// scalar builds a JSON scalar for a message.
func (g *fuzzGen) scalar() any {
	switch g.n(7) {
	case 0, 1:
		return g.pick(fzStrings)
	case 2:
		return g.pick(fzIPs)
	case 3, 4:
		return json.Number(g.pick(fzNumVals))
	case 5:
		return []any{true, false}[g.n(2)]
	default:
		return nil
	}
}

// body builds a message body, almost always a JSON object over the keys
// policies use, with nesting, dotted keys and arrays (of objects too).
func (g *fuzzGen) body() []byte {
	if g.n(16) == 0 {
		return []byte([]string{``, `[]`, `"s"`, `5`, `null`, `{`, `{"a":1}x`, `[{"a":"a"}]`}[g.n(8)])
	}
	b, err := json.Marshal(g.bodyObject(0))
	if err != nil {
		panic(err)
	}
	return b
}

func (g *fuzzGen) bodyObject(depth int) map[string]any {
	obj := map[string]any{}
	for range g.n(5) {
		obj[g.pick(fzBodyKeys)] = g.bodyValue(depth)
	}
	return obj
}

func (g *fuzzGen) bodyValue(depth int) any {
	switch g.n(10) {
	case 4:
		out := make([]any, g.n(4))
		for i := range out {
			out[i] = g.scalar()
		}
		return out
	case 5:
		if depth < 3 {
			out := make([]any, 1+g.n(3))
			for i := range out {
				out[i] = g.bodyObject(depth + 1)
			}
			return out
		}
	case 6, 7:
		if depth < 3 {
			return g.bodyObject(depth + 1)
		}
	case 8:
		return []any{map[string]any{}, []any{}}[g.n(2)]
	}
	return g.scalar()
}
