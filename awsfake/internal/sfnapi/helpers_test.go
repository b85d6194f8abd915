package sfnapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/awsfake/internal/sfnapi"
	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/stepfn"
)

// Shared helpers: a service behind a test-only router, a client that
// sends hand-built JSON 1.0 requests, and the definitions the tests use.

const (
	account = "000000000000"
	region  = "us-east-1"
	role    = "arn:aws:iam::000000000000:role/sfn"
	smARN   = "arn:aws:states:us-east-1:000000000000:stateMachine:"
	execARN = "arn:aws:states:us-east-1:000000000000:execution:"
	actARN  = "arn:aws:states:us-east-1:000000000000:activity:"
)

// Namespaces of the error replies.
const (
	nsService    = "com.amazonaws.swf.service.v2.model#"
	nsValidation = "com.amazon.coral.validate#"
)

// router routes as the emulator does: the X-Amz-Target suffix to
// ServeJSON, a body over the limit to WriteJSONError.
func router(s *sfnapi.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := wire.ReadBody(r, sfnapi.MaxRequestBody)
		if err != nil {
			s.WriteJSONError(w, "req", err)
			return
		}
		s.ServeJSON(w, r, strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AWSStepFunctions."), body)
	})
}

// fake is a service under test with its router.
type fake struct {
	t   testing.TB
	svc *sfnapi.Service
	h   http.Handler
}

// newFake returns a service on the system clock (in a synctest bubble,
// the bubble's), whose tasks resolve through resolve (nil: none). Its
// executions are stopped when the test ends.
func newFake(t testing.TB, resolve func(string) stepfn.Handler) *fake {
	svc := sfnapi.New(sfnapi.Config{Region: region, Account: account, Resolve: resolve, Seed: 1})
	t.Cleanup(func() {
		if err := svc.Close(context.Background()); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &fake{t: t, svc: svc, h: router(svc)}
}

// bubble runs f in a synctest bubble with a new fake.
func bubble(t *testing.T, resolve func(string) stepfn.Handler, f func(t *testing.T, f *fake)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) { f(t, newFake(t, resolve)) })
}

// with returns f reporting to t, for subtests.
func (f *fake) with(t testing.TB) *fake {
	g := *f
	g.t = t
	return &g
}

// reply is a response: status, headers and body.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// json decodes a JSON reply into a generic map.
func (r reply) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("reply %d %q is not a JSON object: %v", r.status, r.body, err)
	}
	return m
}

// raw sends a request with the given body.
func (f *fake) raw(ctx context.Context, op, body string) reply {
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "http://states.test/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-amz-json-1.0")
	r.Header.Set("X-Amz-Target", "AWSStepFunctions."+op)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, r)
	return reply{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// call sends a request with in as its body.
func (f *fake) call(op string, in any) reply {
	f.t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.raw(context.Background(), op, string(b))
}

// ok sends a request that must succeed and returns its output.
func (f *fake) ok(op string, in any) map[string]any {
	f.t.Helper()
	r := f.call(op, in)
	if r.status != http.StatusOK {
		f.t.Fatalf("%s %v: %d %s", op, in, r.status, r.body)
	}
	return r.json(f.t)
}

// apiError is an expected error: its code (the __type after the
// namespace) and message ("" to skip the message check).
type apiError struct {
	code    string
	message string
}

// fail sends a request that must fail with want.
func (f *fake) fail(op string, in any, want apiError) {
	f.t.Helper()
	wantError(f.t, f.call(op, in), want)
}

// wantError checks an error reply: 400, the namespace of its code, the
// code and the message.
func wantError(t testing.TB, r reply, want apiError) {
	t.Helper()
	if r.status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400 (body %s)", r.status, r.body)
	}
	m := r.json(t)
	ns := nsService
	switch want.code {
	case "ValidationException":
		ns = nsValidation
	case "SerializationException", "UnknownOperationException":
		ns = ""
	}
	if got := m["__type"]; got != ns+want.code {
		t.Errorf("__type %v, want %s%s (message %v)", got, ns, want.code, m["message"])
	}
	if want.message != "" && m["message"] != want.message {
		t.Errorf("message:\n got %q\nwant %q", m["message"], want.message)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/x-amz-json-1.0" {
		t.Errorf("Content-Type %q", ct)
	}
}

// str returns v as a string, failing when it is not one.
func str(t testing.TB, v any) string {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("%v (%T) is not a string", v, v)
	}
	return s
}

// Definitions the tests share.
const (
	passDef = `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"v":1},"End":true}}}`
	pass2   = `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"v":2},"End":true}}}`
	// waitDef waits a day: an execution that runs until stopped.
	waitDef = `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":86400,"End":true}}}`
	failDef = `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"it broke"}}}`
)

// createMachine creates a state machine and returns its ARN.
func (f *fake) createMachine(name, definition string, extra map[string]any) string {
	f.t.Helper()
	in := map[string]any{"name": name, "definition": definition, "roleArn": role}
	for k, v := range extra {
		in[k] = v
	}
	return str(f.t, f.ok("CreateStateMachine", in)["stateMachineArn"])
}

// start starts an execution and returns its ARN.
func (f *fake) start(arn string, extra map[string]any) string {
	f.t.Helper()
	in := map[string]any{"stateMachineArn": arn}
	for k, v := range extra {
		in[k] = v
	}
	return str(f.t, f.ok("StartExecution", in)["executionArn"])
}

// describe returns an execution's description.
func (f *fake) describe(arn string) map[string]any {
	f.t.Helper()
	return f.ok("DescribeExecution", map[string]any{"executionArn": arn})
}

// named reports through t with each message prefixed by a case's name:
// subtests cannot run inside a synctest bubble, so table tests there
// name their cases this way.
type named struct {
	testing.TB
	name string
}

func (n named) Errorf(format string, args ...any) {
	n.TB.Helper()
	n.TB.Errorf("%s: "+format, append([]any{n.name}, args...)...)
}

func (n named) Fatalf(format string, args ...any) {
	n.TB.Helper()
	n.TB.Fatalf("%s: "+format, append([]any{n.name}, args...)...)
}

// inCase returns f reporting as the named case of t.
func (f *fake) inCase(t testing.TB, name string) *fake { return f.with(named{TB: t, name: name}) }
