package kinesisapi_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/awsfake/internal/kinesisapi"
	"github.com/switchyard/switchyard/clock"
)

func TestPutAndGetRecords(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	shard, seq1 := f.put("s", "k1", "one")
	f.clk.Advance(1500 * time.Millisecond)
	_, seq2 := f.put("s", "k2", "two")
	if shard != "shardId-000000000000" || len(seq1) != 56 || seq2 <= seq1 {
		t.Errorf("puts: %s %s %s", shard, seq1, seq2)
	}
	out := f.ok("GetRecords", map[string]any{"ShardIterator": f.iterator("s", shard)})
	recs := out["Records"].([]any)
	if len(recs) != 2 {
		t.Fatalf("GetRecords: %v", out)
	}
	r0 := recs[0].(map[string]any)
	data, _ := base64.StdEncoding.DecodeString(r0["Data"].(string))
	if string(data) != "one" || r0["PartitionKey"] != "k1" || r0["SequenceNumber"] != seq1 || r0["ApproximateArrivalTimestamp"] != float64(epoch.Unix()) {
		t.Errorf("first record = %v", r0)
	}
	if at := recs[1].(map[string]any)["ApproximateArrivalTimestamp"]; at != float64(epoch.Unix())+1.5 {
		t.Errorf("second arrival = %v, want %v", at, float64(epoch.Unix())+1.5)
	}
	if out["MillisBehindLatest"] != float64(0) || out["ChildShards"] != nil {
		t.Errorf("reply = %v", out)
	}
	next := out["NextShardIterator"].(string)
	empty := f.ok("GetRecords", map[string]any{"ShardIterator": next, "Limit": 5, "StreamARN": streamARN + "s"})
	if recs := empty["Records"].([]any); len(recs) != 0 || empty["NextShardIterator"] == nil {
		t.Errorf("caught-up read = %v", empty)
	}
	// AFTER_SEQUENCE_NUMBER, AT_TIMESTAMP and LATEST.
	after := f.ok("GetShardIterator", map[string]any{"StreamName": "s", "ShardId": shard, "ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": seq1})
	if got := f.ok("GetRecords", map[string]any{"ShardIterator": after["ShardIterator"]})["Records"].([]any); len(got) != 1 || got[0].(map[string]any)["SequenceNumber"] != seq2 {
		t.Errorf("after %s: %v", seq1, got)
	}
	at := f.ok("GetShardIterator", map[string]any{"StreamName": "s", "ShardId": shard, "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": float64(epoch.Unix()) + 1})
	if got := f.ok("GetRecords", map[string]any{"ShardIterator": at["ShardIterator"]})["Records"].([]any); len(got) != 1 {
		t.Errorf("AT_TIMESTAMP +1s: %v", got)
	}
	latest := f.ok("GetShardIterator", map[string]any{"StreamName": "s", "ShardId": shard, "ShardIteratorType": "LATEST"})
	if got := f.ok("GetRecords", map[string]any{"ShardIterator": latest["ShardIterator"]})["Records"].([]any); len(got) != 0 {
		t.Errorf("LATEST: %v", got)
	}
}

func TestPutRecords(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 4)
	var records []map[string]any
	for i := range 20 {
		records = append(records, map[string]any{"PartitionKey": fmt.Sprint("key", i), "Data": []byte(fmt.Sprint("data", i))})
	}
	records = append(records, map[string]any{"PartitionKey": "x", "Data": []byte("explicit"), "ExplicitHashKey": "0"})
	out := f.ok("PutRecords", map[string]any{"StreamName": "s", "Records": records})
	if out["FailedRecordCount"] != float64(0) {
		t.Errorf("FailedRecordCount = %v", out["FailedRecordCount"])
	}
	res := out["Records"].([]any)
	if len(res) != 21 {
		t.Fatalf("%d results, want 21", len(res))
	}
	shards := map[any]int{}
	for _, r := range res {
		m := r.(map[string]any)
		if m["SequenceNumber"] == nil || m["ErrorCode"] != nil {
			t.Errorf("result %v", m)
		}
		shards[m["ShardId"]]++
	}
	if len(shards) != 4 {
		t.Errorf("records spread over %d shards, want 4: %v", len(shards), shards)
	}
	if last := res[20].(map[string]any)["ShardId"]; last != "shardId-000000000000" {
		t.Errorf("explicit hash key 0 went to %v", last)
	}
}

