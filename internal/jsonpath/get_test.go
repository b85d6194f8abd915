package jsonpath_test

import (
	"errors"
	"testing"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

func TestGet(t *testing.T) {
	t.Parallel()
	doc := decode(t, storeDoc)
	tests := []struct {
		expr string
		want string // JSON of the result; "" when an error is wanted
		err  string // the error's message
	}{
		// Definite paths give the value itself.
		{expr: "$.expensive", want: `10`},
		{expr: "$.store.bicycle", want: `{"color":"red","price":19.95}`},
		{expr: "$['store']['bicycle']['color']", want: `"red"`},
		{expr: `$["store"]["bicycle"]["color"]`, want: `"red"`},
		{expr: "$.store.book[0].author", want: `"Nigel Rees"`},
		{expr: "$.store.book[-1].author", want: `"J. R. R. Tolkien"`},
		{expr: "$.store.book[-4].author", want: `"Nigel Rees"`},
		{expr: "$.arr", want: `[1,2,3,4,5]`},
		{expr: "$.matrix[1]", want: `[3,4]`},
		{expr: "$.matrix[1][0]", want: `3`},
		{expr: "$.nul", want: `null`},
		{expr: "$.nested.a.b[1].d", want: `null`},
		{expr: " $.flag ", want: `true`},
		{expr: `$.store\.book`, want: `"dotted"`},
		{expr: `$.foo\@bar`, want: `"at"`},
		{expr: `$['it\'s']`, want: `"quote"`},
		{expr: `$["it's"]`, want: `"quote"`},
		{expr: `$.['expensive']`, want: `10`},
		{expr: `$['expensive','str']`, want: `{"expensive":10,"str":"hello"}`},
		{expr: `$['expensive','missing']`, want: `{"expensive":10}`},
		{expr: `$.store.bicycle['color','price']`, want: `{"color":"red","price":19.95}`},

		// Definite misses fail with Jayway's messages.
		{expr: "$.X", err: "No results for path: $['X']"},
		{expr: `$["X"]`, err: `No results for path: $["X"]`},
		{expr: "$.store.book[4]", err: "No results for path: $['store']['book'][4]"},
		{expr: "$.store.book[-5]", err: "No results for path: $['store']['book'][-5]"},
		{expr: "$.store.book[9].title", err: "No results for path: $['store']['book'][9]['title']"},
		{expr: "$.a.b", err: "Missing property in path $['a']"},
		{expr: "$.store.x.y", err: "Missing property in path $['store']['x']"},
		{expr: "$.store.x[0]", err: "Missing property in path $['store']['x']"},
		{expr: "$.str.x", err: "Expected to find an object with property ['x'] in path $['str'] but found 'java.lang.String'. " +
			"This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'."},
		{expr: "$.arr[0].x", err: "Expected to find an object with property ['x'] in path $['arr'][0] but found 'java.lang.Integer'. " +
			"This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'."},
		{expr: "$.nul.x", err: "Expected to find an object with property ['x'] in path $['nul'] but found 'null'. " +
			"This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'."},
		{expr: "$.nul[0]", err: "The path $['nul'] is null"},
		{expr: "$.expensive[0]", err: "Filter: [0] can only be applied to arrays. Current context is: 10"},
		{expr: "$.str[0]['a']", err: "Filter: [0]['a'] can only be applied to arrays. Current context is: hello"},
		{expr: "$.obj[0]", err: "Filter: [0] can only be applied to arrays. Current context is: {}"},

		// Indefinite paths give a list, possibly empty, and never fail.
		{expr: "$.store.book[*].author", want: `["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]`},
		{expr: "$.store.book.*.price", want: `[8.95,12.99,8.99,22.99]`},
		{expr: "$..author", want: `["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]`},
		{expr: "$.store.*", want: `[{"color":"red","price":19.95},[{"author":"Nigel Rees","category":"reference","price":8.95,"title":"Sayings of the Century"},{"author":"Evelyn Waugh","category":"fiction","price":12.99,"title":"Sword of Honour"},{"author":"Herman Melville","category":"fiction","isbn":"0-553-21311-3","price":8.99,"title":"Moby Dick"},{"author":"J. R. R. Tolkien","category":"fiction","isbn":"0-395-19395-8","price":22.99,"title":"The Lord of the Rings"}]]`},
		{expr: "$.store..price", want: `[19.95,8.95,12.99,8.99,22.99]`},
		{expr: "$.nested..c", want: `[1,2]`},
		{expr: "$.nested.a.b[*].c", want: `[1,2]`},
		{expr: "$.store.book[2:]..isbn", want: `["0-553-21311-3","0-395-19395-8"]`},
		{expr: "$.arr[1:3]", want: `[2,3]`},
		{expr: "$.arr[:2]", want: `[1,2]`},
		{expr: "$.arr[-3:]", want: `[3,4,5]`},
		{expr: "$.arr[:-3]", want: `[1,2]`},
		{expr: "$.arr[1:10]", want: `[2,3,4,5]`},
		{expr: "$.arr[-10:]", want: `[1,2,3,4,5]`},
		{expr: "$.arr[3:1]", want: `[]`},
		{expr: "$.arr[0:0]", want: `[]`},
		{expr: "$.arr[0:4:2]", want: `[1,2,3,4]`},      // Jayway ignores the step
		{expr: "$.arr[-3:-1]", want: `[3,4]`},          // negative indexes resolve one by one
		{expr: "$.arr[1:-1]", want: `[]`},              // Jayway: from >= min(len, to)
		{expr: "$.arr[-2:5]", want: `[4,5,1,2,3,4,5]`}, // Jayway's wrap-around
		{expr: "$.arr[-7:2]", want: `[1,2,3,4,5,1,2]`},
		{expr: "$.arr[0,2]", want: `[1,3]`},
		{expr: "$.arr[4,0,9,-1]", want: `[5,1,5]`},
		{expr: "$.empty[*]", want: `[]`},
		{expr: "$.empty[0:2]", want: `[]`},
		{expr: "$.obj.*", want: `[]`},
		{expr: "$.missing[*]", want: `[]`},
		{expr: "$.missing[*].x", want: `[]`},
		{expr: "$.str[1:2]", want: `[]`},
		{expr: "$.str.*", want: `[]`},
		{expr: "$.mixed[*].k", want: `[1]`},
		{expr: "$.mixed[?(@.k)]", want: `[{"k":1}]`},
		{expr: "$['expensive','str'].x", want: `[]`},
		{expr: "$['store','nested'].a", want: `[{"b":[{"c":1},{"c":2,"d":null}]}]`},
		{expr: "$.matrix[*][0]", want: `[1,3]`},
		{expr: "$.matrix..[0]", want: `[[1,2],1,3]`},
		{expr: "$..[0]", want: `[1,[1,2],1,3,1,1,{"c":1},{"category":"reference","author":"Nigel Rees","title":"Sayings of the Century","price":8.95}]`},
		{expr: "$.nested..*", want: `[{"b":[{"c":1},{"c":2,"d":null}]},[{"c":1},{"c":2,"d":null}],{"c":1},{"c":2,"d":null},1,2,null]`},
		{expr: "$..['c','d']", want: `[{"c":2,"d":null}]`},
		// Jayway's deep-scan quirk: the rest of the path is applied to
		// every element of an array when the scanned-for index is not last.
		{expr: "$.nested..[1].c", want: `[1,2]`},
		{expr: "$.nested.a.b[0]..c", want: `[1]`},

		// Functions.
		{expr: "$.arr.length()", want: `5`},
		{expr: "$.store.bicycle.length()", want: `2`},
		{expr: "$.str.length()", want: `null`},
		{expr: "$.arr.size()", want: `5`},
		{expr: "$.arr.sum()", want: `15.0`},
		{expr: "$.arr.avg()", want: `3.0`},
		{expr: "$.arr.min()", want: `1.0`},
		{expr: "$.arr.max()", want: `5.0`},
		{expr: "$.arr.stddev()", want: `1.4142135623730951`},
		{expr: "$.mixed.sum()", want: `1.0`},
		{expr: "$.store.bicycle.keys()", want: `["color","price"]`},
		{expr: "$.arr.first()", want: `1`},
		{expr: "$.arr.last()", want: `5`},
		{expr: "$.arr.index(1)", want: `2`},
		{expr: "$.arr.index(-2)", want: `4`},
		{expr: "$.length()", want: `14`},
		{expr: "$..price.sum()", want: `73.87`},
		{expr: "$..book.length()", want: `4`},
		{expr: "$..book[*].length()", want: `18`},
		{expr: "$..price.max()", want: `22.99`},
		{expr: "$.store.book[*].title.length()", want: `[null,null,null,null]`},
		{expr: "$.matrix[*].length()", want: `[2,2]`},
		{expr: "$.matrix[*].sum()", want: `[3.0,7.0]`},
		{expr: "$.empty.sum()", err: "Aggregation function attempted to calculate value using empty array"},
		{expr: "$.str.first()", err: "Aggregation function attempted to calculate value using empty array"},
		{expr: "$.arr.index(5)", err: "Index 5 out of bounds for length 5"},
		{expr: "$.arr.index(-5)", err: "Target index:-5 larger than object count:5"},
		{expr: "$.missing.length()", err: "Missing property in path $['missing']"},
		{expr: "$.mixed[*].sum()", want: `[]`},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			t.Parallel()
			p, err := jsonpath.Parse(tt.expr)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := p.Get(doc)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("Get = %s, %v; want error %q", toJSON(t, got), err, tt.err)
				}
				if got != nil {
					t.Errorf("Get returned %s with its error", toJSON(t, got))
				}
				return
			}
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if g := toJSON(t, got); g != toJSON(t, decode(t, tt.want)) {
				t.Errorf("Get = %s\nwant  %s", g, tt.want)
			}
		})
	}
}

