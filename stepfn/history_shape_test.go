package stepfn_test

import (
	"slices"
	"strings"
	"testing"
)

// shaped is one event of a history as AWS records its shape: its type and
// the id of the event it follows (its own id is its position, from 1).
type shaped struct {
	typ  string
	prev int64
}

// TestMapAndParallelHistoryShape compares whole histories (types and
// previousEventIds) of Map and Parallel states with the ones AWS recorded
// for the same definitions, kept by LocalStack in
// tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.snapshot.json
// (repository localstack/localstack; the test each case mirrors is named).
// The definitions are those of
// tests/aws/services/stepfunctions/templates/scenarios/statemachines/.
// AWS records MapIterationFailed, MapStateFailed and ParallelStateFailed
// with no error or cause.
func TestMapAndParallelHistoryShape(t *testing.T) {
	const failItem = `{"Type":"Fail","Error":"HandleItemFailError","Cause":"HandleItemFailCause"}`
	const failBranch = `{"Type":"Fail","Error":"FailureType","Cause":"Cause description"}`
	const final, caught = `"Final":{"Type":"Pass","End":true}`, `"FinalCaught":{"Type":"Pass","End":true},`
	mapOf := func(fields, tail string) string { // map_state_catch.json5 and map_state_retry.json5
		return `{"StartAt":"StartState","States":{
			"StartState":{"Type":"Pass","Result":[1],"ResultPath":"$.arr","Next":"MapState"},
			"MapState":{"Type":"Map","ResultPath":null,"InputPath":"$.arr","MaxConcurrency":1,` + fields + `"Next":"Final",
				"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"HandleItemFail","States":{"HandleItemFail":` + failItem + `}}},
			` + tail + `}}`
	}
	parallelOf := func(fields, tail string) string { // parallel_state_{fail,catch,retry}.json5
		return `{"StartAt":"ParallelState","States":{
			"ParallelState":{"Type":"Parallel",` + fields + `"Branches":[{"StartAt":"Branch1","States":{"Branch1":` + failBranch + `}}]}
			` + tail + `}}`
	}
	for _, tc := range []struct {
		name, def, input string
		want             []shaped
	}{
		{"test_map_state_legacy_config_inline", `{"StartAt":"MapState","States":{
			"MapState":{"Type":"Map","MaxConcurrency":1,"Next":"Finish","Iterator":{"StartAt":"IteratorInner",
				"States":{"IteratorInner":{"Type":"Pass","End":true}},"ProcessorConfig":{"Mode":"INLINE"}}},
			"Finish":{"Type":"Succeed"}}}`, `["Hello","World"]`, []shaped{
			{"ExecutionStarted", 0}, {"MapStateEntered", 0}, {"MapStateStarted", 2},
			{"MapIterationStarted", 3}, {"PassStateEntered", 4}, {"PassStateExited", 5}, {"MapIterationSucceeded", 6},
			{"MapIterationStarted", 6}, {"PassStateEntered", 8}, {"PassStateExited", 9}, {"MapIterationSucceeded", 10},
			{"MapStateSucceeded", 11}, {"MapStateExited", 11},
			{"SucceedStateEntered", 13}, {"SucceedStateExited", 14}, {"ExecutionSucceeded", 15},
		}},
		{"test_map_state_catch", mapOf(`"Catch":[{"ErrorEquals":["HandleItemFailError"],"Next":"FinalCaught"}],`, caught+final), `{}`, []shaped{
			{"ExecutionStarted", 0}, {"PassStateEntered", 0}, {"PassStateExited", 2}, {"MapStateEntered", 3}, {"MapStateStarted", 4},
			{"MapIterationStarted", 5}, {"FailStateEntered", 6}, {"MapIterationFailed", 7},
			{"MapStateFailed", 7}, {"MapStateExited", 9},
			{"PassStateEntered", 10}, {"PassStateExited", 11}, {"ExecutionSucceeded", 12},
		}},
		{"test_map_state_retry", mapOf(`"Retry":[{"ErrorEquals":["HandleItemFailError"],"MaxAttempts":2}],`, final), `{}`, []shaped{
			{"ExecutionStarted", 0}, {"PassStateEntered", 0}, {"PassStateExited", 2}, {"MapStateEntered", 3},
			{"MapStateStarted", 4}, {"MapIterationStarted", 5}, {"FailStateEntered", 6}, {"MapIterationFailed", 7},
			{"MapStateStarted", 7}, {"MapIterationStarted", 9}, {"FailStateEntered", 10}, {"MapIterationFailed", 11},
			{"MapStateStarted", 11}, {"MapIterationStarted", 13}, {"FailStateEntered", 14}, {"MapIterationFailed", 15},
			{"MapStateFailed", 15}, {"ExecutionFailed", 17},
		}},
		{"test_parallel_state_fail", parallelOf(`"End":true,`, ``), `{}`, []shaped{
			{"ExecutionStarted", 0}, {"ParallelStateEntered", 0}, {"ParallelStateStarted", 2},
			{"FailStateEntered", 3}, {"ParallelStateFailed", 4}, {"ExecutionFailed", 5},
		}},
		{"test_parallel_state_catch", parallelOf(`"Catch":[{"ErrorEquals":["FailureType"],"Next":"FinalCaught"}],"Next":"Final",`, ","+caught+final), `{}`, []shaped{
			{"ExecutionStarted", 0}, {"ParallelStateEntered", 0}, {"ParallelStateStarted", 2},
			{"FailStateEntered", 3}, {"ParallelStateFailed", 4}, {"ParallelStateExited", 5},
			{"PassStateEntered", 6}, {"PassStateExited", 7}, {"ExecutionSucceeded", 8},
		}},
		{"test_parallel_state_retry", parallelOf(`"Retry":[{"ErrorEquals":["FailureType"],"MaxAttempts":2}],"Next":"Final",`, ","+final), `{}`, []shaped{
			{"ExecutionStarted", 0}, {"ParallelStateEntered", 0},
			{"ParallelStateStarted", 2}, {"FailStateEntered", 3},
			{"ParallelStateStarted", 4}, {"FailStateEntered", 5},
			{"ParallelStateStarted", 6}, {"FailStateEntered", 7},
			{"ParallelStateFailed", 8}, {"ExecutionFailed", 9},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				_, e := runMachine(t, tc.def, tc.input)
				h, _ := e.History()
				got := make([]shaped, len(h))
				for i, ev := range h {
					got[i] = shaped{ev.Type, ev.PreviousEventID}
					if strings.HasSuffix(ev.Type, "Failed") && ev.Type != "ExecutionFailed" && (ev.Error != "" || ev.Cause != "") {
						t.Errorf("event %d %s carries error %q cause %q; AWS records neither", ev.ID, ev.Type, ev.Error, ev.Cause)
					}
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("history\n got %v\nwant %v", got, tc.want)
				}
			})
		})
	}
}

