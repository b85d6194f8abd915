package sqsapi_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/internal/attr"
)

// The MD5 vectors of the reference (§1.11), from npm
// aws-md5-of-message-attributes.
var (
	vecString = map[string]any{"DataType": "String", "StringValue": "attribValue 1"}
	vecNumber = map[string]any{"DataType": "Number.float", "StringValue": "4563442423554324324264524243.32543234"}
	vecBinary = map[string]any{"DataType": "Binary", "BinaryValue": base64.StdEncoding.EncodeToString([]byte("Hello binary world!"))}
)

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestMD5Vectors(t *testing.T) {
	tests := []struct {
		name  string
		attrs map[string]any
		want  string
	}{
		{"String", map[string]any{"attribName1": vecString}, "19e27d4e946b072f3f58da80d94fd778"},
		{"custom Number type", map[string]any{"customNumberTypeAttrib": vecNumber}, "9fe1b90bbd9965bdf77bac517c7d2495"},
		{"Binary", map[string]any{"binaryAttribute": vecBinary}, "31a92b15d92f8db860eda32aceb656c3"},
		{"all three", map[string]any{"attribName1": vecString, "customNumberTypeAttrib": vecNumber, "binaryAttribute": vecBinary}, "c932db14a896c663f83c260297d594ff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			u := f.createQueue("q", nil)
			out := f.ok("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "foobar", "MessageAttributes": tt.attrs})
			if out["MD5OfMessageBody"] != "3858f62230ac3c915f300c664312c63f" {
				t.Errorf("MD5OfMessageBody %v", out["MD5OfMessageBody"])
			}
			if out["MD5OfMessageAttributes"] != tt.want {
				t.Errorf("send MD5OfMessageAttributes %v, want %s", out["MD5OfMessageAttributes"], tt.want)
			}
			if _, ok := out["MD5OfMessageSystemAttributes"]; ok {
				t.Errorf("MD5OfMessageSystemAttributes without system attributes: %v", out)
			}
			msgs := messagesOf(f.ok("ReceiveMessage", map[string]any{"QueueUrl": u, "MessageAttributeNames": []string{"All"}}))
			if len(msgs) != 1 {
				t.Fatalf("received %d messages", len(msgs))
			}
			m := msgs[0]
			if m["MD5OfBody"] != "3858f62230ac3c915f300c664312c63f" || m["Body"] != "foobar" || m["MessageId"] != out["MessageId"] {
				t.Errorf("message %v", m)
			}
			if m["MD5OfMessageAttributes"] != tt.want {
				t.Errorf("receive MD5OfMessageAttributes %v, want %s", m["MD5OfMessageAttributes"], tt.want)
			}
			if got := fmt.Sprint(m["MessageAttributes"]); got != fmt.Sprint(tt.attrs) {
				t.Errorf("MessageAttributes\n got %s\nwant %s", got, fmt.Sprint(tt.attrs))
			}
		})
	}
}

func TestReceiveMD5OverReturnedAttributes(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	f.ok("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "foobar",
		"MessageAttributes": map[string]any{"attribName1": vecString, "customNumberTypeAttrib": vecNumber, "binaryAttribute": vecBinary}})
	receive := func(names []string) map[string]any {
		t.Helper()
		f.clk.Advance(time.Minute) // the last receive's visibility timeout
		in := map[string]any{"QueueUrl": u}
		if names != nil {
			in["MessageAttributeNames"] = names
		}
		msgs := messagesOf(f.ok("ReceiveMessage", in))
		if len(msgs) != 1 {
			t.Fatalf("received %d messages", len(msgs))
		}
		return msgs[0]
	}
	m := receive([]string{"attribName1"})
	if m["MD5OfMessageAttributes"] != "19e27d4e946b072f3f58da80d94fd778" {
		t.Errorf("MD5 over the one returned attribute: %v", m["MD5OfMessageAttributes"])
	}
	m = receive([]string{"custom.*", "binaryAttribute"}) // "custom.*" is a prefix of "custom." names only
	if m["MD5OfMessageAttributes"] != "31a92b15d92f8db860eda32aceb656c3" {
		t.Errorf("MD5 over binaryAttribute: %v (%v)", m["MD5OfMessageAttributes"], m["MessageAttributes"])
	}
	for _, names := range [][]string{nil, {"nothing"}} {
		m = receive(names)
		if _, ok := m["MD5OfMessageAttributes"]; ok {
			t.Errorf("names %v: MD5OfMessageAttributes without attributes: %v", names, m)
		}
		if _, ok := m["MessageAttributes"]; ok {
			t.Errorf("names %v: MessageAttributes returned: %v", names, m)
		}
	}
}

