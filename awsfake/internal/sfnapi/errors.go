package sfnapi

import (
	"strings"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/stepfn"
)

// Errors of the API that the engine does not return itself, one per AWS
// error code. Their messages are set where they are raised.
var (
	errStateMachineDoesNotExist  = awserr.New("StateMachineDoesNotExist", "", 400, "")
	errStateMachineAlreadyExists = awserr.New("StateMachineAlreadyExists", "", 400, "")
	errStateMachineDeleting      = awserr.New("StateMachineDeleting", "", 400, "")
	errStateMachineTypeNotSupp   = awserr.New("StateMachineTypeNotSupported", "", 400, "This operation is not supported by this type of state machine")
	errInvalidArnCode            = awserr.New("InvalidArn", "", 400, "")
	errActivityDoesNotExist      = awserr.New("ActivityDoesNotExist", "", 400, "")
	errResourceNotFound          = awserr.New("ResourceNotFound", "", 400, "")
	errConflict                  = awserr.New("ConflictException", "", 400, "")
	errMissingRequiredParameter  = awserr.New("MissingRequiredParameter", "", 400, "")
	errInvalidLogging            = awserr.New("InvalidLoggingConfiguration", "", 400, "")
	errInvalidEncryption         = awserr.New("InvalidEncryptionConfiguration", "", 400, "")
	errExecutionNotRedrivable    = awserr.New("ExecutionNotRedrivable", "", 400, "")
	errTooManyTags               = awserr.New("TooManyTags", "", 400, "")
)

func noStateMachine(arn string) error {
	return errStateMachineDoesNotExist.Errorf("State Machine Does Not Exist: '%s'", arn)
}

func stateMachineExists(arn string) error {
	return errStateMachineAlreadyExists.Errorf("State Machine Already Exists: '%s'", arn)
}

func stateMachineDeleting(arn string) error {
	return errStateMachineDeleting.Errorf("State Machine is being deleted: '%s'", arn)
}

func noExecution(arn string) error {
	return stepfn.ErrExecutionDoesNotExist.Errorf("Execution Does Not Exist: '%s'", arn)
}

func noActivity(arn string) error {
	return errActivityDoesNotExist.Errorf("Activity Does Not Exist: '%s'", arn)
}

func resourceNotFound(arn string) error {
	return errResourceNotFound.Errorf("Resource not found: '%s'", arn)
}

// errInvalidARNPrefix is AWS's answer to a string that is not an ARN.
func errInvalidARNPrefix(s string) error {
	return errInvalidArnCode.Errorf("Invalid Arn: 'Invalid ARN prefix: %s'", s)
}

// errResourceTypeNotValid is AWS's answer to an ARN of the wrong kind of
// resource for the operation (an execution ARN where a state machine's is
// wanted, an Express execution's where only Standard ones are).
func errResourceTypeNotValid(kind string) error {
	return errInvalidArnCode.Errorf("Invalid Arn: 'Resource type not valid in this context: %s'", strings.ToLower(kind))
}

// errInvalidARN is the answer to an ARN of the right kind whose fields
// do not parse.
func errInvalidARN(s string) error { return errInvalidArnCode.Errorf("Invalid Arn: '%s'", s) }

func invalidName(name string) error { return stepfn.ErrInvalidName.Errorf("Invalid Name: '%s'", name) }

func invalidInput(why string) error {
	return stepfn.ErrInvalidExecutionInput.Errorf("Invalid State Machine Execution Input: '%s'", why)
}

// errInvalidPageToken is the answer to a nextToken the list did not give.
func errInvalidPageToken() error {
	return stepfn.ErrInvalidToken.WithMessage("Invalid Token: 'Invalid token'")
}

// validation returns a ValidationException with a message of AWS's own
// (not a list of model violations).
func validation(msg string) error { return stepfn.ErrValidation.WithMessage(msg) }

// errorCode returns the AWS code of err, "" for nil.
func errorCode(err error) string {
	if err == nil {
		return ""
	}
	return wire.AsAWS(err).Code
}
