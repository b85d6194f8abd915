package stepfn_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stepfn"
)

// runMachine makes a state machine of def and runs one execution of it
// to its end. Call it inside a synctest bubble, so that waits and
// timeouts pass in virtual time.
func runMachine(t *testing.T, def, input string, opts ...stepfn.Option) (stepfn.Description, *stepfn.Execution) {
	t.Helper()
	sm, err := stepfn.New(stepfn.Config{Name: "m", Definition: def}, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e, err := sm.Start(context.Background(), stepfn.StartInput{Input: input})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	d, err := e.Wait(context.Background())
	if err != nil {
		t.Fatalf("Wait: %v", err)
	}
	return d, e
}

// bubble runs f in a synctest bubble.
func bubble(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	synctest.Test(t, f)
}

// sameJSON fails the test unless got and want are equal JSON values.
func sameJSON(t *testing.T, what, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("%s: %q is not JSON: %v", what, got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: want %q is not JSON: %v", what, want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// echo is a handler that returns its input.
var echo = stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
	return task.Input, nil
})

// eventTypes returns the types of an execution's history events.
func eventTypes(t *testing.T, e *stepfn.Execution) []string {
	t.Helper()
	h, err := e.History()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(h))
	for i, ev := range h {
		out[i] = ev.Type
	}
	return out
}
