package sdktest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/switchyard/switchyard/awsfake"
)

// Kinesis Data Streams through the real SDK client: every operation the
// fake serves, with its errors matched as users match them (errors.As on
// the modelled types, smithy.APIError codes), in memory in a synctest
// bubble and over a loopback socket; SubscribeToShard read by the SDK's
// own event-stream reader.

// kenv is a fake account and a Kinesis client pointed at it.
type kenv struct {
	*env
	K *kinesis.Client
	// client returns another client pointed at the account. A client
	// reads every SubscribeToShard stream with one decoder, which two
	// streams read at once corrupt (smithy-go v1.28.9's awsjson Protocol
	// keeps one event-stream Codec, with its buffer, per client): each
	// concurrent subscription needs a client of its own.
	client func() *kinesis.Client
}

// eachKinesis runs f in memory (in a synctest bubble) and over loopback.
func eachKinesis(t *testing.T, f func(t *testing.T, k *kenv)) {
	t.Run("inmemory", func(t *testing.T) {
		inMemory(t, func(t *testing.T, e *env) {
			client := func() *kinesis.Client { return newKinesis(placeholderEndpoint, e.Account.HTTPClient()) }
			f(t, &kenv{env: e, K: client(), client: client})
		})
	})
	t.Run("loopback", func(t *testing.T) {
		s := loopback(t)
		client := func() *kinesis.Client { return newKinesis(s.URL, s.client) }
		f(t, &kenv{env: s.env, K: client(), client: client})
	})
}

// kinesisARN is the ARN of the stream called name in the test account.
func kinesisARN(name string) string {
	return "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name
}

// createKinesisStream creates a provisioned stream of n shards.
func createKinesisStream(t *testing.T, c *kinesis.Client, name string, n int32) {
	t.Helper()
	if _, err := c.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(n)}); err != nil {
		t.Fatalf("CreateStream %s: %v", name, err)
	}
}

// putKinesis puts one record and returns its sequence number.
func putKinesis(t *testing.T, c *kinesis.Client, name, key, data string) string {
	t.Helper()
	out, err := c.PutRecord(t.Context(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String(key), Data: []byte(data)})
	if err != nil {
		t.Fatalf("PutRecord: %v", err)
	}
	return aws.ToString(out.SequenceNumber)
}

// shardIterator returns an iterator of the given type.
func shardIterator(t *testing.T, c *kinesis.Client, name, shard string, typ types.ShardIteratorType) *string {
	t.Helper()
	out, err := c.GetShardIterator(t.Context(), &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String(shard), ShardIteratorType: typ})
	if err != nil {
		t.Fatalf("GetShardIterator %s %s: %v", shard, typ, err)
	}
	return out.ShardIterator
}

