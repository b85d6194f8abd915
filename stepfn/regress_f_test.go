package stepfn_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stepfn"
)

// TestTrailingGarbage checks that data after a JSON value is refused in
// execution inputs, definitions and callback outputs.
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
	if err := sm.SendTaskSuccess("AQ"+string(make([]byte, 64)), `{} }`); !errors.Is(err, stepfn.ErrInvalidOutput) {
		t.Errorf("SendTaskSuccess output with trailing '}': %v", err)
	}
}

// TestTaskTokenOutsideCallback checks that $$.Task.Token is null in a task
// that does not wait for a callback.
func TestTaskTokenOutsideCallback(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","Parameters":{"tok.$":"$$.Task.Token"},"End":true}}}`
		d, _ := runMachine(t, def, `{}`, stepfn.WithHandler(fn, echo))
		if d.Status != stepfn.Succeeded || d.Output != `{"tok":null}` {
			t.Errorf("$$.Task.Token outside a callback task: %s %s %s", d.Status, d.Output, d.Cause)
		}
	})
}
