package stepfn_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// block is a handler that waits until its context ends.
var block = stepfn.HandlerFunc(func(ctx context.Context, _ stepfn.Task) (json.RawMessage, error) {
	<-ctx.Done()
	return nil, ctx.Err()
})

// TestTaskTimeout checks TimeoutSeconds and HeartbeatSeconds: both time
// out as States.Timeout (a heartbeat one also matches
// States.HeartbeatTimeout), recorded as TaskTimedOut.
func TestTaskTimeout(t *testing.T) {
	const sqs = "arn:aws:states:::sqs:sendMessage"
	for _, tc := range []struct {
		name, fields, catch string
		after               time.Duration
	}{
		{"timeout", `"TimeoutSeconds":30`, "States.Timeout", 30 * time.Second},
		{"timeout path", `"TimeoutSecondsPath":"$.t"`, "States.Timeout", 7 * time.Second},
		{"heartbeat", `"TimeoutSeconds":300,"HeartbeatSeconds":10`, "States.HeartbeatTimeout", 10 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				start := time.Now()
				def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + sqs + `",` + tc.fields + `,"End":true,
					"Catch":[{"ErrorEquals":["` + tc.catch + `"],"Next":"C"}]},"C":{"Type":"Pass","End":true}}}`
				d, e := runMachine(t, def, `{"t":7}`, stepfn.WithHandler(sqs, block))
				if d.Status != stepfn.Succeeded {
					t.Fatalf("%s %s %s: the catcher did not catch", d.Status, d.Error, d.Cause)
				}
				if took := time.Since(start); took != tc.after {
					t.Errorf("timed out after %v, want %v", took, tc.after)
				}
				h, _ := e.History()
				var timedOut *stepfn.HistoryEvent
				for i := range h {
					if h[i].Type == "TaskTimedOut" {
						timedOut = &h[i]
					}
				}
				if timedOut == nil || timedOut.Error != "States.Timeout" || timedOut.ResourceType != "sqs" || timedOut.Resource != "sendMessage" {
					t.Errorf("TaskTimedOut event %+v", timedOut)
				}
			})
		})
	}
}

// TestHeartbeatKeepsTaskAlive checks that heartbeats sent with the task's
// token restart HeartbeatSeconds.
func TestHeartbeatKeepsTaskAlive(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var sm *stepfn.StateMachine
		h := stepfn.HandlerFunc(func(ctx context.Context, task stepfn.Task) (json.RawMessage, error) {
			for range 5 {
				time.Sleep(8 * time.Second) // virtual time: the bubble's clock
				if err := sm.SendTaskHeartbeat(task.Token); err != nil {
					return nil, err
				}
			}
			return json.RawMessage(`"done"`), nil
		})
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","HeartbeatSeconds":10,"End":true}}}`
		var err error
		sm, err = stepfn.New(stepfn.Config{Name: "m", Definition: def}, stepfn.WithHandler(fn, h))
		if err != nil {
			t.Fatal(err)
		}
		e, _ := sm.Start(context.Background(), stepfn.StartInput{})
		d, _ := e.Wait(context.Background())
		if d.Status != stepfn.Succeeded || d.Output != `"done"` {
			t.Fatalf("%s %s %s %s", d.Status, d.Output, d.Error, d.Cause)
		}
	})
}

// TestCallback checks .waitForTaskToken: the token reaches the handler
// through $$.Task.Token, the task waits for SendTaskSuccess or
// SendTaskFailure, and a used token no longer exists.
func TestCallback(t *testing.T) {
	const res = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
	def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + res + `",
		"Parameters":{"MessageBody":{"token.$":"$$.Task.Token"}},"End":true,
		"Catch":[{"ErrorEquals":["Rejected"],"Next":"No"}]},"No":{"Type":"Pass","Result":"rejected","End":true}}}`
	for _, tc := range []struct {
		name string
		send func(sm *stepfn.StateMachine, token string) error
		want string
	}{
		{"success", func(sm *stepfn.StateMachine, tok string) error { return sm.SendTaskSuccess(tok, `{"approved":true}`) }, `{"approved":true}`},
		{"failure", func(sm *stepfn.StateMachine, tok string) error { return sm.SendTaskFailure(tok, "Rejected", "no") }, `"rejected"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				tokens := make(chan string, 1)
				h := stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
					var in struct{ MessageBody struct{ Token string } }
					if err := json.Unmarshal(task.Input, &in); err != nil || in.MessageBody.Token != task.Token {
						t.Errorf("input %s does not carry the token %s", task.Input, task.Token)
					}
					tokens <- task.Token
					return json.RawMessage(`{"MessageId":"m-1"}`), nil
				})
				sm, err := stepfn.New(stepfn.Config{Name: "m", Definition: def}, stepfn.WithHandler(res, h))
				if err != nil {
					t.Fatal(err)
				}
				e, _ := sm.Start(context.Background(), stepfn.StartInput{})
				tok := <-tokens
				synctest.Wait()
				if s := e.Status(); s != stepfn.Running {
					t.Fatalf("status %s before the callback", s)
				}
				if err := tc.send(sm, tok); err != nil {
					t.Fatal(err)
				}
				d, _ := e.Wait(context.Background())
				sameJSON(t, "output", d.Output, tc.want)
				if err := sm.SendTaskSuccess(tok, `{}`); !errors.Is(err, stepfn.ErrTaskDoesNotExist) {
					t.Errorf("second use of the token: %v, want TaskDoesNotExist", err)
				}
				if err := sm.SendTaskSuccess("not-a-token", `{}`); !errors.Is(err, stepfn.ErrInvalidToken) {
					t.Errorf("made-up token: %v, want InvalidToken", err)
				}
				types := eventTypes(t, e)
				if !slices.Contains(types, "TaskSubmitted") {
					t.Errorf("history %v has no TaskSubmitted", types)
				}
			})
		})
	}
}
