package jsonpath_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

func TestParseValid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr       string
		normalized string
		definite   bool
	}{
		{"$", "$", true},
		{"$.X", "$['X']", true},
		{"$.a[0].b", "$['a'][0]['b']", true},
		{"$['a']", "$['a']", true},
		{`$["a"]`, `$["a"]`, true},
		{"$.['a']", "$['a']", true},
		{`$['a\'b']`, `$['a\'b']`, true},
		{`$["a'b"]`, `$["a\'b"]`, true},
		{`$["a\"b"]`, `$["a\"b"]`, true},
		{`$['a\\b']`, `$['a\\b']`, true},
		{`$['\u00e9\n']`, "$['é\n']", true},
		{`$['\ud83d\ude00']`, "$['😀']", true},
		{`$['a b', "c"]`, "", false}, // mixed quotes: rejected below
		{"$[ 'a' , 'b' ]", "$['a','b']", true},
		{"$['a','b'].c", "$['a','b']['c']", false},
		{`$.store\.book`, "$['store.book']", true},
		{`$.foo\@bar`, "$['foo@bar']", true},
		{`$.\stor\e.boo\k`, "$['store']['book']", true},
		{`$.a-b:c$d]`, "$['a-b:c$d]']", true},
		{"$.2", "$['2']", true},
		{"$[0]", "$[0]", true},
		{"$[-1]", "$[-1]", true},
		{"$[ 0 ]", "$[0]", true},
		{"$[0,2]", "$[0,2]", false},
		{"$[0, 2]", "$[0,2]", false},
		{"$[1:3]", "$[1:3]", false},
		{"$[:2]", "$[:2]", false},
		{"$[-3:]", "$[-3:]", false},
		{"$[0:4:2]", "$[0:4]", false},
		{"$[0:4:]", "$[0:4]", false},
		{"$[*]", "$[*]", false},
		{"$[ * ]", "$[*]", false},
		{"$.*", "$[*]", false},
		{"$..a", "$..['a']", false},
		{"$..*", "$..[*]", false},
		{"$..[0]", "$..[0]", false},
		{"$..['a','b']", "$..['a','b']", false},
		{"$.a..b.c", "$['a']..['b']['c']", false},
		{"$[?(@.price < 10)]", "$[?(@['price'] < 10)]", false},
		{"$[?(@.isbn)]", "$[?(@['isbn'])]", false},
		{"$[?(!@.isbn)]", "$[?(!@['isbn'])]", false},
		{"$[ ?( @.a == 'x' && @.b > 1 ) ]", "$[?((@['a'] == 'x' && @['b'] > 1))]", false},
		{"$[?(@.a == 'x' || @.b > 1 && @.c)]", "$[?((@['a'] == 'x' || (@['b'] > 1 && @['c'])))]", false},
		{"$[?(!(@.a == 1))]", "$[?(!(@['a'] == 1))]", false},
		{`$[?(@.a =~ /^x.*$/i)]`, `$[?(@['a'] =~ /^x.*$/i)]`, false},
		{`$[?(@.a IN ["x", 'y'])]`, `$[?(@['a'] in ["x", 'y'])]`, false},
		{"$[?(@.a nin [1,2])]", "$[?(@['a'] nin [1,2])]", false},
		{"$[?(@.a subsetof ['x'])]", "$[?(@['a'] subsetof ['x'])]", false},
		{"$[?(@.a anyof ['x'])]", "$[?(@['a'] anyof ['x'])]", false},
		{"$[?(@.a noneof ['x'])]", "$[?(@['a'] noneof ['x'])]", false},
		{"$[?(@.a size 2)]", "$[?(@['a'] size 2)]", false},
		{"$[?(@.a empty false)]", "$[?(@['a'] empty false)]", false},
		{"$[?(@.a contains 'x')]", "$[?(@['a'] contains 'x')]", false},
		{"$[?(@.a === 1 || @.b !== null)]", "$[?((@['a'] === 1 || @['b'] !== null))]", false},
		{"$[?(@.a == $.b)]", "$[?(@['a'] == $['b'])]", false},
		{"$[?(@.a == {\"k\": [1]})]", "$[?(@['a'] == {\"k\": [1]})]", false},
		{"$[?(@.a == -1.5e3)]", "$[?(@['a'] == -1.5e3)]", false},
		{"$[?(@.a == \"q\\\"\")]", "$[?(@['a'] == 'q\"')]", false},
		{"$[?(@.a.length() > 1)]", "$[?(@['a'].length() > 1)]", false},
		{"$[?(@['a b'] == 1)]", "$[?(@['a b'] == 1)]", false},
		{"$[?(@.a[?(@.b)])]", "$[?(@['a'][?(@['b'])])]", false},
		{"$[?(@.a&&@.b)]", "$[?((@['a'] && @['b']))]", false},
		{"$[?(@)]", "$[?(@)]", false},
		{"$.length()", "$.length()", true},
		{"$.a.size()", "$['a'].size()", true},
		{"$.a.index( -2 )", "$['a'].index(-2)", true},
		{"$.a[*].sum()", "$['a'][*].sum()", false},
		{"$..a.avg()", "$..['a'].avg()", true},
		{"$$.Execution.Id", "$$['Execution']['Id']", true},
		{"$$", "$$", true},
		{"$$[0]", "$$[0]", true},
		{"$myVar", "$myVar", true},
		{"$myVar.field[0]", "$myVar['field'][0]", true},
		{"$x[*]", "$x[*]", false},
		{"  $.a\t", "$['a']", true},
	}
	for _, tt := range tests {
		p, err := jsonpath.Parse(tt.expr)
		if tt.normalized == "" {
			if err == nil {
				t.Errorf("Parse(%q) succeeded", tt.expr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.expr, err)
			continue
		}
		if p.String() != tt.expr {
			t.Errorf("String() = %q, want %q", p.String(), tt.expr)
		}
		if got := p.Normalized(); got != tt.normalized {
			t.Errorf("Parse(%q).Normalized() = %q, want %q", tt.expr, got, tt.normalized)
		}
		if p.Definite() != tt.definite {
			t.Errorf("Parse(%q).Definite() = %v, want %v", tt.expr, p.Definite(), tt.definite)
		}
		q, err := jsonpath.Parse(p.Normalized())
		if err != nil {
			t.Errorf("Parse(Normalized %q): %v", p.Normalized(), err)
		} else if q.Normalized() != p.Normalized() {
			t.Errorf("Normalized is not stable: %q then %q", p.Normalized(), q.Normalized())
		}
	}
}

func TestParseInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		pos  int
		msg  string // a part of the message
	}{
		{"", 0, "empty path"},
		{"   ", 0, "empty path"},
		{"a.b", 0, "must start with '$'"},
		{"@.a", 0, "must start with '$'"},
		{"$a b", 2, "variable name"},
		{"$-", 1, "expected '.' or '['"},
		{"$.", 1, "must not end with '.'"},
		{"$..", 1, "must not end with '..'"},
		{"$...a", 3, "unexpected '.'"},
		{"$.a.", 3, "must not end with '.'"},
		{"$.a b", 3, "whitespace"},
		{`$.a\`, 3, `must not end with '\'`},
		{"$['a'", 1, "unclosed '['"},
		{"$['a", 2, "unclosed ' quote"},
		{`$['a',"b"]`, 6, "expected a name in ' quotes"},
		{"$['a' 'b']", 6, "expected ',' or ']'"},
		{"$['a',]", 6, "expected a name"},
		{"$[]", 2, "unexpected ']'"},
		{"$[a]", 2, "unexpected 'a'"},
		{"$[0", 1, "unclosed '['"},
		{"$[1,,2]", 1, "invalid array index"},
		{"$[1,]", 1, "invalid array index"},
		{"$[--1]", 1, "invalid array index"},
		{"$[9999999999]", 1, "invalid array index"},
		{"$[1 : 2]", 1, "cannot contain spaces"},
		{"$[:]", 1, "needs a start or an end"},
		{"$[::2]", 1, "needs a start or an end"},
		{"$[1:2:3:4]", 1, "at most three parts"},
		{"$[0x]", 3, "unexpected 'x'"},
		{"$[*", 3, "expected ']' after '*'"},
		{"$[0]a", 4, "expected '.' or '['"},
		{"$.*a", 3, "expected '.' or '['"},
		{"$[?]", 2, "placeholders"},
		{"$[?(@.a)", 8, "expected ']' to close the filter"},
		{"$[?(@.a))]", 8, "expected ']'"},
		{"$[?(@.a == )]", 11, "expected a path or a literal"},
		{"$[?(@.a ==)]", 10, "expected a path or a literal"},
		{"$[?(@.a foo 1)]", 8, "unknown operator"},
		{"$[?(@.a => 1)]", 8, "unknown operator"},
		{"$[?(@.a type 'x')]", 8, "not supported"},
		{"$[?(@.a matches 'x')]", 8, "not supported"},
		{"$[?(1)]", 4, "expected a path or a comparison"},
		{"$[?('x' == )]", 11, "expected a path or a literal"},
		{"$[?(@.a == 'x)]", 11, "unclosed ' quote"},
		{"$[?(@.a =~ /x)]", 11, "unclosed regular expression"},
		{"$[?(@.a =~ /(x/)]", 11, "invalid regular expression"},
		{"$[?(@.a =~ /(?=x)/)]", 11, "invalid regular expression"},
		{"$[?(@.a =~ /x/x)]", 14, "flag 'x' is not supported"},
		{"$[?(@.a in [1,)]", 14, "invalid JSON literal: expected a value"},
		{"$[?(@.a in [1)]", 13, "invalid JSON literal: expected ',' or ']'"},
		{"$[?(@.a == 1.2.3)]", 11, "invalid number"},
		{"$[?(@.a == nul)]", 11, "expected a path or a literal"},
		{"$[?(@.a == @['b)]", 12, "unclosed '['"},
		{"$[?(@.a == $$.b)]", 12, "expected '.' or '['"},
		{"$[?(@.a == 1 &&)]", 15, "expected a path or a literal"},
		{"$[?((@.a == 1)]", 14, "unexpected ']' in filter"},
		{"$[?((@.a == 1", 4, "unbalanced '('"},
		{"$[?(@.a == 1", 1, "unclosed filter"},
		{"$[?(! 1)]", 6, "expected a path or a comparison"},
		{"$.a()", 2, "Function with name: a does not exist."},
		{"$.concat('x')", 2, "does not support"},
		{"$.length(1)", 9, "takes no arguments"},
		{"$.index()", 8, "one integer argument"},
		{"$.index(a)", 8, "one integer argument"},
		{"$.length().a", 10, "must be the last step"},
		{"$..length()", 3, "cannot follow '..'"},
		{"$..a.index(1)", 5, "cannot end a path that starts with '..'"},
		{"$[?(@.a == 1)", 13, "expected ']' to close the filter"},
		{"$['\\u12']", 2, "invalid \\u escape"},
		{"$[?(" + strings.Repeat("(", 300) + "@.a" + strings.Repeat(")", 300) + ")]", 204, "nested too deeply"},
		{"$[?(" + strings.Repeat("!", 300) + "@.a)]", 204, "nested too deeply"},
	}
	for _, tt := range tests {
		p, err := jsonpath.Parse(tt.expr)
		var se *jsonpath.SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) = %v, %v; want a *SyntaxError", tt.expr, p, err)
			continue
		}
		if p != nil {
			t.Errorf("Parse(%q) returned a path with its error", tt.expr)
		}
		if se.Pos != tt.pos || !strings.Contains(se.Msg, tt.msg) || se.Expr != tt.expr {
			t.Errorf("Parse(%q): %v (pos %d); want position %d and a message containing %q", tt.expr, err, se.Pos, tt.pos, tt.msg)
		}
	}
}

