package topic_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// The envelope, byte for byte: AWS's key order and spacing, the
// millisecond timestamp, Jackson-style escaping, attributes sorted by name
// with binary values in base64.
func TestEnvelopeGolden(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "orders"}, topic.WithClock(clk), topic.WithAccount("eu-west-1", "123456789012"))
	q := newQueue(t, queue.Config[string]{Name: "q"})
	s := subscribe(t, tp, q, topic.SubscriptionConfig{})
	res := publish(t, tp, topic.PublishInput[string]{
		Message: "line 1\n\"quoted\" <b>&</b> é \\ \x01",
		Subject: "Order placed",
		Attributes: map[string]topic.Attribute{
			"status": str("placed"),
			"amount": {DataType: "Number", StringValue: "12.5"},
			"raw":    {DataType: "Binary", BinaryValue: []byte("hi")},
		},
	})
	want := `{
  "Type" : "Notification",
  "MessageId" : "` + res.MessageID + `",
  "TopicArn" : "arn:aws:sns:eu-west-1:123456789012:orders",
  "Subject" : "Order placed",
  "Message" : "line 1\n\"quoted\" <b>&</b> é \\ \u0001",
  "Timestamp" : "2025-03-04T05:06:07.890Z",
  "SignatureVersion" : "1",
  "Signature" : "U1dJVENIWUFSRC1VTlNJR05FRA==",
  "SigningCertURL" : "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-00000000000000000000000000000000.pem",
  "UnsubscribeURL" : "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=` + s.ARN() + `",
  "MessageAttributes" : {
    "amount" : {"Type":"Number","Value":"12.5"},
    "raw" : {"Type":"Binary","Value":"aGk="},
    "status" : {"Type":"String","Value":"placed"}
  }
}`
	msgs := drain(t, q)
	if len(msgs) != 1 || msgs[0].Body != want {
		t.Fatalf("envelope:\n%s\nwant:\n%s", bodies(msgs), want)
	}
	if msgs[0].Attributes != nil {
		t.Errorf("an enveloped message carries queue attributes %v", msgs[0].Attributes)
	}
	var parsed map[string]any
	if err := json.Unmarshal([]byte(msgs[0].Body), &parsed); err != nil || parsed["Message"] != "line 1\n\"quoted\" <b>&</b> é \\ \x01" {
		t.Errorf("envelope does not parse back: %v %q", err, parsed["Message"])
	}
}

// A FIFO topic's envelope has a SequenceNumber after the MessageId and no
// signature fields; without subject or attributes those keys are left out.
func TestEnvelopeGoldenFIFO(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "orders.fifo", FIFO: true, ContentBasedDeduplication: true}, topic.WithClock(clk))
	q := newQueue(t, queue.Config[string]{Name: "q.fifo", FIFO: true})
	s := subscribe(t, tp, q, topic.SubscriptionConfig{})
	res := publish(t, tp, topic.PublishInput[string]{Message: "hello", GroupID: "g1"})
	want := `{
  "Type" : "Notification",
  "MessageId" : "` + res.MessageID + `",
  "SequenceNumber" : "10000000000000000001",
  "TopicArn" : "arn:aws:sns:us-east-1:000000000000:orders.fifo",
  "Message" : "hello",
  "Timestamp" : "2025-03-04T05:06:07.890Z",
  "UnsubscribeURL" : "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=` + s.ARN() + `"
}`
	msgs := drain(t, q)
	if len(msgs) != 1 || msgs[0].Body != want {
		t.Fatalf("envelope:\n%s\nwant:\n%s", bodies(msgs), want)
	}
	sys := msgs[0].System
	// The group id and the topic's deduplication id (the SHA-256 of the
	// message) are passed on to a FIFO queue.
	if sys.MessageGroupID != "g1" || sys.MessageDeduplicationID != "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" {
		t.Errorf("group %q, dedup %q", sys.MessageGroupID, sys.MessageDeduplicationID)
	}
	if res.MessageID[14] != '5' {
		t.Errorf("FIFO message id %s is not version 5, as AWS's are", res.MessageID)
	}
}

