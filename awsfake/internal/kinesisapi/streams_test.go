package kinesisapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestCreateAndDescribeStream(t *testing.T) {
	f := newFake(t)
	f.ok("CreateStream", map[string]any{"StreamName": "orders", "ShardCount": 3, "Tags": map[string]string{"team": "core"}})
	d := f.ok("DescribeStream", map[string]any{"StreamName": "orders"})["StreamDescription"].(map[string]any)
	want := map[string]any{
		"StreamName":              "orders",
		"StreamARN":               streamARN + "orders",
		"StreamStatus":            "ACTIVE",
		"HasMoreShards":           false,
		"RetentionPeriodHours":    float64(24),
		"StreamCreationTimestamp": float64(epoch.Unix()),
		"EncryptionType":          "NONE",
	}
	for k, v := range want {
		if d[k] != v {
			t.Errorf("StreamDescription.%s = %v, want %v", k, d[k], v)
		}
	}
	if mode := d["StreamModeDetails"].(map[string]any)["StreamMode"]; mode != "PROVISIONED" {
		t.Errorf("StreamMode = %v", mode)
	}
	shards := d["Shards"].([]any)
	if len(shards) != 3 {
		t.Fatalf("%d shards, want 3", len(shards))
	}
	first := shards[0].(map[string]any)
	if first["ShardId"] != "shardId-000000000000" || first["HashKeyRange"].(map[string]any)["StartingHashKey"] != "0" {
		t.Errorf("first shard = %v", first)
	}
	if r := first["SequenceNumberRange"].(map[string]any); r["StartingSequenceNumber"] == "" || r["EndingSequenceNumber"] != nil {
		t.Errorf("open shard's SequenceNumberRange = %v, want a start and no end", r)
	}
	sum := f.ok("DescribeStreamSummary", map[string]any{"StreamARN": streamARN + "orders"})["StreamDescriptionSummary"].(map[string]any)
	if sum["OpenShardCount"] != float64(3) || sum["ConsumerCount"] != float64(0) || sum["MaxRecordSizeInKiB"] != float64(1024) || sum["StreamName"] != "orders" {
		t.Errorf("summary = %v", sum)
	}
}

// DescribeStream pages its shards with Limit and ExclusiveStartShardId.
func TestDescribeStreamPages(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 5)
	var got []string
	after := ""
	for range 5 {
		in := map[string]any{"StreamName": "s", "Limit": 2}
		if after != "" {
			in["ExclusiveStartShardId"] = after
		}
		d := f.ok("DescribeStream", in)["StreamDescription"].(map[string]any)
		for _, sh := range d["Shards"].([]any) {
			after = sh.(map[string]any)["ShardId"].(string)
			got = append(got, after)
		}
		if d["HasMoreShards"] == false {
			break
		}
	}
	if len(got) != 5 || got[4] != "shardId-000000000004" {
		t.Errorf("shards paged: %v", got)
	}
}

func TestCreateStreamOnDemand(t *testing.T) {
	f := newFake(t)
	f.ok("CreateStream", map[string]any{"StreamName": "od", "StreamModeDetails": map[string]any{"StreamMode": "ON_DEMAND"}})
	sum := f.ok("DescribeStreamSummary", map[string]any{"StreamName": "od"})["StreamDescriptionSummary"].(map[string]any)
	if sum["OpenShardCount"] != float64(4) || sum["StreamModeDetails"].(map[string]any)["StreamMode"] != "ON_DEMAND" {
		t.Errorf("on-demand summary = %v", sum)
	}
	limits := f.ok("DescribeLimits", map[string]any{})
	if limits["OnDemandStreamCount"] != float64(1) || limits["OpenShardCount"] != float64(4) || limits["ShardLimit"] != float64(20000) || limits["OnDemandStreamCountLimit"] != float64(50) {
		t.Errorf("DescribeLimits = %v", limits)
	}
	runErrors(t, f, []errorCase{
		{"split", "SplitShard", map[string]any{"StreamName": "od", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "5"}, 0, invalidArgErr,
			"SplitShard is not supported for stream od under account 000000000000 because it is in ON_DEMAND mode."},
		{"merge", "MergeShards", map[string]any{"StreamName": "od", "ShardToMerge": "shardId-000000000000", "AdjacentShardToMerge": "shardId-000000000001"}, 0, invalidArgErr, "MergeShards is not supported…"},
		{"scale", "UpdateShardCount", map[string]any{"StreamName": "od", "TargetShardCount": 5, "ScalingType": "UNIFORM_SCALING"}, 0, invalidArgErr, "UpdateShardCount is not supported…"},
	})
}

