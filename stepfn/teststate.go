package stepfn

import (
	"context"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// TestStateInput is what [TestState] takes.
type TestStateInput struct {
	// Definition is one state's JSON, as in a machine's States.
	Definition string
	// Input is the state's JSON input; empty means "{}".
	Input string
	// Variables are the workflow variables the state sees, as a JSON
	// object; empty means none.
	Variables string
}

// TestStateStatus says how a tested state ended.
type TestStateStatus string

// The ways a tested state can end, as the TestState API reports them.
const (
	// TestSucceeded: the state produced its output.
	TestSucceeded TestStateStatus = "SUCCEEDED"
	// TestFailed: the state failed and nothing handled the failure.
	TestFailed TestStateStatus = "FAILED"
	// TestRetriable: the state failed and a retrier would retry it.
	TestRetriable TestStateStatus = "RETRIABLE"
	// TestCaughtError: the state failed and a catcher handled it.
	TestCaughtError TestStateStatus = "CAUGHT_ERROR"
)

// TestStateOutput is what [TestState] reports: the state's output or
// error, the next state, and the data at each step of its processing.
type TestStateOutput struct {
	Status         TestStateStatus
	Output         string
	Error, Cause   string
	NextState      string
	InspectionData Inspection
}

// Inspection is the data a state's input and output processing went
// through, each as JSON text (empty when the state has no such step).
type Inspection struct {
	Input               string
	AfterInputPath      string
	AfterParameters     string
	Result              string
	AfterResultSelector string
	AfterResultPath     string
	Variables           string
}

// TestState runs one state on an input, as the TestState API does, with
// the handlers and options a state machine would have, and reports what
// it did: no retries are waited for (a failure a retrier matches is
// reported RETRIABLE), and a Parallel or Map state runs its branches or
// items in full.
func TestState(ctx context.Context, in TestStateInput, opts ...Option) (TestStateOutput, error) {
	var d diagnostics
	p := &parser{d: &d, names: map[string]string{}}
	m, ok := decodeObject(in.Definition)
	if !ok {
		d.add("INVALID_JSON_DESCRIPTION", "null", "The state definition must be a JSON object")
		return TestStateOutput{}, d.err()
	}
	s := p.state("TestState", newObject(m, "", &d))
	if err := d.err(); err != nil {
		return TestStateOutput{}, err
	}
	def := &Definition{g: &graph{startAt: s.name, states: map[string]*state{s.name: s}}}
	sm := newMachine("TestState", Standard, def, applyOptions(opts))
	if in.Input == "" {
		in.Input = "{}"
	}
	input, err := jsonvalue.Decode([]byte(in.Input))
	if err != nil {
		return TestStateOutput{}, ErrInvalidExecutionInput.Errorf("Invalid execution input: %v", err)
	}
	vars := &variables{}
	if in.Variables != "" {
		v, err := jsonvalue.Decode([]byte(in.Variables))
		obj, isObject := v.(map[string]any)
		if err != nil || !isObject {
			return TestStateOutput{}, ErrValidation.WithMessage("The variables must be a JSON object")
		}
		vars.set(obj)
	}
	e := &Execution{sm: sm, name: "TestState", arn: sm.executionARN("TestState"), input: input, inputText: in.Input, start: sm.now(), done: make(chan struct{})}
	insp := &inspector{}
	r := &runner{e: e, rand: &lockedRand{r: sm.opts.rand()}, inspect: insp, tested: s}
	th := &thread{vars: vars}
	out, next, fail := r.runState(ctx, s, input, th)
	res := TestStateOutput{NextState: next, InspectionData: insp.data}
	res.InspectionData.Input = compactJSON(input)
	if len(th.vars.m) > 0 {
		res.InspectionData.Variables = compactJSON(th.vars.m)
	}
	switch {
	case fail != nil && insp.retriable:
		res.Status, res.Error, res.Cause = TestRetriable, fail.Name, fail.Cause
	case fail != nil:
		res.Status, res.Error, res.Cause = TestFailed, fail.Name, fail.Cause
	case insp.caught != nil:
		res.Status, res.Error, res.Cause = TestCaughtError, insp.caught.Name, insp.caught.Cause
		res.Output = compactJSON(out)
	default:
		res.Status, res.Output = TestSucceeded, compactJSON(out)
	}
	return res, nil
}

// inspector collects what TestState reports as a state runs.
type inspector struct {
	data      Inspection
	retriable bool     // a retrier matched the failure
	caught    *Failure // the failure a catcher handled
}

// note records one step of a state's processing, when inspecting.
func (sc *scope) note(field func(*Inspection) *string, v any) {
	if sc.inspect != nil {
		*field(&sc.inspect.data) = compactJSON(v)
	}
}

func decodeObject(text string) (map[string]any, bool) {
	v, err := jsonvalue.Decode([]byte(text))
	m, ok := v.(map[string]any)
	return m, err == nil && ok
}
