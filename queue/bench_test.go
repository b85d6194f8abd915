package queue_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/internal/benchlat"
	"github.com/switchyard/switchyard/queue"
)

// The benchmarks count messages: one op is one message sent, received and
// deleted. The channel baselines send and receive the same body through a
// buffered channel, in the same run, so the ratios hold on a noisy machine.

var benchBody = []byte("{\"video\":\"v-0001\",\"rendition\":\"720p\",\"bucket\":\"uploads\"}")

func BenchmarkRoundTrip(b *testing.B) {
	b.Run("baseline=channel", func(b *testing.B) {
		ch := make(chan []byte, 10)
		b.ReportAllocs()
		for i := 0; i < b.N; i += 10 {
			for range 10 {
				ch <- benchBody
			}
			for range 10 {
				<-ch
			}
		}
	})
	b.Run("baseline=mutex-slice", func(b *testing.B) {
		var mu sync.Mutex
		var s [][]byte
		b.ReportAllocs()
		for i := 0; i < b.N; i += 10 {
			mu.Lock()
			for range 10 {
				s = append(s, benchBody)
			}
			mu.Unlock()
			mu.Lock()
			s = s[:0]
			mu.Unlock()
		}
	})
	noFIFO := func(int, *queue.SendBatchEntry[[]byte]) {}
	b.Run("queue=standard", func(b *testing.B) {
		q := mustNew(b, queue.Config[[]byte]{Name: "bench"})
		roundTrips(b, q, noFIFO, true)
	})
	// SendBatch and Receive allocate their results; AppendSendBatch and
	// AppendReceive reuse the caller's.
	b.Run("queue=standard/results=allocated", func(b *testing.B) {
		q := mustNew(b, queue.Config[[]byte]{Name: "bench"})
		roundTrips(b, q, noFIFO, false)
	})
	b.Run(fmt.Sprintf("queue=standard/lanes=%d", 2*runtime.GOMAXPROCS(0)), func(b *testing.B) {
		q := mustNew(b, queue.Config[[]byte]{Name: "bench"}, queue.WithLanes(2*runtime.GOMAXPROCS(0)))
		roundTrips(b, q, noFIFO, true)
	})
	// FIFO round trips over 1,000 active groups, every message with a
	// deduplication id of its own. The clock moves so that the window holds
	// the last 1,000 ids, then the last 65,530: a window that size outgrows
	// the CPU caches, and its lookups become most of a send's cost.
	for _, live := range []int{1000, 65530} {
		b.Run(fmt.Sprintf("queue=fifo-1000-groups-%d-dedup-ids", live), func(b *testing.B) {
			fifoRoundTrips(b, live)
		})
	}
}

func fifoRoundTrips(b *testing.B, liveDedupIDs int) {
	clk := clock.NewManual(time.Unix(1_700_000_000, 0))
	q := mustNew(b, queue.Config[[]byte]{Name: "bench.fifo", FIFO: true}, queue.WithClock(clk))
	// An id comes round again four windows later, long after it expired:
	// to the queue every id is new.
	groups, dedup := names("g", 1000), names("d", 4*liveDedupIDs)
	// Fill every group with a backlog, so that 1,000 groups are active.
	for i := 0; i < 1000; i += 10 {
		entries := batchOf(benchBody)
		for j := range entries {
			entries[j].GroupID, entries[j].DeduplicationID = groups[i+j], "pre-"+groups[i+j]
		}
		if _, err := q.SendBatch(entries); err != nil {
			b.Fatal(err)
		}
	}
	step := queue.DeduplicationWindow * 10 / time.Duration(liveDedupIDs) // per batch of 10
	n := 0
	roundTrips(b, q, func(j int, e *queue.SendBatchEntry[[]byte]) {
		if j == 0 {
			clk.Advance(step)
		}
		e.GroupID, e.DeduplicationID = groups[n%len(groups)], dedup[n%len(dedup)]
		n++
	}, true)
}

