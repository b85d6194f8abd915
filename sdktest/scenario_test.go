package sdktest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// The fan-out scenario: one SNS topic, three SQS queues — one filtering on
// message attributes, one filtering on the body with raw delivery, one
// taking everything — and a handful of messages. It runs the same way
// in memory (in a synctest bubble) and over a loopback socket to the
// emulator.

// envelope is the JSON document SNS delivers to a queue without raw
// delivery (§2.4).
type envelope struct {
	Type              string
	MessageId         string
	TopicArn          string
	Subject           *string
	Message           string
	Timestamp         string
	SignatureVersion  string
	Signature         string
	SigningCertURL    string
	UnsubscribeURL    string
	MessageAttributes map[string]struct{ Type, Value string }
}

type publication struct {
	name    string
	body    string
	subject string
	attrs   map[string]snstypes.MessageAttributeValue
	id      string // the MessageId Publish returned
}

func str(v string) snstypes.MessageAttributeValue {
	return snstypes.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String(v)}
}

func num(v string) snstypes.MessageAttributeValue {
	return snstypes.MessageAttributeValue{DataType: aws.String("Number"), StringValue: aws.String(v)}
}

func TestSNSFanOut(t *testing.T) {
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) { tr.run(t, fanOutScenario) })
	}
}

func fanOutScenario(t *testing.T, e *env) {
	ctx := t.Context()
	topic := createTopic(t, e.SNS, "orders", nil)
	queues := map[string]string{}
	for _, q := range []string{"orders-attr", "orders-body", "orders-all"} {
		queues[q] = createQueue(t, e.SQS, q, nil)
	}
	subs := map[string]string{
		"orders-attr": subscribe(t, e.SNS, topic, "sqs", queueARN("orders-attr"), map[string]string{
			"FilterPolicy": `{"event":["order_placed"],"amount":[{"numeric":[">=",100]}]}`,
		}),
		"orders-body": subscribe(t, e.SNS, topic, "sqs", queueARN("orders-body"), map[string]string{
			"FilterPolicyScope":  "MessageBody",
			"FilterPolicy":       `{"customer":{"tier":["gold"]}}`,
			"RawMessageDelivery": "true",
		}),
		"orders-all": subscribe(t, e.SNS, topic, "sqs", queueARN("orders-all"), nil),
	}

	pubs := []*publication{
		{name: "gold big order", body: `{"id":1,"customer":{"tier":"gold"}}`,
			attrs: map[string]snstypes.MessageAttributeValue{"event": str("order_placed"), "amount": num("150")}},
		{name: "silver small order", body: `{"id":2,"customer":{"tier":"silver"}}`,
			attrs: map[string]snstypes.MessageAttributeValue{"event": str("order_placed"), "amount": num("50")}},
		{name: "gold cancellation", body: `{"id":3,"customer":{"tier":"gold"}}`,
			attrs: map[string]snstypes.MessageAttributeValue{"event": str("order_cancelled"), "amount": num("500")}},
		{name: "not JSON, binary attribute", body: "plain text, not JSON",
			attrs: map[string]snstypes.MessageAttributeValue{"event": str("order_placed"), "amount": num("1e2"),
				"blob": {DataType: aws.String("Binary"), BinaryValue: []byte{0xde, 0xad, 0xbe, 0xef}}}},
		{name: "no attributes, subject", body: `{"id":5}`, subject: "Heads up"},
	}
	for _, p := range pubs {
		in := &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String(p.body), MessageAttributes: p.attrs}
		if p.subject != "" {
			in.Subject = aws.String(p.subject)
		}
		out, err := e.SNS.Publish(ctx, in)
		if err != nil {
			t.Fatalf("Publish %s: %v", p.name, err)
		}
		p.id = aws.ToString(out.MessageId)
	}
	byBody := map[string]*publication{}
	for _, p := range pubs {
		byBody[p.body] = p
	}

	// Which messages each queue gets (§2.5): attributes AND-ed, numbers
	// compared as numbers (1e2 >= 100), messages without attributes never
	// match an attribute policy; a body policy needs a JSON object body.
	want := map[string][]string{
		"orders-attr": {"gold big order", "not JSON, binary attribute"},
		"orders-body": {"gold big order", "gold cancellation"},
		"orders-all":  {"gold big order", "silver small order", "gold cancellation", "not JSON, binary attribute", "no attributes, subject"},
	}
	ids := map[string]map[string]string{} // queue → publication name → MessageId seen
	for q, url := range queues {
		ms := drain(t, e.SQS, url)
		ids[q] = map[string]string{}
		var got []string
		for _, m := range ms {
			if q == "orders-body" {
				got = append(got, checkRaw(t, m, byBody))
				continue
			}
			name, id := checkEnvelope(t, q, m, topic, subs[q], byBody)
			got = append(got, name)
			ids[q][name] = id
		}
		slices.Sort(got)
		w := slices.Sorted(slices.Values(want[q]))
		if !slices.Equal(got, w) {
			t.Errorf("queue %s received %q, want %q", q, got, w)
		}
	}
	// One MessageId per published message, the same in every queue (§2.4).
	for name, id := range ids["orders-attr"] {
		if other := ids["orders-all"][name]; other != id {
			t.Errorf("%s: MessageId %q in orders-attr but %q in orders-all", name, id, other)
		}
	}
}

