package snsapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const arnPrefix = "arn:aws:sns:us-east-1:000000000000:"

func TestCreateTopic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		kv     []string
		status int // 0: success
		code   string
		msg    string
	}{
		{name: "plain", kv: []string{"Name", "orders"}},
		{name: "fifo", kv: []string{"Name", "orders.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true"}},
		{name: "max length", kv: []string{"Name", strings.Repeat("a", 256)}},
		{name: "attributes", kv: []string{"Name", "t", "Attributes.entry.1.key", "DisplayName", "Attributes.entry.1.value", "Shown",
			"Attributes.entry.2.key", "SignatureVersion", "Attributes.entry.2.value", "2",
			"Attributes.entry.3.key", "TracingConfig", "Attributes.entry.3.value", "Active",
			"Attributes.entry.4.key", "KmsMasterKeyId", "Attributes.entry.4.value", "alias/aws/sns"}},
		{name: "no name", kv: nil, status: 400, code: "ValidationError",
			msg: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"},
		{name: "empty name", kv: []string{"Name", ""}, status: 400, code: "InvalidParameter", msg: "Invalid parameter: Topic Name"},
		{name: "too long", kv: []string{"Name", strings.Repeat("a", 257)}, status: 400, code: "InvalidParameter", msg: "Invalid parameter: Topic Name"},
		{name: "bad character", kv: []string{"Name", "a:b"}, status: 400, code: "InvalidParameter", msg: "Invalid parameter: Topic Name"},
		{name: "fifo name without attribute", kv: []string{"Name", "t.fifo"}, status: 400, code: "InvalidParameter", msg: "Invalid parameter: Topic Name"},
		{name: "fifo attribute without suffix", kv: []string{"Name", "t", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true"},
			status: 400, code: "InvalidParameter",
			msg: "Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."},
		{name: "content dedup on standard", kv: []string{"Name", "t", "Attributes.entry.1.key", "ContentBasedDeduplication", "Attributes.entry.1.value", "true"},
			status: 400, code: "InvalidParameter", msg: "Invalid parameter: Attributes Reason: ContentBasedDeduplication is only valid for FIFO topics"},
		{name: "unknown attribute", kv: []string{"Name", "t", "Attributes.entry.1.key", "Colour", "Attributes.entry.1.value", "red"},
			status: 400, code: "InvalidParameter", msg: "Invalid parameter: Attributes Reason: Unknown attribute Colour"},
		{name: "bad scope", kv: []string{"Name", "t.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true",
			"Attributes.entry.2.key", "FifoThroughputScope", "Attributes.entry.2.value", "Queue"},
			status: 400, code: "InvalidParameter", msg: "Invalid parameter: Attributes Reason: FifoThroughputScope: Invalid value [Queue]. Please use either Topic or MessageGroup"},
		{name: "bad policy", kv: []string{"Name", "t", "Attributes.entry.1.key", "Policy", "Attributes.entry.1.value", "{nope"},
			status: 400, code: "InvalidParameter"},
		{name: "duplicate tag keys", kv: []string{"Name", "t", "Tags.member.1.Key", "k", "Tags.member.1.Value", "1", "Tags.member.2.Key", "k", "Tags.member.2.Value", "2"},
			status: 400, code: "InvalidParameter", msg: "Invalid parameter: Duplicated keys are not allowed."},
		{name: "tag without value", kv: []string{"Name", "t", "Tags.member.1.Key", "k"},
			status: 400, code: "ValidationError",
			msg: "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			if tt.status != 0 {
				h.fail(tt.status, tt.code, tt.msg, "CreateTopic", tt.kv...)
				if n := len(h.ok("ListTopics").child("Topics").all("member")); n != 0 {
					t.Errorf("%d topics after a failed CreateTopic", n)
				}
				return
			}
			res := h.ok("CreateTopic", tt.kv...)
			want := arnPrefix + tt.kv[1]
			if got := res.child("TopicArn").text; got != want {
				t.Fatalf("TopicArn = %q, want %q", got, want)
			}
			if _, ok := h.svc.TopicByARN(want); !ok {
				t.Errorf("TopicByARN(%q) found nothing", want)
			}
		})
	}
}

