package sdktest

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// SNS through the real client (awsQuery: form requests, XML replies):
// topics, subscriptions, publishing, tags, permissions and data
// protection policies. AWS behaviour from shared/reference/sqs-and-sns.md
// §2 ("rec" marks responses recorded against AWS).

func createTopic(t *testing.T, c *sns.Client, name string, attrs map[string]string) string {
	t.Helper()
	out, err := c.CreateTopic(t.Context(), &sns.CreateTopicInput{Name: aws.String(name), Attributes: attrs})
	if err != nil {
		t.Fatalf("CreateTopic %s: %v", name, err)
	}
	return aws.ToString(out.TopicArn)
}

func topicAttrs(t *testing.T, c *sns.Client, arn string) map[string]string {
	t.Helper()
	out, err := c.GetTopicAttributes(t.Context(), &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	if err != nil {
		t.Fatalf("GetTopicAttributes %s: %v", arn, err)
	}
	return out.Attributes
}

func subscribe(t *testing.T, c *sns.Client, topic, protocol, endpoint string, attrs map[string]string) string {
	t.Helper()
	out, err := c.Subscribe(t.Context(), &sns.SubscribeInput{
		TopicArn: aws.String(topic), Protocol: aws.String(protocol), Endpoint: aws.String(endpoint),
		Attributes: attrs, ReturnSubscriptionArn: true,
	})
	if err != nil {
		t.Fatalf("Subscribe %s %s: %v", protocol, endpoint, err)
	}
	arn := aws.ToString(out.SubscriptionArn)
	if !strings.HasPrefix(arn, topic+":") {
		t.Fatalf("SubscriptionArn = %q, want %s:<id>", arn, topic)
	}
	return arn
}

// requireNotFound checks an SNS NotFound, matched as users match it.
func requireNotFound(t *testing.T, what string, err error, msg string) {
	t.Helper()
	wantAs[*snstypes.NotFoundException](t, what, err)
	wantError(t, what, err, "NotFound", msg)
}

// requireInvalid checks an SNS InvalidParameter with AWS's message.
func requireInvalid(t *testing.T, what string, err error, msg string) {
	t.Helper()
	wantAs[*snstypes.InvalidParameterException](t, what, err)
	wantError(t, what, err, "InvalidParameter", msg)
}

func TestSNSCreateTopic(t *testing.T) {
	tests := []struct {
		name  string
		topic string
		attrs map[string]string
		want  map[string]string
	}{
		{"standard", "events", nil, map[string]string{
			"TopicArn": topicARN("events"), "Owner": account,
			"SubscriptionsConfirmed": "0", "SubscriptionsPending": "0", "SubscriptionsDeleted": "0",
		}},
		{"fifo", "events.fifo", map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"}, map[string]string{
			"TopicArn": topicARN("events.fifo"), "FifoTopic": "true", "ContentBasedDeduplication": "true",
		}},
		{"attributes", "named", map[string]string{"DisplayName": "Order events", "TracingConfig": "Active"}, map[string]string{
			"DisplayName": "Order events", "TracingConfig": "Active",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inMemory(t, func(t *testing.T, e *env) {
				arn := createTopic(t, e.SNS, tt.topic, tt.attrs)
				if arn != topicARN(tt.topic) {
					t.Errorf("TopicArn = %q, want %q", arn, topicARN(tt.topic))
				}
				got := topicAttrs(t, e.SNS, arn)
				for k, v := range tt.want {
					if got[k] != v {
						t.Errorf("attribute %s = %q, want %q", k, got[k], v)
					}
				}
				var policy map[string]any
				if err := json.Unmarshal([]byte(got["Policy"]), &policy); err != nil {
					t.Errorf("the default Policy %q is not JSON: %v", got["Policy"], err)
				}
				// Idempotent with the same attributes (§2.1).
				if again := createTopic(t, e.SNS, tt.topic, tt.attrs); again != arn {
					t.Errorf("CreateTopic again = %q, want %q", again, arn)
				}
			})
		})
	}
}

func TestSNSCreateTopicInvalid(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		createTopic(t, e.SNS, "taken", map[string]string{"DisplayName": "one"})
		_, err := e.SNS.CreateTopic(t.Context(), &sns.CreateTopicInput{Name: aws.String("taken"), Attributes: map[string]string{"DisplayName": "two"}})
		requireInvalid(t, "CreateTopic with other attributes", err, "Invalid parameter: Attributes Reason: Topic already exists with different attributes") // §2.1 rec
		_, err = e.SNS.CreateTopic(t.Context(), &sns.CreateTopicInput{Name: aws.String("taken"), Attributes: map[string]string{"DisplayName": "one"}, Tags: []snstypes.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
		requireInvalid(t, "CreateTopic with other tags", err, "Invalid parameter: Tags Reason: Topic already exists with different tags") // §2.1 rec

		for _, tc := range []struct {
			name  string
			attrs map[string]string
		}{
			{"bad name!", nil},
			{strings.Repeat("t", 257), nil},
			{"nofifo.fifo", nil},
			{"fifo-without-suffix", map[string]string{"FifoTopic": "true"}},
		} {
			_, err := e.SNS.CreateTopic(t.Context(), &sns.CreateTopicInput{Name: aws.String(tc.name), Attributes: tc.attrs})
			requireInvalid(t, "CreateTopic "+tc.name[:min(len(tc.name), 20)], err, "")
		}
		out, err := e.SNS.ListTopics(t.Context(), &sns.ListTopicsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Topics) != 1 {
			t.Errorf("after refused CreateTopics, ListTopics = %d topics, want 1", len(out.Topics))
		}
	})
}

