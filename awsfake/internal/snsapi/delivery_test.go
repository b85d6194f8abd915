package snsapi

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// recorder is a function that records the events it gets and fails its
// first failures calls.
type recorder struct {
	mu       sync.Mutex
	events   [][]byte
	calls    int
	failures int
}

func (r *recorder) fn(_ context.Context, payload []byte) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if r.calls <= r.failures {
		return nil, errors.New("function error")
	}
	r.events = append(r.events, payload)
	return []byte(`{}`), nil
}

func (r *recorder) snapshot() (int, [][]byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls, append([][]byte(nil), r.events...)
}

func TestLambdaSubscription(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarnessOn(t, nil)
		rec := &recorder{}
		fn := h.function("handler", rec.fn)
		arn := h.createTopic("t", "Attributes.entry.1.key", "SignatureVersion", "Attributes.entry.1.value", "2")
		sub := h.subscribe(arn, "lambda", fn)
		if a := h.subscriptionAttributes(sub); a["PendingConfirmation"] != "false" || a["Protocol"] != "lambda" || a["Endpoint"] != fn {
			t.Errorf("attributes %v", a)
		}
		id := h.ok("Publish", append([]string{"TopicArn", arn, "Message", `{"x":"<&>"}`, "Subject", "Hello"},
			attrs("", "s", "String", "v", "b", "Binary", "AgME", "n", "Number", "7")...)...).child("MessageId").text
		synctest.Wait() // deliveries run side by side: one at a time here, to know which is which
		h.ok("Publish", "TopicArn", arn, "Message", `{"default":"plain","lambda":"for lambda"}`, "MessageStructure", "json")
		synctest.Wait()
		_, events := rec.snapshot()
		if len(events) != 2 {
			t.Fatalf("function got %d events", len(events))
		}
		var ev struct {
			Records []struct {
				EventSource, EventVersion, EventSubscriptionArn string
				Sns                                             struct {
					Type, MessageId, TopicArn, Message, Timestamp string
					Subject                                       *string
					SignatureVersion, Signature                   string
					SigningCertUrl, UnsubscribeUrl                string
					MessageAttributes                             map[string]struct{ Type, Value string }
				}
			}
		}
		if err := json.Unmarshal(events[0], &ev); err != nil || len(ev.Records) != 1 {
			t.Fatalf("event %s: %v", events[0], err)
		}
		r := ev.Records[0]
		m := r.Sns
		if r.EventSource != "aws:sns" || r.EventVersion != "1.0" || r.EventSubscriptionArn != sub ||
			m.Type != "Notification" || m.MessageId != id || m.TopicArn != arn || m.Message != `{"x":"<&>"}` ||
			m.Subject == nil || *m.Subject != "Hello" || m.Timestamp != "2000-01-01T00:00:00.000Z" ||
			m.SignatureVersion != "2" || m.Signature == "" ||
			m.SigningCertUrl != "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-00000000000000000000000000000000.pem" ||
			m.UnsubscribeUrl != "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="+sub ||
			m.MessageAttributes["s"] != (struct{ Type, Value string }{"String", "v"}) ||
			m.MessageAttributes["b"] != (struct{ Type, Value string }{"Binary", "AgME"}) ||
			m.MessageAttributes["n"] != (struct{ Type, Value string }{"Number", "7"}) {
			t.Errorf("event %s", events[0])
		}
		// AWS's spelling, and JSON written as AWS writes it.
		for _, want := range []string{`"SigningCertUrl"`, `"UnsubscribeUrl"`, `"Message":"{\"x\":\"<&>\"}"`} {
			if !json.Valid(events[0]) || !contains(events[0], want) {
				t.Errorf("event lacks %s: %s", want, events[0])
			}
		}
		if !contains(events[1], `"Subject":null`) || !contains(events[1], `"MessageAttributes":{}`) || !contains(events[1], `"Message":"for lambda"`) {
			t.Errorf("second event %s", events[1])
		}
	})
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }

// A function error is retried on SNS's schedule: three times at once, then
// 1 s apart.
func TestLambdaRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarnessOn(t, nil)
		rec := &recorder{failures: 5}
		arn := h.createTopic("t")
		h.subscribe(arn, "lambda", h.function("flaky", rec.fn))
		h.ok("Publish", "TopicArn", arn, "Message", "m")
		synctest.Wait()
		if calls, events := rec.snapshot(); calls != 4 || len(events) != 0 {
			t.Errorf("at once: %d calls, %d events; want 4, 0", calls, len(events))
		}
		time.Sleep(2 * time.Second) // the bubble's clock: two retries 1 s apart
		synctest.Wait()
		if calls, events := rec.snapshot(); calls != 6 || len(events) != 1 {
			t.Errorf("after 2 s: %d calls, %d events; want 6, 1", calls, len(events))
		}
	})
}

