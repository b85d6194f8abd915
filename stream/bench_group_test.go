package stream_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/switchyard/switchyard/stream"
)

// benchStream returns a 4-shard stream holding n records of 100 bytes,
// put in batches of 500 before the benchmark's timer starts.
func benchStream(b *testing.B, n int) *stream.Stream[[]byte] {
	b.Helper()
	s := mustNew[[]byte](b, stream.Config{Name: "bench", ShardCount: 4})
	keys := benchKeys(1024)
	batch := make([]stream.PutEntry[[]byte], 0, 500)
	for i := 0; i < n; {
		batch = batch[:0]
		for ; i < n && len(batch) < 500; i++ {
			batch = append(batch, stream.PutEntry[[]byte]{PartitionKey: keys[i%len(keys)], Data: benchData})
		}
		if out, err := s.PutBatch(batch); err != nil || out.FailedRecordCount > 0 {
			b.Fatal(err, out.FailedRecordCount)
		}
	}
	return s
}

// BenchmarkGroup reads records already in a 4-shard stream: one op is one
// record handed to a handler. The baseline reads the four shards in a
// plain loop over Records, one after another; the group runs two workers
// with the default batch size (100), checkpointing after every batch.
func BenchmarkGroup(b *testing.B) {
	shards := []string{"shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003"}
	b.Run("baseline=records-loop", func(b *testing.B) {
		s := benchStream(b, b.N)
		b.ReportAllocs()
		b.ResetTimer()
		n := 0
		for _, id := range shards {
			for r, err := range s.Records(id, stream.StartingPosition{Type: stream.TrimHorizon}) {
				if err != nil {
					b.Fatal(err)
				}
				n += len(r.Data) / 100
			}
		}
		if n != b.N {
			b.Fatalf("read %d records, want %d", n, b.N)
		}
	})
	b.Run("group=2-workers", func(b *testing.B) {
		s := benchStream(b, b.N)
		var handled atomic.Int64
		all := make(chan struct{})
		g, err := stream.NewGroup(s, stream.GroupConfig[[]byte]{Name: "bench"},
			stream.HandlerFunc[[]byte](func(_ context.Context, _ string, batch []stream.Record[[]byte]) error {
				if handled.Add(int64(len(batch))) == int64(b.N) {
					close(all)
				}
				return nil
			}))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		ctx, cancel := context.WithCancel(context.Background())
		var workers sync.WaitGroup
		for _, id := range []string{"w1", "w2"} {
			workers.Go(func() {
				if err := g.Run(ctx, id); err != nil {
					b.Error(err)
				}
			})
		}
		<-all
		b.StopTimer()
		cancel()
		workers.Wait()
	})
}