func TestSNSTopicAttributes(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		arn := createTopic(t, e.SNS, "attrs", nil)
		if _, err := e.SNS.SetTopicAttributes(t.Context(), &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String("DisplayName"), AttributeValue: aws.String("Renamed")}); err != nil {
			t.Fatalf("SetTopicAttributes: %v", err)
		}
		if got := topicAttrs(t, e.SNS, arn)["DisplayName"]; got != "Renamed" {
			t.Errorf("DisplayName = %q, want Renamed", got)
		}
		_, err := e.SNS.SetTopicAttributes(t.Context(), &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String("Colour"), AttributeValue: aws.String("blue")})
		requireInvalid(t, "SetTopicAttributes(Colour)", err, "Invalid parameter: AttributeName")
		_, err = e.SNS.GetTopicAttributes(t.Context(), &sns.GetTopicAttributesInput{TopicArn: aws.String(topicARN("missing"))})
		requireNotFound(t, "GetTopicAttributes(missing)", err, "Topic does not exist") // §2.6
		_, err = e.SNS.SetTopicAttributes(t.Context(), &sns.SetTopicAttributesInput{TopicArn: aws.String(topicARN("missing")), AttributeName: aws.String("DisplayName"), AttributeValue: aws.String("x")})
		requireNotFound(t, "SetTopicAttributes(missing)", err, "Topic does not exist")
	})
}

func TestSNSListAndDeleteTopics(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		var want []string
		for _, n := range []string{"t1", "t2", "t3"} {
			want = append(want, createTopic(t, e.SNS, n, nil))
		}
		list := func() []string {
			t.Helper()
			var got []string
			p := sns.NewListTopicsPaginator(e.SNS, &sns.ListTopicsInput{})
			for p.HasMorePages() {
				out, err := p.NextPage(t.Context())
				if err != nil {
					t.Fatalf("ListTopics: %v", err)
				}
				for _, tp := range out.Topics {
					got = append(got, aws.ToString(tp.TopicArn))
				}
			}
			slices.Sort(got)
			return got
		}
		if got := list(); !slices.Equal(got, want) {
			t.Errorf("ListTopics = %v, want %v", got, want)
		}
		createQueue(t, e.SQS, "sub", nil)
		sub := subscribe(t, e.SNS, want[1], "sqs", queueARN("sub"), nil)

		if _, err := e.SNS.DeleteTopic(t.Context(), &sns.DeleteTopicInput{TopicArn: aws.String(want[1])}); err != nil {
			t.Fatalf("DeleteTopic: %v", err)
		}
		if got := list(); !slices.Equal(got, []string{want[0], want[2]}) {
			t.Errorf("ListTopics after DeleteTopic = %v", got)
		}
		_, err := e.SNS.GetTopicAttributes(t.Context(), &sns.GetTopicAttributesInput{TopicArn: aws.String(want[1])})
		requireNotFound(t, "GetTopicAttributes(deleted)", err, "Topic does not exist")
		// Deleting a topic deletes its subscriptions.
		_, err = e.SNS.GetSubscriptionAttributes(t.Context(), &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
		requireNotFound(t, "GetSubscriptionAttributes(of a deleted topic)", err, "Subscription does not exist")
		// Deleting a topic that does not exist is not an error (API
		// reference, DeleteTopic).
		if _, err := e.SNS.DeleteTopic(t.Context(), &sns.DeleteTopicInput{TopicArn: aws.String(want[1])}); err != nil {
			t.Errorf("DeleteTopic of a deleted topic: %v, want success", err)
		}
	})
}

