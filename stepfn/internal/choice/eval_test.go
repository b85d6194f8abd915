package choice_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/stepfn/internal/choice"
)

// The recorded tables below reproduce the outcomes LocalStack recorded
// against AWS in tests/aws/services/stepfunctions/v2/choice_operators/
// (localstack/localstack). Each case there is one state machine:
//
//	{"Variable": "$.Variable", "<Operator>": <Value>}        literal forms
//	{"Variable": "$.Variable", "<Operator>Path": "$.Value"}  path forms
//
// run on the input {"Variable": <variable>, "Value": <value>}.

// recorded is one such case, with variable and value as JSON text.
type recorded struct {
	variable, value string
	want            bool
}

// typeVars are the Variable values LocalStack's TYPE_COMPARISONS_VARS
// tries against each operator, as JSON.
var typeVars = []string{`null`, `0`, `0.0`, `1`, `1.1`, `""`, `" "`, `[]`, `[""]`, `{}`, `{"A":0}`, `false`, `true`}

func runRecorded(t *testing.T, op string, cases []recorded) {
	t.Helper()
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s/%s/%s", op, c.variable, c.value), func(t *testing.T) {
			var rule, input string
			if strings.HasSuffix(op, "Path") {
				rule = fmt.Sprintf(`{"Variable":"$.Variable",%q:"$.Value"}`, op)
				input = fmt.Sprintf(`{"Variable":%s,"Value":%s}`, c.variable, c.value)
			} else {
				rule = fmt.Sprintf(`{"Variable":"$.Variable",%q:%s}`, op, c.value)
				input = fmt.Sprintf(`{"Variable":%s}`, c.variable)
			}
			r := parse(t, rule, true)
			got, err := r.Eval(resolver(decode(t, input), nil))
			if err != nil {
				t.Fatalf("%s on %s: %v", rule, input, err)
			}
			if got != c.want {
				t.Errorf("%s on %s = %v, want %v", rule, input, got, c.want)
			}
		})
	}
}

// TestNumericRecorded: test_numeric.snapshot.json.
func TestNumericRecorded(t *testing.T) {
	var equals []recorded
	for _, v := range typeVars {
		for _, w := range []string{`0`, `0.0`, `1`, `1.0`} {
			zero := v == `0` || v == `0.0`
			want := zero && (w == `0` || w == `0.0`) || v == `1` && (w == `1` || w == `1.0`)
			equals = append(equals, recorded{v, w, want})
		}
	}
	equals = append(equals, recorded{`0.0`, `0`, true}, recorded{`2.22`, `2.22`, true})
	runRecorded(t, "NumericEquals", equals)
	runRecorded(t, "NumericEqualsPath", equals)

	// Pairs (variable, value): (0,0) (0.0,0) (0,1) (1,1) (1,0) (0,1).
	pairs := [][2]string{{`0`, `0`}, {`0.0`, `0`}, {`0`, `1`}, {`1`, `1`}, {`1`, `0`}, {`0`, `1`}}
	for op, wants := range map[string][6]bool{
		"NumericGreaterThan":       {false, false, false, false, true, false},
		"NumericGreaterThanEquals": {true, true, false, true, true, false},
		"NumericLessThan":          {false, false, true, false, false, true},
		"NumericLessThanEquals":    {true, true, true, true, false, true},
	} {
		var cases []recorded
		for i, p := range pairs {
			cases = append(cases, recorded{p[0], p[1], wants[i]})
		}
		runRecorded(t, op, cases)
		runRecorded(t, op+"Path", cases)
	}
}

// TestStringRecorded: test_string_operators.snapshot.json.
func TestStringRecorded(t *testing.T) {
	var equals []recorded
	for _, v := range typeVars {
		equals = append(equals, recorded{v, `"HelloWorld"`, false})
	}
	ws := []recorded{{`" "`, `"     "`, false}, {`"\t\n"`, `"\t\r\n"`, false}, {`"Hello"`, `"Hello"`, true}}
	runRecorded(t, "StringEquals", append(equals, ws...))
	runRecorded(t, "StringEqualsPath", ws)

	gt := []recorded{{`""`, `""`, false}, {`"A"`, `"A "`, false}, {`"A"`, `"A\t\n\r"`, false}, {`"AB"`, `"ABC"`, false}}
	runRecorded(t, "StringGreaterThan", gt)
	runRecorded(t, "StringGreaterThanPath", gt)

	// Pairs (variable, value): ("","") ("A","AB") ("AB","A").
	pairs := [][2]string{{`""`, `""`}, {`"A"`, `"AB"`}, {`"AB"`, `"A"`}}
	for op, wants := range map[string][3]bool{
		"StringGreaterThanEquals": {true, false, true},
		"StringLessThan":          {false, true, false},
		"StringLessThanEquals":    {true, true, false},
	} {
		var cases []recorded
		for i, p := range pairs {
			cases = append(cases, recorded{p[0], p[1], wants[i]})
		}
		runRecorded(t, op, cases)
		runRecorded(t, op+"Path", cases)
	}
}

