package eventsapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/eventsapi"
	"github.com/switchyard/switchyard/awsfake/internal/wire"
)

// serve sends one request through ServeJSON.
func serve(s *eventsapi.Service, op, body string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	r.Header.Set("X-Amz-Target", "AWSEvents."+op)
	r.Header.Set("Content-Type", "application/x-amz-json-1.1")
	s.ServeJSON(w, r, op, []byte(body))
	return w
}

func TestServeJSON(t *testing.T) {
	f := newFake(t)
	f.clk.Advance(1500 * time.Millisecond)
	tests := []struct {
		name, op, body string
		status         int
		reply          string
	}{
		{"output", "CreateEventBus", `{"Name":"orders"}`, 200, `{"EventBusArn":"` + busARN("orders") + `"}`},
		{"timestamps are epoch seconds", "DescribeEventBus", `{"Name":"orders"}`, 200,
			fmt.Sprintf(`{"Name":"orders","Arn":"%s","CreationTime":%d.5,"LastModifiedTime":%d.5}`, busARN("orders"), epoch.Unix()+1, epoch.Unix()+1)},
		{"empty output", "DeleteEventBus", `{"Name":"orders"}`, 200, `{}`},
		{"empty body", "ListRules", ``, 200, `{"Rules":[]}`},
		{"service error", "DescribeRule", `{"Name":"r"}`, 400, `{"__type":"ResourceNotFoundException","message":"Rule r does not exist on EventBus default."}`},
		{"wrong member type", "DescribeRule", `{"Name":1}`, 400, `{"__type":"SerializationException","message":"Failed to deserialize the value of member Name: unexpected JSON number."}`},
		{"not JSON", "DescribeRule", `{`, 400, `{"__type":"SerializationException","message":"The request body is not valid JSON (at byte 1)."}`},
		{"unknown operation", "CreateConnection", `{}`, 400, `{"__type":"UnknownOperationException"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serve(f.svc, tt.op, tt.body)
			if w.Code != tt.status || w.Body.String() != tt.reply {
				t.Fatalf("%s = %d %s\nwant %d %s", tt.op, w.Code, w.Body, tt.status, tt.reply)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/x-amz-json-1.1" {
				t.Fatalf("Content-Type = %q", ct)
			}
			if w.Header().Get("x-amzn-RequestId") == "" {
				t.Fatal("no request id")
			}
		})
	}
	w := httptest.NewRecorder()
	f.svc.WriteJSONError(w, "req-1", wire.ErrRequestTooLarge)
	if w.Code != http.StatusRequestEntityTooLarge || w.Header().Get("x-amzn-RequestId") != "req-1" {
		t.Fatalf("WriteJSONError = %d %v %s", w.Code, w.Header(), w.Body)
	}
}

// Every operation the service implements is in its table, and answers a
// bare request through Call and ServeJSON without a fault of its own.
func TestEveryOperationIsServed(t *testing.T) {
	ops := []string{
		"CreateEventBus", "DescribeEventBus", "ListEventBuses", "UpdateEventBus", "DeleteEventBus",
		"PutPermission", "RemovePermission",
		"PutRule", "DescribeRule", "ListRules", "DeleteRule", "EnableRule", "DisableRule",
		"PutTargets", "RemoveTargets", "ListTargetsByRule", "ListRuleNamesByTarget",
		"PutEvents", "TestEventPattern",
		"CreateArchive", "DescribeArchive", "ListArchives", "UpdateArchive", "DeleteArchive",
		"StartReplay", "DescribeReplay", "ListReplays", "CancelReplay",
		"TagResource", "UntagResource", "ListTagsForResource",
	}
	f := newFake(t)
	for _, op := range ops {
		_, err := f.svc.Call(context.Background(), op, []byte(`{}`))
		if err != nil && strings.Contains(err.Error(), "UnknownOperation") {
			t.Errorf("%s is not served", op)
		}
		w := serve(f.svc, op, `{}`)
		if w.Code >= 500 {
			t.Errorf("%s {} = %d %s", op, w.Code, w.Body)
		}
	}
}

func TestResetAndClose(t *testing.T) {
	f := newFake(t)
	in := f.function(functionARN)
	f.ok("CreateEventBus", map[string]any{"Name": "orders"})
	f.putRule("", "r", orderPattern)
	f.putTargets("", "r", map[string]any{"Id": "t", "Arn": functionARN})
	f.ok("CreateArchive", map[string]any{"ArchiveName": "a", "EventSourceArn": defaultBusARN})
	f.ok("TagResource", map[string]any{"ResourceARN": defaultBusARN, "Tags": []any{map[string]any{"Key": "k", "Value": "v"}}})
	old := f.bus("default")

	f.svc.Reset()
	if got := names(f.ok("ListEventBuses", map[string]any{})["EventBuses"], "Name"); !slices.Equal(got, []string{"default"}) {
		t.Fatalf("buses after Reset = %v", got)
	}
	for op, list := range map[string]string{"ListRules": "Rules", "ListArchives": "Archives", "ListReplays": "Replays"} {
		if got := f.ok(op, map[string]any{})[list]; fmt.Sprint(got) != "[]" {
			t.Fatalf("%s after Reset = %v", op, got)
		}
	}
	if got := f.ok("ListTagsForResource", map[string]any{"ResourceARN": defaultBusARN})["Tags"]; fmt.Sprint(got) != "[]" {
		t.Fatalf("tags after Reset = %v", got)
	}
	if _, err := old.PutEvents(); err == nil {
		t.Fatal("the old default bus still takes events")
	}
	f.putEvent(orderEntry(`{}`))
	f.flush()
	if got := in.received(); len(got) != 0 {
		t.Fatalf("a rule deleted by Reset delivered %v", got)
	}

	if err := f.svc.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.ok("CreateEventBus", map[string]any{"Name": "after-close"}) // still answers
}

// The JSON of a reply decodes into the SDK's shapes: lists are never null.
func TestEmptyListsAreEmptyArrays(t *testing.T) {
	f := newFake(t)
	f.putRule("", "r", orderPattern)
	for op, in := range map[string]string{
		"ListRules":             `{"NamePrefix":"zzz"}`,
		"ListTargetsByRule":     `{"Rule":"r"}`,
		"ListRuleNamesByTarget": `{"TargetArn":"arn:aws:sqs:us-east-1:000000000000:q"}`,
		"ListArchives":          `{}`,
		"ListReplays":           `{}`,
		"ListEventBuses":        `{"NamePrefix":"zzz"}`,
		"ListTagsForResource":   `{"ResourceARN":"` + defaultBusARN + `"}`,
	} {
		out, err := f.svc.Call(context.Background(), op, []byte(in))
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, v := range m {
			if string(v) == "[]" {
				found = true
			}
			if string(v) == "null" {
				t.Errorf("%s = %s: a null member", op, out)
			}
		}
		if !found {
			t.Errorf("%s = %s: no empty list", op, out)
		}
	}
}
