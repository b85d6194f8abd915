package stepfn_test

import (
	"context"
	"encoding/json"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stepfn"
)

func TestTrailingGarbage(t *testing.T) {
	sm, _ := stepfn.New(stepfn.Config{Name: "m", Definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`})
	for _, in := range []string{`{"a":1}}`, `{"a":1} x`, `{"a":1} {`, `1 2`} {
		_, err := sm.Start(context.Background(), stepfn.StartInput{Input: in})
		t.Logf("Start input %q: %v (json.Valid=%v)", in, err, json.Valid([]byte(in)))
		if err == nil && !json.Valid([]byte(in)) {
			t.Errorf("invalid JSON input %q accepted", in)
		}
	}
	def := `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}} trailing`
	_, err := stepfn.ParseDefinition(def)
	t.Logf("definition with trailing text: %v", err)
	if err == nil {
		t.Error("definition with trailing garbage accepted")
	}
	err = sm.SendTaskSuccess("AQ"+string(make([]byte, 64)), `{} }`)
	t.Logf("SendTaskSuccess output with trailing '}': %v", err)
}

func TestTaskTokenOutsideCallback(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","Parameters":{"tok.$":"$$.Task.Token"},"End":true}}}`
		d, _ := run(t, def, `{}`, stepfn.WithHandler(fn, echo))
		t.Logf("%s %s %s %s", d.Status, d.Output, d.Error, d.Cause)
	})
}

func TestLambdaWaitForTaskTokenEvents(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res := fn + ".waitForTaskToken"
		var sm *stepfn.StateMachine
		h := stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
			go sm.SendTaskSuccess(task.Token, `1`)
			return json.RawMessage(`{}`), nil
		})
		sm, _ = stepfn.New(stepfn.Config{Name: "m", Definition: `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + res + `","End":true}}}`}, stepfn.WithHandler(res, h))
		e, _ := sm.Start(context.Background(), stepfn.StartInput{})
		<-e.Done()
		t.Log(types(t, e))
	})
}
