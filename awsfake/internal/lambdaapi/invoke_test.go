package lambdaapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/awsfake/internal/lambdaapi"
)

// invokePath is Invoke's path for a function name (escaped) and an
// optional qualifier.
func invokePath(name, qualifier string) string {
	p := "/2015-03-31/functions/" + url.PathEscape(name) + "/invocations"
	if qualifier != "" {
		p += "?Qualifier=" + url.QueryEscape(qualifier)
	}
	return p
}

// TestInvokeHTTP covers Invoke over HTTP: the name forms, the three
// invocation types, function errors, logs and every refusal.
func TestInvokeHTTP(t *testing.T) {
	f := newFixture(t)
	var got []byte
	f.register("echo", func(_ context.Context, p []byte) ([]byte, error) {
		got = append([]byte(nil), p...)
		return p, nil
	})
	f.register("fails", func(context.Context, []byte) ([]byte, error) { return nil, errors.New("boom") })
	f.register("typed", func(context.Context, []byte) ([]byte, error) {
		return nil, &lambdaapi.Error{Type: "OrderRejected", Message: "no stock"}
	})
	f.register("silent", func(context.Context, []byte) ([]byte, error) { return nil, nil })
	f.register("huge", func(context.Context, []byte) ([]byte, error) {
		return bytes.Repeat([]byte("x"), lambdaapi.MaxResponsePayload+1), nil
	})
	f.register("v1.2", echo)
	big := func(n int) string { return `"` + strings.Repeat("a", n-2) + `"` }
	tests := []struct {
		name, fn, qualifier string
		header              map[string]string
		payload             string
		status              int
		code                string // X-Amzn-ErrorType
		msg                 string // part of the error message
		body                string // the reply body, when it succeeds
		funcErr             string // X-Amz-Function-Error
		received            string // what the function got; "-" for not called
	}{
		{name: "by name", fn: "echo", payload: `{"a":1}`, status: 200, body: `{"a":1}`, received: `{"a":1}`},
		{name: "by ARN", fn: fnARN("echo"), payload: `[1]`, status: 200, body: `[1]`, received: `[1]`},
		{name: "by partial ARN", fn: account + ":function:echo", payload: `1`, status: 200, body: `1`, received: `1`},
		{name: "qualified name", fn: "echo:prod", payload: `"x"`, status: 200, body: `"x"`, received: `"x"`},
		{name: "qualified ARN", fn: fnARN("echo") + ":$LATEST", payload: `{}`, status: 200, body: `{}`, received: `{}`},
		{name: "Qualifier parameter", fn: "echo", qualifier: "7", payload: `{}`, status: 200, body: `{}`, received: `{}`},
		{name: "same qualifier twice", fn: "echo:7", qualifier: "7", payload: `{}`, status: 200, body: `{}`, received: `{}`},
		{name: "dotted name", fn: "v1.2", payload: `{}`, status: 200, body: `{}`},
		{name: "empty payload is {}", fn: "echo", status: 200, body: `{}`, received: `{}`},
		{name: "RequestResponse said", fn: "echo", header: map[string]string{"X-Amz-Invocation-Type": "RequestResponse"}, payload: `null`, status: 200, body: `null`, received: `null`},
		{name: "no result is null", fn: "silent", payload: `{}`, status: 200, body: `null`},
		{name: "function error", fn: "fails", payload: `{}`, status: 200, body: `{"errorMessage":"boom","errorType":"errorString"}`, funcErr: "Unhandled"},
		{name: "typed function error", fn: "typed", payload: `{}`, status: 200, body: `{"errorMessage":"no stock","errorType":"OrderRejected"}`, funcErr: "Unhandled"},
		{name: "response too large", fn: "huge", payload: `{}`, status: 200, body: `{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}`, funcErr: "Unhandled"},
		{name: "Event", fn: "silent", header: map[string]string{"X-Amz-Invocation-Type": "Event"}, payload: `{}`, status: 202},
		{name: "DryRun", fn: "echo", header: map[string]string{"X-Amz-Invocation-Type": "DryRun"}, payload: `not json`, status: 204, received: "-"},
		{name: "largest sync payload", fn: "echo", payload: big(lambdaapi.MaxSyncPayload), status: 200, body: big(lambdaapi.MaxSyncPayload)},
		{name: "client context", fn: "echo", header: map[string]string{"X-Amz-Client-Context": base64.StdEncoding.EncodeToString([]byte(`{"custom":{"a":"b"}}`))}, payload: `{}`, status: 200, body: `{}`},

		{name: "missing function", fn: "nope", payload: `{}`, status: 404, code: "ResourceNotFoundException", msg: "Function not found: " + fnARN("nope"), received: "-"},
		{name: "missing qualified", fn: "nope", qualifier: "prod", payload: `{}`, status: 404, code: "ResourceNotFoundException", msg: "Function not found: " + fnARN("nope") + ":prod", received: "-"},
		{name: "other region", fn: "arn:aws:lambda:eu-west-1:" + account + ":function:echo", payload: `{}`, status: 404, code: "ResourceNotFoundException", msg: "Function not found: arn:aws:lambda:eu-west-1:" + account + ":function:echo", received: "-"},
		{name: "other account", fn: "111111111111:function:echo", payload: `{}`, status: 404, code: "ResourceNotFoundException", msg: "arn:aws:lambda:us-east-1:111111111111:function:echo", received: "-"},
		{name: "DryRun of a missing function", fn: "nope", header: map[string]string{"X-Amz-Invocation-Type": "DryRun"}, status: 404, code: "ResourceNotFoundException", received: "-"},
		{name: "bad name", fn: "my function", payload: `{}`, status: 400, code: "ValidationException", msg: "1 validation error detected: Value 'my function' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ", received: "-"},
		{name: "name too long", fn: strings.Repeat("a", 65), payload: `{}`, status: 400, code: "ValidationException", msg: "Member must have length less than or equal to 64", received: "-"},
		{name: "qualifiers differ", fn: "echo:1", qualifier: "2", payload: `{}`, status: 400, code: "InvalidParameterValueException", msg: "The derived qualifier from the function name does not match the specified qualifier.", received: "-"},
		{name: "bad qualifier", fn: "echo", qualifier: "a.b", payload: `{}`, status: 400, code: "ValidationException", msg: "at 'qualifier'", received: "-"},
		{name: "bad invocation type", fn: "echo", header: map[string]string{"X-Amz-Invocation-Type": "Later"}, payload: `{}`, status: 400, code: "ValidationException", msg: "Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]", received: "-"},
		{name: "bad log type", fn: "echo", header: map[string]string{"X-Amz-Log-Type": "All"}, payload: `{}`, status: 400, code: "ValidationException", msg: "at 'logType'", received: "-"},
		{name: "bad client context", fn: "echo", header: map[string]string{"X-Amz-Client-Context": "%%%"}, payload: `{}`, status: 400, code: "InvalidRequestContentException", msg: "Client context", received: "-"},
		{name: "not JSON", fn: "echo", payload: `hello`, status: 400, code: "InvalidRequestContentException", msg: "Could not parse request body into json: Could not parse payload into json: ", received: "-"},
		{name: "trailing data", fn: "echo", payload: `{} {}`, status: 400, code: "InvalidRequestContentException", msg: "Could not parse request body into json", received: "-"},
		{name: "not UTF-8", fn: "echo", payload: "\"\x87\"", status: 400, code: "InvalidRequestContentException", msg: "Could not parse request body into json: Could not parse payload into json: Invalid UTF-8 start byte 0x87", received: "-"},
		{name: "sync payload too large", fn: "echo", payload: big(lambdaapi.MaxSyncPayload + 1), status: 413, code: "RequestEntityTooLargeException", msg: "Request must be smaller than 6291456 bytes for the InvokeFunction operation", received: "-"},
		{name: "async payload too large", fn: "echo", header: map[string]string{"X-Amz-Invocation-Type": "Event"}, payload: big(lambdaapi.MaxAsyncPayload + 1), status: 413, code: "RequestEntityTooLargeException", msg: "1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)", received: "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			r := f.do(http.MethodPost, invokePath(tt.fn, tt.qualifier), tt.header, []byte(tt.payload))
			if tt.code != "" {
				wantError(t, r, tt.status, tt.code, tt.msg)
			} else if r.status != tt.status || r.errorCode() != "" {
				t.Fatalf("reply = %d %s %.200s, want %d", r.status, r.errorCode(), r.body, tt.status)
			}
			if tt.status == 200 {
				if string(r.body) != tt.body {
					t.Errorf("body = %.200s, want %.200s", r.body, tt.body)
				}
				if v := r.header.Get("X-Amz-Executed-Version"); v != "$LATEST" {
					t.Errorf("X-Amz-Executed-Version = %q", v)
				}
			}
			if fe := r.header.Get("X-Amz-Function-Error"); fe != tt.funcErr {
				t.Errorf("X-Amz-Function-Error = %q, want %q", fe, tt.funcErr)
			}
			switch tt.received {
			case "":
			case "-":
				if got != nil {
					t.Errorf("the function was called with %q", got)
				}
			default:
				if string(got) != tt.received {
					t.Errorf("the function got %q, want %q", got, tt.received)
				}
			}
		})
	}
}