func TestKinesisStreams(t *testing.T) {
	eachKinesis(t, func(t *testing.T, k *kenv) {
		ctx, c := t.Context(), k.K
		_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(3), Tags: map[string]string{"team": "core"}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)})
		wantAs[*types.ResourceInUseException](t, "CreateStream again", err)
		wantError(t, "CreateStream again", err, "ResourceInUseException", "Stream orders under account 000000000000 already exists.")
		_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("a/b"), ShardCount: aws.Int32(1)})
		wantAs[*types.ValidationException](t, "CreateStream a/b", err)

		// DescribeStream, a page of one shard at a time.
		var shards []string
		pages := kinesis.NewDescribeStreamPaginator(c, &kinesis.DescribeStreamInput{StreamName: aws.String("orders"), Limit: aws.Int32(1)})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			d := page.StreamDescription
			if d.StreamStatus != types.StreamStatusActive || aws.ToString(d.StreamARN) != kinesisARN("orders") || aws.ToInt32(d.RetentionPeriodHours) != 24 || d.StreamModeDetails.StreamMode != types.StreamModeProvisioned {
				t.Errorf("StreamDescription = %+v", d)
			}
			for _, sh := range d.Shards {
				shards = append(shards, aws.ToString(sh.ShardId))
			}
		}
		if len(shards) != 3 || shards[2] != "shardId-000000000002" {
			t.Errorf("shards = %v", shards)
		}
		sum, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamARN: aws.String(kinesisARN("orders"))})
		if err != nil {
			t.Fatal(err)
		}
		if s := sum.StreamDescriptionSummary; aws.ToInt32(s.OpenShardCount) != 3 || aws.ToString(s.StreamName) != "orders" || aws.ToInt32(s.MaxRecordSizeInKiB) != 1024 || s.StreamCreationTimestamp.IsZero() {
			t.Errorf("summary = %+v", s)
		}

		// ListStreams, a page of one stream at a time.
		_, err = c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("clicks"), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		list := kinesis.NewListStreamsPaginator(c, &kinesis.ListStreamsInput{Limit: aws.Int32(1)})
		for list.HasMorePages() {
			page, err := list.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, page.StreamNames...)
			for _, s := range page.StreamSummaries {
				if aws.ToString(s.StreamName) == "clicks" && s.StreamModeDetails.StreamMode != types.StreamModeOnDemand {
					t.Errorf("clicks summary = %+v", s)
				}
			}
		}
		if !slices.Equal(names, []string{"clicks", "orders"}) {
			t.Errorf("ListStreams = %v", names)
		}

		// Retention.
		if _, err := c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("orders"), RetentionPeriodHours: aws.Int32(72)}); err != nil {
			t.Fatal(err)
		}
		_, err = c.IncreaseStreamRetentionPeriod(ctx, &kinesis.IncreaseStreamRetentionPeriodInput{StreamName: aws.String("orders"), RetentionPeriodHours: aws.Int32(48)})
		wantAs[*types.InvalidArgumentException](t, "IncreaseStreamRetentionPeriod down", err)
		if _, err := c.DecreaseStreamRetentionPeriod(ctx, &kinesis.DecreaseStreamRetentionPeriodInput{StreamARN: aws.String(kinesisARN("orders")), RetentionPeriodHours: aws.Int32(48)}); err != nil {
			t.Fatal(err)
		}

		// Limits, then resharding them.
		limits, err := c.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToInt32(limits.OpenShardCount) != 7 || aws.ToInt32(limits.OnDemandStreamCount) != 1 || aws.ToInt32(limits.ShardLimit) != 20000 {
			t.Errorf("DescribeLimits = %+v", limits)
		}
		up, err := c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("orders"), TargetShardCount: aws.Int32(6), ScalingType: types.ScalingTypeUniformScaling})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToInt32(up.CurrentShardCount) != 3 || aws.ToInt32(up.TargetShardCount) != 6 || aws.ToString(up.StreamARN) != kinesisARN("orders") {
			t.Errorf("UpdateShardCount = %+v", up)
		}
		_, err = c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("orders"), TargetShardCount: aws.Int32(100), ScalingType: types.ScalingTypeUniformScaling})
		wantAs[*types.LimitExceededException](t, "UpdateShardCount ×16", err)
		_, err = c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("clicks"), TargetShardCount: aws.Int32(5), ScalingType: types.ScalingTypeUniformScaling})
		wantAs[*types.InvalidArgumentException](t, "UpdateShardCount on demand", err)

		// Deletion.
		if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("orders")}); err != nil {
			t.Fatal(err)
		}
		_, err = c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("orders")})
		wantAs[*types.ResourceNotFoundException](t, "DescribeStream deleted", err)
		wantError(t, "DescribeStream deleted", err, "ResourceNotFoundException", "Stream orders under account 000000000000 not found.")
		_, err = c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{})
		wantAs[*types.InvalidArgumentException](t, "DescribeStreamSummary of nothing", err)
	})
}

