package queue_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// Consumer helper tests. Each runs in a synctest bubble: synctest.Wait
// tells when every worker is idle or blocked, and the bubble fails the test
// if Consume leaves a goroutine behind. Time is a clock.Manual (or the
// bubble's fake clock), moved by the test.

// consumeRun is a Consume running in the background.
type consumeRun struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when Consume has returned err
	err    error
}

// startConsume runs Consume in the background until stop is called or the
// test ends (a failing test cancels it too, so that handlers that watch
// their ctx let the bubble end cleanly).
func startConsume[T any](t *testing.T, q *queue.Queue[T], cfg queue.ConsumerConfig, h queue.HandlerFunc[T]) *consumeRun {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	r := &consumeRun{cancel: cancel, done: make(chan struct{})}
	go func() {
		r.err = queue.Consume(ctx, q, cfg, h)
		close(r.done)
	}()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	return r
}

// stop cancels the run and fails the test unless Consume returns nil.
func (r *consumeRun) stop(t *testing.T) {
	t.Helper()
	r.cancel()
	<-r.done
	if r.err != nil {
		t.Fatalf("Consume returned %v after cancel, want nil", r.err)
	}
}

// recorder records the batches a handler saw.
type recorder struct {
	mu      sync.Mutex
	batches [][]string
}

func (r *recorder) add(msgs []queue.Message[string]) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.batches = append(r.batches, bodies(msgs))
	return len(r.batches)
}

// snapshot returns the batches seen so far.
func (r *recorder) snapshot() [][]string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.batches)
}

func (r *recorder) calls() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.batches)
}

// all returns every body seen, in the order seen.
func (r *recorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, b := range r.batches {
		out = append(out, b...)
	}
	return out
}

func TestConsumeProcessesEachMessageOnce(t *testing.T) {
	tests := []struct {
		workers, batch int
		fifo           bool
	}{
		{workers: 1, batch: 1},
		{workers: 4, batch: 3},
		{workers: 8, batch: 10},
		{workers: 3, batch: 4, fifo: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/workers=%d/batch=%d", typeName(tt.fifo), tt.workers, tt.batch), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				q, _ := newQueue(t, queue.Config[string]{FIFO: tt.fifo, ContentBasedDeduplication: tt.fifo})
				send := func(i int) {
					in := queue.SendInput[string]{Body: fmt.Sprintf("g%d-%03d", i%3, i)}
					if tt.fifo {
						in.GroupID = fmt.Sprintf("g%d", i%3)
					}
					mustSendInput(t, q, in)
				}
				const before, total = 20, 47
				for i := range before {
					send(i)
				}
				var rec recorder
				var mu sync.Mutex
				running, most := 0, 0
				run := startConsume(t, q, queue.ConsumerConfig{Workers: tt.workers, BatchSize: tt.batch}, func(ctx context.Context, msgs []queue.Message[string]) error {
					mu.Lock()
					running++
					most = max(most, running)
					mu.Unlock()
					if len(msgs) == 0 || len(msgs) > tt.batch {
						t.Errorf("batch of %d messages, want 1–%d", len(msgs), tt.batch)
					}
					rec.add(msgs)
					mu.Lock()
					running--
					mu.Unlock()
					return nil
				})
				synctest.Wait()
				for i := before; i < total; i++ { // these wake the long-polling workers
					send(i)
				}
				synctest.Wait()
				wantCounts(t, q, queue.Counts{})
				got := rec.all()
				if len(got) != total {
					t.Fatalf("handled %d messages, want %d", len(got), total)
				}
				if tt.fifo {
					// Within each group, in order.
					for g := range 3 {
						var inGroup []string
						for _, b := range got {
							if b[:2] == fmt.Sprintf("g%d", g) {
								inGroup = append(inGroup, b)
							}
						}
						if !slices.IsSorted(inGroup) {
							t.Fatalf("group g%d handled out of order: %q", g, inGroup)
						}
					}
				}
				slices.Sort(got)
				if n := len(slices.Compact(got)); n != total {
					t.Fatalf("handled %d distinct messages of %d: some twice", n, total)
				}
				if most > tt.workers {
					t.Fatalf("%d handlers ran at once with %d workers", most, tt.workers)
				}
				run.stop(t)
			})
		})
	}
}

