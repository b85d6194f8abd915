package snsapi

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestTags(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t", "Tags.member.1.Key", "k1", "Tags.member.1.Value", "v1")
	list := func() string {
		t.Helper()
		var out []string
		for _, m := range h.ok("ListTagsForResource", "ResourceArn", arn).child("Tags").all("member") {
			out = append(out, m.child("Key").text+"="+m.child("Value").text)
		}
		return strings.Join(out, ",")
	}
	h.ok("TagResource", "ResourceArn", arn, "Tags.member.1.Key", "k2", "Tags.member.1.Value", "v2", "Tags.member.2.Key", "a", "Tags.member.2.Value", "")
	if got := list(); got != "a=,k1=v1,k2=v2" {
		t.Errorf("tags %q", got)
	}
	h.ok("TagResource", "ResourceArn", arn, "Tags.member.1.Key", "k2", "Tags.member.1.Value", "v2b")
	h.ok("UntagResource", "ResourceArn", arn, "TagKeys.member.1", "k1", "TagKeys.member.2", "absent")
	if got := list(); got != "a=,k2=v2b" {
		t.Errorf("tags %q", got)
	}

	h.fail(400, "InvalidParameter", "Invalid parameter: Duplicated keys are not allowed.",
		"TagResource", "ResourceArn", arn, "Tags.member.1.Key", "d", "Tags.member.1.Value", "1", "Tags.member.2.Key", "d", "Tags.member.2.Value", "2")
	h.fail(400, "ValidationError",
		"1 validation error detected: Value '"+strings.Repeat("k", 129)+"' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
		"TagResource", "ResourceArn", arn, "Tags.member.1.Key", strings.Repeat("k", 129), "Tags.member.1.Value", "v")
	h.fail(400, "ValidationError",
		"1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
		"TagResource", "ResourceArn", arn)
	for _, action := range [][]string{
		{"TagResource", "ResourceArn", arnPrefix + "missing", "Tags.member.1.Key", "k", "Tags.member.1.Value", "v"},
		{"UntagResource", "ResourceArn", arnPrefix + "missing", "TagKeys.member.1", "k"},
		{"ListTagsForResource", "ResourceArn", arnPrefix + "missing"},
	} {
		h.fail(404, "ResourceNotFound", "Resource does not exist", action[0], action[1:]...)
	}

	var many []string
	for i := range 48 {
		n := strconv.Itoa(i)
		many = append(many, "Tags.member."+strconv.Itoa(i+1)+".Key", "m"+n, "Tags.member."+strconv.Itoa(i+1)+".Value", n)
	}
	h.ok("TagResource", append([]string{"ResourceArn", arn}, many...)...) // 50 now
	h.ok("TagResource", "ResourceArn", arn, "Tags.member.1.Key", "a", "Tags.member.1.Value", "replaced")
	h.fail(400, "TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded",
		"TagResource", "ResourceArn", arn, "Tags.member.1.Key", "one-too-many", "Tags.member.1.Value", "v")
	if n := len(h.ok("ListTagsForResource", "ResourceArn", arn).child("Tags").all("member")); n != 50 {
		t.Errorf("%d tags", n)
	}
}