func TestSendReceiveDelete(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	trace := "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
	out := f.ok("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "hello",
		"MessageSystemAttributes": map[string]any{"AWSTraceHeader": map[string]any{"DataType": "String", "StringValue": trace}}})
	id, _ := out["MessageId"].(string)
	if !uuidPattern.MatchString(id) {
		t.Fatalf("MessageId %q", id)
	}
	wantSys := attr.MD5(map[string]attr.Value{"AWSTraceHeader": {DataType: "String", StringValue: trace}})
	if out["MD5OfMessageSystemAttributes"] != wantSys {
		t.Errorf("MD5OfMessageSystemAttributes %v, want %s", out["MD5OfMessageSystemAttributes"], wantSys)
	}
	if _, ok := out["SequenceNumber"]; ok {
		t.Errorf("a standard queue's send has a SequenceNumber: %v", out)
	}
	sent := epoch.UnixMilli()
	f.clk.Advance(1500 * time.Millisecond)
	msgs := messagesOf(f.ok("ReceiveMessage", map[string]any{"QueueUrl": u, "AttributeNames": []string{"All"}}))
	if len(msgs) != 1 {
		t.Fatalf("received %d", len(msgs))
	}
	wantMap(t, msgs[0]["Attributes"].(map[string]any), map[string]any{
		"SenderId":                         account,
		"SentTimestamp":                    strconv.FormatInt(sent, 10),
		"ApproximateReceiveCount":          "1",
		"ApproximateFirstReceiveTimestamp": strconv.FormatInt(sent+1500, 10),
		"AWSTraceHeader":                   trace,
	})
	if c := f.counts("q"); c != [3]int{0, 1, 0} {
		t.Fatalf("counts %v", c)
	}
	f.ok("DeleteMessage", map[string]any{"QueueUrl": u, "ReceiptHandle": msgs[0]["ReceiptHandle"]})
	f.ok("DeleteMessage", map[string]any{"QueueUrl": u, "ReceiptHandle": msgs[0]["ReceiptHandle"]}) // twice is fine
	if c := f.counts("q"); c != [3]int{} {
		t.Fatalf("counts after delete %v", c)
	}

	// System attributes are selected by name, by either parameter.
	f.send(u, "again")
	msgs = messagesOf(f.ok("ReceiveMessage", map[string]any{"QueueUrl": u, "MessageSystemAttributeNames": []string{"SentTimestamp", "ApproximateReceiveCount"}}))
	wantMap(t, msgs[0]["Attributes"].(map[string]any), map[string]any{"SentTimestamp": strconv.FormatInt(sent+1500, 10), "ApproximateReceiveCount": "1"})
	f.fail("ReceiveMessage", map[string]any{"QueueUrl": u, "MessageSystemAttributeNames": []string{"Colour"}}, unknownAttr("Colour"))
	f.fail("ReceiveMessage", map[string]any{"QueueUrl": u, "AttributeNames": []string{"Colour"}}, unknownAttr("Colour"))
	// The deprecated AttributeNames may name queue attributes, which no
	// message has.
	f.clk.Advance(time.Minute)
	msgs = messagesOf(f.ok("ReceiveMessage", map[string]any{"QueueUrl": u, "AttributeNames": []string{"VisibilityTimeout", "SenderId"}}))
	wantMap(t, msgs[0]["Attributes"].(map[string]any), map[string]any{"SenderId": account})
}

