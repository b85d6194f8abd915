package lambdaapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/stream"
)

// The tests drive a service through ServeHTTP (and its in-process
// methods), with functions, queues and streams of their own. Anything that
// runs in the background (asynchronous invocations, mappings) runs inside
// a testing/synctest bubble, whose clock the engines and the service read
// through clock.System; the bubble also fails a test that leaves a
// goroutine behind.

const (
	region  = "us-east-1"
	account = "000000000000"
)

// fnARN is the ARN of the function called name.
func fnARN(name string) string {
	return "arn:aws:lambda:" + region + ":" + account + ":function:" + name
}

// sqsARN is the ARN of the queue called name.
func sqsARN(name string) string { return "arn:aws:sqs:" + region + ":" + account + ":" + name }

// kinesisARN is the ARN of the stream called name.
func kinesisARN(name string) string {
	return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name
}

// fixture is a service and the functions, queues and streams it reaches.
type fixture struct {
	t   testing.TB
	svc *lambdaapi.Service

	mu      sync.Mutex
	fns     map[string]lambdaapi.Function
	queues  map[string]*queue.Queue[string]
	streams map[string]*stream.Stream[[]byte]
}

// newFixture returns a service with no functions; it is closed when the
// test ends.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{
		t:       t,
		fns:     map[string]lambdaapi.Function{},
		queues:  map[string]*queue.Queue[string]{},
		streams: map[string]*stream.Stream[[]byte]{},
	}
	f.svc = lambdaapi.New(lambdaapi.Config{
		Region:  region,
		Account: account,
		Function: func(arn string) (lambdaapi.Function, bool) {
			f.mu.Lock()
			defer f.mu.Unlock()
			fn, ok := f.fns[arn]
			return fn, ok
		},
		FunctionARNs: func() []string {
			f.mu.Lock()
			defer f.mu.Unlock()
			var out []string
			for arn := range f.fns {
				out = append(out, arn)
			}
			return out
		},
		Queue: func(arn string) (*queue.Queue[string], bool) {
			f.mu.Lock()
			defer f.mu.Unlock()
			q, ok := f.queues[arn]
			return q, ok
		},
		Stream: func(arn string) (*stream.Stream[[]byte], bool) {
			f.mu.Lock()
			defer f.mu.Unlock()
			s, ok := f.streams[arn]
			return s, ok
		},
	})
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := f.svc.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return f
}

// register makes fn the function called name and returns its ARN.
func (f *fixture) register(name string, fn lambdaapi.Function) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fns[fnARN(name)] = fn
	return fnARN(name)
}

// echo is a function that returns its payload.
func echo(_ context.Context, payload []byte) ([]byte, error) { return payload, nil }

// queue makes the queue cfg describes and returns it.
func (f *fixture) queue(cfg queue.Config[string]) *queue.Queue[string] {
	f.t.Helper()
	q, err := queue.New(cfg, queue.WithAccount(region, account))
	if err != nil {
		f.t.Fatalf("queue.New: %v", err)
	}
	f.mu.Lock()
	f.queues[q.ARN()] = q
	f.mu.Unlock()
	return q
}

// stream makes a stream of n shards called name and returns it.
func (f *fixture) stream(name string, shards int) *stream.Stream[[]byte] {
	f.t.Helper()
	s, err := stream.New[[]byte](stream.Config{Name: name, ShardCount: shards}, stream.WithAccount(region, account))
	if err != nil {
		f.t.Fatalf("stream.New: %v", err)
	}
	f.mu.Lock()
	f.streams[s.ARN()] = s
	f.mu.Unlock()
	return s
}

// reply is a recorded HTTP reply.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// object decodes the reply as a JSON object, failing the test when it is
// not one.
func (r reply) object(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("reply %d %q is not a JSON object: %v", r.status, r.body, err)
	}
	return m
}

// errorCode is the reply's X-Amzn-ErrorType, "" for none.
func (r reply) errorCode() string { return r.header.Get("X-Amzn-ErrorType") }

// errorMessage is the message of an error reply, from whichever of
// "message" and "Message" it has.
func (r reply) errorMessage(t testing.TB) string {
	t.Helper()
	m := r.object(t)
	if s, ok := m["message"].(string); ok {
		return s
	}
	s, _ := m["Message"].(string)
	return s
}

// do sends one request to the service.
func (f *fixture) do(method, path string, header map[string]string, body []byte) reply {
	f.t.Helper()
	req := httptest.NewRequest(method, "http://lambda.test"+path, bytes.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	f.svc.ServeHTTP(rec, req)
	res := rec.Result()
	return reply{status: res.StatusCode, header: res.Header, body: rec.Body.Bytes()}
}

// call sends a request whose body is v encoded as JSON (none for nil).
func (f *fixture) call(method, path string, v any) reply {
	f.t.Helper()
	var body []byte
	if v != nil {
		var err error
		if body, err = json.Marshal(v); err != nil {
			f.t.Fatal(err)
		}
	}
	return f.do(method, path, map[string]string{"Content-Type": "application/json"}, body)
}

// ok sends a request and fails the test unless it succeeds; it returns
// the reply's JSON object.
func (f *fixture) ok(method, path string, v any) map[string]any {
	f.t.Helper()
	r := f.call(method, path, v)
	if r.status >= 300 {
		f.t.Fatalf("%s %s = %d %s %s", method, path, r.status, r.errorCode(), r.body)
	}
	return r.object(f.t)
}

// createMapping creates a mapping and returns its UUID.
func (f *fixture) createMapping(in map[string]any) string {
	f.t.Helper()
	out := f.ok(http.MethodPost, "/2015-03-31/event-source-mappings/", in)
	return out["UUID"].(string)
}

// mappingPath is the path of the mapping id.
func mappingPath(id string) string { return "/2015-03-31/event-source-mappings/" + id }

// wantError checks that r is the error code with a message containing
// msg.
func wantError(t testing.TB, r reply, status int, code, msg string) {
	t.Helper()
	if r.status != status || r.errorCode() != code {
		t.Errorf("reply = %d %s %s, want %d %s", r.status, r.errorCode(), r.body, status, code)
		return
	}
	if got := r.errorMessage(t); !strings.Contains(got, msg) {
		t.Errorf("message = %q, want it to contain %q", got, msg)
	}
}

// recorder collects the payloads a function is called with.
type recorder struct {
	mu       sync.Mutex
	payloads [][]byte
	// answer says what the function returns for the nth call (from 0).
	answer func(n int, payload []byte) ([]byte, error)
}

// fn is the function that records its calls.
func (r *recorder) fn(_ context.Context, payload []byte) ([]byte, error) {
	r.mu.Lock()
	n := len(r.payloads)
	r.payloads = append(r.payloads, slices.Clone(payload))
	answer := r.answer
	r.mu.Unlock()
	if answer == nil {
		return nil, nil
	}
	return answer(n, payload)
}

// calls returns the payloads so far.
func (r *recorder) calls() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.payloads)
}

// events decodes the payloads so far as events with Records.
func (r *recorder) events(t testing.TB) []event {
	t.Helper()
	var out []event
	for _, p := range r.calls() {
		var e event
		if err := json.Unmarshal(p, &e); err != nil {
			t.Fatalf("payload %q is not an event: %v", p, err)
		}
		out = append(out, e)
	}
	return out
}

// event is an SQS or Kinesis event, its records as generic objects.
type event struct {
	Records []map[string]any `json:"Records"`
}
