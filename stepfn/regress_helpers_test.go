package stepfn_test

import (
	"context"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

func run(t *testing.T, def, input string, opts ...stepfn.Option) (stepfn.Description, *stepfn.Execution) {
	t.Helper()
	sm, err := stepfn.New(stepfn.Config{Name: "m", Definition: def}, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e, err := sm.Start(context.Background(), stepfn.StartInput{Input: input})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	d, _ := e.Wait(context.Background())
	return d, e
}

func types(t *testing.T, e *stepfn.Execution) []string {
	h, err := e.History()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ev := range h {
		out = append(out, ev.Type)
	}
	return out
}

func count(xs []string, x string) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}
