package sdktest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/switchyard/switchyard/awsfake"
)

// The number and size of the records of a benchmark's PutRecords.
const (
	benchBatch      = 500
	benchRecordSize = 100
)

// BenchmarkSDKPutRecords measures PutRecords of 500 records of 100 bytes
// through the real SDK client and the in-memory HTTP client, against the
// fake (inmemory) and, as the baseline of the same run, against a handler
// that only writes a canned successful reply (canned): what inmemory costs
// beyond canned is the fake's work, decoding, storing and encoding.
func BenchmarkSDKPutRecords(b *testing.B) {
	b.Run("inmemory", func(b *testing.B) {
		acct := awsfake.New(awsfake.Config{})
		defer closeBench(b, acct)
		benchPutRecords(b, newKinesis(placeholderEndpoint, acct.HTTPClient()))
	})
	b.Run("canned", func(b *testing.B) {
		benchPutRecords(b, newKinesis(placeholderEndpoint, awsfake.NewHTTPClient(cannedKinesis())))
	})
}

func benchPutRecords(b *testing.B, c *kinesis.Client) {
	ctx := context.Background()
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("bench"), ShardCount: aws.Int32(4)}); err != nil {
		b.Fatal(err)
	}
	data := []byte(strings.Repeat("x", benchRecordSize))
	entries := make([]types.PutRecordsRequestEntry, benchBatch)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("truck-", i)), Data: data}
	}
	in := &kinesis.PutRecordsInput{StreamName: aws.String("bench"), Records: entries}
	b.ReportAllocs()
	for b.Loop() {
		out, err := c.PutRecords(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if n := aws.ToInt32(out.FailedRecordCount); n != 0 || len(out.Records) != benchBatch {
			b.Fatalf("%d of %d records failed", n, len(out.Records))
		}
	}
	b.ReportMetric(benchBatch*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// cannedKinesis answers CreateStream and PutRecords with fixed replies, a
// PutRecords reply of 500 stored records.
func cannedKinesis() http.Handler {
	var put strings.Builder
	put.WriteString(`{"FailedRecordCount":0,"Records":[`)
	for i := range benchBatch {
		if i > 0 {
			put.WriteByte(',')
		}
		fmt.Fprintf(&put, `{"SequenceNumber":"4964%052d","ShardId":"shardId-%012d"}`, i, i%4)
	}
	put.WriteString(`]}`)
	replies := map[string]string{
		"Kinesis_20131202.CreateStream": `{}`,
		"Kinesis_20131202.PutRecords":   put.String(),
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		_, _ = io.WriteString(w, replies[r.Header.Get("X-Amz-Target")])
	})
}

// BenchmarkSDKSubscribeToShard measures how long a record takes to reach
// a SubscribeToShard subscriber through the in-memory client: from the
// moment PutRecord returns to the producer until the subscriber's SDK
// event reader yields the record. It reports the median and 99th
// percentile in µs (p50-µs, p99-µs), and the median from the start of the
// PutRecord call (call-p50-µs), which adds the put's own round trip.
func BenchmarkSDKSubscribeToShard(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	acct := awsfake.New(awsfake.Config{})
	defer closeBench(b, acct)
	producer := newKinesis(placeholderEndpoint, acct.HTTPClient())
	if _, err := producer.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("bench"), ShardCount: aws.Int32(1)}); err != nil {
		b.Fatal(err)
	}
	reg, err := producer.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(kinesisARN("bench")), ConsumerName: aws.String("bench")})
	if err != nil {
		b.Fatal(err)
	}
	// The subscriber has a client of its own, as a separate process would.
	subscriber := newKinesis(placeholderEndpoint, acct.HTTPClient())
	out, err := subscriber.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: reg.Consumer.ConsumerARN, ShardId: aws.String("shardId-000000000000"),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
	if err != nil {
		b.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	if _, ok := <-stream.Events(); !ok { // the first event, with nothing put yet
		b.Fatalf("the stream ended: %v", stream.Err())
	}
	in := &kinesis.PutRecordInput{StreamName: aws.String("bench"), PartitionKey: aws.String("truck"), Data: []byte(strings.Repeat("x", benchRecordSize))}
	var fromReturn, fromCall []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		called := time.Now()
		put, err := producer.PutRecord(ctx, in)
		returned := time.Now()
		if err != nil {
			b.Fatal(err)
		}
		ev, ok := <-stream.Events()
		if !ok {
			b.Fatalf("the stream ended: %v", stream.Err())
		}
		got := time.Now()
		e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
		if len(e.Records) != 1 || aws.ToString(e.Records[0].SequenceNumber) != aws.ToString(put.SequenceNumber) {
			b.Fatalf("event %+v, want the record just put", e)
		}
		fromReturn = append(fromReturn, got.Sub(returned))
		fromCall = append(fromCall, got.Sub(called))
	}
	b.ReportMetric(percentile(fromReturn, 50), "p50-µs")
	b.ReportMetric(percentile(fromReturn, 99), "p99-µs")
	b.ReportMetric(percentile(fromCall, 50), "call-p50-µs")
}

// percentile returns the pth percentile of d in µs, sorting d.
func percentile(d []time.Duration, p int) float64 {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return float64(d[len(d)*p/100].Nanoseconds()) / 1e3
}
