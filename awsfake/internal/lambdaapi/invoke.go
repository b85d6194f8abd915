package lambdaapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
)

// Invoke: POST /2015-03-31/functions/{FunctionName}/invocations.

// Payload limits of Invoke: the request of a synchronous invocation, the
// payload of an asynchronous one (1 MB since October 2025; it was
// 256 KB), and the response of a synchronous one (6 MB and 100 bytes, as
// Lambda's own error text gives it).
const (
	MaxSyncPayload     = 6291456
	MaxAsyncPayload    = 1048576
	MaxResponsePayload = 6291556
)

// Invocation types and log types, as the X-Amz-Invocation-Type and
// X-Amz-Log-Type headers carry them.
const (
	invokeRequestResponse = "RequestResponse"
	invokeEvent           = "Event"
	invokeDryRun          = "DryRun"
	logNone               = "None"
	logTail               = "Tail"
)

// maxClientContext is the longest X-Amz-Client-Context, base64 included.
const maxClientContext = 3583

// Invoke calls the function named (by name, ARN or partial ARN) with
// payload, as Invoke with InvocationType RequestResponse does, and returns
// its result. A function error is returned as an [*Error]; a missing
// function as [ErrResourceNotFound] ("Function not found: …"); a payload
// that is not JSON as [ErrInvalidRequestContent], one over 6 MB as
// [ErrRequestTooLarge]. An empty payload is passed as {}. The function
// runs in the calling goroutine with ctx.
func (s *Service) Invoke(ctx context.Context, functionName string, payload []byte) ([]byte, error) {
	ref, err := s.parseFunctionName(functionName, "functionName", maxInvokeFunctionName)
	if err != nil {
		return nil, err
	}
	if len(payload) > MaxSyncPayload {
		return nil, ErrRequestTooLarge.Clone()
	}
	fn, err := s.lookup(ref)
	if err != nil {
		return nil, err
	}
	payload, err = checkPayload(payload)
	if err != nil {
		return nil, err
	}
	out, ferr := run(ctx, fn, payload)
	if ferr != nil {
		return nil, ferr
	}
	return out, nil
}

// InvokeAsync queues an invocation of the function named with payload, as
// Invoke with InvocationType Event does, and returns once it is queued:
// the function runs in a goroutine of the service, and a function error
// is retried twice, one minute and then two minutes later on the
// service's clock. It fails as [Service.Invoke] does before anything
// runs, except that the payload limit is 1 MB. The payload is copied; ctx
// is only this call's: the invocation ends with [Service.Close] or
// [Service.Reset].
func (s *Service) InvokeAsync(ctx context.Context, functionName string, payload []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ref, err := s.parseFunctionName(functionName, "functionName", maxInvokeFunctionName)
	if err != nil {
		return err
	}
	if len(payload) > MaxAsyncPayload {
		return asyncTooLarge(len(payload))
	}
	fn, err := s.lookup(ref)
	if err != nil {
		return err
	}
	payload, err = checkPayload(payload)
	if err != nil {
		return err
	}
	s.invokeLater(fn, append([]byte(nil), payload...))
	return nil
}

// asyncTooLarge is Lambda's error for an asynchronous payload over its
// limit.
func asyncTooLarge(n int) error {
	return ErrRequestTooLarge.Errorf("%d byte payload is too large for the Event invocation type (limit %d bytes)", n, MaxAsyncPayload)
}

// checkPayload returns payload as a function receives it ({} for none),
// or Lambda's error when it is not JSON.
func checkPayload(payload []byte) ([]byte, error) {
	if len(payload) == 0 {
		return []byte("{}"), nil
	}
	if !utf8.Valid(payload) {
		return nil, notJSON(fmt.Sprintf("Invalid UTF-8 start byte 0x%02x", firstInvalidUTF8(payload)))
	}
	var v json.RawMessage
	if err := json.Unmarshal(payload, &v); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, notJSON(fmt.Sprintf("Unexpected content at byte %d: %s", syn.Offset, syn.Error()))
		}
		return nil, notJSON(err.Error())
	}
	return payload, nil
}

// notJSON is Lambda's error for an Invoke payload that is not JSON.
func notJSON(reason string) error {
	return ErrInvalidRequestContent.Errorf("Could not parse request body into json: Could not parse payload into json: %s", reason)
}

// firstInvalidUTF8 returns the first byte of b's first invalid UTF-8
// sequence.
func firstInvalidUTF8(b []byte) byte {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return b[0]
		}
		b = b[n:]
	}
	return 0
}

// run calls fn and returns its result as Lambda returns it (null for
// none), or the function error it reports: the function's own, or
// Function.ResponseSizeTooLarge for a result over 6 MB.
func run(ctx context.Context, fn Function, payload []byte) ([]byte, *Error) {
	out, err := fn(ctx, payload)
	if err != nil {
		return nil, FunctionError(err)
	}
	if len(out) > MaxResponsePayload {
		return nil, &Error{Type: "Function.ResponseSizeTooLarge", Message: fmt.Sprintf("Response payload size exceeded maximum allowed payload size (%d bytes).", MaxResponsePayload)}
	}
	if len(out) == 0 {
		return []byte("null"), nil
	}
	return out, nil
}

