package firehoseapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/firehoseapi"
	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/stream"
)

// Shared helpers: a service behind a router like the account's, and
// requests built by hand as JSON.

const (
	account = "000000000000"
	region  = "us-east-1"
	target  = "Firehose_20150804."
	roleARN = "arn:aws:iam::000000000000:role/firehose"
	bucket  = "arn:aws:s3:::bucket"
)

// fake is a service under test with what it reaches by ARN.
type fake struct {
	t         testing.TB
	svc       *firehoseapi.Service
	h         http.Handler
	store     *firehose.MemoryStore
	streams   map[string]*stream.Stream[[]byte] // by ARN
	functions map[string]lambdaapi.Function     // by ARN
	// case names the table case in failures, where a synctest bubble
	// rules out subtests.
	label string
}

// newFake returns a service on the system clock — inside a synctest
// bubble, the bubble's — whose HTTP endpoint requests go to endpoint (nil:
// none expected). Its delivery streams are closed when the test ends.
func newFake(t testing.TB, endpoint http.Handler) *fake {
	f := &fake{t: t, store: new(firehose.MemoryStore), streams: map[string]*stream.Stream[[]byte]{}, functions: map[string]lambdaapi.Function{}}
	cfg := firehoseapi.Config{
		Region:   region,
		Account:  account,
		Store:    f.store,
		Stream:   func(arn string) (*stream.Stream[[]byte], bool) { s, ok := f.streams[arn]; return s, ok },
		Function: func(arn string) (lambdaapi.Function, bool) { fn, ok := f.functions[arn]; return fn, ok },
	}
	if endpoint != nil {
		cfg.HTTPClient = &http.Client{Transport: handlerTransport{endpoint}}
	}
	f.svc = firehoseapi.New(cfg)
	f.h = router(f.svc)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		if err := f.svc.Close(ctx); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return f
}

// router routes as the account does: the operation from X-Amz-Target, the
// body read within the service's limit.
func router(s *firehoseapi.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := wire.ReadBody(r, firehoseapi.MaxRequestBody)
		if err != nil {
			s.WriteJSONError(w, "req", err)
			return
		}
		s.ServeJSON(w, r, strings.TrimPrefix(r.Header.Get("X-Amz-Target"), target), body)
	})
}

// handlerTransport answers HTTP requests with a handler, in memory.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// reply is a response's status and body.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// raw sends a request with the given body.
func (f *fake) raw(op, body string) reply {
	r := httptest.NewRequest(http.MethodPost, "http://firehose.test/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-amz-json-1.1")
	r.Header.Set("X-Amz-Target", target+op)
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, r)
	return reply{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// call sends in, encoded as JSON.
func (f *fake) call(op string, in any) reply {
	b, err := json.Marshal(in)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.raw(op, string(b))
}

// ok calls op and returns its decoded reply, failing the test on an error.
func (f *fake) ok(op string, in any) map[string]any {
	f.t.Helper()
	r := f.call(op, in)
	if r.status != http.StatusOK {
		f.t.Fatalf("%s: %d %s", op, r.status, r.body)
	}
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		f.t.Fatalf("%s: reply %q is not a JSON object: %v", op, r.body, err)
	}
	return m
}

// apiError is an error reply as a client reads it.
type apiError struct {
	status  int
	code    string
	message string // "" checks no message
}

func (e apiError) String() string { return fmt.Sprintf("%d %s %q", e.status, e.code, e.message) }

// validation, invalidArg and notFound are the common errors.
func validation(msg string) apiError { return apiError{400, "ValidationException", msg} }
func invalidArg(msg string) apiError { return apiError{400, "InvalidArgumentException", msg} }
func notFound(name string) apiError {
	return apiError{400, "ResourceNotFoundException", "Firehose " + name + " under account " + account + " not found."}
}

// errorOf decodes an error reply.
func errorOf(t testing.TB, r reply) apiError {
	t.Helper()
	var body struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatalf("error reply %q is not JSON: %v", r.body, err)
	}
	return apiError{r.status, body.Type, body.Message}
}

// fail calls op and checks that it fails with want.
func (f *fake) fail(op string, in any, want apiError) {
	f.t.Helper()
	r := f.call(op, in)
	if r.status == http.StatusOK {
		f.t.Fatalf("%s succeeded: %s; want %v", op, r.body, want)
	}
	got := errorOf(f.t, r)
	if want.message == "" {
		got.message = ""
	}
	if got != want {
		f.t.Errorf("%s%s failed with\n %v\nwant\n %v", f.label, op, got, want)
	}
}

// names returns the delivery streams' names.
func (f *fake) names() []any {
	f.t.Helper()
	names, _ := f.ok("ListDeliveryStreams", map[string]any{"Limit": 10000})["DeliveryStreamNames"].([]any)
	return names
}

// describe returns a delivery stream's description.
func (f *fake) describe(name string) map[string]any {
	f.t.Helper()
	return f.ok("DescribeDeliveryStream", map[string]any{"DeliveryStreamName": name})["DeliveryStreamDescription"].(map[string]any)
}

// s3Config is a minimal extended S3 configuration writing to bucket,
// merged with extra members.
func s3Config(extra map[string]any) map[string]any {
	c := map[string]any{"RoleARN": roleARN, "BucketARN": bucket}
	for k, v := range extra {
		c[k] = v
	}
	return c
}

// createS3 creates a DirectPut delivery stream with an extended S3
// destination (with extra members) and returns its ARN.
func (f *fake) createS3(name string, extra map[string]any) string {
	f.t.Helper()
	return f.ok("CreateDeliveryStream", map[string]any{
		"DeliveryStreamName":                 name,
		"ExtendedS3DestinationConfiguration": s3Config(extra),
	})["DeliveryStreamARN"].(string)
}

// put puts records into a delivery stream in one batch.
func (f *fake) put(name string, data ...string) {
	f.t.Helper()
	recs := make([]map[string]any, len(data))
	for i, d := range data {
		recs[i] = map[string]any{"Data": []byte(d)}
	}
	out := f.ok("PutRecordBatch", map[string]any{"DeliveryStreamName": name, "Records": recs})
	if out["FailedPutCount"].(float64) != 0 {
		f.t.Fatalf("PutRecordBatch: %v", out)
	}
}

// objects returns the store's objects whose keys start with prefix, by
// key.
func (f *fake) objects(prefix string) map[string]string {
	out := map[string]string{}
	for _, k := range f.store.Keys() {
		if strings.HasPrefix(k, prefix) {
			b, _ := f.store.Get(k)
			out[k] = string(b)
		}
	}
	return out
}

// flush delivers what the delivery stream called name holds.
func (f *fake) flush(name string) {
	f.t.Helper()
	ds, ok := f.svc.DeliveryStreamByARN("arn:aws:firehose:" + region + ":" + account + ":deliverystream/" + name)
	if !ok {
		f.t.Fatalf("no delivery stream %s", name)
	}
	if err := ds.Flush(context.Background()); err != nil {
		f.t.Fatal(err)
	}
}

// contents returns the objects' bodies, in key order.
func contents(objs map[string]string) []string {
	keys := slices.Sorted(maps.Keys(objs))
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = objs[k]
	}
	return out
}
