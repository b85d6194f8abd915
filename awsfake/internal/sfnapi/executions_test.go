package sfnapi_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestStartExecution(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		arn := f.createMachine("m", waitDef, nil)
		e := f.start(arn, map[string]any{"name": "run", "input": `{"a":1}`})
		if e != execARN+"m:run" {
			t.Errorf("execution ARN %s", e)
		}
		// The same name and input while it runs is the same execution.
		if again := f.start(arn, map[string]any{"name": "run", "input": `{"a":1}`}); again != e {
			t.Errorf("restart = %s, want %s", again, e)
		}
		express := f.createMachine("x", passDef, map[string]any{"type": "EXPRESS"})
		long := strings.Repeat("n", 81)
		tests := []struct {
			name string
			in   map[string]any
			want apiError
		}{
			{"same name, other input", map[string]any{"stateMachineArn": arn, "name": "run", "input": `{"a":2}`},
				apiError{"ExecutionAlreadyExists", "Execution Already Exists: '" + e + "'"}},
			{"input not JSON", map[string]any{"stateMachineArn": arn, "input": "not json"},
				apiError{"InvalidExecutionInput", ""}},
			{"empty input", map[string]any{"stateMachineArn": arn, "input": ""},
				apiError{"InvalidExecutionInput", "Invalid State Machine Execution Input: 'Invalid execution input.'"}},
			{"input too large", map[string]any{"stateMachineArn": arn, "input": `"` + strings.Repeat("x", 256<<10) + `"`},
				apiError{"ValidationException", "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144"}},
			{"bad name", map[string]any{"stateMachineArn": arn, "name": "a:b"}, apiError{"InvalidName", "Invalid Name: 'a:b'"}},
			{"long name", map[string]any{"stateMachineArn": arn, "name": long},
				apiError{"ValidationException", "1 validation error detected: Value '" + long + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"}},
			{"missing machine", map[string]any{"stateMachineArn": smARN + "nope"},
				apiError{"StateMachineDoesNotExist", "State Machine Does Not Exist: '" + smARN + "nope'"}},
			{"an execution ARN", map[string]any{"stateMachineArn": e},
				apiError{"InvalidArn", "Invalid Arn: 'Resource type not valid in this context: execution'"}},
			{"sync on a standard machine", nil, apiError{"StateMachineTypeNotSupported", "This operation is not supported by this type of state machine"}},
		}
		for _, tt := range tests {
			op, in := "StartExecution", tt.in
			if in == nil {
				op, in = "StartSyncExecution", map[string]any{"stateMachineArn": arn}
			}
			f.inCase(t, tt.name).fail(op, in, tt.want)
		}

		// An execution that ended keeps its name.
		f.ok("StopExecution", map[string]any{"executionArn": e})
		f.fail("StartExecution", map[string]any{"stateMachineArn": arn, "name": "run", "input": `{"a":1}`}, apiError{"ExecutionAlreadyExists", ""})
		// Express executions are not idempotent by name, and cannot be read.
		x1 := f.start(express, map[string]any{"name": "same"})
		f.start(express, map[string]any{"name": "same"})
		f.fail("DescribeExecution", map[string]any{"executionArn": x1}, apiError{"InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'"})
		f.fail("GetExecutionHistory", map[string]any{"executionArn": x1}, apiError{"InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'"})
		f.fail("ListExecutions", map[string]any{"stateMachineArn": express}, apiError{"StateMachineTypeNotSupported", "This operation is not supported by this type of state machine"})
	})
}

func TestStartSyncExecution(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		def := `{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":1,"Next":"Check"},` +
			`"Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"},` +
			`"Big":{"Type":"Pass","Result":"big","ResultPath":"$.size","End":true},` +
			`"Small":{"Type":"Fail","Error":"TooSmall","Cause":"n is small"}}}`
		arn := f.createMachine("x", def, map[string]any{"type": "EXPRESS"})
		out := f.ok("StartSyncExecution", map[string]any{"stateMachineArn": arn, "name": "s1", "input": `{"n":5}`, "traceHeader": "Root=1"})
		want := map[string]any{"status": "SUCCEEDED", "name": "s1", "stateMachineArn": arn, "input": `{"n":5}`, "output": `{"n":5,"size":"big"}`, "traceHeader": "Root=1"}
		for k, v := range want {
			if out[k] != v {
				t.Errorf("%s = %v, want %v", k, out[k], v)
			}
		}
		if !strings.HasPrefix(str(t, out["executionArn"]), "arn:aws:states:us-east-1:000000000000:express:x:s1") {
			t.Errorf("executionArn %v", out["executionArn"])
		}
		bill := out["billingDetails"].(map[string]any)
		if bill["billedDurationInMilliseconds"] != 1000.0 || bill["billedMemoryUsedInMB"] != 64.0 {
			t.Errorf("billingDetails %v, want 1000 ms (the Wait) and 64 MB", bill)
		}
		if stop, start := out["stopDate"].(float64), out["startDate"].(float64); stop-start != 1 {
			t.Errorf("ran from %v to %v, want 1 s", start, stop)
		}
		failed := f.ok("StartSyncExecution", map[string]any{"stateMachineArn": arn, "input": `{"n":1}`, "includedData": "METADATA_ONLY"})
		if failed["status"] != "FAILED" || failed["error"] != "TooSmall" || failed["cause"] != "n is small" || failed["input"] != nil || failed["output"] != nil {
			t.Errorf("failed execution = %v", failed)
		}
	})
}

