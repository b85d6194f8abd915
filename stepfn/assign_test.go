package stepfn_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

// TestAssign checks variables: Assign sees the values the state entered
// with, its values are visible from the next state only (OutputPath of
// the same state still reads the old one, as AWS records it), and
// StateExited carries them.
func TestAssign(t *testing.T) {
	bubble(t, func(t *testing.T) {
		def := `{"StartAt":"A","States":{
			"A":{"Type":"Pass","Assign":{"answer":42,"name.$":"$.n"},"Next":"B"},
			"B":{"Type":"Pass","Assign":{"answer":7,"old.$":"$answer"},"Parameters":{"a.$":"$answer","n.$":"$name"},"OutputPath":"$","Next":"C"},
			"C":{"Type":"Pass","Parameters":{"answer.$":"$answer","old.$":"$old","a.$":"$.a"},"End":true}}}`
		d, e := runMachine(t, def, `{"n":"x"}`)
		sameJSON(t, "output", d.Output, `{"answer":7,"old":42,"a":42}`)
		h, _ := e.History()
		var exitedA *stepfn.HistoryEvent
		for i := range h {
			if h[i].Type == "PassStateExited" && h[i].StateName == "A" {
				exitedA = &h[i]
			}
		}
		if exitedA == nil || exitedA.AssignedVariables["answer"] != "42" || exitedA.AssignedVariables["name"] != `"x"` {
			t.Errorf("A's exit event: %+v", exitedA)
		}
	})
}

// TestAssignInCatchAndChoice checks a catcher's Assign (it sees the Error
// Output) and a Choice rule's Assign (only the chosen rule's runs).
func TestAssignInCatchAndChoice(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := stepfn.HandlerFunc(func(context.Context, stepfn.Task) (json.RawMessage, error) {
			return nil, &stepfn.Failure{Name: "Boom", Cause: "why"}
		})
		def := `{"StartAt":"T","States":{
			"T":{"Type":"Task","Resource":"` + fn + `","Catch":[{"ErrorEquals":["Boom"],"Assign":{"err.$":"$.Error"},"ResultPath":"$.caught","Next":"C"}],"End":true},
			"C":{"Type":"Choice","Choices":[
				{"Variable":"$err","StringEquals":"Other","Assign":{"path":"other"},"Next":"D"},
				{"Variable":"$err","StringEquals":"Boom","Assign":{"path":"boom"},"Next":"D"}],
				"Assign":{"path":"default"},"Default":"D"},
			"D":{"Type":"Pass","Parameters":{"path.$":"$path","err.$":"$err","caught.$":"$.caught"},"End":true}}}`
		d, _ := runMachine(t, def, `{}`, stepfn.WithHandler(fn, h))
		sameJSON(t, "output", d.Output, `{"path":"boom","err":"Boom","caught":{"Error":"Boom","Cause":"why"}}`)
	})
}

// TestRetryCountAndMaxAttemptsZero checks $$.State.RetryCount during
// retries, and that MaxAttempts 0 never retries.
func TestRetryCountAndMaxAttemptsZero(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var seen []int
		h := stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
			var in struct{ N int }
			json.Unmarshal(task.Input, &in)
			seen = append(seen, in.N)
			if in.N < 2 {
				return nil, &stepfn.Failure{Name: "Again"}
			}
			return task.Input, nil
		})
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","Parameters":{"N.$":"$$.State.RetryCount"},
			"Retry":[{"ErrorEquals":["Again"],"IntervalSeconds":1,"MaxAttempts":3}],"End":true}}}`
		d, _ := runMachine(t, def, `{}`, stepfn.WithHandler(fn, h))
		sameJSON(t, "output", d.Output, `{"N":2}`)
		if len(seen) != 3 || seen[0] != 0 || seen[1] != 1 {
			t.Errorf("RetryCount seen by the attempts: %v, want [0 1 2]", seen)
		}
	})
	bubble(t, func(t *testing.T) {
		f := &failing{names: []string{"Again", "Again"}}
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `",
			"Retry":[{"ErrorEquals":["Again"],"MaxAttempts":0},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],"End":true}}}`
		d, _ := runMachine(t, def, `{}`, stepfn.WithHandler(fn, f))
		if d.Status != stepfn.Failed || len(f.at) != 1 {
			t.Errorf("MaxAttempts 0: %s after %d calls, want FAILED after 1 (the first matching retrier decides)", d.Status, len(f.at))
		}
	})
}

// TestListAndLookup checks List (newest first, by status) and lookup by
// name or ARN.
func TestListAndLookup(t *testing.T) {
	bubble(t, func(t *testing.T) {
		sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: `{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}`})
		ctx := context.Background()
		a, _ := sm.Start(ctx, stepfn.StartInput{Name: "a", Input: `{"s":1}`})
		b, _ := sm.Start(ctx, stepfn.StartInput{Name: "b", Input: `{"s":100}`})
		a.Wait(ctx)
		all := sm.List("")
		if len(all) != 2 || all[0].Name != "b" || all[1].Name != "a" {
			t.Errorf("List: %+v", all)
		}
		if running := sm.List(stepfn.Running); len(running) != 1 || running[0].Name != "b" {
			t.Errorf("List(RUNNING): %+v", running)
		}
		if got, err := sm.Execution(b.ARN()); err != nil || got != b {
			t.Errorf("Execution(ARN): %v %v", got, err)
		}
		if got, err := sm.Execution("a"); err != nil || got != a {
			t.Errorf("Execution(name): %v %v", got, err)
		}
		if _, err := sm.Execution("nope"); err == nil {
			t.Error("Execution of an unknown name")
		}
		if b.ARN() != "arn:aws:states:us-east-1:000000000000:execution:m:b" {
			t.Errorf("ARN %s", b.ARN())
		}
		b.Wait(ctx)
	})
}