// roundTrips sends, receives and deletes b.N messages in batches of 10 from
// one goroutine; prepare sets each entry's FIFO fields. With reuse it sends
// and receives into the same result slices each time.
func roundTrips(b *testing.B, q *queue.Queue[[]byte], prepare func(int, *queue.SendBatchEntry[[]byte]), reuse bool) {
	ctx := context.Background()
	entries := batchOf(benchBody)
	deletes := make([]queue.BatchEntry, 10)
	for i := range deletes {
		deletes[i].ID = entries[i].ID
	}
	opts := queue.ReceiveOptions{MaxMessages: 10, WaitTime: queue.Seconds(0)}
	var results []queue.SendBatchResult
	var msgs []queue.Message[[]byte]
	var err error
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += 10 {
		for j := range entries {
			prepare(j, &entries[j])
		}
		if reuse {
			results, err = q.AppendSendBatch(results[:0], entries)
		} else {
			_, err = q.SendBatch(entries)
		}
		if err != nil {
			b.Fatal(err)
		}
		if reuse {
			msgs, err = q.AppendReceive(ctx, msgs[:0], opts)
		} else {
			msgs, err = q.Receive(ctx, opts)
		}
		if err != nil || len(msgs) != 10 {
			b.Fatalf("received %d messages, err %v, counts %+v", len(msgs), err, q.Counts())
		}
		for j := range msgs {
			deletes[j].ReceiptHandle = msgs[j].ReceiptHandle
		}
		if _, err := q.DeleteBatch(deletes); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParallel measures throughput with several goroutines; one op is
// one message through, so the single-goroutine figure to compare with is
// BenchmarkRoundTrip's. In shape=round-trips every goroutine sends, receives
// and deletes batches of 10, on one lane and on one lane per processor
// (WithLanes); in the pairs shapes producers and consumers are separate
// goroutines, as in a pipeline, and consumers long-poll.
func BenchmarkParallel(b *testing.B) {
	for _, lanes := range []int{1, 2 * runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("queue=standard/lanes=%d/shape=round-trips", lanes), func(b *testing.B) {
			q := mustNew(b, queue.Config[[]byte]{Name: "bench"}, queue.WithLanes(lanes))
			opts := queue.ReceiveOptions{MaxMessages: 10, WaitTime: queue.Seconds(0)}
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				entries := batchOf(benchBody)
				deletes := make([]queue.BatchEntry, 10)
				var results []queue.SendBatchResult
				var msgs []queue.Message[[]byte]
				var err error
				for pb.Next() {
					if results, err = q.AppendSendBatch(results[:0], entries); err != nil {
						b.Error(err)
						return
					}
					for k := 1; k < 10 && pb.Next(); k++ { // one batch is 10 ops
					}
					msgs, err = q.AppendReceive(context.Background(), msgs[:0], opts)
					if err != nil {
						b.Error(err)
						return
					}
					for j := range msgs {
						deletes[j] = queue.BatchEntry{ID: entries[j].ID, ReceiptHandle: msgs[j].ReceiptHandle}
					}
					if len(msgs) > 0 {
						if _, err := q.DeleteBatch(deletes[:len(msgs)]); err != nil {
							b.Error(err)
							return
						}
					}
				}
			})
		})
	}
	for _, pairs := range []int{1, 2} {
		b.Run(fmt.Sprintf("baseline=channel/pairs=%d", pairs), func(b *testing.B) {
			ch := make(chan []byte, pipelineBacklog)
			b.ReportAllocs()
			pipeline(b, pairs,
				func() func(int) {
					return func(n int) {
						for range n {
							ch <- benchBody
						}
					}
				},
				func() func(context.Context) int {
					return func(ctx context.Context) int {
						select {
						case <-ch:
							return 1
						case <-ctx.Done():
							return 0
						}
					}
				})
		})
		b.Run(fmt.Sprintf("queue=standard/lanes=%d/pairs=%d", 2*runtime.GOMAXPROCS(0), pairs), func(b *testing.B) {
			q := mustNew(b, queue.Config[[]byte]{Name: "bench"}, queue.WithLanes(2*runtime.GOMAXPROCS(0)))
			opts := queue.ReceiveOptions{MaxMessages: 10, WaitTime: queue.Seconds(20)}
			b.ReportAllocs()
			pipeline(b, pairs,
				func() func(int) {
					entries := batchOf(benchBody)
					var results []queue.SendBatchResult
					return func(n int) {
						var err error
						if results, err = q.AppendSendBatch(results[:0], entries[:n]); err != nil {
							b.Error(err)
						}
					}
				},
				func() func(context.Context) int {
					deletes := make([]queue.BatchEntry, 10)
					for i := range deletes {
						deletes[i].ID = strconv.Itoa(i)
					}
					var msgs []queue.Message[[]byte]
					return func(ctx context.Context) int {
						var err error
						msgs, err = q.AppendReceive(ctx, msgs[:0], opts)
						if err != nil || len(msgs) == 0 {
							return 0
						}
						for i := range msgs {
							deletes[i].ReceiptHandle = msgs[i].ReceiptHandle
						}
						if _, err := q.DeleteBatch(deletes[:len(msgs)]); err != nil {
							b.Error(err)
						}
						return len(msgs)
					}
				})
		})
	}
}

