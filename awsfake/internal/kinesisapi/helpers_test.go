package kinesisapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/kinesisapi"
	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
)

// Shared helpers: a service on a manual clock behind a test-only router,
// and a client that sends hand-built JSON requests.

const (
	account   = "000000000000"
	region    = "us-east-1"
	streamARN = "arn:aws:kinesis:" + region + ":" + account + ":stream/"
)

var epoch = time.Date(2025, time.March, 4, 5, 6, 7, 0, time.UTC)

// fake is a service under test and its clock.
type fake struct {
	t   testing.TB
	svc *kinesisapi.Service
	clk *clock.Manual // nil when the service runs on the system clock
}

// newFake returns a service on a manual clock showing epoch.
func newFake(t testing.TB) *fake {
	clk := clock.NewManual(epoch)
	f := newFakeWith(t, kinesisapi.Config{Clock: clk})
	f.clk = clk
	return f
}

// newFakeWith returns a service made from cfg, in the test account.
func newFakeWith(t testing.TB, cfg kinesisapi.Config) *fake {
	cfg.Region, cfg.Account = region, account
	svc := kinesisapi.New(cfg)
	t.Cleanup(svc.Reset)
	return &fake{t: t, svc: svc}
}

// with returns f reporting to t, for subtests.
func (f *fake) with(t testing.TB) *fake {
	g := *f
	g.t = t
	return &g
}

// handler routes as the account does: the body read with the service's
// limit, then ServeJSON with the operation from X-Amz-Target.
func (f *fake) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := wire.ReadBody(r, kinesisapi.MaxRequestBody)
		if err != nil {
			f.svc.WriteJSONError(w, "req", err)
			return
		}
		f.svc.ServeJSON(w, r, strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "Kinesis_20131202."), body)
	})
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

// request returns a Kinesis request for op with the given body.
func request(op, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "http://kinesis.test/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-amz-json-1.1")
	r.Header.Set("X-Amz-Target", "Kinesis_20131202."+op)
	return r
}

// raw sends op with a raw body and returns the reply.
func (f *fake) raw(op, body string) reply {
	rec := httptest.NewRecorder()
	f.handler().ServeHTTP(rec, request(op, body))
	return reply{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// do sends op with in encoded as JSON.
func (f *fake) do(op string, in any) reply {
	f.t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.raw(op, string(b))
}

// ok sends op and fails the test unless it succeeds; it returns the
// decoded reply.
func (f *fake) ok(op string, in any) map[string]any {
	f.t.Helper()
	r := f.do(op, in)
	if r.status != http.StatusOK {
		f.t.Fatalf("%s %v: %d %s", op, in, r.status, r.body)
	}
	return r.json(f.t)
}

// fail sends op and checks that it fails with the given status, error
// type and, when msg is not empty, message (a prefix when it ends in
// "…").
func (f *fake) fail(op string, in any, status int, typ, msg string) {
	f.t.Helper()
	checkError(f.t, f.do(op, in), status, typ, msg)
}

// checkError checks an error reply.
func checkError(t testing.TB, r reply, status int, typ, msg string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d %s, want %d %s", r.status, r.body, status, typ)
	}
	m := r.json(t)
	if m["__type"] != typ {
		t.Errorf("__type = %v, want %s (%s)", m["__type"], typ, r.body)
	}
	got, _ := m["message"].(string)
	switch {
	case msg == "":
	case strings.HasSuffix(msg, "…"):
		if !strings.HasPrefix(got, strings.TrimSuffix(msg, "…")) {
			t.Errorf("message = %q, want it to start %q", got, strings.TrimSuffix(msg, "…"))
		}
	case got != msg:
		t.Errorf("message = %q, want %q", got, msg)
	}
}

// createStream creates a provisioned stream with n shards.
func (f *fake) createStream(name string, n int) {
	f.t.Helper()
	f.ok("CreateStream", map[string]any{"StreamName": name, "ShardCount": n})
}

// put puts one record and returns its shard and sequence number.
func (f *fake) put(name, key, data string) (shardID, seq string) {
	f.t.Helper()
	out := f.ok("PutRecord", map[string]any{"StreamName": name, "PartitionKey": key, "Data": []byte(data)})
	return out["ShardId"].(string), out["SequenceNumber"].(string)
}

// iterator returns a TRIM_HORIZON iterator of a shard.
func (f *fake) iterator(name, shardID string) string {
	f.t.Helper()
	return f.ok("GetShardIterator", map[string]any{"StreamName": name, "ShardId": shardID, "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"].(string)
}

// shardIDs lists the ids of a stream's shards.
func (f *fake) shardIDs(name string) []string {
	f.t.Helper()
	var ids []string
	for _, sh := range f.ok("ListShards", map[string]any{"StreamName": name})["Shards"].([]any) {
		ids = append(ids, sh.(map[string]any)["ShardId"].(string))
	}
	return ids
}

// registerConsumer registers a consumer and returns its ARN.
func (f *fake) registerConsumer(stream, name string) string {
	f.t.Helper()
	out := f.ok("RegisterStreamConsumer", map[string]any{"StreamARN": streamARN + stream, "ConsumerName": name})
	return out["Consumer"].(map[string]any)["ConsumerARN"].(string)
}

// errorCase is one request that must fail, for table tests.
type errorCase struct {
	name   string
	op     string
	in     any
	status int
	typ    string
	msg    string
}

// run runs the cases against f, each a subtest.
func runErrors(t *testing.T, f *fake, cases []errorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status := tc.status
			if status == 0 {
				status = http.StatusBadRequest
			}
			f.with(t).fail(tc.op, tc.in, status, tc.typ, tc.msg)
		})
	}
}

// The error types the tests expect.
const (
	validationErr  = "ValidationException"
	invalidArgErr  = "InvalidArgumentException"
	notFoundErr    = "ResourceNotFoundException"
	inUseErr       = "ResourceInUseException"
	limitErr       = "LimitExceededException"
	serializeErr   = "SerializationException"
	expiredIterErr = "ExpiredIteratorException"
)