func TestCreateTopicIsIdempotent(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t", "Attributes.entry.1.key", "DisplayName", "Attributes.entry.1.value", "Shown",
		"Tags.member.1.Key", "team", "Tags.member.1.Value", "a")
	for _, kv := range [][]string{
		nil,
		{"Attributes.entry.1.key", "DisplayName", "Attributes.entry.1.value", "Shown"},
		{"Tags.member.1.Key", "team", "Tags.member.1.Value", "a"},
	} {
		if got := h.createTopic("t", kv...); got != arn {
			t.Errorf("CreateTopic %v = %q, want %q", kv, got, arn)
		}
	}
	h.fail(400, "InvalidParameter", "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
		"CreateTopic", "Name", "t", "Attributes.entry.1.key", "DisplayName", "Attributes.entry.1.value", "Other")
	h.fail(400, "InvalidParameter", "Invalid parameter: Tags Reason: Topic already exists with different tags",
		"CreateTopic", "Name", "t", "Tags.member.1.Key", "team", "Tags.member.1.Value", "b")
	if got := h.topicAttributes(arn)["DisplayName"]; got != "Shown" {
		t.Errorf("DisplayName = %q after refused CreateTopics", got)
	}
}

func TestGetTopicAttributes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("orders")
	got := h.topicAttributes(arn)
	want := map[string]string{
		"TopicArn":                arn,
		"Owner":                   account,
		"DisplayName":             "",
		"SubscriptionsConfirmed":  "0",
		"SubscriptionsPending":    "0",
		"SubscriptionsDeleted":    "0",
		"EffectiveDeliveryPolicy": defaultDeliveryPolicy,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	for _, k := range []string{"FifoTopic", "ContentBasedDeduplication"} {
		if _, ok := got[k]; ok {
			t.Errorf("a standard topic has %s", k)
		}
	}
	wantPolicy := `{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow",` +
		`"Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission",` +
		`"SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],` +
		`"Resource":"` + arn + `","Condition":{"StringEquals":{"AWS:SourceOwner":"000000000000"}}}]}`
	if got["Policy"] != wantPolicy {
		t.Errorf("Policy =\n%s\nwant\n%s", got["Policy"], wantPolicy)
	}

	fifo := h.createTopic("orders.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true",
		"Attributes.entry.2.key", "ContentBasedDeduplication", "Attributes.entry.2.value", "true")
	got = h.topicAttributes(fifo)
	if got["FifoTopic"] != "true" || got["ContentBasedDeduplication"] != "true" {
		t.Errorf("FIFO topic attributes %v", got)
	}

	h.fail(404, "NotFound", "Topic does not exist", "GetTopicAttributes", "TopicArn", arnPrefix+"missing")
	h.fail(400, "InvalidParameter", "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1",
		"GetTopicAttributes", "TopicArn", "orders")
	h.fail(400, "InvalidParameter", "Invalid parameter: TopicArn",
		"GetTopicAttributes", "TopicArn", "arn:aws:sns:eu-west-1:000000000000:orders")
	h.fail(404, "NotFound", "Topic does not exist", "GetTopicAttributes", "TopicArn", "arn:aws:sns:us-east-1:111111111111:orders")
	h.fail(400, "ValidationError",
		"1 validation error detected: Value null at 'topicArn' failed to satisfy constraint: Member must not be null",
		"GetTopicAttributes")
}