func TestChangeMessageVisibility(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	f.send(u, "x")
	h := f.receive(u, 1)[0]["ReceiptHandle"]
	f.ok("ChangeMessageVisibility", map[string]any{"QueueUrl": u, "ReceiptHandle": h, "VisibilityTimeout": 0})
	if c := f.counts("q"); c != [3]int{1, 0, 0} {
		t.Fatalf("counts after a zero visibility timeout %v", c)
	}
	h = f.receive(u, 1)[0]["ReceiptHandle"]
	f.ok("ChangeMessageVisibility", map[string]any{"QueueUrl": u, "ReceiptHandle": h, "VisibilityTimeout": 100})
	f.clk.Advance(99 * time.Second)
	if len(f.receive(u, 1)) != 0 {
		t.Fatal("visible before its new timeout")
	}
	f.clk.Advance(time.Second)
	h = f.receive(u, 1)[0]["ReceiptHandle"]
	f.fail("ChangeMessageVisibility", map[string]any{"QueueUrl": u, "ReceiptHandle": h},
		apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter VisibilityTimeout."})
	f.fail("ChangeMessageVisibility", map[string]any{"QueueUrl": u, "ReceiptHandle": h, "VisibilityTimeout": 43201},
		invalidParameter("Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided."))
	f.ok("DeleteMessage", map[string]any{"QueueUrl": u, "ReceiptHandle": h})
	f.fail("ChangeMessageVisibility", map[string]any{"QueueUrl": u, "ReceiptHandle": h, "VisibilityTimeout": 10},
		invalidParameter(fmt.Sprintf("Value %s for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.", h)))
}

func TestReceiptHandleErrors(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	other := f.createQueue("other", nil)
	f.send(other, "x")
	foreign := f.receive(other, 1)[0]["ReceiptHandle"].(string)
	invalid := func(h string) apiError {
		return apiError{404, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", fmt.Sprintf("The input receipt handle %q is not a valid receipt handle.", h)}
	}
	for _, h := range []string{"garbage", foreign} {
		f.fail("DeleteMessage", map[string]any{"QueueUrl": u, "ReceiptHandle": h}, invalid(h))
		f.fail("ChangeMessageVisibility", map[string]any{"QueueUrl": u, "ReceiptHandle": h, "VisibilityTimeout": 5}, invalid(h))
	}
	f.fail("DeleteMessage", map[string]any{"QueueUrl": u},
		apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter ReceiptHandle."})
	r := f.query("DeleteMessage", "", url.Values{"QueueUrl": {u}, "ReceiptHandle": {"garbage"}})
	wantQueryError(t, r, invalid("garbage"))
}

func TestFIFOMessages(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q.fifo", map[string]string{"FifoQueue": "true"})
	f.fail("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "x", "MessageDeduplicationId": "d"},
		apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter MessageGroupId."})
	f.fail("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "x", "MessageGroupId": "g"},
		invalidParameter("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"))
	f.fail("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 2},
		invalidParameter("Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."))
	first := f.ok("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 0})
	seq, _ := first["SequenceNumber"].(string)
	if len(seq) != 20 {
		t.Fatalf("SequenceNumber %q", seq)
	}
	dup := f.ok("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "y", "MessageGroupId": "g", "MessageDeduplicationId": "d"})
	if dup["MessageId"] != first["MessageId"] {
		t.Errorf("a duplicate answered with a new id: %v vs %v", dup["MessageId"], first["MessageId"])
	}
	msgs := messagesOf(f.ok("ReceiveMessage", map[string]any{"QueueUrl": u, "MaxNumberOfMessages": 10, "AttributeNames": []string{"All"}}))
	if len(msgs) != 1 {
		t.Fatalf("received %d, want the one stored", len(msgs))
	}
	a := msgs[0]["Attributes"].(map[string]any)
	if a["MessageGroupId"] != "g" || a["MessageDeduplicationId"] != "d" || a["SequenceNumber"] != seq {
		t.Errorf("FIFO system attributes %v", a)
	}
	// Content-based deduplication, and standard-queue parameters.
	f.ok("SetQueueAttributes", map[string]any{"QueueUrl": u, "Attributes": map[string]string{"ContentBasedDeduplication": "true"}})
	f.ok("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "z", "MessageGroupId": "h"})
	std := f.createQueue("std", nil)
	f.fail("SendMessage", map[string]any{"QueueUrl": std, "MessageBody": "x", "MessageDeduplicationId": "d"},
		invalidParameter("Value d for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type."))
	f.ok("SendMessage", map[string]any{"QueueUrl": std, "MessageBody": "x", "MessageGroupId": "tenant"}) // fair queues
}

func TestSendErrors(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", map[string]string{"MaximumMessageSize": "1024"})
	attrs := make(map[string]any)
	for i := range 11 {
		attrs[fmt.Sprintf("a%d", i)] = map[string]any{"DataType": "String", "StringValue": "v"}
	}
	str := func(v string) map[string]any { return map[string]any{"DataType": "String", "StringValue": v} }
	tests := []struct {
		name string
		in   map[string]any
		want apiError
	}{
		{"empty body", map[string]any{"MessageBody": ""},
			apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter MessageBody."}},
		{"no body", map[string]any{},
			apiError{400, "MissingRequiredParameterException", "MissingParameter", "The request must contain the parameter MessageBody."}},
		{"too long", map[string]any{"MessageBody": strings.Repeat("x", 1025)},
			invalidParameter("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")},
		{"attributes count toward the size", map[string]any{"MessageBody": strings.Repeat("x", 1000), "MessageAttributes": map[string]any{"name": str(strings.Repeat("v", 15))}},
			invalidParameter("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")},
		{"bad character", map[string]any{"MessageBody": "a\u0000b"},
			apiError{400, "InvalidMessageContents", "InvalidMessageContents", ""}},
		{"delay out of range", map[string]any{"MessageBody": "x", "DelaySeconds": 901},
			invalidParameter("Value 901 for parameter DelaySeconds is invalid. Reason: Must be >= 0 and <= 900, if provided.")},
		{"11 attributes", map[string]any{"MessageBody": "x", "MessageAttributes": attrs},
			invalidParameter("Number of message attributes [11] exceeds the allowed maximum [10].")},
		{"empty attribute value", map[string]any{"MessageBody": "x", "MessageAttributes": map[string]any{"a": str("")}},
			invalidParameter("Message (user) attribute 'a' must contain a non-empty value of type 'String'.")},
		{"reserved attribute name", map[string]any{"MessageBody": "x", "MessageAttributes": map[string]any{"AWS.x": str("v")}}, invalidParameter("")},
		{"unknown system attribute", map[string]any{"MessageBody": "x", "MessageSystemAttributes": map[string]any{"Colour": str("v")}}, invalidParameter("")},
		{"binary trace header", map[string]any{"MessageBody": "x", "MessageSystemAttributes": map[string]any{"AWSTraceHeader": vecBinary}}, invalidParameter("")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := f.with(t)
			tt.in["QueueUrl"] = u
			f.fail("SendMessage", tt.in, tt.want)
			if c := f.counts("q"); c != [3]int{} {
				t.Fatalf("counts after a failed send %v", c)
			}
		})
	}
}

func TestReceiveParameterErrors(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	for _, tt := range []struct {
		param string
		value int
		want  string
	}{
		{"MaxNumberOfMessages", 0, "Value 0 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."},
		{"MaxNumberOfMessages", 11, "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."},
		{"WaitTimeSeconds", 21, "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."},
		{"WaitTimeSeconds", -1, "Value -1 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."},
		{"VisibilityTimeout", 43201, "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided."},
	} {
		f.fail("ReceiveMessage", map[string]any{"QueueUrl": u, tt.param: tt.value}, invalidParameter(tt.want))
	}
}

// TestLongPolling runs the service on the system clock inside a synctest
// bubble, as an in-memory client would: waits pass in virtual time, so a
// 20-second long poll returns at once in real time.
func TestLongPolling(t *testing.T) {
	elapsed := func(f *fake, in map[string]any) (time.Duration, reply) {
		start := time.Now()
		r := f.call("ReceiveMessage", in)
		return time.Since(start), r
	}
	t.Run("20 s wait on an empty queue", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			f := newFakeOn(t, nil)
			u := f.createQueue("q", nil)
			d, r := elapsed(f, map[string]any{"QueueUrl": u, "WaitTimeSeconds": 20})
			if r.status != http.StatusOK || len(messagesOf(r.json(t))) != 0 || d != 20*time.Second {
				t.Fatalf("after %v: %d %s", d, r.status, r.body)
			}
		})
	})
	t.Run("absent wait is the queue's, zero is a short poll", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			f := newFakeOn(t, nil)
			u := f.createQueue("q", map[string]string{"ReceiveMessageWaitTimeSeconds": "20"})
			if d, _ := elapsed(f, map[string]any{"QueueUrl": u, "WaitTimeSeconds": 0}); d != 0 {
				t.Errorf("explicit 0 waited %v", d)
			}
			if d, _ := elapsed(f, map[string]any{"QueueUrl": u}); d != 20*time.Second {
				t.Errorf("absent waited %v, want the queue's 20 s", d)
			}
			// The same over the Query protocol.
			start := time.Now()
			f.query("ReceiveMessage", "", url.Values{"QueueUrl": {u}, "WaitTimeSeconds": {"0"}})
			if d := time.Since(start); d != 0 {
				t.Errorf("Query explicit 0 waited %v", d)
			}
			f.query("ReceiveMessage", "", url.Values{"QueueUrl": {u}})
			if d := time.Since(start); d != 20*time.Second {
				t.Errorf("Query absent waited %v", d)
			}
		})
	})
	t.Run("a send wakes the poll", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			f := newFakeOn(t, nil)
			u := f.createQueue("q", nil)
			var wg sync.WaitGroup
			wg.Go(func() {
				time.Sleep(5 * time.Second)
				f.send(u, "late")
			})
			d, r := elapsed(f, map[string]any{"QueueUrl": u, "WaitTimeSeconds": 20})
			wg.Wait()
			msgs := messagesOf(r.json(t))
			if d != 5*time.Second || len(msgs) != 1 || msgs[0]["Body"] != "late" {
				t.Fatalf("after %v: %s", d, r.body)
			}
		})
	})
	t.Run("deleting the queue ends the poll", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			f := newFakeOn(t, nil)
			u := f.createQueue("q", nil)
			done := make(chan reply, 1)
			go func() { done <- f.call("ReceiveMessage", map[string]any{"QueueUrl": u, "WaitTimeSeconds": 20}) }()
			synctest.Wait()
			start := time.Now()
			f.ok("DeleteQueue", map[string]any{"QueueUrl": u})
			wantJSONError(t, <-done, errNoQueue)
			if d := time.Since(start); d != 0 {
				t.Errorf("the poll ended %v after the delete", d)
			}
		})
	})
	t.Run("the request's context ends the poll", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			f := newFakeOn(t, nil)
			u := f.createQueue("q", nil)
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			r := httptest.NewRequestWithContext(ctx, http.MethodPost, "http://"+host+"/", strings.NewReader(`{"QueueUrl":"`+u+`","WaitTimeSeconds":20}`))
			r.Header.Set("X-Amz-Target", "AmazonSQS.ReceiveMessage")
			start := time.Now()
			f.serve(r)
			if d := time.Since(start); d != 3*time.Second {
				t.Errorf("the poll ended after %v, want the context's 3 s", d)
			}
			if c := f.counts("q"); c != [3]int{} {
				t.Errorf("counts %v", c)
			}
		})
	})
}

