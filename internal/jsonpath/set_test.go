package jsonpath_test

import (
	"errors"
	"testing"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

func TestSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr  string
		doc   string
		value string
		want  string
	}{
		{"$", `{"x":1}`, `{"r":2}`, `{"r":2}`},
		{"$", `"s"`, `[1]`, `[1]`},
		{"$.a.b", `{"x":1}`, `5`, `{"a":{"b":5},"x":1}`},
		{"$.a", `{"a":{"old":1},"x":1}`, `null`, `{"a":null,"x":1}`},
		{"$.a.b", `{"a":{"c":1}}`, `"v"`, `{"a":{"b":"v","c":1}}`},
		{"$['a b'].c", `{}`, `1`, `{"a b":{"c":1}}`},
		{`$.store\.book`, `{}`, `1`, `{"store.book":1}`},
		{"$.list[1]", `{"list":[1,2,3]}`, `"two"`, `{"list":[1,"two",3]}`},
		{"$.list[-1].k", `{"list":[{},{"k":0}]}`, `9`, `{"list":[{},{"k":9}]}`},
		{"$.m[0][1]", `{"m":[[1,2]]}`, `0`, `{"m":[[1,0]]}`},
		{"$$.x", `{}`, `1`, `{"x":1}`},
		{"$v.y", `{"y":0}`, `1`, `{"y":1}`},
	}
	for _, tt := range tests {
		p, err := jsonpath.ParseReference(tt.expr)
		if err != nil {
			t.Fatalf("ParseReference(%q): %v", tt.expr, err)
		}
		doc := decode(t, tt.doc)
		before := toJSON(t, deepCopy(doc))
		got, err := p.Set(doc, decode(t, tt.value))
		if err != nil {
			t.Errorf("Set(%s, %s, %s): %v", tt.expr, tt.doc, tt.value, err)
			continue
		}
		if g := toJSON(t, got); g != tt.want {
			t.Errorf("Set(%s, %s, %s) = %s, want %s", tt.expr, tt.doc, tt.value, g, tt.want)
		}
		if after := toJSON(t, doc); after != before {
			t.Errorf("Set(%s) changed its input: %s became %s", tt.expr, before, after)
		}
		// What Set placed, Get finds.
		if v, err := p.Get(got); err != nil || toJSON(t, v) != toJSON(t, decode(t, tt.value)) {
			t.Errorf("Get after Set(%s) = %s, %v", tt.expr, toJSON(t, v), err)
		}
	}
}

// TestSetSharesUntouchedValues checks copy-on-write: the path is copied,
// the rest is shared.
func TestSetSharesUntouchedValues(t *testing.T) {
	t.Parallel()
	doc := decode(t, `{"keep":{"deep":[1]},"path":{"to":{"x":1},"side":[2]}}`).(map[string]any)
	got, err := jsonpath.MustParseForTest("$.path.to.y").Set(doc, true)
	if err != nil {
		t.Fatal(err)
	}
	out := got.(map[string]any)
	keep, origKeep := out["keep"].(map[string]any), doc["keep"].(map[string]any)
	keep["probe"] = 1
	if _, shared := origKeep["probe"]; !shared {
		t.Error("an untouched object was copied")
	}
	path, origPath := out["path"].(map[string]any), doc["path"].(map[string]any)
	path["probe"] = 1
	if _, shared := origPath["probe"]; shared {
		t.Error("an object on the path was modified in place")
	}
}

func TestSetErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr, doc string
		err       string
	}{
		{"$.a", `"str"`, `jsonpath: cannot set $.a: $ is a string, not an object`},
		{"$.a", `null`, `jsonpath: cannot set $.a: $ is null, not an object`},
		{"$.a.b", `{"a":5}`, `jsonpath: cannot set $.a.b: $['a'] is a number, not an object`},
		{"$.a.b", `{"a":null}`, `jsonpath: cannot set $.a.b: $['a'] is null, not an object`},
		{"$.a.b", `{"a":[1]}`, `jsonpath: cannot set $.a.b: $['a'] is an array, not an object`},
		{"$.a[0]", `{"a":{"0":1}}`, `jsonpath: cannot set $.a[0]: $['a'] is an object, not an array`},
		{"$.a[0]", `{}`, `jsonpath: cannot set $.a[0]: $['a'] does not exist, and only objects are created`},
		{"$.a[2]", `{"a":[1,2]}`, `jsonpath: cannot set $.a[2]: $['a'] has 2 elements, so index 2 is out of range`},
		{"$.a[-3]", `{"a":[1,2]}`, `jsonpath: cannot set $.a[-3]: $['a'] has 2 elements, so index -3 is out of range`},
		{"$.a[*]", `{"a":[1]}`, `jsonpath: cannot set $.a[*]: is not a reference path: only names and single indexes can be set`},
		{"$v.a.b", `{"a":true}`, `jsonpath: cannot set $v.a.b: $v['a'] is a boolean, not an object`},
	}
	for _, tt := range tests {
		doc := decode(t, tt.doc)
		before := toJSON(t, deepCopy(doc))
		got, err := jsonpath.MustParseForTest(tt.expr).Set(doc, 1)
		var se *jsonpath.SetError
		if !errors.As(err, &se) || err.Error() != tt.err || got != nil {
			t.Errorf("Set(%s, %s) = %v, %v; want error %q", tt.expr, tt.doc, got, err, tt.err)
		}
		if toJSON(t, doc) != before {
			t.Errorf("Set(%s) changed its input after failing", tt.expr)
		}
	}
}