// typeComparisons is LocalStack's TYPE_COMPARISONS: (variable, value)
// pairs whose value is a boolean, as JSON.
var typeComparisons = [][2]string{
	{`null`, `true`}, {`null`, `false`}, {`0`, `true`}, {`0`, `false`},
	{`0.0`, `true`}, {`0.0`, `false`}, {`1`, `true`}, {`1`, `false`},
	{`1.1`, `true`}, {`1.1`, `false`}, {`""`, `true`}, {`""`, `false`},
	{`" "`, `true`}, {`" "`, `false`}, {`"HelloWorld"`, `true`}, {`"HelloWorld"`, `false`},
	{`"2012-10-09T19:00:55"`, `true`}, {`"2012-10-09T19:00:55"`, `false`},
	{`"2012-10-09T19:00:55Z"`, `true`}, {`"2012-10-09T19:00:55Z"`, `false`},
	{`"2012-10-09T19:00:55+01:00"`, `true`}, {`"2012-10-09T19:00:55+01:00"`, `false`},
	{`"2023-02-24"`, `true`}, {`"2023-02-24"`, `false`},
	{`[]`, `true`}, {`[]`, `false`}, {`[""]`, `true`}, {`[""]`, `false`},
	{`{}`, `true`}, {`{}`, `false`}, {`{"A":0}`, `true`}, {`{"A":0}`, `false`},
	{`true`, `true`}, {`false`, `true`}, {`false`, `true`}, {`false`, `false`},
}

// typeTable pairs typeComparisons with recorded outcomes, given as a
// string of 36 'T'/'F'.
func typeTable(t *testing.T, outcomes string) []recorded {
	t.Helper()
	if len(outcomes) != len(typeComparisons) {
		t.Fatalf("%d outcomes for %d cases", len(outcomes), len(typeComparisons))
	}
	out := make([]recorded, len(typeComparisons))
	for i, c := range typeComparisons {
		out[i] = recorded{c[0], c[1], outcomes[i] == 'T'}
	}
	return out
}

// TestBooleanRecorded: test_boolean_equals.snapshot.json.
func TestBooleanRecorded(t *testing.T) {
	cases := typeTable(t, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"+"TFFT")
	runRecorded(t, "BooleanEquals", cases)
	runRecorded(t, "BooleanEqualsPath", cases)
}

// TestIsRecorded: test_is_operators.snapshot.json. IsTimestamp was not
// recorded there; TestIsTimestamp covers it.
func TestIsRecorded(t *testing.T) {
	runRecorded(t, "IsNull", typeTable(t, "TFFTFTFTFTFTFTFTFTFTFTFTFTFTFTFTFFFT"))
	runRecorded(t, "IsNumeric", typeTable(t, "FTTFTFTFTFFTFTFTFTFTFTFTFTFTFTFTFFFT"))
	runRecorded(t, "IsString", typeTable(t, "FTFTFTFTFTTFTFTFTFTFTFTFFTFTFTFTFFFT"))
	runRecorded(t, "IsBoolean", typeTable(t, "FTFTFTFTFTFTFTFTFTFTFTFTFTFTFTFTTTTF"))
	runRecorded(t, "IsPresent", typeTable(t, "TFTFTFTFTFTFTFTFTFTFTFTFTFTFTFTFTTTF"))
}

// TestTimestampRecorded: test_timestamp_operators.snapshot.json.
func TestTimestampRecorded(t *testing.T) {
	const t0, t1 = `"2012-10-09T19:00:55Z"`, `"2012-10-09T19:00:56Z"`
	var equals []recorded
	for _, v := range []string{`null`, `0`, `0.0`, `1`, `1.1`, `""`, `" "`, `"2023-02-24 12:15:56.832957"`, `[]`, `[""]`, `{}`, `{"A":0}`, `false`, `true`} {
		equals = append(equals, recorded{v, t0, false})
	}
	base := func(w0, w1, w2 bool) []recorded {
		return []recorded{{t0, t0, w0}, {t0, t1, w1}, {t1, t0, w2}}
	}
	runRecorded(t, "TimestampEquals", append(equals, base(true, false, false)...))
	runRecorded(t, "TimestampEqualsPath", base(true, false, false))
	runRecorded(t, "TimestampGreaterThan", base(false, false, true))
	runRecorded(t, "TimestampGreaterThanEquals", base(true, false, true))
	runRecorded(t, "TimestampLessThan", base(false, true, false))
	runRecorded(t, "TimestampLessThanEquals", base(true, true, false))
	runRecorded(t, "TimestampGreaterThanPath", []recorded{{t0, t1, false}})
	runRecorded(t, "TimestampGreaterThanEqualsPath", []recorded{{t0, t1, false}})
	runRecorded(t, "TimestampLessThanPath", []recorded{{t1, t0, false}})
	runRecorded(t, "TimestampLessThanEqualsPath", []recorded{{t1, t0, false}})
}

// evalCase is a rule, an input and the expected outcome, for behaviour
// not in the recorded corpus.
type evalCase struct {
	name  string
	rule  string
	input string
	want  bool
}

func runEval(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := parse(t, c.rule, true).Eval(resolver(decode(t, c.input), nil))
			if err != nil {
				t.Fatalf("%s on %s: %v", c.rule, c.input, err)
			}
			if got != c.want {
				t.Errorf("%s on %s = %v, want %v", c.rule, c.input, got, c.want)
			}
		})
	}
}

