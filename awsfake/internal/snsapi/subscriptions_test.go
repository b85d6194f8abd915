package snsapi

import (
	"fmt"
	"strings"
	"testing"
)

func TestSubscribeSQSDeliversTheEnvelope(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("orders")
	q, qarn := h.queue("q")
	sub := h.subscribe(arn, "sqs", qarn)
	if !strings.HasPrefix(sub, arn+":") || !isUUID(strings.TrimPrefix(sub, arn+":")) {
		t.Fatalf("SubscriptionArn = %q", sub)
	}
	got := h.subscriptionAttributes(sub)
	want := map[string]string{
		"SubscriptionArn":              sub,
		"TopicArn":                     arn,
		"Owner":                        account,
		"Protocol":                     "sqs",
		"Endpoint":                     qarn,
		"ConfirmationWasAuthenticated": "true",
		"PendingConfirmation":          "false",
		"RawMessageDelivery":           "false",
		"SubscriptionPrincipal":        "arn:aws:iam::000000000000:root",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("attributes\n%v\nwant\n%v", got, want)
	}
	if a := h.topicAttributes(arn); a["SubscriptionsConfirmed"] != "1" || a["SubscriptionsPending"] != "0" {
		t.Errorf("topic counts %v", a)
	}

	id := h.ok("Publish", append([]string{"TopicArn", arn, "Message", `{"a":"<b>"}`, "Subject", "Hi"},
		attrs("", "k", "String", "v", "bin", "Binary", "AgME")...)...).child("MessageId").text
	msgs := receive(t, q)
	if len(msgs) != 1 {
		t.Fatalf("queue got %d messages", len(msgs))
	}
	e := decodeEnvelope(t, msgs[0].Body)
	if e.Type != "Notification" || e.MessageID != id || e.TopicArn != arn || e.Subject != "Hi" || e.Message != `{"a":"<b>"}` ||
		e.Timestamp != "2025-03-04T05:06:07.890Z" || e.SignatureVersion != "1" ||
		e.UnsubscribeURL != "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="+sub ||
		e.MessageAttributes["k"].Value != "v" || e.MessageAttributes["bin"].Value != "AgME" || e.MessageAttributes["bin"].Type != "Binary" {
		t.Errorf("envelope %+v", e)
	}
	if msgs[0].Attributes != nil {
		t.Errorf("the envelope's queue message has attributes %v", msgs[0].Attributes)
	}
}

