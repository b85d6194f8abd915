package pattern

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/switchyard/switchyard/internal/attr"
)

// indexMessages are bodies and attributes that the mixed policies and the
// attribute policies below match in different ways.
var indexMessages = []struct {
	attrs map[string]attr.Value
	body  string
}{
	{body: string(benchBody)},
	{body: `{"type":"order_6","order":{"total":7,"items":[{"sku":"sku-11"}]},"source":"app"}`},
	{body: `{"type":"order_placed","store":"shop-2x","client":{"ip":"10.4.9.9"},"payment":{"status":"failed"}}`},
	{body: `{"tags":["tag-5","x"],"order":{"customer":{"country":"FR","tier":"silver"}},"region":"us-east-7"}`},
	{body: `{"order.total":15,"source":null,"client.ip":"10.10.0.1"}`},
	{body: `not json`},
	{attrs: map[string]attr.Value{"event": {DataType: "String", StringValue: "placed-3"}, "store": {DataType: "String", StringValue: "example_corp"}}},
	{attrs: map[string]attr.Value{"event": {DataType: "String.Array", StringValue: `["placed-1","placed-2"]`}, "amount": {DataType: "Number", StringValue: "12"}}},
	{attrs: map[string]attr.Value{"amount": {DataType: "Number", StringValue: "99.5"}}},
	{},
}

func attributePolicies() []string {
	var out []string
	for i := range 20 {
		out = append(out,
			fmt.Sprintf(`{"event":["placed-%d"],"store":["example_corp"]}`, i),
			fmt.Sprintf(`{"amount":[{"numeric":[">",%d]}]}`, i*5),
			fmt.Sprintf(`{"event":[{"prefix":"placed-%d"}],"missing":[{"exists":false}]}`, i),
		)
	}
	return append(out, `{"nothing":[{"exists":false}]}`, `{"$or":[{"event":["placed-1"]},{"amount":[12]}]}`)
}

// An index answers exactly as evaluating each of its policies would.
func TestIndexAgreesWithPolicies(t *testing.T) {
	var ix Index[string]
	policies := map[string]*Policy{}
	add := func(key, text string, scope Scope) {
		p, err := ParseFilterPolicy(text, scope)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		ix.Set(key, p)
		policies[key] = p
	}
	for i, text := range mixedPolicies(300) {
		add(fmt.Sprint("body-", i), text, ScopeBody)
	}
	for i, text := range attributePolicies() {
		add(fmt.Sprint("attr-", i), text, ScopeAttributes)
	}
	check := func(stage string) {
		t.Helper()
		for i, m := range indexMessages {
			got := ix.AppendMatches(nil, m.attrs, []byte(m.body))
			var want []string
			for key, p := range policies {
				if p.Match(m.attrs, []byte(m.body)) {
					want = append(want, key)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%s, message %d: index matched %v, policies %v", stage, i, got, want)
			}
		}
	}
	check("all filed")
	// Replace and delete some, anchored and not.
	for i := 0; i < 300; i += 7 {
		key := fmt.Sprint("body-", i)
		if i%2 == 0 {
			ix.Delete(key)
			delete(policies, key)
		} else {
			add(key, `{"source":[{"exists":true}]}`, ScopeBody)
		}
	}
	ix.Delete("attr-60") // the exists:false-only policy, tried on every message
	delete(policies, "attr-60")
	ix.Delete("no such key")
	check("after replacing and deleting")
	if ix.Len() != len(policies) {
		t.Fatalf("Len = %d, want %d", ix.Len(), len(policies))
	}
}

// Matching is safe from many goroutines at once.
func TestIndexConcurrentMatching(t *testing.T) {
	ix := mustIndex(t, mixedPolicies(300), ScopeBody)
	want := len(ix.AppendMatches(nil, nil, benchBody))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			var dst []int
			for range 200 {
				if dst = ix.AppendMatches(dst[:0], nil, benchBody); len(dst) != want {
					t.Errorf("%d matches, want %d", len(dst), want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// Matching allocates nothing once the pooled scratch has grown.
func TestMatchAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector makes sync.Pool drop what it holds")
	}
	ix := mustIndex(t, mixedPolicies(300), ScopeBody)
	var dst []int
	dst = ix.AppendMatches(dst, nil, benchBody)
	if n := testing.AllocsPerRun(100, func() { dst = ix.AppendMatches(dst[:0], nil, benchBody) }); n > 0 {
		t.Errorf("AppendMatches allocated %v times per message", n)
	}
}

// Every kind of anchor fires on the values it should and on no others,
// and deleting the policies leaves no anchor behind.
func TestIndexAnchors(t *testing.T) {
	policies := map[string]string{
		"exact":     `{"f":["a1",7,true,null]}`,
		"prefix":    `{"f":[{"prefix":"pre"}]}`,
		"prefixes":  `{"f":[{"prefix":"p"},{"prefix":"prefix-long"}]}`,
		"cidr4":     `{"f":[{"cidr":"10.1.0.0/16"}]}`,
		"cidr4wide": `{"f":[{"cidr":"10.0.0.0/8"}]}`,
		"cidr6":     `{"f":[{"cidr":"2001:db8::/32"}]}`,
		"range":     `{"f":[{"numeric":[">",0,"<=",10]}]}`,
		"other":     `{"f":[{"suffix":"fix"}]}`,
		"exists":    `{"f":[{"exists":true}],"g":["x"]}`,
		// Two exact clauses: anchored under whichever is less shared.
		"shared": `{"f":["a1"],"g":["y"]}`,
	}
	cases := []struct {
		value string
		want  []string
	}{
		{`"a1"`, []string{"exact", "shared"}},
		{`7`, []string{"exact", "range"}},
		{`7.0`, []string{"exact", "range"}},
		{`true`, []string{"exact"}},
		{`null`, []string{"exact"}},
		{`"pre"`, []string{"prefix", "prefixes"}},
		{`"prefix-long-fix"`, []string{"other", "prefix", "prefixes"}},
		{`"pr"`, []string{"prefixes"}},
		{`"10.1.200.3"`, []string{"cidr4", "cidr4wide"}},
		{`"10.2.0.1"`, []string{"cidr4wide"}},
		{`"::ffff:10.1.0.1"`, []string{"cidr4", "cidr4wide"}},
		{`"2001:db8:ffff::1"`, []string{"cidr6"}},
		{`"2001:db9::1"`, nil},
		{`"11.1.0.0"`, nil},
		{`0`, nil},
		{`10`, []string{"range"}},
		{`["fix","a1"]`, []string{"exact", "other", "shared"}},
	}
	var ix Index[string]
	for key, text := range policies {
		p, err := ParseFilterPolicy(text, ScopeBody)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		ix.Set(key, p)
	}
	for _, c := range cases {
		body := []byte(`{"f":` + c.value + `,"g":"y"}`)
		got := ix.AppendMatches(nil, nil, body)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("f = %s: matched %v, want %v", c.value, got, c.want)
		}
	}
	for key := range policies {
		ix.Delete(key)
	}
	si := &ix.scopes[ScopeBody]
	for f, fa := range si.byField {
		if !fa.empty() {
			t.Errorf("field %d keeps anchors after every policy was deleted: %+v", f, fa)
		}
	}
}
