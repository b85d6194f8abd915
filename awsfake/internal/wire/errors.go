package wire

import (
	"errors"

	"github.com/switchyard/switchyard/internal/awserr"
)

// Errors the protocol layer itself answers with, before any service sees the
// request.
var (
	// ErrUnknownOperation answers a JSON request whose target names no
	// operation of the service.
	ErrUnknownOperation = awserr.New("UnknownOperationException", "UnknownOperationException", 400, "")
	// ErrInvalidAction answers a Query request whose Action the service
	// does not have.
	ErrInvalidAction = awserr.New("InvalidAction", "InvalidAction", 400, "The action is not valid for this web service.")
	// ErrMissingAction answers a Query request without an Action.
	ErrMissingAction = awserr.New("MissingAction", "MissingAction", 400, "The request must contain the parameter Action.")
	// ErrSerialization answers a JSON body that does not decode into the
	// operation's input.
	ErrSerialization = awserr.New("SerializationException", "SerializationException", 400, "")
	// ErrMalformedQueryString answers a form body that does not parse.
	ErrMalformedQueryString = awserr.New("MalformedQueryString", "MalformedQueryString", 400, "The query string is malformed.")
	// ErrRequestTooLarge answers a body over the service's limit.
	ErrRequestTooLarge = awserr.New("RequestEntityTooLarge", "RequestEntityTooLarge", 413, "Request body is too large.")
	// ErrInternalFailure answers an error that carries no AWS code: a fault
	// of ours, reported as AWS reports its own.
	ErrInternalFailure = &awserr.Error{Code: "InternalFailure", Type: "InternalFailure", Status: 500, Fault: awserr.Receiver, Message: "The request processing has failed because of an unknown error, exception or failure."}
)

// AsAWS returns err as an *awserr.Error, or [ErrInternalFailure] when it
// carries no AWS code.
func AsAWS(err error) *awserr.Error {
	var ae *awserr.Error
	if errors.As(err, &ae) {
		return ae
	}
	return ErrInternalFailure
}