func TestKinesisRecords(t *testing.T) {
	eachKinesis(t, func(t *testing.T, k *kenv) {
		ctx, c := t.Context(), k.K
		createKinesisStream(t, c, "trucks", 1)
		before := time.Now().Add(-time.Second)
		seq1 := putKinesis(t, c, "trucks", "truck-1", "position 1")
		out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamARN: aws.String(kinesisARN("trucks")), Records: []types.PutRecordsRequestEntry{
			{PartitionKey: aws.String("truck-2"), Data: []byte("position 2")},
			{PartitionKey: aws.String("truck-3"), Data: []byte{}, ExplicitHashKey: aws.String("7")},
		}})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToInt32(out.FailedRecordCount) != 0 || len(out.Records) != 2 || aws.ToString(out.Records[1].ShardId) != "shardId-000000000000" || out.Records[1].ErrorCode != nil {
			t.Errorf("PutRecords = %+v", out)
		}
		seq3 := aws.ToString(out.Records[1].SequenceNumber)

		it := shardIterator(t, c, "trucks", "shardId-000000000000", types.ShardIteratorTypeTrimHorizon)
		got, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(2)})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Records) != 2 || aws.ToString(got.Records[0].SequenceNumber) != seq1 || string(got.Records[0].Data) != "position 1" ||
			aws.ToString(got.Records[1].PartitionKey) != "truck-2" || got.NextShardIterator == nil || got.ChildShards != nil {
			t.Fatalf("GetRecords = %+v", got)
		}
		if at := aws.ToTime(got.Records[0].ApproximateArrivalTimestamp); at.Before(before) || at.After(time.Now().Add(time.Second)) {
			t.Errorf("ApproximateArrivalTimestamp %v, now %v", at, time.Now())
		}
		rest, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: got.NextShardIterator})
		if err != nil {
			t.Fatal(err)
		}
		if len(rest.Records) != 1 || aws.ToString(rest.Records[0].SequenceNumber) != seq3 || len(rest.Records[0].Data) != 0 || aws.ToInt64(rest.MillisBehindLatest) != 0 {
			t.Errorf("second read = %+v", rest)
		}

		// AFTER_SEQUENCE_NUMBER and AT_TIMESTAMP.
		after, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("trucks"), ShardId: aws.String("shardId-000000000000"),
			ShardIteratorType: types.ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: aws.String(seq1)})
		if err != nil {
			t.Fatal(err)
		}
		if r, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: after.ShardIterator}); err != nil || len(r.Records) != 2 {
			t.Errorf("after %s: %v %v", seq1, r, err)
		}
		at, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("trucks"), ShardId: aws.String("shardId-000000000000"),
			ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(before)})
		if err != nil {
			t.Fatal(err)
		}
		if r, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: at.ShardIterator}); err != nil || len(r.Records) != 3 {
			t.Errorf("at %v: %v %v", before, r, err)
		}

		// Errors: an expired iterator, a bad one, a missing stream, a bad
		// record, a future timestamp.
		k.advance(t, 6*time.Minute)
		_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		wantAs[*types.ExpiredIteratorException](t, "GetRecords with an old iterator", err)
		_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String("bogus")})
		wantAs[*types.InvalidArgumentException](t, "GetRecords with a bogus iterator", err)
		wantError(t, "GetRecords with a bogus iterator", err, "InvalidArgumentException", "Invalid ShardIterator.")
		_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamARN: aws.String(kinesisARN("nope")), PartitionKey: aws.String("k"), Data: []byte("x")})
		wantAs[*types.ResourceNotFoundException](t, "PutRecord to no stream", err)
		_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("trucks"), PartitionKey: aws.String(""), Data: []byte("x")})
		wantAs[*types.ValidationException](t, "PutRecord with an empty key", err)
		_, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("trucks"), Records: []types.PutRecordsRequestEntry{}})
		wantAs[*types.ValidationException](t, "PutRecords of nothing", err)
		_, err = c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("trucks"), ShardId: aws.String("shardId-000000000000"),
			ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(time.Now().Add(time.Hour))})
		wantAs[*types.InvalidArgumentException](t, "AT_TIMESTAMP in the future", err)
		_, err = c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("trucks"), ShardId: aws.String("shardId-000000000009"), ShardIteratorType: types.ShardIteratorTypeLatest})
		wantAs[*types.ResourceNotFoundException](t, "GetShardIterator of no shard", err)
	})
}

