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

const lanes = 4

// newLaned makes a standard queue spread over 4 lanes, with a manual clock.
func newLaned(t *testing.T, cfg queue.Config[string]) (*queue.Queue[string], *clock.Manual) {
	t.Helper()
	clk := newClock()
	return newQueueOn(t, clk, cfg, queue.WithLanes(lanes)), clk
}

// spreadSend sends bodies round-robin over the lanes.
func spreadSend(t *testing.T, q *queue.Queue[string], bodies ...string) {
	t.Helper()
	for i, b := range bodies {
		if _, err := queue.SendOnLane(q, i%lanes, queue.SendInput[string]{Body: b}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLanesOnlyForStandardQueues(t *testing.T) {
	for _, tt := range []struct {
		name string
		cfg  queue.Config[string]
		opts []queue.Option
	}{
		{"fifo", queue.Config[string]{Name: "q.fifo", FIFO: true}, []queue.Option{queue.WithLanes(2)}},
		{"at-least-once", queue.Config[string]{Name: "q"}, []queue.Option{queue.WithLanes(2), queue.WithAtLeastOnce(queue.AtLeastOnce{Seed: 1})}},
		{"zero", queue.Config[string]{Name: "q"}, []queue.Option{queue.WithLanes(0)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := queue.New(tt.cfg, tt.opts...); err == nil {
				t.Fatal("New accepted the lanes")
			}
		})
	}
}

// A receive sees every available message, whatever lane holds it; counts
// add up over the lanes; handles work on the lane that issued them.
func TestLanesReceiveCountAndDelete(t *testing.T) {
	q, clk := newLaned(t, queue.Config[string]{Name: "laned"})
	spreadSend(t, q, "a", "b", "c", "d", "e", "f")
	wantCounts(t, q, queue.Counts{Available: 6})
	msgs := receiveN(t, q, 10, 6)
	got := bodies(msgs)
	slices.Sort(got)
	if !slices.Equal(got, []string{"a", "b", "c", "d", "e", "f"}) {
		t.Fatalf("received %v", got)
	}
	wantCounts(t, q, queue.Counts{InFlight: 6})

	mustDelete(t, q, msgs[0].ReceiptHandle)
	if err := q.ChangeVisibility(msgs[1].ReceiptHandle, 0); err != nil {
		t.Fatal(err)
	}
	failed, err := q.DeleteBatch([]queue.BatchEntry{
		{ID: "m2", ReceiptHandle: msgs[2].ReceiptHandle},
		{ID: "bad", ReceiptHandle: queue.ReceiptHandle{}},
		{ID: "m3", ReceiptHandle: msgs[3].ReceiptHandle},
	})
	if err != nil || len(failed) != 1 || failed[0].ID != "bad" || !errors.Is(failed[0].Err, queue.ErrReceiptHandleIsInvalid) {
		t.Fatalf("DeleteBatch = %+v, %v", failed, err)
	}
	wantCounts(t, q, queue.Counts{Available: 1, InFlight: 2})
	clk.Advance(queue.DefaultVisibilityTimeout)
	wantCounts(t, q, queue.Counts{Available: 3})

	if err := q.Purge(); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, q, queue.Counts{})
}

// A receive waiting in a long poll wakes for a message sent to any lane.
func TestLanesLongPollWokenByAnyLane(t *testing.T) {
	for lane := range lanes {
		t.Run(fmt.Sprint("lane ", lane), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "laned"}, queue.WithLanes(lanes))
				start := time.Now()
				ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(20 * time.Second)})
				synctest.Wait()
				if _, err := queue.SendOnLane(q, lane, queue.SendInput[string]{Body: "m"}); err != nil {
					t.Fatal(err)
				}
				r := <-ch
				if got := bodies(r.msgs); len(got) != 1 || time.Since(start) != 0 {
					t.Fatalf("got %v after %v, want m at once", got, time.Since(start))
				}
			})
		})
	}
}

// Dead letters from a laned queue reach the dead-letter queue, and a move
// task takes them from every lane of a laned dead-letter queue.
func TestLanesDeadLettersAndRedrive(t *testing.T) {
	clk := newClock()
	dlq := newQueueOn(t, clk, queue.Config[string]{Name: "dlq"}, queue.WithLanes(lanes))
	src := newQueueOn(t, clk, queue.Config[string]{
		Name:          "src",
		RedrivePolicy: &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: 1},
	}, queue.WithLanes(lanes))
	spreadSend(t, src, "a", "b", "c", "d", "e")
	receiveN(t, src, 10, 5)
	clk.Advance(queue.DefaultVisibilityTimeout)
	receiveN(t, src, 10, 0) // the second receive moves them all
	wantCounts(t, dlq, queue.Counts{Available: 5})
	if _, err := dlq.StartMoveTask(queue.MoveOptions[string]{MaxMessagesPerSecond: 2}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		clk.Advance(0)
		clk.Advance(time.Second)
	}
	if task := dlq.MoveTasks()[0]; task.Status != queue.MoveCompleted || task.Moved != 5 || task.ToMove != 5 {
		t.Fatalf("move task %+v", task)
	}
	got := bodies(receiveN(t, src, 10, 5))
	slices.Sort(got)
	if !slices.Equal(got, []string{"a", "b", "c", "d", "e"}) {
		t.Fatalf("redriven %v", got)
	}
}

// SetConfig reaches every lane.
func TestLanesSetConfig(t *testing.T) {
	q, clk := newLaned(t, queue.Config[string]{Name: "laned"})
	spreadSend(t, q, "a", "b", "c", "d")
	cfg := q.Config()
	cfg.VisibilityTimeout = queue.Seconds(5)
	if err := q.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	receiveN(t, q, 10, 4)
	clk.Advance(5 * time.Second)
	wantCounts(t, q, queue.Counts{Available: 4})
}

// Goroutines sending, receiving and deleting at once on a laned queue lose
// nothing and deliver nothing twice.
func TestLanesStress(t *testing.T) {
	q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "laned", VisibilityTimeout: queue.Seconds(3600)}, queue.WithLanes(lanes))
	const producers, perProducer = 4, 500
	var wg sync.WaitGroup
	produce(t, &wg, q, producers, perProducer)
	var mu sync.Mutex
	seen := map[string]bool{}
	ctx, cancel := stressContext(t)
	defer cancel()
	for range 4 {
		wg.Go(func() {
			for ctx.Err() == nil {
				msgs, err := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(time.Second)})
				if err != nil {
					return
				}
				mu.Lock()
				for _, m := range msgs {
					if seen[m.Body] {
						t.Errorf("%s delivered twice", m.Body)
					}
					seen[m.Body] = true
				}
				if len(seen) == producers*perProducer {
					cancel()
				}
				mu.Unlock()
				deleteAll(t, q, msgs)
			}
		})
	}
	wg.Wait()
	if len(seen) != producers*perProducer {
		t.Fatalf("received %d of %d messages", len(seen), producers*perProducer)
	}
	wantCounts(t, q, queue.Counts{})
}