func TestRawDelivery(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	q, qarn := h.queue("q")
	h.subscribe(arn, "sqs", qarn, "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "True")
	h.ok("Publish", append([]string{"TopicArn", arn, "Message", "raw body"},
		attrs("", "n", "Number", "1.5", "bin", "Binary", "AgME", "list", "String.Array", `["a","b"]`)...)...)
	msgs := receive(t, q)
	if len(msgs) != 1 || msgs[0].Body != "raw body" {
		t.Fatalf("queue got %+v", msgs)
	}
	a := msgs[0].Attributes
	if a["n"].DataType != "Number" || a["n"].StringValue != "1.5" || string(a["bin"].BinaryValue) != "\x02\x03\x04" ||
		a["list"].StringValue != `["a","b"]` {
		t.Errorf("attributes %+v", a)
	}
}

func TestFilterPolicies(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	byAttr, a1 := h.queue("by-attribute")
	byBody, a2 := h.queue("by-body")
	all, a3 := h.queue("all")
	h.subscribe(arn, "sqs", a1, "Attributes.entry.1.key", "FilterPolicy",
		"Attributes.entry.1.value", `{"color":["red"],"size":[{"numeric":[">",10]}]}`)
	h.subscribe(arn, "sqs", a2, "Attributes.entry.1.key", "FilterPolicy", "Attributes.entry.1.value", `{"order":{"kind":[{"prefix":"big"}]}}`,
		"Attributes.entry.2.key", "FilterPolicyScope", "Attributes.entry.2.value", "MessageBody")
	h.subscribe(arn, "sqs", a3)

	publish := func(body string, kv ...string) {
		h.ok("Publish", append([]string{"TopicArn", arn, "Message", body}, kv...)...)
	}
	publish("1", attrs("", "color", "String", "red", "size", "Number", "11")...)
	publish("2", attrs("", "color", "String", "red", "size", "Number", "9")...)
	publish(`{"order":{"kind":"bigbox"}}`)
	publish(`{"order":{"kind":"small"}}`, attrs("", "color", "String", "red")...)
	check := func(name string, got []string, want ...string) {
		t.Helper()
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s got %q, want %q", name, got, want)
		}
	}
	check("attribute scope", messagesOf(t, byAttr), "1")
	check("body scope", messagesOf(t, byBody), `{"order":{"kind":"bigbox"}}`)
	if n := len(receive(t, all)); n != 4 {
		t.Errorf("unfiltered queue got %d", n)
	}

	// Changing the policy applies to the next publish.
	sub := h.ok("ListSubscriptionsByTopic", "TopicArn", arn).child("Subscriptions").all("member")[0].child("SubscriptionArn").text
	h.ok("SetSubscriptionAttributes", "SubscriptionArn", sub, "AttributeName", "FilterPolicy", "AttributeValue", `{"color":["blue"]}`)
	publish("blue", attrs("", "color", "String", "blue")...)
	check("after SetSubscriptionAttributes", messagesOf(t, byAttr), "blue")
	if a := h.subscriptionAttributes(sub); a["FilterPolicy"] != `{"color":["blue"]}` || a["FilterPolicyScope"] != "MessageAttributes" {
		t.Errorf("attributes %v", a)
	}
	h.ok("SetSubscriptionAttributes", "SubscriptionArn", sub, "AttributeName", "FilterPolicy", "AttributeValue", "")
	if a := h.subscriptionAttributes(sub); a["FilterPolicy"] != "" || a["FilterPolicyScope"] != "" {
		t.Errorf("attributes after removing the policy %v", a)
	}
}

func TestFIFOTopicToFIFOQueue(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("orders.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true",
		"Attributes.entry.2.key", "ContentBasedDeduplication", "Attributes.entry.2.value", "true")
	q, qarn := h.queue("orders.fifo")
	std, sarn := h.queue("standard")
	h.subscribe(arn, "sqs", qarn)
	h.subscribe(arn, "sqs", sarn)
	r1 := h.ok("Publish", "TopicArn", arn, "Message", "one", "MessageGroupId", "g1")
	r2 := h.ok("Publish", "TopicArn", arn, "Message", "two", "MessageGroupId", "g1", "MessageDeduplicationId", "d2")
	dup := h.ok("Publish", "TopicArn", arn, "Message", "one", "MessageGroupId", "g1")
	if dup.child("MessageId").text != r1.child("MessageId").text || dup.child("SequenceNumber").text != r1.child("SequenceNumber").text {
		t.Errorf("duplicate answered %v, want %v", dup, r1)
	}
	s1, s2 := r1.child("SequenceNumber").text, r2.child("SequenceNumber").text
	if len(s1) != 20 || s2 <= s1 {
		t.Errorf("sequence numbers %q, %q", s1, s2)
	}
	msgs := receive(t, q)
	if len(msgs) != 2 {
		t.Fatalf("FIFO queue got %d messages", len(msgs))
	}
	e := decodeEnvelope(t, msgs[0].Body)
	if e.Message != "one" || e.SequenceNumber != s1 || e.Signature != "" || e.SigningCertURL != "" ||
		msgs[0].System.MessageGroupID != "g1" || len(msgs[0].System.MessageDeduplicationID) != 64 {
		t.Errorf("first message %+v %+v", e, msgs[0].System)
	}
	if decodeEnvelope(t, msgs[1].Body).Message != "two" || msgs[1].System.MessageDeduplicationID != "d2" {
		t.Errorf("second message %+v", msgs[1])
	}
	// A FIFO topic delivers to a standard queue too, without the group.
	if got := receive(t, std); len(got) != 2 || got[0].System.MessageGroupID != "" {
		t.Errorf("standard queue got %+v", got)
	}
}

func TestSubscribeErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	fifo := h.createTopic("f.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true")
	_, qarn := h.queue("q")
	_, fqarn := h.queue("q.fifo")
	fn := h.function("fn", nil)
	tests := []struct {
		name string
		kv   []string
		code string
		msg  string
	}{
		{"queue URL", []string{"TopicArn", arn, "Protocol", "sqs", "Endpoint", "https://sqs.us-east-1.amazonaws.com/000000000000/q"},
			"InvalidParameter", "Invalid parameter: SQS endpoint ARN"},
		{"no endpoint", []string{"TopicArn", arn, "Protocol", "sqs"}, "InvalidParameter", "Invalid parameter: SQS endpoint ARN"},
		{"lambda not an ARN", []string{"TopicArn", arn, "Protocol", "lambda", "Endpoint", "fn"}, "InvalidParameter", "Invalid parameter: Lambda endpoint ARN"},
		{"protocol", []string{"TopicArn", arn, "Protocol", "pigeon", "Endpoint", "x"},
			"InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: pigeon"},
		{"fifo queue on standard topic", []string{"TopicArn", arn, "Protocol", "sqs", "Endpoint", fqarn},
			"InvalidParameter", "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics"},
		{"lambda on fifo topic", []string{"TopicArn", fifo, "Protocol", "lambda", "Endpoint", fn},
			"InvalidParameter", "Invalid parameter: Invalid protocol type: lambda"},
		{"http mismatch", []string{"TopicArn", arn, "Protocol", "https", "Endpoint", "http://example.com"},
			"InvalidParameter", "Invalid parameter: Endpoint must match the specified protocol"},
		{"sms", []string{"TopicArn", arn, "Protocol", "sms", "Endpoint", "invalid-number"}, "InvalidParameter", "Invalid SMS endpoint: invalid-number"},
		{"raw value", []string{"TopicArn", arn, "Protocol", "sqs", "Endpoint", qarn, "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "wrongvalue"},
			"InvalidParameter", "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false."},
		{"raw on lambda", []string{"TopicArn", arn, "Protocol", "lambda", "Endpoint", fn, "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true"},
			"InvalidParameter", "Invalid parameter: Delivery protocol [lambda] does not support raw message delivery."},
		{"filter policy JSON", []string{"TopicArn", arn, "Protocol", "sqs", "Endpoint", qarn, "Attributes.entry.1.key", "FilterPolicy", "Attributes.entry.1.value", "invalid"},
			"InvalidParameter", "Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON. *"},
		{"filter policy keys", []string{"TopicArn", arn, "Protocol", "email", "Endpoint", "a@example.com", "Attributes.entry.1.key", "FilterPolicy",
			"Attributes.entry.1.value", `{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}`},
			"InvalidParameter", "Invalid parameter: Attributes Reason: FilterPolicy: Filter policy can not have more than 5 keys"},
		{"unknown attribute", []string{"TopicArn", arn, "Protocol", "sqs", "Endpoint", qarn, "Attributes.entry.1.key", "Colour", "Attributes.entry.1.value", "red"},
			"InvalidParameter", "Invalid parameter: Attributes Reason: AttributeName"},
		{"fifo DLQ", []string{"TopicArn", fifo, "Protocol", "sqs", "Endpoint", fqarn, "Attributes.entry.1.key", "RedrivePolicy",
			"Attributes.entry.1.value", `{"deadLetterTargetArn":"` + qarn + `"}`},
			"InvalidParameter", "Invalid parameter: Attributes Reason: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic."},
		{"no protocol", []string{"TopicArn", arn}, "ValidationError",
			"1 validation error detected: Value null at 'protocol' failed to satisfy constraint: Member must not be null"},
		{"no topic", []string{"TopicArn", arnPrefix + "missing", "Protocol", "sqs", "Endpoint", qarn}, "NotFound", "Topic does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status := 400
			if tt.code == "NotFound" {
				status = 404
			}
			h.fail(status, tt.code, tt.msg, "Subscribe", tt.kv...)
		})
	}
	if n := len(h.ok("ListSubscriptions").child("Subscriptions").all("member")); n != 0 {
		t.Errorf("%d subscriptions after refused ones", n)
	}
}

