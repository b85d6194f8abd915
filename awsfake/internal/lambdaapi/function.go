package lambdaapi

import (
	"context"
	"errors"
	"reflect"
)

// Function is Go code registered as a Lambda function: it receives the
// event's JSON and returns its result's JSON. An error is a function
// error (see [Error]).
type Function func(ctx context.Context, payload []byte) ([]byte, error)

// Error is a function error with the errorType Lambda reports for it. A
// function may return one to choose the type; any other error is reported
// with its Go type's name, as the Go runtime for Lambda reports it
// ("errorString" for errors.New).
type Error struct {
	Type    string `json:"errorType"`
	Message string `json:"errorMessage"`
}

func (e *Error) Error() string { return e.Message }

// FunctionError describes err as Lambda reports a function error.
func FunctionError(err error) *Error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return &Error{Type: t.Name(), Message: err.Error()}
}
