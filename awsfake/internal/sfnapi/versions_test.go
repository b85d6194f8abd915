package sfnapi_test

import (
	"fmt"
	"testing"
	"testing/synctest"
)

func TestVersions(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		created := f.ok("CreateStateMachine", map[string]any{"name": "m", "definition": passDef, "roleArn": role, "publish": true, "versionDescription": "first"})
		arn := str(t, created["stateMachineArn"])
		if created["stateMachineVersionArn"] != arn+":1" {
			t.Fatalf("create with publish = %v, want version 1", created)
		}
		// Publishing the same revision again is the same version.
		if v := f.ok("PublishStateMachineVersion", map[string]any{"stateMachineArn": arn})["stateMachineVersionArn"]; v != arn+":1" {
			t.Errorf("republish = %v, want version 1", v)
		}
		up := f.ok("UpdateStateMachine", map[string]any{"stateMachineArn": arn, "definition": pass2, "publish": true, "versionDescription": "second"})
		if up["stateMachineVersionArn"] != arn+":2" {
			t.Errorf("update with publish = %v, want version 2", up)
		}
		rev := str(t, up["revisionId"])

		v1 := f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": arn + ":1"})
		if v1["definition"] != passDef || v1["description"] != "first" || v1["stateMachineArn"] != arn+":1" {
			t.Errorf("version 1 = %v", v1)
		}
		v2 := f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": arn + ":2"})
		if v2["definition"] != pass2 || v2["revisionId"] != rev {
			t.Errorf("version 2 = %v", v2)
		}

		// Executions of a version run its definition and say so.
		e1 := f.start(arn+":1", nil)
		synctest.Wait()
		d := f.describe(e1)
		if d["output"] != `{"v":1}` || d["stateMachineVersionArn"] != arn+":1" || d["stateMachineArn"] != arn {
			t.Errorf("execution of version 1 = %v", d)
		}
		onVersion := f.ok("ListExecutions", map[string]any{"stateMachineArn": arn + ":1"})["executions"].([]any)
		onMachine := f.ok("ListExecutions", map[string]any{"stateMachineArn": arn})["executions"].([]any)
		if len(onVersion) != 1 || len(onMachine) != 1 {
			t.Errorf("ListExecutions: %d on the version, %d on the machine, want 1 and 1", len(onVersion), len(onMachine))
		}
		if on2 := f.ok("ListExecutions", map[string]any{"stateMachineArn": arn + ":2"})["executions"].([]any); len(on2) != 0 {
			t.Errorf("version 2 lists %v", on2)
		}

		list := f.ok("ListStateMachineVersions", map[string]any{"stateMachineArn": arn})["stateMachineVersions"].([]any)
		if len(list) != 2 || list[0].(map[string]any)["stateMachineVersionArn"] != arn+":2" {
			t.Errorf("versions %v, want 2 then 1", list)
		}

		f.fail("PublishStateMachineVersion", map[string]any{"stateMachineArn": arn, "revisionId": "stale"},
			apiError{"ConflictException", "Failed to publish the State Machine version for revision stale. The current State Machine revision is " + rev + "."})
		f.fail("PublishStateMachineVersion", map[string]any{"stateMachineArn": smARN + "nope"}, apiError{"StateMachineDoesNotExist", ""})
		f.fail("StartExecution", map[string]any{"stateMachineArn": arn + ":9"},
			apiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + ":9'"})

		f.ok("DeleteStateMachineVersion", map[string]any{"stateMachineVersionArn": arn + ":2"})
		f.ok("DeleteStateMachineVersion", map[string]any{"stateMachineVersionArn": arn + ":2"}) // gone already: still succeeds
		f.fail("DescribeStateMachine", map[string]any{"stateMachineArn": arn + ":2"}, apiError{"StateMachineDoesNotExist", ""})
		// Numbers are never reused.
		if v := f.ok("PublishStateMachineVersion", map[string]any{"stateMachineArn": arn})["stateMachineVersionArn"]; v != arn+":3" {
			t.Errorf("publish after deleting version 2 = %v, want version 3", v)
		}
	})
}

