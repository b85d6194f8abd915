package intrinsic

import (
	"strings"
	"testing"
)

func TestStringToJSON(t *testing.T) {
	t.Parallel()
	const call = "States.StringToJson($.s)"
	s := func(js string) map[string]string { return map[string]string{"$.s": js} }
	runEvalCases(t, []evalCase{
		// The cases AWS recorded (LocalStack test_json_manipulation.snapshot.json).
		{name: "empty", call: call, doc: s(`""`), want: `null`},
		{name: "blank", call: call, doc: s(`" "`), want: `null`},
		{name: "null text", call: call, doc: s(`"null"`), want: `null`},
		{name: "negative zero", call: call, doc: s(`"-0"`), want: `0`},
		{name: "integer", call: call, doc: s(`"1"`), want: `1`},
		{name: "decimal", call: call, doc: s(`"1.1"`), want: `1.1`},
		{name: "boolean", call: call, doc: s(`"true"`), want: `true`},
		{name: "string", call: call, doc: s(`"\"HelloWorld\""`), want: `"HelloWorld"`},
		{name: "array", call: call, doc: s(`"[1, 2, \"HelloWorld\"]"`), want: `[1,2,"HelloWorld"]`},
		{name: "object", call: call, doc: s(`"{\"Arg1\": 1, \"Arg2\": []}"`), want: `{"Arg1":1,"Arg2":[]}`},
		// Further cases.
		{name: "nested negative zero", call: call, doc: s(`"{\"a\": [-0, -0.0]}"`), want: `{"a":[0,-0.0]}`},
		{name: "big number kept", call: call, doc: s(`"12345678901234567890123"`), want: `12345678901234567890123`},
		{name: "literal", call: `States.StringToJson('{"constant_in_literal": "false"}')`, want: `{"constant_in_literal":"false"}`},
		{name: "null argument", call: call, doc: s(`null`), want: `null`},
		{name: "invalid", call: call, doc: s(`"{a:1}"`), err: "is not valid JSON"},
		{name: "trailing text", call: call, doc: s(`"1 2"`), err: "more than one JSON value"},
		{name: "not a string", call: call, doc: s(`{"a":1}`), err: "must be a string"},
	})
}

func TestJSONToString(t *testing.T) {
	t.Parallel()
	const call = "States.JsonToString($.v)"
	v := func(js string) map[string]string { return map[string]string{"$.v": js} }
	runEvalCases(t, []evalCase{
		{name: "null", call: call, doc: v(`null`), want: `"null"`},
		{name: "number", call: call, doc: v(`1.1`), want: `"1.1"`},
		{name: "boolean", call: call, doc: v(`true`), want: `"true"`},
		{name: "string", call: call, doc: v(`"HelloWorld"`), want: `"\"HelloWorld\""`},
		{name: "array", call: call, doc: v(`[1, 2, "HelloWorld"]`), want: `"[1,2,\"HelloWorld\"]"`},
		{name: "object compact", call: call, doc: v(`{"name": "Foo", "year": 2020}`), want: `"{\"name\":\"Foo\",\"year\":2020}"`},
		{name: "no HTML escaping", call: call, doc: v(`"<a&b>"`), want: `"\"<a&b>\""`},
		{name: "round trip", call: "States.StringToJson(States.JsonToString($.v))", doc: v(`{"a":[1,{"b":null}]}`),
			want: `{"a":[1,{"b":null}]}`},
		{name: "literal", call: "States.JsonToString('x')", want: `"\"x\""`},
	})
}

func TestJSONMerge(t *testing.T) {
	t.Parallel()
	const call = "States.JsonMerge($.a, $.b, false)"
	ab := func(a, b string) map[string]string { return map[string]string{"$.a": a, "$.b": b} }
	runEvalCases(t, []evalCase{
		{name: "shallow", call: call,
			doc:  ab(`{"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}`, `{"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}`),
			want: `{"a":{"a3":1,"a4":2},"b":2,"c":3,"d":4}`},
		{name: "empty objects", call: call, doc: ab(`{}`, `{}`), want: `{}`},
		{name: "null value wins", call: call, doc: ab(`{"x": 1}`, `{"x": null}`), want: `{"x":null}`},
		{name: "with StringToJson", call: `States.JsonMerge(States.StringToJson('{"k": "v"}'), $.b, false)`,
			doc: map[string]string{"$.b": `{"c": "d"}`}, want: `{"c":"d","k":"v"}`},
		{name: "first not an object", call: call, doc: ab(`[1]`, `{}`), err: "argument 1 must be a JSON object"},
		{name: "second not an object", call: call, doc: ab(`{}`, `"x"`), err: "argument 2 must be a JSON object"},
		{name: "deep from a path", call: "States.JsonMerge($.a, $.b, $.deep)",
			doc: map[string]string{"$.a": `{}`, "$.b": `{}`, "$.deep": `true`}, err: "only supports the shallow merging mode"},
		{name: "flag not a boolean", call: "States.JsonMerge($.a, $.b, $.deep)",
			doc: map[string]string{"$.a": `{}`, "$.b": `{}`, "$.deep": `0`}, err: "argument 3 must be a boolean"},
	})
}

func TestNoArgumentIsModified(t *testing.T) {
	t.Parallel()
	doc := map[string]string{
		"$.obj": `{"a": {"x": [1, 2]}, "b": [3, -0]}`,
		"$.arr": `[1, 1, [2], {"k": -0}, [2], "s"]`,
		"$.str": `"{\"a\": -0}"`,
	}
	calls := []string{
		"States.JsonMerge($.obj, $.obj, false)",
		"States.ArrayPartition($.arr, 2)",
		"States.ArrayUnique($.arr)",
		"States.ArrayContains($.arr, $.obj)",
		"States.Array($.obj, $.arr)",
		"States.JsonToString($.obj)",
		"States.StringToJson($.str)",
		"States.Format('{} {}', $.obj, $.arr)",
		"States.ArrayGetItem($.arr, 3)",
	}
	for _, call := range calls {
		resolve := resolverFor(t, doc)
		before := map[string]string{}
		for p := range doc {
			v, _ := resolve(p)
			before[p] = mustJSON(t, v)
		}
		c, err := Parse(call)
		if err != nil {
			t.Fatalf("Parse(%q): %v", call, err)
		}
		out, err := c.Eval(resolve, Env{})
		if err != nil {
			t.Fatalf("Eval(%q): %v", call, err)
		}
		if strings.Contains(call, "StringToJson") && mustJSON(t, out) != `{"a":0}` {
			t.Errorf("StringToJson = %s", mustJSON(t, out))
		}
		// The containers these build are their own: changing them must
		// not reach the arguments. (Other results may share nested values.)
		switch o := out.(type) {
		case map[string]any:
			if strings.Contains(call, "JsonMerge") {
				o["new"] = true
			}
		case []any:
			if strings.Contains(call, "ArrayPartition") {
				o[0].([]any)[0] = "changed"
			}
		}
		for p := range doc {
			v, _ := resolve(p)
			if got := mustJSON(t, v); got != before[p] {
				t.Errorf("%s changed %s from %s to %s", call, p, before[p], got)
			}
		}
	}
}