func TestNumeric(t *testing.T) {
	runEval(t, []evalCase{
		{"negative zero", `{"Variable":"$.v","NumericEquals":0}`, `{"v":-0}`, true},
		{"negative zero float", `{"Variable":"$.v","NumericEquals":-0.0}`, `{"v":0}`, true},
		{"exponent", `{"Variable":"$.v","NumericEquals":1e2}`, `{"v":100.000}`, true},
		{"negative", `{"Variable":"$.v","NumericLessThan":-1.5}`, `{"v":-2}`, true},
		{"string digits", `{"Variable":"$.v","NumericEquals":1}`, `{"v":"1"}`, false},
		// binary64, as AWS documents: 2^53+1 cannot be told from 2^53.
		{"beyond 2^53", `{"Variable":"$.v","NumericEquals":9007199254740992}`, `{"v":9007199254740993}`, true},
		{"within 2^53", `{"Variable":"$.v","NumericGreaterThan":9007199254740990}`, `{"v":9007199254740991}`, true},
		{"overflow is infinite", `{"Variable":"$.v","NumericGreaterThan":1.7976931348623157e308}`, `{"v":1e400}`, true},
		{"both overflow", `{"Variable":"$.v","NumericEquals":1e400}`, `{"v":2e500}`, true},
		{"path to string", `{"Variable":"$.v","NumericEqualsPath":"$.w"}`, `{"v":1,"w":"1"}`, false},
		{"path to object", `{"Variable":"$.v","NumericLessThanEqualsPath":"$.w"}`, `{"v":8,"w":{"value":8}}`, false},
		{"nested path", `{"Variable":"$.p.lo","NumericLessThanEqualsPath":"$.p.hi"}`, `{"p":{"lo":-2.25,"hi":-2.25}}`, true},
	})
}

func TestString(t *testing.T) {
	runEval(t, []evalCase{
		{"case sensitive", `{"Variable":"$.v","StringEquals":"abc"}`, `{"v":"ABC"}`, false},
		{"unicode equal", `{"Variable":"$.v","StringEquals":"é"}`, `{"v":"\u00e9"}`, true},
		// Java's compareTo orders by UTF-16 unit: U+1F600 is a surrogate
		// pair (0xD83D…), which sorts before U+FF01.
		{"utf16 order", `{"Variable":"$.v","StringLessThan":"\uff01"}`, `{"v":"\ud83d\ude00"}`, true},
		{"utf16 order reversed", `{"Variable":"$.v","StringGreaterThan":"\uff01"}`, `{"v":"\ud83d\ude00"}`, false},
		{"supplementary order", `{"Variable":"$.v","StringLessThan":"\ud83d\ude01"}`, `{"v":"\ud83d\ude00"}`, true},
		{"prefix is less", `{"Variable":"$.v","StringLessThanPath":"$.w"}`, `{"v":"ab","w":"abc"}`, true},
		{"path to number", `{"Variable":"$.v","StringEqualsPath":"$.w"}`, `{"v":"1","w":1}`, false},
		{"timestamp as string", `{"Variable":"$.v","StringEquals":"2016-08-18T17:33:00Z"}`, `{"v":"2016-08-18T17:33:00Z"}`, true},
	})
}

