package kinesisapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/switchyard/switchyard/awsfake/internal/kinesisapi"
)

// FuzzJSONRequest sends arbitrary operations and bodies to a service
// holding streams, records, shards closed by a split, a consumer and tags,
// and checks that the service never panics, never answers with a fault of
// its own (a 5xx), always answers in the protocol's shape, and that a
// request answered with an error has changed nothing a client can observe.
// Each input runs in its own synctest bubble on the system clock, so that a
// SubscribeToShard that succeeds streams for its 5 minutes in virtual time.
func FuzzJSONRequest(f *testing.F) {
	seeds := []struct{ op, body string }{
		{"CreateStream", `{"StreamName":"new","ShardCount":2}`},
		{"CreateStream", `{"StreamName":"od","StreamModeDetails":{"StreamMode":"ON_DEMAND"},"Tags":{"a":"b"}}`},
		{"DeleteStream", `{"StreamName":"s","EnforceConsumerDeletion":true}`},
		{"DescribeStream", `{"StreamName":"s","Limit":1,"ExclusiveStartShardId":"shardId-000000000000"}`},
		{"DescribeStreamSummary", `{"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s"}`},
		{"ListStreams", `{"Limit":1,"ExclusiveStartStreamName":"a"}`},
		{"IncreaseStreamRetentionPeriod", `{"StreamName":"s","RetentionPeriodHours":48}`},
		{"DecreaseStreamRetentionPeriod", `{"StreamName":"s","RetentionPeriodHours":24}`},
		{"DescribeLimits", `{}`},
		{"ListShards", `{"StreamName":"s","MaxResults":1,"ShardFilter":{"Type":"AT_TIMESTAMP","Timestamp":946684800.5}}`},
		{"SplitShard", `{"StreamName":"s","ShardToSplit":"shardId-000000000002","NewStartingHashKey":"100"}`},
		{"MergeShards", `{"StreamName":"s","ShardToMerge":"shardId-000000000001","AdjacentShardToMerge":"shardId-000000000002"}`},
		{"UpdateShardCount", `{"StreamName":"s","TargetShardCount":3,"ScalingType":"UNIFORM_SCALING"}`},
		{"PutRecord", `{"StreamName":"s","PartitionKey":"k","Data":"aGVsbG8=","ExplicitHashKey":"1"}`},
		{"PutRecords", `{"StreamName":"s","Records":[{"PartitionKey":"k","Data":"eA=="},{"PartitionKey":"j","Data":""}]}`},
		{"GetShardIterator", `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":1e9}`},
		{"GetRecords", `{"ShardIterator":"cwBBQUFBQUFBQUFBRT0=","Limit":1}`},
		{"RegisterStreamConsumer", `{"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","ConsumerName":"c2"}`},
		{"DeregisterStreamConsumer", `{"ConsumerARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/app:946684800"}`},
		{"DescribeStreamConsumer", `{"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","ConsumerName":"app"}`},
		{"ListStreamConsumers", `{"StreamARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","MaxResults":1}`},
		{"SubscribeToShard", `{"ConsumerARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/app:946684800","ShardId":"shardId-000000000001","StartingPosition":{"Type":"TRIM_HORIZON"}}`},
		{"AddTagsToStream", `{"StreamName":"s","Tags":{"x":"y"}}`},
		{"RemoveTagsFromStream", `{"StreamName":"s","TagKeys":["team"]}`},
		{"ListTagsForStream", `{"StreamName":"s","Limit":1}`},
		{"TagResource", `{"ResourceARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s/consumer/app:946684800","Tags":{"x":"y"}}`},
		{"UntagResource", `{"ResourceARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s","TagKeys":["team"]}`},
		{"ListTagsForResource", `{"ResourceARN":"arn:aws:kinesis:us-east-1:000000000000:stream/s"}`},
		{"PutRecord", `{"StreamName":"s","PartitionKey":null,"Data":[1]}`},
		{"Nope", `{}`},
	}
	for _, s := range seeds {
		f.Add(s.op, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		synctest.Test(t, func(t *testing.T) {
			svc := seeded(t)
			before := observable(svc)
			r := svc.raw(op, string(body))
			if r.status >= 500 {
				t.Fatalf("%s %q: the service failed: %d %s", op, body, r.status, r.body)
			}
			if r.header.Get("x-amzn-RequestId") == "" {
				t.Fatalf("no request id: %d %s", r.status, r.body)
			}
			if r.header.Get("Content-Type") == "application/vnd.amazon.eventstream" {
				return // a subscription, which changes nothing observable
			}
			var m map[string]any
			if err := json.Unmarshal(r.body, &m); err != nil {
				t.Fatalf("reply is not a JSON object: %v %q", err, r.body)
			}
			if r.status != http.StatusOK {
				if m["__type"] == nil {
					t.Fatalf("error reply without __type: %s", r.body)
				}
				if after := observable(svc); after != before {
					t.Fatalf("%s %q failed (%s) and changed the service:\nbefore:\n%s\nafter:\n%s", op, body, r.body, before, after)
				}
			}
		})
	})
}

// seeded returns a service holding stream s (3 shards, the first split,
// records, a consumer "app" with a tag, a tag) and stream t.
func seeded(t *testing.T) *fake {
	f := newFakeWith(t, kinesisapi.Config{})
	f.ok("CreateStream", map[string]any{"StreamName": "s", "ShardCount": 3, "Tags": map[string]string{"team": "core"}})
	f.createStream("t", 1)
	for i := range 6 {
		f.put("s", fmt.Sprint("key", i), fmt.Sprint("data", i))
	}
	f.ok("SplitShard", map[string]any{"StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "1000"})
	f.put("s", "after", "split")
	arn := f.registerConsumer("s", "app")
	f.ok("TagResource", map[string]any{"ResourceARN": arn, "Tags": map[string]string{"role": "reader"}})
	return f
}

// observable is what a client can read of the service: each stream's
// summary, shards, tags, consumers with their tags, and records.
func observable(f *fake) string {
	var b strings.Builder
	for _, name := range f.ok("ListStreams", map[string]any{})["StreamNames"].([]any) {
		ref := map[string]any{"StreamName": name}
		fmt.Fprintln(&b, f.ok("DescribeStreamSummary", ref))
		fmt.Fprintln(&b, f.ok("ListTagsForStream", ref))
		consumers := f.ok("ListStreamConsumers", map[string]any{"StreamARN": streamARN + name.(string)})
		fmt.Fprintln(&b, consumers)
		for _, c := range consumers["Consumers"].([]any) {
			fmt.Fprintln(&b, f.ok("ListTagsForResource", map[string]any{"ResourceARN": c.(map[string]any)["ConsumerARN"]}))
		}
		shards := f.ok("ListShards", ref)
		fmt.Fprintln(&b, shards)
		for _, sh := range shards["Shards"].([]any) {
			id := sh.(map[string]any)["ShardId"].(string)
			it := f.ok("GetShardIterator", map[string]any{"StreamName": name, "ShardId": id, "ShardIteratorType": "TRIM_HORIZON"})["ShardIterator"]
			fmt.Fprintln(&b, f.ok("GetRecords", map[string]any{"ShardIterator": it})["Records"])
		}
	}
	return b.String()
}