func TestGetErrorKinds(t *testing.T) {
	t.Parallel()
	doc := decode(t, `{"a":5,"b":[1]}`)
	get := func(expr string) error {
		_, err := jsonpath.MustParseForTest(expr).Get(doc)
		return err
	}
	for _, expr := range []string{"$.x", "$.x.y", "$.a.y", "$.b[3]", "$.a[0]"} {
		err := get(expr)
		var nf *jsonpath.NotFoundError
		if !errors.Is(err, jsonpath.ErrNoResult) || !errors.As(err, &nf) || nf.Path != expr {
			t.Errorf("%s: error %v (%T), want a *NotFoundError matching ErrNoResult", expr, err, err)
		}
	}
	if _, err := jsonpath.Parse("$.b.first().x"); err == nil {
		t.Fatal("a function before another step parsed")
	}
	err := get("$.a.sum()")
	var ee *jsonpath.EvalError
	if !errors.As(err, &ee) || errors.Is(err, jsonpath.ErrNoResult) {
		t.Errorf("$.a.sum(): error %v (%T), want an *EvalError", err, err)
	}
}

func TestGetRoots(t *testing.T) {
	t.Parallel()
	ctx := decode(t, `{"Execution":{"Id":"arn:aws:states:us-east-1:123:execution:m:e","Input":{"k":1}},"Map":{"Item":{"Index":2}}}`)
	tests := []struct {
		expr     string
		root     jsonpath.Root
		variable string
		doc      any
		want     string
		err      string
	}{
		{expr: "$$.Execution.Id", root: jsonpath.Context, doc: ctx, want: `"arn:aws:states:us-east-1:123:execution:m:e"`},
		{expr: "$$['Map'].Item.Index", root: jsonpath.Context, doc: ctx, want: `2`},
		{expr: "$$", root: jsonpath.Context, doc: ctx, want: toJSON(t, ctx)},
		{expr: "$$.Task.Token", root: jsonpath.Context, doc: ctx, err: "Missing property in path $['Task']"},
		{expr: "$myVar", root: jsonpath.Variable, variable: "myVar", doc: decode(t, `[1,2]`), want: `[1,2]`},
		{expr: "$myVar.field[0]", root: jsonpath.Variable, variable: "myVar", doc: decode(t, `{"field":["x"]}`), want: `"x"`},
		{expr: "$_v2['a b']", root: jsonpath.Variable, variable: "_v2", doc: decode(t, `{"a b":1}`), want: `1`},
		{expr: "$prix_été.x", root: jsonpath.Variable, variable: "prix_été", doc: decode(t, `{"x":1}`), want: `1`},
		{expr: "$v.missing", root: jsonpath.Variable, variable: "v", doc: decode(t, `{}`), err: "No results for path: $['missing']"},
		{expr: "$", root: jsonpath.Input, doc: "s", want: `"s"`},
	}
	for _, tt := range tests {
		p, err := jsonpath.Parse(tt.expr)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.expr, err)
		}
		if p.Root() != tt.root || p.Variable() != tt.variable {
			t.Errorf("%s: Root, Variable = %v, %q; want %v, %q", tt.expr, p.Root(), p.Variable(), tt.root, tt.variable)
		}
		got, err := p.Get(tt.doc)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error %v, want %q", tt.expr, err, tt.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tt.expr, err)
		case toJSON(t, got) != tt.want:
			t.Errorf("%s = %s, want %s", tt.expr, toJSON(t, got), tt.want)
		}
	}
}