// TestInvokeTailLog checks X-Amz-Log-Result: the Go runtime's log lines,
// with the error line of a failed invocation.
func TestInvokeTailLog(t *testing.T) {
	f := newFixture(t)
	f.register("ok", echo)
	f.register("fails", func(context.Context, []byte) ([]byte, error) { return nil, errors.New("boom") })
	tests := []struct {
		fn    string
		lines []string
	}{
		{"ok", []string{"START RequestId: ", " Version: $LATEST\n", "END RequestId: ", "REPORT RequestId: ", "\tDuration: ", "\tBilled Duration: "}},
		{"fails", []string{"START RequestId: ", `{"errorMessage":"boom","errorType":"errorString"}` + "\n", "REPORT RequestId: "}},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			r := f.do(http.MethodPost, invokePath(tt.fn, ""), map[string]string{"X-Amz-Log-Type": "Tail"}, []byte(`{}`))
			raw, err := base64.StdEncoding.DecodeString(r.header.Get("X-Amz-Log-Result"))
			if err != nil {
				t.Fatalf("X-Amz-Log-Result %q: %v", r.header.Get("X-Amz-Log-Result"), err)
			}
			id := r.header.Get("x-amzn-RequestId")
			if !strings.Contains(string(raw), "START RequestId: "+id) {
				t.Errorf("log %q does not name the request %s", raw, id)
			}
			for _, l := range tt.lines {
				if !strings.Contains(string(raw), l) {
					t.Errorf("log %q lacks %q", raw, l)
				}
			}
		})
	}
	r := f.do(http.MethodPost, invokePath("ok", ""), nil, []byte(`{}`))
	if v, ok := r.header["X-Amz-Log-Result"]; ok {
		t.Errorf("X-Amz-Log-Result without Tail: %q", v)
	}
}