// pipeline moves b.N messages with pairs producer and pairs consumer
// goroutines. Each producer gets its own send(n), which sends n ≤ 10
// messages; each consumer its own receive, which takes some and says how
// many. Producers hold back while more than pipelineBacklog messages wait,
// as they would on a full channel, so that what is measured is the flow
// and not an ever-growing backlog.
const pipelineBacklog = 1024

func pipeline(b *testing.B, pairs int, newSend func() func(n int), newReceive func() func(context.Context) int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var claimed, received atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range pairs {
		send, receive := newSend(), newReceive()
		wg.Add(2)
		go func() {
			defer wg.Done()
			for {
				for claimed.Load()-received.Load() > pipelineBacklog {
					runtime.Gosched()
				}
				end := claimed.Add(10)
				n := min(10, int(int64(b.N)-(end-10)))
				if n <= 0 {
					return
				}
				send(n)
			}
		}()
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if received.Add(int64(receive(ctx))) >= int64(b.N) {
					cancel()
				}
			}
		}()
	}
	wg.Wait()
}

// BenchmarkWakeLatency measures how long a receive blocked in a long poll
// takes to return once a send makes a message available, and reports the
// median; the baseline is a goroutine blocked on a channel receive.
func BenchmarkWakeLatency(b *testing.B) {
	b.Run("baseline=channel", benchlat.ChannelBaseline)
	b.Run("queue=standard", func(b *testing.B) {
		q := mustNew(b, queue.Config[time.Time]{Name: "wake"}, queue.WithSizer(func(time.Time) int { return 8 }))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		ready, done := make(chan struct{}), make(chan time.Duration)
		go func() {
			opts := queue.ReceiveOptions{WaitTime: queue.Seconds(20)}
			for {
				ready <- struct{}{}
				msgs, err := q.Receive(ctx, opts)
				if err != nil {
					return
				}
				if len(msgs) == 1 {
					done <- time.Since(msgs[0].Body)
					_ = q.Delete(msgs[0].ReceiptHandle)
				}
			}
		}()
		lat := make([]time.Duration, 0, b.N)
		for range b.N {
			<-ready
			// Let the receiver reach its wait; a send before it waits is
			// simply picked up without one, which would flatter the figure.
			for queue.Waiting(q) == 0 {
				runtime.Gosched()
			}
			if _, err := q.Send(queue.SendInput[time.Time]{Body: time.Now()}); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, <-done)
		}
		benchlat.Report(b, lat)
	})
}

// BenchmarkMemory stores 1,000,000 messages with 100-byte bodies and
// reports the heap the queue adds per message, beyond the bodies.
func BenchmarkMemory(b *testing.B) {
	const n = 1_000_000
	for range b.N {
		b.StopTimer()
		bodies := make([][]byte, n)
		for i := range bodies {
			bodies[i] = make([]byte, 100)
		}
		before := heapInUse()
		b.StartTimer()
		q := mustNew(b, queue.Config[[]byte]{Name: "memory"})
		entries := batchOf[[]byte](nil)
		for i := 0; i < n; i += 10 {
			for j := range entries {
				entries[j].Body = bodies[i+j]
			}
			if _, err := q.SendBatch(entries); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		after := heapInUse()
		b.ReportMetric(float64(after-before)/n, "overhead-B/msg")
		if c := q.Counts(); c.Available != n {
			b.Fatalf("stored %d messages", c.Available)
		}
		runtime.KeepAlive(q)
		runtime.KeepAlive(bodies)
	}
}

func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

func mustNew[T any](b testing.TB, cfg queue.Config[T], opts ...queue.Option) *queue.Queue[T] {
	q, err := queue.New(cfg, opts...)
	if err != nil {
		b.Fatal(err)
	}
	return q
}

func batchOf[T any](body T) []queue.SendBatchEntry[T] {
	entries := make([]queue.SendBatchEntry[T], 10)
	for i := range entries {
		entries[i].ID = strconv.Itoa(i)
		entries[i].Body = body
	}
	return entries
}

func names(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%d", prefix, i)
	}
	return out
}
