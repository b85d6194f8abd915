package stepfn_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// TestCallbackMissedHeartbeat checks a .waitForTaskToken task with
// HeartbeatSeconds whose token gets no heartbeat. As AWS records it
// (reference §1.16; test_heartbeats.snapshot.json in localstack/localstack)
// the task times out after HeartbeatSeconds with TaskTimedOut and the
// error States.Timeout, which fails the execution; a Catch on
// States.HeartbeatTimeout (or States.Timeout) catches it, with Error
// States.Timeout in the Error Output, and States.TaskFailed does not. The
// token then answers TaskTimedOut.
func TestCallbackMissedHeartbeat(t *testing.T) {
	const res = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
	for _, tc := range []struct {
		name, catch string // the catcher's ErrorEquals
		caught      bool
	}{
		{"not caught by States.TaskFailed", "States.TaskFailed", false},
		{"caught as States.HeartbeatTimeout", "States.HeartbeatTimeout", true},
		{"caught as States.Timeout", "States.Timeout", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				var token string
				h := stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
					token = task.Token
					return json.RawMessage(`{"MessageId":"m-1"}`), nil // sent; now the task waits for its callback
				})
				def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + res + `","TimeoutSeconds":600,"HeartbeatSeconds":5,
					"Parameters":{"MessageBody":{"token.$":"$$.Task.Token"}},"End":true,
					"Catch":[{"ErrorEquals":["` + tc.catch + `"],"Next":"Caught"}]},
					"Caught":{"Type":"Pass","End":true}}}`
				start := time.Now()
				sm, err := stepfn.New(stepfn.Config{Name: "m", Definition: def}, stepfn.WithHandler(res, h))
				if err != nil {
					t.Fatal(err)
				}
				e, _ := sm.Start(context.Background(), stepfn.StartInput{})
				d, _ := e.Wait(context.Background())
				if took := time.Since(start); took != 5*time.Second {
					t.Errorf("timed out after %v, want HeartbeatSeconds (5s)", took)
				}
				hist, _ := e.History()
				var timedOut *stepfn.HistoryEvent
				for i := range hist {
					if hist[i].Type == "TaskTimedOut" {
						timedOut = &hist[i]
					}
				}
				if timedOut == nil || timedOut.Error != stepfn.ErrorTimeout || timedOut.Cause != "" {
					t.Errorf("TaskTimedOut event %+v, want error States.Timeout", timedOut)
				}
				if !tc.caught {
					if d.Status != stepfn.Failed || d.Error != stepfn.ErrorTimeout {
						t.Errorf("ended %s %s, want FAILED States.Timeout", d.Status, d.Error)
					}
				} else {
					if d.Status != stepfn.Succeeded {
						t.Fatalf("ended %s %s: the catcher did not catch", d.Status, d.Error)
					}
					sameJSON(t, "output", d.Output, `{"Error":"States.Timeout","Cause":""}`)
				}
				if err := sm.SendTaskSuccess(token, `{}`); !errors.Is(err, stepfn.ErrTaskTimedOut) {
					t.Errorf("SendTaskSuccess after the timeout: %v, want TaskTimedOut", err)
				}
			})
		})
	}
}