func TestStringMatches(t *testing.T) {
	runEval(t, []evalCase{
		{"suffix", `{"Variable":"$.v","StringMatches":"*.log"}`, `{"v":"zebra.log"}`, true},
		{"infix", `{"Variable":"$.v","StringMatches":"foo*.log"}`, `{"v":"foo23.log"}`, true},
		{"two stars", `{"Variable":"$.v","StringMatches":"foo*.*"}`, `{"v":"foobar.zebra"}`, true},
		{"anchored", `{"Variable":"$.v","StringMatches":"foo*.log"}`, `{"v":"foo23.log.gz"}`, false},
		{"empty run", `{"Variable":"$.v","StringMatches":"a*b"}`, `{"v":"ab"}`, true},
		{"overlap", `{"Variable":"$.v","StringMatches":"ab*ba"}`, `{"v":"aba"}`, false},
		{"no wildcard", `{"Variable":"$.v","StringMatches":"exact"}`, `{"v":"exact"}`, true},
		{"only star", `{"Variable":"$.v","StringMatches":"*"}`, `{"v":""}`, true},
		{"question mark is literal", `{"Variable":"$.v","StringMatches":"a?c"}`, `{"v":"abc"}`, false},
		{"escaped star", `{"Variable":"$.v","StringMatches":"a\\*c"}`, `{"v":"a*c"}`, true},
		{"escaped star is not wild", `{"Variable":"$.v","StringMatches":"a\\*c"}`, `{"v":"abc"}`, false},
		{"escaped backslash", `{"Variable":"$.v","StringMatches":"a\\\\*"}`, `{"v":"a\\xyz"}`, true},
		{"escaped other", `{"Variable":"$.v","StringMatches":"\\a"}`, `{"v":"a"}`, true},
		{"greedy middle", `{"Variable":"$.v","StringMatches":"*a*b*c*"}`, `{"v":"xxaxxbxxbxxcxx"}`, true},
		{"unicode", `{"Variable":"$.v","StringMatches":"日*語"}`, `{"v":"日本語"}`, true},
		{"not a string", `{"Variable":"$.v","StringMatches":"*"}`, `{"v":1}`, false},
	})
}

func TestBoolean(t *testing.T) {
	runEval(t, []evalCase{
		{"false equals false", `{"Variable":"$.v","BooleanEquals":false}`, `{"v":false}`, true},
		{"path to string", `{"Variable":"$.v","BooleanEqualsPath":"$.w"}`, `{"v":true,"w":"true"}`, false},
	})
}

func TestTimestamp(t *testing.T) {
	runEval(t, []evalCase{
		{"offset same instant", `{"Variable":"$.v","TimestampEquals":"2012-10-09T19:00:55Z"}`, `{"v":"2012-10-09T20:00:55+01:00"}`, true},
		{"fraction", `{"Variable":"$.v","TimestampGreaterThan":"2012-10-09T19:00:55Z"}`, `{"v":"2012-10-09T19:00:55.000000001Z"}`, true},
		{"fraction equal", `{"Variable":"$.v","TimestampEquals":"2012-10-09T19:00:55.5Z"}`, `{"v":"2012-10-09T19:00:55.500Z"}`, true},
		{"negative offset", `{"Variable":"$.v","TimestampLessThan":"2012-10-09T19:00:55Z"}`, `{"v":"2012-10-09T18:00:55-00:30"}`, true},
		{"no zone", `{"Variable":"$.v","TimestampEquals":"2012-10-09T19:00:55Z"}`, `{"v":"2012-10-09T19:00:55"}`, false},
		{"lowercase t", `{"Variable":"$.v","TimestampEquals":"2012-10-09T19:00:55Z"}`, `{"v":"2012-10-09t19:00:55Z"}`, false},
		{"path not a timestamp", `{"Variable":"$.v","TimestampLessThanPath":"$.w"}`, `{"v":"2012-10-09T19:00:55Z","w":"tomorrow"}`, false},
		{"path not a string", `{"Variable":"$.v","TimestampEqualsPath":"$.w"}`, `{"v":"2012-10-09T19:00:55Z","w":0}`, false},
	})
}

