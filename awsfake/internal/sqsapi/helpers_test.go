package sqsapi_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/sqsapi"
	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// Shared helpers: a service behind a test-only router, and clients that
// speak each protocol with hand-built requests.

const (
	account = "000000000000"
	region  = "us-east-1"
	host    = "sqs.test"
	baseURL = "http://" + host + "/" + account + "/"
)

var epoch = time.Date(2025, time.March, 4, 5, 6, 7, 0, time.UTC)

// router routes as the emulator does: X-Amz-Target to ServeJSON, anything
// else as a Query form (body and URL query) to ServeQuery.
func router(s *sqsapi.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := wire.ReadBody(r, sqsapi.MaxRequestBody)
		if target := r.Header.Get("X-Amz-Target"); target != "" {
			if err != nil {
				s.WriteJSONError(w, "req", err)
				return
			}
			s.ServeJSON(w, r, strings.TrimPrefix(target, "AmazonSQS."), body)
			return
		}
		if err != nil {
			s.WriteQueryError(w, "req", err)
			return
		}
		form, err := wire.ParseForm(string(body))
		if err != nil {
			s.WriteQueryError(w, "req", err)
			return
		}
		form.Merge(r.URL.Query())
		s.ServeQuery(w, r, form)
	})
}

// fake is a service under test with its clock and router.
type fake struct {
	t   testing.TB
	svc *sqsapi.Service
	h   http.Handler
	clk *clock.Manual // nil when the service runs on the system clock
}

// newFake returns a service on a manual clock showing epoch.
func newFake(t testing.TB) *fake {
	clk := clock.NewManual(epoch)
	f := newFakeOn(t, clk)
	f.clk = clk
	return f
}

// newFakeOn returns a service on clk (nil: the system clock, which inside a
// synctest bubble is the bubble's).
func newFakeOn(t testing.TB, clk clock.Clock) *fake {
	svc := sqsapi.New(sqsapi.Config{Region: region, Account: account, Clock: clk})
	t.Cleanup(svc.Reset)
	return &fake{t: t, svc: svc, h: router(svc)}
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

// serve sends r to the router.
func (f *fake) serve(r *http.Request) reply {
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, r)
	return reply{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// rawJSON sends a JSON 1.0 request with the given body.
func (f *fake) rawJSON(op, body string) reply {
	r := httptest.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-amz-json-1.0")
	r.Header.Set("X-Amz-Target", "AmazonSQS."+op)
	r.Header.Set("X-Amzn-Query-Mode", "true")
	return f.serve(r)
}

// call sends a JSON request with in as its body.
func (f *fake) call(op string, in any) reply {
	f.t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		f.t.Fatal(err)
	}
	return f.rawJSON(op, string(b))
}

// ok sends a JSON request that must succeed and returns its output.
func (f *fake) ok(op string, in any) map[string]any {
	f.t.Helper()
	r := f.call(op, in)
	if r.status != http.StatusOK {
		f.t.Fatalf("%s %v: %d %s", op, in, r.status, r.body)
	}
	return r.json(f.t)
}

// fail sends a JSON request that must fail as want describes.
func (f *fake) fail(op string, in any, want apiError) {
	f.t.Helper()
	wantJSONError(f.t, f.call(op, in), want)
}

// apiError is an expected error: HTTP status, JSON shape, legacy code and
// message ("" to skip the message check).
type apiError struct {
	status  int
	shape   string // __type without the namespace
	code    string // legacy code, in x-amzn-query-error and Query replies
	message string
}

func wantJSONError(t testing.TB, r reply, want apiError) {
	t.Helper()
	if r.status != want.status {
		t.Fatalf("status %d, want %d (body %s)", r.status, want.status, r.body)
	}
	m := r.json(t)
	if got := m["__type"]; got != "com.amazonaws.sqs#"+want.shape {
		t.Errorf("__type %v, want com.amazonaws.sqs#%s", got, want.shape)
	}
	if got, w := r.header.Get("x-amzn-query-error"), want.code+";Sender"; got != w {
		t.Errorf("x-amzn-query-error %q, want %q", got, w)
	}
	if want.message != "" && m["message"] != want.message {
		t.Errorf("message:\n got %q\nwant %q", m["message"], want.message)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/x-amz-json-1.0" {
		t.Errorf("Content-Type %q", ct)
	}
}

// query sends a Query request: Action, Version and params, form-encoded
// in the body, to path ("/" when empty).
func (f *fake) query(action, path string, params url.Values) reply {
	form := url.Values{"Action": {action}, "Version": {"2012-11-05"}}
	for k, v := range params {
		form[k] = v
	}
	if path == "" {
		path = "/"
	}
	r := httptest.NewRequest(http.MethodPost, "http://"+host+path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return f.serve(r)
}

// queryOK sends a Query request that must succeed and decodes its
// <ActionResult> into out (which may be nil).
func (f *fake) queryOK(action string, params url.Values, out any) {
	f.t.Helper()
	r := f.query(action, "", params)
	if r.status != http.StatusOK {
		f.t.Fatalf("%s %v: %d %s", action, params, r.status, r.body)
	}
	decodeResult(f.t, r, action, out)
}

// decodeResult decodes <ActionResponse><ActionResult>…</ActionResult>
// into out (nil: only the envelope is checked), checking the namespace and
// the request id.
func decodeResult(t testing.TB, r reply, action string, out any) {
	t.Helper()
	var doc struct {
		XMLName  xml.Name
		Metadata struct {
			RequestID string `xml:"RequestId"`
		} `xml:"ResponseMetadata"`
	}
	if err := xml.Unmarshal(r.body, &doc); err != nil {
		t.Fatalf("reply is not XML: %v\n%s", err, r.body)
	}
	if doc.XMLName.Local != action+"Response" || doc.XMLName.Space != "http://queue.amazonaws.com/doc/2012-11-05/" {
		t.Fatalf("root element %v, want %sResponse in SQS's namespace", doc.XMLName, action)
	}
	if doc.Metadata.RequestID == "" {
		t.Errorf("no request id in %s", r.body)
	}
	if out == nil {
		return
	}
	open, closing := "<"+action+"Result>", "</"+action+"Result>"
	start, end := strings.Index(string(r.body), open), strings.LastIndex(string(r.body), closing)
	if start < 0 || end < 0 {
		t.Fatalf("no %sResult in %s", action, r.body)
	}
	if err := xml.Unmarshal(r.body[start:end+len(closing)], out); err != nil {
		t.Fatalf("decoding %sResult: %v\n%s", action, err, r.body)
	}
}

// queryError is a Query protocol error document.
type queryError struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	Error   struct {
		Type    string
		Code    string
		Message string
	}
	RequestID string `xml:"RequestId"`
}

// wantQueryError checks a Query reply is the ErrorResponse want describes.
func wantQueryError(t testing.TB, r reply, want apiError) {
	t.Helper()
	if r.status != want.status {
		t.Fatalf("status %d, want %d (body %s)", r.status, want.status, r.body)
	}
	var e queryError
	if err := xml.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("reply is not an ErrorResponse: %v\n%s", err, r.body)
	}
	if e.Error.Type != "Sender" || e.Error.Code != want.code {
		t.Errorf("error %s/%s, want Sender/%s", e.Error.Type, e.Error.Code, want.code)
	}
	if want.message != "" && e.Error.Message != want.message {
		t.Errorf("message:\n got %q\nwant %q", e.Error.Message, want.message)
	}
}

