package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
)

// Operation is one operation of a JSON service: it decodes its input from
// the request body and returns its output, which encodes to JSON. The
// context is the request's (or, for an in-process call, the caller's).
type Operation func(ctx context.Context, body []byte) (any, error)

// Op returns the Operation that decodes the body into a new In (see
// [DecodeJSON]) and runs run on it.
func Op[In, Out any](run func(ctx context.Context, in *In) (Out, error)) Operation {
	return func(ctx context.Context, body []byte) (any, error) {
		in := new(In)
		if err := DecodeJSON(body, in); err != nil {
			return nil, err
		}
		return run(ctx, in)
	}
}

// JSONService is a JSON-protocol API: its dialect and its operations by
// name. It serves them over HTTP and, for the other services of an
// account (a state machine's task, a rule's target), in process with the
// same inputs, outputs and errors.
type JSONService struct {
	Protocol   JSONProtocol
	Operations map[string]Operation
}

// ServeJSON answers one request for operation (the part of its
// X-Amz-Target after the service's prefix), whose body has been read.
func (s JSONService) ServeJSON(w http.ResponseWriter, r *http.Request, operation string, body []byte) {
	requestID := RequestID()
	op, ok := s.Operations[operation]
	if !ok {
		s.Protocol.WriteError(w, requestID, ErrUnknownOperation)
		return
	}
	out, err := op(r.Context(), body)
	if err != nil {
		s.Protocol.WriteError(w, requestID, err)
		return
	}
	s.Protocol.WriteJSON(w, requestID, out)
}

// Call runs operation in process on input, a request body, and returns
// the reply body. Its errors are those ServeJSON would answer with.
func (s JSONService) Call(ctx context.Context, operation string, input []byte) ([]byte, error) {
	op, ok := s.Operations[operation]
	if !ok {
		return nil, ErrUnknownOperation
	}
	out, err := op(ctx, input)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, ErrInternalFailure
	}
	return b, nil
}

// DecodeJSON decodes a JSON request body into v, an operation's input. An
// empty body is an empty input. A body that is not a JSON object of the
// input's members, or a member of the wrong type, fails with a
// SerializationException and leaves v unusable.
func DecodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return ErrSerialization.WithMessage(jsonErrorText(err))
	}
	return nil
}

// jsonErrorText words a decoding error without Go's type names, as a
// service would: which member had the wrong type, or where the JSON broke.
func jsonErrorText(err error) string {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		return "Failed to deserialize the value of member " + typeErr.Field + ": unexpected JSON " + typeErr.Value + "."
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return "The request body is not valid JSON (at byte " + strconv.FormatInt(syntaxErr.Offset, 10) + ")."
	}
	return "The request body could not be deserialized."
}