func TestKinesisShards(t *testing.T) {
	eachKinesis(t, func(t *testing.T, k *kenv) {
		ctx, c := t.Context(), k.K
		createKinesisStream(t, c, "s", 2)
		put, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String("0"), Data: []byte("before the split")})
		if err != nil {
			t.Fatal(err)
		}
		seq := aws.ToString(put.SequenceNumber)
		var shard0 string
		for sh, err := range listShards(ctx, c, "s") {
			if err != nil {
				t.Fatal(err)
			}
			if shard0 == "" {
				shard0 = aws.ToString(sh.ShardId)
			}
		}
		// Split shard 0 into 2 and 3, then merge 3 with 1 into 4.
		_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shard0), NewStartingHashKey: aws.String("1000")})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String(shard0), NewStartingHashKey: aws.String("1000")})
		wantAs[*types.InvalidArgumentException](t, "SplitShard of a closed shard", err)
		if _, err := c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamARN: aws.String(kinesisARN("s")), ShardToMerge: aws.String("shardId-000000000003"), AdjacentShardToMerge: aws.String("shardId-000000000001")}); err != nil {
			t.Fatal(err)
		}
		var open []string
		latest, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), ShardFilter: &types.ShardFilter{Type: types.ShardFilterTypeAtLatest}})
		if err != nil {
			t.Fatal(err)
		}
		for _, sh := range latest.Shards {
			open = append(open, aws.ToString(sh.ShardId))
		}
		if !slices.Equal(open, []string{"shardId-000000000002", "shardId-000000000004"}) {
			t.Errorf("open shards = %v", open)
		}
		all := 0
		for sh, err := range listShards(ctx, c, "s") {
			if err != nil {
				t.Fatal(err)
			}
			if aws.ToString(sh.ShardId) == "shardId-000000000004" && (aws.ToString(sh.ParentShardId) != "shardId-000000000003" || aws.ToString(sh.AdjacentParentShardId) != "shardId-000000000001") {
				t.Errorf("merged shard = %+v", sh)
			}
			if aws.ToString(sh.ShardId) == shard0 && sh.SequenceNumberRange.EndingSequenceNumber == nil {
				t.Errorf("closed shard without EndingSequenceNumber: %+v", sh)
			}
			all++
		}
		if all != 5 {
			t.Errorf("ListShards listed %d shards, want 5", all)
		}

		// The closed parent reads to its end, then names its children.
		r, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: shardIterator(t, c, "s", shard0, types.ShardIteratorTypeTrimHorizon)})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Records) != 1 || aws.ToString(r.Records[0].SequenceNumber) != seq || r.NextShardIterator != nil || len(r.ChildShards) != 2 {
			t.Fatalf("end of the split shard = %+v", r)
		}
		if c0 := r.ChildShards[0]; aws.ToString(c0.ShardId) != "shardId-000000000002" || !slices.Equal(c0.ParentShards, []string{shard0}) || aws.ToString(c0.HashKeyRange.EndingHashKey) != "999" {
			t.Errorf("first child = %+v", c0)
		}

		// A NextToken names its stream; given with the name, it is refused.
		first, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), MaxResults: aws.Int32(1)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s"), NextToken: first.NextToken})
		wantAs[*types.InvalidArgumentException](t, "ListShards with NextToken and StreamName", err)
		wantError(t, "ListShards with NextToken and StreamName", err, "InvalidArgumentException", "NextToken and StreamName cannot be provided together.")
		k.advance(t, 6*time.Minute)
		_, err = c.ListShards(ctx, &kinesis.ListShardsInput{NextToken: first.NextToken})
		wantAs[*types.ExpiredNextTokenException](t, "ListShards with an old NextToken", err)
	})
}

// listShards lists a stream's shards two at a time, following NextToken
// as clients must: alone, without the stream's name.
func listShards(ctx context.Context, c *kinesis.Client, name string) iter.Seq2[types.Shard, error] {
	return func(yield func(types.Shard, error) bool) {
		in := &kinesis.ListShardsInput{StreamName: aws.String(name), MaxResults: aws.Int32(2)}
		for {
			out, err := c.ListShards(ctx, in)
			if err != nil {
				yield(types.Shard{}, err)
				return
			}
			for _, sh := range out.Shards {
				if !yield(sh, nil) {
					return
				}
			}
			if out.NextToken == nil {
				return
			}
			in = &kinesis.ListShardsInput{NextToken: out.NextToken, MaxResults: aws.Int32(2)}
		}
	}
}

