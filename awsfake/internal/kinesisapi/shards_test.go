package kinesisapi_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestListShardsPages(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 5)
	var got []string
	in := map[string]any{"StreamName": "s", "MaxResults": 2}
	for range 5 {
		out := f.ok("ListShards", in)
		for _, sh := range out["Shards"].([]any) {
			got = append(got, sh.(map[string]any)["ShardId"].(string))
		}
		token, _ := out["NextToken"].(string)
		if token == "" {
			break
		}
		// A NextToken names its stream: it goes alone (with MaxResults).
		f.fail("ListShards", map[string]any{"StreamName": "s", "NextToken": token}, http.StatusBadRequest, invalidArgErr, "NextToken and StreamName cannot be provided together.")
		f.fail("ListShards", map[string]any{"StreamARN": streamARN + "s", "NextToken": token}, http.StatusBadRequest, invalidArgErr, "NextToken and StreamName cannot be provided together.")
		f.fail("ListShards", map[string]any{"NextToken": token, "StreamCreationTimestamp": epoch.Unix()}, http.StatusBadRequest, invalidArgErr, "")
		in = map[string]any{"NextToken": token, "MaxResults": 2}
	}
	if fmt.Sprint(got) != "[shardId-000000000000 shardId-000000000001 shardId-000000000002 shardId-000000000003 shardId-000000000004]" {
		t.Errorf("listed %v", got)
	}
}

func TestListShardsFilters(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 2)
	f.clk.Advance(time.Minute)
	f.ok("MergeShards", map[string]any{"StreamName": "s", "ShardToMerge": "shardId-000000000000", "AdjacentShardToMerge": "shardId-000000000001"})
	tests := []struct {
		name   string
		filter map[string]any
		want   string
	}{
		{"default", nil, "[shardId-000000000000 shardId-000000000001 shardId-000000000002]"},
		{"latest", map[string]any{"Type": "AT_LATEST"}, "[shardId-000000000002]"},
		{"trim horizon", map[string]any{"Type": "AT_TRIM_HORIZON"}, "[shardId-000000000000 shardId-000000000001]"},
		{"after", map[string]any{"Type": "AFTER_SHARD_ID", "ShardId": "shardId-000000000000"}, "[shardId-000000000001 shardId-000000000002]"},
		{"at timestamp", map[string]any{"Type": "AT_TIMESTAMP", "Timestamp": epoch.Unix() + 1}, "[shardId-000000000000 shardId-000000000001]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := map[string]any{"StreamName": "s"}
			if tt.filter != nil {
				in["ShardFilter"] = tt.filter
			}
			var ids []string
			for _, sh := range f.with(t).ok("ListShards", in)["Shards"].([]any) {
				ids = append(ids, sh.(map[string]any)["ShardId"].(string))
			}
			if fmt.Sprint(ids) != tt.want {
				t.Errorf("listed %v, want %s", ids, tt.want)
			}
		})
	}
	merged := f.ok("ListShards", map[string]any{"StreamName": "s", "ShardFilter": map[string]any{"Type": "AT_LATEST"}})["Shards"].([]any)[0].(map[string]any)
	if merged["ParentShardId"] != "shardId-000000000000" || merged["AdjacentParentShardId"] != "shardId-000000000001" {
		t.Errorf("merged shard = %v", merged)
	}
	// StreamCreationTimestamp must be the stream's.
	f.ok("ListShards", map[string]any{"StreamName": "s", "StreamCreationTimestamp": epoch.Unix()})
	runErrors(t, f, []errorCase{
		{"other creation time", "ListShards", map[string]any{"StreamName": "s", "StreamCreationTimestamp": epoch.Unix() - 1}, 0, notFoundErr, ""},
		{"no stream", "ListShards", map[string]any{}, 0, invalidArgErr, "Either StreamName or StreamARN must be provided."},
		{"zero results", "ListShards", map[string]any{"StreamName": "s", "MaxResults": 0}, 0, validationErr,
			"1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"filter without type", "ListShards", map[string]any{"StreamName": "s", "ShardFilter": map[string]any{}}, 0, validationErr,
			"1 validation error detected: Value null at 'shardFilter.type' failed to satisfy constraint: Member must not be null"},
		{"filter without shard", "ListShards", map[string]any{"StreamName": "s", "ShardFilter": map[string]any{"Type": "AFTER_SHARD_ID"}}, 0, invalidArgErr,
			"ShardId must be supplied in a ShardFilter with a Type of AFTER_SHARD_ID"},
		{"bad filter type", "ListShards", map[string]any{"StreamName": "s", "ShardFilter": map[string]any{"Type": "ALL"}}, 0, validationErr, ""},
		{"bad token", "ListShards", map[string]any{"NextToken": "zzz"}, 0, invalidArgErr, "Invalid NextToken."},
		{"stream list token", "ListShards", map[string]any{"NextToken": listStreamsToken(t, f)}, 0, invalidArgErr, "Invalid NextToken."},
	})
}

