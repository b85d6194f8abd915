package sfnapi_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
)

func TestCreateStateMachineErrors(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		f.createMachine("taken", passDef, nil)
		long := strings.Repeat("a", 81)
		tests := []struct {
			name string
			in   map[string]any
			want apiError
		}{
			{"no name", map[string]any{"definition": passDef, "roleArn": role},
				apiError{"ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"}},
			{"name too long", map[string]any{"name": long, "definition": passDef, "roleArn": role},
				apiError{"ValidationException", "1 validation error detected: Value '" + long + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"}},
			{"bad name", map[string]any{"name": "a b$", "definition": passDef, "roleArn": role},
				apiError{"InvalidName", "Invalid Name: 'a b$'"}},
			{"bad type", map[string]any{"name": "x", "definition": passDef, "roleArn": role, "type": "FAST"},
				apiError{"ValidationException", "1 validation error detected: Value 'FAST' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [EXPRESS, STANDARD]"}},
			{"two errors", map[string]any{"definition": passDef},
				apiError{"ValidationException", "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'roleArn' failed to satisfy constraint: Member must not be null"}},
			{"role not an ARN", map[string]any{"name": "x", "definition": passDef, "roleArn": "sfn-role"},
				apiError{"InvalidArn", "Invalid Arn: 'Invalid ARN prefix: sfn-role'"}},
			{"no StartAt", map[string]any{"name": "x", "definition": `{"States":{}}`, "roleArn": role},
				apiError{"InvalidDefinition", ""}},
			{"not JSON", map[string]any{"name": "x", "definition": "nope", "roleArn": role},
				apiError{"InvalidDefinition", ""}},
			{"version description without publish", map[string]any{"name": "x", "definition": passDef, "roleArn": role, "versionDescription": "v"},
				apiError{"ValidationException", "Version description can only be set when publish is true"}},
			{"other definition under a taken name", map[string]any{"name": "taken", "definition": pass2, "roleArn": role},
				apiError{"StateMachineAlreadyExists", "State Machine Already Exists: '" + smARN + "taken'"}},
			{"other type under a taken name", map[string]any{"name": "taken", "definition": passDef, "roleArn": role, "type": "EXPRESS"},
				apiError{"StateMachineAlreadyExists", "State Machine Already Exists: '" + smARN + "taken'"}},
			{"logging level without destination", map[string]any{"name": "x", "definition": passDef, "roleArn": role, "loggingConfiguration": map[string]any{"level": "ALL"}},
				apiError{"InvalidLoggingConfiguration", "Invalid Logging Configuration: Must specify exactly one Log Destination."}},
			{"express with a callback", map[string]any{"name": "x", "roleArn": role, "type": "EXPRESS",
				"definition": `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`},
				apiError{"InvalidDefinition", ""}},
			{"empty tag key", map[string]any{"name": "x", "definition": passDef, "roleArn": role, "tags": []any{map[string]any{"key": "", "value": "v"}}},
				apiError{"ValidationException", "1 validation error detected: Value '' at 'tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"}},
		}
		for _, tt := range tests {
			f.inCase(t, tt.name).fail("CreateStateMachine", tt.in, tt.want)
		}
		list := f.ok("ListStateMachines", map[string]any{})["stateMachines"].([]any)
		if len(list) != 1 {
			t.Errorf("the failed creates left %d machines, want only the first: %v", len(list), list)
		}
	})
}

func TestCreateStateMachineIsIdempotent(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		first := f.ok("CreateStateMachine", map[string]any{"name": "m", "definition": passDef, "roleArn": role})
		// The same name, definition and type with another role is the
		// same request again: the role does not change.
		again := f.ok("CreateStateMachine", map[string]any{"name": "m", "definition": passDef, "roleArn": role + "2"})
		if first["stateMachineArn"] != again["stateMachineArn"] || first["creationDate"] != again["creationDate"] {
			t.Errorf("second create = %v, want %v", again, first)
		}
		d := f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": smARN + "m"})
		if d["roleArn"] != role {
			t.Errorf("roleArn = %v, want the first request's", d["roleArn"])
		}
	})
}