func TestConsumeHandlerFailures(t *testing.T) {
	// The handler's first call gets all five messages and fails as the
	// row says; what it leaves comes back after the 30 s visibility timeout.
	tests := []struct {
		name      string
		fail      func(ids map[string]queue.MessageID) error
		wantAgain []string
	}{
		{name: "success deletes the batch", fail: func(map[string]queue.MessageID) error { return nil }},
		{
			name: "batch item failures leave only those",
			fail: func(ids map[string]queue.MessageID) error {
				return &queue.BatchItemFailures{MessageIDs: []queue.MessageID{ids["m1"], ids["m3"]}}
			},
			wantAgain: []string{"m1", "m3"},
		},
		{
			name: "wrapped batch item failures",
			fail: func(ids map[string]queue.MessageID) error {
				return fmt.Errorf("partial: %w", &queue.BatchItemFailures{MessageIDs: []queue.MessageID{ids["m4"]}})
			},
			wantAgain: []string{"m4"},
		},
		{
			name:      "a plain error leaves the whole batch",
			fail:      func(map[string]queue.MessageID) error { return errors.New("boom") },
			wantAgain: []string{"m0", "m1", "m2", "m3", "m4"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				q, clk := newQueue(t, queue.Config[string]{VisibilityTimeout: queue.Seconds(30)})
				for i := range 5 {
					mustSend(t, q, fmt.Sprintf("m%d", i))
				}
				var rec recorder
				run := startConsume(t, q, queue.ConsumerConfig{BatchSize: 10}, func(ctx context.Context, msgs []queue.Message[string]) error {
					if rec.add(msgs) > 1 {
						return nil
					}
					ids := map[string]queue.MessageID{}
					for _, m := range msgs {
						ids[m.Body] = m.ID
					}
					return tt.fail(ids)
				})
				synctest.Wait()
				if b := rec.snapshot(); len(b) != 1 || len(b[0]) != 5 {
					t.Fatalf("handler saw %q, want one batch of 5", b)
				}
				wantCounts(t, q, queue.Counts{InFlight: len(tt.wantAgain)})

				clk.Advance(30*time.Second - time.Nanosecond)
				synctest.Wait()
				if rec.calls() != 1 {
					t.Fatalf("handler called again before the visibility timeout: %q", rec.snapshot())
				}
				clk.Advance(time.Nanosecond)
				synctest.Wait()
				var again []string
				for _, b := range rec.snapshot()[1:] {
					again = append(again, b...)
				}
				slices.Sort(again)
				if !slices.Equal(again, tt.wantAgain) {
					t.Fatalf("received again %q, want %q", again, tt.wantAgain)
				}
				wantCounts(t, q, queue.Counts{})
				run.stop(t)
				if n := clk.Pending(); n != 0 {
					t.Fatalf("Consume left %d timers", n)
				}
			})
		})
	}
}

