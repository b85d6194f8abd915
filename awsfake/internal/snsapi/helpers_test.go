package snsapi

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/wire"
	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// start is when every test clock starts.
var start = time.Date(2025, 3, 4, 5, 6, 7, 890_000_000, time.UTC)

const (
	region  = "us-east-1"
	account = "000000000000"
)

// harness is a service with a map of queues and functions for its
// subscriptions to resolve, on a manual clock unless a test runs in a
// synctest bubble.
type harness struct {
	t     testing.TB
	svc   *Service
	clock clock.Clock

	mu     sync.Mutex
	queues map[string]*queue.Queue[string]
	funcs  map[string]Function
}

// newHarness returns a harness on a manual clock; the service is closed
// when the test ends.
func newHarness(t testing.TB) *harness {
	return newHarnessOn(t, clock.NewManual(start))
}

// newHarnessOn returns a harness on c (nil: the system clock, which in a
// synctest bubble is the bubble's).
func newHarnessOn(t testing.TB, c clock.Clock) *harness {
	t.Helper()
	h := &harness{t: t, clock: clock.Or(c), queues: map[string]*queue.Queue[string]{}, funcs: map[string]Function{}}
	h.svc = New(Config{
		Region:  region,
		Account: account,
		Clock:   c,
		Queue: func(arn string) (*queue.Queue[string], bool) {
			h.mu.Lock()
			defer h.mu.Unlock()
			q, ok := h.queues[arn]
			return q, ok
		},
		Function: func(arn string) (Function, bool) {
			h.mu.Lock()
			defer h.mu.Unlock()
			f, ok := h.funcs[arn]
			return f, ok
		},
	})
	t.Cleanup(func() {
		if err := h.svc.Close(context.Background()); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return h
}

// queue makes a queue the service resolves by its ARN.
func (h *harness) queue(name string) (*queue.Queue[string], string) {
	h.t.Helper()
	q, err := queue.New(queue.Config[string]{Name: name, FIFO: strings.HasSuffix(name, ".fifo")},
		queue.WithAccount(region, account), queue.WithClock(h.clock))
	if err != nil {
		h.t.Fatalf("queue.New(%q): %v", name, err)
	}
	h.mu.Lock()
	h.queues[q.ARN()] = q
	h.mu.Unlock()
	return q, q.ARN()
}

// function registers fn and returns its ARN.
func (h *harness) function(name string, fn Function) string {
	arn := "arn:aws:lambda:" + region + ":" + account + ":function:" + name
	h.mu.Lock()
	h.funcs[arn] = fn
	h.mu.Unlock()
	return arn
}

// reply is a decoded reply: its status and XML document.
type reply struct {
	status int
	header http.Header
	body   string
	doc    *node
}

// call sends action with the parameters kv (key, value, key, value, …).
func (h *harness) call(action string, kv ...string) reply {
	h.t.Helper()
	v := url.Values{"Action": {action}, "Version": {"2010-03-31"}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return h.send(v)
}

// send sends a form as it is.
func (h *harness) send(v url.Values) reply {
	h.t.Helper()
	body := v.Encode()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	form, err := wire.ParseForm(body)
	if err != nil {
		h.t.Fatalf("ParseForm: %v", err)
	}
	rec := httptest.NewRecorder()
	h.svc.ServeQuery(rec, req, form)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	doc, err := parseXML(string(b))
	if err != nil {
		h.t.Fatalf("%s: reply is not XML: %v\n%s", v.Get("Action"), err, b)
	}
	return reply{status: res.StatusCode, header: res.Header, body: string(b), doc: doc}
}

// ok sends action and fails the test unless it succeeds; it returns the
// <ActionResult> element (nil for actions without one).
func (h *harness) ok(action string, kv ...string) *node {
	h.t.Helper()
	r := h.call(action, kv...)
	if r.status != http.StatusOK {
		h.t.Fatalf("%s %v: status %d\n%s", action, kv, r.status, r.body)
	}
	if r.doc.name != action+"Response" {
		h.t.Fatalf("%s: root element %q", action, r.doc.name)
	}
	if r.doc.child("ResponseMetadata").child("RequestId").text == "" {
		h.t.Errorf("%s: no RequestId", action)
	}
	return r.doc.child(action + "Result")
}

// fail sends action and checks that it fails with status, code and, unless
// msg is "", message; a msg ending in '*' is a prefix of the message.
func (h *harness) fail(status int, code, msg, action string, kv ...string) {
	h.t.Helper()
	r := h.call(action, kv...)
	checkError(h.t, r, status, code, msg)
}

func checkError(t testing.TB, r reply, status int, code, msg string) {
	t.Helper()
	if r.doc.name != "ErrorResponse" {
		t.Fatalf("want an ErrorResponse, got %d\n%s", r.status, r.body)
	}
	e := r.doc.child("Error")
	got := [3]string{e.child("Type").text, e.child("Code").text, e.child("Message").text}
	msgOK := msg == "" || got[2] == msg || strings.HasSuffix(msg, "*") && strings.HasPrefix(got[2], strings.TrimSuffix(msg, "*"))
	if r.status != status || got[1] != code || !msgOK {
		t.Errorf("error = %d %q %q, want %d %q %q", r.status, got[1], got[2], status, code, msg)
	}
	if got[0] != "Sender" && status < 500 {
		t.Errorf("error type %q, want Sender", got[0])
	}
}

// node is an element of a reply.
type node struct {
	name     string
	text     string
	children []*node
}

// parseXML reads a document into nodes.
func parseXML(s string) (*node, error) {
	dec := xml.NewDecoder(strings.NewReader(s))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &node{name: tk.Name.Local}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(tk)
		}
	}
	if len(root.children) != 1 {
		return nil, io.ErrUnexpectedEOF
	}
	return root.children[0], nil
}

// child returns the first child called name, or an empty node.
func (n *node) child(name string) *node {
	if n != nil {
		for _, c := range n.children {
			if c.name == name {
				return c
			}
		}
	}
	return &node{}
}

// all returns the children called name.
func (n *node) all(name string) []*node {
	var out []*node
	if n != nil {
		for _, c := range n.children {
			if c.name == name {
				out = append(out, c)
			}
		}
	}
	return out
}

// path follows children by name.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// entries reads an Attributes map.
func (n *node) entries() map[string]string {
	m := map[string]string{}
	for _, e := range n.all("entry") {
		m[e.child("key").text] = e.child("value").text
	}
	return m
}

// createTopic creates a topic and returns its ARN.
func (h *harness) createTopic(name string, kv ...string) string {
	h.t.Helper()
	return h.ok("CreateTopic", append([]string{"Name", name}, kv...)...).child("TopicArn").text
}

// subscribe subscribes endpoint and returns the subscription ARN.
func (h *harness) subscribe(topicARN, protocol, endpoint string, kv ...string) string {
	h.t.Helper()
	return h.ok("Subscribe", append([]string{"TopicArn", topicARN, "Protocol", protocol, "Endpoint", endpoint}, kv...)...).
		child("SubscriptionArn").text
}

// topicAttributes returns GetTopicAttributes' map.
func (h *harness) topicAttributes(arn string) map[string]string {
	h.t.Helper()
	return h.ok("GetTopicAttributes", "TopicArn", arn).child("Attributes").entries()
}

// subscriptionAttributes returns GetSubscriptionAttributes' map.
func (h *harness) subscriptionAttributes(arn string) map[string]string {
	h.t.Helper()
	return h.ok("GetSubscriptionAttributes", "SubscriptionArn", arn).child("Attributes").entries()
}

// receive takes every available message of q, with every attribute.
func receive(t testing.TB, q *queue.Queue[string]) []queue.Message[string] {
	t.Helper()
	var out []queue.Message[string]
	zero := time.Duration(0)
	for {
		msgs, err := q.Receive(context.Background(), queue.ReceiveOptions{
			MaxMessages: 10, WaitTime: &zero, AttributeNames: []string{"All"}, SystemAttributeNames: []string{"All"},
		})
		if err != nil {
			t.Fatalf("Receive: %v", err)
		}
		if len(msgs) == 0 {
			return out
		}
		for _, m := range msgs {
			if err := q.Delete(m.ReceiptHandle); err != nil {
				t.Fatalf("Delete: %v", err)
			}
		}
		out = append(out, msgs...)
	}
}

// envelope is the JSON SNS delivers to queues without raw delivery.
type envelope struct {
	Type              string
	MessageID         string `json:"MessageId"`
	SequenceNumber    string
	TopicArn          string
	Subject           string
	Message           string
	Timestamp         string
	SignatureVersion  string
	Signature         string
	SigningCertURL    string
	UnsubscribeURL    string
	MessageAttributes map[string]struct{ Type, Value string }
}

// messagesOf receives q's messages and returns the Message of each
// envelope.
func messagesOf(t testing.TB, q *queue.Queue[string]) []string {
	t.Helper()
	var out []string
	for _, m := range receive(t, q) {
		out = append(out, decodeEnvelope(t, m.Body).Message)
	}
	return out
}

func decodeEnvelope(t testing.TB, body string) envelope {
	t.Helper()
	var e envelope
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("envelope %q: %v", body, err)
	}
	return e
}

// attrs builds MessageAttributes parameters from name, type, value
// triples; prefix is "" for Publish or a batch entry's
// "PublishBatchRequestEntries.member.N.".
func attrs(prefix string, triples ...string) []string {
	var kv []string
	for i := 0; i+2 < len(triples); i += 3 {
		e := prefix + "MessageAttributes.entry." + strconv.Itoa(i/3+1) + "."
		field := "Value.StringValue"
		if strings.HasPrefix(triples[i+1], "Binary") {
			field = "Value.BinaryValue"
		}
		kv = append(kv, e+"Name", triples[i], e+"Value.DataType", triples[i+1], e+field, triples[i+2])
	}
	return kv
}

// topicInput is a message to publish through an engine directly.
func topicInput(m string) topic.PublishInput[string] { return topic.PublishInput[string]{Message: m} }