// TestInvokeInProcess covers Service.Invoke, the call the account's other
// services make: results, function errors as *Error, and the refusals.
func TestInvokeInProcess(t *testing.T) {
	f := newFixture(t)
	f.register("echo", echo)
	f.register("fails", func(context.Context, []byte) ([]byte, error) { return nil, errors.New("boom") })
	f.register("typed", func(context.Context, []byte) ([]byte, error) {
		return nil, &lambdaapi.Error{Type: "States.Custom", Message: "m"}
	})
	tests := []struct {
		name, fn string
		payload  []byte
		want     string
		wantErr  error // matched with errors.Is
		funcErr  *lambdaapi.Error
	}{
		{name: "result", fn: "echo", payload: []byte(`{"k":true}`), want: `{"k":true}`},
		{name: "by ARN, qualified", fn: fnARN("echo") + ":live", payload: []byte(`[]`), want: `[]`},
		{name: "empty payload", fn: "echo", want: `{}`},
		{name: "function error", fn: "fails", payload: []byte(`{}`), funcErr: &lambdaapi.Error{Type: "errorString", Message: "boom"}},
		{name: "typed function error", fn: "typed", payload: []byte(`{}`), funcErr: &lambdaapi.Error{Type: "States.Custom", Message: "m"}},
		{name: "missing", fn: "nope", payload: []byte(`{}`), wantErr: lambdaapi.ErrResourceNotFound},
		{name: "bad name", fn: "a b", payload: []byte(`{}`), wantErr: lambdaapi.ErrValidation},
		{name: "not JSON", fn: "echo", payload: []byte(`{`), wantErr: lambdaapi.ErrInvalidRequestContent},
		{name: "too large", fn: "echo", payload: make([]byte, lambdaapi.MaxSyncPayload+1), wantErr: lambdaapi.ErrRequestTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := f.svc.Invoke(t.Context(), tt.fn, tt.payload)
			switch {
			case tt.funcErr != nil:
				var fe *lambdaapi.Error
				if !errors.As(err, &fe) || *fe != *tt.funcErr {
					t.Fatalf("err = %v (%T), want function error %+v", err, err, tt.funcErr)
				}
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			case err != nil:
				t.Fatalf("err = %v", err)
			case string(out) != tt.want:
				t.Errorf("out = %s, want %s", out, tt.want)
			}
		})
	}
	if _, err := f.svc.Invoke(t.Context(), "nope", nil); err == nil || err.Error() != "ResourceNotFoundException: Function not found: "+fnARN("nope") {
		t.Errorf("missing function: %v", err)
	}
}

