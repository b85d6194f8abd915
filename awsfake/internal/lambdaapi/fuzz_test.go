package lambdaapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/queue"
)

// The fuzz targets send arbitrary requests to a service holding functions
// and two mappings, and check that it never panics, never answers with a
// fault of its own (a 5xx), always answers an error in Lambda's shape,
// and that a refused request has changed no mapping. Each input runs in
// its own synctest bubble, so that the mappings' consumers and any
// asynchronous invocation run in virtual time and are checked for leaks.

// fuzzMethods are the methods a fuzz input picks from.
var fuzzMethods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodHead}

// seededFixture is a service with functions, a queue and a stream, and a
// mapping from each; it returns the mappings' ids.
func seededFixture(t *testing.T) (*fixture, []string) {
	f := newFixture(t)
	f.register("fn", echo)
	f.register("fails", func(context.Context, []byte) ([]byte, error) { return nil, errors.New("boom") })
	q := f.queue(queue.Config[string]{Name: "q"})
	send(t, q, "a", "b")
	s := f.stream("s", 2)
	put(t, s, "k", "x")
	ids := []string{
		f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": sqsARN("q")}),
		f.createMapping(map[string]any{"FunctionName": "fn", "EventSourceArn": kinesisARN("s"), "StartingPosition": "TRIM_HORIZON"}),
	}
	synctest.Wait() // the mappings have handled what their sources hold
	return f, ids
}

// mappingsNow is what a client can read of the mappings.
func mappingsNow(t *testing.T, f *fixture) string {
	t.Helper()
	r := f.call(http.MethodGet, "/2015-03-31/event-source-mappings", nil)
	if r.status != http.StatusOK {
		t.Fatalf("ListEventSourceMappings = %d %s", r.status, r.body)
	}
	return string(r.body)
}

// checkReply checks a reply's shape.
func checkReply(t *testing.T, r reply) {
	t.Helper()
	if r.status >= 500 {
		t.Fatalf("the service failed: %d %s", r.status, r.body)
	}
	if r.header.Get("x-amzn-RequestId") == "" {
		t.Fatalf("no request id: %d %s", r.status, r.body)
	}
	if r.status < 300 {
		return
	}
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil || m["Type"] != "User" || r.errorCode() == "" {
		t.Fatalf("error reply not in Lambda's shape: %d %v %q", r.status, r.header, r.body)
	}
}

// FuzzRequest sends a request of any method, path, invocation headers and
// body.
func FuzzRequest(f *testing.F) {
	f.Add(uint8(1), "functions/fn/invocations", "", "", "", []byte(`{"a":1}`))
	f.Add(uint8(1), "functions/fn/invocations?Qualifier=7", "Event", "Tail", "", []byte(`[]`))
	f.Add(uint8(1), "functions/fails/invocations", "RequestResponse", "Tail", "eyJhIjoxfQ==", []byte(`{}`))
	f.Add(uint8(1), "functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afn/invocations", "DryRun", "None", "", []byte(`x`))
	f.Add(uint8(1), "functions/fn:alias/invocations", "Event", "", "%%", []byte("\xff"))
	f.Add(uint8(0), "functions/fn", "", "", "", []byte(nil))
	f.Add(uint8(0), "functions/fn/configuration?Qualifier=$LATEST", "", "", "", []byte(nil))
	f.Add(uint8(0), "functions/?MaxItems=1&Marker=fn", "", "", "", []byte(nil))
	f.Add(uint8(0), "event-source-mappings/?FunctionName=fn&MaxItems=1&Marker=2", "", "", "", []byte(nil))
	f.Add(uint8(1), "event-source-mappings/", "", "", "", []byte(`{"FunctionName":"fn","EventSourceArn":"arn:aws:sqs:us-east-1:000000000000:q"}`))
	f.Add(uint8(2), "event-source-mappings/ID0", "", "", "", []byte(`{"Enabled":false,"BatchSize":5}`))
	f.Add(uint8(3), "event-source-mappings/ID1", "", "", "", []byte(nil))
	f.Add(uint8(4), "layers", "", "", "", []byte(nil))
	f.Fuzz(func(t *testing.T, method uint8, path, invocationType, logType, clientContext string, body []byte) {
		u, err := url.ParseRequestURI("/2015-03-31/" + path)
		if err != nil {
			t.Skip()
		}
		synctest.Test(t, func(t *testing.T) {
			fx, ids := seededFixture(t)
			before := mappingsNow(t, fx)
			p := bytes.ReplaceAll([]byte(u.RequestURI()), []byte("ID0"), []byte(ids[0]))
			p = bytes.ReplaceAll(p, []byte("ID1"), []byte(ids[1]))
			req := httptest.NewRequest(http.MethodGet, "http://lambda.test/", bytes.NewReader(body))
			req.Method = fuzzMethods[int(method)%len(fuzzMethods)]
			if req.URL, err = url.ParseRequestURI(string(p)); err != nil {
				t.Skip()
			}
			for k, v := range map[string]string{"X-Amz-Invocation-Type": invocationType, "X-Amz-Log-Type": logType, "X-Amz-Client-Context": clientContext} {
				if v != "" {
					req.Header.Set(k, v)
				}
			}
			rec := httptest.NewRecorder()
			fx.svc.ServeHTTP(rec, req)
			r := reply{status: rec.Code, header: rec.Result().Header, body: rec.Body.Bytes()}
			checkReply(t, r)
			if r.status >= 300 {
				if after := mappingsNow(t, fx); after != before {
					t.Fatalf("a refused request changed the mappings:\n%s\n%s", before, after)
				}
			}
		})
	})
}

