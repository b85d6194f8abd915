package sfnapi_test

import (
	"fmt"
	"testing"
)

func TestValidateStateMachineDefinition(t *testing.T) {
	f := newFake(t, nil)
	wftt := `{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`
	tests := []struct {
		name   string
		in     map[string]any
		result string
		codes  string // the diagnostics' codes and locations
	}{
		{"valid", map[string]any{"definition": passDef}, "OK", "[]"},
		{"empty", map[string]any{"definition": ""}, "FAIL", "[SCHEMA_VALIDATION_FAILED@]"},
		{"not JSON", map[string]any{"definition": "not a definition"}, "FAIL", "[INVALID_JSON_DESCRIPTION@]"},
		{"missing target", map[string]any{"definition": `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}`}, "FAIL",
			"[MISSING_TRANSITION_TARGET@/States/A/Next]"},
		{"callback in a standard machine", map[string]any{"definition": wftt}, "OK", "[]"},
		{"callback in an express machine", map[string]any{"definition": wftt, "type": "EXPRESS"}, "FAIL", "[SCHEMA_VALIDATION_FAILED@/States/S/Resource]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := f.with(t).ok("ValidateStateMachineDefinition", tt.in)
			var codes []string
			for _, d := range out["diagnostics"].([]any) {
				diag := d.(map[string]any)
				loc, _ := diag["location"].(string)
				codes = append(codes, fmt.Sprintf("%v@%s", diag["code"], loc))
				if diag["severity"] != "ERROR" || diag["message"] == "" {
					t.Errorf("diagnostic %v", diag)
				}
			}
			if out["result"] != tt.result || fmt.Sprint(codes) != tt.codes && !(tt.codes == "[]" && codes == nil) || out["truncated"] != false {
				t.Errorf("result %v, diagnostics %v, truncated %v; want %s %s", out["result"], codes, out["truncated"], tt.result, tt.codes)
			}
		})
	}
	f.fail("ValidateStateMachineDefinition", map[string]any{}, apiError{"ValidationException",
		"1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null"})
	f.fail("ValidateStateMachineDefinition", map[string]any{"definition": passDef, "type": "BIG"}, apiError{"ValidationException", ""})
}

func TestTestState(t *testing.T) {
	f := newFake(t, doubler)
	choice := `{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"}`
	tests := []struct {
		name string
		in   map[string]any
		want map[string]any
	}{
		{"pass", map[string]any{"definition": `{"Type":"Pass","Parameters":{"m.$":"$.n"},"End":true}`, "input": `{"n":3}`},
			map[string]any{"status": "SUCCEEDED", "output": `{"m":3}`}},
		{"choice", map[string]any{"definition": choice, "input": `{"n":3}`},
			map[string]any{"status": "SUCCEEDED", "nextState": "Big", "output": `{"n":3}`}},
		{"task through the resolver", map[string]any{"definition": `{"Type":"Task","Resource":"` + lambdaARN + `","End":true}`, "input": `{"n":3}`, "roleArn": role},
			map[string]any{"status": "SUCCEEDED", "output": `{"n":6}`}},
		{"fail", map[string]any{"definition": `{"Type":"Fail","Error":"E","Cause":"C"}`},
			map[string]any{"status": "FAILED", "error": "E", "cause": "C"}},
		{"one state of a machine", map[string]any{"definition": everyStateDef, "stateName": "Branch", "input": `{"n":9}`},
			map[string]any{"status": "SUCCEEDED", "nextState": "Both"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := f.with(t).ok("TestState", tt.in)
			for k, v := range tt.want {
				if out[k] != v {
					t.Errorf("%s = %v, want %v (reply %v)", k, out[k], v, out)
				}
			}
			if out["inspectionData"] != nil {
				t.Errorf("INFO returned inspection data %v", out["inspectionData"])
			}
		})
	}
	debug := f.ok("TestState", map[string]any{"definition": `{"Type":"Pass","InputPath":"$.a","Result":{"r":1},"ResultPath":"$.out","End":true}`,
		"input": `{"a":{"b":2}}`, "inspectionLevel": "DEBUG"})
	insp := debug["inspectionData"].(map[string]any)
	if insp["input"] != `{"a":{"b":2}}` || insp["afterInputPath"] != `{"b":2}` || insp["afterResultPath"] != `{"a":{"b":2},"out":{"r":1}}` {
		t.Errorf("inspectionData %v", insp)
	}

	errs := []struct {
		name string
		in   map[string]any
		want apiError
	}{
		{"bad state", map[string]any{"definition": `{"Type":"Nope"}`}, apiError{"InvalidDefinition", ""}},
		{"bad input", map[string]any{"definition": `{"Type":"Pass","End":true}`, "input": "{"}, apiError{"InvalidExecutionInput", ""}},
		{"bad level", map[string]any{"definition": `{"Type":"Pass","End":true}`, "inspectionLevel": "ALL"}, apiError{"ValidationException", ""}},
		{"unknown state name", map[string]any{"definition": everyStateDef, "stateName": "Nope"}, apiError{"ValidationException", "State not found in definition"}},
		{"mocks", map[string]any{"definition": `{"Type":"Pass","End":true}`, "mock": map[string]any{"result": "{}"}}, apiError{"ValidationException", ""}},
	}
	for _, tt := range errs {
		f.inCase(t, tt.name).fail("TestState", tt.in, tt.want)
	}
}

