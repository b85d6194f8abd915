package sqsapi_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/awsfake/internal/sqsapi"
)

func TestUnknownOperation(t *testing.T) {
	f := newFake(t)
	r := f.rawJSON("DescribeQueue", "{}")
	if r.status != 400 || r.json(t)["__type"] != "com.amazonaws.sqs#UnknownOperationException" || r.header.Get("x-amzn-query-error") != "UnknownOperationException;Sender" {
		t.Fatalf("%d %v %s", r.status, r.header, r.body)
	}
	wantQueryError(t, f.query("DescribeQueue", "", nil),
		apiError{400, "", "InvalidAction", "The action DescribeQueue is not valid for this web service."})
	r = f.serve(httptest.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader("Version=2012-11-05")))
	wantQueryError(t, r, apiError{400, "", "MissingAction", "The request must contain the parameter Action."})
}

// TestMalformedJSON sends bodies that do not decode into the operation's
// input: each fails with a SerializationException and changes nothing.
func TestMalformedJSON(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	f.send(u, "kept")
	tests := []struct{ op, body string }{
		{"SendMessage", `{`},
		{"SendMessage", `[]`},
		{"SendMessage", `"x"`},
		{"SendMessage", `{"QueueUrl":5,"MessageBody":"x"}`},
		{"SendMessage", `{"QueueUrl":"` + u + `","MessageBody":["x"]}`},
		{"SendMessage", `{"QueueUrl":"` + u + `","MessageBody":"x","DelaySeconds":"5"}`},
		{"SendMessage", `{"QueueUrl":"` + u + `","MessageBody":"x","DelaySeconds":1.5}`},
		{"SendMessage", `{"QueueUrl":"` + u + `","MessageBody":"x","DelaySeconds":99999999999}`},
		{"SendMessage", `{"QueueUrl":"` + u + `","MessageBody":"x","MessageAttributes":{"a":{"DataType":"Binary","BinaryValue":"!!"}}}`},
		{"SendMessage", `{"QueueUrl":"` + u + `","MessageBody":"x","MessageAttributes":[]}`},
		{"SendMessageBatch", `{"QueueUrl":"` + u + `","Entries":{}}`},
		{"ReceiveMessage", `{"QueueUrl":"` + u + `","MaxNumberOfMessages":"10"}`},
		{"ReceiveMessage", `{"QueueUrl":"` + u + `","AttributeNames":"All"}`},
		{"DeleteMessageBatch", `{"QueueUrl":"` + u + `","Entries":[{"Id":1}]}`},
		{"SetQueueAttributes", `{"QueueUrl":"` + u + `","Attributes":{"DelaySeconds":5}}`},
		{"PurgeQueue", `{"QueueUrl":"` + u + `"} trailing`},
		{"CreateQueue", `{"QueueName":"new","tags":[]}`},
	}
	for _, tt := range tests {
		r := f.rawJSON(tt.op, tt.body)
		if r.status != 400 || r.json(t)["__type"] != "com.amazonaws.sqs#SerializationException" || r.header.Get("x-amzn-query-error") != "SerializationException;Sender" {
			t.Errorf("%s %s: %d %s", tt.op, tt.body, r.status, r.body)
		}
	}
	if c := f.counts("q"); c != [3]int{1, 0, 0} {
		t.Fatalf("counts after malformed requests %v", c)
	}
	if out := f.ok("ListQueues", map[string]any{}); len(out["QueueUrls"].([]any)) != 1 {
		t.Fatalf("queues after malformed requests %v", out)
	}
	// An empty body is an empty input; null is too.
	if r := f.rawJSON("ListQueues", ""); r.status != 200 {
		t.Fatalf("empty body: %d %s", r.status, r.body)
	}
	f.fail("PurgeQueue", nil, apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter QueueUrl."})
}

func TestMalformedQuery(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	tests := []struct {
		action string
		params url.Values
		want   apiError
	}{
		{"ReceiveMessage", url.Values{"QueueUrl": {u}, "MaxNumberOfMessages": {"ten"}},
			invalidParameter("Value ten for parameter MaxNumberOfMessages is invalid. Reason: Must be an integer.")},
		{"ReceiveMessage", url.Values{"QueueUrl": {u}, "WaitTimeSeconds": {"99999999999"}},
			invalidParameter("Value 99999999999 for parameter WaitTimeSeconds is invalid. Reason: Must be an integer.")},
		{"SendMessage", url.Values{"QueueUrl": {u}, "MessageBody": {"x"}, "MessageAttribute.1.Name": {"b"},
			"MessageAttribute.1.Value.DataType": {"Binary"}, "MessageAttribute.1.Value.BinaryValue": {"!!"}},
			invalidParameter("Value !! for parameter MessageAttribute.1.Value.BinaryValue is invalid. Reason: Not valid base64.")},
		{"SendMessageBatch", url.Values{"QueueUrl": {u}, "SendMessageBatchRequestEntry.1.Id": {"a"},
			"SendMessageBatchRequestEntry.1.MessageBody": {"x"}, "SendMessageBatchRequestEntry.1.DelaySeconds": {"1s"}},
			invalidParameter("Value 1s for parameter DelaySeconds is invalid. Reason: Must be an integer.")},
		{"ChangeMessageVisibility", url.Values{"QueueUrl": {u}, "ReceiptHandle": {"x"}, "VisibilityTimeout": {""}},
			invalidParameter("Value  for parameter VisibilityTimeout is invalid. Reason: Must be an integer.")},
		{"SendMessage", url.Values{"QueueUrl": {baseURL + "nope"}, "MessageBody": {"x"}},
			apiError{400, "", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist for this wsdl version."}},
	}
	for _, tt := range tests {
		wantQueryError(t, f.query(tt.action, "", tt.params), tt.want)
	}
	if c := f.counts("q"); c != [3]int{} {
		t.Fatalf("counts after malformed requests %v", c)
	}
	// A body that is not a form at all (the router's job, through wire).
	r := f.serve(httptest.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader("Action=ListQueues&%zz")))
	wantQueryError(t, r, apiError{400, "", "MalformedQueryString", ""})
}

func TestRepliesCarryRequestIDs(t *testing.T) {
	f := newFake(t)
	for _, r := range []reply{f.rawJSON("ListQueues", "{}"), f.rawJSON("GetQueueUrl", "{}"), f.query("ListQueues", "", nil), f.query("GetQueueUrl", "", nil)} {
		if r.header.Get("x-amzn-RequestId") == "" {
			t.Errorf("no request id: %d %s", r.status, r.body)
		}
	}
	r := f.query("ListQueues", "", nil)
	if ct := r.header.Get("Content-Type"); ct != "text/xml" {
		t.Errorf("Query Content-Type %q", ct)
	}
}

func TestBodyLimit(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	// The largest valid batch, in the worst encoding for each protocol,
	// fits under MaxRequestBody.
	body := strings.Repeat("é", (1<<20)/10/2) // 2 bytes each: 10 × this = 1 MiB
	form := url.Values{"Action": {"SendMessageBatch"}, "QueueUrl": {u}}
	var entries []map[string]any
	for i := range 10 {
		id, n := "e"+strconv.Itoa(i), strconv.Itoa(i+1)
		form.Set("SendMessageBatchRequestEntry."+n+".Id", id)
		form.Set("SendMessageBatchRequestEntry."+n+".MessageBody", body)
		entries = append(entries, map[string]any{"Id": id, "MessageBody": body})
	}
	encoded := form.Encode()
	if len(encoded) > sqsapi.MaxRequestBody {
		t.Fatalf("a 1 MiB batch takes %d bytes as a form, over the %d limit", len(encoded), sqsapi.MaxRequestBody)
	}
	r := f.serve(httptest.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader(encoded)))
	if r.status != 200 {
		t.Fatalf("1 MiB batch as a form: %d %.300s", r.status, r.body)
	}
	out := f.ok("SendMessageBatch", map[string]any{"QueueUrl": u, "Entries": entries})
	if len(list(out, "Successful")) != 10 {
		t.Fatalf("JSON batch %v", list(out, "Failed"))
	}
	big := strings.Repeat("x", sqsapi.MaxRequestBody+1)
	r = f.rawJSON("SendMessage", big)
	if r.status != 413 || r.json(t)["__type"] != "com.amazonaws.sqs#RequestEntityTooLarge" {
		t.Fatalf("oversized body: %d %s", r.status, r.body)
	}
}