func TestSetTopicAttributes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	set := func(name, value string) {
		t.Helper()
		h.ok("SetTopicAttributes", "TopicArn", arn, "AttributeName", name, "AttributeValue", value)
	}
	set("DisplayName", "Orders")
	set("LambdaSuccessFeedbackRoleArn", "arn:aws:iam::000000000000:role/feedback")
	set("DeliveryPolicy", `{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":5,"maxDelayTarget":6,"numRetries":1}}}`)
	got := h.topicAttributes(arn)
	if got["DisplayName"] != "Orders" || got["LambdaSuccessFeedbackRoleArn"] != "arn:aws:iam::000000000000:role/feedback" {
		t.Errorf("attributes %v", got)
	}
	var eff map[string]map[string]any
	if err := json.Unmarshal([]byte(got["EffectiveDeliveryPolicy"]), &eff); err != nil {
		t.Fatalf("EffectiveDeliveryPolicy %q: %v", got["EffectiveDeliveryPolicy"], err)
	}
	retry := fmt.Sprint(eff["http"]["defaultHealthyRetryPolicy"])
	request := fmt.Sprint(eff["http"]["defaultRequestPolicy"])
	if retry != "map[backoffFunction:linear maxDelayTarget:6 minDelayTarget:5 numMaxDelayRetries:0 numMinDelayRetries:0 numNoDelayRetries:0 numRetries:1]" ||
		request != "map[headerContentType:text/plain; charset=UTF-8]" {
		t.Errorf("EffectiveDeliveryPolicy = %s", got["EffectiveDeliveryPolicy"])
	}
	set("DeliveryPolicy", "")
	if got := h.topicAttributes(arn); got["EffectiveDeliveryPolicy"] != defaultDeliveryPolicy || got["DeliveryPolicy"] != "" {
		t.Errorf("after removing DeliveryPolicy: %v", got)
	}

	tests := []struct{ name, value, msg string }{
		{"FifoTopic", "true", "Invalid parameter: AttributeName"},
		{"Colour", "red", "Invalid parameter: AttributeName"},
		{"SignatureVersion", "3", "Invalid parameter: SignatureVersion: Invalid value [3]. Please use either 1 or 2"},
		{"ContentBasedDeduplication", "true", "Invalid parameter: ContentBasedDeduplication is only valid for FIFO topics"},
		{"Policy", "[1]", "Invalid parameter: Policy: must be a JSON object"},
	}
	for _, tt := range tests {
		h.fail(400, "InvalidParameter", tt.msg, "SetTopicAttributes", "TopicArn", arn, "AttributeName", tt.name, "AttributeValue", tt.value)
	}
	h.fail(404, "NotFound", "Topic does not exist", "SetTopicAttributes", "TopicArn", arnPrefix+"x", "AttributeName", "DisplayName", "AttributeValue", "x")

	fifo := h.createTopic("f.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true")
	h.fail(400, "InvalidParameter", "",
		"SetTopicAttributes", "TopicArn", fifo, "AttributeName", "FifoThroughputScope", "AttributeValue", "MessageGroup")
	h.ok("SetTopicAttributes", "TopicArn", fifo, "AttributeName", "FifoThroughputScope", "AttributeValue", "Topic")
}

// A FIFO topic's ContentBasedDeduplication changed after it was made
// applies to publishes through the API.
func TestContentBasedDeduplicationChange(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("f.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true")
	q, qarn := h.queue("q.fifo")
	h.subscribe(arn, "sqs", qarn, "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true")
	noDedup := "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"
	h.fail(400, "InvalidParameter", noDedup, "Publish", "TopicArn", arn, "Message", "m", "MessageGroupId", "g")

	h.ok("SetTopicAttributes", "TopicArn", arn, "AttributeName", "ContentBasedDeduplication", "AttributeValue", "true")
	first := h.ok("Publish", "TopicArn", arn, "Message", "m", "MessageGroupId", "g").child("MessageId").text
	again := h.ok("Publish", "TopicArn", arn, "Message", "m", "MessageGroupId", "g").child("MessageId").text
	if first != again {
		t.Errorf("a duplicate by content got id %q, want %q", again, first)
	}
	msgs := receive(t, q)
	if len(msgs) != 1 || msgs[0].System.MessageDeduplicationID != "62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a" {
		t.Errorf("queue got %+v", msgs)
	}

	h.ok("SetTopicAttributes", "TopicArn", arn, "AttributeName", "ContentBasedDeduplication", "AttributeValue", "false")
	h.fail(400, "InvalidParameter", noDedup, "Publish", "TopicArn", arn, "Message", "m2", "MessageGroupId", "g")
}

