package snsapi

import (
	"strconv"
	"strings"
	"testing"
)

func TestPublishErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	fifo := h.createTopic("f.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true")
	q, qarn := h.queue("q")
	h.subscribe(arn, "sqs", qarn)
	tests := []struct {
		name   string
		kv     []string
		status int
		code   string
		msg    string
	}{
		{"no message", []string{"TopicArn", arn}, 400, "ValidationError",
			"1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null"},
		{"empty message", []string{"TopicArn", arn, "Message", ""}, 400, "InvalidParameter", "Invalid parameter: Empty message"},
		{"empty subject", []string{"TopicArn", arn, "Message", "m", "Subject", ""}, 400, "InvalidParameter", "Invalid parameter: Subject"},
		{"long subject", []string{"TopicArn", arn, "Message", "m", "Subject", strings.Repeat("s", 100)}, 400, "InvalidParameter", "Invalid parameter: Subject"},
		{"too long", []string{"TopicArn", arn, "Message", strings.Repeat("x", 262_145)}, 400, "InvalidParameter", "Invalid parameter: Message too long"},
		{"too long with attributes", append([]string{"TopicArn", arn, "Message", strings.Repeat("x", 262_140)}, attrs("", "a", "String", "bc")...),
			400, "InvalidParameter", "Invalid parameter: Message too long"},
		{"no topic", []string{"Message", "m"}, 400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"},
		{"empty topic", []string{"TopicArn", "", "Message", "m"}, 400, "InvalidParameter",
			"Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1"},
		{"missing topic", []string{"TopicArn", arnPrefix + "missing", "Message", "m"}, 404, "NotFound", "Topic does not exist"},
		{"other region", []string{"TopicArn", "arn:aws:sns:eu-west-1:000000000000:t", "Message", "m"}, 400, "InvalidParameter", "Invalid parameter: TopicArn"},
		{"target missing", []string{"TargetArn", arnPrefix + "missing", "Message", "m"}, 404, "NotFound", "Topic does not exist"},
		{"platform endpoint", []string{"TargetArn", "arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/1", "Message", "m"}, 400, "InvalidParameter",
			"Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified"},
		{"phone", []string{"PhoneNumber", "+15551234567", "Message", "m"}, 400, "InvalidParameter",
			"Invalid parameter: PhoneNumber Reason: Switchyard does not send SMS messages; publish to a topic, whose subscriptions it delivers to, instead"},
		{"bad phone", []string{"PhoneNumber", "+1a234", "Message", "m"}, 400, "InvalidParameter", "Invalid parameter: PhoneNumber Reason: +1a234 is not valid to publish to"},
		{"structure", []string{"TopicArn", arn, "Message", `{"sqs":"x"}`, "MessageStructure", "json"}, 400, "InvalidParameter",
			"Invalid parameter: Message Structure - No default entry in JSON message body"},
		{"structure JSON", []string{"TopicArn", arn, "Message", `nope`, "MessageStructure", "json"}, 400, "InvalidParameter",
			"Invalid parameter: Message Structure - JSON message body failed to parse"},
		{"dedup on standard", []string{"TopicArn", arn, "Message", "m", "MessageDeduplicationId", "d"}, 400, "InvalidParameter",
			"Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type"},
		{"fifo without group", []string{"TopicArn", fifo, "Message", "m", "MessageDeduplicationId", "d"}, 400, "InvalidParameter",
			"Invalid parameter: The MessageGroupId parameter is required for FIFO topics"},
		{"fifo without dedup", []string{"TopicArn", fifo, "Message", "m", "MessageGroupId", "g"}, 400, "InvalidParameter",
			"Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"},
		{"attribute type", append([]string{"TopicArn", arn, "Message", "m"}, attrs("", "attr1", "Str", "v")...), 400, "ParameterValueInvalid",
			"The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."},
		{"attribute value", append([]string{"TopicArn", arn, "Message", "m"}, attrs("", "attr1", "String", "")...), 400, "ParameterValueInvalid",
			"The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."},
		{"attribute name", append([]string{"TopicArn", arn, "Message", "m"}, attrs("", "a^b", "String", "v")...), 400, "ParameterValueInvalid",
			"Invalid non-alphanumeric character '#x5E' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots."},
		{"attribute without type", []string{"TopicArn", arn, "Message", "m", "MessageAttributes.entry.1.Name", "attr1",
			"MessageAttributes.entry.1.Value.StringValue", "v"}, 400, "ValidationError",
			"1 validation error detected: Value null at 'messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null"},
		{"binary not base64", append([]string{"TopicArn", arn, "Message", "m"}, attrs("", "b", "Binary", "!!")...), 400, "ParameterValueInvalid",
			"The message attribute 'b' has a binary value that is not valid base64."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.fail(tt.status, tt.code, tt.msg, "Publish", tt.kv...)
		})
	}
	if n := len(receive(t, q)); n != 0 {
		t.Errorf("refused publishes delivered %d messages", n)
	}
}

func TestPublishByTargetArnAndStructure(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	q, qarn := h.queue("q")
	h.subscribe(arn, "sqs", qarn)
	h.ok("Publish", "TargetArn", arn, "Message", "by target")
	h.ok("Publish", "TopicArn", arn, "Message", `{"default":"d","sqs":"for queues"}`, "MessageStructure", "json")
	got := messagesOf(t, q)
	if strings.Join(got, "|") != "by target|for queues" {
		t.Errorf("queue got %q", got)
	}
}

