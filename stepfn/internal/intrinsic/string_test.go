package intrinsic

import "testing"

func TestFormat(t *testing.T) {
	t.Parallel()
	const tpl = "States.Format('Formatting arguments fst={} and snd={}.', $.fst, $.snd)"
	runEvalCases(t, []evalCase{
		// The cases AWS recorded (LocalStack test_generic.snapshot.json).
		{name: "empty strings", call: tpl, doc: map[string]string{"$.fst": `""`, "$.snd": `""`},
			want: `"Formatting arguments fst= and snd=."`},
		{name: "strings raw", call: tpl, doc: map[string]string{"$.fst": `"HelloWorld"`, "$.snd": `" "`},
			want: `"Formatting arguments fst=HelloWorld and snd= ."`},
		{name: "null", call: tpl, doc: map[string]string{"$.fst": `null`, "$.snd": `null`},
			want: `"Formatting arguments fst=null and snd=null."`},
		{name: "numbers", call: tpl, doc: map[string]string{"$.fst": `1`, "$.snd": `1.1`},
			want: `"Formatting arguments fst=1 and snd=1.1."`},
		{name: "JSON text stays text", call: tpl,
			doc:  map[string]string{"$.fst": `"{\"Arg1\": 1, \"Arg2\": []}"`, "$.snd": `true`},
			want: `"Formatting arguments fst={\"Arg1\": 1, \"Arg2\": []} and snd=true."`},
		{name: "object Java-style", call: tpl,
			doc:  map[string]string{"$.fst": `{"Arg1": 1, "Arg2": []}`, "$.snd": `{"Id": "arn:x", "Name": "sm"}`},
			want: `"Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Id=arn:x, Name=sm}."`},
		// Nested values.
		{name: "nested values", call: "States.Format('{}', $.v)",
			doc:  map[string]string{"$.v": `{"b": [1, "two", null, {"c": true}], "a": {}}`},
			want: `"{a={}, b=[1, two, null, {c=true}]}"`},
		{name: "array", call: "States.Format('[{}]', $.v)", doc: map[string]string{"$.v": `[]`}, want: `"[[]]"`},
		{name: "literal values", call: "States.Format('{}|{}|{}|{}|{}', 'x', -2.50, null, false, 1e3)",
			want: `"x|-2.50|null|false|1e3"`},
		{name: "nested call value", call: "States.Format('{} items', States.ArrayLength($.a))",
			doc: map[string]string{"$.a": `[1,2,3]`}, want: `"3 items"`},
		{name: "no placeholders", call: "States.Format('plain')", want: `"plain"`},
		{name: "empty template", call: "States.Format('')", want: `""`},
		// Escapes in a literal template.
		{name: "escaped braces", call: `States.Format('\{"key":"{}"\}', $.v)`, doc: map[string]string{"$.v": `"test123"`},
			want: `"{\"key\":\"test123\"}"`},
		{name: "escaped quote and backslash", call: `States.Format('it\'s C:\\{}', $.v)`, doc: map[string]string{"$.v": `"dir"`},
			want: `"it's C:\\dir"`},
		{name: "escaped empty braces are text", call: `States.Format('\{\}{}', 1)`, want: `"{}1"`},
		{name: "value braces are not placeholders", call: "States.Format('{}', $.v)", doc: map[string]string{"$.v": `"{}{"`},
			want: `"{}{"`},
		// A template from a path.
		{name: "path template", call: "States.Format($.template, $.name)",
			doc:  map[string]string{"$.template": `"Hello, my name is {}."`, "$.name": `"Arnav"`},
			want: `"Hello, my name is Arnav."`},
		{name: "path template escapes", call: "States.Format($.t, 1)", doc: map[string]string{"$.t": `"\\{{}\\} C:\\temp"`},
			want: `"{1} C:\\temp"`},
		{name: "path template not a string", call: "States.Format($.t)", doc: map[string]string{"$.t": `5`},
			err: "argument 1 must be a string, but got 5"},
		{name: "path template unmatched brace", call: "States.Format($.t, 1)", doc: map[string]string{"$.t": `"{ {}"`},
			err: "matching '}' not found for '{'"},
		{name: "path template lone close", call: "States.Format($.t)", doc: map[string]string{"$.t": `"a}"`},
			err: "matching '{' not found for '}'"},
		{name: "path template count", call: "States.Format($.t, 1)", doc: map[string]string{"$.t": `"{}{}"`},
			err: "2 placeholders but 1 value follow"},
	})
}

func TestStringSplit(t *testing.T) {
	t.Parallel()
	const call = "States.StringSplit($.s, $.d)"
	doc := func(s, d string) map[string]string { return map[string]string{"$.s": s, "$.d": d} }
	runEvalCases(t, []evalCase{
		// The cases AWS recorded (LocalStack test_string_operations.snapshot.json).
		{name: "one space", call: call, doc: doc(`" "`, `","`), want: `[" "]`},
		{name: "spaces around comma", call: call, doc: doc(`" , "`, `","`), want: `[" "," "]`},
		{name: "empty pieces dropped", call: call, doc: doc(`", , ,"`, `","`), want: `[" "," "]`},
		{name: "only delimiters", call: call, doc: doc(`",,,,"`, `","`), want: `[]`},
		{name: "csv", call: call, doc: doc(`"1,2,3,4,5"`, `","`), want: `["1","2","3","4","5"]`},
		{name: "any delimiter character", call: call, doc: doc(`"This.is+a,test=string"`, `".+,="`),
			want: `["This","is","a","test","string"]`},
		{name: "letter and newline", call: call, doc: doc(`"split on T and \nnew line"`, `"T\n"`),
			want: `["split on "," and ","new line"]`},
		// Further cases.
		{name: "literal arguments", call: "States.StringSplit('a-b--c', '-')", want: `["a","b","c"]`},
		{name: "raw newline in literal", call: "States.StringSplit('Hello\nWorld', '\n')", want: `["Hello","World"]`},
		{name: "multi-character delimiter is a set", call: "States.StringSplit('a::b:c', '::')", want: `["a","b","c"]`},
		{name: "empty delimiter", call: "States.StringSplit('a,b', '')", want: `["a,b"]`},
		{name: "empty string", call: "States.StringSplit('', ',')", want: `[]`},
		{name: "unicode delimiter", call: "States.StringSplit('a→b→c', '→')", want: `["a","b","c"]`},
		{name: "string not a string", call: call, doc: doc(`["a"]`, `","`), err: "argument 1 must be a string"},
		{name: "delimiter not a string", call: call, doc: doc(`"a"`, `null`), err: "argument 2 must be a string, but got null"},
	})
}