func TestDeleteTopic(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	_, qarn := h.queue("q")
	sub := h.subscribe(arn, "sqs", qarn)
	engine, _ := h.svc.TopicByARN(arn)
	h.ok("DeleteTopic", "TopicArn", arn)
	h.ok("DeleteTopic", "TopicArn", arn) // a missing topic is deleted already
	h.fail(404, "NotFound", "Topic does not exist", "Publish", "TopicArn", arn, "Message", "m")
	h.fail(404, "NotFound", "Subscription does not exist", "GetSubscriptionAttributes", "SubscriptionArn", sub)
	if n := len(h.ok("ListSubscriptions").child("Subscriptions").all("member")); n != 0 {
		t.Errorf("%d subscriptions left", n)
	}
	if _, ok := h.svc.TopicByARN(arn); ok {
		t.Error("TopicByARN found a deleted topic")
	}
	if err := h.svc.Close(t.Context()); err != nil { // waits for the deleted topic to close
		t.Fatal(err)
	}
	if _, err := engine.Publish(topicInput("m")); !isNotFound(err) {
		t.Errorf("the deleted topic's engine publishes: %v", err)
	}
	h.fail(400, "InvalidParameter", "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1",
		"DeleteTopic", "TopicArn", "t")
	// The name is free again.
	if got := h.createTopic("t"); got != arn {
		t.Errorf("recreated %q", got)
	}
}

func TestListTopicsPaging(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var want []string
	for i := range 250 {
		want = append(want, h.createTopic(fmt.Sprintf("t%03d", i)))
	}
	h.ok("DeleteTopic", "TopicArn", want[0])
	want = want[1:]
	var got []string
	token := ""
	pages := 0
	for {
		kv := []string{}
		if token != "" {
			kv = []string{"NextToken", token}
		}
		res := h.ok("ListTopics", kv...)
		pages++
		members := res.child("Topics").all("member")
		if len(members) > 100 {
			t.Fatalf("page of %d", len(members))
		}
		for _, m := range members {
			got = append(got, m.child("TopicArn").text)
		}
		token = res.child("NextToken").text
		if token == "" {
			break
		}
	}
	if pages != 3 || strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%d pages, %d topics; want 3 pages of %d in order", pages, len(got), len(want))
	}
	h.fail(400, "InvalidParameter", "Invalid parameter: NextToken", "ListTopics", "NextToken", "garbage")
}

func TestReplyShape(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	r := h.call("CreateTopic", "Name", "shape")
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "text/xml" || r.header.Get("x-amzn-RequestId") == "" {
		t.Errorf("reply %d %v", r.status, r.header)
	}
	wantStart := `<CreateTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CreateTopicResult><TopicArn>` + arnPrefix + `shape</TopicArn></CreateTopicResult><ResponseMetadata><RequestId>`
	if !strings.Contains(r.body, wantStart) {
		t.Errorf("body %s", r.body)
	}
	r = h.call("DeleteTopic", "TopicArn", arnPrefix+"shape")
	if strings.Contains(r.body, "DeleteTopicResult") || !strings.Contains(r.body, "<DeleteTopicResponse") {
		t.Errorf("DeleteTopic reply %s", r.body)
	}
	r = h.call("GetTopicAttributes", "TopicArn", arnPrefix+"shape")
	if !strings.Contains(r.body, `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message>`) ||
		r.doc.child("RequestId").text == "" {
		t.Errorf("error reply %s", r.body)
	}
	// An output without members is an empty result, not none.
	if body := h.call("TagResource", "ResourceArn", arnPrefix+"shape2", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v").body; !strings.Contains(body, "ResourceNotFound") {
		t.Errorf("TagResource of a missing topic %s", body)
	}
	h.createTopic("shape2")
	if body := h.call("TagResource", "ResourceArn", arnPrefix+"shape2", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v").body; !strings.Contains(body, "<TagResourceResult></TagResourceResult>") {
		t.Errorf("TagResource reply %s", body)
	}
	// Empty lists are written, not left out.
	h.ok("DeleteTopic", "TopicArn", arnPrefix+"shape2")
	if body := h.call("ListTopics").body; !strings.Contains(body, "<Topics></Topics>") {
		t.Errorf("empty ListTopics %s", body)
	}
}

func TestActions(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, action := range []string{"CreatePlatformApplication", "SetSMSAttributes", "ListPhoneNumbersOptedOut", "CreatePlatformEndpoint", "ListOriginationNumbers"} {
		h.fail(400, "InvalidAction", "Switchyard does not implement the SNS action "+action+
			" yet: mobile push (platform applications and endpoints) and SMS are not emulated.", action)
	}
	h.fail(400, "InvalidAction", "The action SendMessage is not valid for this web service.", "SendMessage")
	h.fail(400, "MissingAction", "", "")
}