func TestSNSSubscriptions(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		topic := createTopic(t, e.SNS, "orders", nil)
		other := createTopic(t, e.SNS, "refunds", nil)
		createQueue(t, e.SQS, "orders-q", nil)
		createQueue(t, e.SQS, "refunds-q", nil)

		sub := subscribe(t, e.SNS, topic, "sqs", queueARN("orders-q"), map[string]string{"RawMessageDelivery": "true"})
		// Same subscription again: the same ARN (§2.3).
		if again := subscribe(t, e.SNS, topic, "sqs", queueARN("orders-q"), map[string]string{"RawMessageDelivery": "true"}); again != sub {
			t.Errorf("Subscribe again = %q, want %q", again, sub)
		}
		_, err := e.SNS.Subscribe(t.Context(), &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(queueARN("orders-q")), Attributes: map[string]string{"RawMessageDelivery": "false"}})
		requireInvalid(t, "Subscribe with other attributes", err, "Invalid parameter: Attributes Reason: Subscription already exists with different attributes")
		// Without ReturnSubscriptionArn, a same-account queue is confirmed at once,
		// so the ARN comes back.
		out, err := e.SNS.Subscribe(t.Context(), &sns.SubscribeInput{TopicArn: aws.String(other), Protocol: aws.String("sqs"), Endpoint: aws.String(queueARN("refunds-q"))})
		if err != nil {
			t.Fatalf("Subscribe: %v", err)
		}
		otherSub := aws.ToString(out.SubscriptionArn)
		if !strings.HasPrefix(otherSub, other+":") {
			t.Errorf("SubscriptionArn = %q, want %s:<id>", otherSub, other)
		}

		attrs, err := e.SNS.GetSubscriptionAttributes(t.Context(), &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
		if err != nil {
			t.Fatalf("GetSubscriptionAttributes: %v", err)
		}
		for k, v := range map[string]string{
			"SubscriptionArn": sub, "TopicArn": topic, "Protocol": "sqs", "Endpoint": queueARN("orders-q"),
			"Owner": account, "RawMessageDelivery": "true", "PendingConfirmation": "false", "ConfirmationWasAuthenticated": "true",
		} {
			if attrs.Attributes[k] != v {
				t.Errorf("subscription attribute %s = %q, want %q", k, attrs.Attributes[k], v)
			}
		}
		if got := topicAttrs(t, e.SNS, topic)["SubscriptionsConfirmed"]; got != "1" {
			t.Errorf("SubscriptionsConfirmed = %q, want 1", got)
		}

		policy := `{"event":["order_placed"]}`
		for name, value := range map[string]string{"FilterPolicy": policy, "FilterPolicyScope": "MessageBody", "RawMessageDelivery": "false"} {
			if _, err := e.SNS.SetSubscriptionAttributes(t.Context(), &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub), AttributeName: aws.String(name), AttributeValue: aws.String(value)}); err != nil {
				t.Fatalf("SetSubscriptionAttributes %s: %v", name, err)
			}
		}
		attrs, err = e.SNS.GetSubscriptionAttributes(t.Context(), &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
		if err != nil {
			t.Fatal(err)
		}
		if a := attrs.Attributes; a["FilterPolicyScope"] != "MessageBody" || a["RawMessageDelivery"] != "false" || !jsonEqual(a["FilterPolicy"], policy) {
			t.Errorf("after SetSubscriptionAttributes: FilterPolicy %q scope %q raw %q", a["FilterPolicy"], a["FilterPolicyScope"], a["RawMessageDelivery"])
		}

		invalid := []struct {
			what string
			call func() error
			msg  string
		}{
			{"RawMessageDelivery maybe", func() error {
				_, err := e.SNS.SetSubscriptionAttributes(t.Context(), &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub), AttributeName: aws.String("RawMessageDelivery"), AttributeValue: aws.String("maybe")})
				return err
			}, ""},
			{"a filter policy that is not JSON", func() error {
				_, err := e.SNS.SetSubscriptionAttributes(t.Context(), &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub), AttributeName: aws.String("FilterPolicy"), AttributeValue: aws.String("{nope")})
				return err
			}, ""},
			{"an SQS endpoint that is a URL", func() error {
				_, err := e.SNS.Subscribe(t.Context(), &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("sqs"), Endpoint: aws.String(placeholderEndpoint + "/" + account + "/orders-q")})
				return err
			}, "Invalid parameter: SQS endpoint ARN"}, // §2.3 rec
			{"ConfirmSubscription with a made-up token", func() error {
				_, err := e.SNS.ConfirmSubscription(t.Context(), &sns.ConfirmSubscriptionInput{TopicArn: aws.String(topic), Token: aws.String("0123456789abcdef")})
				return err
			}, "Invalid parameter: Token"}, // AWS's reply, as recorded in a public test fixture
		}
		for _, tc := range invalid {
			requireInvalid(t, tc.what, tc.call(), tc.msg)
		}
		_, err = e.SNS.Subscribe(t.Context(), &sns.SubscribeInput{TopicArn: aws.String(topicARN("missing")), Protocol: aws.String("sqs"), Endpoint: aws.String(queueARN("orders-q"))})
		requireNotFound(t, "Subscribe to a missing topic", err, "Topic does not exist")

		// Listing.
		all := listSubscriptions(t, e, nil)
		if !slices.Equal(all, slices.Sorted(slices.Values([]string{sub, otherSub}))) {
			t.Errorf("ListSubscriptions = %v, want %v", all, []string{sub, otherSub})
		}
		if got := listSubscriptions(t, e, aws.String(topic)); !slices.Equal(got, []string{sub}) {
			t.Errorf("ListSubscriptionsByTopic = %v, want [%s]", got, sub)
		}
		_, err = e.SNS.ListSubscriptionsByTopic(t.Context(), &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN("missing"))})
		requireNotFound(t, "ListSubscriptionsByTopic(missing)", err, "Topic does not exist")

		// Unsubscribe.
		if _, err := e.SNS.Unsubscribe(t.Context(), &sns.UnsubscribeInput{SubscriptionArn: aws.String(sub)}); err != nil {
			t.Fatalf("Unsubscribe: %v", err)
		}
		_, err = e.SNS.GetSubscriptionAttributes(t.Context(), &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
		requireNotFound(t, "GetSubscriptionAttributes(unsubscribed)", err, "Subscription does not exist")
		if got := listSubscriptions(t, e, nil); !slices.Equal(got, []string{otherSub}) {
			t.Errorf("ListSubscriptions after Unsubscribe = %v, want [%s]", got, otherSub)
		}
	})
}

