package intrinsic

import (
	"strconv"
	"strings"
	"testing"
)

func TestArray(t *testing.T) {
	t.Parallel()
	runEvalCases(t, []evalCase{
		{name: "none", call: "States.Array()", want: `[]`},
		{name: "spec example", call: "States.Array('Foo', 2020, $.someJson, null)",
			doc: map[string]string{"$.someJson": `{"random": "abcdefg"}`}, want: `["Foo",2020,{"random":"abcdefg"},null]`},
		{name: "docs example", call: "States.Array($.Id)", doc: map[string]string{"$.Id": `123456`}, want: `[123456]`},
		{name: "arrays nest", call: "States.Array($.a, States.Array())", doc: map[string]string{"$.a": `[1]`}, want: `[[1],[]]`},
	})
}

func TestArrayPartition(t *testing.T) {
	t.Parallel()
	const call = "States.ArrayPartition($.a, $.n)"
	an := func(a, n string) map[string]string { return map[string]string{"$.a": a, "$.n": n} }
	runEvalCases(t, []evalCase{
		{name: "docs example", call: "States.ArrayPartition($.a,4)", doc: an(`[1,2,3,4,5,6,7,8,9]`, `0`),
			want: `[[1,2,3,4],[5,6,7,8],[9]]`},
		{name: "empty", call: call, doc: an(`[]`, `3`), want: `[]`},
		{name: "size one", call: call, doc: an(`[0,1,2]`, `1`), want: `[[0],[1],[2]]`},
		{name: "exact", call: call, doc: an(`[0,1,2,3]`, `2`), want: `[[0,1],[2,3]]`},
		{name: "larger than the array", call: call, doc: an(`[0,1]`, `5`), want: `[[0,1]]`},
		{name: "huge size", call: call, doc: an(`[0,1]`, `9223372036854775807`), want: `[[0,1]]`},
		{name: "rounded size", call: call, doc: an(`[0,1,2]`, `1.5`), want: `[[0,1],[2]]`},
		{name: "zero", call: call, doc: an(`[1]`, `0`), err: "argument 2 must be a positive integer"},
		{name: "negative", call: call, doc: an(`[1]`, `-2`), err: "must be a positive integer"},
		{name: "rounds to zero", call: call, doc: an(`[1]`, `0.49`), err: "must be a positive integer"},
		{name: "not an array", call: call, doc: an(`{"a":1}`, `1`), err: "argument 1 must be an array"},
		{name: "size not a number", call: call, doc: an(`[1]`, `"2"`), err: "argument 2 must be an integer"},
	})
}

func TestArrayContains(t *testing.T) {
	t.Parallel()
	const call = "States.ArrayContains($.a, $.v)"
	av := func(a, v string) map[string]string { return map[string]string{"$.a": a, "$.v": v} }
	runEvalCases(t, []evalCase{
		// The inputs of LocalStack's AWS-validated test_array_contains.
		{name: "empty and null", call: call, doc: av(`[]`, `null`), want: `false`},
		{name: "empty and empty array", call: call, doc: av(`[]`, `[]`), want: `false`},
		{name: "empty and number", call: call, doc: av(`[]`, `1`), want: `false`},
		{name: "no null", call: call, doc: av(`[[1,2,3],2]`, `null`), want: `false`},
		{name: "nested array", call: call, doc: av(`[[1,2,3],2]`, `[1,2,3]`), want: `true`},
		{name: "object, looking for array", call: call, doc: av(`[{"1":2,"2":[]}]`, `[]`), want: `false`},
		{name: "object", call: call, doc: av(`[{"1":2,"2":[]}]`, `{"2":[],"1":2}`), want: `true`},
		{name: "true", call: call, doc: av(`[true,false]`, `true`), want: `true`},
		{name: "false", call: call, doc: av(`[true,false]`, `false`), want: `true`},
		// Further cases.
		{name: "docs example", call: call, doc: av(`[1,2,3,4,5,6,7,8,9]`, `5`), want: `true`},
		{name: "null present", call: call, doc: av(`[1,null]`, `null`), want: `true`},
		{name: "numbers by value", call: call, doc: av(`[1.0, 2]`, `1`), want: `true`},
		{name: "exponent", call: call, doc: av(`[100]`, `1e2`), want: `true`},
		{name: "string is not number", call: call, doc: av(`["1"]`, `1`), want: `false`},
		{name: "array order matters", call: call, doc: av(`[[1,2]]`, `[2,1]`), want: `false`},
		{name: "not an array", call: call, doc: av(`"abc"`, `"a"`), err: "argument 1 must be an array"},
	})
}

