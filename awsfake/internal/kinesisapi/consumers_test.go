package kinesisapi_test

import (
	"fmt"
	"testing"
	"time"
)

func TestConsumers(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	out := f.ok("RegisterStreamConsumer", map[string]any{"StreamARN": streamARN + "s", "ConsumerName": "app", "Tags": map[string]string{"k": "v"}})
	c := out["Consumer"].(map[string]any)
	arn := fmt.Sprintf("%ss/consumer/app:%d", streamARN, epoch.Unix())
	if c["ConsumerName"] != "app" || c["ConsumerARN"] != arn || c["ConsumerStatus"] != "ACTIVE" || c["ConsumerCreationTimestamp"] != float64(epoch.Unix()) {
		t.Errorf("Consumer = %v", c)
	}
	for _, ref := range []map[string]any{
		{"ConsumerARN": arn},
		{"StreamARN": streamARN + "s", "ConsumerName": "app"},
		{"StreamARN": streamARN + "s", "ConsumerName": "app", "ConsumerARN": arn},
	} {
		d := f.ok("DescribeStreamConsumer", ref)["ConsumerDescription"].(map[string]any)
		if d["ConsumerARN"] != arn || d["StreamARN"] != streamARN+"s" || d["ConsumerStatus"] != "ACTIVE" {
			t.Errorf("DescribeStreamConsumer %v = %v", ref, d)
		}
	}
	f.registerConsumer("s", "second")
	page := f.ok("ListStreamConsumers", map[string]any{"StreamARN": streamARN + "s", "MaxResults": 1})
	if cs := page["Consumers"].([]any); len(cs) != 1 || cs[0].(map[string]any)["ConsumerName"] != "app" || page["NextToken"] == nil {
		t.Errorf("first page = %v", page)
	}
	page = f.ok("ListStreamConsumers", map[string]any{"StreamARN": streamARN + "s", "NextToken": page["NextToken"]})
	if cs := page["Consumers"].([]any); len(cs) != 1 || cs[0].(map[string]any)["ConsumerName"] != "second" || page["NextToken"] != nil {
		t.Errorf("second page = %v", page)
	}
	if n := f.ok("DescribeStreamSummary", map[string]any{"StreamName": "s"})["StreamDescriptionSummary"].(map[string]any)["ConsumerCount"]; n != float64(2) {
		t.Errorf("ConsumerCount = %v", n)
	}
	f.ok("DeregisterStreamConsumer", map[string]any{"StreamARN": streamARN + "s", "ConsumerName": "second"})
	f.ok("DeregisterStreamConsumer", map[string]any{"ConsumerARN": arn})
	if cs := f.ok("ListStreamConsumers", map[string]any{"StreamARN": streamARN + "s"})["Consumers"].([]any); len(cs) != 0 {
		t.Errorf("consumers after deregistering: %v", cs)
	}
	// A consumer registered again under the same name, a second later, has
	// a new ARN and no tags.
	f.clk.Advance(time.Second)
	again := f.registerConsumer("s", "app")
	if again == arn {
		t.Errorf("re-registered consumer kept its ARN %s", arn)
	}
	if tags := f.ok("ListTagsForResource", map[string]any{"ResourceARN": again})["Tags"].([]any); len(tags) != 0 {
		t.Errorf("new consumer has tags %v", tags)
	}
}

func TestConsumerErrors(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	arn := f.registerConsumer("s", "app")
	gone := streamARN + "s/consumer/gone:1"
	runErrors(t, f, []errorCase{
		{"register: no stream", "RegisterStreamConsumer", map[string]any{"ConsumerName": "x"}, 0, validationErr,
			"1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null"},
		{"register: no name", "RegisterStreamConsumer", map[string]any{"StreamARN": streamARN + "s"}, 0, validationErr,
			"1 validation error detected: Value null at 'consumerName' failed to satisfy constraint: Member must not be null"},
		{"register: bad name", "RegisterStreamConsumer", map[string]any{"StreamARN": streamARN + "s", "ConsumerName": "a b"}, 0, validationErr, ""},
		{"register: taken", "RegisterStreamConsumer", map[string]any{"StreamARN": streamARN + "s", "ConsumerName": "app"}, 0, inUseErr,
			"Consumer " + arn + " under stream s under account 000000000000 already exists."},
		{"register: unknown stream", "RegisterStreamConsumer", map[string]any{"StreamARN": streamARN + "t", "ConsumerName": "x"}, 0, notFoundErr, "Stream t under account 000000000000 not found."},
		{"register: bad ARN", "RegisterStreamConsumer", map[string]any{"StreamARN": "s", "ConsumerName": "x"}, 0, validationErr, ""},
		{"describe: nothing", "DescribeStreamConsumer", map[string]any{}, 0, invalidArgErr, "ConsumerARN or both ConsumerName and StreamARN are required for this request."},
		{"describe: name alone", "DescribeStreamConsumer", map[string]any{"ConsumerName": "app"}, 0, invalidArgErr, ""},
		{"describe: unknown", "DescribeStreamConsumer", map[string]any{"ConsumerARN": gone}, 0, notFoundErr, ""},
		{"describe: bad ARN", "DescribeStreamConsumer", map[string]any{"ConsumerARN": "arn:nope"}, 0, validationErr, ""},
		{"describe: other account", "DescribeStreamConsumer", map[string]any{"ConsumerARN": "arn:aws:kinesis:us-east-1:111111111111:stream/s/consumer/app:1"}, 0, notFoundErr, ""},
		{"describe: name and ARN differ", "DescribeStreamConsumer", map[string]any{"ConsumerARN": arn, "ConsumerName": "other"}, 0, invalidArgErr, ""},
		{"deregister: unknown", "DeregisterStreamConsumer", map[string]any{"StreamARN": streamARN + "s", "ConsumerName": "nobody"}, 0, notFoundErr, ""},
		{"list: no stream", "ListStreamConsumers", map[string]any{}, 0, validationErr,
			"1 validation error detected: Value null at 'streamARN' failed to satisfy constraint: Member must not be null"},
		{"list: zero", "ListStreamConsumers", map[string]any{"StreamARN": streamARN + "s", "MaxResults": 0}, 0, validationErr, ""},
		{"list: bad token", "ListStreamConsumers", map[string]any{"StreamARN": streamARN + "s", "NextToken": "x"}, 0, invalidArgErr, "Invalid NextToken."},
		{"list: creation time", "ListStreamConsumers", map[string]any{"StreamARN": streamARN + "s", "StreamCreationTimestamp": 1}, 0, notFoundErr, ""},
	})
	f.ok("ListStreamConsumers", map[string]any{"StreamARN": streamARN + "s", "StreamCreationTimestamp": epoch.Unix()})
	// The failures changed nothing.
	if cs := f.ok("ListStreamConsumers", map[string]any{"StreamARN": streamARN + "s"})["Consumers"].([]any); len(cs) != 1 {
		t.Errorf("consumers after failed calls: %v", cs)
	}
}
