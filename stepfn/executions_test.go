package stepfn_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// TestStartIdempotent checks AWS's rule for Standard execution names: the
// same name and input while running is the same execution; anything else
// is ExecutionAlreadyExists.
func TestStartIdempotent(t *testing.T) {
	bubble(t, func(t *testing.T) {
		sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}`})
		ctx := context.Background()
		a, err := sm.Start(ctx, stepfn.StartInput{Name: "run-1", Input: `{"x":1}`})
		if err != nil {
			t.Fatal(err)
		}
		b, err := sm.Start(ctx, stepfn.StartInput{Name: "run-1", Input: `{"x":1}`})
		if err != nil || b != a {
			t.Fatalf("same name and input while running: %v, %v", b, err)
		}
		if _, err := sm.Start(ctx, stepfn.StartInput{Name: "run-1", Input: `{"x":2}`}); !errors.Is(err, stepfn.ErrExecutionAlreadyExists) {
			t.Errorf("other input: %v", err)
		}
		a.Wait(ctx)
		if _, err := sm.Start(ctx, stepfn.StartInput{Name: "run-1", Input: `{"x":1}`}); !errors.Is(err, stepfn.ErrExecutionAlreadyExists) {
			t.Errorf("after it ended: %v", err)
		}
	})
}

// TestStartValidation checks names, inputs and the 256 KiB limit.
func TestStartValidation(t *testing.T) {
	sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`})
	ctx := context.Background()
	for _, tc := range []struct {
		in   stepfn.StartInput
		want error
	}{
		{stepfn.StartInput{Name: "has space"}, stepfn.ErrInvalidName},
		{stepfn.StartInput{Name: "a/b"}, stepfn.ErrInvalidName},
		{stepfn.StartInput{Name: string(make([]byte, 81))}, stepfn.ErrInvalidName},
		{stepfn.StartInput{Input: `{"a":`}, stepfn.ErrInvalidExecutionInput},
		{stepfn.StartInput{Input: `"` + string(make([]byte, 256<<10)) + `"`}, stepfn.ErrInvalidExecutionInput},
		{stepfn.StartInput{TestCase: "nope"}, stepfn.ErrValidation},
	} {
		if _, err := sm.Start(ctx, tc.in); !errors.Is(err, tc.want) {
			t.Errorf("Start(%.40q): %v, want %v", tc.in.Name+tc.in.Input, err, tc.want)
		}
	}
	if _, err := stepfn.New(stepfn.Config{Name: "bad name", Definition: `{}`}); !errors.Is(err, stepfn.ErrInvalidName) {
		t.Errorf("New with a bad name: %v", err)
	}
}

// TestStopAndTimeout checks StopExecution (ABORTED, the handler's context
// ends) and the machine's TimeoutSeconds (TIMED_OUT).
func TestStopAndTimeout(t *testing.T) {
	bubble(t, func(t *testing.T) {
		sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","End":true}}}`},
			stepfn.WithHandler(fn, block))
		e, _ := sm.Start(context.Background(), stepfn.StartInput{})
		synctest.Wait()
		e.Stop("Operator", "stopped by hand")
		d, _ := e.Wait(context.Background())
		if d.Status != stepfn.Aborted || d.Error != "Operator" || d.Cause != "stopped by hand" {
			t.Errorf("stopped: %+v", d)
		}
		if types := eventTypes(t, e); types[len(types)-1] != "ExecutionAborted" {
			t.Errorf("history %v", types)
		}
	})
	bubble(t, func(t *testing.T) {
		start := time.Now()
		d, e := runMachine(t, `{"TimeoutSeconds":90,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1000,"End":true}}}`, `{}`)
		if d.Status != stepfn.TimedOut || d.Error != "States.Timeout" || time.Since(start) != 90*time.Second {
			t.Errorf("timed out: %+v after %v", d, time.Since(start))
		}
		if types := eventTypes(t, e); types[len(types)-1] != "ExecutionTimedOut" {
			t.Errorf("history %v", types)
		}
	})
}

// TestHistoryShape checks event types, ids and previous-event ids of a
// simple run.
func TestHistoryShape(t *testing.T) {
	bubble(t, func(t *testing.T) {
		def := `{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"T"},"T":{"Type":"Task","Resource":"` + fn + `","End":true}}}`
		_, e := runMachine(t, def, `{"a":1}`, stepfn.WithHandler(fn, echo))
		h, _ := e.History()
		want := []string{"ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered",
			"LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"}
		if got := eventTypes(t, e); !slices.Equal(got, want) {
			t.Fatalf("events %v\nwant   %v", got, want)
		}
		for i, ev := range h {
			// AWS records the first state's entry with no previous event.
			wantPrev := int64(i)
			if i == 1 {
				wantPrev = 0
			}
			if ev.ID != int64(i+1) || ev.PreviousEventID != wantPrev {
				t.Errorf("event %d: id %d previous %d, want previous %d", i, ev.ID, ev.PreviousEventID, wantPrev)
			}
		}
		if h[1].StateName != "P" || h[1].Input != `{"a":1}` || h[2].Output != `{"a":1}` {
			t.Errorf("PassState events %+v %+v", h[1], h[2])
		}
		if h[4].Parameters != `{"a":1}` || h[4].Resource != fn {
			t.Errorf("LambdaFunctionScheduled %+v", h[4])
		}
	})
}

// TestExpress checks what Express machines refuse and that their
// executions keep no readable history.
func TestExpress(t *testing.T) {
	_, err := stepfn.New(stepfn.Config{Name: "x", Type: stepfn.Express,
		Definition: `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`})
	if !errors.Is(err, stepfn.ErrInvalidDefinition) {
		t.Errorf("Express with a callback task: %v", err)
	}
	bubble(t, func(t *testing.T) {
		sm, _ := stepfn.New(stepfn.Config{Name: "x", Type: stepfn.Express, Definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`})
		d, err := sm.StartSync(context.Background(), stepfn.StartInput{Input: `{"k":1}`})
		if err != nil || d.Status != stepfn.Succeeded || d.Output != `{"k":1}` {
			t.Fatalf("StartSync: %+v %v", d, err)
		}
		if len(sm.List("")) != 0 {
			t.Error("Express executions are listed")
		}
	})
	bubble(t, func(t *testing.T) {
		sm, _ := stepfn.New(stepfn.Config{Name: "x", Type: stepfn.Express, Definition: `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}`})
		d, _ := sm.StartSync(context.Background(), stepfn.StartInput{})
		if d.Status != stepfn.TimedOut {
			t.Errorf("an Express execution past 5 minutes: %s", d.Status)
		}
	})
}

// TestDataLimit checks the 256 KiB limit on a state's output: it fails the
// execution with States.DataLimitExceeded, which States.ALL does not catch.
func TestDataLimit(t *testing.T) {
	bubble(t, func(t *testing.T) {
		big := `"` + strings.Repeat("x", 200<<10) + `"`
		def := `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"$.s","b.$":"$.s"},"Next":"T"},
			"T":{"Type":"Task","Resource":"` + fn + `","Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},"C":{"Type":"Succeed"}}}`
		d, _ := runMachine(t, def, `{"s":`+big+`}`, stepfn.WithHandler(fn, echo))
		if d.Status != stepfn.Failed || d.Error != "States.DataLimitExceeded" || !strings.Contains(d.Cause, "'P'") {
			t.Errorf("%s %s %s", d.Status, d.Error, d.Cause)
		}
	})
}