func TestConsumeExtendsVisibility(t *testing.T) {
	tests := []struct {
		name        string
		noExtension bool
		wantCalls   int // handler calls while the first one runs 150 s
	}{
		{name: "extended while the handler runs", wantCalls: 1},
		{name: "without extension it comes back", noExtension: true, wantCalls: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				q, clk := newQueue(t, queue.Config[string]{VisibilityTimeout: queue.Seconds(30)})
				mustSend(t, q, "slow")
				release := make(chan struct{})
				var rec recorder
				run := startConsume(t, q, queue.ConsumerConfig{Workers: 2, BatchSize: 1, NoExtension: tt.noExtension}, func(ctx context.Context, msgs []queue.Message[string]) error {
					if rec.add(msgs) == 1 {
						select {
						case <-release:
						case <-ctx.Done():
							return ctx.Err()
						}
					}
					return nil
				})
				synctest.Wait()
				if rec.calls() != 1 {
					t.Fatalf("handler calls = %d, want 1", rec.calls())
				}
				for range 15 { // 150 s: five visibility timeouts
					clk.Advance(10 * time.Second)
					synctest.Wait()
					if tt.noExtension {
						continue
					}
					wantCounts(t, q, queue.Counts{InFlight: 1})
				}
				if got := rec.calls(); got != tt.wantCalls {
					t.Fatalf("handler calls while the first ran = %d, want %d", got, tt.wantCalls)
				}
				if !tt.noExtension {
					receiveNone(t, q) // nor can anyone else receive it
				}
				close(release)
				synctest.Wait()
				wantCounts(t, q, queue.Counts{})
				run.stop(t)
				if n := clk.Pending(); n != 0 {
					t.Fatalf("Consume left %d timers", n)
				}
			})
		})
	}
}

func TestConsumeStopsOnCancel(t *testing.T) {
	tests := []struct {
		name string
		// busy leaves a handler running (waiting for ctx) at the cancel.
		busy   bool
		manual bool
	}{
		{name: "idle workers, manual clock", manual: true},
		{name: "idle workers, bubble clock"},
		{name: "running handler, manual clock", busy: true, manual: true},
		{name: "running handler, bubble clock", busy: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var clk clock.Clock = clock.System{} // the bubble's fake time
				var manual *clock.Manual
				if tt.manual {
					manual = newClock()
					clk = manual
				}
				q := newQueueOn(t, clk, queue.Config[string]{})
				if tt.busy {
					mustSend(t, q, "x")
				}
				var rec recorder
				run := startConsume(t, q, queue.ConsumerConfig{Workers: 3, BatchSize: 2}, func(ctx context.Context, msgs []queue.Message[string]) error {
					rec.add(msgs)
					<-ctx.Done()
					return ctx.Err()
				})
				synctest.Wait()
				if tt.busy && rec.calls() != 1 {
					t.Fatalf("handler calls = %d, want 1", rec.calls())
				}
				run.stop(t)
				synctest.Wait()
				if tt.busy {
					// The handler failed (its ctx ended): nothing deleted.
					wantCounts(t, q, queue.Counts{InFlight: 1})
				}
				if manual != nil && manual.Pending() != 0 {
					t.Fatalf("Consume left %d timers", manual.Pending())
				}
				if n := queue.Waiting(q); n != 0 {
					t.Fatalf("%d receives still waiting", n)
				}
				// synctest.Test fails if a goroutine outlives the bubble's root.
			})
		})
	}
}

func TestConsumeInvalidConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  queue.ConsumerConfig
		want error // nil: any error
	}{
		{name: "batch size 11", cfg: queue.ConsumerConfig{BatchSize: 11}},
		{name: "negative batch size", cfg: queue.ConsumerConfig{BatchSize: -1}},
		{name: "negative workers", cfg: queue.ConsumerConfig{Workers: -1}},
		{name: "wait time 21 s", cfg: queue.ConsumerConfig{WaitTime: 21 * time.Second}, want: queue.ErrInvalidParameterValue},
		{name: "visibility timeout over 12 h", cfg: queue.ConsumerConfig{VisibilityTimeout: dur(12*time.Hour + time.Second)}, want: queue.ErrInvalidParameterValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) { // a Consume that started would deadlock the bubble
				q, _ := newQueue(t, queue.Config[string]{})
				mustSend(t, q, "x")
				called := false
				err := queue.Consume(t.Context(), q, tt.cfg, queue.HandlerFunc[string](func(context.Context, []queue.Message[string]) error {
					called = true
					return nil
				}))
				if err == nil {
					t.Fatal("Consume accepted the config")
				}
				if tt.want != nil {
					wantErr(t, err, tt.want, "")
				}
				synctest.Wait()
				if called {
					t.Fatal("the handler ran")
				}
				wantCounts(t, q, queue.Counts{Available: 1})
			})
		})
	}
}

