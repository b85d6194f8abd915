package stepfn_test

import (
	"context"
	"errors"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

const mockConfig = `{
  "StateMachines": {
    "orders": {"TestCases": {
      "HappyPath": {"Charge": "ChargeOK"},
      "RetryPath": {"Charge": "ChargeFlaky"}}}
  },
  "MockedResponses": {
    "ChargeOK":    {"0": {"Return": {"charged": true}}},
    "ChargeFlaky": {"0-1": {"Throw": {"Error": "Busy", "Cause": "try later"}},
                    "2":   {"Return": {"charged": "late"}}}
  }
}`

// TestMockConfig checks test cases of a Step Functions Local mock file:
// mocked states return their numbered responses, retries included, and
// call no handler.
func TestMockConfig(t *testing.T) {
	cfg, err := stepfn.ParseMockConfig([]byte(mockConfig))
	if err != nil {
		t.Fatal(err)
	}
	def := `{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true,
		"Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1,"MaxAttempts":5}]}}}`
	for tc, want := range map[string]string{"HappyPath": `{"charged":true}`, "RetryPath": `{"charged":"late"}`} {
		bubble(t, func(t *testing.T) {
			sm, err := stepfn.New(stepfn.Config{Name: "orders", Definition: def}, stepfn.WithMockConfig(cfg))
			if err != nil {
				t.Fatal(err)
			}
			e, err := sm.Start(context.Background(), stepfn.StartInput{TestCase: tc})
			if err != nil {
				t.Fatal(err)
			}
			d, _ := e.Wait(context.Background())
			sameJSON(t, tc, d.Output, want)
		})
	}
	for _, bad := range []string{
		`{"StateMachines":{"m":{"TestCases":{"c":{"S":"Missing"}}}},"MockedResponses":{}}`,
		`{"MockedResponses":{"R":{"x":{"Return":1}}}}`,
		`{"MockedResponses":{"R":{"0":{"Return":1,"Throw":{"Error":"E"}}}}}`,
		`{"Unknown":1}`,
	} {
		if _, err := stepfn.ParseMockConfig([]byte(bad)); !errors.Is(err, stepfn.ErrValidation) {
			t.Errorf("ParseMockConfig(%s): %v", bad, err)
		}
	}
}

// TestTestState checks the TestState-like call: output, next state,
// inspection data, and the RETRIABLE and CAUGHT_ERROR statuses.
func TestTestState(t *testing.T) {
	ctx := context.Background()
	out, err := stepfn.TestState(ctx, stepfn.TestStateInput{
		Definition: `{"Type":"Task","Resource":"` + fn + `","InputPath":"$.in","Parameters":{"v.$":"$.x"},
			"ResultSelector":{"r.$":"$.v"},"ResultPath":"$.res","Next":"After"}`,
		Input: `{"in":{"x":2}}`,
	}, stepfn.WithHandler(fn, echo))
	if err != nil {
		t.Fatal(err)
	}
	want := stepfn.Inspection{Input: `{"in":{"x":2}}`, AfterInputPath: `{"x":2}`, AfterParameters: `{"v":2}`,
		Result: `{"v":2}`, AfterResultSelector: `{"r":2}`, AfterResultPath: `{"in":{"x":2},"res":{"r":2}}`}
	if out.Status != stepfn.TestSucceeded || out.NextState != "After" || out.InspectionData != want {
		t.Errorf("TestState: %+v\nwant inspection %+v", out, want)
	}
	boom := stepfn.WithHandler(fn, &failing{names: []string{"Boom"}})
	out, _ = stepfn.TestState(ctx, stepfn.TestStateInput{
		Definition: `{"Type":"Task","Resource":"` + fn + `","Retry":[{"ErrorEquals":["Boom"]}],"End":true}`}, boom)
	if out.Status != stepfn.TestRetriable || out.Error != "Boom" {
		t.Errorf("retriable: %+v", out)
	}
	out, _ = stepfn.TestState(ctx, stepfn.TestStateInput{
		Definition: `{"Type":"Task","Resource":"` + fn + `","Catch":[{"ErrorEquals":["Boom"],"Next":"Handle"}],"End":true}`},
		stepfn.WithHandler(fn, &failing{names: []string{"Boom"}}))
	if out.Status != stepfn.TestCaughtError || out.NextState != "Handle" || out.Error != "Boom" {
		t.Errorf("caught: %+v", out)
	}
}