func TestTags(t *testing.T) {
	f := newFake(t, nil)
	arn := f.createMachine("m", passDef, map[string]any{"tags": []any{map[string]any{"key": "team", "value": "core"}}})
	act := str(t, f.ok("CreateActivity", map[string]any{"name": "a"})["activityArn"])
	for _, res := range []string{arn, act} {
		f.ok("TagResource", map[string]any{"resourceArn": res, "tags": []any{map[string]any{"key": "env", "value": "test"}, map[string]any{"key": "team", "value": "edge"}}})
		f.ok("UntagResource", map[string]any{"resourceArn": res, "tagKeys": []string{"env", "absent"}})
		tags := f.ok("ListTagsForResource", map[string]any{"resourceArn": res})["tags"]
		if fmt.Sprint(tags) != "[map[key:team value:edge]]" {
			t.Errorf("%s: tags %v", res, tags)
		}
	}
	f.fail("TagResource", map[string]any{"resourceArn": arn + ":1", "tags": []any{}}, apiError{"ResourceNotFound", "Resource not found: '" + arn + ":1'"})
	f.fail("ListTagsForResource", map[string]any{"resourceArn": smARN + "nope"}, apiError{"ResourceNotFound", ""})
	f.fail("ListTagsForResource", map[string]any{"resourceArn": execARN + "m:e"}, apiError{"InvalidArn", ""})
	var many []any
	for i := range 51 {
		many = append(many, map[string]any{"key": fmt.Sprint("k", i), "value": ""})
	}
	f.fail("TagResource", map[string]any{"resourceArn": arn, "tags": many}, apiError{"TooManyTags", ""})
	if tags := f.ok("ListTagsForResource", map[string]any{"resourceArn": arn})["tags"]; fmt.Sprint(tags) != "[map[key:team value:edge]]" {
		t.Errorf("a refused TagResource changed the tags: %v", tags)
	}
}

func TestProtocolErrors(t *testing.T) {
	f := newFake(t, nil)
	wantError(t, f.call("Nope", map[string]any{}), apiError{"UnknownOperationException", ""})
	wantError(t, f.raw(t.Context(), "CreateStateMachine", `{"name":5}`), apiError{"SerializationException", ""})
	wantError(t, f.raw(t.Context(), "ListStateMachines", `[`), apiError{"SerializationException", ""})
	for _, op := range []string{"DescribeMapRun", "UpdateMapRun"} {
		f.fail(op, map[string]any{"mapRunArn": "arn:aws:states:us-east-1:000000000000:mapRun:m/label:id"}, apiError{"ResourceNotFound", ""})
	}
	if got, err := f.svc.Call(t.Context(), "ListStateMachines", nil); err != nil || string(got) != `{"stateMachines":[]}` {
		t.Errorf("Call = %s, %v", got, err)
	}
}