// listSubscriptions lists every subscription, or those of topic, through
// the paginators; sorted.
func listSubscriptions(t *testing.T, e *env, topic *string) []string {
	t.Helper()
	var got []string
	if topic == nil {
		p := sns.NewListSubscriptionsPaginator(e.SNS, &sns.ListSubscriptionsInput{})
		for p.HasMorePages() {
			out, err := p.NextPage(t.Context())
			if err != nil {
				t.Fatalf("ListSubscriptions: %v", err)
			}
			for _, s := range out.Subscriptions {
				got = append(got, aws.ToString(s.SubscriptionArn))
			}
		}
	} else {
		p := sns.NewListSubscriptionsByTopicPaginator(e.SNS, &sns.ListSubscriptionsByTopicInput{TopicArn: topic})
		for p.HasMorePages() {
			out, err := p.NextPage(t.Context())
			if err != nil {
				t.Fatalf("ListSubscriptionsByTopic: %v", err)
			}
			for _, s := range out.Subscriptions {
				if aws.ToString(s.TopicArn) != *topic || aws.ToString(s.Protocol) != "sqs" || aws.ToString(s.Owner) != account {
					t.Errorf("subscription %+v: want TopicArn %s, protocol sqs, owner %s", s, *topic, account)
				}
				got = append(got, aws.ToString(s.SubscriptionArn))
			}
		}
	}
	slices.Sort(got)
	return got
}

// jsonEqual reports whether a and b are the same JSON value.
func jsonEqual(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return jsonString(va) == jsonString(vb)
}

// lambdaEvent is the part of the event SNS sends a Lambda function that
// the test checks.
type lambdaEvent struct {
	Records []struct {
		EventSource          string
		EventVersion         string
		EventSubscriptionArn string
		Sns                  struct {
			Type              string
			MessageId         string
			TopicArn          string
			Subject           *string
			Message           string
			MessageAttributes map[string]struct{ Type, Value string }
		}
	}
}

func TestSNSLambdaSubscription(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		events := make(chan []byte, 4)
		var calls atomic.Int32
		fn := e.Account.RegisterFunction("audit", func(_ context.Context, payload []byte) ([]byte, error) {
			if calls.Add(1) == 1 {
				return nil, errors.New("first call fails") // SNS retries at once (§2.4)
			}
			events <- payload
			return []byte(`{}`), nil
		})
		if fn != "arn:aws:lambda:"+region+":"+account+":function:audit" {
			t.Errorf("RegisterFunction = %q", fn)
		}
		topic := createTopic(t, e.SNS, "audited", nil)
		sub := subscribe(t, e.SNS, topic, "lambda", fn, nil)
		pub, err := e.SNS.Publish(t.Context(), &sns.PublishInput{
			TopicArn: aws.String(topic), Message: aws.String("hello λ"), Subject: aws.String("greeting"),
			MessageAttributes: map[string]snstypes.MessageAttributeValue{"who": {DataType: aws.String("String"), StringValue: aws.String("world")}},
		})
		if err != nil {
			t.Fatalf("Publish: %v", err)
		}
		var ev lambdaEvent
		if err := json.Unmarshal(<-events, &ev); err != nil {
			t.Fatalf("the Lambda event is not JSON: %v", err)
		}
		if calls.Load() != 2 {
			t.Errorf("the function was called %d times, want 2 (one failure, one retry)", calls.Load())
		}
		if len(ev.Records) != 1 {
			t.Fatalf("event has %d records, want 1", len(ev.Records))
		}
		r := ev.Records[0]
		if r.EventSource != "aws:sns" || r.EventVersion != "1.0" || r.EventSubscriptionArn != sub {
			t.Errorf("record = source %q version %q subscription %q, want aws:sns 1.0 %s", r.EventSource, r.EventVersion, r.EventSubscriptionArn, sub)
		}
		s := r.Sns
		if s.Type != "Notification" || s.MessageId != aws.ToString(pub.MessageId) || s.TopicArn != topic || s.Message != "hello λ" || aws.ToString(s.Subject) != "greeting" {
			t.Errorf("Sns = %+v, want the published message", s)
		}
		if a := s.MessageAttributes["who"]; a.Type != "String" || a.Value != "world" {
			t.Errorf("MessageAttributes = %v, want who=String:world", s.MessageAttributes)
		}
		_, err = e.SNS.Subscribe(t.Context(), &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("lambda"), Endpoint: aws.String("not-an-arn")})
		requireInvalid(t, "Subscribe lambda not-an-arn", err, "Invalid parameter: Lambda endpoint ARN")
	})
}