// FuzzJSONRequest sends any JSON body to the operations that decode one:
// CreateEventSourceMapping and UpdateEventSourceMapping.
func FuzzJSONRequest(f *testing.F) {
	for _, seed := range []string{
		`{"FunctionName":"fn","EventSourceArn":"arn:aws:sqs:us-east-1:000000000000:q","BatchSize":5}`,
		`{"FunctionName":"fails","EventSourceArn":"arn:aws:kinesis:us-east-1:000000000000:stream/s","StartingPosition":"AT_TIMESTAMP","StartingPositionTimestamp":1}`,
		`{"FunctionName":"fn","EventSourceArn":"arn:aws:kinesis:us-east-1:000000000000:stream/s","StartingPosition":"LATEST","BisectBatchOnFunctionError":true,"MaximumRetryAttempts":2,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:000000000000:q"}}}`,
		`{"Enabled":false,"FilterCriteria":{"Filters":[{"Pattern":"{\"body\":[\"a\"]}"}]},"FunctionResponseTypes":["ReportBatchItemFailures"]}`,
		`{"BatchSize":100,"MaximumBatchingWindowInSeconds":1,"ScalingConfig":{"MaximumConcurrency":2}}`,
		`{"StartingPositionTimestamp":1e300}`, `[]`, `{`, `null`, `{"BatchSize":1e10}`,
	} {
		for op := range uint8(3) {
			f.Add(op, []byte(seed))
		}
	}
	f.Fuzz(func(t *testing.T, op uint8, body []byte) {
		synctest.Test(t, func(t *testing.T) {
			fx, ids := seededFixture(t)
			before := mappingsNow(t, fx)
			var r reply
			switch op % 3 {
			case 0:
				r = fx.do(http.MethodPost, "/2015-03-31/event-source-mappings/", nil, body)
			case 1:
				r = fx.do(http.MethodPut, mappingPath(ids[0]), nil, body)
			default:
				r = fx.do(http.MethodPut, mappingPath(ids[1]), nil, body)
			}
			checkReply(t, r)
			if r.status >= 300 {
				if after := mappingsNow(t, fx); after != before {
					t.Fatalf("a refused request changed the mappings:\n%s\n%s", before, after)
				}
				return
			}
			out := r.object(t)
			if _, ok := out["UUID"].(string); !ok {
				t.Fatalf("reply without a UUID: %s", r.body)
			}
		})
	})
}