func TestAliases(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		arn := f.createMachine("m", passDef, map[string]any{"publish": true})
		f.ok("UpdateStateMachine", map[string]any{"stateMachineArn": arn, "definition": pass2, "publish": true})
		v1, v2 := arn+":1", arn+":2"
		route := func(pairs ...any) []any {
			var out []any
			for i := 0; i < len(pairs); i += 2 {
				out = append(out, map[string]any{"stateMachineVersionArn": pairs[i], "weight": pairs[i+1]})
			}
			return out
		}
		created := f.ok("CreateStateMachineAlias", map[string]any{"name": "live", "description": "d", "routingConfiguration": route(v1, 50, v2, 50)})
		alias := str(t, created["stateMachineAliasArn"])
		if alias != arn+":live" {
			t.Fatalf("alias ARN %s", alias)
		}
		// The same request again is the same alias.
		if again := f.ok("CreateStateMachineAlias", map[string]any{"name": "live", "description": "d", "routingConfiguration": route(v2, 50, v1, 50)}); again["creationDate"] != created["creationDate"] {
			t.Errorf("idempotent create = %v, want %v", again, created)
		}

		// Executions through the alias go to both versions.
		outputs := map[any]int{}
		for i := range 40 {
			e := f.start(alias, map[string]any{"name": fmt.Sprint("e", i)})
			synctest.Wait()
			d := f.describe(e)
			if d["stateMachineAliasArn"] != alias {
				t.Fatalf("execution through the alias = %v", d)
			}
			outputs[d["output"]]++
		}
		if outputs[`{"v":1}`] == 0 || outputs[`{"v":2}`] == 0 {
			t.Errorf("outputs by version %v, want both versions used", outputs)
		}
		if n := len(f.ok("ListExecutions", map[string]any{"stateMachineArn": alias})["executions"].([]any)); n != 40 {
			t.Errorf("the alias lists %d executions, want 40", n)
		}

		f.ok("UpdateStateMachineAlias", map[string]any{"stateMachineAliasArn": alias, "routingConfiguration": route(v2, 100)})
		d := f.ok("DescribeStateMachineAlias", map[string]any{"stateMachineAliasArn": alias})
		if d["name"] != "live" || d["description"] != "d" || fmt.Sprint(d["routingConfiguration"]) != fmt.Sprintf("[map[stateMachineVersionArn:%s weight:100]]", v2) {
			t.Errorf("alias after update = %v", d)
		}
		if desc := f.ok("DescribeStateMachine", map[string]any{"stateMachineArn": alias}); desc["definition"] != pass2 {
			t.Errorf("describing the alias = %v, want version 2's definition", desc)
		}

		tests := []struct {
			name string
			op   string
			in   map[string]any
			want apiError
		}{
			{"other routing under the name", "CreateStateMachineAlias", map[string]any{"name": "live", "routingConfiguration": route(v1, 100)},
				apiError{"ConflictException", "Failed to create alias because an alias with the same name and a different routing configuration already exists."}},
			{"digits only", "CreateStateMachineAlias", map[string]any{"name": "123", "routingConfiguration": route(v1, 100)},
				apiError{"ValidationException", `1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`}},
			{"weights not 100", "CreateStateMachineAlias", map[string]any{"name": "x", "routingConfiguration": route(v1, 70, v2, 29)},
				apiError{"ValidationException", "Sum of routing configuration weights must equal 100. Received: [70, 29]"}},
			{"weight over 100", "CreateStateMachineAlias", map[string]any{"name": "x", "routingConfiguration": route(v1, 101)},
				apiError{"ValidationException", "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100"}},
			{"same version twice", "CreateStateMachineAlias", map[string]any{"name": "x", "routingConfiguration": route(v1, 50, v1, 50)},
				apiError{"ValidationException", "Routing configuration must contain distinct state machine version ARNs. Received: [" + v1 + ", " + v1 + "]"}},
			{"not a version", "CreateStateMachineAlias", map[string]any{"name": "x", "routingConfiguration": route(arn, 100)},
				apiError{"ValidationException", "Routing configuration must contain state machine version ARNs. Received: [" + arn + "]"}},
			{"three versions", "CreateStateMachineAlias", map[string]any{"name": "x", "routingConfiguration": route(v1, 50, v2, 30, arn+":3", 20)},
				apiError{"ValidationException", "1 validation error detected: Value '[RoutingConfigurationListItem(stateMachineVersionArn=" + v1 + ", weight=50), RoutingConfigurationListItem(stateMachineVersionArn=" + v2 + ", weight=30), RoutingConfigurationListItem(stateMachineVersionArn=" + arn + ":3, weight=20)]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2"}},
			{"update a missing alias", "UpdateStateMachineAlias", map[string]any{"stateMachineAliasArn": arn + ":nope", "description": "x"},
				apiError{"ResourceNotFound", "Request references a resource that does not exist."}},
			{"delete a routed version", "DeleteStateMachineVersion", map[string]any{"stateMachineVersionArn": v2},
				apiError{"ConflictException", "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live]"}},
		}
		for _, tt := range tests {
			f.inCase(t, tt.name).fail(tt.op, tt.in, tt.want)
		}

		if list := f.ok("ListStateMachineAliases", map[string]any{"stateMachineArn": arn})["stateMachineAliases"].([]any); len(list) != 1 {
			t.Errorf("aliases %v, want the one", list)
		}
		f.ok("DeleteStateMachineAlias", map[string]any{"stateMachineAliasArn": alias})
		f.ok("DeleteStateMachineAlias", map[string]any{"stateMachineAliasArn": alias})
		f.fail("DescribeStateMachineAlias", map[string]any{"stateMachineAliasArn": alias}, apiError{"ResourceNotFound", ""})
		f.ok("DeleteStateMachineVersion", map[string]any{"stateMachineVersionArn": v2})
	})
}
