package sfnapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
)

// fuzzOperations are the operations the fuzz target sends to, by index.
var fuzzOperations = []string{
	"CreateActivity", "CreateStateMachine", "CreateStateMachineAlias", "DeleteActivity", "DeleteStateMachine",
	"DeleteStateMachineAlias", "DeleteStateMachineVersion", "DescribeActivity", "DescribeExecution", "DescribeMapRun",
	"DescribeStateMachine", "DescribeStateMachineAlias", "DescribeStateMachineForExecution", "GetActivityTask",
	"GetExecutionHistory", "ListActivities", "ListExecutions", "ListMapRuns", "ListStateMachineAliases",
	"ListStateMachineVersions", "ListStateMachines", "ListTagsForResource", "PublishStateMachineVersion",
	"RedriveExecution", "SendTaskFailure", "SendTaskHeartbeat", "SendTaskSuccess", "StartExecution",
	"StartSyncExecution", "StopExecution", "TagResource", "TestState", "UntagResource", "UpdateMapRun",
	"UpdateStateMachine", "UpdateStateMachineAlias", "ValidateStateMachineDefinition", "NoSuchOperation",
}

// seeded returns a service holding a Standard machine with two versions,
// an alias, tags, a running and a finished execution; an Express
// machine; and an activity.
func seeded(t testing.TB) *fake {
	t.Helper()
	f := newFake(t, nil)
	arn := f.createMachine("m", waitDef, map[string]any{"publish": true, "tags": []any{map[string]any{"key": "k", "value": "v"}}})
	f.ok("UpdateStateMachine", map[string]any{"stateMachineArn": arn, "definition": passDef, "publish": true})
	f.ok("CreateStateMachineAlias", map[string]any{"name": "live", "routingConfiguration": []any{
		map[string]any{"stateMachineVersionArn": arn + ":1", "weight": 100}}})
	f.start(arn+":1", map[string]any{"name": "running"})
	f.start(arn, map[string]any{"name": "done"})
	f.createMachine("x", passDef, map[string]any{"type": "EXPRESS"})
	f.ok("CreateActivity", map[string]any{"name": "act"})
	return f
}

// observable is what a client can read of the service.
func observable(f *fake) string {
	var b strings.Builder
	for _, it := range f.ok("ListStateMachines", map[string]any{})["stateMachines"].([]any) {
		arn := it.(map[string]any)["stateMachineArn"]
		fmt.Fprintln(&b, f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": arn}))
		fmt.Fprintln(&b, f.ok("ListStateMachineVersions", map[string]any{"stateMachineArn": arn}))
		fmt.Fprintln(&b, f.ok("ListStateMachineAliases", map[string]any{"stateMachineArn": arn}))
		fmt.Fprintln(&b, f.ok("ListTagsForResource", map[string]any{"resourceArn": arn}))
		if r := f.call("ListExecutions", map[string]any{"stateMachineArn": arn}); r.status == http.StatusOK {
			fmt.Fprintln(&b, string(r.body))
		}
	}
	fmt.Fprintln(&b, f.ok("ListActivities", map[string]any{}))
	return b.String()
}

func FuzzJSONRequest(f *testing.F) {
	m, v1, alias := smARN+"m", smARN+"m:1", smARN+"m:live"
	seeds := map[string]any{
		"CreateActivity":                   map[string]any{"name": "a2", "tags": []any{map[string]any{"key": "k"}}},
		"CreateStateMachine":               map[string]any{"name": "n", "definition": passDef, "roleArn": role, "type": "EXPRESS", "publish": true},
		"CreateStateMachineAlias":          map[string]any{"name": "b", "routingConfiguration": []any{map[string]any{"stateMachineVersionArn": v1, "weight": 100}}},
		"DeleteActivity":                   map[string]any{"activityArn": actARN + "act"},
		"DeleteStateMachine":               map[string]any{"stateMachineArn": m},
		"DeleteStateMachineAlias":          map[string]any{"stateMachineAliasArn": alias},
		"DeleteStateMachineVersion":        map[string]any{"stateMachineVersionArn": smARN + "m:2"},
		"DescribeExecution":                map[string]any{"executionArn": execARN + "m:running", "includedData": "METADATA_ONLY"},
		"DescribeStateMachine":             map[string]any{"stateMachineArn": alias},
		"DescribeStateMachineForExecution": map[string]any{"executionArn": execARN + "m:done"},
		"GetExecutionHistory":              map[string]any{"executionArn": execARN + "m:done", "maxResults": 1, "reverseOrder": true},
		"ListExecutions":                   map[string]any{"stateMachineArn": v1, "statusFilter": "RUNNING", "maxResults": 1},
		"SendTaskSuccess":                  map[string]any{"taskToken": "AQ" + strings.Repeat("A", 64), "output": "{}"},
		"StartExecution":                   map[string]any{"stateMachineArn": alias, "name": "e", "input": `{"a":[1]}`},
		"StartSyncExecution":               map[string]any{"stateMachineArn": smARN + "x", "input": "3"},
		"StopExecution":                    map[string]any{"executionArn": execARN + "m:running", "error": "E"},
		"TagResource":                      map[string]any{"resourceArn": actARN + "act", "tags": []any{map[string]any{"key": "a", "value": "b"}}},
		"TestState":                        map[string]any{"definition": `{"Type":"Pass","End":true}`, "inspectionLevel": "DEBUG"},
		"UpdateStateMachine":               map[string]any{"stateMachineArn": m, "roleArn": role + "2", "publish": true},
		"UpdateStateMachineAlias":          map[string]any{"stateMachineAliasArn": alias, "description": "d"},
		"ValidateStateMachineDefinition":   map[string]any{"definition": waitDef, "type": "EXPRESS", "maxResults": 1},
	}
	for i, op := range fuzzOperations {
		body, _ := json.Marshal(seeds[op])
		f.Add(uint8(i), string(body))
		f.Add(uint8(i), "{}")
	}
	f.Add(uint8(0), "")
	f.Add(uint8(1), `{"name":["x"]}`)
	f.Add(uint8(27), `{"stateMachineArn":"arn:aws:states:us-east-1:000000000000:stateMachine:m:0"}`)
	f.Add(uint8(10), `{"stateMachineArn":"arn:aws:states:::stateMachine:m/x:y:z"}`)
	f.Fuzz(func(t *testing.T, opIndex uint8, body string) {
		op := fuzzOperations[int(opIndex)%len(fuzzOperations)]
		synctest.Test(t, func(t *testing.T) {
			svc := seeded(t)
			synctest.Wait()
			before := observable(svc)
			r := svc.raw(context.Background(), op, body)
			if r.status >= 500 {
				t.Fatalf("%s %q: the service failed: %d %s", op, body, r.status, r.body)
			}
			var reply map[string]any
			if err := json.Unmarshal(r.body, &reply); err != nil {
				t.Fatalf("%s %q: reply is not a JSON object: %v %q", op, body, err, r.body)
			}
			if r.status == http.StatusOK {
				return
			}
			if reply["__type"] == nil {
				t.Fatalf("%s %q: error reply without __type: %d %s", op, body, r.status, r.body)
			}
			synctest.Wait()
			if after := observable(svc); after != before {
				t.Fatalf("%s %q failed (%s) but changed the service:\nbefore %s\nafter  %s", op, body, r.body, before, after)
			}
		})
	})
}
