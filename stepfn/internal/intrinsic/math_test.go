package intrinsic

import (
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"
)

func TestMathAdd(t *testing.T) {
	t.Parallel()
	const call = "States.MathAdd($.a, $.b)"
	ab := func(a, b string) map[string]string { return map[string]string{"$.a": a, "$.b": b} }
	// Every case AWS recorded (LocalStack test_math_operations.snapshot.json):
	// non-integers round as Java's Math.round, halves towards +infinity.
	recorded := []struct{ a, b, want string }{
		{"-9", "3", "-6"},
		{"1.49", "1.5", "3"},
		{"1.5", "1.51", "4"},
		{"-1.49", "-1.5", "-2"},
		{"-1.5", "-1.51", "-3"},
		{"1.49", "0", "1"},
		{"1.49", "-1.49", "0"},
		{"1.5", "0", "2"},
		{"1.51", "0", "2"},
		{"-1.49", "0", "-1"},
		{"-1.5", "0", "-1"},
		{"-1.51", "0", "-2"},
		{"0.5", "0", "1"},
		{"1.5", "0", "2"},
		{"2.5", "0", "3"},
		{"3.5", "0", "4"},
		{"-0.5", "0.5", "1"},
		{"-0.5", "0", "0"},
		{"-1.5", "0", "-1"},
		{"-2.5", "0", "-2"},
		{"-3.5", "0", "-3"},
	}
	var cases []evalCase
	for _, r := range recorded {
		cases = append(cases, evalCase{name: r.a + "+" + r.b, call: call, doc: ab(r.a, r.b), want: r.want})
	}
	cases = append(cases,
		evalCase{name: "docs example", call: call, doc: ab(`111`, `-1`), want: `110`},
		evalCase{name: "literals", call: "States.MathAdd(2, 3)", want: `5`},
		evalCase{name: "just under a half", call: "States.MathAdd(0.49999999999999994, 0)", want: `0`},
		evalCase{name: "exponent", call: "States.MathAdd(1e2, 2.5e0)", want: `103`},
		evalCase{name: "big integers exact", call: "States.MathAdd(9007199254740993, 1)", want: `9007199254740994`},
		evalCase{name: "max", call: "States.MathAdd(9223372036854775806, 1)", want: `9223372036854775807`},
		evalCase{name: "overflow", call: "States.MathAdd(9223372036854775807, 1)", err: "overflows a 64-bit integer"},
		evalCase{name: "underflow", call: "States.MathAdd(-9223372036854775808, -1)", err: "overflows"},
		evalCase{name: "string", call: call, doc: ab(`"1"`, `2`), err: "argument 1 must be an integer, but got \"1\""},
		evalCase{name: "null", call: call, doc: ab(`1`, `null`), err: "argument 2 must be an integer"},
		evalCase{name: "out of range", call: call, doc: ab(`1e19`, `1`), err: "from -2^63 to 2^63-1"},
	)
	runEvalCases(t, cases)
}

func TestMathRandom(t *testing.T) {
	t.Parallel()
	eval := func(call string, env Env) int64 {
		t.Helper()
		c, err := Parse(call)
		if err != nil {
			t.Fatalf("Parse(%q): %v", call, err)
		}
		v, err := c.Eval(nil, env)
		if err != nil {
			t.Fatalf("Eval(%q): %v", call, err)
		}
		i, err := strconv.ParseInt(string(v.(json.Number)), 10, 64)
		if err != nil {
			t.Fatalf("Eval(%q) = %v, not an integer", call, v)
		}
		return i
	}
	t.Run("within bounds, both included", func(t *testing.T) {
		seen := map[int64]bool{}
		env := Env{Rand: rand.New(rand.NewPCG(1, 2))}
		for range 200 {
			n := eval("States.MathRandom(1, 3)", env)
			if n < 1 || n > 3 {
				t.Fatalf("got %d outside [1, 3]", n)
			}
			seen[n] = true
		}
		if len(seen) != 3 {
			t.Errorf("saw only %v", seen)
		}
	})
	t.Run("AWS-recorded inputs", func(t *testing.T) {
		if n := eval("States.MathRandom(12.50, 44.51)", Env{}); n < 13 || n > 45 {
			t.Errorf("MathRandom(12.50, 44.51) = %d, want 13..45 (bounds rounded)", n)
		}
		if n := eval("States.MathRandom(-99999, -9999)", Env{}); n < -99999 || n > -9999 {
			t.Errorf("MathRandom(-99999, -9999) = %d", n)
		}
	})
	t.Run("same seed same number", func(t *testing.T) {
		a := eval("States.MathRandom(0, 999, 3)", Env{})
		for range 5 {
			if b := eval("States.MathRandom(0, 999, 3)", Env{Rand: rand.New(rand.NewPCG(7, 7))}); b != a {
				t.Fatalf("seeded results differ: %d, %d", a, b)
			}
		}
		differ := false
		for seed := range 20 {
			if eval("States.MathRandom(0, 999999, "+strconv.Itoa(seed+4)+")", Env{}) != eval("States.MathRandom(0, 999999, 3)", Env{}) {
				differ = true
			}
		}
		if !differ {
			t.Error("every seed gave the same number")
		}
	})
	t.Run("injected source", func(t *testing.T) {
		a := eval("States.MathRandom(0, 1000000)", Env{Rand: rand.New(rand.NewPCG(5, 6))})
		b := eval("States.MathRandom(0, 1000000)", Env{Rand: rand.New(rand.NewPCG(5, 6))})
		if a != b {
			t.Errorf("same source gave %d and %d", a, b)
		}
	})
	t.Run("full range", func(t *testing.T) {
		eval("States.MathRandom(-9223372036854775808, 9223372036854775807)", Env{})
		if n := eval("States.MathRandom(7, 7)", Env{}); n != 7 {
			t.Errorf("MathRandom(7, 7) = %d", n)
		}
	})
	runEvalCases(t, []evalCase{
		{name: "start after end", call: "States.MathRandom(5, 1)", err: "the start 5 is greater than the end 1"},
		{name: "string bound", call: "States.MathRandom($.a, 5)", doc: map[string]string{"$.a": `"1"`}, err: "argument 1 must be an integer"},
		{name: "string seed", call: "States.MathRandom(1, 5, $.s)", doc: map[string]string{"$.s": `"x"`}, err: "argument 3 must be an integer"},
	})
}

func TestUUID(t *testing.T) {
	t.Parallel()
	c, err := Parse("States.UUID()")
	if err != nil {
		t.Fatal(err)
	}
	v4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 100 {
		v, err := c.Eval(nil, Env{})
		if err != nil {
			t.Fatal(err)
		}
		s := v.(string)
		if !v4.MatchString(s) {
			t.Fatalf("%q is not a version 4 UUID", s)
		}
		seen[s] = true
	}
	if len(seen) != 100 {
		t.Errorf("%d distinct UUIDs of 100", len(seen))
	}
	a, _ := c.Eval(nil, Env{Rand: rand.New(rand.NewPCG(1, 1))})
	b, _ := c.Eval(nil, Env{Rand: rand.New(rand.NewPCG(1, 1))})
	if a != b || !v4.MatchString(a.(string)) {
		t.Errorf("injected source gave %v and %v", a, b)
	}
}
