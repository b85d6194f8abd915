package stepfn_test

import (
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

// TestDataFlow traces input and output processing through the JSONPath
// fields, in AWS's order: InputPath, Parameters, the work, ResultSelector,
// ResultPath (into the raw input), OutputPath.
func TestDataFlow(t *testing.T) {
	tests := []struct {
		name, state, input, want string
	}{
		{"pass through", `{"Type":"Pass","End":true}`, `{"a":1}`, `{"a":1}`},
		{"input path", `{"Type":"Pass","InputPath":"$.a","End":true}`, `{"a":{"b":2}}`, `{"b":2}`},
		{"null input path", `{"Type":"Pass","InputPath":null,"End":true}`, `{"a":1}`, `{}`},
		{"parameters", `{"Type":"Pass","Parameters":{"x.$":"$.a","k":"v","n":{"y.$":"$.b[1]"}},"End":true}`, `{"a":1,"b":[5,6]}`, `{"x":1,"k":"v","n":{"y":6}}`},
		{"result replaces", `{"Type":"Pass","Result":{"r":1},"End":true}`, `{"a":1}`, `{"r":1}`},
		{"result is literal", `{"Type":"Pass","Result":{"r.$":"$.a"},"End":true}`, `{"a":1}`, `{"r.$":"$.a"}`},
		{"result path into raw input", `{"Type":"Pass","InputPath":"$.a","Result":7,"ResultPath":"$.r.s","End":true}`, `{"a":{"x":1}}`, `{"a":{"x":1},"r":{"s":7}}`},
		{"null result path", `{"Type":"Pass","Result":7,"ResultPath":null,"End":true}`, `{"a":1}`, `{"a":1}`},
		{"output path after result path", `{"Type":"Pass","Result":7,"ResultPath":"$.r","OutputPath":"$.r","End":true}`, `{"a":1}`, `7`},
		{"null output path", `{"Type":"Pass","OutputPath":null,"End":true}`, `{"a":1}`, `{}`},
		{"bare scalar input", `{"Type":"Pass","End":true}`, `3`, `3`},
		{"context object", `{"Type":"Pass","Parameters":{"name.$":"$$.State.Name","sm.$":"$$.StateMachine.Name","in.$":"$$.Execution.Input.a"},"End":true}`, `{"a":1}`, `{"name":"S","sm":"m","in":1}`},
		{"intrinsic", `{"Type":"Pass","Parameters":{"s.$":"States.Format('{} and {}', $.a, $.b)"},"End":true}`, `{"a":1,"b":"x"}`, `{"s":"1 and x"}`},
		{"filter path", `{"Type":"Pass","InputPath":"$.items[?(@.n > 1)].n","End":true}`, `{"items":[{"n":1},{"n":2},{"n":3}]}`, `[2,3]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				d, _ := runMachine(t, `{"StartAt":"S","States":{"S":`+tc.state+`}}`, tc.input)
				if d.Status != stepfn.Succeeded {
					t.Fatalf("status %s: %s: %s", d.Status, d.Error, d.Cause)
				}
				sameJSON(t, "output", d.Output, tc.want)
			})
		})
	}
}

// TestTaskDataFlow checks the Task-only steps: the handler sees the
// effective input, ResultSelector reads the raw result, and ResultPath
// puts it into the raw input.
func TestTaskDataFlow(t *testing.T) {
	bubble(t, func(t *testing.T) {
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",
			"InputPath":"$.in","Parameters":{"v.$":"$.x"},
			"ResultSelector":{"got.$":"$.v"},"ResultPath":"$.out","End":true}}}`
		d, _ := runMachine(t, def, `{"in":{"x":5},"keep":true}`, stepfn.WithHandler("arn:aws:lambda:us-east-1:1:function:f", echo))
		sameJSON(t, "output", d.Output, `{"in":{"x":5},"keep":true,"out":{"got":5}}`)
	})
}

// TestRuntimePathFailures checks that paths that match nothing fail the
// execution with States.Runtime, which no Catch handles, with AWS's cause.
func TestRuntimePathFailures(t *testing.T) {
	tests := []struct {
		name, state, cause string
	}{
		{"input path", `{"Type":"Pass","InputPath":"$.X","End":true}`,
			"An error occurred while executing the state 'S' (entered at the event id #2). Invalid path '$.X' : No results for path: $['X']"},
		{"parameters", `{"Type":"Pass","Parameters":{"value.$":"$.x"},"End":true}`,
			"An error occurred while executing the state 'S' (entered at the event id #2). The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{\"a\":1}'"},
		{"caught anyway", `{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","OutputPath":"$.X","Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},"C":{"Type":"Succeed"}`,
			"An error occurred while executing the state 'S' (entered at the event id #2). Invalid path '$.X' : No results for path: $['X']"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				d, _ := runMachine(t, `{"StartAt":"S","States":{"S":`+tc.state+`}}`, `{"a":1}`,
					stepfn.WithHandler("arn:aws:lambda:us-east-1:1:function:f", echo))
				if d.Status != stepfn.Failed || d.Error != "States.Runtime" || d.Cause != tc.cause {
					t.Fatalf("got %s %s %q\nwant FAILED States.Runtime %q", d.Status, d.Error, d.Cause, tc.cause)
				}
			})
		})
	}
}
