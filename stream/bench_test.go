package stream_test

import (
	"context"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/benchlat"
	"github.com/switchyard/switchyard/stream"
)

// The benchmarks count records: one op is one record put, read or
// delivered. Each has a naive baseline in the same run, so that ratios
// hold on a noisy machine.

// benchData is a 100-byte record.
var benchData = make([]byte, 100)

// benchKeys are the partition keys the put benchmarks cycle through.
func benchKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "truck-" + strconv.Itoa(i)
	}
	return keys
}

// BenchmarkPutBatch puts batches of 500 records of 100 bytes into a
// 4-shard stream from one goroutine. The baseline appends the same records
// to a slice under a mutex, one lock per batch, as the stream does.
func BenchmarkPutBatch(b *testing.B) {
	keys := benchKeys(1 << 16)
	b.Run("baseline=mutex-slice", func(b *testing.B) {
		type rec struct {
			key  string
			data []byte
		}
		var mu sync.Mutex
		var log []rec
		b.ReportAllocs()
		for i := 0; i < b.N; i += 500 {
			mu.Lock()
			for j := range 500 {
				log = append(log, rec{keys[(i+j)%len(keys)], benchData})
			}
			mu.Unlock()
			if len(log) > 1<<20 {
				log = log[:0] // keep the heap bounded, as the stream's retention would
			}
		}
	})
	// Producers usually repeat their partition keys (a truck, a user),
	// which the stream's key cache turns into hits; 65,536 keys cycling
	// through it miss almost always and pay for MD5 and a copy of the key
	// (the one allocation per record) every time.
	for _, c := range []struct {
		keys   int
		append bool
	}{{1000, false}, {1000, true}, {1 << 16, true}} {
		name := "stream=PutBatch"
		if c.append {
			name = "stream=AppendPutBatch"
		}
		b.Run(name+"/keys="+strconv.Itoa(c.keys), func(b *testing.B) {
			keys := keys[:c.keys]
			s := mustNew[[]byte](b, stream.Config{Name: "bench", ShardCount: 4})
			entries := make([]stream.PutEntry[[]byte], 500)
			var results []stream.PutBatchEntryResult
			b.ReportAllocs()
			for i := 0; i < b.N; i += 500 {
				for j := range entries {
					entries[j] = stream.PutEntry[[]byte]{PartitionKey: keys[(i+j)%len(keys)], Data: benchData}
				}
				var out stream.PutBatchResult
				var err error
				if c.append {
					out, err = s.AppendPutBatch(results[:0], entries)
					results = out.Records
				} else {
					out, err = s.PutBatch(entries)
				}
				if err != nil || out.FailedRecordCount != 0 {
					b.Fatal(err, out.FailedRecordCount)
				}
				if i%(500<<11) == 0 && i > 0 {
					b.StopTimer()
					s = mustNew[[]byte](b, stream.Config{Name: "bench", ShardCount: 4}) // bound the heap
					b.StartTimer()
				}
			}
		})
	}
}

// BenchmarkPut puts records of 100 bytes one at a time, cycling through
// 1,000 partition keys. The baseline appends to a slice under a mutex,
// one lock per record.
func BenchmarkPut(b *testing.B) {
	keys := benchKeys(1000)
	b.Run("baseline=mutex-slice", func(b *testing.B) {
		type rec struct {
			key  string
			data []byte
		}
		var mu sync.Mutex
		var log []rec
		b.ReportAllocs()
		for i := range b.N {
			mu.Lock()
			log = append(log, rec{keys[i%len(keys)], benchData})
			mu.Unlock()
			if len(log) > 1<<20 {
				log = log[:0]
			}
		}
	})
	b.Run("stream=Put", func(b *testing.B) {
		s := mustNew[[]byte](b, stream.Config{Name: "bench", ShardCount: 4})
		b.ReportAllocs()
		for i := range b.N {
			if _, err := s.Put(stream.PutInput[[]byte]{PartitionKey: keys[i%len(keys)], Data: benchData}); err != nil {
				b.Fatal(err)
			}
			if i%(1<<20) == 0 && i > 0 {
				b.StopTimer()
				s = mustNew[[]byte](b, stream.Config{Name: "bench", ShardCount: 4}) // bound the heap
				b.StartTimer()
			}
		}
	})
}

