package jsonpath_test

import (
	"testing"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

// filterDoc is an array of items of every kind, each with an id, so that a
// filter's result can be written as the list of ids it keeps.
const filterDoc = `{
  "limit": 10,
  "names": ["a", "c"],
  "items": [
    {"id": 1, "n": 5, "s": "a", "tags": ["x", "y"], "b": true},
    {"id": 2, "n": 10, "s": "b", "tags": [], "b": false, "o": {"k": 1}},
    {"id": 3, "n": 10.0, "s": "c", "tags": ["y"], "nul": null},
    {"id": 4, "n": "10", "s": "10", "tags": ["x", "z", "w"]},
    {"id": 5, "n": 1e1, "s": "D", "tags": ["z"], "arr": [1, 2, 3]},
    {"id": 6, "s": "", "tags": "xy"},
    {"id": 7, "n": -3.5, "s": "ab", "o": {}},
    {"id": 8, "n": 12, "s": "\uffff", "arr": [[1], {"k": 1}]},
    {"id": 9, "n": 0, "s": "😀"}
  ]
}`

func TestFilter(t *testing.T) {
	t.Parallel()
	doc := decode(t, filterDoc)
	tests := []struct {
		filter string
		ids    string // JSON list of the ids kept
	}{
		{`@.n`, `[1,2,3,4,5,7,8,9]`},
		{`!@.n`, `[6]`},
		{`@.nul`, `[3]`},
		{`@.o.k`, `[2]`},
		{`@`, `[1,2,3,4,5,6,7,8,9]`},
		{`@.tags[*]`, `[1,2,3,4,5,6]`}, // a wildcard over a string selects nothing, but misses nothing
		{`@.n == 10`, `[2,3,4,5]`},     // 10.0 and 1e1 equal 10; "10" converts when the number is on the right
		{`10 == @.n`, `[2,3,4,5]`},
		{`@.n === 10`, `[2,3,5]`},
		{`@.n !== 10`, `[1,4,6,7,8,9]`},
		{`@.s == 10`, `[4]`},
		{`@.s == 1e1`, `[]`}, // BigDecimal("1e1").toString() is "1E+1"
		{`@.n != 10`, `[1,6,7,8,9]`},
		{`@.n > 5`, `[2,3,5,8]`},
		{`@.n >= 5`, `[1,2,3,5,8]`},
		{`@.n < 0`, `[7]`},
		{`@.n <= -3.5`, `[7]`},
		{`@.n < 100`, `[1,2,3,5,7,8,9]`}, // a string never compares with a number
		{`@.s > 'a'`, `[2,3,7,8,9]`},
		{`@.s < 'a'`, `[4,5,6]`},
		{`@.s > '😀'`, `[8]`}, // UTF-16 order puts U+FFFF after the emoji's surrogates
		{`@.s == "a" || @.s == 'c'`, `[1,3]`},
		{`@.n == 10 && @.s == 'b'`, `[2]`},
		{`@.n == 10 && @.s == 'b' || @.id == 1`, `[1,2]`},
		{`@.id == 1 || @.n == 10 && @.s == 'b'`, `[1,2]`},
		{`(@.id == 1 || @.n == 10) && @.s == 'b'`, `[2]`},
		{`!(@.n == 10)`, `[1,6,7,8,9]`},
		{`!(@.n == 10 || @.n == 5)`, `[6,7,8,9]`},
		{`!@.n == 10`, `[2,3,4,5]`}, // Jayway ignores a "!" before a path followed by an operator
		{`@.s =~ /a.*/`, `[1,7]`},
		{`@.s =~ /A.*/i`, `[1,7]`},
		{`@.s =~ /b/`, `[2]`},           // the whole text must match
		{`@.n =~ /1.*/`, `[2,3,4,5,8]`}, // 1e1 is matched as its BigDecimal text 1E+1
		{`@.b =~ /true/`, `[1]`},
		{`@.tags =~ /z/`, `[4,5]`},
		{`/a/ =~ @.s`, `[1]`},
		{`@.s in ['a', 'b']`, `[1,2]`},
		{`@.s in ["a","D"]`, `[1,5]`},
		{`@.s in $.names`, `[1,3]`},
		{`@.n in [5, 12]`, `[1,8]`},
		{`@.n in [10]`, `[2,3,4,5]`},
		{`@.s nin ['a', 'b']`, `[3,4,5,6,7,8,9]`},
		{`@.s in 'a'`, `[]`},  // not a list: the item fails
		{`@.s nin 'a'`, `[]`}, // and so it does for nin
		{`@.s in {"a": 1}`, `[]`},
		{`@.s nin {"a": 1}`, `[1,2,3,4,5,6,7,8,9]`}, // an object is undefined: in is false, nin true
		{`@.tags contains 'x'`, `[1,4,6]`},          // on a string, contains is a substring test
		{`@.s contains 'b'`, `[2,7]`},
		{`@.tags subsetof ['x', 'y', 'z']`, `[1,2,3,5]`},
		{`@.tags anyof ['z', 'q']`, `[4,5]`},
		{`@.tags noneof ['x']`, `[2,3,5]`},
		{`@.tags size 2`, `[1,6]`}, // a string's length counts too
		{`@.s size 2`, `[4,7,9]`},  // the emoji is two UTF-16 units
		{`@.o size -1`, `[2,7]`},   // Jayway measures an object as -1
		{`@.tags empty true`, `[2]`},
		{`@.tags empty false`, `[1,3,4,5,6]`},
		{`@.s empty true`, `[6]`},
		{`@.o empty true`, `[7]`},
		{`@.tags empty 1`, `[]`},
		{`@.b exists true`, `[1]`},
		{`@.tags all ['x']`, `[]`},
		{`@.arr == [1,2,3]`, `[5]`},
		{`[1,2,3] == @.arr`, `[]`}, // Jayway keeps a literal on the left as text
		{`@.o == {"k": 1}`, `[2]`},
		{`@.o == {k: 1.0}`, `[2]`},
		{`@.o == {'k': 1, z: [true, null, 'x']}`, `[]`},
		{`@.o == {}`, `[7]`},
		{`@.o === {}`, `[7]`},
		{`@.arr contains 2`, `[5]`},
		{`@.arr contains 9 || @.id == 8`, `[]`}, // item 8's nested list fails the item before || is reached
		{`@.id == 8 || @.arr contains 9`, `[8]`},
		{`@.arr contains 9 && @.id == 8`, `[]`},
		{`@.n == $.limit`, `[2,3,4,5]`},
		{`@.n > $.limit`, `[8]`},
		{`@.missing == null`, `[]`},
		{`@.nul == null`, `[3]`},
		{`@.missing != 1`, `[1,2,3,4,5,6,7,8,9]`},
		{`@.tags.length() > 1`, `[1,4]`},
		{`@.arr.length() == 3`, `[5]`},
		{`@.tags[0] == 'x'`, `[1,4]`},
		{`@['s'] == 'a'`, `[1]`},
		{`@.o['k'] == 1`, `[2]`},
		{`@.s=='a'`, `[1]`},
		{`  @.s  ==  'a'  `, `[1]`},
		{`@.tags[?(@ == 'x')]`, `[1,2,3,4,5]`}, // a path with a filter exists even when the filter keeps nothing
		{`@.tags[?(@ == 'q')]`, `[1,2,3,4,5]`},
		{`@.s == 'it\'s'`, `[]`},
		{`@.n == -3.5`, `[7]`},
		{`@.n == .5`, `[]`},
		{`@.b == true`, `[1]`},
		{`@.b == false`, `[2]`},
		{`@.b == 'true'`, `[]`},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			t.Parallel()
			expr := "$.items[?(" + tt.filter + ")].id"
			p, err := jsonpath.Parse(expr)
			if err != nil {
				t.Fatalf("Parse(%q): %v", expr, err)
			}
			got, err := p.Get(doc)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if g := toJSON(t, got); g != tt.ids {
				t.Errorf("%s kept %s, want %s", expr, g, tt.ids)
			}
			// The normalized form must keep the same items.
			q, err := jsonpath.Parse(p.Normalized())
			if err != nil {
				t.Fatalf("Parse(Normalized %q): %v", p.Normalized(), err)
			}
			again, _ := q.Get(doc)
			if g := toJSON(t, again); g != tt.ids {
				t.Errorf("%s (normalized from %s) kept %s, want %s", p.Normalized(), expr, g, tt.ids)
			}
		})
	}
}

