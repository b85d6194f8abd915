package pattern

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/attr"
)

// benchBody is an order event of about 500 bytes.
var benchBody = []byte(`{"type":"order_placed","store":"example_corp","region":"eu-west-1","source":"web",` +
	`"order":{"id":"o-20231114-000123","total":129.5,"currency":"EUR","items":[{"sku":"sku-1","qty":2,"price":40.25},` +
	`{"sku":"sku-7","qty":1,"price":49}],"customer":{"id":"c-42","tier":"gold","country":"DE","email":"ada@example.com"}},` +
	`"client":{"ip":"10.1.2.3","agent":"Mozilla/5.0 (X11; Linux x86_64)","locale":"de-DE"},"tags":["new","promo","mobile"],` +
	`"payment":{"method":"card","status":"authorized","provider":"acme-pay"},"ts":1700000000123,"version":3}`)

// mixedPolicies returns n body-scope policies of the kinds subscribers
// write: most test an event type or a country exactly, with a range, a
// prefix or an anything-but beside it; a third test no exact value.
func mixedPolicies(n int) []string {
	countries := []string{"DE", "FR", "IT", "ES", "NL", "PL", "SE", "AT", "BE", "DK"}
	var out []string
	for i := range n {
		var p string
		switch i % 6 {
		case 0:
			p = fmt.Sprintf(`{"type":["order_%d"],"order":{"total":[{"numeric":[">",%d]}]}}`, i, i)
		case 1:
			p = fmt.Sprintf(`{"order":{"customer":{"country":[%q],"tier":["gold","silver"]}},"region":[{"anything-but":["us-east-%d"]}]}`, countries[i%len(countries)], i)
		case 2:
			p = fmt.Sprintf(`{"type":["order_placed","order_%d"],"store":[{"prefix":"shop-%d"}]}`, i, i)
		case 3:
			p = fmt.Sprintf(`{"order":{"total":[{"numeric":[">=",%d,"<",%d]}]},"source":[{"exists":true}]}`, i, i+10)
		case 4:
			p = fmt.Sprintf(`{"client":{"ip":[{"cidr":"10.%d.0.0/16"}]},"payment":{"status":[{"anything-but":{"prefix":"fail"}}]}}`, i%256)
		case 5:
			p = fmt.Sprintf(`{"$or":[{"tags":["tag-%d"]},{"order":{"items":{"sku":["sku-%d"]}}}]}`, i, i)
		}
		out = append(out, p)
	}
	return out
}

func mustIndex(tb testing.TB, policies []string, scope Scope) *Index[int] {
	tb.Helper()
	var ix Index[int]
	for i, text := range policies {
		p, err := ParseFilterPolicy(text, scope)
		if err != nil {
			tb.Fatalf("policy %d %s: %v", i, text, err)
		}
		ix.Set(i, p)
	}
	return &ix
}

// BenchmarkMatchMixed matches the order event against 300 mixed policies,
// beside a naive matcher that decodes the body into a map and interprets
// every policy in turn.
func BenchmarkMatchMixed(b *testing.B) {
	policies := mixedPolicies(300)
	ix := mustIndex(b, policies, ScopeBody)
	naive := newNaive(b, policies)
	want := naive.matches(benchBody)
	if got := ix.AppendMatches(nil, nil, benchBody); len(got) != want || want == 0 {
		b.Fatalf("index matches %d policies, naive %d", len(got), want)
	}
	b.Run("baseline=decode-and-interpret", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			naive.matches(benchBody)
		}
	})
	b.Run("index", func(b *testing.B) {
		var dst []int
		b.ReportAllocs()
		for range b.N {
			dst = ix.AppendMatches(dst[:0], nil, benchBody)
		}
	})
}