// BenchmarkRead reads a shard of 1,000,000 records sequentially through
// Records. The baseline ranges over the same records in a slice.
func BenchmarkRead(b *testing.B) {
	const n = 1_000_000
	s := mustNew[[]byte](b, stream.Config{Name: "bench", ShardCount: 1})
	keys := benchKeys(1000)
	entries := make([]stream.PutEntry[[]byte], 500)
	for i := 0; i < n; i += 500 {
		for j := range entries {
			entries[j] = stream.PutEntry[[]byte]{PartitionKey: keys[(i+j)%len(keys)], Data: benchData}
		}
		if _, err := s.PutBatch(entries); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("baseline=slice", func(b *testing.B) {
		recs := make([]stream.Record[[]byte], 0, n)
		for r, err := range s.Records("shardId-000000000000", stream.StartingPosition{Type: stream.TrimHorizon}) {
			if err != nil {
				b.Fatal(err)
			}
			recs = append(recs, r)
		}
		b.ReportAllocs()
		b.ResetTimer()
		total := 0
		for i := 0; i < b.N; {
			for _, r := range recs {
				total += len(r.Data)
				if i++; i == b.N {
					break
				}
			}
		}
		runtime.KeepAlive(total)
	})
	b.Run("stream=Records", func(b *testing.B) {
		b.ReportAllocs()
		total := 0
		for i := 0; i < b.N; {
			for r, err := range s.Records("shardId-000000000000", stream.StartingPosition{Type: stream.TrimHorizon}) {
				if err != nil {
					b.Fatal(err)
				}
				total += len(r.Data)
				if i++; i == b.N {
					break
				}
			}
		}
		runtime.KeepAlive(total)
	})
}

// BenchmarkDeliveryLatency measures how long a record takes from Put to a
// reader in another goroutine blocked in Follow, and reports the median
// and 99th percentile. The baseline hands a value to a goroutine blocked
// on a channel receive.
func BenchmarkDeliveryLatency(b *testing.B) {
	b.Run("baseline=channel", benchlat.ChannelBaseline)
	b.Run("stream=Follow", func(b *testing.B) {
		s := mustNew[time.Time](b, stream.Config{Name: "bench", ShardCount: 1}, stream.WithSizer(func(time.Time) int { return 8 }))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan time.Duration)
		go func() {
			for r, err := range s.Follow(ctx, "shardId-000000000000", stream.StartingPosition{Type: stream.Latest}) {
				if err != nil {
					return
				}
				done <- time.Since(r.Data)
			}
		}()
		lat := make([]time.Duration, 0, b.N)
		for range b.N {
			// Let the reader reach its wait: a put before it waits is read
			// without one, which would flatter the figure.
			for !stream.Waiting(s, "shardId-000000000000") {
				runtime.Gosched()
			}
			if _, err := s.Put(stream.PutInput[time.Time]{PartitionKey: "k", Data: time.Now()}); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, <-done)
		}
		benchlat.Report(b, lat)
	})
}

// BenchmarkMemory stores 1,000,000 records of 100 bytes, each with its own
// 12-byte partition key, in a 4-shard stream, and reports the heap the
// stream adds per record (heap-B/record) and that less the bytes of its
// copies of the keys (overhead-B/record): the data and the caller's keys
// were made before. Run it with -benchtime=1x.
func BenchmarkMemory(b *testing.B) {
	const n = 1_000_000
	for range b.N {
		b.StopTimer()
		data := make([][]byte, n)
		for i := range data {
			data[i] = make([]byte, 100)
		}
		keys := benchKeys(n)
		before := heapInUse()
		b.StartTimer()
		s := mustNew[[]byte](b, stream.Config{Name: "memory", ShardCount: 4})
		entries := make([]stream.PutEntry[[]byte], 500)
		for i := 0; i < n; i += 500 {
			for j := range entries {
				entries[j] = stream.PutEntry[[]byte]{PartitionKey: keys[i+j], Data: data[i+j]}
			}
			if _, err := s.PutBatch(entries); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		entries = nil
		after := heapInUse()
		// A record's payload is its data and its partition key (Kinesis
		// counts both toward its size); the stream keeps its own copy of
		// each key, and everything beyond those bytes is overhead.
		keyBytes := 0
		for _, k := range keys {
			keyBytes += len(k)
		}
		b.ReportMetric(float64(after-before-int64(keyBytes))/n, "overhead-B/record")
		b.ReportMetric(float64(after-before)/n, "heap-B/record")
		runtime.KeepAlive(s)
		runtime.KeepAlive(data)
		runtime.KeepAlive(keys)
	}
}

func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
