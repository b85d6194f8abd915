package stepfn_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

func TestTestStateParallelRace(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(2)
	h := stepfn.HandlerFunc(func(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
		wg.Done()
		wg.Wait() // both branches are past fanOut's lock
		return task.Input, nil
	})
	br := func(n string) string {
		return `{"StartAt":"` + n + `","States":{"` + n + `":{"Type":"Task","Resource":"` + fn + `","InputPath":"$","ResultSelector":{"r.$":"$"},"ResultPath":"$.r","End":true}}}`
	}
	_, err := stepfn.TestState(context.Background(), stepfn.TestStateInput{
		Definition: `{"Type":"Parallel","End":true,"Branches":[` + br("T1") + `,` + br("T2") + `]}`,
	}, stepfn.WithHandler(fn, h))
	if err != nil {
		t.Fatal(err)
	}
}