// TestGetAndListFunctions covers the read-only views of the registered
// functions.
func TestGetAndListFunctions(t *testing.T) {
	f := newFixture(t)
	for _, n := range []string{"b", "a", "c"} {
		f.register(n, echo)
	}
	out := f.ok(http.MethodGet, "/2015-03-31/functions/a", nil)
	cfg := out["Configuration"].(map[string]any)
	for k, want := range map[string]any{
		"FunctionName": "a", "FunctionArn": fnARN("a"), "Runtime": "provided.al2023", "Handler": "bootstrap",
		"State": "Active", "LastUpdateStatus": "Successful", "Version": "$LATEST", "PackageType": "Zip",
	} {
		if cfg[k] != want {
			t.Errorf("Configuration.%s = %v, want %v", k, cfg[k], want)
		}
	}
	if code := out["Code"].(map[string]any); code["RepositoryType"] != "S3" {
		t.Errorf("Code = %v", code)
	}
	q := f.ok(http.MethodGet, "/2015-03-31/functions/a/configuration?Qualifier=prod", nil)
	if q["FunctionArn"] != fnARN("a")+":prod" || q["FunctionName"] != "a" {
		t.Errorf("qualified configuration = %v", q)
	}

	names := func(m map[string]any) (out []string) {
		for _, fn := range m["Functions"].([]any) {
			out = append(out, fn.(map[string]any)["FunctionName"].(string))
		}
		return out
	}
	tests := []struct {
		query      string
		want       []string
		nextMarker string
	}{
		{"", []string{"a", "b", "c"}, ""},
		{"?MaxItems=2", []string{"a", "b"}, "c"},
		{"?MaxItems=2&Marker=c", []string{"c"}, ""},
		{"?FunctionVersion=ALL", []string{"a", "b", "c"}, ""},
	}
	for _, tt := range tests {
		t.Run("list"+tt.query, func(t *testing.T) {
			m := f.ok(http.MethodGet, "/2015-03-31/functions/"+tt.query, nil)
			if got := names(m); strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("functions = %v, want %v", got, tt.want)
			}
			if nm, _ := m["NextMarker"].(string); nm != tt.nextMarker {
				t.Errorf("NextMarker = %q, want %q", nm, tt.nextMarker)
			}
		})
	}
	wantError(t, f.call(http.MethodGet, "/2015-03-31/functions/?MaxItems=0", nil), 400, "ValidationException", "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1")
	wantError(t, f.call(http.MethodGet, "/2015-03-31/functions/?FunctionVersion=1", nil), 400, "ValidationException", "at 'functionVersion'")
}