func TestIsTimestamp(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{`"2012-10-09T19:00:55Z"`, true},
		{`"2012-10-09T19:00:55+01:00"`, true},
		{`"2012-10-09T19:00:55.123456789Z"`, true},
		{`"2012-10-09T19:00:55"`, false},
		{`"2023-02-24"`, false},
		{`"2012-02-30T00:00:00Z"`, false},
		{`"HelloWorld"`, false},
		{`1349809255`, false},
		{`null`, false},
	} {
		for _, lit := range []bool{true, false} {
			rule := fmt.Sprintf(`{"Variable":"$.v","IsTimestamp":%v}`, lit)
			input := `{"v":` + c.v + `}`
			got, err := parse(t, rule, true).Eval(resolver(decode(t, input), nil))
			if err != nil || got != (c.want == lit) {
				t.Errorf("%s on %s = %v, %v; want %v", rule, input, got, err, c.want == lit)
			}
		}
	}
}

func TestBooleanRules(t *testing.T) {
	input := `{"a":1,"s":"x","t":true}`
	runEval(t, []evalCase{
		{"and true", `{"And":[{"Variable":"$.a","NumericEquals":1},{"Variable":"$.s","StringEquals":"x"}]}`, input, true},
		{"and false", `{"And":[{"Variable":"$.a","NumericEquals":1},{"Variable":"$.s","StringEquals":"y"}]}`, input, false},
		{"or true", `{"Or":[{"Variable":"$.a","NumericEquals":2},{"Variable":"$.t","BooleanEquals":true}]}`, input, true},
		{"or false", `{"Or":[{"Variable":"$.a","NumericEquals":2},{"Variable":"$.t","BooleanEquals":false}]}`, input, false},
		{"not", `{"Not":{"Variable":"$.s","StringEquals":"Private"}}`, input, true},
		{"nested", `{"Not":{"And":[{"Variable":"$.a","IsNumeric":true},{"Or":[{"Variable":"$.zz","IsPresent":true},{"Variable":"$.s","StringMatches":"x*"}]}]}}`, input, false},
		{"not missing is present", `{"Not":{"Variable":"$.zz","IsPresent":true}}`, input, true},
		{"is present false", `{"Variable":"$.zz","IsPresent":false}`, input, true},
		{"root variable", `{"Variable":"$","IsNull":false}`, input, true},
		{"array index", `{"Variable":"$.l[1]","StringEquals":"b"}`, `{"l":["a","b"]}`, true},
	})
}

// TestShortCircuit checks that Or stops at its first true operand and And
// at its first false one: the operands after are never resolved, so a
// missing path there is no error.
func TestShortCircuit(t *testing.T) {
	doc := decode(t, `{"yes":true,"no":false}`)
	for _, c := range []struct {
		rule string
		want bool
		seen []string
	}{
		{`{"Or":[{"Variable":"$.yes","BooleanEquals":true},{"Variable":"$.missing","StringEquals":"x"}]}`, true, []string{"$.yes"}},
		{`{"And":[{"Variable":"$.no","BooleanEquals":true},{"Variable":"$.missing","NumericEqualsPath":"$.gone"}]}`, false, []string{"$.no"}},
		{`{"Or":[{"Variable":"$.no","BooleanEquals":true},{"Variable":"$.yes","BooleanEquals":true},{"Variable":"$.missing","IsNull":true}]}`, true, []string{"$.no", "$.yes"}},
	} {
		var seen []string
		got, err := parse(t, c.rule, true).Eval(resolver(doc, &seen))
		if err != nil || got != c.want {
			t.Errorf("%s = %v, %v; want %v", c.rule, got, err, c.want)
		}
		if fmt.Sprint(seen) != fmt.Sprint(c.seen) {
			t.Errorf("%s resolved %v, want %v", c.rule, seen, c.seen)
		}
	}
}

