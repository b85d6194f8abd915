package stepfn_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// Close stops running Express executions too, not only the Standard ones
// it lists.
func TestCloseIgnoresExpress(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sm, err := stepfn.New(stepfn.Config{Name: "x", Type: stepfn.Express,
			Definition: `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","End":true}}}`},
			stepfn.WithHandler(fn, block))
		if err != nil {
			t.Fatal(err)
		}
		e, _ := sm.Start(context.Background(), stepfn.StartInput{})
		synctest.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		err = sm.Close(ctx)
		t.Logf("Close: %v; execution status after Close: %s", err, e.Status())
		if err != nil || e.Status() == stepfn.Running {
			t.Errorf("Close did not stop the running Express execution (err=%v, status=%s)", err, e.Status())
		}
		e.Stop("", "")
		<-e.Done()
	})
}

// A MaxConcurrencyPath value above MaxInt64 is capped rather than
// overflowing into a negative worker count.
func TestMaxConcurrencyPathOverflow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		def := `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","MaxConcurrencyPath":"$.n","End":true,
			"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}`
		d, _ := runMachine(t, def, `{"xs":[1,2],"n":1e19}`)
		t.Logf("%s %s %s output=%s", d.Status, d.Error, d.Cause, d.Output)
		if d.Status == stepfn.Succeeded && d.Output != `[1,2]` {
			t.Errorf("Map skipped its iterations: output %s", d.Output)
		}
	})
}

// Stopping an execution while a MaxConcurrency:1 Map runs starts no
// further iteration.
func TestMapAfterStopKeepsIterating(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		def := `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"End":true,
			"ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}}}}`
		items := "["
		for i := range 1000 {
			if i > 0 {
				items += ","
			}
			items += "0"
		}
		items += "]"
		sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: def})
		e, _ := sm.Start(context.Background(), stepfn.StartInput{Input: items})
		time.Sleep(15 * time.Second) // virtual
		e.Stop("Stop", "by hand")
		<-e.Done()
		ty := eventTypes(t, e)
		started, aborted := count(ty, "MapIterationStarted"), count(ty, "MapIterationAborted")
		t.Logf("events %d, MapIterationStarted %d, MapIterationAborted %d, status %s", len(ty), started, aborted, e.Status())
		if started > 3 {
			t.Errorf("after Stop the Map went on starting iterations: %d started", started)
		}
	})
}

// Stopping an execution while a Task with a States.ALL catcher runs does
// not run the catcher: no TaskStateExited before ExecutionAborted.
func TestStopRunsCatcher(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","Next":"X",
			"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Assign":{"caught.$":"$.Error"},"Next":"X"}]},
			"X":{"Type":"Pass","End":true}}}`
		sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: def}, stepfn.WithHandler(fn, block))
		e, _ := sm.Start(context.Background(), stepfn.StartInput{})
		synctest.Wait()
		e.Stop("", "")
		<-e.Done()
		h, _ := e.History()
		for _, ev := range h {
			t.Logf("%d prev=%d %s out=%s assigned=%v", ev.ID, ev.PreviousEventID, ev.Type, ev.Output, ev.AssignedVariables)
		}
		for _, ev := range h {
			if ev.Type == "TaskStateExited" {
				t.Errorf("an aborted task ran its catcher: %+v", ev)
			}
		}
	})
}

// A sibling branch's States.Timeout cancels the other branch, whose task
// is not recorded as timed out and whose own Catch does not run.
func TestSiblingTimeoutMisrecorded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const sqs = "arn:aws:states:::sqs:sendMessage"
		def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"` + sqs + `","TimeoutSeconds":5,"End":true}}},
			{"StartAt":"B","States":{"B":{"Type":"Task","Resource":"` + sqs + `","TimeoutSeconds":500,"End":true,
			   "Catch":[{"ErrorEquals":["States.Timeout"],"Next":"BC"}]},"BC":{"Type":"Pass","End":true}}}]}}}`
		d, e := runMachine(t, def, `{}`, stepfn.WithHandler(sqs, block))
		h, _ := e.History()
		for _, ev := range h {
			t.Logf("%d prev=%d %s %s %s", ev.ID, ev.PreviousEventID, ev.Type, ev.StateName, ev.Error)
		}
		t.Logf("%s %s", d.Status, d.Error)
		ty := eventTypes(t, e)
		if n := count(ty, "TaskTimedOut"); n != 1 {
			t.Errorf("%d TaskTimedOut events, want 1 (only A timed out)", n)
		}
		if n := count(ty, "TaskStateExited"); n != 0 {
			t.Errorf("aborted branch B recorded %d TaskStateExited (its catcher ran)", n)
		}
	})
}

var _ = errors.Is
