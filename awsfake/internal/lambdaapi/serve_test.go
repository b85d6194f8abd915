package lambdaapi_test

import (
	"strings"
	"testing"
)

// TestRouting sends every path and method shape to the service and checks
// which operation answers: by its status, and by the error code of the
// replies that fail.
func TestRouting(t *testing.T) {
	f := newFixture(t)
	f.register("fn", echo)
	tests := []struct {
		method, path string
		status       int
		code         string // X-Amzn-ErrorType; "" for success
		msg          string // part of the error message
	}{
		{"POST", "/2015-03-31/functions/fn/invocations", 200, "", ""},
		{"POST", "/2015-03-31/functions/fn/invocations/", 200, "", ""},
		{"POST", "/2015-03-31/functions/" + strings.ReplaceAll(fnARN("fn"), ":", "%3A") + "/invocations", 200, "", ""},
		{"GET", "/2015-03-31/functions/fn", 200, "", ""},
		{"GET", "/2015-03-31/functions/fn/configuration", 200, "", ""},
		{"GET", "/2015-03-31/functions/", 200, "", ""},
		{"GET", "/2015-03-31/functions", 200, "", ""},
		{"GET", "/2015-03-31/event-source-mappings/", 200, "", ""},
		{"GET", "/2015-03-31/event-source-mappings/nope", 404, "ResourceNotFoundException", "The resource you requested does not exist."},
		{"PUT", "/2015-03-31/event-source-mappings/nope", 404, "ResourceNotFoundException", "The resource you requested does not exist."},
		{"DELETE", "/2015-03-31/event-source-mappings/nope", 404, "ResourceNotFoundException", "The resource you requested does not exist."},
		{"POST", "/2015-03-31/event-source-mappings/", 400, "ValidationException", "Value null at 'functionName' failed to satisfy constraint: Member must not be null"},
		{"GET", "/2015-03-31/functions/nope", 404, "ResourceNotFoundException", "Function not found: " + fnARN("nope")},
		{"POST", "/2015-03-31/functions", 404, "UnknownOperationException", "Switchyard does not implement CreateFunction: functions are Go code registered with Account.RegisterFunction"},
		{"DELETE", "/2015-03-31/functions/fn", 404, "UnknownOperationException", "DeleteFunction"},
		{"PUT", "/2015-03-31/functions/fn/configuration", 404, "UnknownOperationException", "UpdateFunctionConfiguration"},
		{"PUT", "/2015-03-31/functions/fn/code", 404, "UnknownOperationException", "UpdateFunctionCode"},
		{"POST", "/2015-03-31/functions/fn/policy", 404, "UnknownOperationException", "Switchyard does not implement AddPermission (POST /2015-03-31/functions/fn/policy)"},
		{"DELETE", "/2015-03-31/functions/fn/policy/sid", 404, "UnknownOperationException", "RemovePermission"},
		{"GET", "/2015-03-31/functions/fn/aliases", 404, "UnknownOperationException", "ListAliases"},
		{"POST", "/2015-03-31/functions/fn/versions", 404, "UnknownOperationException", "PublishVersion"},
		{"GET", "/2015-03-31/functions/fn/invocations", 404, "UnknownOperationException", "No Lambda operation is GET /2015-03-31/functions/fn/invocations"},
		{"PATCH", "/2015-03-31/event-source-mappings/", 404, "UnknownOperationException", "No Lambda operation"},
		{"GET", "/2015-03-31/", 404, "UnknownOperationException", "No Lambda operation"},
		{"GET", "/2015-03-31/functions//configuration", 404, "UnknownOperationException", "No Lambda operation"},
		{"GET", "/2015-03-31/layers", 404, "UnknownOperationException", "No Lambda operation"},
		{"GET", "/2015-03-31/functions/fn/a/b/c", 404, "UnknownOperationException", "No Lambda operation"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := f.do(tt.method, tt.path, nil, nil)
			if r.header.Get("x-amzn-RequestId") == "" {
				t.Errorf("no request id")
			}
			if tt.code == "" {
				if r.status != tt.status || r.errorCode() != "" {
					t.Fatalf("reply = %d %s %s, want %d", r.status, r.errorCode(), r.body, tt.status)
				}
				return
			}
			wantError(t, r, tt.status, tt.code, tt.msg)
		})
	}
}

// TestErrorShape checks the error body: Type "User", and the message under
// the member name the model gives it.
func TestErrorShape(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, method, path string
		code, key          string
	}{
		{"not found says Message", "GET", "/2015-03-31/functions/nope", "ResourceNotFoundException", "Message"},
		{"validation says message", "POST", "/2015-03-31/event-source-mappings", "ValidationException", "message"},
		{"unknown operation says message", "GET", "/2015-03-31/layers", "UnknownOperationException", "message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := f.do(tt.method, tt.path, nil, nil)
			m := r.object(t)
			if r.errorCode() != tt.code || m["Type"] != "User" {
				t.Fatalf("reply = %d %v %s, want %s with Type User", r.status, r.header, r.body, tt.code)
			}
			if s, _ := m[tt.key].(string); s == "" || len(m) != 2 {
				t.Errorf("body %s: want exactly Type and a %q member", r.body, tt.key)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}