// TestRuntimeErrors: a Variable or *Path operand that is missing is
// States.Runtime for every operator but IsPresent, with the cause AWS
// reports (seen in production logs: "Invalid path '$.resume_only': The
// choice state's condition path references an invalid value.").
func TestRuntimeErrors(t *testing.T) {
	doc := decode(t, `{"left":8,"s":"x"}`)
	literal := map[string]string{
		"String": `"x"`, "Numeric": `1`, "Timestamp": `"2012-10-09T19:00:55Z"`,
	}
	var rules []string
	for fam, lit := range literal {
		for _, rel := range []string{"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"} {
			rules = append(rules, fmt.Sprintf(`{"Variable":"$.missing",%q:%s}`, fam+rel, lit))
			rules = append(rules, fmt.Sprintf(`{"Variable":"$.missing",%q:"$.left"}`, fam+rel+"Path"))
		}
	}
	rules = append(rules,
		`{"Variable":"$.missing","BooleanEquals":true}`,
		`{"Variable":"$.missing","BooleanEqualsPath":"$.left"}`,
		`{"Variable":"$.missing","StringMatches":"*"}`,
		`{"Variable":"$.missing","IsNull":true}`,
		`{"Variable":"$.missing","IsNull":false}`,
		`{"Variable":"$.missing","IsNumeric":false}`,
		`{"Variable":"$.missing","IsString":false}`,
		`{"Variable":"$.missing","IsBoolean":false}`,
		`{"Variable":"$.missing","IsTimestamp":false}`,
		`{"Not":{"Variable":"$.missing","IsString":true}}`,
		`{"And":[{"Variable":"$.left","IsPresent":true},{"Variable":"$.missing","IsString":true}]}`,
	)
	want := "Invalid path '$.missing': The choice state's condition path references an invalid value."
	for _, rule := range rules {
		checkRuntime(t, rule, doc, want)
	}
	// A missing *Path operand, the Variable present.
	for _, op := range []string{"NumericLessThanEqualsPath", "StringEqualsPath", "BooleanEqualsPath", "TimestampEqualsPath"} {
		checkRuntime(t, fmt.Sprintf(`{"Variable":"$.left",%q:"$.right"}`, op), doc,
			"Invalid path '$.right': The choice state's condition path references an invalid value.")
	}
	// An open escape fails when the rule is evaluated.
	checkRuntime(t, `{"Variable":"$.s","StringMatches":"x\\"}`, doc,
		`The StringMatches pattern 'x\' ends with an open escape: a trailing '\' must be written '\\'.`)
}

func checkRuntime(t *testing.T, rule string, doc any, cause string) {
	t.Helper()
	got, err := parse(t, rule, true).Eval(resolver(doc, nil))
	var re *choice.RuntimeError
	if !errors.As(err, &re) || got {
		t.Errorf("%s = %v, %v; want a RuntimeError", rule, got, err)
		return
	}
	if re.Name != "States.Runtime" || re.Cause != cause {
		t.Errorf("%s: error %q %q, want States.Runtime %q", rule, re.Name, re.Cause, cause)
	}
	if re.Error() != "States.Runtime: "+cause {
		t.Errorf("Error() = %q", re.Error())
	}
}

// TestResolverError: an error from resolve is returned as it is.
func TestResolverError(t *testing.T) {
	boom := errors.New("boom")
	for _, rule := range []string{
		`{"Variable":"$.a","IsPresent":true}`,
		`{"Variable":"$.a","StringEqualsPath":"$.b"}`,
		`{"Not":{"Variable":"$.a","NumericEquals":1}}`,
		`{"Or":[{"Variable":"$.a","NumericEquals":1}]}`,
	} {
		got, err := parse(t, rule, true).Eval(func(p string) (any, bool, error) {
			if p == "$.a" && strings.Contains(rule, "Path") {
				return "x", true, nil
			}
			return nil, false, boom
		})
		if !errors.Is(err, boom) || got {
			t.Errorf("%s = %v, %v; want boom", rule, got, err)
		}
	}
}

// TestGoValues: numbers decoded without UseNumber, or built in Go, compare
// like json.Number.
func TestGoValues(t *testing.T) {
	r := parse(t, `{"Variable":"$.v","NumericGreaterThan":1}`, true)
	for _, v := range []any{float64(2), int(2), int64(2)} {
		got, err := r.Eval(func(string) (any, bool, error) { return v, true, nil })
		if err != nil || !got {
			t.Errorf("NumericGreaterThan 1 on %T 2 = %v, %v", v, got, err)
		}
	}
	m := map[string]any{"Variable": "$.v", "NumericEquals": 1.5, "Next": "N"}
	r2, err := choice.Parse(m, "/x", true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := r2.Eval(func(string) (any, bool, error) { return 1.5, true, nil }); !got {
		t.Error("float64 literal does not equal float64 1.5")
	}
}
