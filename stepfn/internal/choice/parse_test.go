package choice_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/switchyard/switchyard/stepfn/internal/choice"
)

const loc = "/States/C/Choices/0"

// TestParseErrors checks the code and location of every refusal, and the
// message where it is AWS's verbatim text (msg is "" where our wording is
// only in AWS's style).
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		rule string
		top  bool
		at   string // location relative to loc
		msg  string
	}{
		// Verbatim AWS text (cfn-lint #4077 quotes CreateStateMachine).
		{"missing next", `{"Variable":"$","StringMatches":"Test"}`, true, "", "These fields are required: [Next]"},
		// Verbatim AWS text (a CloudFormation deployment log, and floci
		// #2735's measurements with ValidateStateMachineDefinition).
		{"unknown field", `{"Variable":"$.a","StringEquals":"x","Next":"N","Foo":1}`, true, "", "Field 'Foo' is not supported"},
		{"unknown field nested", `{"And":[{"Variable":"$.a","IsNull":true,"variable":"$.b"}],"Next":"N"}`, true, "/And/0", "Field 'variable' is not supported"},
		{"next nested", `{"Not":{"Variable":"$.a","IsNull":true,"Next":"X"},"Next":"N"}`, true, "/Not", "Field 'Next' is not supported"},
		{"next in nested rule", `{"Variable":"$.a","IsNull":true,"Next":"X"}`, false, "", "Field 'Next' is not supported"},
		{"assign nested", `{"And":[{"Variable":"$.a","IsNull":true},{"Variable":"$.b","IsNull":true,"Assign":{}}],"Next":"N"}`, true, "/And/1", "Field 'Assign' is not supported"},
		{"variable on boolean rule", `{"Variable":"$.a","Not":{"Variable":"$.a","IsNull":true},"Next":"N"}`, true, "", "Field 'Variable' is not supported"},
		// Verbatim AWS text (floci #2968's measurements).
		{"output is jsonata only", `{"Variable":"$.a","IsNull":true,"Next":"N","Output":{}}`, true, "", "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage"},
		{"condition is jsonata only", `{"Condition":"{% true %}","Next":"N"}`, true, "", "The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage"},

		// Wording in AWS's style.
		{"missing variable", `{"StringEquals":"x","Next":"N"}`, true, "", "These fields are required: [Variable]"},
		{"missing variable and next", `{"StringEquals":"x"}`, true, "", "These fields are required: [Variable, Next]"},
		{"two operators", `{"Variable":"$.a","StringEquals":"x","NumericEquals":1,"Next":"N"}`, true, "", ""},
		{"two boolean operators", `{"And":[{"Variable":"$.a","IsNull":true}],"Or":[{"Variable":"$.a","IsNull":true}],"Next":"N"}`, true, "", ""},
		{"operator and boolean", `{"Not":{"Variable":"$.a","IsNull":true},"Variable":"$.a","IsNull":true,"Next":"N"}`, true, "", ""},
		{"no operator", `{"Variable":"$.a","Next":"N"}`, true, "", ""},
		{"empty rule", `{}`, false, "", ""},
		{"and empty", `{"And":[],"Next":"N"}`, true, "/And", "The value for the field 'And' must be a non-empty array"},
		{"or not array", `{"Or":{"Variable":"$.a","IsNull":true},"Next":"N"}`, true, "/Or", ""},
		{"not array", `{"Not":[{"Variable":"$.a","IsNull":true}],"Next":"N"}`, true, "/Not", ""},
		{"and element not object", `{"And":[{"Variable":"$.a","IsNull":true},1],"Next":"N"}`, true, "/And/1", ""},
		{"string equals number", `{"Variable":"$.a","StringEquals":1,"Next":"N"}`, true, "/StringEquals", "The value for the field 'StringEquals' must be a string"},
		{"string matches number", `{"Variable":"$.a","StringMatches":1,"Next":"N"}`, true, "/StringMatches", ""},
		{"numeric equals string", `{"Variable":"$.a","NumericEquals":"1","Next":"N"}`, true, "/NumericEquals", "The value for the field 'NumericEquals' must be a number"},
		{"numeric equals null", `{"Variable":"$.a","NumericLessThan":null,"Next":"N"}`, true, "/NumericLessThan", ""},
		{"boolean equals string", `{"Variable":"$.a","BooleanEquals":"true","Next":"N"}`, true, "/BooleanEquals", ""},
		{"is null string", `{"Variable":"$.a","IsNull":"true","Next":"N"}`, true, "/IsNull", ""},
		{"is present number", `{"Variable":"$.a","IsPresent":1,"Next":"N"}`, true, "/IsPresent", ""},
		{"timestamp number", `{"Variable":"$.a","TimestampEquals":0,"Next":"N"}`, true, "/TimestampEquals", ""},
		{"timestamp no zone", `{"Variable":"$.a","TimestampEquals":"2016-03-14T01:59:00","Next":"N"}`, true, "/TimestampEquals", ""},
		{"timestamp bad day", `{"Variable":"$.a","TimestampLessThan":"2016-02-30T01:59:00Z","Next":"N"}`, true, "/TimestampLessThan", ""},
		{"timestamp lowercase", `{"Variable":"$.a","TimestampGreaterThan":"2016-03-14t01:59:00z","Next":"N"}`, true, "/TimestampGreaterThan", ""},
		{"path operand invalid", `{"Variable":"$.a","StringEqualsPath":"nope","Next":"N"}`, true, "/StringEqualsPath", "The value for the field 'StringEqualsPath' must be a valid JSONPath"},
		{"path operand not string", `{"Variable":"$.a","NumericEqualsPath":1,"Next":"N"}`, true, "/NumericEqualsPath", ""},
		{"variable invalid", `{"Variable":"a","IsNull":true,"Next":"N"}`, true, "/Variable", "The value for the field 'Variable' must be a valid JSONPath"},
		{"variable not string", `{"Variable":1,"IsNull":true,"Next":"N"}`, true, "/Variable", ""},
		{"next not string", `{"Variable":"$.a","IsNull":true,"Next":1}`, true, "/Next", ""},
		{"assign not object", `{"Variable":"$.a","IsNull":true,"Next":"N","Assign":"x"}`, true, "/Assign", ""},
		{"comment not string", `{"Variable":"$.a","IsNull":true,"Next":"N","Comment":1}`, true, "/Comment", ""},
		{"deep", `{"And":[{"Variable":"$.a","IsNull":true},{"Or":[{"Not":{"Variable":"$.b","NumericEquals":"1"}}]}],"Next":"N"}`, true, "/And/1/Or/0/Not/NumericEquals", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := decode(t, c.rule).(map[string]any)
			r, err := choice.Parse(m, loc, c.top, checkPath)
			var de *choice.DefinitionError
			if !errors.As(err, &de) {
				t.Fatalf("Parse(%s) = %v, %v; want a DefinitionError", c.rule, r, err)
			}
			if r != nil {
				t.Errorf("Parse returned a rule with its error")
			}
			if de.Code != "SCHEMA_VALIDATION_FAILED" || de.Location != loc+c.at {
				t.Errorf("Parse(%s): %q at %q, want SCHEMA_VALIDATION_FAILED at %q", c.rule, de.Code, de.Location, loc+c.at)
			}
			if c.msg != "" && de.Message != c.msg {
				t.Errorf("Parse(%s): message %q, want %q", c.rule, de.Message, c.msg)
			}
			if want := fmt.Sprintf("SCHEMA_VALIDATION_FAILED: %s at %s", de.Message, de.Location); de.Error() != want {
				t.Errorf("Error() = %q, want %q", de.Error(), want)
			}
		})
	}
}

