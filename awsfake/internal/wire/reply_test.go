package wire_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/internal/awserr"
)

var notFound = awserr.New("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", 400, "The specified queue does not exist.")

func TestJSONError(t *testing.T) {
	for _, tc := range []struct {
		name       string
		proto      wire.JSONProtocol
		err        error
		status     int
		typ, query string
	}{
		{"query compatible", wire.JSONProtocol{ContentType: "application/x-amz-json-1.0", Namespace: "com.amazonaws.sqs#", QueryCompatible: true}, notFound, 400, "com.amazonaws.sqs#QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue;Sender"},
		{"plain", wire.JSONProtocol{ContentType: "application/x-amz-json-1.1"}, awserr.New("ResourceNotFoundException", "", 400, "m"), 400, "ResourceNotFoundException", ""},
		{"not an AWS error", wire.JSONProtocol{ContentType: "application/x-amz-json-1.1"}, errors.New("boom"), 500, "InternalFailure", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tc.proto.WriteError(rec, "rid", tc.err)
			if rec.Code != tc.status {
				t.Errorf("status %d, want %d", rec.Code, tc.status)
			}
			var body struct {
				Type    string `json:"__type"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if body.Type != tc.typ {
				t.Errorf("__type %q, want %q", body.Type, tc.typ)
			}
			if got := rec.Header().Get("x-amzn-query-error"); got != tc.query {
				t.Errorf("query error header %q, want %q", got, tc.query)
			}
			if rec.Header().Get("x-amzn-RequestId") != "rid" || rec.Header().Get("Content-Type") != tc.proto.ContentType {
				t.Errorf("headers %v", rec.Header())
			}
		})
	}
}

func TestXMLResultAndError(t *testing.T) {
	p := wire.XMLProtocol{Namespace: "http://sns.amazonaws.com/doc/2010-03-31/"}
	rec := httptest.NewRecorder()
	p.WriteResult(rec, "rid", "CreateTopic", struct{ TopicArn string }{"arn:aws:sns:us-east-1:000000000000:t"})
	want := `<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:000000000000:t</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></CreateTopicResponse>`
	if got := strings.TrimPrefix(rec.Body.String(), xml.Header); got != want {
		t.Errorf("result\n got %s\nwant %s", got, want)
	}
	rec = httptest.NewRecorder()
	p.WriteResult(rec, "rid", "DeleteTopic", nil)
	if got := rec.Body.String(); strings.Contains(got, "DeleteTopicResult") || !strings.Contains(got, "<RequestId>rid</RequestId>") {
		t.Errorf("an empty result has no Result element: %s", got)
	}
	rec = httptest.NewRecorder()
	p.WriteError(rec, "rid", awserr.New("NotFound", "NotFoundException", 404, "Topic does not exist"))
	if rec.Code != 404 {
		t.Errorf("status %d", rec.Code)
	}
	var doc struct {
		Error     struct{ Type, Code, Message string }
		RequestID string `xml:"RequestId"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Error.Type != "Sender" || doc.Error.Code != "NotFound" || doc.Error.Message != "Topic does not exist" || doc.RequestID != "rid" {
		t.Errorf("error document %+v", doc)
	}
}

func TestReadBodyLimit(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader(strings.Repeat("x", 11)))
	if _, err := wire.ReadBody(r, 10); !errors.Is(err, wire.ErrRequestTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader("0123456789"))
	r.ContentLength = -1 // unknown length: the limit still holds while reading
	if b, err := wire.ReadBody(r, 10); err != nil || len(b) != 10 {
		t.Errorf("at the limit: %d bytes, %v", len(b), err)
	}
}

func TestRequestIDsDiffer(t *testing.T) {
	a, b := wire.RequestID(), wire.RequestID()
	if a == b || len(a) != 36 || a[14] != '4' {
		t.Errorf("request ids %q %q", a, b)
	}
}
