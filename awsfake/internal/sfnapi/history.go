package sfnapi

import (
	"context"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/stepfn"
)

// GetExecutionHistory: the engine's events in AWS's shape, each type with
// its own details object.

type getExecutionHistoryInput struct {
	ExecutionARN         *string `json:"executionArn"`
	ReverseOrder         bool    `json:"reverseOrder"`
	IncludeExecutionData *bool   `json:"includeExecutionData"`
	pageRequest
}

type getExecutionHistoryOutput struct {
	Events    []historyEvent `json:"events"`
	NextToken string         `json:"nextToken,omitempty"`
}

func (s *Service) getExecutionHistory(_ context.Context, in *getExecutionHistoryInput) (*getExecutionHistoryOutput, error) {
	var c checks
	c.reqLength(in.ExecutionARN, "executionArn", 1, maxARN, false)
	in.check(&c, maxPageToken)
	if err := c.err(); err != nil {
		return nil, err
	}
	ref, err := s.parseExecutionARN(*in.ExecutionARN)
	if err != nil {
		return nil, err
	}
	f, err := s.execution(ref)
	if err != nil {
		return nil, err
	}
	events, err := f.e.History()
	if err != nil {
		return nil, err
	}
	if in.ReverseOrder {
		for i, j := 0, len(events)-1; i < j; i, j = i+1, j-1 {
			events[i], events[j] = events[j], events[i]
		}
	}
	keys := make([]string, len(events))
	for i, ev := range events {
		keys[i] = strconv.FormatInt(ev.ID, 10)
	}
	from, to, next, err := in.page("history\x00"+ref.text+"\x00"+strconv.FormatBool(in.ReverseOrder), keys)
	if err != nil {
		return nil, err
	}
	withData := in.IncludeExecutionData == nil || *in.IncludeExecutionData
	x := eventContext{role: f.rev.settings.roleARN, org: f.org, withData: withData}
	out := &getExecutionHistoryOutput{Events: make([]historyEvent, 0, to-from), NextToken: next}
	for _, ev := range events[from:to] {
		out.Events = append(out.Events, x.event(ev))
	}
	return out, nil
}