// One message id for every subscriber; each subscriber's envelope names it.
func TestFanOutSharesMessageID(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t"})
	var qs []*queue.Queue[string]
	for _, name := range []string{"a", "b", "c"} {
		q := newQueue(t, queue.Config[string]{Name: name})
		subscribe(t, tp, q, topic.SubscriptionConfig{})
		qs = append(qs, q)
	}
	res := publish(t, tp, topic.PublishInput[string]{Message: "m"})
	for _, q := range qs {
		msgs := drain(t, q)
		var env struct{ MessageId, UnsubscribeURL string }
		if len(msgs) != 1 || json.Unmarshal([]byte(msgs[0].Body), &env) != nil || env.MessageId != res.MessageID {
			t.Fatalf("%s got %v", q.Name(), bodies(msgs))
		}
	}
}

func TestRawDelivery(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t"})
	q := newQueue(t, queue.Config[string]{Name: "q"})
	dlq := newQueue(t, queue.Config[string]{Name: "dlq"})
	s := subscribe(t, tp, q, topic.SubscriptionConfig{RawMessageDelivery: true, DeadLetterQueue: dlq})
	attrs := map[string]topic.Attribute{"status": str("placed"), "tags": {DataType: "String.Array", StringValue: `["a","b"]`}}
	publish(t, tp, topic.PublishInput[string]{Message: "raw body", Subject: "ignored", Attributes: attrs, GroupID: "tenant-1"})
	msgs := drain(t, q)
	if len(msgs) != 1 || msgs[0].Body != "raw body" {
		t.Fatalf("raw delivery got %q", bodies(msgs))
	}
	if got := msgs[0].Attributes; len(got) != 2 || got["status"].StringValue != "placed" || got["tags"].DataType != "String.Array" {
		t.Errorf("attributes = %v, want the published ones and nothing more", got)
	}
	if g := msgs[0].System.MessageGroupID; g != "tenant-1" {
		t.Errorf("a standard topic's group id reaches a standard queue as %q", g)
	}
	// More than 10 attributes cannot go to SQS raw: a client-side error,
	// not retried, dead-lettered at once (without the attributes, which the
	// dead-letter queue cannot take either).
	publish(t, tp, topic.PublishInput[string]{Message: "eleven", Attributes: elevenAttributes()})
	if got := drain(t, q); len(got) != 0 {
		t.Errorf("a raw message with 11 attributes was delivered")
	}
	dead := drain(t, dlq)
	if len(dead) != 1 || dead[0].Body != "eleven" || dead[0].Attributes != nil {
		t.Fatalf("dead letters = %v", bodies(dead))
	}
	if st := s.Stats(); st != (topic.Stats{Delivered: 1, Failures: 1, DeadLettered: 1}) {
		t.Errorf("stats = %+v", st)
	}
}

// MessageStructure "json": queues get the "sqs" entry, or "default".
func TestMessageStructure(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t"})
	raw := newQueue(t, queue.Config[string]{Name: "raw"})
	subscribe(t, tp, raw, topic.SubscriptionConfig{RawMessageDelivery: true})
	publish(t, tp, topic.PublishInput[string]{Message: `{"default":"d","sqs":"for queues"}`, MessageStructure: "json"})
	publish(t, tp, topic.PublishInput[string]{Message: `{"default":"d","email":"e"}`, MessageStructure: "json"})
	if got := bodies(drain(t, raw)); !slices.Equal(got, []string{"for queues", "d"}) {
		t.Errorf("got %q", got)
	}
}

// Bodies that are not strings travel as their JSON encoding.
func TestTypedBody(t *testing.T) {
	t.Parallel()
	type order struct {
		ID     string `json:"id"`
		Amount int    `json:"amount"`
	}
	tp := newTopic[order](t, topic.Config{Name: "t"})
	q := newQueue(t, queue.Config[string]{Name: "q"})
	subscribe(t, tp, q, topic.SubscriptionConfig{RawMessageDelivery: true})
	publish(t, tp, topic.PublishInput[order]{Message: order{"o-1", 12}})
	if got := bodies(drain(t, q)); len(got) != 1 || got[0] != `{"id":"o-1","amount":12}` {
		t.Errorf("got %q", got)
	}
	_, err := newTopic[chan int](t, topic.Config{Name: "c"}).Publish(topic.PublishInput[chan int]{Message: make(chan int)})
	if err == nil {
		t.Error("a body JSON cannot encode was published")
	}
}