func TestDescribeAndStopExecution(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		arn := f.createMachine("m", waitDef, nil)
		e := f.start(arn, map[string]any{"name": "e", "input": `[1]`, "traceHeader": "Root=x"})
		d := f.describe(e)
		want := map[string]any{"executionArn": e, "stateMachineArn": arn, "name": "e", "status": "RUNNING", "input": "[1]", "traceHeader": "Root=x",
			"redriveStatus": "NOT_REDRIVABLE", "redriveCount": 0.0}
		for k, v := range want {
			if d[k] != v {
				t.Errorf("%s = %v, want %v", k, d[k], v)
			}
		}
		if _, ok := d["stopDate"]; ok {
			t.Errorf("a running execution has a stopDate: %v", d)
		}
		stop := f.ok("StopExecution", map[string]any{"executionArn": e, "error": "Halt", "cause": "by test"})
		d = f.describe(e)
		if d["status"] != "ABORTED" || d["error"] != "Halt" || d["cause"] != "by test" || d["stopDate"] != stop["stopDate"] {
			t.Errorf("after StopExecution (%v): %v", stop, d)
		}
		meta := f.ok("DescribeExecution", map[string]any{"executionArn": e, "includedData": "METADATA_ONLY"})
		if _, ok := meta["input"]; ok || meta["inputDetails"].(map[string]any)["included"] != false {
			t.Errorf("METADATA_ONLY = %v", meta)
		}

		tests := []struct {
			name string
			op   string
			in   map[string]any
			want apiError
		}{
			{"describe missing", "DescribeExecution", map[string]any{"executionArn": execARN + "m:nope"},
				apiError{"ExecutionDoesNotExist", "Execution Does Not Exist: '" + execARN + "m:nope'"}},
			{"describe of a missing machine", "DescribeExecution", map[string]any{"executionArn": execARN + "gone:e"}, apiError{"ExecutionDoesNotExist", ""}},
			{"describe a machine ARN", "DescribeExecution", map[string]any{"executionArn": arn},
				apiError{"InvalidArn", "Invalid Arn: 'Resource type not valid in this context: statemachine'"}},
			{"stop missing", "StopExecution", map[string]any{"executionArn": execARN + "m:nope"}, apiError{"ExecutionDoesNotExist", ""}},
			{"stop with a long error", "StopExecution", map[string]any{"executionArn": e, "error": strings.Repeat("e", 257)},
				apiError{"ValidationException", "1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256"}},
			{"machine of a missing execution", "DescribeStateMachineForExecution", map[string]any{"executionArn": execARN + "m:nope"}, apiError{"ExecutionDoesNotExist", ""}},
			{"redrive", "RedriveExecution", map[string]any{"executionArn": e}, apiError{"ExecutionNotRedrivable", ""}},
		}
		for _, tt := range tests {
			f.inCase(t, tt.name).fail(tt.op, tt.in, tt.want)
		}
	})
}

func TestListExecutions(t *testing.T) {
	bubble(t, nil, func(t *testing.T, f *fake) {
		arn := f.createMachine("m", waitDef, nil)
		for i := range 5 {
			f.start(arn, map[string]any{"name": fmt.Sprint("e", i)})
			time.Sleep(time.Second) // distinct start dates
		}
		f.ok("StopExecution", map[string]any{"executionArn": execARN + "m:e1"})
		f.ok("UpdateStateMachine", map[string]any{"stateMachineArn": arn, "definition": passDef})
		f.start(arn, map[string]any{"name": "e5"})
		synctest.Wait()

		var names []string
		in := map[string]any{"stateMachineArn": arn, "maxResults": 2}
		for {
			out := f.ok("ListExecutions", in)
			for _, it := range out["executions"].([]any) {
				names = append(names, str(t, it.(map[string]any)["name"]))
			}
			next, _ := out["nextToken"].(string)
			if next == "" {
				break
			}
			in["nextToken"] = next
		}
		if fmt.Sprint(names) != "[e5 e4 e3 e2 e1 e0]" {
			t.Errorf("executions %v, want all, newest first, across revisions", names)
		}
		statuses := map[string]string{"RUNNING": "[e4 e3 e2 e0]", "ABORTED": "[e1]", "SUCCEEDED": "[e5]", "FAILED": "[]"}
		for status, want := range statuses {
			var got []string
			for _, it := range f.ok("ListExecutions", map[string]any{"stateMachineArn": arn, "statusFilter": status})["executions"].([]any) {
				got = append(got, str(t, it.(map[string]any)["name"]))
			}
			if fmt.Sprint(got) != want && !(want == "[]" && got == nil) {
				t.Errorf("%s: %v, want %s", status, got, want)
			}
		}
		f.fail("ListExecutions", map[string]any{"stateMachineArn": arn, "statusFilter": "DONE"},
			apiError{"ValidationException", "1 validation error detected: Value 'DONE' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]"})
		f.fail("ListExecutions", map[string]any{"stateMachineArn": smARN + "nope"}, apiError{"StateMachineDoesNotExist", ""})
		f.fail("ListExecutions", map[string]any{}, apiError{"ValidationException", "1 validation error detected: Must provide a StateMachine ARN or MapRun ARN"})
		f.fail("ListExecutions", map[string]any{"stateMachineArn": arn, "nextToken": "AAAA"}, apiError{"InvalidToken", ""})
	})
}
