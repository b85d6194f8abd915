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

// benchEvent is an EventBridge event of about 500 bytes: the envelope and
// a detail with a nested object and an array of objects.
var benchEvent = []byte(`{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"Order Placed",` +
	`"source":"com.example.orders","account":"111122223333","time":"2024-05-07T12:34:56Z","region":"eu-west-1",` +
	`"resources":["arn:aws:dynamodb:eu-west-1:111122223333:table/orders"],"detail":{"orderId":"o-20240507-000123",` +
	`"status":"PLACED","total":129.5,"currency":"EUR","customer":{"id":"c-42","tier":"gold","country":"DE",` +
	`"email":"ada@example.com"},"items":[{"sku":"sku-1","qty":2},{"sku":"sku-7","qty":1}],` +
	`"client":{"ip":"10.1.2.3","agent":"Mozilla/5.0 (X11; Linux x86_64)"},"tags":["new","promo"]}}`)

// mixedEventPatterns returns n rules of the kinds a busy bus holds. Four
// in five name a source or a detail-type exactly, drawn pseudo-randomly
// from pools of 60 and 120 (so about one in sixty shares the event's
// source), beside one other operator of every kind; one in five has no
// exact value at all, anchored on a prefix, suffix, ignore-case value,
// wildcard, CIDR range or number instead; and a few catch-all rules
// (anything-but, exists, a wildcard with stars at both ends) cannot be
// anchored and are tried on every event.
func mixedEventPatterns(n int) []string {
	pick := func(i, salt, pool int) int { return (i*2654435761 + salt) % 1000003 % pool }
	source := func(i int) string {
		if k := pick(i, 17, 60); k > 0 {
			return fmt.Sprintf("com.example.svc%d", k)
		}
		return "com.example.orders"
	}
	detailType := func(i int) string {
		if k := pick(i, 29, 120); k > 0 {
			return fmt.Sprintf("Event Type %d", k)
		}
		return "Order Placed"
	}
	countries := []string{"DE", "FR", "IT", "ES", "NL", "PL", "SE", "AT", "BE", "DK"}
	out := make([]string, n)
	for i := range n {
		// Kind i%20, the j-th rule of its kind.
		s, d, j := source(i), detailType(i), i/20
		var p string
		switch i % 20 {
		case 0, 1:
			p = fmt.Sprintf(`{"source":[%q],"detail-type":[%q],"detail":{"status":["PLACED","SHIPPED"]}}`, s, d)
		case 2:
			p = fmt.Sprintf(`{"source":[%q],"detail":{"total":[{"numeric":[">",%d,"<=",%d]}]}}`, s, j*4, j*4+100)
		case 3:
			p = fmt.Sprintf(`{"detail-type":[%q],"detail":{"customer":{"country":[{"anything-but":[%q,"US"]}]}}}`, d, countries[j%10])
		case 4:
			p = fmt.Sprintf(`{"source":[%q],"detail":{"orderId":[{"prefix":"o-202405%02d"}]}}`, s, j%31)
		case 5:
			p = fmt.Sprintf(`{"source":[%q],"detail":{"customer":{"email":[{"suffix":"@example%d.com"}]}}}`, s, j%5)
		case 6:
			p = fmt.Sprintf(`{"source":[%q],"detail":{"status":[{"equals-ignore-case":"placed"}]}}`, s)
		case 7:
			p = fmt.Sprintf(`{"detail-type":[%q],"detail":{"client":{"agent":[{"prefix":{"equals-ignore-case":"mozilla/%d"}}]}}}`, d, j%6)
		case 8:
			p = fmt.Sprintf(`{"source":[%q],"resources":[{"wildcard":"arn:aws:dynamodb:*:table/orders%d"}]}`, s, j%3)
		case 9:
			p = fmt.Sprintf(`{"source":[%q],"detail":{"items":{"sku":["sku-%d"],"qty":[{"numeric":[">=",1]}]}}}`, s, j%10)
		case 10:
			p = fmt.Sprintf(`{"source":[%q],"detail":{"client":{"ip":[{"cidr":"10.%d.0.0/16"}]}}}`, s, j%4)
		case 11:
			p = fmt.Sprintf(`{"$or":[{"source":[%q]},{"detail-type":[%q]}],"detail":{"currency":[{"anything-but":{"prefix":"US"}}]}}`, s, d)
		case 12:
			p = fmt.Sprintf(`{"source":[%q],"detail":{"customer":{"tier":[{"exists":true}]}},"region":[{"suffix":"-%d"}]}`, s, j%3)
		case 13:
			p = fmt.Sprintf(`{"detail-type":[%q],"detail":{"currency":[{"anything-but":{"suffix":"D"}}],"tags":[{"anything-but":{"wildcard":"*beta*"}}]}}`, d)
		case 14:
			p = fmt.Sprintf(`{"source":[%q],"detail":{"status":[{"anything-but":{"equals-ignore-case":["cancelled","failed"]}}]}}`, s)
		case 15:
			p = fmt.Sprintf(`{"source":[%q],"detail-type":[%q],"account":["1111222233%02d"]}`, s, d, j%100)
		// No exact value from here on.
		case 16:
			p = fmt.Sprintf(`{"detail":{"orderId":[{"prefix":"o-2024%02d%02d"}],"total":[{"numeric":[">",%d]}]}}`, j%12+1, j%28+1, j*6)
		case 17:
			p = fmt.Sprintf(`{"detail":{"customer":{"email":[{"suffix":{"equals-ignore-case":"@EXAMPLE%d.COM"}}]}}}`, j)
		case 18:
			p = fmt.Sprintf(`{"detail":{"client":{"ip":[{"cidr":"10.%d.%d.0/24"}]}},"region":[{"prefix":"eu-"}]}`, j%8, j/8)
		case 19:
			switch {
			case j == 0:
				p = `{"detail":{"status":[{"anything-but":["CANCELLED"]}]}}`
			case j == 1:
				p = `{"detail":{"tags":[{"wildcard":"*promo*"}]}}`
			case j == 2:
				p = `{"detail":{"customer":{"tier":[{"exists":true}]}}}`
			case j%4 == 0:
				p = fmt.Sprintf(`{"detail":{"total":[{"numeric":[">=",%d,"<",%d]}]}}`, j*5, j*5+50)
			case j%4 == 1:
				p = fmt.Sprintf(`{"detail":{"status":[{"equals-ignore-case":"state-%d"}]}}`, j)
			default:
				p = fmt.Sprintf(`{"resources":[{"wildcard":"arn:aws:s3:::bucket-%d/*"}]}`, j)
			}
		}
		out[i] = p
	}
	return out
}