// TestGetDoesNotModify checks that no path changes the document.
func TestGetDoesNotModify(t *testing.T) {
	t.Parallel()
	doc := decode(t, storeDoc)
	before := toJSON(t, deepCopy(doc))
	for _, expr := range []string{"$..*", "$['expensive','str']", "$.store.book[?(@.price > 1)]", "$..book.length()", "$.store.keys()"} {
		if _, err := jsonpath.MustParseForTest(expr).Get(doc); err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
	}
	if after := toJSON(t, doc); after != before {
		t.Fatalf("document changed:\n%s\n%s", before, after)
	}
}

// TestGetGoNumbers checks documents built by hand with Go numbers.
func TestGetGoNumbers(t *testing.T) {
	t.Parallel()
	doc := map[string]any{"a": []any{1, 2.5, int64(3)}, "b": float64(2)}
	got, err := jsonpath.MustParseForTest("$.a[?(@ > $.b)]").Get(doc)
	if err != nil || toJSON(t, got) != `[2.5,3]` {
		t.Fatalf("Get = %s, %v", toJSON(t, got), err)
	}
	got, err = jsonpath.MustParseForTest("$.a.sum()").Get(doc)
	if err != nil || toJSON(t, got) != `6.5` {
		t.Fatalf("sum = %s, %v", toJSON(t, got), err)
	}
}