func TestPermissions(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	h.ok("AddPermission", "TopicArn", arn, "Label", "pub", "AWSAccountId.member.1", "111111111111", "ActionName.member.1", "Publish")
	h.ok("AddPermission", "TopicArn", arn, "Label", "two", "AWSAccountId.member.1", "111111111111", "AWSAccountId.member.2", "222222222222",
		"ActionName.member.1", "Subscribe", "ActionName.member.2", "Receive")
	var policy struct {
		Version, Id string
		Statement   []map[string]any
	}
	text := h.topicAttributes(arn)["Policy"]
	if err := json.Unmarshal([]byte(text), &policy); err != nil {
		t.Fatalf("Policy %q: %v", text, err)
	}
	if policy.Version != "2008-10-17" || len(policy.Statement) != 3 {
		t.Fatalf("Policy %s", text)
	}
	if got := fmt.Sprint(policy.Statement[1]); got != "map[Action:SNS:Publish Effect:Allow Principal:map[AWS:arn:aws:iam::111111111111:root] Resource:"+arn+" Sid:pub]" {
		t.Errorf("statement %s", got)
	}
	if got := fmt.Sprint(policy.Statement[2]["Action"]); got != "[SNS:Subscribe SNS:Receive]" {
		t.Errorf("actions %s", got)
	}
	h.fail(400, "InvalidParameter", "Invalid parameter: Statement already exists",
		"AddPermission", "TopicArn", arn, "Label", "pub", "AWSAccountId.member.1", "1", "ActionName.member.1", "Publish")
	h.fail(400, "InvalidParameter", "Invalid parameter: Policy statement action out of service scope!",
		"AddPermission", "TopicArn", arn, "Label", "x", "AWSAccountId.member.1", "1", "ActionName.member.1", "SendMessage")
	h.fail(400, "ValidationError",
		"2 validation errors detected: Value null at 'aWSAccountId' failed to satisfy constraint: Member must not be null; Value null at 'actionName' failed to satisfy constraint: Member must not be null",
		"AddPermission", "TopicArn", arn, "Label", "x")
	h.fail(404, "NotFound", "Topic does not exist",
		"AddPermission", "TopicArn", arnPrefix+"x", "Label", "x", "AWSAccountId.member.1", "1", "ActionName.member.1", "Publish")

	h.ok("RemovePermission", "TopicArn", arn, "Label", "pub")
	h.ok("RemovePermission", "TopicArn", arn, "Label", "never-added")
	text = h.topicAttributes(arn)["Policy"]
	if strings.Contains(text, `"pub"`) || !strings.Contains(text, `"two"`) || !strings.HasPrefix(text, `{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[`) {
		t.Errorf("Policy after RemovePermission %s", text)
	}
}

func TestDataProtectionPolicy(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	doc := `{"Name":"p","Version":"2021-06-01","Statement":[]}`
	arn := h.createTopic("t", "DataProtectionPolicy", doc)
	if got := h.ok("GetDataProtectionPolicy", "ResourceArn", arn).child("DataProtectionPolicy").text; got != doc {
		t.Errorf("policy %q", got)
	}
	h.ok("PutDataProtectionPolicy", "ResourceArn", arn, "DataProtectionPolicy", `{"Name":"q"}`)
	if got := h.ok("GetDataProtectionPolicy", "ResourceArn", arn).child("DataProtectionPolicy").text; got != `{"Name":"q"}` {
		t.Errorf("policy %q", got)
	}
	h.fail(400, "InvalidParameter", "Invalid parameter: DataProtectionPolicy: must be a JSON object",
		"PutDataProtectionPolicy", "ResourceArn", arn, "DataProtectionPolicy", "3")
	h.fail(404, "NotFound", "Topic does not exist", "GetDataProtectionPolicy", "ResourceArn", arnPrefix+"x")
}

func TestResetAndClose(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	q, qarn := h.queue("q")
	h.subscribe(arn, "sqs", qarn)
	engine, _ := h.svc.TopicByARN(arn)
	h.svc.Reset()
	if n := len(h.ok("ListTopics").child("Topics").all("member")); n != 0 {
		t.Errorf("%d topics after Reset", n)
	}
	if n := len(h.ok("ListSubscriptions").child("Subscriptions").all("member")); n != 0 {
		t.Errorf("%d subscriptions after Reset", n)
	}
	if err := h.svc.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := engine.Publish(topicInput("m")); !isNotFound(err) {
		t.Errorf("a reset topic publishes: %v", err)
	}
	if n := len(receive(t, q)); n != 0 {
		t.Errorf("queue got %d", n)
	}
	// The service answers after Close, from scratch.
	if got := h.createTopic("t"); got != arn {
		t.Errorf("CreateTopic after Close = %q", got)
	}
}