// checkEnvelope checks one envelope-delivered SQS message and returns the
// publication it carries and the envelope's MessageId.
func checkEnvelope(t *testing.T, queue string, m sqstypes.Message, topic, sub string, byBody map[string]*publication) (string, string) {
	t.Helper()
	raw := aws.ToString(m.Body)
	if len(m.MessageAttributes) != 0 {
		t.Errorf("%s: an envelope delivery carries SQS attributes %v; they belong in the envelope", queue, m.MessageAttributes)
	}
	// AWS pretty-prints the envelope, Type first (§2.4).
	if !strings.HasPrefix(raw, "{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : ") {
		t.Errorf("%s: envelope does not start as AWS's does: %.60q", queue, raw)
	}
	var env envelope
	if err := json.Unmarshal([]byte(raw), &env); err != nil {
		t.Fatalf("%s: the body is not an SNS envelope: %v\n%s", queue, err, raw)
	}
	p, ok := byBody[env.Message]
	if !ok {
		t.Errorf("%s: envelope Message %q is none of the published ones", queue, env.Message)
		return "?", env.MessageId
	}
	if env.Type != "Notification" || env.MessageId != p.id || env.TopicArn != topic {
		t.Errorf("%s %s: Type %q MessageId %q TopicArn %q, want Notification %q %q", queue, p.name, env.Type, env.MessageId, env.TopicArn, p.id, topic)
	}
	if got := aws.ToString(env.Subject); got != p.subject || (p.subject == "" && env.Subject != nil) {
		t.Errorf("%s %s: Subject %v, want %q (absent when none)", queue, p.name, env.Subject, p.subject)
	}
	if _, err := time.Parse("2006-01-02T15:04:05.000Z", env.Timestamp); err != nil {
		t.Errorf("%s %s: Timestamp %q is not ISO-8601 UTC with milliseconds", queue, p.name, env.Timestamp)
	}
	if env.SignatureVersion != "1" || env.Signature == "" || env.SigningCertURL == "" {
		t.Errorf("%s %s: signature fields %q %q %q, want version 1 and the others set", queue, p.name, env.SignatureVersion, env.Signature, env.SigningCertURL)
	}
	if !strings.HasSuffix(env.UnsubscribeURL, "Action=Unsubscribe&SubscriptionArn="+sub) {
		t.Errorf("%s %s: UnsubscribeURL %q does not name the subscription %s", queue, p.name, env.UnsubscribeURL, sub)
	}
	if len(p.attrs) == 0 {
		if strings.Contains(raw, `"MessageAttributes"`) {
			t.Errorf("%s %s: envelope has MessageAttributes though none were published", queue, p.name)
		}
	} else {
		if len(env.MessageAttributes) != len(p.attrs) {
			t.Errorf("%s %s: envelope attributes %v, want %d", queue, p.name, env.MessageAttributes, len(p.attrs))
		}
		for k, a := range p.attrs {
			wantValue := aws.ToString(a.StringValue)
			if a.BinaryValue != nil {
				wantValue = base64.StdEncoding.EncodeToString(a.BinaryValue)
			}
			if g := env.MessageAttributes[k]; g.Type != aws.ToString(a.DataType) || g.Value != wantValue {
				t.Errorf("%s %s: envelope attribute %s = %+v, want {%s %s}", queue, p.name, k, g, aws.ToString(a.DataType), wantValue)
			}
		}
	}
	return p.name, env.MessageId
}

