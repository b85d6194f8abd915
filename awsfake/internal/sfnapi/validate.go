package sfnapi

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/switchyard/switchyard/internal/jsonvalue"
	"github.com/switchyard/switchyard/stepfn"
)

// ValidateStateMachineDefinition and TestState.

type validateStateMachineDefinitionInput struct {
	Definition *string `json:"definition"`
	Type       *string `json:"type"`
	Severity   *string `json:"severity"`
	MaxResults *int    `json:"maxResults"`
}

type diagnostic struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Location string `json:"location,omitempty"`
}

type validateStateMachineDefinitionOutput struct {
	Result      string       `json:"result"`
	Diagnostics []diagnostic `json:"diagnostics"`
	Truncated   bool         `json:"truncated"`
}

// maxDiagnostics is the most diagnostics one validation returns.
const maxDiagnostics = 100

func (s *Service) validateStateMachineDefinition(_ context.Context, in *validateStateMachineDefinitionInput) (*validateStateMachineDefinitionOutput, error) {
	var c checks
	c.reqLength(in.Definition, "definition", 0, stepfn.MaxDefinitionBytes, true)
	typ := stepfn.Standard
	if in.Type != nil {
		c.enum(*in.Type, "type", machineTypes...)
		typ = stepfn.Type(*in.Type)
	}
	if in.Severity != nil {
		c.enum(*in.Severity, "severity", "ERROR", "WARNING")
	}
	limit := maxDiagnostics
	if in.MaxResults != nil {
		c.intRange(*in.MaxResults, "maxResults", 0, maxDiagnostics)
		if *in.MaxResults > 0 {
			limit = *in.MaxResults
		}
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	out := &validateStateMachineDefinitionOutput{Result: "OK", Diagnostics: []diagnostic{}}
	var found []stepfn.Diagnostic
	switch {
	case *in.Definition == "":
		found = []stepfn.Diagnostic{{Code: "SCHEMA_VALIDATION_FAILED", Message: "Definition must be a valid JSON object", Location: "null"}}
	case typ == stepfn.Express:
		// Only making an Express machine runs the Express checks.
		if _, err := stepfn.New(stepfn.Config{Name: "validation", Definition: *in.Definition, Type: typ}); err != nil {
			var de *stepfn.DefinitionError
			if !errors.As(err, &de) {
				return nil, err
			}
			found = de.Diagnostics
		}
	default:
		found = stepfn.ValidateDefinition(*in.Definition)
	}
	for _, d := range found {
		if len(out.Diagnostics) == limit {
			out.Truncated = true
			break
		}
		loc := d.Location
		if loc == "null" {
			loc = ""
		}
		out.Diagnostics = append(out.Diagnostics, diagnostic{Severity: "ERROR", Code: d.Code, Message: d.Message, Location: loc})
	}
	if len(found) > 0 {
		out.Result = "FAIL" // every diagnostic the engine reports is an error
	}
	return out, nil
}

type testStateInput struct {
	Definition         *string         `json:"definition"`
	RoleARN            *string         `json:"roleArn"`
	Input              *string         `json:"input"`
	InspectionLevel    *string         `json:"inspectionLevel"`
	RevealSecrets      bool            `json:"revealSecrets"`
	Variables          *string         `json:"variables"`
	StateName          *string         `json:"stateName"`
	Mock               json.RawMessage `json:"mock"`
	Context            *string         `json:"context"`
	StateConfiguration json.RawMessage `json:"stateConfiguration"`
}

type inspectionData struct {
	Input               string `json:"input,omitempty"`
	AfterInputPath      string `json:"afterInputPath,omitempty"`
	AfterParameters     string `json:"afterParameters,omitempty"`
	Result              string `json:"result,omitempty"`
	AfterResultSelector string `json:"afterResultSelector,omitempty"`
	AfterResultPath     string `json:"afterResultPath,omitempty"`
	Variables           string `json:"variables,omitempty"`
}

type testStateOutput struct {
	Status         string          `json:"status"`
	Output         *string         `json:"output,omitempty"`
	Error          string          `json:"error,omitempty"`
	Cause          string          `json:"cause,omitempty"`
	NextState      string          `json:"nextState,omitempty"`
	InspectionData *inspectionData `json:"inspectionData,omitempty"`
}

// The inspection levels of the model.
var inspectionLevels = []string{"INFO", "DEBUG", "TRACE"}

// testState runs one state through the engine, with the handlers the
// service's state machines have (but no activities: TestState cannot wait
// for a worker).
func (s *Service) testState(ctx context.Context, in *testStateInput) (*testStateOutput, error) {
	var c checks
	c.reqLength(in.Definition, "definition", 1, stepfn.MaxDefinitionBytes, true)
	c.optLength(in.RoleARN, "roleArn", 1, maxARN, false)
	c.optLength(in.Input, "input", 0, stepfn.MaxPayloadBytes, true)
	c.optLength(in.Variables, "variables", 0, stepfn.MaxPayloadBytes, true)
	c.optLength(in.StateName, "stateName", 1, maxName, false)
	level := "INFO"
	if in.InspectionLevel != nil {
		c.enum(*in.InspectionLevel, "inspectionLevel", inspectionLevels...)
		level = *in.InspectionLevel
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	if len(in.Mock) > 0 || in.Context != nil || len(in.StateConfiguration) > 0 {
		return nil, validation("TestState's mock, context and stateConfiguration are not supported by this emulator")
	}
	role := ""
	if in.RoleARN != nil {
		if err := checkRoleARN(*in.RoleARN); err != nil {
			return nil, err
		}
		role = *in.RoleARN
	}
	definition := *in.Definition
	if in.StateName != nil {
		state, err := stateOf(definition, *in.StateName)
		if err != nil {
			return nil, err
		}
		definition = state
	}
	input := ""
	if in.Input != nil {
		if *in.Input == "" {
			return nil, invalidInput("Invalid execution input.")
		}
		if _, err := jsonvalue.Decode([]byte(*in.Input)); err != nil {
			return nil, invalidInput(err.Error())
		}
		input = *in.Input
	}
	variables := ""
	if in.Variables != nil {
		variables = *in.Variables
	}
	res, err := stepfn.TestState(ctx, stepfn.TestStateInput{Definition: definition, Input: input, Variables: variables},
		stepfn.WithAccount(s.region, s.account),
		stepfn.WithClock(s.clock),
		stepfn.WithRoleARN(role),
		stepfn.WithResolver(func(resource string) stepfn.Handler { return s.handlerFor(resource, nil) }),
	)
	if err != nil {
		return nil, definitionError(err)
	}
	out := &testStateOutput{Status: string(res.Status), Error: res.Error, Cause: res.Cause, NextState: res.NextState}
	if res.Status == stepfn.TestSucceeded || res.Status == stepfn.TestCaughtError {
		out.Output = &res.Output
	}
	if level != "INFO" {
		d := res.InspectionData
		out.InspectionData = &inspectionData{
			Input: d.Input, AfterInputPath: d.AfterInputPath, AfterParameters: d.AfterParameters, Result: d.Result,
			AfterResultSelector: d.AfterResultSelector, AfterResultPath: d.AfterResultPath, Variables: d.Variables,
		}
	}
	return out, nil
}

// stateOf returns the definition of one top-level state of a whole state
// machine's definition, for a TestState that names the state to test.
func stateOf(definition, name string) (string, error) {
	var machine struct {
		States map[string]json.RawMessage `json:"States"`
	}
	if err := json.Unmarshal([]byte(definition), &machine); err != nil {
		return "", stepfn.ErrInvalidDefinition.Errorf("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: %v at null'", err)
	}
	state, ok := machine.States[name]
	if !ok {
		return "", validation("State not found in definition")
	}
	return string(state), nil
}