func TestSNSPublish(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		std := createTopic(t, e.SNS, "std", nil)
		fifo := createTopic(t, e.SNS, "ordered.fifo", map[string]string{"FifoTopic": "true"})

		out, err := e.SNS.Publish(t.Context(), &sns.PublishInput{
			TopicArn: aws.String(std), Message: aws.String("hi"), Subject: aws.String("s"),
			MessageAttributes: map[string]snstypes.MessageAttributeValue{
				"s":  {DataType: aws.String("String"), StringValue: aws.String("v")},
				"n":  {DataType: aws.String("Number"), StringValue: aws.String("1.5")},
				"b":  {DataType: aws.String("Binary"), BinaryValue: []byte{1, 2, 3}},
				"sa": {DataType: aws.String("String.Array"), StringValue: aws.String(`["a","b"]`)},
			},
		})
		if err != nil || aws.ToString(out.MessageId) == "" {
			t.Fatalf("Publish = %+v, %v; want a MessageId", out, err)
		}
		if out.SequenceNumber != nil {
			t.Errorf("a standard topic's Publish returned SequenceNumber %q", *out.SequenceNumber)
		}
		f1, err := e.SNS.Publish(t.Context(), &sns.PublishInput{TopicArn: aws.String(fifo), Message: aws.String("one"), MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d1")})
		if err != nil {
			t.Fatalf("Publish (fifo): %v", err)
		}
		f2, err := e.SNS.Publish(t.Context(), &sns.PublishInput{TopicArn: aws.String(fifo), Message: aws.String("two"), MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d2")})
		if err != nil {
			t.Fatalf("Publish (fifo): %v", err)
		}
		if s1, s2 := aws.ToString(f1.SequenceNumber), aws.ToString(f2.SequenceNumber); s1 == "" || len(s1) > len(s2) || (len(s1) == len(s2) && s1 >= s2) {
			t.Errorf("FIFO SequenceNumbers %q, %q: want increasing", s1, s2)
		}

		invalid := []struct {
			what string
			in   sns.PublishInput
			as   func(what string, err error)
			code string
			msg  string
		}{
			{"to a missing topic", sns.PublishInput{TopicArn: aws.String(topicARN("missing")), Message: aws.String("x")},
				func(w string, err error) { wantAs[*snstypes.NotFoundException](t, w, err) }, "NotFound", "Topic does not exist"},
			{"an empty message", sns.PublishInput{TopicArn: aws.String(std), Message: aws.String("")},
				nil, "InvalidParameter", "Invalid parameter: Empty message"},
			{"a message too long", sns.PublishInput{TopicArn: aws.String(std), Message: aws.String(strings.Repeat("x", 262145))},
				nil, "InvalidParameter", "Invalid parameter: Message too long"}, // §2.2 rec
			{"FIFO without MessageGroupId", sns.PublishInput{TopicArn: aws.String(fifo), Message: aws.String("x"), MessageDeduplicationId: aws.String("d")},
				nil, "InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"}, // §2.2 rec
			{"MessageDeduplicationId on a standard topic", sns.PublishInput{TopicArn: aws.String(std), Message: aws.String("x"), MessageDeduplicationId: aws.String("d")},
				nil, "InvalidParameter", "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type"}, // §2.2 rec
			{"JSON structure without default", sns.PublishInput{TopicArn: aws.String(std), Message: aws.String(`{"sqs":"x"}`), MessageStructure: aws.String("json")},
				nil, "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body"}, // §2.2 rec
			{"an attribute of an unknown type", sns.PublishInput{TopicArn: aws.String(std), Message: aws.String("x"), MessageAttributes: map[string]snstypes.MessageAttributeValue{
				"attr1": {DataType: aws.String("Color"), StringValue: aws.String("red")}}},
				func(w string, err error) { wantAs[*snstypes.InvalidParameterValueException](t, w, err) }, "ParameterValueInvalid",
				"The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."}, // §2.2 rec
		}
		for _, tc := range invalid {
			in := tc.in
			_, err := e.SNS.Publish(t.Context(), &in)
			if tc.as != nil {
				tc.as("Publish "+tc.what, err)
			} else {
				wantAs[*snstypes.InvalidParameterException](t, "Publish "+tc.what, err)
			}
			wantError(t, "Publish "+tc.what, err, tc.code, tc.msg)
		}
	})
}

func TestSNSPublishBatch(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		topic := createTopic(t, e.SNS, "batched", nil)
		url := createQueue(t, e.SQS, "batched-q", nil)
		subscribe(t, e.SNS, topic, "sqs", queueARN("batched-q"), map[string]string{"RawMessageDelivery": "true"})

		entry := func(id, msg string) snstypes.PublishBatchRequestEntry {
			return snstypes.PublishBatchRequestEntry{Id: aws.String(id), Message: aws.String(msg)}
		}
		out, err := e.SNS.PublishBatch(t.Context(), &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: []snstypes.PublishBatchRequestEntry{
			entry("a", "alpha"), entry("b", "beta"), entry("c", "gamma"),
		}})
		if err != nil {
			t.Fatalf("PublishBatch: %v", err)
		}
		if len(out.Successful) != 3 || len(out.Failed) != 0 {
			t.Fatalf("PublishBatch = %d successful %+v failed, want 3 and none", len(out.Successful), out.Failed)
		}
		for i, s := range out.Successful {
			if aws.ToString(s.Id) != []string{"a", "b", "c"}[i] || aws.ToString(s.MessageId) == "" {
				t.Errorf("Successful[%d] = %+v", i, s)
			}
		}
		if got := bodies(drain(t, e.SQS, url)); !slices.Equal(got, []string{"alpha", "beta", "gamma"}) {
			t.Errorf("the queue received %q", got)
		}

		many := make([]snstypes.PublishBatchRequestEntry, 11)
		for i := range many {
			many[i] = entry("e"+string(rune('a'+i)), "x")
		}
		batchErrs := []struct {
			what    string
			entries []snstypes.PublishBatchRequestEntry
			as      func(what string, err error)
			code    string
		}{
			{"empty", []snstypes.PublishBatchRequestEntry{}, func(w string, err error) { wantAs[*snstypes.EmptyBatchRequestException](t, w, err) }, "EmptyBatchRequest"},
			{"eleven entries", many, func(w string, err error) { wantAs[*snstypes.TooManyEntriesInBatchRequestException](t, w, err) }, "TooManyEntriesInBatchRequest"},
			{"ids not distinct", []snstypes.PublishBatchRequestEntry{entry("x", "1"), entry("x", "2")}, func(w string, err error) { wantAs[*snstypes.BatchEntryIdsNotDistinctException](t, w, err) }, "BatchEntryIdsNotDistinct"},
			{"invalid id", []snstypes.PublishBatchRequestEntry{entry("not ok!", "1")}, func(w string, err error) { wantAs[*snstypes.InvalidBatchEntryIdException](t, w, err) }, "InvalidBatchEntryId"},
			// One invalid entry fails the whole batch, as the topic
			// engine documents for AWS: nothing is published.
			{"one empty message", []snstypes.PublishBatchRequestEntry{entry("ok", "fine"), entry("bad", "")}, func(w string, err error) { wantAs[*snstypes.InvalidParameterException](t, w, err) }, "InvalidParameter"},
		}
		for _, tc := range batchErrs {
			_, err := e.SNS.PublishBatch(t.Context(), &sns.PublishBatchInput{TopicArn: aws.String(topic), PublishBatchRequestEntries: tc.entries})
			tc.as("PublishBatch "+tc.what, err)
			wantError(t, "PublishBatch "+tc.what, err, tc.code, "")
		}
		if got := drain(t, e.SQS, url); len(got) != 0 {
			t.Errorf("refused batches delivered %q", bodies(got))
		}
		_, err = e.SNS.PublishBatch(t.Context(), &sns.PublishBatchInput{TopicArn: aws.String(topicARN("missing")), PublishBatchRequestEntries: []snstypes.PublishBatchRequestEntry{entry("a", "x")}})
		requireNotFound(t, "PublishBatch to a missing topic", err, "Topic does not exist")

		// FIFO: in order, with sequence numbers.
		fifo := createTopic(t, e.SNS, "batched.fifo", map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"})
		fout, err := e.SNS.PublishBatch(t.Context(), &sns.PublishBatchInput{TopicArn: aws.String(fifo), PublishBatchRequestEntries: []snstypes.PublishBatchRequestEntry{
			{Id: aws.String("1"), Message: aws.String("first"), MessageGroupId: aws.String("g")},
			{Id: aws.String("2"), Message: aws.String("second"), MessageGroupId: aws.String("g")},
		}})
		if err != nil {
			t.Fatalf("PublishBatch (fifo): %v", err)
		}
		if len(fout.Successful) != 2 || aws.ToString(fout.Successful[0].SequenceNumber) == "" || aws.ToString(fout.Successful[1].SequenceNumber) == "" {
			t.Errorf("PublishBatch (fifo) = %+v, want two entries with sequence numbers", fout.Successful)
		}
	})
}

