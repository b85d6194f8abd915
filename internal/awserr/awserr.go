// Package awserr provides the error type every Switchyard engine returns: an
// AWS error code, its message, the HTTP status and fault the AWS API would
// answer with. The wire fakes serialise it as it is, so the in-process API and
// the AWS face share one error vocabulary.
package awserr

import "fmt"

// Fault says whose fault an error is, as AWS reports it.
type Fault uint8

const (
	// Sender marks a client error: the request was wrong.
	Sender Fault = iota
	// Receiver marks a server error: the request may succeed if retried.
	Receiver
)

// String returns "Sender" or "Receiver", as AWS writes the fault.
func (f Fault) String() string {
	if f == Receiver {
		return "Receiver"
	}
	return "Sender"
}

// Error is an AWS service error. Two errors match under [errors.Is] when
// their codes are equal, so a package's sentinel matches every error with
// its code, whatever the message.
//
// An Error is immutable once returned: copy it with [Error.WithMessage]
// rather than changing its fields.
type Error struct {
	// Code is the error code the AWS SDKs report (for SQS, the
	// query-compatible code such as "AWS.SimpleQueueService.NonExistentQueue").
	Code string
	// Type is the shape name the JSON protocols put in "__type" (for SQS,
	// "QueueDoesNotExist"). Empty means the same as Code.
	Type string
	// Message is the human-readable text, as AWS words it.
	Message string
	// Status is the HTTP status code AWS answers with.
	Status int
	// Fault says whether the sender or the service is at fault.
	Fault Fault
}

// New returns an error with the given code, JSON type, HTTP status and a
// default message; the fault is Sender.
func New(code, typ string, status int, message string) *Error {
	return &Error{Code: code, Type: typ, Message: message, Status: status}
}

// Error returns "Code: Message".
func (e *Error) Error() string {
	if e.Message == "" {
		return e.Code
	}
	return e.Code + ": " + e.Message
}

// Is reports whether target is an *Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t != nil && t.Code == e.Code
}

// ShapeName returns the JSON protocol's "__type" for the error.
func (e *Error) ShapeName() string {
	if e.Type == "" {
		return e.Code
	}
	return e.Type
}

// WithMessage returns a copy of e carrying msg.
func (e *Error) WithMessage(msg string) *Error {
	c := *e
	c.Message = msg
	return &c
}

// Clone returns a copy of e with its own message, for returning a
// sentinel's default text without handing out the sentinel itself.
func (e *Error) Clone() *Error {
	c := *e
	return &c
}

// Errorf returns a copy of e whose message is formatted from format and args.
func (e *Error) Errorf(format string, args ...any) *Error {
	return e.WithMessage(fmt.Sprintf(format, args...))
}