// listStreamsToken returns a ListStreams NextToken, which ListShards must
// refuse.
func listStreamsToken(t *testing.T, f *fake) string {
	f.createStream("other", 1)
	return f.with(t).ok("ListStreams", map[string]any{"Limit": 1})["NextToken"].(string)
}

// A ListShards NextToken expires after 5 minutes.
func TestListShardsTokenExpires(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 3)
	token := f.ok("ListShards", map[string]any{"StreamName": "s", "MaxResults": 1})["NextToken"]
	f.clk.Advance(5*time.Minute + time.Second)
	f.fail("ListShards", map[string]any{"NextToken": token}, http.StatusBadRequest, "ExpiredNextTokenException", "")
}

func TestReshard(t *testing.T) {
	f := newFake(t)
	f.createStream("s", 2)
	f.ok("SplitShard", map[string]any{"StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "1000"})
	if ids := f.shardIDs("s"); len(ids) != 4 {
		t.Errorf("after split: %v", ids)
	}
	out := f.ok("UpdateShardCount", map[string]any{"StreamARN": streamARN + "s", "TargetShardCount": 4, "ScalingType": "UNIFORM_SCALING"})
	if out["CurrentShardCount"] != float64(3) || out["TargetShardCount"] != float64(4) || out["StreamName"] != "s" || out["StreamARN"] != streamARN+"s" {
		t.Errorf("UpdateShardCount = %v", out)
	}
	open := f.ok("ListShards", map[string]any{"StreamName": "s", "ShardFilter": map[string]any{"Type": "AT_LATEST"}})["Shards"].([]any)
	if len(open) != 4 {
		t.Errorf("%d open shards, want 4", len(open))
	}
	runErrors(t, f, []errorCase{
		{"split: no shard", "SplitShard", map[string]any{"StreamName": "s", "NewStartingHashKey": "5"}, 0, validationErr,
			"1 validation error detected: Value null at 'shardToSplit' failed to satisfy constraint: Member must not be null"},
		{"split: no key", "SplitShard", map[string]any{"StreamName": "s", "ShardToSplit": "shardId-000000000000"}, 0, validationErr,
			"1 validation error detected: Value null at 'newStartingHashKey' failed to satisfy constraint: Member must not be null"},
		{"split: closed", "SplitShard", map[string]any{"StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "5"}, 0, invalidArgErr,
			"Shard shardId-000000000000 in stream s under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting."},
		{"split: unknown", "SplitShard", map[string]any{"StreamName": "s", "ShardToSplit": "shardId-000000000099", "NewStartingHashKey": "5"}, 0, notFoundErr, ""},
		{"split: bad key", "SplitShard", map[string]any{"StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "x"}, 0, validationErr, ""},
		{"merge: missing", "MergeShards", map[string]any{"StreamName": "s"}, 0, validationErr,
			"2 validation errors detected: Value null at 'shardToMerge' failed to satisfy constraint: Member must not be null; Value null at 'adjacentShardToMerge' failed to satisfy constraint: Member must not be null"},
		{"merge: not adjacent", "MergeShards", map[string]any{"StreamName": "s", "ShardToMerge": "shardId-000000000000", "AdjacentShardToMerge": "shardId-000000000001"}, 0, invalidArgErr, ""},
		{"scale: missing", "UpdateShardCount", map[string]any{"StreamName": "s", "ScalingType": "UNIFORM_SCALING"}, 0, validationErr,
			"1 validation error detected: Value null at 'targetShardCount' failed to satisfy constraint: Member must not be null"},
		{"scale: type", "UpdateShardCount", map[string]any{"StreamName": "s", "TargetShardCount": 4}, 0, validationErr,
			"1 validation error detected: Value null at 'scalingType' failed to satisfy constraint: Member must not be null"},
		{"scale: too far", "UpdateShardCount", map[string]any{"StreamName": "s", "TargetShardCount": 9, "ScalingType": "UNIFORM_SCALING"}, 0, limitErr, ""},
		{"scale: no stream", "UpdateShardCount", map[string]any{"StreamName": "x", "TargetShardCount": 2, "ScalingType": "UNIFORM_SCALING"}, 0, notFoundErr, ""},
	})
}