// TestConsumeStoppingConsumerPassesOnMessages: when one consumer of a queue
// stops just as a message arrives, another consumer still long-polling the
// queue gets the message at once, as a long poll returns as soon as a
// message is available.
func TestConsumeStoppingConsumerPassesOnMessages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		var stopping, staying recorder
		a := startConsume(t, q, queue.ConsumerConfig{}, func(ctx context.Context, msgs []queue.Message[string]) error {
			stopping.add(msgs)
			return nil
		})
		synctest.Wait() // a's worker waits first
		startConsume(t, q, queue.ConsumerConfig{}, func(ctx context.Context, msgs []queue.Message[string]) error {
			staying.add(msgs)
			return nil
		})
		synctest.Wait()
		a.cancel() // a is shutting down...
		mustSend(t, q, "x")
		synctest.Wait()
		if stopping.calls() == 0 && staying.calls() == 0 {
			clk.Advance(20 * time.Second)
			synctest.Wait()
			t.Fatalf("message available but not handled while a consumer long-polls; after the 20 s poll ran out it was handled %d time(s)", staying.calls())
		}
		wantCounts(t, q, queue.Counts{})
	})
}

// A worker that meets a standard queue's in-flight limit waits and tries
// again, as SQS consumers do, instead of stopping the pool.
func TestConsumeBacksOffAtTheInFlightLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "limited"}, queue.WithInFlightLimit(1))
		for _, b := range []string{"a", "b", "c"} {
			mustSend(t, q, b)
		}
		release := make(chan struct{})
		var rec recorder
		run := startConsume(t, q, queue.ConsumerConfig{Workers: 2, BatchSize: 1, WaitTime: time.Second},
			func(ctx context.Context, batch []queue.Message[string]) error {
				rec.add(batch)
				<-release
				return nil
			})
		synctest.Wait() // one worker holds a message; the other met the limit and waits
		if got := rec.calls(); got != 1 {
			t.Fatalf("%d batches handled while at the limit, want 1", got)
		}
		select {
		case <-run.done:
			t.Fatalf("Consume returned %v at the in-flight limit", run.err)
		default:
		}
		close(release)
		time.Sleep(5 * time.Second) // fake time: the backing-off worker tries again
		synctest.Wait()
		if got := rec.all(); len(got) != 3 {
			t.Fatalf("handled %v, want all three messages", got)
		}
		wantCounts(t, q, queue.Counts{})
		run.stop(t)
	})
}

// A handler that returns a nil *BatchItemFailures reports no failure.
func TestConsumeNilBatchItemFailures(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "nil-failures"})
		mustSend(t, q, "x")
		run := startConsume(t, q, queue.ConsumerConfig{WaitTime: time.Second},
			func(ctx context.Context, batch []queue.Message[string]) error {
				var none *queue.BatchItemFailures
				return none
			})
		synctest.Wait()
		wantCounts(t, q, queue.Counts{})
		run.stop(t)
	})
}

// Messages a receive returns just as the consumer stops are made visible
// again at once, not left in flight for their visibility timeout.
func TestConsumeStopReleasesReceivedMessages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "stopping"})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() {
			done <- queue.Consume(ctx, q, queue.ConsumerConfig{WaitTime: 20 * time.Second},
				queue.HandlerFunc[string](func(context.Context, []queue.Message[string]) error {
					t.Error("handler ran after the consumer stopped")
					return nil
				}))
		}()
		synctest.Wait() // the worker waits in a long poll
		mustSend(t, q, "late")
		cancel() // before the woken worker runs
		if err := <-done; err != nil {
			t.Fatalf("Consume: %v", err)
		}
		wantCounts(t, q, queue.Counts{Available: 1})
	})
}