func TestDescribeStateMachine(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		arn := f.createMachine("m", passDef, map[string]any{
			"type":                 "EXPRESS",
			"tracingConfiguration": map[string]any{"enabled": true},
			"loggingConfiguration": map[string]any{"level": "ERROR", "includeExecutionData": true, "destinations": []any{
				map[string]any{"cloudWatchLogsLogGroup": map[string]any{"logGroupArn": "arn:aws:logs:us-east-1:000000000000:log-group:g:*"}}}},
		})
		d := f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": arn})
		want := map[string]any{"stateMachineArn": arn, "name": "m", "status": "ACTIVE", "definition": passDef, "roleArn": role, "type": "EXPRESS"}
		for k, v := range want {
			if d[k] != v {
				t.Errorf("%s = %v, want %v", k, d[k], v)
			}
		}
		if fmt.Sprint(d["tracingConfiguration"]) != "map[enabled:true]" {
			t.Errorf("tracingConfiguration = %v", d["tracingConfiguration"])
		}
		if lc := d["loggingConfiguration"].(map[string]any); lc["level"] != "ERROR" || lc["includeExecutionData"] != true {
			t.Errorf("loggingConfiguration = %v", lc)
		}
		if _, ok := d["creationDate"].(float64); !ok {
			t.Errorf("creationDate = %v (%T), want epoch seconds", d["creationDate"], d["creationDate"])
		}
		if _, ok := d["revisionId"]; ok {
			t.Errorf("a machine never updated has a revisionId: %v", d["revisionId"])
		}

		tests := []struct {
			name string
			arn  any
			want apiError
		}{
			{"missing", smARN + "nope", apiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + smARN + "nope'"}},
			{"other account", "arn:aws:states:us-east-1:111111111111:stateMachine:m", apiError{"StateMachineDoesNotExist", ""}},
			{"not an ARN", "not-an-arn", apiError{"InvalidArn", "Invalid Arn: 'Invalid ARN prefix: not-an-arn'"}},
			{"an execution ARN", execARN + "m:e", apiError{"InvalidArn", "Invalid Arn: 'Resource type not valid in this context: execution'"}},
			{"a missing version", arn + ":7", apiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + ":7'"}},
			{"a Map label", arn + "/label", apiError{"ValidationException", ""}},
			{"no ARN", nil, apiError{"ValidationException", "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"}},
		}
		for _, tt := range tests {
			in := map[string]any{}
			if tt.arn != nil {
				in["stateMachineArn"] = tt.arn
			}
			f.inCase(t, tt.name).fail("DescribeStateMachine", in, tt.want)
		}
	})
}

func TestUpdateStateMachine(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		arn := f.createMachine("m", waitDef, nil)
		running := f.start(arn, map[string]any{"name": "before"})

		up := f.ok("UpdateStateMachine", map[string]any{"stateMachineArn": arn, "definition": passDef})
		rev := str(t, up["revisionId"])
		if _, ok := up["updateDate"].(float64); !ok {
			t.Errorf("updateDate = %v", up["updateDate"])
		}
		d := f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": arn})
		if d["definition"] != passDef || d["revisionId"] != rev {
			t.Errorf("after the update: definition %v revisionId %v, want %s %s", d["definition"], d["revisionId"], passDef, rev)
		}
		// The same settings again make no new revision.
		same := f.ok("UpdateStateMachine", map[string]any{"stateMachineArn": arn, "definition": passDef})
		if same["revisionId"] != rev {
			t.Errorf("an update that changes nothing gave revision %v, want %s", same["revisionId"], rev)
		}
		// The running execution keeps the definition it started with; a
		// new one runs the new definition.
		forRunning := f.ok("DescribeStateMachineForExecution", map[string]any{"executionArn": running})
		if forRunning["definition"] != waitDef {
			t.Errorf("the running execution's definition = %v, want the old one", forRunning["definition"])
		}
		after := f.start(arn, nil)
		synctest.Wait()
		if st := f.describe(after)["status"]; st != "SUCCEEDED" {
			t.Errorf("the new execution is %v, want SUCCEEDED", st)
		}
		if st := f.describe(running)["status"]; st != "RUNNING" {
			t.Errorf("the old execution is %v, want RUNNING", st)
		}
		forAfter := f.ok("DescribeStateMachineForExecution", map[string]any{"executionArn": after})
		if forAfter["definition"] != passDef || forAfter["revisionId"] != rev {
			t.Errorf("the new execution's machine = %v", forAfter)
		}

		tests := []struct {
			name string
			in   map[string]any
			want apiError
		}{
			{"nothing to update", map[string]any{"stateMachineArn": arn},
				apiError{"MissingRequiredParameter", "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified"}},
			{"missing", map[string]any{"stateMachineArn": smARN + "nope", "definition": passDef},
				apiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + smARN + "nope'"}},
			{"bad definition", map[string]any{"stateMachineArn": arn, "definition": "{}"}, apiError{"InvalidDefinition", ""}},
			{"a version ARN", map[string]any{"stateMachineArn": arn + ":1", "definition": passDef}, apiError{"ValidationException", ""}},
			{"bad role", map[string]any{"stateMachineArn": arn, "roleArn": "r"}, apiError{"InvalidArn", "Invalid Arn: 'Invalid ARN prefix: r'"}},
		}
		for _, tt := range tests {
			f.inCase(t, tt.name).fail("UpdateStateMachine", tt.in, tt.want)
		}
		if d := f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": arn}); d["definition"] != passDef {
			t.Errorf("a failed update changed the definition to %v", d["definition"])
		}
	})
}