// historyEvent is one event as GetExecutionHistory returns it: the common
// members and the details object of its type.
type historyEvent struct {
	ID              int64     `json:"id"`
	PreviousEventID int64     `json:"previousEventId"`
	Timestamp       timestamp `json:"timestamp"`
	Type            string    `json:"type"`

	ExecutionStartedEventDetails   *executionStartedDetails `json:"executionStartedEventDetails,omitempty"`
	ExecutionSucceededEventDetails *outputDetails           `json:"executionSucceededEventDetails,omitempty"`
	ExecutionFailedEventDetails    *errorDetails            `json:"executionFailedEventDetails,omitempty"`
	ExecutionAbortedEventDetails   *errorDetails            `json:"executionAbortedEventDetails,omitempty"`
	ExecutionTimedOutEventDetails  *errorDetails            `json:"executionTimedOutEventDetails,omitempty"`

	StateEnteredEventDetails *stateEnteredDetails `json:"stateEnteredEventDetails,omitempty"`
	StateExitedEventDetails  *stateExitedDetails  `json:"stateExitedEventDetails,omitempty"`

	MapStateStartedEventDetails       *mapStateStartedDetails `json:"mapStateStartedEventDetails,omitempty"`
	MapIterationStartedEventDetails   *mapIterationDetails    `json:"mapIterationStartedEventDetails,omitempty"`
	MapIterationSucceededEventDetails *mapIterationDetails    `json:"mapIterationSucceededEventDetails,omitempty"`
	MapIterationFailedEventDetails    *mapIterationDetails    `json:"mapIterationFailedEventDetails,omitempty"`
	MapIterationAbortedEventDetails   *mapIterationDetails    `json:"mapIterationAbortedEventDetails,omitempty"`

	TaskScheduledEventDetails    *taskScheduledDetails `json:"taskScheduledEventDetails,omitempty"`
	TaskStartedEventDetails      *taskDetails          `json:"taskStartedEventDetails,omitempty"`
	TaskSubmittedEventDetails    *taskDetails          `json:"taskSubmittedEventDetails,omitempty"`
	TaskSucceededEventDetails    *taskDetails          `json:"taskSucceededEventDetails,omitempty"`
	TaskFailedEventDetails       *taskDetails          `json:"taskFailedEventDetails,omitempty"`
	TaskTimedOutEventDetails     *taskDetails          `json:"taskTimedOutEventDetails,omitempty"`
	TaskStartFailedEventDetails  *taskDetails          `json:"taskStartFailedEventDetails,omitempty"`
	TaskSubmitFailedEventDetails *taskDetails          `json:"taskSubmitFailedEventDetails,omitempty"`

	LambdaFunctionScheduledEventDetails      *scheduledDetails `json:"lambdaFunctionScheduledEventDetails,omitempty"`
	LambdaFunctionSucceededEventDetails      *outputDetails    `json:"lambdaFunctionSucceededEventDetails,omitempty"`
	LambdaFunctionFailedEventDetails         *errorDetails     `json:"lambdaFunctionFailedEventDetails,omitempty"`
	LambdaFunctionTimedOutEventDetails       *errorDetails     `json:"lambdaFunctionTimedOutEventDetails,omitempty"`
	LambdaFunctionScheduleFailedEventDetails *errorDetails     `json:"lambdaFunctionScheduleFailedEventDetails,omitempty"`
	LambdaFunctionStartFailedEventDetails    *errorDetails     `json:"lambdaFunctionStartFailedEventDetails,omitempty"`

	ActivityScheduledEventDetails      *scheduledDetails        `json:"activityScheduledEventDetails,omitempty"`
	ActivityStartedEventDetails        *activityStartedDetails  `json:"activityStartedEventDetails,omitempty"`
	ActivitySucceededEventDetails      *outputDetails           `json:"activitySucceededEventDetails,omitempty"`
	ActivityFailedEventDetails         *errorDetails            `json:"activityFailedEventDetails,omitempty"`
	ActivityTimedOutEventDetails       *errorDetails            `json:"activityTimedOutEventDetails,omitempty"`
	ActivityScheduleFailedEventDetails *errorDetails            `json:"activityScheduleFailedEventDetails,omitempty"`
	EvaluationFailedEventDetails       *evaluationFailedDetails `json:"evaluationFailedEventDetails,omitempty"`
}

// truncation says whether an input or output was cut short; the engine
// never cuts one.
type truncation struct {
	Truncated bool `json:"truncated"`
}

type executionStartedDetails struct {
	Input                  *string     `json:"input,omitempty"`
	InputDetails           *truncation `json:"inputDetails,omitempty"`
	RoleARN                string      `json:"roleArn,omitempty"`
	StateMachineVersionARN string      `json:"stateMachineVersionArn,omitempty"`
	StateMachineAliasARN   string      `json:"stateMachineAliasArn,omitempty"`
}

type outputDetails struct {
	Output        *string     `json:"output,omitempty"`
	OutputDetails *truncation `json:"outputDetails,omitempty"`
}

type errorDetails struct {
	Error string `json:"error,omitempty"`
	Cause string `json:"cause,omitempty"`
}

type stateEnteredDetails struct {
	Name         string      `json:"name"`
	Input        *string     `json:"input,omitempty"`
	InputDetails *truncation `json:"inputDetails,omitempty"`
}

type stateExitedDetails struct {
	Name                     string            `json:"name"`
	Output                   *string           `json:"output,omitempty"`
	OutputDetails            *truncation       `json:"outputDetails,omitempty"`
	AssignedVariables        map[string]string `json:"assignedVariables,omitempty"`
	AssignedVariablesDetails *truncation       `json:"assignedVariablesDetails,omitempty"`
}