func TestFilterPolicies(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t"})
	mk := func(name string, cfg topic.SubscriptionConfig) (*queue.Queue[string], *topic.Subscription[string]) {
		q := newQueue(t, queue.Config[string]{Name: name})
		return q, subscribe(t, tp, q, cfg)
	}
	placed, _ := mk("placed", topic.SubscriptionConfig{FilterPolicy: `{"status":["placed"]}`})
	exists, _ := mk("exists", topic.SubscriptionConfig{FilterPolicy: `{"priority":[{"exists":true}]}`})
	body, _ := mk("body", topic.SubscriptionConfig{FilterPolicy: `{"kind":["refund"]}`, FilterPolicyScope: topic.ScopeMessageBody})
	all, _ := mk("all", topic.SubscriptionConfig{})
	changing, cs := mk("changing", topic.SubscriptionConfig{FilterPolicy: `{"status":["none"]}`})

	pub := func(msg string, attrs map[string]topic.Attribute) {
		publish(t, tp, topic.PublishInput[string]{Message: msg, Attributes: attrs})
	}
	pub("1", map[string]topic.Attribute{"status": str("placed")})
	pub("2", map[string]topic.Attribute{"status": str("cancelled"), "priority": str("high")})
	pub(`{"kind":"refund"}`, nil)
	if err := cs.SetFilterPolicy(`{"status":["cancelled"]}`); err != nil {
		t.Fatal(err)
	}
	pub("4", map[string]topic.Attribute{"status": str("cancelled")})
	if err := cs.SetFilterPolicy(""); err != nil {
		t.Fatal(err)
	}
	pub("5", nil)

	rawBodies := func(q *queue.Queue[string]) []string {
		var out []string
		for _, m := range drain(t, q) {
			var env struct{ Message string }
			if err := json.Unmarshal([]byte(m.Body), &env); err != nil {
				t.Fatal(err)
			}
			out = append(out, env.Message)
		}
		return out
	}
	want := map[*queue.Queue[string]][]string{
		placed:   {"1"},
		exists:   {"2"},
		body:     {`{"kind":"refund"}`},
		all:      {"1", "2", `{"kind":"refund"}`, "4", "5"},
		changing: {"4", "5"},
	}
	for q, w := range want {
		if got := rawBodies(q); !slices.Equal(got, w) {
			t.Errorf("%s got %q, want %q", q.Name(), got, w)
		}
	}
}

// A FIFO topic deduplicates at the topic, for 5 minutes, by explicit id or
// by content; a duplicate answers with the original's id and number.
func TestFIFODeduplication(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "t.fifo", FIFO: true, ContentBasedDeduplication: true}, topic.WithClock(clk))
	q := newQueue(t, queue.Config[string]{Name: "q"}) // standard: the queue deduplicates nothing
	subscribe(t, tp, q, topic.SubscriptionConfig{RawMessageDelivery: true})
	first := publish(t, tp, topic.PublishInput[string]{Message: "a", GroupID: "g"})
	dup := publish(t, tp, topic.PublishInput[string]{Message: "a", GroupID: "other"})
	if dup != first {
		t.Errorf("duplicate answered %+v, want %+v", dup, first)
	}
	byID := publish(t, tp, topic.PublishInput[string]{Message: "b", GroupID: "g", DeduplicationID: "x"})
	if dupID := publish(t, tp, topic.PublishInput[string]{Message: "c", GroupID: "g", DeduplicationID: "x"}); dupID != byID {
		t.Errorf("explicit duplicate answered %+v, want %+v", dupID, byID)
	}
	clk.Advance(topic.DeduplicationWindow)
	again := publish(t, tp, topic.PublishInput[string]{Message: "a", GroupID: "g"})
	if again.SequenceNumber <= byID.SequenceNumber || byID.SequenceNumber <= first.SequenceNumber {
		t.Errorf("sequence numbers %v %v %v do not increase", first.SequenceNumber, byID.SequenceNumber, again.SequenceNumber)
	}
	msgs := drain(t, q)
	if got := bodies(msgs); !slices.Equal(got, []string{"a", "b", "a"}) {
		t.Errorf("delivered %q", got)
	}
	if msgs[0].System.MessageGroupID != "" || msgs[0].System.MessageDeduplicationID != "" {
		t.Errorf("a standard queue got FIFO ids: %+v", msgs[0].System)
	}
}

