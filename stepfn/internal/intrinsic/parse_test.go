package intrinsic

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestIsCall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want bool
	}{
		{"States.UUID()", true},
		{"States.Format('{}', $.a)", true},
		{"$.States.x", false},
		{"$.a(", false},
		{"States.UUID", false},
		{" States.UUID()", false},
		{"$$.Execution.Id", false},
	}
	for _, tt := range tests {
		if got := IsCall(tt.text); got != tt.want {
			t.Errorf("IsCall(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestParseValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		call  string
		paths []string
	}{
		{"no arguments", "States.UUID()", nil},
		{"space inside empty parens", "States.Array( )", nil},
		{"literals", "States.Array('a', 1, -2.5, 1e3, 0, -0, 1.5E-2, null, true, false)", nil},
		{"white space everywhere", " \tStates.Array (\n 'a' ,\t1 , $.x\n) \n", []string{"$.x"}},
		{"input context and variable paths", "States.Array($.a, $$.Execution.Id, $myVar.x, $, $$)",
			[]string{"$.a", "$$.Execution.Id", "$myVar.x", "$", "$$"}},
		{"bracketed key with comma and paren", "States.Array($['a,b)'], $.c)", []string{"$['a,b)']", "$.c"}},
		{"double-quoted key", `States.Array($["x,y"].z)`, []string{`$["x,y"].z`}},
		{"filter with parens and quotes", "States.Array($.items[?(@.price > 10 && @.name == 'a,)')].id)",
			[]string{"$.items[?(@.price > 10 && @.name == 'a,)')].id"}},
		{"nested brackets", "States.ArrayLength($.a[$.b[0]])", []string{"$.a[$.b[0]]"}},
		{"escaped dot in path", `States.Array($.store\.book, $.x)`, []string{`$.store\.book`, "$.x"}},
		{"path trailing space trimmed", "States.Array($.a   , $.b   )", []string{"$.a", "$.b"}},
		{"nested calls collect paths in order", "States.Format('{} {}', States.ArrayGetItem($.arr, 0), States.MathAdd($.n, 1))",
			[]string{"$.arr", "$.n"}},
		{"string with escapes", `States.Format('it\'s \{\} and \\ {}', $.x)`, []string{"$.x"}},
		{"string with JSON inside", `States.StringToJson('{"a": [1, 2]}')`, nil},
		{"string with raw newline", "States.StringSplit('Hello\nWorld', '\n')", nil},
		{"string with comma and paren", "States.Array('a,b)', ')')", nil},
		{"AWS example with nine nested calls", "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), $.x)",
			[]string{"$.ImageRecipe.Arn", "$.ImageRecipe.Arn", "$.x"}},
		{"ten levels", nested(10), []string{"$.x"}},
		{"JsonMerge with false", "States.JsonMerge($.a, $.b, false)", []string{"$.a", "$.b"}},
		{"MathRandom with seed", "States.MathRandom(1, 10, 42)", nil},
		{"Format with a path template", "States.Format($.tpl, 1, 2, 3)", []string{"$.tpl"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := Parse(tt.call)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.call, err)
			}
			if got := c.Paths(); !reflect.DeepEqual(got, tt.paths) {
				t.Errorf("Paths() = %q, want %q", got, tt.paths)
			}
			if got, want := c.String(), strings.TrimSpace(tt.call); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
}

// nested returns n calls of States.Array nested inside one another.
func nested(n int) string {
	return strings.Repeat("States.Array(", n) + "$.x" + strings.Repeat(")", n)
}

func TestParseLiterals(t *testing.T) {
	t.Parallel()
	c, err := Parse(`States.Array('a\'b\{\}\\c', 'x{}y', -1.5e3, null, true, false, '')`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Eval(nil, Env{})
	if err != nil {
		t.Fatal(err)
	}
	want := `["a'b{}\\c","x{}y",-1.5e3,null,true,false,""]`
	if g := mustJSON(t, got); g != want {
		t.Errorf("got %s, want %s", g, want)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	runParseErrCases(t, []parseErrCase{
		{"empty", "", "expected an intrinsic function call"},
		{"a path", "$.a", "expected an intrinsic function call"},
		{"unknown function", "States.Foo(1)", `unknown intrinsic function "States.Foo"`},
		{"wrong case", "States.format('x')", "unknown intrinsic function"},
		{"no parens", "States.UUID", "expected '('"},
		{"unclosed", "States.Array(1, 2", "missing ')'"},
		{"unclosed after comma", "States.Array(1,", "missing argument"},
		{"trailing comma", "States.Array(1,)", "invalid argument"},
		{"leading comma", "States.Array(,1)", "invalid argument"},
		{"missing comma", "States.Array(1 2)", "expected ',' or ')'"},
		{"text after call", "States.UUID() x", "after the call"},
		{"two calls", "States.UUID()States.UUID()", "after the call"},
		{"unterminated string", "States.Array('abc)", "not closed"},
		{"open backslash", `States.Array('a\nb')`, "backslash"},
		{"backslash at end of string", `States.Array('a\`, "backslash"},
		{"bare word", "States.Array(hello)", "invalid argument"},
		{"keyword prefix", "States.Array(nullx)", "invalid argument"},
		{"keyword case", "States.Array(True)", "invalid argument"},
		{"double-quoted string", `States.Array("a")`, "invalid argument"},
		{"leading zero", "States.Array(01)", "invalid number"},
		{"plus sign", "States.Array(+1)", "invalid argument"},
		{"bare dot", "States.Array(.5)", "invalid argument"},
		{"trailing dot", "States.Array(1.)", "invalid number"},
		{"bad exponent", "States.Array(1e)", "invalid number"},
		{"minus alone", "States.Array(-)", "invalid number"},
		{"number then letters", "States.Array(12ab)", "invalid number"},
		{"unclosed bracket in path", "States.Array($.a[0)", "not closed"},
		{"unclosed quote in path", "States.Array($['a)", "not closed"},
		{"eleven levels", nested(11), "nested at most 10 deep"},
		{"too few arguments", "States.MathAdd(1)", "takes 2 arguments, but was given 1"},
		{"too many arguments", "States.ArrayLength($.a, $.b)", "takes 1 argument, but was given 2"},
		{"UUID with argument", "States.UUID(1)", "takes 0 arguments"},
		{"Format without arguments", "States.Format()", "at least 1 argument"},
		{"MathRandom with four", "States.MathRandom(1, 2, 3, 4)", "2 to 3 arguments"},
		{"unknown nested", "States.Array(States.Nope())", "unknown intrinsic function"},
	})
}

func TestParseLiteralTypes(t *testing.T) {
	t.Parallel()
	runParseErrCases(t, []parseErrCase{
		{"Format template number", "States.Format(1)", "argument 1 of States.Format must be a string"},
		{"Format unmatched open", "States.Format('a { b', $.x)", "matching '}' not found for '{'"},
		{"Format unmatched close", "States.Format('a } b')", "matching '{' not found for '}'"},
		{"Format escaped backslash then brace", `States.Format('\\{ x \\}')`, "matching '}' not found"},
		{"Format too few values", "States.Format('{} {}', 1)", "2 placeholders but 1 value follow"},
		{"Format too many values", "States.Format('{}', 1, 2)", "1 placeholder but 2 values follow"},
		{"ArrayLength of a literal", "States.ArrayLength('abc')", "must be an array"},
		{"ArrayPartition zero", "States.ArrayPartition($.a, 0)", "must be a positive integer"},
		{"ArrayPartition string", "States.ArrayPartition($.a, '2')", "must be an integer"},
		{"ArrayRange zero step", "States.ArrayRange(1, 5, 0)", "must not be zero"},
		{"ArrayRange step rounds to zero", "States.ArrayRange(1, 5, 0.4)", "must not be zero"},
		{"ArrayRange null", "States.ArrayRange(null, 5, 1)", "must be an integer"},
		{"ArrayGetItem negative", "States.ArrayGetItem($.a, -1)", "non-negative integer index"},
		{"ArrayGetItem fraction", "States.ArrayGetItem($.a, 1.5)", "non-negative integer index"},
		{"Hash unknown algorithm", "States.Hash('x', 'SHA-3')", "must be one of MD5"},
		{"Hash lowercase algorithm", "States.Hash('x', 'md5')", "must be one of MD5"},
		{"Hash number", "States.Hash(1, 'MD5')", "must be a string"},
		{"JsonMerge deep", "States.JsonMerge($.a, $.b, true)", "only supports the shallow merging mode"},
		{"JsonMerge string flag", "States.JsonMerge($.a, $.b, 'false')", "must be a boolean"},
		{"JsonMerge literal object", "States.JsonMerge('{}', $.b, false)", "must be a JSON object"},
		{"MathAdd string", "States.MathAdd('1', 2)", "must be an integer"},
		{"MathAdd huge", "States.MathAdd(1e30, 2)", "from -2^63"},
		{"MathRandom bool", "States.MathRandom(true, 2)", "must be an integer"},
		{"StringSplit number", "States.StringSplit(1, ',')", "must be a string"},
		{"Base64Encode null", "States.Base64Encode(null)", "must be a string"},
		{"Base64Encode too long", "States.Base64Encode('" + strings.Repeat("a", 10001) + "')", "at most 10000 characters"},
		{"StringToJson number", "States.StringToJson(1)", "must be a string"},
	})
}

func TestParseErrorOffset(t *testing.T) {
	t.Parallel()
	_, err := Parse("States.Array(1, States.Nope())")
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("want *ParseError, got %v", err)
	}
	if pe.Offset != 16 {
		t.Errorf("Offset = %d, want 16", pe.Offset)
	}
	if !strings.Contains(pe.Error(), "States.Nope") {
		t.Errorf("Error() = %q", pe.Error())
	}
}

func TestNestingLimit(t *testing.T) {
	t.Parallel()
	c, err := Parse(nested(MaxNesting))
	if err != nil {
		t.Fatalf("%d levels: %v", MaxNesting, err)
	}
	got, err := c.Eval(resolverFor(t, map[string]string{"$.x": "1"}), Env{})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := mustJSON(t, got), strings.Repeat("[", MaxNesting)+"1"+strings.Repeat("]", MaxNesting); g != w {
		t.Errorf("got %s, want %s", g, w)
	}
	if _, err := Parse(nested(MaxNesting + 1)); err == nil {
		t.Errorf("%d levels accepted", MaxNesting+1)
	}
	// Ten calls side by side are one level deeper than their parent, not ten.
	wide := "States.Array(" + strings.Repeat("States.UUID(), ", 20) + "States.UUID())"
	if _, err := Parse(wide); err != nil {
		t.Errorf("21 sibling calls: %v", err)
	}
}

func TestEvalPassesResolverErrors(t *testing.T) {
	t.Parallel()
	c, err := Parse("States.Format('{}', States.ArrayLength($.missing))")
	if err != nil {
		t.Fatal(err)
	}
	sentinel := errors.New("no such path")
	var asked []string
	_, err = c.Eval(func(p string) (any, error) {
		asked = append(asked, p)
		return nil, sentinel
	}, Env{})
	if err != sentinel {
		t.Fatalf("err = %v, want the resolver's error unchanged", err)
	}
	if !reflect.DeepEqual(asked, []string{"$.missing"}) {
		t.Errorf("resolver asked for %q", asked)
	}
}
