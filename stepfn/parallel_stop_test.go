package stepfn_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stepfn"
)

// TestStopDuringParallel stops an execution while both branches of a
// Parallel state wait in tasks: each task's context ends, the execution
// ends ABORTED with the stop's error and cause as its last event, the
// Parallel neither succeeds nor exits, and no goroutine is left (the
// synctest bubble would report one still blocked when the test returns).
func TestStopDuringParallel(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var running atomic.Int32
		started := make(chan struct{}, 2)
		h := stepfn.HandlerFunc(func(ctx context.Context, _ stepfn.Task) (json.RawMessage, error) {
			running.Add(1)
			defer running.Add(-1)
			started <- struct{}{}
			<-ctx.Done()
			return nil, ctx.Err()
		})
		def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"After","Branches":[
			{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"` + fn + `","End":true}}},
			{"StartAt":"B","States":{"B":{"Type":"Task","Resource":"` + fn + `","End":true}}}]},
			"After":{"Type":"Pass","End":true}}}`
		sm, err := stepfn.New(stepfn.Config{Name: "m", Definition: def}, stepfn.WithHandler(fn, h))
		if err != nil {
			t.Fatal(err)
		}
		e, err := sm.Start(context.Background(), stepfn.StartInput{})
		if err != nil {
			t.Fatal(err)
		}
		<-started
		<-started
		e.Stop("Halt", "stopped by the test")
		<-e.Done()
		synctest.Wait() // every goroutine of the execution has ended or is blocked for good
		if n := running.Load(); n != 0 {
			t.Errorf("%d task handlers still running after the stop", n)
		}
		if d := e.Describe(); d.Status != stepfn.Aborted || d.Error != "Halt" || d.Cause != "stopped by the test" {
			t.Errorf("ended %s %s %q, want ABORTED Halt", d.Status, d.Error, d.Cause)
		}
		hist, _ := e.History()
		if last := hist[len(hist)-1]; last.Type != "ExecutionAborted" || last.Error != "Halt" || last.Cause != "stopped by the test" {
			t.Errorf("last event %+v, want ExecutionAborted", last)
		}
		types := eventTypes(t, e)
		for _, typ := range []string{"ParallelStateSucceeded", "ParallelStateExited", "LambdaFunctionSucceeded", "PassStateEntered"} {
			if n := count(types, typ); n != 0 {
				t.Errorf("%d %s events after the stop: %v", n, typ, types)
			}
		}
		if err := sm.Close(context.Background()); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
}