// A lambda endpoint no function answers to is accepted; its deliveries are
// dropped until a function is registered under the ARN.
func TestLambdaFunctionMissing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarnessOn(t, nil)
		arn := h.createTopic("t")
		fn := "arn:aws:lambda:us-east-1:000000000000:function:later"
		h.subscribe(arn, "lambda", fn)
		h.ok("Publish", "TopicArn", arn, "Message", "lost")
		synctest.Wait()
		rec := &recorder{}
		h.function("later", rec.fn)
		h.ok("Publish", "TopicArn", arn, "Message", "found")
		synctest.Wait()
		if calls, _ := rec.snapshot(); calls != 1 {
			t.Errorf("function called %d times, want 1", calls)
		}
		// Another account's function waits for confirmation and gets nothing.
		if got := h.subscribe(arn, "lambda", "arn:aws:lambda:us-east-1:111111111111:function:theirs"); got != "pending confirmation" {
			t.Errorf("cross-account lambda subscription %q", got)
		}
	})
}

// A subscription to a queue that does not exist, or no longer does, is
// accepted and delivers nothing; its messages go to the dead-letter queue
// at once, as client-side errors do.
func TestMissingAndDeletedQueues(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	dlq, dlqARN := h.queue("dlq")
	redrive := []string{"Attributes.entry.1.key", "RedrivePolicy", "Attributes.entry.1.value", `{"deadLetterTargetArn":"` + dlqARN + `"}`}

	missing := "arn:aws:sqs:us-east-1:000000000000:never-made"
	sub := h.subscribe(arn, "sqs", missing, redrive...)
	if a := h.subscriptionAttributes(sub); a["PendingConfirmation"] != "false" || a["Endpoint"] != missing {
		t.Errorf("attributes %v", a)
	}
	lost := "arn:aws:sqs:us-east-1:000000000000:also-missing"
	lostSub := h.subscribe(arn, "sqs", lost) // no dead-letter queue: dropped

	q, qarn := h.queue("deleted")
	h.subscribe(arn, "sqs", qarn, redrive...)
	h.ok("Publish", "TopicArn", arn, "Message", "before")
	if got := messagesOf(t, q); len(got) != 1 {
		t.Fatalf("live queue got %q", got)
	}
	if got := messagesOf(t, dlq); len(got) != 1 || got[0] != "before" {
		t.Errorf("dead-letter queue got %q, want the message for the missing queue", got)
	}
	q.Close() // DeleteQueue
	h.ok("Publish", "TopicArn", arn, "Message", "after")
	if got := messagesOf(t, dlq); len(got) != 2 || got[0] != "after" || got[1] != "after" {
		t.Errorf("dead-letter queue got %q, want two copies of the message", got)
	}
	// A dead-letter queue set later takes what would have been dropped.
	h.ok("SetSubscriptionAttributes", "SubscriptionArn", lostSub, "AttributeName", "RedrivePolicy",
		"AttributeValue", `{"deadLetterTargetArn":"`+dlqARN+`"}`)
	h.ok("Publish", "TopicArn", arn, "Message", "third")
	if got := messagesOf(t, dlq); len(got) != 3 {
		t.Errorf("dead-letter queue got %q, want three copies of the message", got)
	}
}

// A raw delivery with more than 10 attributes is a client-side error.
func TestRawDeliveryWithTooManyAttributes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	q, qarn := h.queue("q")
	dlq, dlqARN := h.queue("dlq")
	h.subscribe(arn, "sqs", qarn, "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true",
		"Attributes.entry.2.key", "RedrivePolicy", "Attributes.entry.2.value", `{"deadLetterTargetArn":"`+dlqARN+`"}`)
	var triples []string
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"} {
		triples = append(triples, n, "String", "v")
	}
	h.ok("Publish", append([]string{"TopicArn", arn, "Message", "m"}, attrs("", triples...)...)...)
	if n := len(receive(t, q)); n != 0 {
		t.Errorf("queue got %d", n)
	}
	if got := receive(t, dlq); len(got) != 1 || got[0].Body != "m" {
		t.Errorf("dead-letter queue got %+v", got)
	}
}
