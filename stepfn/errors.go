package stepfn

import (
	"github.com/switchyard/switchyard/internal/awserr"
)

// Error is the error type the package's API calls return: an AWS error
// code, AWS's message, the HTTP status and fault. Match it by code with
// [errors.Is] against the sentinels below; read its fields with
// [errors.As]. (How an execution fails is a [Failure], not an Error.)
type Error = awserr.Error

// Sentinels, one per Step Functions API error code. Each matches, under
// [errors.Is], every error the package returns with the same code. The
// package returns copies, never the sentinels themselves.
var (
	// ErrInvalidDefinition: the definition is not valid Amazon States
	// Language. The message lists each problem with its location.
	ErrInvalidDefinition = awserr.New("InvalidDefinition", "", 400, "Invalid State Machine Definition")
	// ErrInvalidName: a state machine or execution name breaks AWS's rules.
	ErrInvalidName = awserr.New("InvalidName", "", 400, "Invalid Name")
	// ErrInvalidExecutionInput: an execution's input is not JSON, or is
	// larger than 256 KiB.
	ErrInvalidExecutionInput = awserr.New("InvalidExecutionInput", "", 400, "Invalid execution input")
	// ErrExecutionAlreadyExists: a Standard execution's name was used
	// before with a different input, or for an execution that has ended.
	ErrExecutionAlreadyExists = awserr.New("ExecutionAlreadyExists", "", 400, "Execution Already Exists")
	// ErrExecutionDoesNotExist: no execution has the given name or ARN.
	ErrExecutionDoesNotExist = awserr.New("ExecutionDoesNotExist", "", 400, "Execution Does Not Exist")
	// ErrTaskDoesNotExist: a task token names no waiting task (it ended,
	// or it was never issued).
	ErrTaskDoesNotExist = awserr.New("TaskDoesNotExist", "", 400, "Task Does Not Exist")
	// ErrInvalidToken: a task token that is not one this package issued.
	ErrInvalidToken = awserr.New("InvalidToken", "", 400, "Invalid Token")
	// ErrTaskTimedOut: the task of a token has timed out.
	ErrTaskTimedOut = awserr.New("TaskTimedOut", "", 400, "Task Timed Out")
	// ErrInvalidOutput: a task's output sent with a token is not JSON or
	// is larger than 256 KiB.
	ErrInvalidOutput = awserr.New("InvalidOutput", "", 400, "Invalid Output")
	// ErrValidation: a parameter breaks a constraint of the API's model.
	ErrValidation = awserr.New("ValidationException", "", 400, "1 validation error detected")
)

// The errors a state can raise that the States Language names. A
// Retrier's or Catcher's ErrorEquals lists these or a task's own names.
const (
	ErrorAll                    = "States.ALL"
	ErrorHeartbeatTimeout       = "States.HeartbeatTimeout"
	ErrorTimeout                = "States.Timeout"
	ErrorTaskFailed             = "States.TaskFailed"
	ErrorPermissions            = "States.Permissions"
	ErrorResultPathMatchFailure = "States.ResultPathMatchFailure"
	ErrorParameterPathFailure   = "States.ParameterPathFailure"
	ErrorQueryEvaluationError   = "States.QueryEvaluationError"
	ErrorBranchFailed           = "States.BranchFailed"
	ErrorNoChoiceMatched        = "States.NoChoiceMatched"
	ErrorIntrinsicFailure       = "States.IntrinsicFailure"
	ErrorExceedToleratedFailure = "States.ExceedToleratedFailureThreshold"
	ErrorItemReaderFailed       = "States.ItemReaderFailed"
	ErrorResultWriterFailed     = "States.ResultWriterFailed"
	ErrorDataLimitExceeded      = "States.DataLimitExceeded"
	ErrorRuntime                = "States.Runtime"
)

// Failure is how an execution, a state or a task fails: an error name and
// a cause, as Step Functions reports them in an execution's history and as
// a Catcher's Error Output ({"Error": Name, "Cause": Cause}). A task
// handler returns one to raise a named error that Retry and Catch match.
type Failure struct {
	Name  string
	Cause string

	// heartbeat marks a States.Timeout that a missed heartbeat caused,
	// which Retry and Catch also match as States.HeartbeatTimeout.
	heartbeat bool
}

// Error returns "Name: Cause", or Name alone when there is no cause.
func (f *Failure) Error() string {
	if f.Cause == "" {
		return f.Name
	}
	return f.Name + ": " + f.Cause
}

// catchable reports whether Retry and Catch may handle the failure: AWS
// lets neither handle States.Runtime or States.DataLimitExceeded, not even
// through States.ALL.
func (f *Failure) catchable() bool {
	return f.Name != ErrorRuntime && f.Name != ErrorDataLimitExceeded
}