func TestRecordErrors(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	it := f.iterator("s", "shardId-000000000000")
	big := make([]byte, 1<<20)
	runErrors(t, f, []errorCase{
		{"no key", "PutRecord", map[string]any{"StreamName": "s", "Data": "eA=="}, 0, validationErr,
			"1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null"},
		{"no data", "PutRecord", map[string]any{"StreamName": "s", "PartitionKey": "k"}, 0, validationErr,
			"1 validation error detected: Value null at 'data' failed to satisfy constraint: Member must not be null"},
		{"empty key", "PutRecord", map[string]any{"StreamName": "s", "PartitionKey": "", "Data": "eA=="}, 0, validationErr,
			"1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"too large", "PutRecord", map[string]any{"StreamName": "s", "PartitionKey": "k", "Data": big}, 0, validationErr,
			"1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576"},
		{"hash key range", "PutRecord", map[string]any{"StreamName": "s", "PartitionKey": "k", "Data": "eA==", "ExplicitHashKey": "340282366920938463463374607431768211456"}, 0, invalidArgErr,
			"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 340282366920938463463374607431768211456"},
		{"no records", "PutRecords", map[string]any{"StreamName": "s"}, 0, validationErr,
			"1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must not be null"},
		{"empty records", "PutRecords", map[string]any{"StreamName": "s", "Records": []any{}}, 0, validationErr,
			"1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"record without data", "PutRecords", map[string]any{"StreamName": "s", "Records": []any{map[string]any{"PartitionKey": "k", "Data": "eA=="}, map[string]any{"PartitionKey": "k"}}}, 0, validationErr,
			"1 validation error detected: Value null at 'records.2.member.data' failed to satisfy constraint: Member must not be null"},
		{"501 records", "PutRecords", map[string]any{"StreamName": "s", "Records": manyRecords(501)}, 0, validationErr,
			"1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to 500"},
		{"no shard id", "GetShardIterator", map[string]any{"StreamName": "s", "ShardIteratorType": "LATEST"}, 0, validationErr,
			"1 validation error detected: Value null at 'shardId' failed to satisfy constraint: Member must not be null"},
		{"no type", "GetShardIterator", map[string]any{"StreamName": "s", "ShardId": "shardId-000000000000"}, 0, validationErr,
			"1 validation error detected: Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null"},
		{"bad type", "GetShardIterator", map[string]any{"StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "OLDEST"}, 0, validationErr, ""},
		{"unknown shard", "GetShardIterator", map[string]any{"StreamName": "s", "ShardId": "shardId-000000000009", "ShardIteratorType": "LATEST"}, 0, notFoundErr,
			"Shard shardId-000000000009 in stream s under account 000000000000 does not exist"},
		{"sequence number missing", "GetShardIterator", map[string]any{"StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "AT_SEQUENCE_NUMBER"}, 0, invalidArgErr, "Must either specify…"},
		{"timestamp in the future", "GetShardIterator", map[string]any{"StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": epoch.Unix() + 60}, 0, invalidArgErr,
			"The timestampInMillis parameter cannot be greater than the currentTimestampInMillis…"},
		{"no iterator", "GetRecords", map[string]any{}, 0, validationErr,
			"1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null"},
		{"empty iterator", "GetRecords", map[string]any{"ShardIterator": ""}, 0, validationErr,
			"1 validation error detected: Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"long iterator", "GetRecords", map[string]any{"ShardIterator": strings.Repeat("A", 513)}, 0, validationErr, ""},
		{"garbage iterator", "GetRecords", map[string]any{"ShardIterator": "not-an-iterator"}, 0, invalidArgErr, "Invalid ShardIterator."},
		{"forged iterator", "GetRecords", map[string]any{"ShardIterator": base64.StdEncoding.EncodeToString([]byte("s\x00AAAA"))}, 0, invalidArgErr, "Invalid ShardIterator."},
		{"limit", "GetRecords", map[string]any{"ShardIterator": it, "Limit": 10001}, 0, validationErr,
			"1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"zero limit", "GetRecords", map[string]any{"ShardIterator": it, "Limit": 0}, 0, validationErr, ""},
		{"other stream's ARN", "GetRecords", map[string]any{"ShardIterator": it, "StreamARN": streamARN + "t"}, 0, invalidArgErr, "Invalid ShardIterator."},
	})
	// Nothing was stored by the failures.
	if recs := f.ok("GetRecords", map[string]any{"ShardIterator": it})["Records"].([]any); len(recs) != 0 {
		t.Errorf("failed puts stored %d records", len(recs))
	}
}

func manyRecords(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = map[string]any{"PartitionKey": "k", "Data": "eA=="}
	}
	return out
}

// An iterator expires 5 minutes after it was issued; the one each read
// returns is fresh.
func TestIteratorExpires(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	it := f.iterator("s", "shardId-000000000000")
	f.clk.Advance(4 * time.Minute)
	next := f.ok("GetRecords", map[string]any{"ShardIterator": it})["NextShardIterator"]
	f.clk.Advance(2 * time.Minute)
	f.fail("GetRecords", map[string]any{"ShardIterator": it}, http.StatusBadRequest, expiredIterErr, "Iterator expired…")
	f.ok("GetRecords", map[string]any{"ShardIterator": next})
	// A deleted stream's iterators name no stream.
	f.ok("DeleteStream", map[string]any{"StreamName": "s"})
	f.fail("GetRecords", map[string]any{"ShardIterator": next}, http.StatusBadRequest, notFoundErr, "")
}

// After a split the parent is read to its end: no NextShardIterator, and
// the children in ChildShards.
func TestGetRecordsChildShards(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	f.put("s", "k", "before")
	f.ok("SplitShard", map[string]any{"StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "170141183460469231731687303715884105728"})
	out := f.ok("GetRecords", map[string]any{"ShardIterator": f.iterator("s", "shardId-000000000000")})
	if len(out["Records"].([]any)) != 1 || out["NextShardIterator"] != nil {
		t.Errorf("end of closed shard: %v", out)
	}
	children := out["ChildShards"].([]any)
	if len(children) != 2 {
		t.Fatalf("ChildShards = %v", children)
	}
	c := children[0].(map[string]any)
	if c["ShardId"] != "shardId-000000000001" || fmt.Sprint(c["ParentShards"]) != "[shardId-000000000000]" || c["HashKeyRange"].(map[string]any)["EndingHashKey"] != "170141183460469231731687303715884105727" {
		t.Errorf("first child = %v", c)
	}
}

// With Limits, the per-shard write rate answers
// ProvisionedThroughputExceededException, per record in PutRecords.
func TestThroughputLimits(t *testing.T) {
	clk := clock.NewManual(epoch)
	f := newFakeWith(t, kinesisapi.Config{Clock: clk, Limits: true})
	f.createStream("s", 1)
	out := f.ok("PutRecords", map[string]any{"StreamName": "s", "Records": manyRecords(500)})
	if out["FailedRecordCount"] != float64(0) {
		t.Fatalf("first 500: %v failed", out["FailedRecordCount"])
	}
	out = f.ok("PutRecords", map[string]any{"StreamName": "s", "Records": manyRecords(500)})
	out = f.ok("PutRecords", map[string]any{"StreamName": "s", "Records": manyRecords(500)})
	if out["FailedRecordCount"] != float64(500) {
		t.Fatalf("third 500 in the same second: %v failed, want 500", out["FailedRecordCount"])
	}
	r := out["Records"].([]any)[0].(map[string]any)
	if r["ErrorCode"] != "ProvisionedThroughputExceededException" || r["ErrorMessage"] != "Rate exceeded for shard shardId-000000000000 in stream s under account 000000000000." || r["SequenceNumber"] != nil {
		t.Errorf("failed entry = %v", r)
	}
	f.fail("PutRecord", map[string]any{"StreamName": "s", "PartitionKey": "k", "Data": "eA=="}, http.StatusBadRequest, "ProvisionedThroughputExceededException", "Rate exceeded for shard…")
	it := f.iterator("s", "shardId-000000000000")
	for range 5 {
		it = f.ok("GetRecords", map[string]any{"ShardIterator": it, "Limit": 1})["NextShardIterator"].(string)
	}
	f.fail("GetRecords", map[string]any{"ShardIterator": it}, http.StatusBadRequest, "ProvisionedThroughputExceededException", "")
	clk.Advance(time.Second)
	f.ok("PutRecord", map[string]any{"StreamName": "s", "PartitionKey": "k", "Data": "eA=="})
}