// createQueue creates a queue with the given attributes over JSON and
// returns its URL.
func (f *fake) createQueue(name string, attrs map[string]string) string {
	f.t.Helper()
	in := map[string]any{"QueueName": name}
	if attrs != nil {
		in["Attributes"] = attrs
	}
	out := f.ok("CreateQueue", in)
	u, _ := out["QueueUrl"].(string)
	if u != baseURL+name {
		f.t.Fatalf("CreateQueue returned %q, want %q", u, baseURL+name)
	}
	return u
}

// send sends body to the queue at u and returns the reply's fields.
func (f *fake) send(u, body string) map[string]any {
	f.t.Helper()
	return f.ok("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": body})
}

// receive short-polls up to max messages.
func (f *fake) receive(u string, max int) []map[string]any {
	f.t.Helper()
	out := f.ok("ReceiveMessage", map[string]any{"QueueUrl": u, "MaxNumberOfMessages": max, "WaitTimeSeconds": 0})
	return messagesOf(out)
}

func messagesOf(out map[string]any) []map[string]any {
	raw, _ := out["Messages"].([]any)
	msgs := make([]map[string]any, len(raw))
	for i, m := range raw {
		msgs[i] = m.(map[string]any)
	}
	return msgs
}

// attrs reads queue attributes over JSON.
func (f *fake) attrs(u string, names ...string) map[string]any {
	f.t.Helper()
	out := f.ok("GetQueueAttributes", map[string]any{"QueueUrl": u, "AttributeNames": names})
	m, _ := out["Attributes"].(map[string]any)
	return m
}

// counts reads the three message counts of a queue by name.
func (f *fake) counts(name string) [3]int {
	f.t.Helper()
	q, ok := f.svc.QueueByName(name)
	if !ok {
		f.t.Fatalf("no queue %q", name)
	}
	c := q.Counts()
	return [3]int{c.Available, c.InFlight, c.Delayed}
}

// Common expected errors.
var (
	errNoQueue = apiError{400, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."}
)

// invalidParameter is an InvalidParameterValue error with msg.
func invalidParameter(msg string) apiError {
	return apiError{400, "InvalidParameterValueException", "InvalidParameterValue", msg}
}

// sendInput is a message with body, for sends straight to the engine.
func sendInput(body string) queue.SendInput[string] {
	return queue.SendInput[string]{Body: body}
}
