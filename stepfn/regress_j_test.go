package stepfn_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/stepfn"
)

func TestCatchDataFlow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		h := stepfn.HandlerFunc(func(context.Context, stepfn.Task) (json.RawMessage, error) {
			calls.Add(1)
			return nil, &stepfn.Failure{Name: "E", Cause: "c"}
		})
		def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","InputPath":"$.in","OutputPath":"$.nothere","Next":"N",
		  "Retry":[{"ErrorEquals":["E"],"MaxAttempts":0},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],
		  "Catch":[{"ErrorEquals":["E"],"ResultPath":"$.err","Assign":{"e.$":"$.Error"},"Next":"N"}]},
		  "N":{"Type":"Pass","Parameters":{"all.$":"$","e.$":"$e"},"End":true}}}`
		d, _ := runMachine(t, def, `{"in":{"x":1},"keep":2}`, stepfn.WithHandler(fn, h))
		t.Logf("%s %s %s calls=%d", d.Status, d.Output, d.Cause, calls.Load())
	})
}