// checkRaw checks one raw-delivered SQS message: the body as published,
// the SNS attributes as SQS attributes (§2.4). It returns the
// publication's name.
func checkRaw(t *testing.T, m sqstypes.Message, byBody map[string]*publication) string {
	t.Helper()
	p, ok := byBody[aws.ToString(m.Body)]
	if !ok {
		t.Errorf("raw body %q is none of the published messages", aws.ToString(m.Body))
		return "?"
	}
	if len(m.MessageAttributes) != len(p.attrs) {
		t.Errorf("raw %s: SQS attributes %v, want %d", p.name, m.MessageAttributes, len(p.attrs))
	}
	for k, a := range p.attrs {
		g := m.MessageAttributes[k]
		if aws.ToString(g.DataType) != aws.ToString(a.DataType) || aws.ToString(g.StringValue) != aws.ToString(a.StringValue) || string(g.BinaryValue) != string(a.BinaryValue) {
			t.Errorf("raw %s: attribute %s = %s %q, want %s %q", p.name, k, aws.ToString(g.DataType), aws.ToString(g.StringValue), aws.ToString(a.DataType), aws.ToString(a.StringValue))
		}
	}
	if got := aws.ToString(m.MD5OfMessageAttributes); got != md5OfAttributes(m.MessageAttributes) {
		t.Errorf("raw %s: MD5OfMessageAttributes = %q, want %q", p.name, got, md5OfAttributes(m.MessageAttributes))
	}
	return p.name
}

// TestEmulatorAdmin drives the emulator's admin API over a real socket:
// health, time travel (delays and visibility timeouts fall due), reset.
func TestEmulatorAdmin(t *testing.T) {
	s := loopback(t)
	ctx := t.Context()

	health := s.admin(t, http.MethodGet, "health", "")
	services, _ := health["services"].([]any)
	if health["status"] != "running" || !slices.Contains(services, any("sqs")) || !slices.Contains(services, any("sns")) {
		t.Errorf("health = %v, want status running with services sqs and sns", health)
	}

	url := aws.String(createQueue(t, s.SQS, "later", nil))
	if _, err := s.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: url, MessageBody: aws.String("in ten minutes"), DelaySeconds: 600}); err != nil {
		t.Fatal(err)
	}
	if ms := receive(t, s.SQS, *url); len(ms) != 0 {
		t.Fatalf("a message delayed 600 s was received at once")
	}
	s.advance(t, 300*time.Second)
	if ms := receive(t, s.SQS, *url); len(ms) != 0 {
		t.Fatalf("a message delayed 600 s was received after 300 s")
	}
	s.advance(t, 300*time.Second)
	ms := receive(t, s.SQS, *url)
	if len(ms) != 1 {
		t.Fatalf("after advancing 600 s, received %d messages, want the delayed one", len(ms))
	}
	// The received message is in flight for the queue's 30 s.
	if again := receive(t, s.SQS, *url); len(again) != 0 {
		t.Fatalf("an in-flight message was received again")
	}
	s.advance(t, 31*time.Second)
	again := receive(t, s.SQS, *url)
	if len(again) != 1 || again[0].Attributes["ApproximateReceiveCount"] != "2" {
		t.Fatalf("after advancing past the visibility timeout, received %+v, want the message a second time", again)
	}

	// Bad admin requests are refused.
	for _, body := range []string{`{"seconds":-1}`, `{}`, `nope`} {
		resp, err := s.client.Post(s.URL+"/_switchyard/clock/advance", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("clock/advance %s = %d, want 400", body, resp.StatusCode)
		}
	}

	createTopic(t, s.SNS, "short-lived", nil)
	s.admin(t, http.MethodPost, "reset", "")
	_, err := s.SQS.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String("later")})
	requireAs[*sqstypes.QueueDoesNotExist](t, err)
	requireCode(t, err, "AWS.SimpleQueueService.NonExistentQueue")
	if out, err := s.SQS.ListQueues(ctx, &sqs.ListQueuesInput{}); err != nil || len(out.QueueUrls) != 0 {
		t.Errorf("ListQueues after reset = %v, %v; want none", out, err)
	}
	if out, err := s.SNS.ListTopics(ctx, &sns.ListTopicsInput{}); err != nil || len(out.Topics) != 0 {
		t.Errorf("ListTopics after reset = %v, %v; want none", out, err)
	}
	// The account works as new after a reset.
	createQueue(t, s.SQS, "later", nil)
}