// TestParseErrorStable: a rule with several faults reports the same one
// every time, whatever Go's map order.
func TestParseErrorStable(t *testing.T) {
	rule := `{"Variable":"$.a","StringEquals":"x","Zed":1,"Alpha":2,"Mid":3,"Next":"N"}`
	for i := 0; i < 50; i++ {
		_, err := choice.Parse(decode(t, rule).(map[string]any), loc, true, checkPath)
		if err == nil || err.(*choice.DefinitionError).Message != "Field 'Alpha' is not supported" {
			t.Fatalf("run %d: %v", i, err)
		}
	}
}

func TestParseCheckPath(t *testing.T) {
	m := func() map[string]any {
		return decode(t, `{"Variable":"$ok","StringEqualsPath":"$bad","Next":"N"}`).(map[string]any)
	}
	// A *DefinitionError from checkPath keeps its code and message and is
	// placed at the field.
	custom := &choice.DefinitionError{Code: "INVALID_VARIABLE_REFERENCE", Message: "no such variable"}
	_, err := choice.Parse(m(), loc, true, func(p string) error {
		if p == "$bad" {
			return custom
		}
		return nil
	})
	var de *choice.DefinitionError
	if !errors.As(err, &de) || de.Code != custom.Code || de.Message != custom.Message || de.Location != loc+"/StringEqualsPath" {
		t.Errorf("custom checkPath error: %#v", err)
	}
	if custom.Location != "" {
		t.Error("Parse modified the caller's error")
	}
	// A nil checkPath accepts anything that starts with "$".
	if _, err := choice.Parse(m(), loc, true, nil); err != nil {
		t.Errorf("nil checkPath: %v", err)
	}
	bad := decode(t, `{"Variable":"a.b","IsNull":true,"Next":"N"}`).(map[string]any)
	if _, err := choice.Parse(bad, loc, true, nil); err == nil {
		t.Error("nil checkPath accepted a.b")
	}
}

