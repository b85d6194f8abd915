package stepfn_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

// TestState on a Parallel inspects the Parallel state, not its inner states.
func TestTestStateParallelInspection(t *testing.T) {
	out, err := stepfn.TestState(context.Background(), stepfn.TestStateInput{
		Definition: `{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.a","Parameters":{"x.$":"$"},"End":true}}},
			{"StartAt":"B","States":{"B":{"Type":"Pass","InputPath":"$.b","Parameters":{"y.$":"$"},"End":true}}}]}`,
		Input: `{"a":1,"b":2}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", out)
	if out.InspectionData.AfterInputPath != `{"a":1,"b":2}` {
		t.Errorf("AfterInputPath %q: an inner state's data overwrote the Parallel's", out.InspectionData.AfterInputPath)
	}
}

// An inner catcher does not make TestState report CAUGHT_ERROR for a
// Parallel that did not fail.
func TestTestStateInnerCatch(t *testing.T) {
	h := stepfn.HandlerFunc(func(context.Context, stepfn.Task) (json.RawMessage, error) {
		return nil, &stepfn.Failure{Name: "Boom"}
	})
	out, _ := stepfn.TestState(context.Background(), stepfn.TestStateInput{
		Definition: `{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","Catch":[{"ErrorEquals":["Boom"],"Next":"C"}],"End":true},"C":{"Type":"Pass","End":true}}}]}`,
	}, stepfn.WithHandler(fn, h))
	t.Logf("%+v", out)
	if out.Status != stepfn.TestSucceeded {
		t.Errorf("status %s, want SUCCEEDED: the Parallel itself caught nothing", out.Status)
	}
}

// An inner retrier retries as in an execution: TestState reports RETRIABLE
// only for the tested state's own retriers.
func TestTestStateInnerRetry(t *testing.T) {
	var calls atomic.Int32
	h := stepfn.HandlerFunc(func(context.Context, stepfn.Task) (json.RawMessage, error) {
		if calls.Add(1) == 1 {
			return nil, &stepfn.Failure{Name: "Busy"}
		}
		return json.RawMessage(`"ok"`), nil
	})
	out, _ := stepfn.TestState(context.Background(), stepfn.TestStateInput{
		Definition: `{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1}],"End":true}}}]}`,
	}, stepfn.WithHandler(fn, h))
	t.Logf("%+v calls=%d", out, calls.Load())
	if out.Status != stepfn.TestSucceeded {
		t.Errorf("status %s, want SUCCEEDED (the branch retries and succeeds)", out.Status)
	}
}