// Query protocol: the parameter names of the pre-JSON SDKs, and the XML
// their deserializers read.

type xmlSendResult struct {
	MessageID                    string `xml:"MessageId"`
	MD5OfMessageBody             string
	MD5OfMessageAttributes       string
	MD5OfMessageSystemAttributes string
	SequenceNumber               string
}

type xmlMessage struct {
	MessageID              string `xml:"MessageId"`
	ReceiptHandle          string
	MD5OfBody              string
	Body                   string
	MD5OfMessageAttributes string
	Attribute              []struct{ Name, Value string }
	MessageAttribute       []struct {
		Name  string
		Value struct{ StringValue, BinaryValue, DataType string }
	}
}

func TestQueryMessages(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	body := "<tag a=\"1\"> & 'x'\r\n\ttab ü 😀"
	var sent xmlSendResult
	f.queryOK("SendMessage", url.Values{
		"QueueUrl":                                   {u},
		"MessageBody":                                {body},
		"MessageAttribute.1.Name":                    {"attribName1"},
		"MessageAttribute.1.Value.DataType":          {"String"},
		"MessageAttribute.1.Value.StringValue":       {"attribValue 1"},
		"MessageAttribute.2.Name":                    {"binaryAttribute"},
		"MessageAttribute.2.Value.DataType":          {"Binary"},
		"MessageAttribute.2.Value.BinaryValue":       {base64.StdEncoding.EncodeToString([]byte("Hello binary world!"))},
		"MessageAttribute.3.Name":                    {"customNumberTypeAttrib"},
		"MessageAttribute.3.Value.DataType":          {"Number.float"},
		"MessageAttribute.3.Value.StringValue":       {"4563442423554324324264524243.32543234"},
		"MessageSystemAttribute.1.Name":              {"AWSTraceHeader"},
		"MessageSystemAttribute.1.Value.DataType":    {"String"},
		"MessageSystemAttribute.1.Value.StringValue": {"Root=1"},
	}, &sent)
	if !uuidPattern.MatchString(sent.MessageID) || sent.MD5OfMessageBody != attr.BodyMD5(body) ||
		sent.MD5OfMessageAttributes != "c932db14a896c663f83c260297d594ff" || sent.MD5OfMessageSystemAttributes == "" || sent.SequenceNumber != "" {
		t.Fatalf("SendMessageResult %+v", sent)
	}

	var got struct{ Message []xmlMessage }
	f.queryOK("ReceiveMessage", url.Values{"QueueUrl": {u}, "AttributeName.1": {"SentTimestamp"}, "AttributeName.2": {"SenderId"},
		"MessageAttributeName.1": {"All"}, "MaxNumberOfMessages": {"10"}}, &got)
	if len(got.Message) != 1 {
		t.Fatalf("received %d messages", len(got.Message))
	}
	m := got.Message[0]
	if m.Body != body || m.MD5OfBody != attr.BodyMD5(body) || m.MessageID != sent.MessageID || m.ReceiptHandle == "" {
		t.Errorf("message %+v", m)
	}
	if m.MD5OfMessageAttributes != "c932db14a896c663f83c260297d594ff" {
		t.Errorf("MD5OfMessageAttributes %s", m.MD5OfMessageAttributes)
	}
	if fmt.Sprint(m.Attribute) != fmt.Sprintf("[{SenderId %s} {SentTimestamp %d}]", account, epoch.UnixMilli()) {
		t.Errorf("Attribute %v", m.Attribute)
	}
	want := fmt.Sprintf("[{attribName1 {attribValue 1  String}} {binaryAttribute { %s Binary}} {customNumberTypeAttrib {4563442423554324324264524243.32543234  Number.float}}]",
		base64.StdEncoding.EncodeToString([]byte("Hello binary world!")))
	if fmt.Sprint(m.MessageAttribute) != want {
		t.Errorf("MessageAttribute\n got %v\nwant %s", m.MessageAttribute, want)
	}

	f.queryOK("ChangeMessageVisibility", url.Values{"QueueUrl": {u}, "ReceiptHandle": {m.ReceiptHandle}, "VisibilityTimeout": {"0"}}, nil)
	f.queryOK("ReceiveMessage", url.Values{"QueueUrl": {u}}, &got)
	f.queryOK("DeleteMessage", url.Values{"QueueUrl": {u}, "ReceiptHandle": {got.Message[0].ReceiptHandle}}, nil)
	if c := f.counts("q"); c != [3]int{} {
		t.Fatalf("counts %v", c)
	}

	// An empty receive is an empty result.
	got.Message = nil
	f.queryOK("ReceiveMessage", url.Values{"QueueUrl": {u}}, &got)
	if len(got.Message) != 0 {
		t.Fatalf("received %d from an empty queue", len(got.Message))
	}
}

func TestQueryQueueURLFromPath(t *testing.T) {
	f := newFake(t)
	f.createQueue("q", nil)
	r := f.query("SendMessage", "/"+account+"/q", url.Values{"MessageBody": {"via path"}})
	if r.status != http.StatusOK {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if c := f.counts("q"); c != [3]int{1, 0, 0} {
		t.Fatalf("counts %v", c)
	}
	// An explicit QueueUrl wins over the path.
	f.createQueue("other", nil)
	f.query("SendMessage", "/"+account+"/q", url.Values{"QueueUrl": {baseURL + "other"}, "MessageBody": {"x"}})
	if c := f.counts("other"); c != [3]int{1, 0, 0} {
		t.Fatalf("counts of other %v", c)
	}
	wantQueryError(t, f.query("SendMessage", "/"+account+"/missing", url.Values{"MessageBody": {"x"}}),
		apiError{400, "", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist for this wsdl version."})
	wantQueryError(t, f.query("SendMessage", "/", url.Values{"MessageBody": {"x"}}),
		apiError{400, "", "MissingParameter", "The request must contain the parameter QueueUrl."})
}