func TestFilterOnObject(t *testing.T) {
	t.Parallel()
	doc := decode(t, `{"jar": [{"a": 1}, {"a": 5}, {"a": 2}, {"a": 7}, {"a": 3}], "one": {"a": 5, "b": 1}, "num": 5}`)
	tests := []struct{ expr, want string }{
		// The AWS documentation's example.
		{`$.jar[?(@.a >= 5)]`, `[{"a":5},{"a":7}]`},
		// On an object, "@" is the object itself.
		{`$.one[?(@.a == 5)]`, `[{"a":5,"b":1}]`},
		{`$.one[?(@.a == 6)]`, `[]`},
		{`$.one[?(@.a == 5)].b`, `[1]`},
		{`$[?(@.num == 5)].one.a`, `[5]`},
		// Deep scan with a filter visits each object once.
		{`$..[?(@.a > 4)]`, `[{"a":5},{"a":7},{"a":5,"b":1}]`},
		// A filter on a scalar fails the definite path leading to it, which
		// an indefinite path reports as no match.
		{`$.num[?(@ > 1)]`, `[]`},
		{`$.jar[*].a[?(@ > 1)]`, `[]`},
	}
	for _, tt := range tests {
		got, err := jsonpath.MustParseForTest(tt.expr).Get(doc)
		if err != nil || toJSON(t, got) != tt.want {
			t.Errorf("%s = %s, %v; want %s", tt.expr, toJSON(t, got), err, tt.want)
		}
	}
}

func TestFilterNestedLists(t *testing.T) {
	t.Parallel()
	// An array or object inside a value list cannot be compared, which fails
	// the item.
	doc := decode(t, `[{"v": 1, "l": [[1]]}, {"v": 2, "l": [2]}]`)
	got, err := jsonpath.MustParseForTest(`$[?(@.v in @.l)].v`).Get(doc)
	if err != nil || toJSON(t, got) != `[2]` {
		t.Fatalf("Get = %s, %v", toJSON(t, got), err)
	}
	got, _ = jsonpath.MustParseForTest(`$[?(@.l =~ /1/)].v`).Get(doc)
	if toJSON(t, got) != `[]` {
		t.Fatalf("regex over a nested list = %s", toJSON(t, got))
	}
}
