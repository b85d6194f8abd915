package stepfn

import (
	"time"

	"github.com/switchyard/switchyard/internal/jsonpath"
	"github.com/switchyard/switchyard/stepfn/internal/choice"
)

// kind is a state's Type.
type kind uint8

const (
	taskKind kind = iota + 1
	passKind
	choiceKind
	waitKind
	succeedKind
	failKind
	parallelKind
	mapKind
)

func parseKind(s string) kind {
	switch s {
	case "Task":
		return taskKind
	case "Pass":
		return passKind
	case "Choice":
		return choiceKind
	case "Wait":
		return waitKind
	case "Succeed":
		return succeedKind
	case "Fail":
		return failKind
	case "Parallel":
		return parallelKind
	case "Map":
		return mapKind
	}
	return 0
}

// String returns the Type as written.
func (k kind) String() string {
	return [...]string{"", "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"}[k]
}

// entered and exited return the types of the state's history events.
func (k kind) entered() string {
	return [...]string{"", "TaskStateEntered", "PassStateEntered", "ChoiceStateEntered", "WaitStateEntered",
		"SucceedStateEntered", "FailStateEntered", "ParallelStateEntered", "MapStateEntered"}[k]
}

func (k kind) exited() string {
	return [...]string{"", "TaskStateExited", "PassStateExited", "ChoiceStateExited", "WaitStateExited",
		"SucceedStateExited", "", "ParallelStateExited", "MapStateExited"}[k]
}

// failed returns the type of the event that records a Parallel or Map
// state's failure, and "" for the other types, which have none.
func (k kind) failed() string {
	switch k {
	case parallelKind:
		return "ParallelStateFailed"
	case mapKind:
		return "MapStateFailed"
	}
	return ""
}

// graph is one States block: the machine's, a Parallel branch's or a Map
// item processor's. States may only move within their block.
type graph struct {
	startAt string
	states  map[string]*state
}

// state is one parsed state. Fields a state's Type does not have stay
// zero.
type state struct {
	name string
	kind kind
	next string // "" for a terminal state (and for Choice)
	end  bool

	inputPath, outputPath optionalPath
	parameters            *template // Parameters, or a Map's ItemSelector
	resultSelector        *template
	resultPath            optionalPath // a reference path
	assign                *template
	retry                 []retrier
	catch                 []catcher

	// Pass
	result    any
	hasResult bool

	task        *taskSpec
	choices     []choiceBranch
	choicePaths map[string]*jsonpath.Path // every path the rules read
	dflt        string                    // Choice's Default
	wait        *waitSpec
	fail        *failSpec

	branches []*graph // Parallel
	mapSpec  *mapSpec
}

// taskResource returns a Task state's Resource, or "" for other states.
func (s *state) taskResource() string {
	if s.task == nil {
		return ""
	}
	return s.task.resource
}

// terminal reports whether the state ends its block.
func (s *state) terminal() bool {
	return s.end || s.kind == succeedKind || s.kind == failKind
}

// optionalPath is an InputPath, OutputPath or ResultPath: absent (the
// default, "$"), null (discard), or a path.
type optionalPath struct {
	null bool
	path *jsonpath.Path // nil when absent or null
}

type taskSpec struct {
	resource         string
	timeout          time.Duration // 0 when absent: AWS's default, 99999999 s
	timeoutPath      *jsonpath.Path
	heartbeat        time.Duration
	heartbeatPath    *jsonpath.Path
	credentials      any
	waitForTaskToken bool
}

type choiceBranch struct {
	rule   *choice.Rule
	assign *template
}

type waitSpec struct {
	seconds       time.Duration
	secondsPath   *jsonpath.Path
	timestamp     time.Time
	hasTimestamp  bool
	timestampPath *jsonpath.Path
}

type failSpec struct {
	errorName, cause     string
	errorPath, causePath *template // a path or an intrinsic, as a one-field template
	hasError, hasCause   bool
}

type mapSpec struct {
	itemsPath            optionalPath
	processor            *graph
	maxConcurrency       int
	maxConcurrencyPath   *jsonpath.Path
	toleratedCount       int
	toleratedCountPath   *jsonpath.Path
	toleratedPercent     float64
	toleratedPercentPath *jsonpath.Path
	hasToleratedPercent  bool
	hasToleratedCount    bool
}

// retrier is one element of Retry.
type retrier struct {
	errors      []string
	interval    time.Duration
	maxAttempts int
	backoff     float64
	maxDelay    time.Duration // 0: no cap
	fullJitter  bool
}

// catcher is one element of Catch.
type catcher struct {
	errors     []string
	next       string
	resultPath optionalPath
	assign     *template
}