func TestSubscribeIsIdempotent(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	_, qarn := h.queue("q")
	raw := []string{"Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true"}
	sub := h.subscribe(arn, "sqs", qarn, raw...)
	for _, kv := range [][]string{raw, nil, {"Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "TRUE"}} {
		if got := h.subscribe(arn, "sqs", qarn, kv...); got != sub {
			t.Errorf("Subscribe %v = %q, want %q", kv, got, sub)
		}
	}
	h.fail(400, "InvalidParameter", "Invalid parameter: Attributes Reason: Subscription already exists with different attributes",
		"Subscribe", "TopicArn", arn, "Protocol", "sqs", "Endpoint", qarn, "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "false")
	if n := len(h.ok("ListSubscriptionsByTopic", "TopicArn", arn).child("Subscriptions").all("member")); n != 1 {
		t.Errorf("%d subscriptions", n)
	}
}

func TestPendingSubscriptions(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	if got := h.subscribe(arn, "https", "https://example.com/hook"); got != "pending confirmation" {
		t.Errorf("Subscribe answered %q", got)
	}
	sub := h.subscribe(arn, "https", "https://example.com/hook", "ReturnSubscriptionArn", "true")
	if !strings.HasPrefix(sub, arn+":") {
		t.Fatalf("ReturnSubscriptionArn answered %q", sub)
	}
	email := h.subscribe(arn, "email", "a@example.com", "ReturnSubscriptionArn", "true")
	sms := h.subscribe(arn, "sms", "+15551234567")
	other := h.subscribe(arn, "sqs", "arn:aws:sqs:us-east-1:111111111111:theirs", "ReturnSubscriptionArn", "true")
	if strings.HasPrefix(sms, "pending") {
		t.Errorf("sms subscription is %q; SNS confirms them at once", sms)
	}

	a := h.subscriptionAttributes(sub)
	if a["PendingConfirmation"] != "true" || a["ConfirmationWasAuthenticated"] != "false" || a["Protocol"] != "https" {
		t.Errorf("pending attributes %v", a)
	}
	if a := h.topicAttributes(arn); a["SubscriptionsPending"] != "3" || a["SubscriptionsConfirmed"] != "1" {
		t.Errorf("topic counts %v", a)
	}
	members := h.ok("ListSubscriptions").child("Subscriptions").all("member")
	var arns []string
	for _, m := range members {
		arns = append(arns, m.child("SubscriptionArn").text)
	}
	if strings.Join(arns, ",") != "PendingConfirmation,PendingConfirmation,"+sms+",PendingConfirmation" {
		t.Errorf("listed %v", arns)
	}

	// A pending subscription's attributes are checked and kept all the same.
	h.ok("SetSubscriptionAttributes", "SubscriptionArn", sub, "AttributeName", "RawMessageDelivery", "AttributeValue", "true")
	h.fail(400, "InvalidParameter", "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys",
		"SetSubscriptionAttributes", "SubscriptionArn", sub, "AttributeName", "FilterPolicy",
		"AttributeValue", `{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}`)
	h.fail(400, "InvalidParameter", "Invalid parameter: Delivery protocol [email] does not support raw message delivery.",
		"SetSubscriptionAttributes", "SubscriptionArn", email, "AttributeName", "RawMessageDelivery", "AttributeValue", "false")
	if a := h.subscriptionAttributes(sub); a["RawMessageDelivery"] != "true" {
		t.Errorf("RawMessageDelivery of the pending subscription %q", a["RawMessageDelivery"])
	}

	token, ok := h.svc.ConfirmationToken(sub)
	if !ok || len(token) != 288 {
		t.Fatalf("ConfirmationToken = %q, %v", token, ok)
	}
	if _, ok := h.svc.ConfirmationToken(sms); ok {
		t.Error("a confirmed subscription has a token")
	}
	h.fail(400, "InvalidParameter", "Invalid parameter: Token", "ConfirmSubscription", "TopicArn", arn, "Token", "nope")
	h.fail(400, "InvalidParameter", "Invalid parameter: Topic", "ConfirmSubscription", "TopicArn", "t", "Token", token)
	h.fail(400, "InvalidParameter", "Invalid parameter: Topic", "ConfirmSubscription", "TopicArn", "arn:aws:sns:eu-west-1:000000000000:t", "Token", token)
	emailToken, _ := h.svc.ConfirmationToken(email)
	other2 := h.createTopic("other")
	h.fail(400, "InvalidParameter", "Invalid parameter: Token", "ConfirmSubscription", "TopicArn", other2, "Token", emailToken)
	for range 2 { // confirming again answers the same
		if got := h.ok("ConfirmSubscription", "TopicArn", arn, "Token", token).child("SubscriptionArn").text; got != sub {
			t.Errorf("ConfirmSubscription = %q", got)
		}
	}
	if a := h.subscriptionAttributes(sub); a["PendingConfirmation"] != "false" || a["ConfirmationWasAuthenticated"] != "true" {
		t.Errorf("confirmed attributes %v", a)
	}
	if got := h.subscribe(arn, "https", "https://example.com/hook"); got != sub {
		t.Errorf("Subscribe of a confirmed endpoint answered %q", got)
	}
	h.ok("Unsubscribe", "SubscriptionArn", other)
	h.fail(400, "InvalidParameter", "Invalid parameter: Token", "ConfirmSubscription", "TopicArn", arn, "Token", "x")
}

func TestUnsubscribe(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	q, qarn := h.queue("q")
	sub := h.subscribe(arn, "sqs", qarn)
	h.ok("Unsubscribe", "SubscriptionArn", sub)
	h.ok("Unsubscribe", "SubscriptionArn", sub) // gone already: fine
	h.ok("Publish", "TopicArn", arn, "Message", "m")
	if n := len(receive(t, q)); n != 0 {
		t.Errorf("an unsubscribed queue got %d messages", n)
	}
	h.fail(404, "NotFound", "Subscription does not exist", "GetSubscriptionAttributes", "SubscriptionArn", sub)
	h.fail(404, "NotFound", "Subscription does not exist", "SetSubscriptionAttributes", "SubscriptionArn", sub,
		"AttributeName", "RawMessageDelivery", "AttributeValue", "true")
	for _, tt := range []struct{ arn, msg string }{
		{"randomstring", "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1"},
		{"arn:aws:sns:us-east-1:000000000000", "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 5"},
		{arn, "Invalid parameter: SubscriptionId"},
		{arn + ":not-a-uuid", "Invalid parameter: SubscriptionId"},
		{"", "Invalid parameter: SubscriptionArn Reason: no value for required parameter"},
	} {
		h.fail(400, "InvalidParameter", tt.msg, "Unsubscribe", "SubscriptionArn", tt.arn)
	}
}

func TestListSubscriptionsByTopicPaging(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	other := h.createTopic("other")
	for i := range 120 {
		h.subscribe(arn, "email", fmt.Sprintf("user%d@example.com", i))
		h.subscribe(other, "email", fmt.Sprintf("user%d@example.com", i))
	}
	first := h.ok("ListSubscriptionsByTopic", "TopicArn", arn)
	token := first.child("NextToken").text
	second := h.ok("ListSubscriptionsByTopic", "TopicArn", arn, "NextToken", token)
	p1, p2 := first.child("Subscriptions").all("member"), second.child("Subscriptions").all("member")
	if len(p1) != 100 || len(p2) != 20 || second.child("NextToken").text != "" || token == "" {
		t.Fatalf("pages of %d and %d, tokens %q %q", len(p1), len(p2), token, second.child("NextToken").text)
	}
	if p1[0].child("Endpoint").text != "user0@example.com" || p2[19].child("Endpoint").text != "user119@example.com" ||
		p2[0].child("TopicArn").text != arn || p2[0].child("Owner").text != account || p2[0].child("Protocol").text != "email" {
		t.Errorf("members %v / %v", p1[0], p2[19])
	}
	all := h.ok("ListSubscriptions")
	if len(all.child("Subscriptions").all("member")) != 100 || all.child("NextToken").text == "" {
		t.Errorf("ListSubscriptions first page %d", len(all.child("Subscriptions").all("member")))
	}
	h.fail(404, "NotFound", "Topic does not exist", "ListSubscriptionsByTopic", "TopicArn", arnPrefix+"x")
}

func TestSubscriptionAttributes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	_, qarn := h.queue("q")
	_, dlq := h.queue("dlq")
	sub := h.subscribe(arn, "sqs", qarn)
	set := func(name, value string) {
		t.Helper()
		h.ok("SetSubscriptionAttributes", "SubscriptionArn", sub, "AttributeName", name, "AttributeValue", value)
	}
	set("RawMessageDelivery", "TRUE")
	set("RedrivePolicy", `{"deadLetterTargetArn":"`+dlq+`"}`)
	set("DeliveryPolicy", `{"healthyRetryPolicy":{"numRetries":1}}`)
	set("FilterPolicyScope", "MessageBody")
	set("FilterPolicy", `{"a":{"b":["c"]}}`)
	a := h.subscriptionAttributes(sub)
	if a["RawMessageDelivery"] != "true" || a["RedrivePolicy"] != `{"deadLetterTargetArn":"`+dlq+`"}` ||
		a["DeliveryPolicy"] != `{"healthyRetryPolicy":{"numRetries":1}}` || a["FilterPolicyScope"] != "MessageBody" {
		t.Errorf("attributes %v", a)
	}
	tests := []struct{ name, value, msg string }{
		{"RawMessageDelivery", "test-ValUe", "Invalid parameter: RawMessageDelivery: Invalid value [test-ValUe]. Must be true or false."},
		{"RawMessageDelivery", "", "Invalid parameter: RawMessageDelivery: Invalid value []. Must be true or false."},
		{"Fake", "x", "Invalid parameter: AttributeName"},
		{"RedrivePolicy", `{"deadLetterTargetArn":"fake"}`, "Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn"},
		{"RedrivePolicy", "{invalid", "Invalid parameter: RedrivePolicy: failed to parse JSON. *"},
		{"RedrivePolicy", `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:d.fifo"}`,
			"Invalid parameter: RedrivePolicy: must use a standard queue as DLQ for a standard Subscription."},
		{"FilterPolicy", "{invalid", "Invalid parameter: FilterPolicy: failed to parse JSON. *"},
		{"FilterPolicyScope", "Body", "Invalid parameter: FilterPolicyScope: Invalid value [Body]. Please use either MessageBody or MessageAttributes"},
		// A nested policy is refused in the attribute scope.
		{"FilterPolicyScope", "MessageAttributes", "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy"},
	}
	for _, tt := range tests {
		h.fail(400, "InvalidParameter", tt.msg, "SetSubscriptionAttributes", "SubscriptionArn", sub, "AttributeName", tt.name, "AttributeValue", tt.value)
	}
	if b := h.subscriptionAttributes(sub); fmt.Sprint(b) != fmt.Sprint(a) {
		t.Errorf("refused changes changed the attributes:\n%v\n%v", b, a)
	}
	set("RedrivePolicy", "")
	if a := h.subscriptionAttributes(sub); a["RedrivePolicy"] != "" {
		t.Errorf("RedrivePolicy not removed: %v", a)
	}
	h.fail(400, "InvalidParameter", "Invalid parameter: SubscriptionId", "GetSubscriptionAttributes", "SubscriptionArn", arn)
}