func TestKinesisConsumers(t *testing.T) {
	eachKinesis(t, func(t *testing.T, k *kenv) {
		ctx, c := t.Context(), k.K
		createKinesisStream(t, c, "s", 1)
		reg, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(kinesisARN("s")), ConsumerName: aws.String("app")})
		if err != nil {
			t.Fatal(err)
		}
		arn := aws.ToString(reg.Consumer.ConsumerARN)
		if !strings.HasPrefix(arn, kinesisARN("s")+"/consumer/app:") || reg.Consumer.ConsumerStatus != types.ConsumerStatusActive || reg.Consumer.ConsumerCreationTimestamp.IsZero() {
			t.Errorf("Consumer = %+v", reg.Consumer)
		}
		_, err = c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(kinesisARN("s")), ConsumerName: aws.String("app")})
		wantAs[*types.ResourceInUseException](t, "RegisterStreamConsumer again", err)
		if _, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(kinesisARN("s")), ConsumerName: aws.String("audit")}); err != nil {
			t.Fatal(err)
		}
		d, err := c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arn)})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(d.ConsumerDescription.StreamARN) != kinesisARN("s") || aws.ToString(d.ConsumerDescription.ConsumerName) != "app" {
			t.Errorf("ConsumerDescription = %+v", d.ConsumerDescription)
		}
		var names []string
		pages := kinesis.NewListStreamConsumersPaginator(c, &kinesis.ListStreamConsumersInput{StreamARN: aws.String(kinesisARN("s")), MaxResults: aws.Int32(1)})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, cons := range page.Consumers {
				names = append(names, aws.ToString(cons.ConsumerName))
			}
		}
		if !slices.Equal(names, []string{"app", "audit"}) {
			t.Errorf("ListStreamConsumers = %v", names)
		}
		_, err = c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")})
		wantAs[*types.ResourceInUseException](t, "DeleteStream with consumers", err)
		if _, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{StreamARN: aws.String(kinesisARN("s")), ConsumerName: aws.String("app")}); err != nil {
			t.Fatal(err)
		}
		_, err = c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(arn)})
		wantAs[*types.ResourceNotFoundException](t, "DescribeStreamConsumer deregistered", err)
		_, err = c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerName: aws.String("audit")})
		wantAs[*types.InvalidArgumentException](t, "DescribeStreamConsumer by name alone", err)
		if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s"), EnforceConsumerDeletion: aws.Bool(true)}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestKinesisTags(t *testing.T) {
	eachKinesis(t, func(t *testing.T, k *kenv) {
		ctx, c := t.Context(), k.K
		_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1), Tags: map[string]string{"a": "1"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"b": "2", "c": "3"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String("s"), TagKeys: []string{"c"}}); err != nil {
			t.Fatal(err)
		}
		out, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s"), Limit: aws.Int32(1)})
		if err != nil {
			t.Fatal(err)
		}
		if got := tagString(out.Tags); got != "a=1" || !aws.ToBool(out.HasMoreTags) {
			t.Errorf("first tag page = %s, more %v", got, aws.ToBool(out.HasMoreTags))
		}
		reg, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(kinesisARN("s")), ConsumerName: aws.String("app"), Tags: map[string]string{"x": "1"}})
		if err != nil {
			t.Fatal(err)
		}
		consumer := reg.Consumer.ConsumerARN
		if _, err := c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: consumer, Tags: map[string]string{"y": "2"}}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(kinesisARN("s")), TagKeys: []string{"a"}}); err != nil {
			t.Fatal(err)
		}
		for arn, want := range map[string]string{kinesisARN("s"): "b=2", aws.ToString(consumer): "x=1 y=2"} {
			res, err := c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(arn)})
			if err != nil {
				t.Fatal(err)
			}
			if got := tagString(res.Tags); got != want {
				t.Errorf("tags of %s = %s, want %s", arn, got, want)
			}
		}
		many := map[string]string{}
		for i := range 51 {
			many[fmt.Sprint("k", i)] = "v"
		}
		_, err = c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: many})
		wantAs[*types.ValidationException](t, "AddTagsToStream of 51", err)
		_, err = c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: consumer, Tags: map[string]string{"cost": "100%"}})
		wantAs[*types.InvalidArgumentException](t, "TagResource with a %", err)
		_, err = c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(kinesisARN("nope"))})
		wantAs[*types.ResourceNotFoundException](t, "ListTagsForResource of no stream", err)
	})
}

