package intrinsic

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// fuzzDoc is what every path resolves to in FuzzParse: a document holding
// each kind of JSON value, so every function meets both good and bad
// arguments.
const fuzzDoc = `{"s": "a,b", "n": 2.5, "i": 3, "arr": [1, "x", null, [2], {"k": true}], "obj": {"a": {"b": 1}},
	"t": true, "z": null, "json": "{\"a\": [1, 2]}", "b64": "YWJj", "tpl": "{} and {}", "big": 1e300}`

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"States.Format('Hello, {}', $.name)",
		"States.Format($.tpl, $.s, States.UUID())",
		`States.Format('\{\} it\'s \\ {}', $$.Execution.Id)`,
		"States.StringToJson($.json)",
		"States.JsonToString($.obj)",
		"States.Array('a', 1, -2.5e3, null, true, false, $myVar.x)",
		"States.ArrayPartition($.arr, 2)",
		"States.ArrayContains($.arr, $['a,b'])",
		"States.ArrayRange(1, 9, 2)",
		"States.ArrayRange(9, -9223372036854775808, -1)",
		"States.ArrayGetItem(States.StringSplit($.s, ','), 1)",
		"States.ArrayLength($.arr[?(@.k == 'x,)')])",
		"States.ArrayUnique($.arr)",
		"States.Base64Encode($.s)",
		"States.Base64Decode($.b64)",
		"States.Hash($.s, 'SHA-256')",
		"States.JsonMerge($.obj, $.obj, false)",
		"States.MathRandom(1, 999, 42)",
		"States.MathAdd($.n, -1)",
		"States.StringSplit('a.b+c', '.+')",
		"States.UUID()",
		nested(10),
		nested(11),
	} {
		f.Add(seed)
	}
	dec := json.NewDecoder(strings.NewReader(fuzzDoc))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		f.Fatal(err)
	}
	before := mustJSON(f, doc)
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Parse(text)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("Parse(%q) error %T is not a *ParseError", text, err)
			}
			return
		}
		for _, p := range c.Paths() {
			if !strings.HasPrefix(p, "$") {
				t.Fatalf("Parse(%q) gave path %q", text, p)
			}
		}
		// Resolve every path to the whole document and to each of its
		// members in turn, so functions meet many kinds of value.
		members := doc.(map[string]any)
		keys := slices.Sorted(maps.Keys(members))
		n := 0
		resolve := func(string) (any, error) {
			n++
			if n%(len(keys)+1) == 0 {
				return doc, nil
			}
			return members[keys[n%(len(keys)+1)-1]], nil
		}
		_, err = c.Eval(resolve, Env{Rand: rand.New(rand.NewPCG(1, 2))})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Eval(%q) error %T is not an *Error: %v", text, err, err)
			}
		}
		if after := mustJSON(t, doc); after != before {
			t.Fatalf("Eval(%q) modified the document: %s", text, after)
		}
	})
}
