package sqsapi_test

import (
	"fmt"
	"net/url"
	"strconv"
	"testing"
	"time"
)

func TestGetQueueAttributesSelection(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", map[string]string{"DelaySeconds": "5"})
	if out := f.ok("GetQueueAttributes", map[string]any{"QueueUrl": u}); len(out) != 0 {
		t.Fatalf("no names: %v, want {}", out)
	}
	wantMap(t, f.attrs(u, "DelaySeconds", "QueueArn"), map[string]any{"DelaySeconds": "5", "QueueArn": "arn:aws:sqs:us-east-1:000000000000:q"})
	// Attributes the queue lacks are left out, even when named.
	wantMap(t, f.attrs(u, "Policy", "RedrivePolicy", "KmsMasterKeyId", "VisibilityTimeout"), map[string]any{"VisibilityTimeout": "30"})
	for _, name := range []string{"Colour", "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"} {
		f.fail("GetQueueAttributes", map[string]any{"QueueUrl": u, "AttributeNames": []string{"All", name}}, unknownAttr(name))
	}
	// Counts follow the messages.
	f.send(u, "a")
	f.send(u, "b")
	f.ok("SendMessage", map[string]any{"QueueUrl": u, "MessageBody": "later", "DelaySeconds": 60})
	f.clk.Advance(5 * time.Second) // the queue's delay
	f.receive(u, 1)
	wantMap(t, f.attrs(u, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"),
		map[string]any{"ApproximateNumberOfMessages": "1", "ApproximateNumberOfMessagesNotVisible": "1", "ApproximateNumberOfMessagesDelayed": "1"})
}

func TestSetQueueAttributes(t *testing.T) {
	f := newFake(t)
	u := f.createQueue("q", nil)
	f.clk.Advance(time.Hour)
	set := map[string]string{
		"VisibilityTimeout":             "60",
		"DelaySeconds":                  "10",
		"ReceiveMessageWaitTimeSeconds": "20",
		"MessageRetentionPeriod":        "60",
		"MaximumMessageSize":            "2048",
		"KmsMasterKeyId":                "alias/aws/sqs",
		"RedriveAllowPolicy":            `{"redrivePermission":"denyAll"}`,
		"Policy":                        `{ "Version": "2012-10-17", "Statement": [] }`,
	}
	f.ok("SetQueueAttributes", map[string]any{"QueueUrl": u, "Attributes": set})
	wantMap(t, f.attrs(u, "All"), map[string]any{
		"ApproximateNumberOfMessages":           "0",
		"ApproximateNumberOfMessagesNotVisible": "0",
		"ApproximateNumberOfMessagesDelayed":    "0",
		"CreatedTimestamp":                      strconv.FormatInt(epoch.Unix(), 10),
		"LastModifiedTimestamp":                 strconv.FormatInt(epoch.Add(time.Hour).Unix(), 10),
		"QueueArn":                              "arn:aws:sqs:us-east-1:000000000000:q",
		"VisibilityTimeout":                     "60",
		"DelaySeconds":                          "10",
		"ReceiveMessageWaitTimeSeconds":         "20",
		"MessageRetentionPeriod":                "60",
		"MaximumMessageSize":                    "2048",
		"KmsMasterKeyId":                        "alias/aws/sqs",
		"KmsDataKeyReusePeriodSeconds":          "300",
		"SqsManagedSseEnabled":                  "false",
		"RedriveAllowPolicy":                    `{"redrivePermission":"denyAll"}`,
		"Policy":                                `{"Version":"2012-10-17","Statement":[]}`,
	})
	// Switching back to SQS-managed encryption drops the KMS key; an
	// empty Policy removes the policy.
	f.ok("SetQueueAttributes", map[string]any{"QueueUrl": u, "Attributes": map[string]string{"SqsManagedSseEnabled": "true", "Policy": ""}})
	wantMap(t, f.attrs(u, "SqsManagedSseEnabled", "KmsMasterKeyId", "Policy", "KmsDataKeyReusePeriodSeconds"), map[string]any{"SqsManagedSseEnabled": "true"})

	// A failed change changes nothing, even the attributes before the bad one.
	f.fail("SetQueueAttributes", map[string]any{"QueueUrl": u, "Attributes": map[string]string{"DelaySeconds": "1", "VisibilityTimeout": "-1"}}, invalidAttr("VisibilityTimeout"))
	wantMap(t, f.attrs(u, "DelaySeconds", "VisibilityTimeout"), map[string]any{"DelaySeconds": "10", "VisibilityTimeout": "60"})
	// The engine's rules run after ours: a dead-letter queue that does not
	// allow this source.
	f.createQueue("dlq", map[string]string{"RedriveAllowPolicy": `{"redrivePermission":"denyAll"}`})
	f.fail("SetQueueAttributes", map[string]any{"QueueUrl": u, "Attributes": map[string]string{"DelaySeconds": "1",
		"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":5}`}}, invalidParameter(""))
	wantMap(t, f.attrs(u, "DelaySeconds", "RedrivePolicy"), map[string]any{"DelaySeconds": "10"})

	// No attributes: nothing to do.
	f.ok("SetQueueAttributes", map[string]any{"QueueUrl": u})
	f.fail("SetQueueAttributes", map[string]any{"QueueUrl": baseURL + "missing", "Attributes": set}, errNoQueue)
}

func TestSetQueueAttributesQueueType(t *testing.T) {
	f := newFake(t)
	std := f.createQueue("q", nil)
	fifo := f.createQueue("q.fifo", map[string]string{"FifoQueue": "true"})
	modifying := apiError{400, "InvalidAttributeValue", "InvalidAttributeValue", "Modifying queue type is not supported."}
	f.fail("SetQueueAttributes", map[string]any{"QueueUrl": std, "Attributes": map[string]string{"FifoQueue": "true"}}, modifying)
	f.fail("SetQueueAttributes", map[string]any{"QueueUrl": fifo, "Attributes": map[string]string{"FifoQueue": "false"}}, modifying)
	f.fail("SetQueueAttributes", map[string]any{"QueueUrl": std, "Attributes": map[string]string{"FifoQueue": "false"}}, unknownAttr("FifoQueue"))
	f.fail("SetQueueAttributes", map[string]any{"QueueUrl": std, "Attributes": map[string]string{"ContentBasedDeduplication": "true"}}, unknownAttr("ContentBasedDeduplication"))
	f.ok("SetQueueAttributes", map[string]any{"QueueUrl": fifo, "Attributes": map[string]string{
		"FifoQueue": "true", "ContentBasedDeduplication": "TRUE", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}})
	wantMap(t, f.attrs(fifo, "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"), map[string]any{
		"FifoQueue": "true", "ContentBasedDeduplication": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"})
	f.fail("SetQueueAttributes", map[string]any{"QueueUrl": fifo, "Attributes": map[string]string{"DeduplicationScope": "everywhere"}}, invalidAttr("DeduplicationScope"))
}

func TestRedrivePolicyAttribute(t *testing.T) {
	f := newFake(t)
	f.createQueue("dlq", nil)
	u := f.createQueue("q", map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"2"}`})
	wantMap(t, f.attrs(u, "RedrivePolicy"), map[string]any{"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2}`})
	// The same policy written differently is the same attribute value.
	f.createQueue("q", map[string]string{"RedrivePolicy": `{"maxReceiveCount":2, "deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq"}`})
	// Messages go to the dead-letter queue after two receives.
	f.send(u, "m")
	for range 2 {
		f.receive(u, 1)
		f.clk.Advance(30 * time.Second)
	}
	if msgs := f.receive(u, 1); len(msgs) != 0 {
		t.Fatalf("received %d after maxReceiveCount", len(msgs))
	}
	msgs := messagesOf(f.ok("ReceiveMessage", map[string]any{"QueueUrl": baseURL + "dlq", "MessageSystemAttributeNames": []string{"DeadLetterQueueSourceArn"}}))
	if len(msgs) != 1 || msgs[0]["Attributes"].(map[string]any)["DeadLetterQueueSourceArn"] != "arn:aws:sqs:us-east-1:000000000000:q" {
		t.Fatalf("dead letter %v", msgs)
	}
}

func TestQueryAttributes(t *testing.T) {
	f := newFake(t)
	var created struct{ QueueUrl string }
	f.queryOK("CreateQueue", url.Values{
		"QueueName":        {"q.fifo"},
		"Attribute.1.Name": {"FifoQueue"}, "Attribute.1.Value": {"true"},
		"Attribute.2.Name": {"VisibilityTimeout"}, "Attribute.2.Value": {"90"},
		"Tag.1.Key": {"team"}, "Tag.1.Value": {"core"},
	}, &created)
	if created.QueueUrl != baseURL+"q.fifo" {
		t.Fatalf("QueueUrl %q", created.QueueUrl)
	}
	f.queryOK("SetQueueAttributes", url.Values{"QueueUrl": {created.QueueUrl}, "Attribute.1.Name": {"DelaySeconds"}, "Attribute.1.Value": {"7"}}, nil)
	var got struct {
		Attribute []struct{ Name, Value string }
	}
	f.queryOK("GetQueueAttributes", url.Values{"QueueUrl": {created.QueueUrl}, "AttributeName.1": {"VisibilityTimeout"}, "AttributeName.2": {"DelaySeconds"}, "AttributeName.3": {"FifoQueue"}}, &got)
	want := "[{DelaySeconds 7} {FifoQueue true} {VisibilityTimeout 90}]"
	if s := fmt.Sprint(got.Attribute); s != want {
		t.Fatalf("Attribute %s, want %s", s, want)
	}
	var tags struct{ Tag []struct{ Key, Value string } }
	f.queryOK("ListQueueTags", url.Values{"QueueUrl": {created.QueueUrl}}, &tags)
	if s := fmt.Sprint(tags.Tag); s != "[{team core}]" {
		t.Fatalf("tags %s", s)
	}
	wantQueryError(t, f.query("GetQueueAttributes", "", url.Values{"QueueUrl": {created.QueueUrl}, "AttributeName.1": {"Nope"}}), unknownAttr("Nope"))
	wantQueryError(t, f.query("CreateQueue", "", url.Values{"QueueName": {"q.fifo"}, "Attribute.1.Name": {"VisibilityTimeout"}, "Attribute.1.Value": {"1"}}),
		apiError{400, "", "QueueAlreadyExists", "A queue already exists with the same name and a different value for attribute VisibilityTimeout"})
}