func tagString(tags []types.Tag) string {
	var parts []string
	for _, t := range tags {
		parts = append(parts, aws.ToString(t.Key)+"="+aws.ToString(t.Value))
	}
	return strings.Join(parts, " ")
}

// nextEvent returns the next SubscribeToShardEvent the SDK's reader
// yields, or ok false when the stream has ended. A minute without one
// fails the test (in a bubble, a minute of virtual time passes only when
// everything else is blocked: the event is not coming).
func nextEvent(t *testing.T, s *kinesis.SubscribeToShardEventStream) (ev types.SubscribeToShardEvent, ok bool) {
	t.Helper()
	select {
	case e, ok := <-s.Events():
		if !ok {
			return ev, false
		}
		member, isEvent := e.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
		if !isEvent {
			t.Fatalf("event %T, want a SubscribeToShardEvent", e)
		}
		return member.Value, true
	case <-time.After(time.Minute):
		t.Fatal("no event within a minute")
	}
	return ev, false
}

func sequenceNumbers(ev types.SubscribeToShardEvent) []string {
	var out []string
	for _, r := range ev.Records {
		out = append(out, aws.ToString(r.SequenceNumber))
	}
	return out
}

// SubscribeToShard, read by the SDK's own event-stream reader: the
// initial response is consumed by the SDK, records come in order with
// their ContinuationSequenceNumber, and a split ends the stream with the
// children.
func TestKinesisSubscribeToShard(t *testing.T) {
	eachKinesis(t, func(t *testing.T, k *kenv) {
		ctx, c := t.Context(), k.K
		createKinesisStream(t, c, "s", 1)
		reg, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(kinesisARN("s")), ConsumerName: aws.String("app")})
		if err != nil {
			t.Fatal(err)
		}
		consumer := reg.Consumer.ConsumerARN
		seq1 := putKinesis(t, c, "s", "k", "one")
		seq2 := putKinesis(t, c, "s", "k", "two")
		in := &kinesis.SubscribeToShardInput{ConsumerARN: consumer, ShardId: aws.String("shardId-000000000000"),
			StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}}
		out, err := c.SubscribeToShard(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		stream := out.GetStream()
		defer stream.Close()
		ev, ok := nextEvent(t, stream)
		if !ok || !slices.Equal(sequenceNumbers(ev), []string{seq1, seq2}) || string(ev.Records[1].Data) != "two" || aws.ToString(ev.ContinuationSequenceNumber) != seq2 {
			t.Fatalf("first event = %+v (ok %v)", ev, ok)
		}
		seq3 := putKinesis(t, c, "s", "k", "three")
		if ev, _ = nextEvent(t, stream); !slices.Equal(sequenceNumbers(ev), []string{seq3}) || aws.ToString(ev.ContinuationSequenceNumber) != seq3 || aws.ToInt64(ev.MillisBehindLatest) != 0 {
			t.Errorf("second event = %+v", ev)
		}
		// Within 5 seconds, a second subscription is refused.
		_, err = k.client().SubscribeToShard(ctx, in)
		wantAs[*types.ResourceInUseException](t, "SubscribeToShard again", err)
		// A split closes the shard: the last event names the children,
		// and the stream ends without an error.
		if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("1000")}); err != nil {
			t.Fatal(err)
		}
		ev, ok = nextEvent(t, stream)
		if !ok || len(ev.ChildShards) != 2 || ev.ContinuationSequenceNumber != nil || len(ev.Records) != 0 {
			t.Fatalf("last event = %+v (ok %v)", ev, ok)
		}
		if aws.ToString(ev.ChildShards[1].ShardId) != "shardId-000000000002" || aws.ToString(ev.ChildShards[1].HashKeyRange.StartingHashKey) != "1000" {
			t.Errorf("second child = %+v", ev.ChildShards[1])
		}
		if _, ok := nextEvent(t, stream); ok {
			t.Error("an event after the end of the shard")
		}
		if err := stream.Err(); err != nil {
			t.Errorf("stream.Err() = %v at the end of the shard", err)
		}
	})
}