// errorPayload is the body of a failed invocation, as Lambda writes it.
func errorPayload(e *Error) []byte {
	b, _ := json.Marshal(struct { // two strings always encode
		Message string `json:"errorMessage"`
		Type    string `json:"errorType"`
	}{e.Message, e.Type})
	return b
}

// invokeInput is Invoke's input, from the path, query and headers.
type invokeInput struct {
	ref            functionRef
	invocationType string
	logType        string
}

// readInvokeInput reads Invoke's parameters other than the payload.
func (s *Service) readInvokeInput(r *http.Request, name string) (invokeInput, error) {
	in := invokeInput{invocationType: r.Header.Get("X-Amz-Invocation-Type"), logType: r.Header.Get("X-Amz-Log-Type")}
	if in.invocationType == "" {
		in.invocationType = invokeRequestResponse
	}
	if in.logType == "" {
		in.logType = logNone
	}
	var vs awserr.Violations
	switch in.invocationType {
	case invokeRequestResponse, invokeEvent, invokeDryRun:
	default:
		vs.AddString(in.invocationType, "invocationType", awserr.Enum(invokeEvent, invokeRequestResponse, invokeDryRun))
	}
	switch in.logType {
	case logNone, logTail:
	default:
		vs.AddString(in.logType, "logType", awserr.Enum(logNone, logTail))
	}
	if err := vs.Err(ErrValidation); err != nil {
		return in, err
	}
	if cc := r.Header.Get("X-Amz-Client-Context"); cc != "" {
		if err := checkClientContext(cc); err != nil {
			return in, err
		}
	}
	ref, err := s.parseFunctionName(name, "functionName", maxInvokeFunctionName)
	if err != nil {
		return in, err
	}
	in.ref, err = withQualifier(ref, queryParam(r, "Qualifier"))
	return in, err
}

// checkClientContext checks an X-Amz-Client-Context header: up to 3,583
// bytes of base64 that decode to a JSON object.
func checkClientContext(cc string) error {
	if len(cc) > maxClientContext {
		return ErrInvalidRequestContent.Errorf("Client context must be at most %d bytes of base64-encoded JSON.", maxClientContext)
	}
	raw, err := base64.StdEncoding.DecodeString(cc)
	var obj map[string]json.RawMessage
	if err != nil || json.Unmarshal(raw, &obj) != nil {
		return ErrInvalidRequestContent.WithMessage("Client context must be a base64-encoded JSON object.")
	}
	return nil
}

// queryParam returns the query parameter name, nil when absent.
func queryParam(r *http.Request, name string) *string {
	vs, ok := r.URL.Query()[name]
	if !ok || len(vs) == 0 {
		return nil
	}
	return &vs[0]
}

// serveInvoke answers Invoke.
func (s *Service) serveInvoke(w http.ResponseWriter, r *http.Request, requestID, name string) {
	in, err := s.readInvokeInput(r, name)
	if err != nil {
		writeError(w, requestID, err)
		return
	}
	payload, err := wire.ReadBody(r, MaxSyncPayload)
	switch {
	case errors.Is(err, wire.ErrRequestTooLarge):
		writeError(w, requestID, ErrRequestTooLarge.Clone())
		return
	case err != nil:
		writeError(w, requestID, notJSON("the request body could not be read."))
		return
	}
	fn, err := s.lookup(in.ref)
	if err != nil {
		writeError(w, requestID, err)
		return
	}
	switch in.invocationType {
	case invokeDryRun:
		w.Header().Set("x-amzn-RequestId", requestID)
		w.WriteHeader(http.StatusNoContent)
		return
	case invokeEvent:
		if len(payload) > MaxAsyncPayload {
			writeError(w, requestID, asyncTooLarge(len(payload)))
			return
		}
	}
	payload, err = checkPayload(payload)
	if err != nil {
		writeError(w, requestID, err)
		return
	}
	if in.invocationType == invokeEvent {
		s.invokeLater(fn, payload)
		w.Header().Set("x-amzn-RequestId", requestID)
		w.WriteHeader(http.StatusAccepted)
		return
	}
	start := s.clock.Now()
	out, ferr := run(r.Context(), fn, payload)
	elapsed := s.clock.Now().Sub(start)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("x-amzn-RequestId", requestID)
	h.Set("X-Amz-Executed-Version", "$LATEST")
	if ferr != nil {
		out = errorPayload(ferr)
		h.Set("X-Amz-Function-Error", "Unhandled")
	}
	if in.logType == logTail {
		h.Set("X-Amz-Log-Result", tailLog(requestID, elapsed.Seconds()*1000, ferr))
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(out)
}

// tailLog is the X-Amz-Log-Result of an invocation: the base64 of the
// last 4 KB of a log shaped like the Go runtime's, with the error line a
// failed invocation writes.
func tailLog(requestID string, millis float64, ferr *Error) string {
	var b strings.Builder
	fmt.Fprintf(&b, "START RequestId: %s Version: $LATEST\n", requestID)
	if ferr != nil {
		b.Write(errorPayload(ferr))
		b.WriteByte('\n')
	}
	billed := int(millis) + 1
	fmt.Fprintf(&b, "END RequestId: %s\nREPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\t\n", requestID, requestID, millis, billed)
	log := b.String()
	if len(log) > 4096 {
		log = log[len(log)-4096:]
	}
	return base64.StdEncoding.EncodeToString([]byte(log))
}