func TestSNSTags(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		out, err := e.SNS.CreateTopic(t.Context(), &sns.CreateTopicInput{Name: aws.String("tagged"), Tags: []snstypes.Tag{{Key: aws.String("cost"), Value: aws.String("42")}}})
		if err != nil {
			t.Fatalf("CreateTopic with tags: %v", err)
		}
		arn := out.TopicArn
		tags := func() map[string]string {
			t.Helper()
			out, err := e.SNS.ListTagsForResource(t.Context(), &sns.ListTagsForResourceInput{ResourceArn: arn})
			if err != nil {
				t.Fatalf("ListTagsForResource: %v", err)
			}
			m := map[string]string{}
			for _, tg := range out.Tags {
				m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
			}
			return m
		}
		if got, want := tags(), map[string]string{"cost": "42"}; !maps.Equal(got, want) {
			t.Errorf("tags after CreateTopic = %v, want %v", got, want)
		}
		// TagResource and UntagResource reply with an empty
		// <TagResourceResult/> (the output shape is a structure), which
		// the SDK requires; failures are reported and the test goes on.
		if _, err := e.SNS.TagResource(t.Context(), &sns.TagResourceInput{ResourceArn: arn, Tags: []snstypes.Tag{
			{Key: aws.String("team"), Value: aws.String("core")}, {Key: aws.String("env"), Value: aws.String("test")},
		}}); err != nil {
			t.Errorf("TagResource: %v", err)
		}
		if got, want := tags(), map[string]string{"cost": "42", "team": "core", "env": "test"}; !maps.Equal(got, want) {
			t.Errorf("tags = %v, want %v", got, want)
		}
		if _, err := e.SNS.UntagResource(t.Context(), &sns.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"team"}}); err != nil {
			t.Errorf("UntagResource: %v", err)
		}
		if got, want := tags(), map[string]string{"cost": "42", "env": "test"}; !maps.Equal(got, want) {
			t.Errorf("tags after UntagResource = %v, want %v", got, want)
		}
		_, err = e.SNS.ListTagsForResource(t.Context(), &sns.ListTagsForResourceInput{ResourceArn: aws.String(topicARN("missing"))})
		wantAs[*snstypes.ResourceNotFoundException](t, "ListTagsForResource(missing)", err)
		wantError(t, "ListTagsForResource(missing)", err, "ResourceNotFound", "")
	})
}