func TestParseAccessors(t *testing.T) {
	r := parse(t, `{
		"Comment": "an order",
		"And": [
			{"Variable": "$.a", "StringEqualsPath": "$.b"},
			{"Not": {"Variable": "$$.Execution.Name", "IsPresent": true}},
			{"Or": [{"Variable": "$.a", "NumericGreaterThanEqualsPath": "$.c[0]"}, {"Variable": "$.d", "IsNull": false}]}
		],
		"Next": "Ship",
		"Assign": {"x": 1, "y.$": "$.a"}
	}`, true)
	if r.Next() != "Ship" {
		t.Errorf("Next() = %q", r.Next())
	}
	if want := map[string]any{"x": decode(t, "1"), "y.$": "$.a"}; !reflect.DeepEqual(r.Assign(), want) {
		t.Errorf("Assign() = %v, want %v", r.Assign(), want)
	}
	want := []string{"$.a", "$.b", "$$.Execution.Name", "$.a", "$.c[0]", "$.d"}
	if got := r.Paths(); !reflect.DeepEqual(got, want) {
		t.Errorf("Paths() = %q, want %q", got, want)
	}
	nested := parse(t, `{"Variable":"$.a","IsNull":true}`, false)
	if nested.Next() != "" || nested.Assign() != nil {
		t.Errorf("nested rule: Next %q, Assign %v", nested.Next(), nested.Assign())
	}
}

// TestParseAllOperators: every operator of AWS's list parses, with a
// literal of its type or, for the *Path forms, a path.
func TestParseAllOperators(t *testing.T) {
	lits := map[string]string{"String": `"x"`, "Numeric": `1.5`, "Timestamp": `"2016-03-14T01:59:00Z"`}
	var ops []string
	for fam, lit := range lits {
		for _, rel := range []string{"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"} {
			ops = append(ops, fmt.Sprintf(`%q:%s`, fam+rel, lit), fmt.Sprintf(`%q:"$.p"`, fam+rel+"Path"))
		}
	}
	ops = append(ops, `"BooleanEquals":true`, `"BooleanEqualsPath":"$.p"`, `"StringMatches":"*"`)
	for _, is := range []string{"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"} {
		ops = append(ops, fmt.Sprintf(`%q:false`, is))
	}
	if len(ops) != 39 {
		t.Fatalf("%d operators, want 39", len(ops))
	}
	for _, op := range ops {
		parse(t, `{"Variable":"$.v",`+op+`}`, true)
		parse(t, `{"Not":{"Variable":"$.v",`+op+`}}`, true)
	}
	// Path forms take no literal, even a well-typed one.
	_, err := choice.Parse(decode(t, `{"Variable":"$.v","NumericEqualsPath":"1"}`).(map[string]any), loc, false, checkPath)
	if err == nil {
		t.Error(`NumericEqualsPath "1" accepted`)
	}
}
