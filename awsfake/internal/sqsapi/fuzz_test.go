package sqsapi_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
)

// The fuzz targets send arbitrary requests to a service holding queues,
// messages, tags and a policy, and check that the service never panics,
// never answers with a fault of its own (a 500), always answers in the
// protocol's shape, and that a request answered with an error has changed
// nothing a client can observe. Each input runs in its own synctest bubble
// on the system clock, so that long polls and move tasks pass in virtual
// time. The seed corpus under testdata/fuzz holds every request of the
// recorded SDK sessions (testdata/sdk) and hand-made malformed ones.

// seeded returns a service with queues dlq, q (whose dead-letter queue is
// dlq, with tags and a permission) and q.fifo, holding messages, one of
// them in flight.
func seeded(t testing.TB) *fake {
	t.Helper()
	f := newFakeOn(t, nil)
	dlq := f.createQueue("dlq", nil)
	q := f.createQueue("q", map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":3}`})
	fifo := f.createQueue("q.fifo", map[string]string{"FifoQueue": "true", "ContentBasedDeduplication": "true"})
	f.ok("TagQueue", map[string]any{"QueueUrl": q, "Tags": map[string]string{"team": "core"}})
	f.ok("AddPermission", map[string]any{"QueueUrl": q, "Label": "p", "AWSAccountIds": []string{"111111111111"}, "Actions": []string{"SendMessage"}})
	for i := range 3 {
		f.ok("SendMessage", map[string]any{"QueueUrl": q, "MessageBody": fmt.Sprint("m", i),
			"MessageAttributes": map[string]any{"attribName1": vecString}})
		f.ok("SendMessage", map[string]any{"QueueUrl": fifo, "MessageBody": fmt.Sprint("f", i), "MessageGroupId": "g"})
	}
	f.send(dlq, "dead")
	f.receive(q, 1)
	return f
}

// observable is what a client can read of the service: its queues, each
// one's attributes (counts included), tags and move tasks.
func observable(f *fake) string {
	f.t.Helper()
	var b strings.Builder
	urls, _ := f.ok("ListQueues", map[string]any{})["QueueUrls"].([]any)
	for _, u := range urls {
		fmt.Fprintln(&b, u)
		fmt.Fprintln(&b, f.ok("GetQueueAttributes", map[string]any{"QueueUrl": u, "AttributeNames": []string{"All"}}))
		fmt.Fprintln(&b, f.ok("ListQueueTags", map[string]any{"QueueUrl": u}))
		arn := "arn:aws:sqs:us-east-1:000000000000:" + strings.TrimPrefix(u.(string), baseURL)
		fmt.Fprintln(&b, f.ok("ListMessageMoveTasks", map[string]any{"SourceArn": arn, "MaxResults": 10}))
	}
	return b.String()
}

// checkReply checks a reply's shape: JSON or XML, an error document when
// the status is not 200, and never a fault of the service's own.
func checkReply(t testing.TB, r reply, jsonProtocol bool) {
	t.Helper()
	if r.status >= 500 {
		t.Fatalf("the service failed: %d %s", r.status, r.body)
	}
	if r.header.Get("x-amzn-RequestId") == "" {
		t.Fatalf("no request id: %d %s", r.status, r.body)
	}
	if jsonProtocol {
		var m map[string]any
		if err := json.Unmarshal(r.body, &m); err != nil {
			t.Fatalf("reply is not a JSON object: %v %q", err, r.body)
		}
		if r.status != http.StatusOK && (m["__type"] == nil || r.header.Get("x-amzn-query-error") == "") {
			t.Fatalf("error reply without __type or x-amzn-query-error: %d %v %s", r.status, r.header, r.body)
		}
		return
	}
	dec := xml.NewDecoder(bytes.NewReader(r.body))
	for {
		_, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("reply is not XML: %v %q", err, r.body)
			}
			break
		}
	}
	if r.status != http.StatusOK {
		var e queryError
		if err := xml.Unmarshal(r.body, &e); err != nil || e.Error.Code == "" {
			t.Fatalf("error reply is not an ErrorResponse: %v %s", err, r.body)
		}
	}
}

// unchangedOnError checks the fuzz invariant around do.
func unchangedOnError(t *testing.T, jsonProtocol bool, do func(f *fake) reply) {
	synctest.Test(t, func(t *testing.T) {
		f := seeded(t)
		before := observable(f)
		r := do(f)
		checkReply(t, r, jsonProtocol)
		if r.status != http.StatusOK {
			if after := observable(f); after != before {
				t.Fatalf("an error reply (%d %s) changed the service:\nbefore:\n%s\nafter:\n%s", r.status, r.body, before, after)
			}
		}
	})
}

func FuzzJSONRequest(f *testing.F) {
	f.Add("SendMessage", []byte(`{"QueueUrl":"http://sqs.test/000000000000/q","MessageBody":"x"}`))
	f.Add("ReceiveMessage", []byte(`{"QueueUrl":"http://sqs.test/000000000000/q","WaitTimeSeconds":20,"MaxNumberOfMessages":10}`))
	f.Fuzz(func(t *testing.T, operation string, body []byte) {
		unchangedOnError(t, true, func(f *fake) reply { return f.rawJSON(operation, string(body)) })
	})
}

func FuzzQueryRequest(f *testing.F) {
	f.Add("/", "Action=SendMessage&QueueUrl=http%3A%2F%2Fsqs.test%2F000000000000%2Fq&MessageBody=x")
	f.Add("/000000000000/q", "Action=ReceiveMessage&WaitTimeSeconds=20")
	f.Fuzz(func(t *testing.T, path, body string) {
		u, err := url.Parse("http://" + host + path)
		if err != nil || u.Host != host {
			return // not a request an HTTP client could send
		}
		unchangedOnError(t, false, func(f *fake) reply {
			r, err := http.NewRequest(http.MethodPost, u.String(), strings.NewReader(body))
			if err != nil {
				t.Skip()
			}
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return f.serve(r)
		})
	})
}
