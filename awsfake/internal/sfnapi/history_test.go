package sfnapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// lambdaARN is a Lambda function the tests' resolver answers for.
const lambdaARN = "arn:aws:lambda:us-east-1:000000000000:function:double"

// doubler resolves lambdaARN to a handler that doubles its input's n.
func doubler(resource string) stepfn.Handler {
	if resource != lambdaARN {
		return nil
	}
	return stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
		var in struct{ N int }
		if err := json.Unmarshal(task.Input, &in); err != nil {
			return nil, err
		}
		return json.RawMessage(fmt.Sprintf(`{"n":%d}`, 2*in.N)), nil
	})
}

// everyStateDef runs each kind of state once.
const everyStateDef = `{"StartAt":"Start","States":{
 "Start":{"Type":"Pass","Parameters":{"n.$":"$.n"},"Next":"Double"},
 "Double":{"Type":"Task","Resource":"` + lambdaARN + `","Next":"Branch"},
 "Branch":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":5,"Next":"Both"}],"Default":"Done"},
 "Both":{"Type":"Parallel","Branches":[
   {"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},
   {"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":5,"End":true}}}],"ResultPath":"$.both","Next":"Each"},
 "Each":{"Type":"Map","ItemsPath":"$.both","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"ResultPath":null,"Next":"Done"},
 "Done":{"Type":"Succeed"}}}`

// historyOf reads an execution's whole history, page by page.
func (f *fake) historyOf(arn string, extra map[string]any) []map[string]any {
	f.t.Helper()
	in := map[string]any{"executionArn": arn}
	for k, v := range extra {
		in[k] = v
	}
	var events []map[string]any
	for {
		out := f.ok("GetExecutionHistory", in)
		for _, ev := range out["events"].([]any) {
			events = append(events, ev.(map[string]any))
		}
		next, _ := out["nextToken"].(string)
		if next == "" {
			return events
		}
		in["nextToken"] = next
	}
}

func TestGetExecutionHistory(t *testing.T) {
	bubble(t, doubler, func(t *testing.T, f *fake) {
		arn := f.createMachine("every", everyStateDef, nil)
		e := f.start(arn, map[string]any{"input": `{"n":4}`})
		time.Sleep(5 * time.Second) // the Wait state's, in the bubble's virtual time
		synctest.Wait()
		if st := f.describe(e)["status"]; st != "SUCCEEDED" {
			t.Fatalf("status %v", st)
		}
		events := f.historyOf(e, map[string]any{"maxResults": 3})
		var types []string
		for i, ev := range events {
			types = append(types, str(t, ev["type"]))
			if ev["id"] != float64(i+1) {
				t.Errorf("event %d has id %v", i, ev["id"])
			}
			if _, ok := ev["timestamp"].(float64); !ok {
				t.Errorf("event %d timestamp %v", i, ev["timestamp"])
			}
		}
		for _, want := range []string{"ExecutionStarted", "PassStateEntered", "LambdaFunctionScheduled", "LambdaFunctionSucceeded",
			"ChoiceStateExited", "ParallelStateStarted", "WaitStateEntered", "MapStateStarted", "MapIterationSucceeded", "SucceedStateEntered", "ExecutionSucceeded"} {
			if !contains(types, want) {
				t.Errorf("no %s event in %v", want, types)
			}
		}
		details := func(typ, field string) map[string]any {
			for _, ev := range events {
				if ev["type"] == typ {
					d, ok := ev[field].(map[string]any)
					if !ok {
						t.Errorf("%s has no %s: %v", typ, field, ev)
					}
					return d
				}
			}
			t.Errorf("no %s event", typ)
			return nil
		}
		if d := details("ExecutionStarted", "executionStartedEventDetails"); d["input"] != `{"n":4}` || d["roleArn"] != role ||
			fmt.Sprint(d["inputDetails"]) != "map[truncated:false]" {
			t.Errorf("executionStartedEventDetails %v", d)
		}
		if d := details("PassStateExited", "stateExitedEventDetails"); d["name"] != "Start" || d["output"] != `{"n":4}` {
			t.Errorf("stateExitedEventDetails %v", d)
		}
		if d := details("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails"); d["resource"] != lambdaARN || d["input"] != `{"n":4}` {
			t.Errorf("lambdaFunctionScheduledEventDetails %v", d)
		}
		if d := details("LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails"); d["output"] != `{"n":8}` {
			t.Errorf("lambdaFunctionSucceededEventDetails %v", d)
		}
		if d := details("MapStateStarted", "mapStateStartedEventDetails"); d["length"] != 2.0 {
			t.Errorf("mapStateStartedEventDetails %v", d)
		}
		if d := details("MapIterationStarted", "mapIterationStartedEventDetails"); d["name"] != "Each" {
			t.Errorf("mapIterationStartedEventDetails %v", d)
		}
		if d := details("ExecutionSucceeded", "executionSucceededEventDetails"); d["output"] == nil {
			t.Errorf("executionSucceededEventDetails %v", d)
		}

		reversed := f.historyOf(e, map[string]any{"reverseOrder": true, "maxResults": 4})
		if len(reversed) != len(events) || reversed[0]["id"] != events[len(events)-1]["id"] || reversed[len(reversed)-1]["type"] != "ExecutionStarted" {
			t.Errorf("reversed history: %d events from %v to %v", len(reversed), reversed[0]["type"], reversed[len(reversed)-1]["type"])
		}
		bare := f.historyOf(e, map[string]any{"includeExecutionData": false})
		if d := bare[0]["executionStartedEventDetails"].(map[string]any); d["input"] != nil || d["roleArn"] != role {
			t.Errorf("without execution data: %v", d)
		}

		f.fail("GetExecutionHistory", map[string]any{"executionArn": e, "maxResults": 1001},
			apiError{"ValidationException", "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"})
		first := f.ok("GetExecutionHistory", map[string]any{"executionArn": e, "maxResults": 1})
		f.fail("GetExecutionHistory", map[string]any{"executionArn": e, "reverseOrder": true, "nextToken": first["nextToken"]},
			apiError{"InvalidToken", "Invalid Token: 'Invalid token'"})
		f.fail("GetExecutionHistory", map[string]any{"executionArn": execARN + "every:nope"}, apiError{"ExecutionDoesNotExist", ""})
	})
}

func TestHistoryOfFailuresAndStops(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		failed := f.start(f.createMachine("fails", failDef, nil), nil)
		stopped := f.start(f.createMachine("waits", waitDef, nil), nil)
		f.ok("StopExecution", map[string]any{"executionArn": stopped})
		synctest.Wait()

		last := func(arn string) map[string]any {
			events := f.historyOf(arn, nil)
			return events[len(events)-1]
		}
		if ev := last(failed); ev["type"] != "ExecutionFailed" ||
			fmt.Sprint(ev["executionFailedEventDetails"]) != "map[cause:it broke error:Boom]" {
			t.Errorf("last event of the failed execution: %v", ev)
		}
		// A stop without error or cause still has its (empty) details.
		if ev := last(stopped); ev["type"] != "ExecutionAborted" || fmt.Sprint(ev["executionAbortedEventDetails"]) != "map[]" {
			t.Errorf("last event of the stopped execution: %v", ev)
		}
	})
}

func contains(list []string, s string) bool {
	return strings.Contains(" "+strings.Join(list, " ")+" ", " "+s+" ")
}