// TestParallelTwoBranchesHistoryShape compares the history of a Parallel
// with two one-Pass branches with AWS's
// (test_parallel_state[PARALLEL_STATE_PARAMETERS] in the snapshot file
// above). The branches run at once, so, as LocalStack's
// SfnNoneRecursiveParallelTransformer does, the branch events are compared
// as a set, each named with the event it follows. The snapshot keeps
// ParallelStateExited (9, after 7); the transformer drops
// ParallelStateSucceeded (8), which follows the same event as Exited.
func TestParallelTwoBranchesHistoryShape(t *testing.T) {
	bubble(t, func(t *testing.T) {
		def := `{"StartAt":"TestState","States":{"TestState":{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"Branch0State0","States":{"Branch0State0":{"Type":"Pass","End":true}}},
			{"StartAt":"Branch1State0","States":{"Branch1State0":{"Type":"Pass","End":true}}}]}}}`
		_, e := runMachine(t, def, `{}`)
		h, _ := e.History()
		if len(h) != 10 {
			t.Fatalf("%d events, want 10: %v", len(h), eventTypes(t, e))
		}
		named := func(id int64) string {
			if id == 0 {
				return "-"
			}
			return h[id-1].Type + " " + h[id-1].StateName
		}
		var got []string
		for _, ev := range h {
			got = append(got, named(ev.ID)+" <- "+named(ev.PreviousEventID))
		}
		slices.Sort(got[3:7]) // the branches' events
		want := []string{
			"ExecutionStarted  <- -",
			"ParallelStateEntered TestState <- -",
			"ParallelStateStarted  <- ParallelStateEntered TestState",
			"PassStateEntered Branch0State0 <- ParallelStateStarted ",
			"PassStateEntered Branch1State0 <- ParallelStateStarted ",
			"PassStateExited Branch0State0 <- PassStateEntered Branch0State0",
			"PassStateExited Branch1State0 <- PassStateEntered Branch1State0",
			"ParallelStateSucceeded  <- " + named(7),
			"ParallelStateExited TestState <- " + named(7),
			"ExecutionSucceeded  <- ParallelStateExited TestState",
		}
		if !slices.Equal(got, want) {
			t.Errorf("history\n got %q\nwant %q", got, want)
		}
	})
}