func TestSNSPermissions(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		arn := createTopic(t, e.SNS, "shared", nil)
		if _, err := e.SNS.AddPermission(t.Context(), &sns.AddPermissionInput{
			TopicArn: aws.String(arn), Label: aws.String("partner-publish"),
			AWSAccountId: []string{"111122223333"}, ActionName: []string{"Publish", "Subscribe"},
		}); err != nil {
			t.Fatalf("AddPermission: %v", err)
		}
		var doc struct {
			Statement []struct {
				Sid       string
				Effect    string
				Principal map[string]any
				Action    any
				Resource  string
			}
		}
		policy := topicAttrs(t, e.SNS, arn)["Policy"]
		if err := json.Unmarshal([]byte(policy), &doc); err != nil {
			t.Fatalf("Policy %q: %v", policy, err)
		}
		found := false
		for _, st := range doc.Statement {
			if st.Sid != "partner-publish" {
				continue
			}
			found = true
			actions := strings.ToLower(strings.Join(stringList(st.Action), " "))
			if st.Effect != "Allow" || st.Resource != arn || !strings.Contains(jsonString(st.Principal), "111122223333") ||
				actions != "sns:publish sns:subscribe" {
				t.Errorf("statement = %+v, want SNS:Publish and SNS:Subscribe allowed to 111122223333 on %s", st, arn)
			}
		}
		if !found {
			t.Errorf("Policy %s has no statement partner-publish", policy)
		}
		_, err := e.SNS.AddPermission(t.Context(), &sns.AddPermissionInput{TopicArn: aws.String(arn), Label: aws.String("partner-publish"), AWSAccountId: []string{"111122223333"}, ActionName: []string{"Publish"}})
		requireInvalid(t, "AddPermission with a label in use", err, "")

		if _, err := e.SNS.RemovePermission(t.Context(), &sns.RemovePermissionInput{TopicArn: aws.String(arn), Label: aws.String("partner-publish")}); err != nil {
			t.Fatalf("RemovePermission: %v", err)
		}
		if p := topicAttrs(t, e.SNS, arn)["Policy"]; strings.Contains(p, "partner-publish") {
			t.Errorf("Policy after RemovePermission = %s", p)
		}
		_, err = e.SNS.AddPermission(t.Context(), &sns.AddPermissionInput{TopicArn: aws.String(topicARN("missing")), Label: aws.String("l"), AWSAccountId: []string{"111122223333"}, ActionName: []string{"Publish"}})
		requireNotFound(t, "AddPermission(missing topic)", err, "Topic does not exist")
	})
}

