package firehose_test

import (
	"context"
	"sync"
	"testing"

	"github.com/switchyard/switchyard/firehose"
)

// One op of these benchmarks is one 100-byte record, taken by PutBatch in
// batches of 500 and delivered, uncompressed, to an in-memory store. Each
// has a naive baseline in the same run, so that ratios hold on a noisy
// machine.

// BenchmarkIngest puts records from one goroutine and from every core.
// The baseline copies the same records into a byte slice under a mutex,
// one lock per batch, and hands each 5 MiB of it to a slice of "objects"
// — the least a buffering delivery stream must do.
func BenchmarkIngest(b *testing.B) {
	batch := make([][]byte, 500)
	for i := range batch {
		batch[i] = make([]byte, 100)
	}
	b.Run("baseline=mutex-buffer", func(b *testing.B) {
		var mu sync.Mutex
		var buf []byte
		var objects [][]byte
		b.SetBytes(100)
		b.ReportAllocs()
		for i := 0; i < b.N; i += len(batch) {
			mu.Lock()
			for _, r := range batch {
				buf = append(buf, r...)
			}
			if len(buf) >= 5<<20 {
				objects = append(objects, buf)
				buf = nil
				if len(objects) > 16 {
					objects = objects[:0]
				}
			}
			mu.Unlock()
		}
	})
	for _, parallel := range []bool{false, true} {
		name := "firehose"
		if parallel {
			name = "firehose-parallel"
		}
		b.Run(name, func(b *testing.B) {
			store := &discardStore{}
			ds, err := firehose.New(firehose.Config{Name: "bench", S3: &firehose.S3Destination{Store: store}})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(100)
			b.ReportAllocs()
			b.ResetTimer()
			if parallel {
				b.RunParallel(func(pb *testing.PB) {
					for n := 1; pb.Next(); n++ {
						if n%len(batch) == 0 {
							ds.PutBatch(batch) // one batch per 500 ops: an op is a record
						}
					}
				})
			} else {
				for i := 0; i < b.N; i += len(batch) {
					ds.PutBatch(batch)
				}
			}
			if err := ds.Close(context.Background()); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s := ds.Stats()
			if s.DeliveredRecords != s.IncomingRecords {
				b.Fatalf("delivered %d of %d records", s.DeliveredRecords, s.IncomingRecords)
			}
			b.ReportMetric(float64(s.IncomingRecords)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// discardStore is an in-memory store that keeps only the size of what it
// is given, so that a long benchmark does not run out of memory.
type discardStore struct {
	mu    sync.Mutex
	bytes int64
}

func (d *discardStore) PutObject(_ context.Context, _ string, body []byte) error {
	d.mu.Lock()
	d.bytes += int64(len(body))
	d.mu.Unlock()
	return nil
}
