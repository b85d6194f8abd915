package jsonpath

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// fuzzDocs are the documents every path FuzzParse accepts is evaluated
// against: nested objects and arrays of every kind, a scalar and null.
var fuzzDocs = []string{
	`{"a":{"b":[{"c":1,"d":"x"},{"c":2.5,"e":null},[3,"4",true]],"s":"str","n":-0.5e1},
	  "store.book":"dotted","it's":{"\"q\"":[]},"arr":[1,2,3,4,5],"empty":[],"obj":{},"nul":null,
	  "tags":["x","y"],"m":[[1,2],[3]],"":{"":0},"\\":"backslash","😀":"emoji"}`,
	`[1,"a",null,true,[[]],{},{"a":[{"a":1}]},-2]`,
	`5`,
	`null`,
}

// fuzzSeeds are paths of every kind, valid and not.
var fuzzSeeds = []string{
	"$", "$.a", "$['a']", `$["a"]`, "$.a.b[0].c", "$.a.b[-1]", "$[*]", "$.*", "$..c", "$..*",
	"$.arr[1:3]", "$.arr[:2]", "$.arr[-3:]", "$.arr[-2:5]", "$.arr[0,2]", "$['a','arr']", "$['a','arr'].b",
	"$.a.b[?(@.c < 2)]", "$.a.b[?(@.d)]", "$.a.b[?(@.c == 1 && @.d == 'x')]", "$.a.b[?(@.c > 1 || !@.d)]",
	"$.tags[?(@ =~ /X/i)]", "$.a.b[?(@.c in [1, 2])]", "$.tags[?(@ nin ['x'])]", "$[?(@.a subsetof [1])]",
	"$.a.b[?(@.d size 1)]", "$.a.b[?(@.d empty false)]", "$..[?(@.a)]", `$.store\.book`, `$.foo\@bar`,
	"$$.Execution.Id", "$myVar.field[0]", "$.arr.length()", "$..c.sum()", "$.arr[*].length()", "$.a.keys()",
	"$.arr.index(-1)", "$.m[*].max()", "$..['c','d']", "$.a.b..c", "$..[0].c", "$[?(@ > 1)]", "$[?(@.a[0].a == 1)]",
	"$[", "$.", "$..", "$[?(", "$['\\u12", "$[?(@.a == [1,{'b':[2]}])]", "$[?(@.a =~ /(/)]", "$[0:4:2]", "$[::]",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	docs := make([]any, len(fuzzDocs))
	for i, s := range fuzzDocs {
		d := json.NewDecoder(strings.NewReader(s))
		d.UseNumber()
		if err := d.Decode(&docs[i]); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, expr string) {
		p, err := Parse(expr)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || p != nil || se.Pos < 0 || se.Pos > len(expr) {
				t.Fatalf("Parse(%q) = %v, %v (%T); want a *SyntaxError in range", expr, p, err, err)
			}
			return
		}
		if p.String() != expr {
			t.Fatalf("String() = %q, want %q", p.String(), expr)
		}
		norm := p.Normalized()
		q, err := Parse(norm)
		if err != nil {
			t.Fatalf("Parse(%q).Normalized() = %q, which does not parse: %v", expr, norm, err)
		}
		if q.Normalized() != norm || q.Definite() != p.Definite() || q.Root() != p.Root() || q.Variable() != p.Variable() {
			t.Fatalf("Normalized %q of %q parses to a different path: %q", norm, expr, q.Normalized())
		}
		if expensive(expr) {
			return // a chain of deep scans over every node is exponential, in Jayway too
		}
		for _, doc := range docs {
			before := fmt.Sprint(doc)
			got, err := p.Get(doc)
			checkGet(t, p, doc, got, err)
			again, err2 := q.Get(doc)
			if !sameResult(got, err, again, err2) {
				t.Fatalf("%q and its normalized form %q differ on %v: %v, %v vs %v, %v", expr, norm, doc, got, err, again, err2)
			}
			if r, err := ParseReference(expr); err == nil {
				checkSet(t, r, doc)
			}
			if fmt.Sprint(doc) != before {
				t.Fatalf("%q changed the document", expr)
			}
		}
	})
}

// expensive reports whether expr has enough multiplying steps to make
// evaluation slow on the fuzz documents.
func expensive(expr string) bool {
	return len(expr) > 512 || strings.Count(expr, "..")+strings.Count(expr, "*")+strings.Count(expr, "?") > 3
}

// checkGet checks Get's contract: an indefinite path gives a list and no
// error; a definite path gives exactly what the general evaluator finds,
// never the list wrapping it.
func checkGet(t *testing.T, p *Path, doc, got any, err error) {
	t.Helper()
	if !p.Definite() {
		if _, ok := got.([]any); !ok || err != nil {
			t.Fatalf("indefinite %q gave %#v, %v; want a list", p.text, got, err)
		}
		return
	}
	if err != nil {
		var nf *NotFoundError
		var ee *EvalError
		if got != nil || (!errors.As(err, &nf) && !errors.As(err, &ee)) {
			t.Fatalf("definite %q gave %#v, %v (%T)", p.text, got, err, err)
		}
	}
	if p.inverted {
		return
	}
	ev := evaluator{p: p, root: doc, out: []any{}}
	werr := ev.walk(0, doc)
	switch {
	case err == nil:
		if werr != nil || len(ev.out) != 1 || !deepEqualFuzz(ev.out[0], got) {
			t.Fatalf("definite %q gave %#v; the evaluator found %#v, %v", p.text, got, ev.out, werr)
		}
	case werr != nil:
		if werr.Error() != err.Error() {
			t.Fatalf("definite %q failed with %q; the evaluator with %q", p.text, err, werr)
		}
	case len(ev.out) != 0 || !errors.Is(err, ErrNoResult):
		t.Fatalf("definite %q failed with %v; the evaluator found %#v", p.text, err, ev.out)
	}
}

// checkSet sets a value at a reference path and reads it back.
func checkSet(t *testing.T, p *Path, doc any) {
	t.Helper()
	marker := map[string]any{"marker": true}
	out, err := p.Set(doc, marker)
	if err != nil {
		var se *SetError
		if !errors.As(err, &se) || out != nil {
			t.Fatalf("Set(%q) = %v, %v (%T)", p.text, out, err, err)
		}
		return
	}
	v, err := p.Get(out)
	if err != nil || !deepEqualFuzz(v, marker) {
		t.Fatalf("Get after Set(%q) = %v, %v", p.text, v, err)
	}
}

func sameResult(a any, aerr error, b any, berr error) bool {
	if (aerr == nil) != (berr == nil) {
		return false
	}
	if aerr != nil {
		return aerr.Error() == berr.Error()
	}
	return deepEqualFuzz(a, b)
}

// deepEqualFuzz compares results exactly, numbers by their text.
func deepEqualFuzz(a, b any) bool {
	ja, erra := json.Marshal(a)
	jb, errb := json.Marshal(b)
	return erra == nil && errb == nil && string(ja) == string(jb)
}