func TestParseReference(t *testing.T) {
	t.Parallel()
	valid := []string{"$", "$.a", "$.a.b", "$['a']['b']", `$["a b"]`, "$.a[0]", "$.a[-1].b", `$.store\.book`, `$.foo\@bar`, "$$.Execution.Input", "$v.x[2]"}
	for _, expr := range valid {
		p, err := jsonpath.ParseReference(expr)
		if err != nil {
			t.Errorf("ParseReference(%q): %v", expr, err)
			continue
		}
		if !p.Definite() {
			t.Errorf("ParseReference(%q) is not definite", expr)
		}
	}
	invalid := []struct {
		expr string
		pos  int
		what string
	}{
		{"$.a[*]", 3, "a wildcard"},
		{"$.*", 2, "a wildcard"},
		{"$..a", 1, "a deep scan"},
		{"$.a[0,1]", 3, "a union"},
		{"$['a','b']", 1, "a union"},
		{"$.a[1:2]", 3, "a slice"},
		{"$.jar[?(@.a >= 5)]", 5, "a filter"},
		{"$.a.length()", 4, "a function"},
		{"$.a b", 3, "whitespace"},
		{"a", 0, "must start with '$'"},
	}
	for _, tt := range invalid {
		_, err := jsonpath.ParseReference(tt.expr)
		var se *jsonpath.SyntaxError
		if !errors.As(err, &se) || se.Pos != tt.pos || !strings.Contains(se.Msg, tt.what) {
			t.Errorf("ParseReference(%q) = %v; want a *SyntaxError at %d naming %q", tt.expr, err, tt.pos, tt.what)
		}
	}
}

func TestSyntaxErrorText(t *testing.T) {
	t.Parallel()
	_, err := jsonpath.Parse("$.a[?(@.b =)]")
	want := `jsonpath: unknown operator "=" at position 10 in "$.a[?(@.b =)]"`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %s", err, want)
	}
	if jsonpath.Input.String() != "Input" || jsonpath.Context.String() != "Context" || jsonpath.Variable.String() != "Variable" {
		t.Fatal("Root.String")
	}
}
