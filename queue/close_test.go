package queue_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/queue"
)

func TestCloseFailsEveryOperation(t *testing.T) {
	ops := []struct {
		name string
		op   func(q *queue.Queue[string], h queue.ReceiptHandle) error
	}{
		{"Send", func(q *queue.Queue[string], _ queue.ReceiptHandle) error {
			_, err := q.Send(queue.SendInput[string]{Body: "x"})
			return err
		}},
		{"SendShared", func(q *queue.Queue[string], _ queue.ReceiptHandle) error {
			_, err := q.SendShared(queue.SendInput[string]{Body: "x"})
			return err
		}},
		{"SendBatch", func(q *queue.Queue[string], _ queue.ReceiptHandle) error {
			_, err := q.SendBatch([]queue.SendBatchEntry[string]{{ID: "a", SendInput: queue.SendInput[string]{Body: "x"}}})
			return err
		}},
		{"Receive", func(q *queue.Queue[string], _ queue.ReceiptHandle) error {
			_, err := q.Receive(context.Background(), shortPoll(1))
			return err
		}},
		{"Delete", func(q *queue.Queue[string], h queue.ReceiptHandle) error { return q.Delete(h) }},
		{"DeleteBatch", func(q *queue.Queue[string], h queue.ReceiptHandle) error {
			_, err := q.DeleteBatch([]queue.BatchEntry{{ID: "a", ReceiptHandle: h}})
			return err
		}},
		{"ChangeVisibility", func(q *queue.Queue[string], h queue.ReceiptHandle) error { return q.ChangeVisibility(h, 0) }},
		{"ChangeVisibilityBatch", func(q *queue.Queue[string], h queue.ReceiptHandle) error {
			_, err := q.ChangeVisibilityBatch([]queue.BatchEntry{{ID: "a", ReceiptHandle: h}})
			return err
		}},
		{"Purge", func(q *queue.Queue[string], _ queue.ReceiptHandle) error { return q.Purge() }},
		{"SetConfig", func(q *queue.Queue[string], _ queue.ReceiptHandle) error { return q.SetConfig(q.Config()) }},
		{"StartMoveTask", func(q *queue.Queue[string], _ queue.ReceiptHandle) error {
			_, err := q.StartMoveTask(queue.MoveOptions[string]{})
			return err
		}},
		{"CancelMoveTask", func(q *queue.Queue[string], _ queue.ReceiptHandle) error {
			_, err := q.CancelMoveTask("x")
			return err
		}},
	}
	for _, tt := range ops {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := newQueue(t, queue.Config[string]{})
			mustSend(t, q, "a")
			h := receiveOne(t, q).ReceiptHandle
			q.Close()
			err := tt.op(q, h)
			wantErr(t, err, queue.ErrQueueDoesNotExist, "The specified queue does not exist.")
			wantStatus(t, err, 400)
		})
	}
}

func TestCloseWakesLongPoll(t *testing.T) {
	t.Run("manual clock", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(20 * time.Second)})
		waitForTimers(t, clk, 1)
		q.Close()
		r := awaitResult(t, ch)
		wantErr(t, r.err, queue.ErrQueueDoesNotExist, "")
		if len(r.msgs) != 0 {
			t.Fatalf("got %d messages from a closed queue", len(r.msgs))
		}
		if n := clk.Pending(); n != 0 {
			t.Fatalf("%d timers pending after Close", n)
		}
		if !clk.Now().Equal(epoch) {
			t.Fatalf("clock moved to %v", clk.Now())
		}
	})
	t.Run("lanes, waiting for an in-flight message", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{}, queue.WithLanes(3))
		mustSend(t, q, "a")
		receiveOne(t, q) // in flight: the wake timer is armed while a receive waits
		ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(20 * time.Second)})
		waitForTimers(t, clk, 2)
		q.Close()
		wantErr(t, awaitResult(t, ch).err, queue.ErrQueueDoesNotExist, "")
		if n := clk.Pending(); n != 0 {
			t.Fatalf("%d timers pending after Close", n)
		}
	})
	t.Run("synctest: nothing left running", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q, err := queue.New(queue.Config[string]{Name: "q"})
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := q.Receive(context.Background(), queue.ReceiveOptions{WaitTime: dur(20 * time.Second)})
				done <- err
			}()
			synctest.Wait()
			start := time.Now()
			q.Close()
			wantErr(t, <-done, queue.ErrQueueDoesNotExist, "")
			if d := time.Since(start); d != 0 {
				t.Fatalf("the receive took %v of virtual time after Close", d)
			}
		})
	})
}

func TestCloseStopsMoveTaskAndLeavesDeadLetterQueue(t *testing.T) {
	clk := newClock()
	dlq := newQueueOn(t, clk, queue.Config[string]{Name: "dlq"})
	src := newQueueOn(t, clk, queue.Config[string]{Name: "src", RedrivePolicy: &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: 1}})
	other := newQueueOn(t, clk, queue.Config[string]{Name: "other"})
	for range 3 {
		mustSendInput(t, dlq, queue.SendInput[string]{Body: "m"})
	}
	if _, err := dlq.StartMoveTask(queue.MoveOptions[string]{Destination: other, MaxMessagesPerSecond: 1}); err != nil {
		t.Fatal(err)
	}
	dlq.Close()
	if n := clk.Pending(); n != 0 {
		t.Fatalf("%d timers pending after Close", n)
	}
	if tasks := dlq.MoveTasks(); len(tasks) != 1 || tasks[0].Status != queue.MoveCancelled {
		t.Fatalf("MoveTasks = %+v, want one cancelled task", tasks)
	}
	dlq.Close() // idempotent
	// The source's dead letters now go nowhere, and the closed queue
	// keeps nothing.
	mustSend(t, src, "x")
	receiveOne(t, src)
	clk.Advance(time.Minute)
	receiveN(t, src, 1, 0)
	if c := src.Counts(); c != (queue.Counts{}) {
		t.Fatalf("source counts %+v after its dead letter was dropped", c)
	}

	// A closed source leaves its dead-letter queue's list of sources.
	dlq2 := newQueueOn(t, clk, queue.Config[string]{Name: "dlq2"})
	src2 := newQueueOn(t, clk, queue.Config[string]{Name: "src2", RedrivePolicy: &queue.RedrivePolicy[string]{DeadLetterQueue: dlq2, MaxReceiveCount: 1}})
	if n := len(dlq2.DeadLetterSourceQueues()); n != 1 {
		t.Fatalf("%d sources before Close", n)
	}
	src2.Close()
	if n := len(dlq2.DeadLetterSourceQueues()); n != 0 {
		t.Fatalf("%d sources after the source was closed", n)
	}
	_, err := dlq2.StartMoveTask(queue.MoveOptions[string]{})
	wantErr(t, err, queue.ErrInvalidParameterValue, "Source queue must be configured as a Dead Letter Queue.")
}