func TestArrayRange(t *testing.T) {
	t.Parallel()
	const call = "States.ArrayRange($.a, $.b, $.c)"
	abc := func(a, b, c string) map[string]string { return map[string]string{"$.a": a, "$.b": b, "$.c": c} }
	thousand := make([]string, 1000)
	for i := range thousand {
		thousand[i] = strconv.Itoa(i + 1)
	}
	runEvalCases(t, []evalCase{
		// The inputs of LocalStack's AWS-validated test_array_range.
		{name: "0 to 9 by 3", call: call, doc: abc(`0`, `9`, `3`), want: `[0,3,6,9]`},
		{name: "0 to 10 by 3", call: call, doc: abc(`0`, `10`, `3`), want: `[0,3,6,9]`},
		{name: "1 to 9 by 9", call: call, doc: abc(`1`, `9`, `9`), want: `[1]`},
		{name: "docs example", call: "States.ArrayRange(1, 9, 2)", want: `[1,3,5,7,9]`},
		// Further cases.
		{name: "one item", call: "States.ArrayRange(5, 5, 1)", want: `[5]`},
		{name: "counting down", call: "States.ArrayRange(9, 1, -2)", want: `[9,7,5,3,1]`},
		{name: "negative numbers", call: "States.ArrayRange(-3, -1, 1)", want: `[-3,-2,-1]`},
		{name: "step away from the end", call: "States.ArrayRange(1, 5, -1)", want: `[]`},
		{name: "step away upwards", call: "States.ArrayRange(5, 1, 1)", want: `[]`},
		{name: "rounded", call: "States.ArrayRange(0.5, 2.4, 1.2)", want: `[1,2]`},
		{name: "a thousand items", call: "States.ArrayRange(1, 1000, 1)", want: "[" + strings.Join(thousand, ",") + "]"},
		{name: "extremes", call: "States.ArrayRange(-9223372036854775808, 9223372036854775807, 9223372036854775807)",
			want: `[-9223372036854775808,-1,9223372036854775806]`},
		{name: "extremes down", call: "States.ArrayRange(9223372036854775807, -9223372036854775808, -9223372036854775808)",
			want: `[9223372036854775807,-1]`},
		{name: "1001 items", call: "States.ArrayRange(1, 1001, 1)", err: "more than the 1000 items allowed"},
		{name: "huge", call: "States.ArrayRange(-9223372036854775808, 9223372036854775807, 1)", err: "more than the 1000 items allowed"},
		{name: "zero step from a path", call: call, doc: abc(`1`, `2`, `0`), err: "argument 3 must not be zero"},
		{name: "string", call: call, doc: abc(`"1"`, `2`, `1`), err: "argument 1 must be an integer"},
	})
}

func TestArrayGetItem(t *testing.T) {
	t.Parallel()
	const call = "States.ArrayGetItem($.a, $.i)"
	ai := func(a, i string) map[string]string { return map[string]string{"$.a": a, "$.i": i} }
	runEvalCases(t, []evalCase{
		{name: "docs example", call: call, doc: ai(`[1,2,3,4,5,6,7,8,9]`, `5`), want: `6`},
		{name: "first", call: call, doc: ai(`[{"a":1}]`, `0`), want: `{"a":1}`},
		{name: "integral decimal", call: call, doc: ai(`["x","y"]`, `1.0`), want: `"y"`},
		{name: "exponent", call: call, doc: ai(`["x","y"]`, `1e0`), want: `"y"`},
		{name: "nested", call: "States.ArrayGetItem(States.StringSplit('a-b-c', '-'), 2)", want: `"c"`},
		{name: "out of range", call: call, doc: ai(`[1,2,3]`, `3`), err: "index 3 is out of bounds for an array of length 3"},
		{name: "empty", call: call, doc: ai(`[]`, `0`), err: "out of bounds"},
		{name: "negative", call: call, doc: ai(`[1]`, `-1`), err: "argument 2 must be a non-negative integer index"},
		{name: "fraction", call: call, doc: ai(`[1,2]`, `0.5`), err: "must be a non-negative integer index"},
		{name: "huge", call: call, doc: ai(`[1]`, `1e100`), err: "must be a non-negative integer index"},
		{name: "beyond int32", call: call, doc: ai(`[1]`, `3000000000`), err: "index 3000000000 is out of bounds"},
		{name: "string index", call: call, doc: ai(`[1]`, `"0"`), err: "must be an integer index"},
		{name: "not an array", call: call, doc: ai(`{"0":1}`, `0`), err: "argument 1 must be an array"},
	})
}

func TestArrayLength(t *testing.T) {
	t.Parallel()
	runEvalCases(t, []evalCase{
		{name: "docs example", call: "States.ArrayLength($.a)", doc: map[string]string{"$.a": `[1,2,3,4,5,6,7,8,9]`}, want: `9`},
		{name: "empty", call: "States.ArrayLength($.a)", doc: map[string]string{"$.a": `[]`}, want: `0`},
		{name: "nested call", call: "States.ArrayLength(States.Array(1, 2))", want: `2`},
		{name: "string", call: "States.ArrayLength($.a)", doc: map[string]string{"$.a": `"abc"`}, err: "must be an array"},
		{name: "null", call: "States.ArrayLength($.a)", doc: map[string]string{"$.a": `null`}, err: "but got null"},
	})
}

func TestArrayUnique(t *testing.T) {
	t.Parallel()
	const call = "States.ArrayUnique($.a)"
	a := func(js string) map[string]string { return map[string]string{"$.a": js} }
	runEvalCases(t, []evalCase{
		{name: "docs example", call: call, doc: a(`[1,2,3,3,3,3,3,3,4]`), want: `[1,2,3,4]`},
		{name: "mixed", call: call,
			doc:  a(`[null,null,true,true,false,false,1,1,1.1,0,-0,"HelloWorld","HelloWorld",[],[],[null],[null],{"a":1,"b":2},{"b":2,"a":1},{"a":1,"b":1}]`),
			want: `[null,true,false,1,1.1,0,"HelloWorld",[],[null],{"a":1,"b":2},{"a":1,"b":1}]`},
		{name: "first occurrence kept", call: call, doc: a(`[2, 1.0, 1, 2.00]`), want: `[2,1.0]`},
		{name: "string and number differ", call: call, doc: a(`["1", 1]`), want: `["1",1]`},
		{name: "empty", call: call, doc: a(`[]`), want: `[]`},
		{name: "not an array", call: call, doc: a(`{}`), err: "must be an array"},
	})
}