// A subscription taken over by a newer one ends with
// ResourceInUseException; one whose consumer is deregistered, with
// ResourceNotFoundException; the new subscription goes on from a
// ContinuationSequenceNumber without a gap.
func TestKinesisSubscribeToShardExceptions(t *testing.T) {
	eachKinesis(t, func(t *testing.T, k *kenv) {
		ctx, c := t.Context(), k.K
		createKinesisStream(t, c, "s", 1)
		reg, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(kinesisARN("s")), ConsumerName: aws.String("app")})
		if err != nil {
			t.Fatal(err)
		}
		seq1 := putKinesis(t, c, "s", "k", "one")
		subscribe := func(pos *types.StartingPosition) *kinesis.SubscribeToShardEventStream {
			out, err := k.client().SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: reg.Consumer.ConsumerARN, ShardId: aws.String("shardId-000000000000"), StartingPosition: pos})
			if err != nil {
				t.Fatal(err)
			}
			return out.GetStream()
		}
		first := subscribe(&types.StartingPosition{Type: types.ShardIteratorTypeLatest})
		defer first.Close()
		ev, _ := nextEvent(t, first)
		if len(ev.Records) != 0 || aws.ToString(ev.ContinuationSequenceNumber) != seq1 {
			t.Errorf("LATEST's first event = %+v", ev)
		}
		k.advance(t, 5*time.Second)
		seq2 := putKinesis(t, c, "s", "k", "two")
		second := subscribe(&types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: ev.ContinuationSequenceNumber})
		defer second.Close()
		for {
			if _, ok := nextEvent(t, first); !ok {
				break
			}
		}
		wantAs[*types.ResourceInUseException](t, "the first stream's error", first.Err())
		if ev, _ := nextEvent(t, second); !slices.Equal(sequenceNumbers(ev), []string{seq2}) {
			t.Errorf("the second subscription's first event = %+v", ev)
		}
		if _, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: reg.Consumer.ConsumerARN}); err != nil {
			t.Fatal(err)
		}
		if _, ok := nextEvent(t, second); ok {
			t.Error("an event after the consumer was deregistered")
		}
		var notFound *types.ResourceNotFoundException
		if err := second.Err(); !errors.As(err, &notFound) {
			t.Errorf("second stream's error = %v, want ResourceNotFoundException", err)
		}
		_, err = c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: reg.Consumer.ConsumerARN, ShardId: aws.String("shardId-000000000000"),
			StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
		wantAs[*types.ResourceNotFoundException](t, "SubscribeToShard of a deregistered consumer", err)
	})
}

// With throughput limits on, writes over a shard's rate fail with
// ProvisionedThroughputExceededException: the whole call in PutRecord and
// GetRecords, per record in PutRecords. It runs in a synctest bubble, so
// that no time passes between the calls however slow the machine.
func TestKinesisThroughputLimits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		acct := awsfake.New(awsfake.Config{KinesisLimits: true})
		defer closeAccount(t, acct)
		c := newKinesis(placeholderEndpoint, acct.HTTPClient())
		ctx := t.Context()
		createKinesisStream(t, c, "s", 1)
		entries := make([]types.PutRecordsRequestEntry, 500)
		for i := range entries {
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte("x")}
		}
		failed := int32(0)
		var out *kinesis.PutRecordsOutput
		for range 3 { // 1,500 records against 1,000 per second
			var err error
			if out, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
				t.Fatal(err)
			}
			failed += aws.ToInt32(out.FailedRecordCount)
		}
		if failed != 500 {
			t.Errorf("%d records failed, want 500", failed)
		}
		last := out.Records[len(out.Records)-1]
		if aws.ToString(last.ErrorCode) != "ProvisionedThroughputExceededException" || last.SequenceNumber != nil {
			t.Errorf("failed entry = %+v", last)
		}
		_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")})
		wantAs[*types.ProvisionedThroughputExceededException](t, "PutRecord over the rate", err)
		it := shardIterator(t, c, "s", "shardId-000000000000", types.ShardIteratorTypeTrimHorizon)
		for range 5 { // the sixth read in a second is over the rate
			r, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(1)})
			if err != nil {
				t.Fatal(err)
			}
			it = r.NextShardIterator
		}
		_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(1)})
		wantAs[*types.ProvisionedThroughputExceededException](t, "GetRecords over the rate", err)
		time.Sleep(time.Second)
		if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")}); err != nil {
			t.Errorf("PutRecord a second later: %v", err)
		}
	})
}