// With the MessageGroup scope, the same id in another group is no duplicate.
func TestFIFODeduplicationPerGroup(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t.fifo", FIFO: true, ThroughputScope: topic.ThroughputPerMessageGroup})
	a := publish(t, tp, topic.PublishInput[string]{Message: "m", GroupID: "g1", DeduplicationID: "d"})
	b := publish(t, tp, topic.PublishInput[string]{Message: "m", GroupID: "g2", DeduplicationID: "d"})
	c := publish(t, tp, topic.PublishInput[string]{Message: "m", GroupID: "g1", DeduplicationID: "d"})
	if a == b || c != a {
		t.Errorf("results %+v %+v %+v", a, b, c)
	}
}

// A FIFO batch is published in order into FIFO queues, groups kept.
// Entries of one batch deduplicate each other as separate publishes would:
// the duplicate answers with the first one's id and sequence number.
func TestFIFODeduplicationWithinBatch(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t.fifo", FIFO: true})
	q := newQueue(t, queue.Config[string]{Name: "q"})
	subscribe(t, tp, q, topic.SubscriptionConfig{RawMessageDelivery: true})
	entry := func(id, body, dedup string) topic.PublishBatchEntry[string] {
		return topic.PublishBatchEntry[string]{ID: id, PublishInput: topic.PublishInput[string]{Message: body, GroupID: "g", DeduplicationID: dedup}}
	}
	res, err := tp.PublishBatch([]topic.PublishBatchEntry[string]{entry("a", "first", "d1"), entry("b", "again", "d1"), entry("c", "other", "d2")})
	if err != nil {
		t.Fatal(err)
	}
	if res[1].MessageID != res[0].MessageID || res[1].SequenceNumber != res[0].SequenceNumber || res[2].MessageID == res[0].MessageID {
		t.Errorf("results %+v: the duplicate must answer as the first entry, the other on its own", res)
	}
	if got := bodies(drain(t, q)); len(got) != 2 || got[0] != "first" || got[1] != "other" {
		t.Errorf("delivered %q, want the first and the other", got)
	}
}

func TestFIFOBatchOrder(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t.fifo", FIFO: true, ContentBasedDeduplication: true})
	q := newQueue(t, queue.Config[string]{Name: "q.fifo", FIFO: true})
	subscribe(t, tp, q, topic.SubscriptionConfig{RawMessageDelivery: true})
	var entries []topic.PublishBatchEntry[string]
	for i := range 10 {
		entries = append(entries, topic.PublishBatchEntry[string]{ID: string(rune('a' + i)), PublishInput: topic.PublishInput[string]{
			Message: strings.Repeat("m", i+1), GroupID: "g"}})
	}
	res, err := tp.PublishBatch(entries)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(res); i++ {
		if res[i].SequenceNumber <= res[i-1].SequenceNumber {
			t.Fatalf("sequence numbers out of order: %+v", res)
		}
	}
	got := bodies(drain(t, q)) // a group's messages come in one receive, in order
	for i, b := range got {
		if len(b) != i+1 {
			t.Fatalf("order %q", got)
		}
	}
}

// The envelope writes an attribute's value by its data type: a String's
// text even when it also carries (empty) bytes, a Binary's bytes in
// base64.
func TestEnvelopeAttributeValueByType(t *testing.T) {
	t.Parallel()
	tp := newTopic[string](t, topic.Config{Name: "t"})
	q := newQueue(t, queue.Config[string]{Name: "q"})
	subscribe(t, tp, q, topic.SubscriptionConfig{})
	publish(t, tp, topic.PublishInput[string]{Message: "m", Attributes: map[string]topic.Attribute{
		"s": {DataType: "String", StringValue: "hello", BinaryValue: []byte{}},
		"b": {DataType: "Binary.png", BinaryValue: []byte{1, 2, 3}},
	}})
	var env struct {
		MessageAttributes map[string]struct{ Type, Value string }
	}
	msgs := drain(t, q)
	if len(msgs) != 1 || json.Unmarshal([]byte(msgs[0].Body), &env) != nil {
		t.Fatalf("got %q", bodies(msgs))
	}
	if s, b := env.MessageAttributes["s"], env.MessageAttributes["b"]; s.Value != "hello" || b.Type != "Binary.png" || b.Value != "AQID" {
		t.Errorf("attributes %+v", env.MessageAttributes)
	}
}
