package stream_test

import (
	"context"
	"fmt"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/stream"
)

// Put records and read them back with a shard iterator, as a Kinesis
// client would. The clock is fixed so that the sequence numbers printed
// are always the same.
func Example() {
	clk := clock.NewManual(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	s, err := stream.New[string](stream.Config{Name: "orders", ShardCount: 1}, stream.WithClock(clk))
	if err != nil {
		panic(err)
	}
	for _, event := range []string{"placed", "paid", "shipped"} {
		r, err := s.Put(stream.PutInput[string]{PartitionKey: "order-1", Data: "order-1 " + event})
		if err != nil {
			panic(err)
		}
		fmt.Println(r.ShardID, r.SequenceNumber)
	}
	it, err := s.GetShardIterator(stream.GetShardIteratorInput{ShardID: "shardId-000000000000", ShardIteratorType: stream.TrimHorizon})
	if err != nil {
		panic(err)
	}
	out, err := s.GetRecords(stream.GetRecordsInput{ShardIterator: it})
	if err != nil {
		panic(err)
	}
	for _, r := range out.Records {
		fmt.Println(r.Data)
	}
	fmt.Println("behind:", out.MillisBehindLatest, "ms; next iterator:", out.NextShardIterator != "")
	// Output:
	// shardId-000000000000 49659206821461448092095367106032432148494116503758569474
	// shardId-000000000000 49659206821461448092095367106033641074313731132933275650
	// shardId-000000000000 49659206821461448092095367106034850000133345762107981826
	// order-1 placed
	// order-1 paid
	// order-1 shipped
	// behind: 0 ms; next iterator: true
}

// A fleet of 100 trucks reports its GPS positions to a stream of 5
// shards, with the truck's id as partition key: each truck's positions
// land in one shard, in order, whichever shard that is.
func Example_truckGPS() {
	type position struct {
		Truck    string
		Seq      int
		Lat, Lon float64
	}
	s, err := stream.New[position](stream.Config{Name: "truck-gps", ShardCount: 5},
		stream.WithSizer(func(position) int { return 32 }))
	if err != nil {
		panic(err)
	}
	// Every truck reports three times; each report is a batch for the fleet.
	for seq := range 3 {
		batch := make([]stream.PutEntry[position], 0, 100)
		for t := range 100 {
			truck := fmt.Sprintf("truck-%03d", t)
			batch = append(batch, stream.PutEntry[position]{
				PartitionKey: truck,
				Data:         position{Truck: truck, Seq: seq, Lat: 52.37 + float64(t)/1000, Lon: 4.89 + float64(seq)/1000},
			})
		}
		if out, err := s.PutBatch(batch); err != nil || out.FailedRecordCount > 0 {
			panic(fmt.Sprint(err, out.FailedRecordCount))
		}
	}
	// Read every shard from the start; check each truck's order.
	shards, err := s.ListShards(stream.ListShardsInput{})
	if err != nil {
		panic(err)
	}
	next := map[string]int{} // the Seq each truck's next position must have
	for _, sh := range shards.Shards {
		n := 0
		for r, err := range s.Records(sh.ShardID, stream.StartingPosition{Type: stream.TrimHorizon}) {
			if err != nil {
				panic(err)
			}
			if r.Data.Seq != next[r.PartitionKey] {
				fmt.Println("out of order:", r.Data)
			}
			next[r.PartitionKey]++
			n++
		}
		fmt.Printf("%s: %d positions\n", sh.ShardID, n)
	}
	inOrder := 0
	for _, n := range next {
		if n == 3 {
			inOrder++
		}
	}
	fmt.Println(inOrder, "trucks with all 3 positions, in order")
	// Output:
	// shardId-000000000000: 72 positions
	// shardId-000000000001: 72 positions
	// shardId-000000000002: 54 positions
	// shardId-000000000003: 60 positions
	// shardId-000000000004: 42 positions
	// 100 trucks with all 3 positions, in order
}

// Follow a shard: the reader waits for records and is woken by each put,
// until its context ends.
func ExampleStream_Follow() {
	s, err := stream.New[string](stream.Config{Name: "events", ShardCount: 1})
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	seen := make(chan string)
	done := make(chan error)
	go func() {
		for r, err := range s.Follow(ctx, "shardId-000000000000", stream.StartingPosition{Type: stream.TrimHorizon}) {
			if err != nil {
				done <- err
				return
			}
			seen <- r.Data
		}
	}()
	for _, e := range []string{"first", "second"} {
		if _, err := s.Put(stream.PutInput[string]{PartitionKey: "k", Data: e}); err != nil {
			panic(err)
		}
		fmt.Println("read", <-seen)
	}
	cancel()
	fmt.Println("then:", <-done)
	// Output:
	// read first
	// read second
	// then: context canceled
}

// Split a shard: the parent closes and keeps its records; new records go to
// the children, which name it as their parent.
func ExampleStream_SplitShard() {
	s, err := stream.New[string](stream.Config{Name: "clicks", ShardCount: 1})
	if err != nil {
		panic(err)
	}
	if _, err := s.Put(stream.PutInput[string]{PartitionKey: "user-1", Data: "before"}); err != nil {
		panic(err)
	}
	// Split at 2^127, the middle of the hash key space.
	if err := s.SplitShard("shardId-000000000000", "170141183460469231731687303715884105728"); err != nil {
		panic(err)
	}
	r, err := s.Put(stream.PutInput[string]{PartitionKey: "user-1", Data: "after"})
	if err != nil {
		panic(err)
	}
	fmt.Println("after the split user-1 goes to", r.ShardID)
	shards, err := s.ListShards(stream.ListShardsInput{})
	if err != nil {
		panic(err)
	}
	for _, sh := range shards.Shards {
		open := sh.SequenceNumberRange.EndingSequenceNumber.IsZero()
		fmt.Printf("%s parent=%q open=%v starts at %s\n", sh.ShardID, sh.ParentShardID, open, sh.HashKeyRange.StartingHashKey)
	}
	// Output:
	// after the split user-1 goes to shardId-000000000002
	// shardId-000000000000 parent="" open=false starts at 0
	// shardId-000000000001 parent="shardId-000000000000" open=true starts at 0
	// shardId-000000000002 parent="shardId-000000000000" open=true starts at 170141183460469231731687303715884105728
}

// Make chosen records fail, as AWS sometimes fails records of a PutRecords
// call, to test a producer's retry loop: here the first attempt at every
// third record fails, and the producer puts again what failed.
func ExampleWithFaults() {
	attempts := map[string]int{}
	s, err := stream.New[string](stream.Config{Name: "events", ShardCount: 2}, stream.WithFaults(func(c stream.Call) error {
		attempts[c.PartitionKey]++
		if c.Operation == "PutRecords" && c.Index%3 == 0 && attempts[c.PartitionKey] == 1 {
			return stream.ErrInternalFailure
		}
		return nil
	}))
	if err != nil {
		panic(err)
	}
	var pending []stream.PutEntry[string]
	for i := range 7 {
		pending = append(pending, stream.PutEntry[string]{PartitionKey: fmt.Sprint("user-", i), Data: "login"})
	}
	for round := 1; len(pending) > 0; round++ {
		out, err := s.PutBatch(pending)
		if err != nil {
			panic(err)
		}
		fmt.Printf("round %d: %d of %d failed\n", round, out.FailedRecordCount, len(pending))
		var retry []stream.PutEntry[string]
		for i, r := range out.Records {
			if r.ErrorCode != "" {
				retry = append(retry, pending[i])
			}
		}
		pending = retry
	}
	// Output:
	// round 1: 3 of 7 failed
	// round 2: 0 of 3 failed
}

// A consumer with enhanced fan-out subscribes to a shard and reads events
// as records are put; the subscription ends after 5 minutes.
func ExampleStream_SubscribeToShard() {
	clk := clock.NewManual(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	s, err := stream.New[string](stream.Config{Name: "orders", ShardCount: 1}, stream.WithClock(clk))
	if err != nil {
		panic(err)
	}
	c, err := s.RegisterStreamConsumer("billing")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.ConsumerARN, c.ConsumerStatus)
	if _, err := s.Put(stream.PutInput[string]{PartitionKey: "order-1", Data: "placed"}); err != nil {
		panic(err)
	}
	sub, err := s.SubscribeToShard(stream.SubscribeToShardInput{
		ConsumerARN:      c.ConsumerARN,
		ShardID:          "shardId-000000000000",
		StartingPosition: stream.StartingPosition{Type: stream.TrimHorizon},
	})
	if err != nil {
		panic(err)
	}
	events := 0
	for ev, err := range sub.Events(context.Background()) {
		if err != nil {
			panic(err)
		}
		for _, r := range ev.Records {
			fmt.Println("read", r.Data)
		}
		switch events++; events {
		case 1: // a put while subscribed comes as the next event
			if _, err := s.Put(stream.PutInput[string]{PartitionKey: "order-1", Data: "paid"}); err != nil {
				panic(err)
			}
		case 2: // after 5 minutes the subscription ends
			clk.Advance(stream.SubscriptionLifetime)
		}
	}
	fmt.Println("subscription ended after", events, "events")
	// Output:
	// arn:aws:kinesis:us-east-1:000000000000:stream/orders/consumer/billing:1735787045 ACTIVE
	// read placed
	// read paid
	// subscription ended after 2 events
}