func TestListStateMachinesPages(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		for i := range 5 {
			f.createMachine(fmt.Sprintf("m%d", 4-i), passDef, nil)
		}
		var names []string
		token := ""
		for pages := 0; ; pages++ {
			in := map[string]any{"maxResults": 2}
			if token != "" {
				in["nextToken"] = token
			}
			out := f.ok("ListStateMachines", in)
			for _, it := range out["stateMachines"].([]any) {
				item := it.(map[string]any)
				names = append(names, str(t, item["name"]))
				if item["type"] != "STANDARD" || item["stateMachineArn"] != smARN+item["name"].(string) {
					t.Errorf("item %v", item)
				}
			}
			next, _ := out["nextToken"].(string)
			if next == "" {
				if pages != 2 {
					t.Errorf("%d pages, want 3", pages+1)
				}
				break
			}
			token = next
		}
		if fmt.Sprint(names) != "[m0 m1 m2 m3 m4]" {
			t.Errorf("names %v, want every machine once, by name", names)
		}
		f.fail("ListStateMachines", map[string]any{"nextToken": "bogus"}, apiError{"InvalidToken", "Invalid Token: 'Invalid token'"})
		f.fail("ListStateMachines", map[string]any{"maxResults": 1001},
			apiError{"ValidationException", "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"})
	})
}

func TestDeleteStateMachine(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		arn := f.createMachine("m", passDef, nil)
		f.ok("DeleteStateMachine", map[string]any{"stateMachineArn": arn})
		f.fail("DescribeStateMachine", map[string]any{"stateMachineArn": arn}, apiError{"StateMachineDoesNotExist", ""})
		// Deleting what is not there succeeds, as on AWS.
		f.ok("DeleteStateMachine", map[string]any{"stateMachineArn": arn})
		f.fail("DeleteStateMachine", map[string]any{"stateMachineArn": arn + ":1"}, apiError{"ValidationException", ""})

		// A machine with a running execution is DELETING until it ends.
		busy := f.createMachine("busy", waitDef, nil)
		e := f.start(busy, nil)
		f.ok("DeleteStateMachine", map[string]any{"stateMachineArn": busy})
		if st := f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": busy})["status"]; st != "DELETING" {
			t.Errorf("status %v, want DELETING", st)
		}
		f.fail("StartExecution", map[string]any{"stateMachineArn": busy}, apiError{"StateMachineDeleting", ""})
		f.ok("StopExecution", map[string]any{"executionArn": e})
		f.fail("DescribeStateMachine", map[string]any{"stateMachineArn": busy}, apiError{"StateMachineDoesNotExist", ""})
		// The name is free again.
		f.createMachine("busy", pass2, nil)
	})
}
