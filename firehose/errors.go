package firehose

import "github.com/switchyard/switchyard/internal/awserr"

// Error is the error type every delivery-stream operation returns: an AWS
// error code, AWS's message, the HTTP status and fault. Match it by code
// with [errors.Is] against the sentinels below; read its fields with
// [errors.As].
type Error = awserr.Error

// Sentinels, one per Firehose error code. Each matches, under
// [errors.Is], every error the package returns with the same code,
// whatever its message. The package returns copies, never the sentinels
// themselves; do not modify them.
var (
	// ErrValidation: a parameter breaks a constraint of the API's model
	// (a length, a range, a pattern, an enum).
	ErrValidation = awserr.New("ValidationException", "", 400, "1 validation error detected")
	// ErrInvalidArgument: a parameter is well formed but not acceptable:
	// a configuration AWS refuses, a request over 4 MiB, a put on a
	// delivery stream that reads a stream.
	ErrInvalidArgument = awserr.New("InvalidArgumentException", "", 400, "The specified input parameter has a value that is not valid.")
	// ErrResourceNotFound: the delivery stream is closed.
	ErrResourceNotFound = awserr.New("ResourceNotFoundException", "", 400, "The specified resource could not be found.")
	// ErrInvalidSource: the source stream cannot be read.
	ErrInvalidSource = awserr.New("InvalidSourceException", "", 400, "The source is not valid.")
	// ErrServiceUnavailable: the service is busy; Firehose throttles with
	// it, for a whole call or, in a batch, per record. Only [WithFaults]
	// makes a delivery stream report it.
	ErrServiceUnavailable = &awserr.Error{Code: "ServiceUnavailableException", Message: "Slow down.", Status: 503, Fault: awserr.Receiver}
	// ErrInternalFailure: the service failed; a retry may succeed. Only
	// [WithFaults] makes a delivery stream report it, per record.
	ErrInternalFailure = &awserr.Error{Code: "InternalFailure", Message: "Internal Service Failure", Status: 500, Fault: awserr.Receiver}
)