// TestGetFunctionOutOfBounds checks that, as in Jayway, first() and index(n)
// past the end of an array reached through an array step select nothing
// instead of failing.
func TestGetFunctionOutOfBounds(t *testing.T) {
	t.Parallel()
	doc := decode(t, filterDoc)
	got, err := jsonpath.MustParseForTest("$.items[?(@.id < 6)].tags.index(1)").Get(doc)
	if err != nil || toJSON(t, got) != `["y","z"]` {
		t.Errorf("index(1) over the tags = %s, %v", toJSON(t, got), err)
	}
	_, err = jsonpath.MustParseForTest("$.items[1].tags.first()").Get(doc)
	if want := "No results for path: $['items'][1]['tags'].first()"; err == nil || err.Error() != want {
		t.Errorf("first() of an empty array = %v, want %q", err, want)
	}
	_, err = jsonpath.MustParseForTest("$.items[3].tags.index(7)").Get(doc)
	if want := "No results for path: $['items'][3]['tags'].index(...)"; err == nil || err.Error() != want {
		t.Errorf("index(7) = %v, want %q", err, want)
	}
	_, err = jsonpath.MustParseForTest("$.names.index(7)").Get(doc)
	if want := "Index 7 out of bounds for length 2"; err == nil || err.Error() != want {
		t.Errorf("index(7) = %v, want %q", err, want)
	}
}