func mustEventIndex(tb testing.TB, patterns []string) *Index[int] {
	tb.Helper()
	var ix Index[int]
	for i, text := range patterns {
		p, err := ParseEventPattern(text)
		if err != nil {
			tb.Fatalf("pattern %d %s: %v", i, text, err)
		}
		ix.Set(i, p)
	}
	return &ix
}

// naiveEvents is the baseline matcher for event patterns: the event is
// decoded with encoding/json on every match and every pattern interpreted
// on it by the naive reference (reference_eventbridge_test.go), with the
// patterns decoded and their $or expanded once, up front.
type naiveEvents struct{ patterns [][][]refCond }

func newNaiveEvents(tb testing.TB, texts []string) *naiveEvents {
	n := &naiveEvents{}
	for _, t := range texts {
		p, err := refParseEventPattern(t)
		if err != nil {
			tb.Fatal(err)
		}
		n.patterns = append(n.patterns, refExpand(p, "", [][]refCond{nil}))
	}
	return n
}

func (n *naiveEvents) matches(event []byte) int {
	leaves, ok := refEventLeaves(event)
	if !ok {
		return 0
	}
	count := 0
	for _, alts := range n.patterns {
		for _, alt := range alts {
			if refMatchAlt(alt, leaves, false) {
				count++
				break
			}
		}
	}
	return count
}

// benchIndexAndBaseline runs the index and the naive baseline on one event
// after checking that they agree.
func benchIndexAndBaseline(b *testing.B, patterns []string, event []byte, withBaseline bool) {
	ix := mustEventIndex(b, patterns)
	naive := newNaiveEvents(b, patterns)
	want := naive.matches(event)
	if got := ix.AppendMatches(nil, nil, event); len(got) != want || want == 0 {
		b.Fatalf("index matches %d patterns, naive %d", len(got), want)
	}
	if withBaseline {
		b.Run("baseline=decode-and-interpret", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				naive.matches(event)
			}
		})
	}
	b.Run("index", func(b *testing.B) {
		var dst []int
		b.ReportAllocs()
		for range b.N {
			dst = ix.AppendMatches(dst[:0], nil, event)
		}
		b.ReportMetric(float64(len(dst)), "matches")
	})
}

// BenchmarkEventPattern1000Mixed matches a 500-byte event against 1,000
// rules of every operator (see mixedEventPatterns).
func BenchmarkEventPattern1000Mixed(b *testing.B) {
	benchIndexAndBaseline(b, mixedEventPatterns(1000), benchEvent, true)
}

// BenchmarkEventPatternExactScaling matches the event against n rules that
// each name a source, a detail-type and a detail field exactly, one of
// which matches: the cost should not grow with n.
func BenchmarkEventPatternExactScaling(b *testing.B) {
	event := []byte(strings.Replace(string(benchEvent), `"status":"PLACED"`, `"state":"state-7","status":"PLACED"`, 1))
	for _, n := range []int{10, 100, 1000, 10000} {
		patterns := make([]string, n)
		for i := range patterns {
			source := fmt.Sprintf("com.example.svc%d", i%97)
			if i == 7 {
				source = "com.example.orders"
			}
			patterns[i] = fmt.Sprintf(`{"source":[%q],"detail-type":["Order Placed","Type %d"],"detail":{"state":["state-%d"]}}`, source, i%13, i)
		}
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			benchIndexAndBaseline(b, patterns, event, true)
		})
	}
}
