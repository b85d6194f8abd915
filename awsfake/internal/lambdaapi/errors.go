package lambdaapi

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
)

// Lambda's errors, one per code. Each matches, under errors.Is, every
// error of the package with the same code; the package returns copies.
var (
	// ErrResourceNotFound: no function, or no mapping, of that name.
	ErrResourceNotFound = awserr.New("ResourceNotFoundException", "", http.StatusNotFound, "The resource you requested does not exist.")
	// ErrInvalidParameterValue: a parameter is well formed but not
	// acceptable here.
	ErrInvalidParameterValue = awserr.New("InvalidParameterValueException", "", http.StatusBadRequest, "One of the parameters in the request is not valid.")
	// ErrInvalidRequestContent: a body that is not JSON, or a header that
	// does not decode.
	ErrInvalidRequestContent = awserr.New("InvalidRequestContentException", "", http.StatusBadRequest, "The request body could not be parsed as JSON.")
	// ErrRequestTooLarge: a payload over Invoke's limit. Lambda answers it
	// with the code RequestEntityTooLargeException, not the model's
	// RequestTooLargeException, so the SDKs report a generic API error.
	ErrRequestTooLarge = awserr.New("RequestEntityTooLargeException", "", http.StatusRequestEntityTooLarge, "Request must be smaller than 6291456 bytes for the InvokeFunction operation")
	// ErrResourceConflict: the mapping exists already.
	ErrResourceConflict = awserr.New("ResourceConflictException", "", http.StatusConflict, "The resource already exists, or another operation is in progress.")
	// ErrResourceInUse: another operation on the mapping is under way.
	ErrResourceInUse = awserr.New("ResourceInUseException", "", http.StatusBadRequest, "The operation conflicts with the resource's availability.")
	// ErrValidation: a parameter breaks a constraint of the model.
	ErrValidation = awserr.New("ValidationException", "", http.StatusBadRequest, "1 validation error detected")
	// ErrUnknownOperation: a path and method of Lambda's API that this
	// service does not implement.
	ErrUnknownOperation = awserr.New("UnknownOperationException", "", http.StatusNotFound, "Unknown operation.")
	// errService is a fault of ours, reported as Lambda reports its own.
	errService = &awserr.Error{Code: "ServiceException", Status: http.StatusInternalServerError, Fault: awserr.Receiver, Message: "The service encountered an internal error."}
)

// capitalMessage lists the errors whose model names the message member
// "Message"; every other error of Lambda's model names it "message".
var capitalMessage = map[string]bool{
	"ResourceNotFoundException": true,
	"ResourceInUseException":    true,
	"ServiceException":          true,
}

// asLambda returns err as an *awserr.Error, or errService when it carries
// no AWS code.
func asLambda(err error) *awserr.Error {
	var ae *awserr.Error
	if errors.As(err, &ae) && ae != wire.ErrInternalFailure {
		return ae
	}
	return errService
}

// writeError writes err as Lambda's error reply: the status, the code in
// X-Amzn-ErrorType, and the body {"Type":"User"|"Service","message":…}.
func writeError(w http.ResponseWriter, requestID string, err error) {
	ae := asLambda(err)
	body := map[string]string{"Type": "User"}
	if ae.Fault == awserr.Receiver {
		body["Type"] = "Service"
	}
	key := "message"
	if capitalMessage[ae.Code] {
		key = "Message"
	}
	body[key] = ae.Message
	b, _ := json.Marshal(body) // a map of strings always encodes
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Amzn-ErrorType", ae.Code)
	h.Set("x-amzn-RequestId", requestID)
	status := ae.Status
	if status == 0 {
		status = http.StatusBadRequest
		if ae.Fault == awserr.Receiver {
			status = http.StatusInternalServerError
		}
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeJSON writes v as a reply with the given status.
func writeJSON(w http.ResponseWriter, requestID string, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, requestID, errService)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("x-amzn-RequestId", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// functionNotFound is the error for a function name that names no
// registered function; arn is the name resolved, qualified when the
// caller qualified it.
func functionNotFound(arn string) error {
	return ErrResourceNotFound.Errorf("Function not found: %s", arn)
}

// mappingNotFound is the error for a UUID that names no mapping.
func mappingNotFound() error { return ErrResourceNotFound.Clone() }