// BenchmarkMatchExactScaling matches a message against n policies that
// each test an attribute for one exact value, one of which matches: the
// cost should not grow with n.
func BenchmarkMatchExactScaling(b *testing.B) {
	attrs := map[string]attr.Value{
		"event":  {DataType: "String", StringValue: "placed-7"},
		"store":  {DataType: "String", StringValue: "example_corp"},
		"amount": {DataType: "Number", StringValue: "129.5"},
	}
	for _, n := range []int{10, 100, 1000, 10000} {
		policies := make([]string, n)
		for i := range policies {
			policies[i] = fmt.Sprintf(`{"event":["placed-%d"],"store":["example_corp"]}`, i)
		}
		ix := mustIndex(b, policies, ScopeAttributes)
		b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) {
			var dst []int
			b.ReportAllocs()
			for range b.N {
				dst = ix.AppendMatches(dst[:0], attrs, nil)
			}
			if len(dst) != 1 {
				b.Fatalf("%d matches, want 1", len(dst))
			}
		})
	}
}

// naive is the baseline matcher: every message is decoded into maps, and
// every policy interpreted on them. It knows only what the benchmark's
// policies use.
type naive struct{ policies []map[string]any }

func newNaive(tb testing.TB, texts []string) *naive {
	n := &naive{}
	for _, t := range texts {
		var m map[string]any
		if err := json.Unmarshal([]byte(t), &m); err != nil {
			tb.Fatal(err)
		}
		n.policies = append(n.policies, m)
	}
	return n
}

func (n *naive) matches(body []byte) int {
	var doc map[string]any
	if json.Unmarshal(body, &doc) != nil {
		return 0
	}
	count := 0
	for _, p := range n.policies {
		if naiveObject(p, doc) {
			count++
		}
	}
	return count
}

func naiveObject(p map[string]any, doc any) bool {
	for k, v := range p {
		if k == "$or" {
			matched := false
			for _, alt := range v.([]any) {
				matched = matched || naiveObject(alt.(map[string]any), doc)
			}
			if !matched {
				return false
			}
			continue
		}
		vals := naiveValues(doc, k)
		switch v := v.(type) {
		case map[string]any:
			ok := false
			for _, x := range vals {
				ok = ok || naiveObject(v, x)
			}
			if !ok {
				return false
			}
		case []any:
			if !naiveClause(v, vals) {
				return false
			}
		}
	}
	return true
}

// naiveValues returns what key holds in doc, looking through arrays.
func naiveValues(doc any, key string) []any {
	switch d := doc.(type) {
	case map[string]any:
		if x, ok := d[key]; ok {
			if arr, ok := x.([]any); ok {
				return arr
			}
			return []any{x}
		}
	case []any:
		var out []any
		for _, e := range d {
			out = append(out, naiveValues(e, key)...)
		}
		return out
	}
	return nil
}

func naiveClause(ops []any, vals []any) bool {
	for _, o := range ops {
		for _, v := range vals {
			if naiveOp(o, v) {
				return true
			}
		}
		if m, ok := o.(map[string]any); ok && m["exists"] == true && len(vals) > 0 {
			return true
		}
	}
	return false
}

func naiveOp(o, v any) bool {
	m, ok := o.(map[string]any)
	if !ok {
		return o == v
	}
	s, isString := v.(string)
	f, isNumber := v.(float64)
	switch {
	case m["prefix"] != nil:
		return isString && strings.HasPrefix(s, m["prefix"].(string))
	case m["numeric"] != nil:
		r := m["numeric"].([]any)
		if !isNumber {
			return false
		}
		for i := 0; i < len(r); i += 2 {
			bound := r[i+1].(float64)
			switch r[i] {
			case ">":
				ok = f > bound
			case ">=":
				ok = f >= bound
			case "<":
				ok = f < bound
			}
			if !ok {
				return false
			}
		}
		return true
	case m["anything-but"] != nil:
		switch x := m["anything-but"].(type) {
		case []any:
			for _, e := range x {
				if e == v {
					return false
				}
			}
			return true
		case map[string]any:
			return !isString || !strings.HasPrefix(s, x["prefix"].(string))
		}
	case m["cidr"] != nil:
		return isString && naiveCIDR(m["cidr"].(string), s)
	}
	return false
}

// naiveCIDR knows only the /16 ranges the benchmark uses.
func naiveCIDR(cidr, ip string) bool {
	network := strings.TrimSuffix(cidr, "0.0/16")
	return strings.HasPrefix(ip, network)
}