func TestCreateStreamErrors(t *testing.T) {
	f := newFake(t)
	f.createStream("taken", 1)
	long := strings.Repeat("a", 129)
	runErrors(t, f, []errorCase{
		{"no name", "CreateStream", map[string]any{"ShardCount": 1}, 0, validationErr,
			"1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null"},
		{"bad name", "CreateStream", map[string]any{"StreamName": "a/b", "ShardCount": 1}, 0, validationErr,
			"1 validation error detected: Value 'a/b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"long name", "CreateStream", map[string]any{"StreamName": long, "ShardCount": 1}, 0, validationErr,
			"1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"zero shards", "CreateStream", map[string]any{"StreamName": "z", "ShardCount": 0}, 0, validationErr,
			"1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"no shard count", "CreateStream", map[string]any{"StreamName": "z"}, 0, invalidArgErr, "ShardCount is required for a stream in PROVISIONED mode."},
		{"bad mode", "CreateStream", map[string]any{"StreamName": "z", "ShardCount": 1, "StreamModeDetails": map[string]any{"StreamMode": "FAST"}}, 0, validationErr,
			"1 validation error detected: Value 'FAST' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]"},
		{"record size", "CreateStream", map[string]any{"StreamName": "z", "ShardCount": 1, "MaxRecordSizeInKiB": 0}, 0, validationErr,
			"1 validation error detected: Value '0' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024"},
		{"exists", "CreateStream", map[string]any{"StreamName": "taken", "ShardCount": 2}, 0, inUseErr, "Stream taken under account 000000000000 already exists."},
		{"too many shards", "CreateStream", map[string]any{"StreamName": "z", "ShardCount": 20001}, 0, limitErr, ""},
		{"two errors", "CreateStream", map[string]any{"StreamName": "", "ShardCount": -1}, 0, validationErr, "3 validation errors detected: …"},
		{"wrong type", "CreateStream", map[string]any{"StreamName": "z", "ShardCount": "one"}, 0, serializeErr, ""},
	})
	// Nothing was created by the failures.
	names := f.ok("ListStreams", map[string]any{})["StreamNames"].([]any)
	if len(names) != 1 || names[0] != "taken" {
		t.Errorf("streams after failed creates: %v", names)
	}
}

// Every operation that names a stream takes StreamName, StreamARN or both,
// and refuses a reference that names none.
func TestStreamReferences(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	for _, ref := range []map[string]any{
		{"StreamName": "s"},
		{"StreamARN": streamARN + "s"},
		{"StreamName": "s", "StreamARN": streamARN + "s"},
	} {
		if got := f.ok("DescribeStreamSummary", ref)["StreamDescriptionSummary"].(map[string]any)["StreamName"]; got != "s" {
			t.Errorf("%v names %v", ref, got)
		}
	}
	runErrors(t, f, []errorCase{
		{"neither", "DescribeStreamSummary", map[string]any{}, 0, invalidArgErr, "Either StreamName or StreamARN must be provided."},
		{"unknown name", "DescribeStream", map[string]any{"StreamName": "nope"}, 0, notFoundErr, "Stream nope under account 000000000000 not found."},
		{"unknown ARN", "PutRecord", map[string]any{"StreamARN": streamARN + "nope", "PartitionKey": "k", "Data": "eA=="}, 0, notFoundErr, "Stream nope under account 000000000000 not found."},
		{"other account", "DescribeStream", map[string]any{"StreamARN": "arn:aws:kinesis:us-east-1:111111111111:stream/s"}, 0, notFoundErr, "Stream s under account 111111111111 not found."},
		{"other region", "DescribeStream", map[string]any{"StreamARN": "arn:aws:kinesis:eu-west-1:000000000000:stream/s"}, 0, notFoundErr, ""},
		{"bad ARN", "DescribeStream", map[string]any{"StreamARN": "arn:aws:sqs:us-east-1:000000000000:q"}, 0, validationErr,
			"1 validation error detected: Value 'arn:aws:sqs:us-east-1:000000000000:q' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"},
		{"disagree", "DescribeStream", map[string]any{"StreamName": "t", "StreamARN": streamARN + "s"}, 0, invalidArgErr, "StreamName t does not match the stream named by StreamARN " + streamARN + "s."},
	})
}

func TestListStreams(t *testing.T) {
	f := newFake(t)
	for _, n := range []string{"c", "a", "e", "b", "d"} {
		f.createStream(n, 1)
	}
	var got []string
	in := map[string]any{"Limit": 2}
	for range 5 {
		out := f.ok("ListStreams", in)
		for i, n := range out["StreamNames"].([]any) {
			got = append(got, n.(string))
			sum := out["StreamSummaries"].([]any)[i].(map[string]any)
			if sum["StreamName"] != n || sum["StreamARN"] != streamARN+n.(string) || sum["StreamStatus"] != "ACTIVE" {
				t.Errorf("summary %v for %v", sum, n)
			}
		}
		if out["HasMoreStreams"] == false {
			if out["NextToken"] != nil {
				t.Errorf("last page has a NextToken: %v", out)
			}
			break
		}
		in = map[string]any{"Limit": 2, "NextToken": out["NextToken"]}
	}
	if fmt.Sprint(got) != "[a b c d e]" {
		t.Errorf("listed %v", got)
	}
	after := f.ok("ListStreams", map[string]any{"ExclusiveStartStreamName": "c"})["StreamNames"].([]any)
	if fmt.Sprint(after) != "[d e]" {
		t.Errorf("after c: %v", after)
	}
	runErrors(t, f, []errorCase{
		{"limit", "ListStreams", map[string]any{"Limit": 0}, 0, validationErr,
			"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"bad token", "ListStreams", map[string]any{"NextToken": "nope"}, 0, invalidArgErr, "Invalid NextToken."},
		{"token and start", "ListStreams", map[string]any{"NextToken": "x", "ExclusiveStartStreamName": "a"}, 0, invalidArgErr, ""},
	})
}

func TestDeleteStream(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	f.registerConsumer("s", "c")
	f.fail("DeleteStream", map[string]any{"StreamName": "s"}, http.StatusBadRequest, inUseErr, "Stream s under account 000000000000 has 1 registered consumers…")
	f.ok("DeleteStream", map[string]any{"StreamName": "s", "EnforceConsumerDeletion": true})
	f.fail("DescribeStream", map[string]any{"StreamName": "s"}, http.StatusBadRequest, notFoundErr, "")
	f.fail("DeleteStream", map[string]any{"StreamName": "s"}, http.StatusBadRequest, notFoundErr, "")
	if _, ok := f.svc.StreamByARN(streamARN + "s"); ok {
		t.Error("StreamByARN finds a deleted stream")
	}
	// The name can be used again.
	f.createStream("s", 2)
	if st, ok := f.svc.StreamByARN(streamARN + "s"); !ok || st.Name() != "s" {
		t.Errorf("StreamByARN = %v, %v", st, ok)
	}
}

func TestRetentionPeriod(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 1)
	f.ok("IncreaseStreamRetentionPeriod", map[string]any{"StreamName": "s", "RetentionPeriodHours": 48})
	f.ok("DecreaseStreamRetentionPeriod", map[string]any{"StreamARN": streamARN + "s", "RetentionPeriodHours": 36})
	d := f.ok("DescribeStreamSummary", map[string]any{"StreamName": "s"})["StreamDescriptionSummary"].(map[string]any)
	if d["RetentionPeriodHours"] != float64(36) {
		t.Errorf("RetentionPeriodHours = %v, want 36", d["RetentionPeriodHours"])
	}
	runErrors(t, f, []errorCase{
		{"missing", "IncreaseStreamRetentionPeriod", map[string]any{"StreamName": "s"}, 0, validationErr,
			"1 validation error detected: Value null at 'retentionPeriodHours' failed to satisfy constraint: Member must not be null"},
		{"not an increase", "IncreaseStreamRetentionPeriod", map[string]any{"StreamName": "s", "RetentionPeriodHours": 24}, 0, invalidArgErr,
			"Requested retention period (24 hours) for stream s can not be shorter than existing retention period (36 hours). Use DecreaseRetentionPeriod API."},
		{"too long", "IncreaseStreamRetentionPeriod", map[string]any{"StreamName": "s", "RetentionPeriodHours": 9000}, 0, invalidArgErr, ""},
		{"not a decrease", "DecreaseStreamRetentionPeriod", map[string]any{"StreamName": "s", "RetentionPeriodHours": 48}, 0, invalidArgErr, ""},
		{"negative", "DecreaseStreamRetentionPeriod", map[string]any{"StreamName": "s", "RetentionPeriodHours": -1}, 0, validationErr, ""},
		{"no stream", "DecreaseStreamRetentionPeriod", map[string]any{"StreamName": "x", "RetentionPeriodHours": 24}, 0, notFoundErr, ""},
	})
}

// The protocol: unknown operations, bad JSON, the reply's headers.
func TestProtocol(t *testing.T) {
	f := newFake(t)
	r := f.raw("DescribeLimits", `{}`)
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/x-amz-json-1.1" || r.header.Get("x-amzn-RequestId") == "" {
		t.Errorf("DescribeLimits reply: %d %v %s", r.status, r.header, r.body)
	}
	checkError(t, f.raw("UpdateStreamMode", `{}`), http.StatusBadRequest, "UnknownOperationException", "")
	checkError(t, f.raw("CreateStream", `{"StreamName":`), http.StatusBadRequest, serializeErr, "")
	checkError(t, f.raw("CreateStream", `[]`), http.StatusBadRequest, serializeErr, "")
	checkError(t, f.raw("PutRecord", `{"StreamName":"s","PartitionKey":"k","Data":"not base64!"}`), http.StatusBadRequest, serializeErr, "")
	checkError(t, f.raw("GetShardIterator", `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":"yesterday"}`), http.StatusBadRequest, serializeErr, "")
	// In process, the same operations answer with the same bodies and errors.
	out, err := f.svc.Call(t.Context(), "CreateStream", []byte(`{"StreamName":"inproc","ShardCount":1}`))
	if err != nil || string(out) != "{}" {
		t.Errorf("Call CreateStream = %s, %v", out, err)
	}
	if _, err := f.svc.Call(t.Context(), "CreateStream", []byte(`{"StreamName":"inproc","ShardCount":1}`)); err == nil || !strings.Contains(err.Error(), "ResourceInUseException") {
		t.Errorf("Call CreateStream again: %v", err)
	}
	if _, err := f.svc.Call(t.Context(), "SubscribeToShard", []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "UnknownOperationException") {
		t.Errorf("Call SubscribeToShard: %v", err)
	}
}
