package stepfn_test

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/stepfn"
)

// failing is a handler that fails with the given error names in turn,
// then succeeds, and records when it was called.
type failing struct {
	mu    sync.Mutex
	names []string
	at    []time.Time
}

func (f *failing) Invoke(_ context.Context, task stepfn.Task) (json.RawMessage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.at = append(f.at, time.Now())
	if len(f.at) <= len(f.names) {
		return nil, &stepfn.Failure{Name: f.names[len(f.at)-1], Cause: "attempt failed"}
	}
	return json.RawMessage(`"ok"`), nil
}

// gaps returns the time between consecutive calls, in seconds.
func (f *failing) gaps() []float64 {
	var out []float64
	for i := 1; i < len(f.at); i++ {
		out = append(out, f.at[i].Sub(f.at[i-1]).Seconds())
	}
	return out
}

const fn = "arn:aws:lambda:us-east-1:123456789012:function:work"

// TestRetryCounting checks the spec's example: each retrier counts its own
// attempts for the whole visit, so errors A, B, C, B wait 1, 2 and 5 s,
// and the next B exhausts the first retrier and goes to Catch.
func TestRetryCounting(t *testing.T) {
	bubble(t, func(t *testing.T) {
		h := &failing{names: []string{"A", "B", "C", "B", "B"}}
		def := `{"StartAt":"T","States":{
			"T":{"Type":"Task","Resource":"` + fn + `","End":true,
				"Retry":[{"ErrorEquals":["A","B"],"IntervalSeconds":1,"MaxAttempts":2,"BackoffRate":2},
				         {"ErrorEquals":["C"],"IntervalSeconds":5}],
				"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Caught"}]},
			"Caught":{"Type":"Pass","End":true}}}`
		d, _ := runMachine(t, def, `{}`, stepfn.WithHandler(fn, h))
		if d.Status != stepfn.Succeeded {
			t.Fatalf("%s %s %s", d.Status, d.Error, d.Cause)
		}
		sameJSON(t, "output", d.Output, `{"err":{"Error":"B","Cause":"attempt failed"}}`)
		if got, want := h.gaps(), []float64{1, 2, 5}; !slices.Equal(got, want) {
			t.Errorf("waits %v, want %v", got, want)
		}
	})
}

// TestRetryBackoff checks IntervalSeconds × BackoffRate^n capped at
// MaxDelaySeconds, and that FULL jitter waits at most that.
func TestRetryBackoff(t *testing.T) {
	for _, tc := range []struct {
		retrier string
		want    []float64
		jitter  bool
	}{
		{`"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":4`, []float64{2, 6, 18, 54}, false},
		{`"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":4,"MaxDelaySeconds":10`, []float64{2, 6, 10, 10}, false},
		{`"IntervalSeconds":1,"BackoffRate":1.5,"MaxAttempts":3`, []float64{1, 1.5, 2.25}, false},
		{`"IntervalSeconds":4,"BackoffRate":2,"MaxAttempts":3,"JitterStrategy":"FULL"`, []float64{4, 8, 16}, true},
	} {
		bubble(t, func(t *testing.T) {
			h := &failing{names: []string{"E", "E", "E", "E"}}
			def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","End":true,"Retry":[{"ErrorEquals":["E"],` + tc.retrier + `}]}}}`
			d, _ := runMachine(t, def, `{}`, stepfn.WithHandler(fn, h), stepfn.WithSeed(1))
			got := h.gaps()
			if len(got) != len(tc.want) {
				t.Fatalf("%s: %d retries (%s), want %d", tc.retrier, len(got), d.Status, len(tc.want))
			}
			for i, g := range got {
				if tc.jitter && (g < 0 || g > tc.want[i]) || !tc.jitter && g != tc.want[i] {
					t.Errorf("%s: waits %v, want %v (jitter %v)", tc.retrier, got, tc.want, tc.jitter)
					break
				}
			}
		})
	}
}

// TestErrorMatching checks the predefined names: States.ALL catches all
// but States.Runtime; States.TaskFailed all but States.Timeout; a missed
// heartbeat is States.Timeout that States.HeartbeatTimeout also matches.
func TestErrorMatching(t *testing.T) {
	for _, tc := range []struct {
		thrown, caughtBy string
		caught           bool
	}{
		{"Custom", "States.ALL", true},
		{"Custom", "States.TaskFailed", true},
		{"States.Timeout", "States.TaskFailed", false},
		{"States.Timeout", "States.ALL", true},
		{"Custom", "Other", false},
		{"States.Runtime", "States.ALL", false},
		{"States.DataLimitExceeded", "States.ALL", false},
	} {
		bubble(t, func(t *testing.T) {
			h := &failing{names: []string{tc.thrown}}
			def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `","End":true,
				"Catch":[{"ErrorEquals":["` + tc.caughtBy + `"],"Next":"C"}]},"C":{"Type":"Pass","End":true}}}`
			d, _ := runMachine(t, def, `{}`, stepfn.WithHandler(fn, h))
			if caught := d.Status == stepfn.Succeeded; caught != tc.caught {
				t.Errorf("%s caught by %s: %v (%s %s), want %v", tc.thrown, tc.caughtBy, caught, d.Error, d.Cause, tc.caught)
			}
		})
	}
}