type mapStateStartedDetails struct {
	Length int `json:"length"`
}

type mapIterationDetails struct {
	Name  string `json:"name"`
	Index int    `json:"index"`
}

type taskScheduledDetails struct {
	ResourceType       string `json:"resourceType"`
	Resource           string `json:"resource"`
	Region             string `json:"region"`
	Parameters         string `json:"parameters"`
	TimeoutInSeconds   int64  `json:"timeoutInSeconds,omitempty"`
	HeartbeatInSeconds int64  `json:"heartbeatInSeconds,omitempty"`
}

type taskDetails struct {
	ResourceType  string      `json:"resourceType"`
	Resource      string      `json:"resource"`
	Output        *string     `json:"output,omitempty"`
	OutputDetails *truncation `json:"outputDetails,omitempty"`
	Error         string      `json:"error,omitempty"`
	Cause         string      `json:"cause,omitempty"`
}

// scheduledDetails are LambdaFunctionScheduled's and ActivityScheduled's.
type scheduledDetails struct {
	Resource           string      `json:"resource"`
	Input              *string     `json:"input,omitempty"`
	InputDetails       *truncation `json:"inputDetails,omitempty"`
	TimeoutInSeconds   int64       `json:"timeoutInSeconds,omitempty"`
	HeartbeatInSeconds int64       `json:"heartbeatInSeconds,omitempty"`
}

type activityStartedDetails struct {
	WorkerName string `json:"workerName,omitempty"`
}

type evaluationFailedDetails struct {
	State    string `json:"state"`
	Error    string `json:"error,omitempty"`
	Cause    string `json:"cause,omitempty"`
	Location string `json:"location,omitempty"`
}

// eventContext is what an execution's events show beside the engine's
// fields.
type eventContext struct {
	role     string
	org      origin
	withData bool // includeExecutionData
}

// data returns an input or output and its details, or nothing when the
// request left execution data out.
func (x eventContext) data(text string) (*string, *truncation) {
	if !x.withData {
		return nil, nil
	}
	return &text, &truncation{}
}