func TestSNSDataProtectionPolicy(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		arn := aws.String(createTopic(t, e.SNS, "protected", nil))
		out, err := e.SNS.GetDataProtectionPolicy(t.Context(), &sns.GetDataProtectionPolicyInput{ResourceArn: arn})
		if err != nil {
			t.Fatalf("GetDataProtectionPolicy: %v", err)
		}
		if aws.ToString(out.DataProtectionPolicy) != "" {
			t.Errorf("a new topic's DataProtectionPolicy = %q, want none", aws.ToString(out.DataProtectionPolicy))
		}
		// The example policy of the SNS developer guide.
		const policy = `{"Name":"basicPII-protection","Description":"Protect basic types of sensitive data","Version":"2021-06-01",` +
			`"Statement":[{"Sid":"basicPII-inbound-protection","DataDirection":"Inbound","Principal":["*"],` +
			`"DataIdentifier":["arn:aws:dataprotection::aws:data-identifier/Name","arn:aws:dataprotection::aws:data-identifier/PhoneNumber-US"],` +
			`"Operation":{"Deny":{}}}]}`
		if _, err := e.SNS.PutDataProtectionPolicy(t.Context(), &sns.PutDataProtectionPolicyInput{ResourceArn: arn, DataProtectionPolicy: aws.String(policy)}); err != nil {
			t.Fatalf("PutDataProtectionPolicy: %v", err)
		}
		out, err = e.SNS.GetDataProtectionPolicy(t.Context(), &sns.GetDataProtectionPolicyInput{ResourceArn: arn})
		if err != nil {
			t.Fatal(err)
		}
		if !jsonEqual(aws.ToString(out.DataProtectionPolicy), policy) {
			t.Errorf("DataProtectionPolicy = %q, want %q", aws.ToString(out.DataProtectionPolicy), policy)
		}
		_, err = e.SNS.PutDataProtectionPolicy(t.Context(), &sns.PutDataProtectionPolicyInput{ResourceArn: arn, DataProtectionPolicy: aws.String("{not json")})
		requireInvalid(t, "PutDataProtectionPolicy(not JSON)", err, "")
		_, err = e.SNS.GetDataProtectionPolicy(t.Context(), &sns.GetDataProtectionPolicyInput{ResourceArn: aws.String(topicARN("missing"))})
		wantAs[*snstypes.NotFoundException](t, "GetDataProtectionPolicy(missing)", err)
	})
}

// TestSNSToSQSRawAttributes checks that raw delivery turns every SNS
// attribute type into the SQS attribute of the same type (§2.4), MD5
// included.
func TestSNSToSQSRawAttributes(t *testing.T) {
	inMemory(t, func(t *testing.T, e *env) {
		topic := createTopic(t, e.SNS, "raw", nil)
		url := createQueue(t, e.SQS, "raw-q", nil)
		subscribe(t, e.SNS, topic, "sqs", queueARN("raw-q"), map[string]string{"RawMessageDelivery": "true"})
		_, err := e.SNS.Publish(t.Context(), &sns.PublishInput{TopicArn: aws.String(topic), Message: aws.String("raw body"), MessageAttributes: map[string]snstypes.MessageAttributeValue{
			"s": {DataType: aws.String("String"), StringValue: aws.String("v")},
			"n": {DataType: aws.String("Number"), StringValue: aws.String("42")},
			"b": {DataType: aws.String("Binary"), BinaryValue: []byte{0, 0xff}},
			"c": {DataType: aws.String("String.custom"), StringValue: aws.String("x")},
		}})
		if err != nil {
			t.Fatal(err)
		}
		ms := receive(t, e.SQS, url)
		if len(ms) != 1 || aws.ToString(ms[0].Body) != "raw body" {
			t.Fatalf("received %q, want [raw body]", bodies(ms))
		}
		got := ms[0].MessageAttributes
		want := map[string]sqsAttr{"s": {"String", "v", nil}, "n": {"Number", "42", nil}, "b": {"Binary", "", []byte{0, 0xff}}, "c": {"String.custom", "x", nil}}
		if len(got) != len(want) {
			t.Errorf("attributes = %v, want %v", got, want)
		}
		for k, w := range want {
			g := got[k]
			if aws.ToString(g.DataType) != w.typ || aws.ToString(g.StringValue) != w.str || string(g.BinaryValue) != string(w.bin) {
				t.Errorf("attribute %s = %s %q %v, want %s %q %v", k, aws.ToString(g.DataType), aws.ToString(g.StringValue), g.BinaryValue, w.typ, w.str, w.bin)
			}
		}
		if aws.ToString(ms[0].MD5OfMessageAttributes) != md5OfAttributes(got) {
			t.Errorf("MD5OfMessageAttributes = %q, want %q", aws.ToString(ms[0].MD5OfMessageAttributes), md5OfAttributes(got))
		}
		_, _ = e.SQS.DeleteMessage(t.Context(), &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: ms[0].ReceiptHandle})
	})
}

type sqsAttr struct {
	typ, str string
	bin      []byte
}
