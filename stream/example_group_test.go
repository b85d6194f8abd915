package stream_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/switchyard/switchyard/stream"
)

// A consumer group of two workers reads the truck GPS stream of 4 shards:
// the workers share the shards, every truck's positions are handled once
// and in order, and when the workers stop each shard is checkpointed at
// its last record, so that a worker started later would go on from there.
func ExampleGroup() {
	type position struct {
		Truck string
		Seq   int
	}
	s, err := stream.New[position](stream.Config{Name: "truck-gps", ShardCount: 4},
		stream.WithSizer(func(position) int { return 32 }))
	if err != nil {
		panic(err)
	}
	for seq := range 3 {
		batch := make([]stream.PutEntry[position], 0, 100)
		for t := range 100 {
			truck := fmt.Sprintf("truck-%03d", t)
			batch = append(batch, stream.PutEntry[position]{PartitionKey: truck, Data: position{truck, seq}})
		}
		if out, err := s.PutBatch(batch); err != nil || out.FailedRecordCount > 0 {
			panic(fmt.Sprint(err, out.FailedRecordCount))
		}
	}

	var mu sync.Mutex
	next := map[string]int{}    // the Seq each truck's next position must have
	last := map[string]string{} // per shard, the last record handled
	handled, outOfOrder := 0, 0
	all := make(chan struct{})
	g, err := stream.NewGroup(s, stream.GroupConfig[position]{Name: "fleet-tracker", BatchSize: 50},
		stream.HandlerFunc[position](func(_ context.Context, shardID string, batch []stream.Record[position]) error {
			mu.Lock()
			defer mu.Unlock()
			for _, r := range batch {
				if r.Data.Seq != next[r.Data.Truck] {
					outOfOrder++
				}
				next[r.Data.Truck]++
			}
			last[shardID] = batch[len(batch)-1].SequenceNumber.String()
			if handled += len(batch); handled == 300 {
				close(all)
			}
			return nil
		}))
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var workers sync.WaitGroup
	for _, id := range []string{"worker-1", "worker-2"} {
		workers.Go(func() {
			if err := g.Run(ctx, id); err != nil {
				panic(err)
			}
		})
	}
	<-all
	cancel() // a graceful shutdown: each worker checkpoints and releases its leases
	workers.Wait()

	fmt.Println(handled, "positions of", len(next), "trucks,", outOfOrder, "out of order")
	for _, l := range g.Leases() {
		fmt.Printf("%s: free %v, checkpointed at its last record %v\n", l.ShardID, l.Owner == "", l.Checkpoint == last[l.ShardID])
	}
	// Output:
	// 300 positions of 100 trucks, 0 out of order
	// shardId-000000000000: free true, checkpointed at its last record true
	// shardId-000000000001: free true, checkpointed at its last record true
	// shardId-000000000002: free true, checkpointed at its last record true
	// shardId-000000000003: free true, checkpointed at its last record true
}