// event maps one engine event to AWS's shape.
func (x eventContext) event(ev stepfn.HistoryEvent) historyEvent {
	out := historyEvent{ID: ev.ID, PreviousEventID: ev.PreviousEventID, Timestamp: timestamp(ev.Timestamp), Type: ev.Type}
	fail := func() *errorDetails { return &errorDetails{Error: ev.Error, Cause: ev.Cause} }
	output := func() *outputDetails {
		o, d := x.data(ev.Output)
		return &outputDetails{Output: o, OutputDetails: d}
	}
	task := func(withOutput bool) *taskDetails {
		d := &taskDetails{ResourceType: ev.ResourceType, Resource: ev.Resource, Error: ev.Error, Cause: ev.Cause}
		if withOutput {
			d.Output, d.OutputDetails = x.data(ev.Output)
		}
		return d
	}
	scheduled := func() *scheduledDetails {
		in, d := x.data(ev.Parameters)
		return &scheduledDetails{Resource: ev.Resource, Input: in, InputDetails: d, TimeoutInSeconds: ev.TimeoutInSeconds, HeartbeatInSeconds: ev.HeartbeatInSeconds}
	}
	switch t := ev.Type; {
	case t == "ExecutionStarted":
		in, d := x.data(ev.Input)
		out.ExecutionStartedEventDetails = &executionStartedDetails{Input: in, InputDetails: d, RoleARN: x.role,
			StateMachineVersionARN: x.org.version, StateMachineAliasARN: x.org.alias}
	case t == "ExecutionSucceeded":
		out.ExecutionSucceededEventDetails = output()
	case t == "ExecutionFailed":
		out.ExecutionFailedEventDetails = fail()
	case t == "ExecutionAborted":
		out.ExecutionAbortedEventDetails = fail()
	case t == "ExecutionTimedOut":
		out.ExecutionTimedOutEventDetails = fail()
	case strings.HasSuffix(t, "StateEntered"):
		in, d := x.data(ev.Input)
		out.StateEnteredEventDetails = &stateEnteredDetails{Name: ev.StateName, Input: in, InputDetails: d}
	case strings.HasSuffix(t, "StateExited"):
		o, d := x.data(ev.Output)
		exited := &stateExitedDetails{Name: ev.StateName, Output: o, OutputDetails: d}
		if len(ev.AssignedVariables) > 0 && x.withData {
			exited.AssignedVariables, exited.AssignedVariablesDetails = ev.AssignedVariables, &truncation{}
		}
		out.StateExitedEventDetails = exited
	case t == "MapStateStarted":
		out.MapStateStartedEventDetails = &mapStateStartedDetails{Length: ev.Length}
	case strings.HasPrefix(t, "MapIteration"):
		d := &mapIterationDetails{Name: ev.StateName, Index: ev.Index}
		switch t {
		case "MapIterationStarted":
			out.MapIterationStartedEventDetails = d
		case "MapIterationSucceeded":
			out.MapIterationSucceededEventDetails = d
		case "MapIterationFailed":
			out.MapIterationFailedEventDetails = d
		case "MapIterationAborted":
			out.MapIterationAbortedEventDetails = d
		}
	case t == "TaskScheduled":
		out.TaskScheduledEventDetails = &taskScheduledDetails{ResourceType: ev.ResourceType, Resource: ev.Resource, Region: ev.Region,
			Parameters: ev.Parameters, TimeoutInSeconds: ev.TimeoutInSeconds, HeartbeatInSeconds: ev.HeartbeatInSeconds}
	case t == "TaskStarted":
		out.TaskStartedEventDetails = task(false)
	case t == "TaskSubmitted":
		out.TaskSubmittedEventDetails = task(true)
	case t == "TaskSucceeded":
		out.TaskSucceededEventDetails = task(true)
	case t == "TaskFailed":
		out.TaskFailedEventDetails = task(false)
	case t == "TaskTimedOut":
		out.TaskTimedOutEventDetails = task(false)
	case t == "TaskStartFailed":
		out.TaskStartFailedEventDetails = task(false)
	case t == "TaskSubmitFailed":
		out.TaskSubmitFailedEventDetails = task(false)
	case t == "LambdaFunctionScheduled":
		d := scheduled()
		d.HeartbeatInSeconds = 0 // not a member of the Lambda event
		out.LambdaFunctionScheduledEventDetails = d
	case t == "LambdaFunctionSucceeded":
		out.LambdaFunctionSucceededEventDetails = output()
	case t == "LambdaFunctionFailed":
		out.LambdaFunctionFailedEventDetails = fail()
	case t == "LambdaFunctionTimedOut":
		out.LambdaFunctionTimedOutEventDetails = fail()
	case t == "LambdaFunctionScheduleFailed":
		out.LambdaFunctionScheduleFailedEventDetails = fail()
	case t == "LambdaFunctionStartFailed":
		out.LambdaFunctionStartFailedEventDetails = fail()
	case t == "ActivityScheduled":
		out.ActivityScheduledEventDetails = scheduled()
	case t == "ActivityStarted":
		out.ActivityStartedEventDetails = &activityStartedDetails{}
	case t == "ActivitySucceeded":
		out.ActivitySucceededEventDetails = output()
	case t == "ActivityFailed":
		out.ActivityFailedEventDetails = fail()
	case t == "ActivityTimedOut":
		out.ActivityTimedOutEventDetails = fail()
	case t == "ActivityScheduleFailed":
		out.ActivityScheduleFailedEventDetails = fail()
	case t == "EvaluationFailed":
		out.EvaluationFailedEventDetails = &evaluationFailedDetails{State: ev.StateName, Error: ev.Error, Cause: ev.Cause}
	}
	return out
}
