package stepfn_test

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/stepfn"
)

// TestHeartbeatNotBelowTimeoutFromPath checks the rule the parser applies
// to HeartbeatSeconds and TimeoutSeconds (the first must be smaller) when
// either comes from the input through a *SecondsPath: the task fails with
// States.Runtime, which no Catch handles, before it is scheduled.
func TestHeartbeatNotBelowTimeoutFromPath(t *testing.T) {
	for _, tc := range []struct {
		name, fields, input string
		ok                  bool
	}{
		{"timeout path equal", `"TimeoutSecondsPath":"$.t","HeartbeatSeconds":10`, `{"t":10}`, false},
		{"heartbeat path above", `"TimeoutSeconds":10,"HeartbeatSecondsPath":"$.h"`, `{"h":20}`, false},
		{"both paths equal", `"TimeoutSecondsPath":"$.t","HeartbeatSecondsPath":"$.h"`, `{"t":5,"h":5}`, false},
		{"heartbeat path at the default timeout", `"HeartbeatSecondsPath":"$.h"`, `{"h":99999999}`, false},
		{"both paths in order", `"TimeoutSecondsPath":"$.t","HeartbeatSecondsPath":"$.h"`, `{"t":10,"h":5}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `",` + tc.fields + `,"End":true,
					"Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}]},"C":{"Type":"Pass","End":true}}}`
				d, e := runMachine(t, def, tc.input, stepfn.WithHandler(fn, echo))
				if tc.ok {
					if d.Status != stepfn.Succeeded || count(eventTypes(t, e), "LambdaFunctionSucceeded") != 1 {
						t.Fatalf("%s %s %s, want the task to succeed", d.Status, d.Error, d.Cause)
					}
					return
				}
				if d.Status != stepfn.Failed || d.Error != stepfn.ErrorRuntime || !strings.Contains(d.Cause, "must be smaller than the value for the field 'TimeoutSeconds'") {
					t.Errorf("%s %s %q, want FAILED States.Runtime", d.Status, d.Error, d.Cause)
				}
				if n := count(eventTypes(t, e), "LambdaFunctionScheduled"); n != 0 {
					t.Errorf("the task was scheduled %d times", n)
				}
			})
		})
	}
}