func TestPublishBatch(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	arn := h.createTopic("t")
	q, qarn := h.queue("q")
	h.subscribe(arn, "sqs", qarn, "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true")
	entry := func(n int, kv ...string) []string {
		p := "PublishBatchRequestEntries.member." + strconv.Itoa(n) + "."
		var out []string
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, p+kv[i], kv[i+1])
		}
		return out
	}
	kv := []string{"TopicArn", arn}
	kv = append(kv, entry(1, "Id", "one", "Message", "first", "Subject", "s")...)
	kv = append(kv, entry(2, "Id", "two", "Message", "second")...)
	kv = append(kv, attrs("PublishBatchRequestEntries.member.2.", "k", "String", "v")...)
	res := h.ok("PublishBatch", kv...)
	ok := res.child("Successful").all("member")
	if len(ok) != 2 || ok[0].child("Id").text != "one" || ok[1].child("Id").text != "two" || ok[0].child("MessageId").text == "" ||
		len(res.child("Failed").all("member")) != 0 || res.child("Successful").child("member").child("SequenceNumber").text != "" {
		t.Errorf("result %+v", res)
	}
	msgs := receive(t, q)
	if len(msgs) != 2 || msgs[0].Body != "first" || msgs[1].Body != "second" || msgs[1].Attributes["k"].StringValue != "v" {
		t.Errorf("queue got %+v", msgs)
	}

	many := []string{"TopicArn", arn}
	for i := 1; i <= 11; i++ {
		many = append(many, entry(i, "Id", "e"+strconv.Itoa(i), "Message", "m")...)
	}
	long := []string{"TopicArn", arn}
	for i := 1; i <= 2; i++ {
		long = append(long, entry(i, "Id", "e"+strconv.Itoa(i), "Message", strings.Repeat("x", 200_000))...)
	}
	tests := []struct {
		name string
		kv   []string
		code string
		msg  string
	}{
		{"empty", []string{"TopicArn", arn, "PublishBatchRequestEntries", ""}, "EmptyBatchRequest", "The batch request doesn't contain any entries."},
		{"absent", []string{"TopicArn", arn}, "ValidationError",
			"1 validation error detected: Value null at 'publishBatchRequestEntries' failed to satisfy constraint: Member must not be null"},
		{"too many", many, "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible."},
		{"same ids", append(append([]string{"TopicArn", arn}, entry(1, "Id", "a", "Message", "m")...), entry(2, "Id", "a", "Message", "m")...),
			"BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id."},
		{"bad id", append([]string{"TopicArn", arn}, entry(1, "Id", "a b", "Message", "m")...),
			"InvalidBatchEntryId", "The Id of a batch entry in the batch request contains an impermissible character: a b"},
		{"long id", append([]string{"TopicArn", arn}, entry(1, "Id", strings.Repeat("i", 81), "Message", "m")...),
			"InvalidBatchEntryId", "The Id of a batch entry in the batch request is too long: " + strings.Repeat("i", 81)},
		{"too long", long, "BatchRequestTooLong", "The length of all the messages put together is more than the limit."},
		{"missing members", append([]string{"TopicArn", arn}, entry(1, "Subject", "s")...), "ValidationError",
			"2 validation errors detected: Value null at 'publishBatchRequestEntries.1.member.id' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'publishBatchRequestEntries.1.member.message' failed to satisfy constraint: Member must not be null"},
		{"entry attribute type", append(append([]string{"TopicArn", arn}, entry(1, "Id", "a", "Message", "m")...),
			"PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name", "attr1",
			"PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue", "v"), "ValidationError",
			"1 validation error detected: Value null at 'publishBatchRequestEntries.1.member.messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be null"},
		{"second entry empty", append(append([]string{"TopicArn", arn}, entry(1, "Id", "a", "Message", "m")...), entry(2, "Id", "b", "Message", "")...),
			"InvalidParameter", "Invalid parameter: Empty message"},
	}
	for _, tt := range tests {
		h.fail(400, tt.code, tt.msg, "PublishBatch", tt.kv...)
	}
	h.fail(404, "NotFound", "Topic does not exist", "PublishBatch", append([]string{"TopicArn", arnPrefix + "x"}, entry(1, "Id", "a", "Message", "m")...)...)
	if n := len(receive(t, q)); n != 0 {
		t.Errorf("refused batches delivered %d messages", n)
	}

	fifo := h.createTopic("f.fifo", "Attributes.entry.1.key", "FifoTopic", "Attributes.entry.1.value", "true",
		"Attributes.entry.2.key", "ContentBasedDeduplication", "Attributes.entry.2.value", "true")
	res = h.ok("PublishBatch", append(append([]string{"TopicArn", fifo}, entry(1, "Id", "a", "Message", "1", "MessageGroupId", "g")...),
		entry(2, "Id", "b", "Message", "2", "MessageGroupId", "g")...)...)
	ok = res.child("Successful").all("member")
	if len(ok) != 2 || len(ok[0].child("SequenceNumber").text) != 20 || ok[1].child("SequenceNumber").text <= ok[0].child("SequenceNumber").text {
		t.Errorf("FIFO batch result %+v", ok)
	}
}
