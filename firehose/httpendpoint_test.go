package firehose

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
)

// The example request of AWS's protocol appendix.
const (
	testRequestID = "ed4acda5-034f-9f42-bba1-f29aea6d7d8f"
	testARN       = "arn:aws:firehose:us-east-1:123456789012:deliverystream/testStream"
	testMillis    = 1578090901599
)

func testBatch() *Batch {
	return &Batch{
		DeliveryStreamName: "testStream",
		DeliveryStreamARN:  testARN,
		Version:            1,
		RequestID:          testRequestID,
		Attempt:            1,
		Records: []Record{
			{Data: []byte("hello")},
			{Data: []byte("hello world")},
			{Data: []byte{}}, // empty records are permitted
			{Data: []byte{0, 0xff, '"', '\\', '\n'}},
		},
	}
}

// captured is one request as the endpoint saw it.
type captured struct {
	method, path, query string
	header              http.Header
	contentLength       int64
	body                []byte // as sent, before any decoding
}

// endpointRecorder is an endpoint that records each request and answers it as
// AWS's protocol asks, echoing the request id.
type endpointRecorder struct {
	mu   sync.Mutex
	reqs []captured
}

func (rec *endpointRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	rec.mu.Lock()
	rec.reqs = append(rec.reqs, captured{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), r.ContentLength, body})
	rec.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"requestId":%q,"timestamp":%d}`, r.Header.Get("X-Amz-Firehose-Request-Id"), testMillis+2000)
}

func (rec *endpointRecorder) requests() []captured {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return slices.Clone(rec.reqs)
}

func newServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// wireBody is the request document, decoded strictly.
type wireBody struct {
	RequestID *string `json:"requestId"`
	Timestamp *int64  `json:"timestamp"`
	Records   []struct {
		Data *string `json:"data"`
	} `json:"records"`
}

func decodeBody(t *testing.T, raw []byte) wireBody {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var b wireBody
	if err := dec.Decode(&b); err != nil {
		t.Fatalf("request body %q: %v", raw, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("request body has data after the document")
	}
	return b
}

func checkBody(t *testing.T, b wireBody, batch *Batch, millis int64) {
	t.Helper()
	if b.RequestID == nil || *b.RequestID != batch.RequestID {
		t.Errorf("requestId = %v, want %q", b.RequestID, batch.RequestID)
	}
	if b.Timestamp == nil || *b.Timestamp != millis {
		t.Errorf("timestamp = %v, want %d", b.Timestamp, millis)
	}
	if len(b.Records) != len(batch.Records) {
		t.Fatalf("%d records, want %d", len(b.Records), len(batch.Records))
	}
	for i, r := range b.Records {
		if r.Data == nil {
			t.Fatalf("record %d has no data", i)
		}
		got, err := base64.StdEncoding.DecodeString(*r.Data)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if !bytes.Equal(got, batch.Records[i].Data) {
			t.Errorf("record %d data = %q, want %q", i, got, batch.Records[i].Data)
		}
	}
}

func manualAt(millis int64) *clock.Manual {
	return clock.NewManual(time.UnixMilli(millis))
}

func TestHTTPEndpointRequest(t *testing.T) {
	t.Parallel()
	rec := &endpointRecorder{}
	ts := newServer(t, rec)
	e := &HTTPEndpoint{
		URL:       ts.URL + "/v1/input?token=a%20b&x=1",
		Name:      "test endpoint",
		AccessKey: "my-access-key",
		CommonAttributes: map[string]string{
			"deployment -context": "pre-prod-gamma",
			"device-types":        "",
			"html<&>":             "kept <&> as is",
		},
		clock: manualAt(testMillis),
	}
	if err := e.check(); err != nil {
		t.Fatalf("check: %v", err)
	}
	b := testBatch()
	if err := e.Deliver(context.Background(), b); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	reqs := rec.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.method != http.MethodPost || r.path != "/v1/input" || r.query != "token=a%20b&x=1" {
		t.Errorf("request = %s %s?%s, want POST /v1/input?token=a%%20b&x=1", r.method, r.path, r.query)
	}
	want := map[string]string{
		"X-Amz-Firehose-Protocol-Version":  "1.0",
		"X-Amz-Firehose-Request-Id":        testRequestID,
		"X-Amz-Firehose-Source-Arn":        testARN,
		"X-Amz-Firehose-Access-Key":        "my-access-key",
		"X-Amz-Firehose-Common-Attributes": `{"commonAttributes":{"deployment -context":"pre-prod-gamma","device-types":"","html<&>":"kept <&> as is"}}`,
		"Content-Type":                     "application/json",
		"Content-Length":                   fmt.Sprint(len(r.body)),
		"User-Agent":                       userAgent,
		"Accept-Encoding":                  "identity",
	}
	got := make(map[string]string)
	for k, vs := range r.header {
		got[k] = strings.Join(vs, ", ")
	}
	if !maps.Equal(got, want) {
		t.Errorf("headers:\n got %v\nwant %v", got, want)
	}
	if r.contentLength != int64(len(r.body)) {
		t.Errorf("Content-Length %d, body %d bytes", r.contentLength, len(r.body))
	}
	checkBody(t, decodeBody(t, r.body), b, testMillis)
}

func TestHTTPEndpointMinimalHeaders(t *testing.T) {
	t.Parallel()
	rec := &endpointRecorder{}
	ts := newServer(t, rec)
	e := &HTTPEndpoint{URL: ts.URL}
	if err := e.Deliver(context.Background(), testBatch()); err != nil {
		t.Fatal(err)
	}
	h := rec.requests()[0].header
	if v, ok := h["X-Amz-Firehose-Access-Key"]; ok {
		t.Errorf("X-Amz-Firehose-Access-Key = %q; without an access key it should be absent", v)
	}
	if got := h.Get("X-Amz-Firehose-Common-Attributes"); got != `{"commonAttributes":{}}` {
		t.Errorf("X-Amz-Firehose-Common-Attributes = %q, want an empty object", got)
	}
	if _, ok := h["Content-Encoding"]; ok {
		t.Error("Content-Encoding is set without compression")
	}
}

func TestHTTPEndpointGZIP(t *testing.T) {
	t.Parallel()
	rec := &endpointRecorder{}
	ts := newServer(t, rec)
	e := &HTTPEndpoint{URL: ts.URL, ContentEncoding: ContentEncodingGZIP, clock: manualAt(testMillis)}
	b := testBatch()
	if err := e.Deliver(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	r := rec.requests()[0]
	if got := r.header.Get("Content-Encoding"); got != "gzip" {
		t.Errorf("Content-Encoding = %q, want gzip", got)
	}
	if r.contentLength != int64(len(r.body)) {
		t.Errorf("Content-Length %d, compressed body %d bytes", r.contentLength, len(r.body))
	}
	zr, err := gzip.NewReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatalf("body is not gzip: %v", err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	checkBody(t, decodeBody(t, plain), b, testMillis)
}

func TestHTTPEndpointRequestIDStableAcrossAttempts(t *testing.T) {
	t.Parallel()
	rec := &endpointRecorder{}
	ts := newServer(t, rec)
	clk := manualAt(testMillis)
	e := &HTTPEndpoint{URL: ts.URL, clock: clk}
	b := testBatch()
	if err := e.Deliver(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Second)
	b.Attempt++
	if err := e.Deliver(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	reqs := rec.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		if got := r.header.Get("X-Amz-Firehose-Request-Id"); got != testRequestID {
			t.Errorf("attempt %d: request id header %q, want %q", i+1, got, testRequestID)
		}
		// The timestamp is when each attempt is sent.
		checkBody(t, decodeBody(t, r.body), b, testMillis+int64(i)*1000)
	}
}

func TestHTTPEndpointEmptyBatchSendsNothing(t *testing.T) {
	t.Parallel()
	rec := &endpointRecorder{}
	ts := newServer(t, rec)
	e := &HTTPEndpoint{URL: ts.URL}
	if err := e.Deliver(context.Background(), &Batch{RequestID: testRequestID}); err != nil {
		t.Fatal(err)
	}
	if n := len(rec.requests()); n != 0 {
		t.Errorf("%d requests for an empty batch, want 0", n)
	}
}

func TestHTTPEndpointResponses(t *testing.T) {
	t.Parallel()
	okBody := fmt.Sprintf(`{"requestId":%q,"timestamp":1578090903599}`, testRequestID)
	tests := []struct {
		name        string
		status      int
		contentType string // "-" leaves the header out
		header      map[string]string
		body        string
		wantCode    string // "" means success
		wantMessage string // a substring of the message, or the message with "="
		permanent   bool
	}{
		{name: "200", status: 200, body: okBody},
		{name: "200 with charset", status: 200, contentType: "application/json; charset=utf-8", body: okBody},
		{name: "200 with errorMessage", status: 200, body: fmt.Sprintf(`{"requestId":%q,"timestamp":1,"errorMessage":"fine"}`, testRequestID)},
		{name: "200 with null errorMessage", status: 200, body: fmt.Sprintf(`{"requestId":%q,"timestamp":1,"errorMessage":null}`, testRequestID)},
		{name: "200 with white space", status: 200, body: " \n" + okBody + "\n "},
		{name: "200 wrong requestId", status: 200, body: `{"requestId":"other","timestamp":1}`,
			wantCode: codeInvalidResponse, wantMessage: `has requestId "other", which does not match`},
		{name: "200 missing requestId", status: 200, body: `{"timestamp":1}`,
			wantCode: codeInvalidResponse, wantMessage: "has no requestId"},
		{name: "200 null requestId", status: 200, body: `{"requestId":null}`,
			wantCode: codeInvalidResponse, wantMessage: "Raw response received: 200 {\"requestId\":null}"},
		{name: "200 numeric requestId", status: 200, body: `{"requestId":1,"timestamp":1}`,
			wantCode: codeInvalidResponse, wantMessage: "not recognized as valid JSON"},
		{name: "200 missing timestamp", status: 200, body: fmt.Sprintf(`{"requestId":%q}`, testRequestID),
			wantCode: codeInvalidResponse, wantMessage: "timestamp"},
		{name: "200 string timestamp", status: 200, body: fmt.Sprintf(`{"requestId":%q,"timestamp":"1578090903599"}`, testRequestID),
			wantCode: codeInvalidResponse, wantMessage: "timestamp"},
		{name: "200 fractional timestamp", status: 200, body: fmt.Sprintf(`{"requestId":%q,"timestamp":1.5}`, testRequestID),
			wantCode: codeInvalidResponse, wantMessage: "timestamp"},
		{name: "200 not JSON", status: 200, body: "OK",
			wantCode: codeInvalidResponse, wantMessage: "Response for request " + testRequestID + " is not recognized as valid JSON"},
		{name: "200 empty body", status: 200, body: "",
			wantCode: codeInvalidResponse, wantMessage: "not recognized as valid JSON"},
		{name: "200 JSON array", status: 200, body: "[]",
			wantCode: codeInvalidResponse, wantMessage: "not recognized as valid JSON"},
		{name: "200 JSON null", status: 200, body: "null",
			wantCode: codeInvalidResponse, wantMessage: "not recognized as valid JSON"},
		{name: "200 unexpected field", status: 200, body: fmt.Sprintf(`{"requestId":%q,"timestamp":1,"status":"ok"}`, testRequestID),
			wantCode: codeInvalidResponse, wantMessage: "unexpected fields"},
		{name: "200 field in other case", status: 200, body: fmt.Sprintf(`{"RequestId":%q,"timestamp":1}`, testRequestID),
			wantCode: codeInvalidResponse, wantMessage: "unexpected fields"},
		{name: "200 trailing data", status: 200, body: okBody + "{}",
			wantCode: codeInvalidResponse, wantMessage: "not recognized as valid JSON"},
		{name: "200 text/plain", status: 200, contentType: "text/plain", body: okBody,
			wantCode: codeInvalidResponse, wantMessage: `has Content-Type "text/plain"`},
		{name: "200 no Content-Type", status: 200, contentType: "-", body: okBody,
			wantCode: codeInvalidResponse, wantMessage: `has Content-Type ""`},
		{name: "200 encoded", status: 200, header: map[string]string{"Content-Encoding": "gzip"}, body: okBody,
			wantCode: codeInvalidResponse, wantMessage: `Content-Encoding "gzip"`},
		{name: "201", status: 201, body: okBody,
			wantCode: codeDestinationException, wantMessage: "The following response was received from the endpoint destination. 201: " + okBody},
		{name: "204", status: 204,
			wantCode: codeDestinationException, wantMessage: "204"},
		{name: "500 with errorMessage", status: 500,
			body:     fmt.Sprintf(`{"requestId":%q,"timestamp":"1578090903599","errorMessage":"Unable to deliver records due to unknown error."}`, testRequestID),
			wantCode: codeDestinationException, wantMessage: "=Unable to deliver records due to unknown error."},
		{name: "500 without body", status: 500,
			wantCode: codeDestinationException, wantMessage: "=The following response was received from the endpoint destination. 500: "},
		{name: "503 not JSON", status: 503, contentType: "text/html", body: "<h1>down</h1>",
			wantCode: codeDestinationException, wantMessage: "503: <h1>down</h1>"},
		{name: "400 errorMessage", status: 400, body: `{"errorMessage":"bad access key"}`,
			wantCode: codeDestinationException, wantMessage: "=bad access key"},
		{name: "429", status: 429, body: `{"errorMessage":"slow down"}`,
			wantCode: codeDestinationException, wantMessage: "=slow down"},
		{name: "413 permanent", status: 413,
			body:     fmt.Sprintf(`{"requestId":%q,"timestamp":1598556019164,"errorMessage":"Payload too large"}`, testRequestID),
			wantCode: codeDestinationException, wantMessage: "=Payload too large", permanent: true},
		{name: "413 without body", status: 413,
			wantCode: codeDestinationException, wantMessage: "413", permanent: true},
		{name: "long errorMessage is cut", status: 500, body: `{"errorMessage":"` + strings.Repeat("é", 9000) + `"}`,
			wantCode: codeDestinationException, wantMessage: "=" + strings.Repeat("é", maxErrorMessageChars)},
		{name: "long body is quoted in part", status: 502, body: strings.Repeat("x", 5000),
			wantCode: codeDestinationException, wantMessage: "=The following response was received from the endpoint destination. 502: " + strings.Repeat("x", maxExcerptBytes) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				switch tt.contentType {
				case "":
					w.Header().Set("Content-Type", "application/json")
				case "-":
					w.Header()["Content-Type"] = nil // no sniffing either
				default:
					w.Header().Set("Content-Type", tt.contentType)
				}
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			}))
			err := (&HTTPEndpoint{URL: ts.URL}).Deliver(context.Background(), testBatch())
			checkDeliveryError(t, err, tt.wantCode, tt.wantMessage, tt.permanent)
		})
	}
}

// checkDeliveryError checks err against a wanted code ("" for nil), a
// message (a substring, or the whole message after "=") and permanence.
func checkDeliveryError(t *testing.T, err error, code, message string, permanent bool) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("Deliver = %v, want success", err)
		}
		return
	}
	var de *DeliveryError
	if !errors.As(err, &de) {
		t.Fatalf("Deliver = %v (%T), want a *DeliveryError", err, err)
	}
	if de.Code != code {
		t.Errorf("Code = %q, want %q (message %q)", de.Code, code, de.Message)
	}
	if whole, ok := strings.CutPrefix(message, "="); ok {
		if de.Message != whole {
			t.Errorf("Message = %q, want %q", de.Message, whole)
		}
	} else if !strings.Contains(de.Message, message) {
		t.Errorf("Message = %q, want it to contain %q", de.Message, message)
	}
	if de.Permanent != permanent {
		t.Errorf("Permanent = %v, want %v", de.Permanent, permanent)
	}
}

func TestHTTPEndpointDoesNotFollowRedirects(t *testing.T) {
	t.Parallel()
	var followed atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) {
		followed.Add(1)
		(&endpointRecorder{}).ServeHTTP(w, r)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	})
	ts := newServer(t, mux)
	var calledCallers atomic.Bool
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		calledCallers.Store(true)
		return nil
	}}
	e := &HTTPEndpoint{URL: ts.URL, Client: client}
	err := e.Deliver(context.Background(), testBatch())
	checkDeliveryError(t, err, codeDestinationException, "302", false)
	if n := followed.Load(); n != 0 {
		t.Errorf("the redirect was followed %d times", n)
	}
	if calledCallers.Load() {
		t.Error("the caller's CheckRedirect was consulted")
	}
	if client.CheckRedirect == nil {
		t.Error("Deliver changed the caller's client")
	}
	// The default client is left alone too.
	if http.DefaultClient.CheckRedirect != nil {
		t.Error("Deliver changed http.DefaultClient")
	}
}

func TestHTTPEndpointResponseSize(t *testing.T) {
	t.Parallel()
	// A valid response padded with white space to near the limit passes.
	padded := func(size int) string {
		doc := fmt.Sprintf(`{"requestId":%q,"timestamp":1}`, testRequestID)
		return doc + strings.Repeat(" ", size-len(doc))
	}
	tests := []struct {
		name     string
		status   int
		body     string
		chunked  bool // stream the body, so that its length is not known up front
		wantCode string
	}{
		{"just under 1 MiB", 200, padded(maxResponseBytes - 4096), false, ""},
		{"just under 1 MiB, chunked", 200, padded(maxResponseBytes - 4096), true, ""},
		{"1 MiB and a byte", 200, padded(maxResponseBytes + 1), false, codeResponseTooLarge},
		{"1 MiB and a byte, chunked", 200, padded(maxResponseBytes + 1), true, codeResponseTooLarge},
		{"large error response", 500, strings.Repeat("e", 2*maxResponseBytes), true, codeResponseTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				w.Header().Set("Content-Type", "application/json")
				if !tt.chunked {
					w.Header().Set("Content-Length", fmt.Sprint(len(tt.body)))
				}
				w.WriteHeader(tt.status)
				for rest := tt.body; rest != ""; {
					n := min(len(rest), 64<<10)
					if _, err := io.WriteString(w, rest[:n]); err != nil {
						return // the client gave up reading, as it should
					}
					w.(http.Flusher).Flush()
					rest = rest[n:]
				}
			}))
			err := (&HTTPEndpoint{URL: ts.URL}).Deliver(context.Background(), testBatch())
			checkDeliveryError(t, err, tt.wantCode, "", false)
		})
	}
}

// blockingServer returns a server whose handler holds every request until
// the test ends or the client goes away, and a channel that receives once
// per request that arrived.
func blockingServer(t *testing.T) (*httptest.Server, <-chan struct{}) {
	t.Helper()
	release := make(chan struct{})
	arrived := make(chan struct{}, 16)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	// Cleanups run last first: release the handlers, then close.
	t.Cleanup(ts.Close)
	t.Cleanup(func() { close(release) })
	return ts, arrived
}

func TestHTTPEndpointResponseTimeout(t *testing.T) {
	t.Parallel()
	ts, _ := blockingServer(t)
	e := &HTTPEndpoint{URL: ts.URL, ResponseTimeout: 50 * time.Millisecond}
	err := e.Deliver(context.Background(), testBatch())
	checkDeliveryError(t, err, codeRequestTimeout, "50ms", false)
}

// TestHTTPEndpointDefaultTimeoutOnClock moves a manual clock to show that
// the default timeout is AWS's 3 minutes and runs on the stream's clock.
func TestHTTPEndpointDefaultTimeoutOnClock(t *testing.T) {
	t.Parallel()
	ts, arrived := blockingServer(t)
	clk := manualAt(testMillis)
	e := &HTTPEndpoint{URL: ts.URL, clock: clk}
	done := make(chan error, 1)
	go func() { done <- e.Deliver(context.Background(), testBatch()) }()
	<-arrived // the timer starts before the request is sent
	if n := clk.Pending(); n != 1 {
		t.Fatalf("%d timers pending, want 1", n)
	}
	clk.Advance(3*time.Minute - time.Millisecond)
	if n := clk.Pending(); n != 1 {
		t.Fatalf("the timeout fired before 3 minutes")
	}
	clk.Advance(time.Millisecond)
	checkDeliveryError(t, <-done, codeRequestTimeout, "3m0s", false)
	if n := clk.Pending(); n != 0 {
		t.Errorf("%d timers left pending", n)
	}
}

func TestHTTPEndpointContextCanceled(t *testing.T) {
	t.Parallel()
	ts, arrived := blockingServer(t)
	e := &HTTPEndpoint{URL: ts.URL}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Deliver(ctx, testBatch()) }()
	<-arrived
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Deliver = %v, want context.Canceled", err)
	}
	var de *DeliveryError
	if errors.As(err, &de) {
		t.Errorf("Deliver = %v; the caller's cancellation is not a delivery failure", de)
	}
}

func TestHTTPEndpointConnectionFailed(t *testing.T) {
	t.Parallel()
	ts := httptest.NewServer(http.NotFoundHandler())
	url := ts.URL
	ts.Close() // nothing listens there now
	err := (&HTTPEndpoint{URL: url + "/secret?token=s3cr3t"}).Deliver(context.Background(), testBatch())
	checkDeliveryError(t, err, codeConnectionFailed, "", false)
	if strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("the error %q quotes the URL", err)
	}
}

func TestHTTPEndpointConnectionReset(t *testing.T) {
	t.Parallel()
	ts := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	}))
	err := (&HTTPEndpoint{URL: ts.URL}).Deliver(context.Background(), testBatch())
	checkDeliveryError(t, err, codeConnectionReset, "", false)
}

func TestHTTPEndpointTLS(t *testing.T) {
	t.Parallel()
	ts := httptest.NewUnstartedServer(&endpointRecorder{})
	// The refused handshake is expected; keep the server from logging it.
	ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	ts.StartTLS()
	t.Cleanup(ts.Close)
	// The default client does not trust the test certificate.
	err := (&HTTPEndpoint{URL: ts.URL}).Deliver(context.Background(), testBatch())
	checkDeliveryError(t, err, codeSSLHandshakeFailure, "", false)
	// The server's own client does.
	if err := (&HTTPEndpoint{URL: ts.URL, Client: ts.Client()}).Deliver(context.Background(), testBatch()); err != nil {
		t.Errorf("Deliver over https: %v", err)
	}
}

func TestHTTPEndpointWithClock(t *testing.T) {
	t.Parallel()
	e := &HTTPEndpoint{URL: "https://example.com"}
	clk := manualAt(testMillis)
	c := e.withClock(clk)
	if e.clock != nil {
		t.Error("withClock changed the original")
	}
	if c.clock != clock.Clock(clk) || c.URL != e.URL {
		t.Errorf("withClock = %+v", c)
	}
}

func TestHTTPEndpointCheck(t *testing.T) {
	t.Parallel()
	attrs := func(n int) map[string]string {
		m := make(map[string]string, n)
		for i := range n {
			m[fmt.Sprint("a", i)] = "v"
		}
		return m
	}
	tests := []struct {
		name    string
		e       HTTPEndpoint
		wantErr string // a substring; "" means valid
	}{
		{"https", HTTPEndpoint{URL: "https://example.com/path?q=1"}, ""},
		{"http is allowed locally", HTTPEndpoint{URL: "http://127.0.0.1:8080/"}, ""},
		{"everything set", HTTPEndpoint{
			URL: "https://example.com", Name: "Datadog", AccessKey: strings.Repeat("k", 4096),
			CommonAttributes: attrs(50), ContentEncoding: ContentEncodingGZIP, ResponseTimeout: time.Second,
		}, ""},
		{"NONE", HTTPEndpoint{URL: "https://example.com", ContentEncoding: ContentEncodingNone}, ""},
		{"longest URL", HTTPEndpoint{URL: "https://example.com/" + strings.Repeat("p", 1000-20)}, ""},
		{"longest name and attribute", HTTPEndpoint{URL: "https://example.com", Name: strings.Repeat("n", 256),
			CommonAttributes: map[string]string{strings.Repeat("é", 256): strings.Repeat("é", 1024)}}, ""},
		{"empty attribute value", HTTPEndpoint{URL: "https://example.com", CommonAttributes: map[string]string{"k": ""}}, ""},
		{"tab is allowed", HTTPEndpoint{URL: "https://example.com", AccessKey: "a\tb"}, ""},

		{"no URL", HTTPEndpoint{}, "URL is empty"},
		{"URL too long", HTTPEndpoint{URL: "https://example.com/" + strings.Repeat("p", 1000-19)}, "at most 1000"},
		{"ftp", HTTPEndpoint{URL: "ftp://example.com"}, "scheme must be https"},
		{"no scheme", HTTPEndpoint{URL: "example.com/path"}, "scheme must be https"},
		{"no host", HTTPEndpoint{URL: "https:///path"}, "no host"},
		{"unparsable", HTTPEndpoint{URL: "https://exa mple.com"}, "URL"},
		{"blank name", HTTPEndpoint{URL: "https://example.com", Name: "  "}, "blank"},
		{"name too long", HTTPEndpoint{URL: "https://example.com", Name: strings.Repeat("n", 257)}, "at most 256"},
		{"name with a line break", HTTPEndpoint{URL: "https://example.com", Name: "a\nb"}, "line breaks"},
		{"access key too long", HTTPEndpoint{URL: "https://example.com", AccessKey: strings.Repeat("k", 4097)}, "at most 4096"},
		{"access key with CR LF", HTTPEndpoint{URL: "https://example.com", AccessKey: "k\r\nX-Evil: 1"}, "line breaks"},
		{"access key with NUL", HTTPEndpoint{URL: "https://example.com", AccessKey: "k\x00"}, "control characters"},
		{"51 attributes", HTTPEndpoint{URL: "https://example.com", CommonAttributes: attrs(51)}, "at most 50"},
		{"empty attribute name", HTTPEndpoint{URL: "https://example.com", CommonAttributes: map[string]string{"": "v"}}, "blank"},
		{"blank attribute name", HTTPEndpoint{URL: "https://example.com", CommonAttributes: map[string]string{" \t": "v"}}, "blank"},
		{"attribute name too long", HTTPEndpoint{URL: "https://example.com", CommonAttributes: map[string]string{strings.Repeat("n", 257): "v"}}, "at most 256"},
		{"attribute value too long", HTTPEndpoint{URL: "https://example.com", CommonAttributes: map[string]string{"k": strings.Repeat("v", 1025)}}, "at most 1024"},
		{"attribute value with a line separator", HTTPEndpoint{URL: "https://example.com", CommonAttributes: map[string]string{"k": "a\u2028b"}}, "line breaks"},
		{"attribute value with DEL", HTTPEndpoint{URL: "https://example.com", CommonAttributes: map[string]string{"k": "a\x7fb"}}, "control characters"},
		{"content encoding in lower case", HTTPEndpoint{URL: "https://example.com", ContentEncoding: "gzip"}, `content encoding "gzip"`},
		{"content encoding ZIP", HTTPEndpoint{URL: "https://example.com", ContentEncoding: "ZIP"}, "want NONE or GZIP"},
		{"negative timeout", HTTPEndpoint{URL: "https://example.com", ResponseTimeout: -time.Second}, "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.e.check()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("check() = %v, want nil", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("check() = nil, want an error containing %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("check() = %q, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}
