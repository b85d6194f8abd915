package queue_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// Send a message, receive it, and delete it once it is handled.
func Example() {
	ctx := context.Background()
	q, err := queue.New(queue.Config[string]{Name: "jobs"})
	if err != nil {
		panic(err)
	}
	if _, err := q.Send(queue.SendInput[string]{
		Body:       "transcode v-42",
		Attributes: map[string]queue.Attribute{"rendition": {DataType: "String", StringValue: "720p"}},
	}); err != nil {
		panic(err)
	}
	msgs, err := q.Receive(ctx, queue.ReceiveOptions{
		MaxMessages:          10,
		WaitTime:             queue.Seconds(20), // returns as soon as a message is there
		AttributeNames:       []string{"All"},
		SystemAttributeNames: []string{"ApproximateReceiveCount"},
	})
	if err != nil {
		panic(err)
	}
	for _, m := range msgs {
		fmt.Println(m.Body, m.Attributes["rendition"].StringValue, m.System.ApproximateReceiveCount)
		if err := q.Delete(m.ReceiptHandle); err != nil {
			panic(err)
		}
	}
	fmt.Printf("%+v\n", q.Counts())
	// Output:
	// transcode v-42 720p 1
	// {Available:0 InFlight:0 Delayed:0}
}

// A FIFO queue hands out a group's messages in order, and holds the rest
// of a group back while any of its messages is in flight.
func Example_fifoGroups() {
	ctx := context.Background()
	q, err := queue.New(queue.Config[string]{Name: "orders.fifo", FIFO: true, ContentBasedDeduplication: true})
	if err != nil {
		panic(err)
	}
	for _, m := range []struct{ group, body string }{
		{"order-1", "placed"}, {"order-2", "placed"}, {"order-1", "paid"}, {"order-1", "shipped"},
	} {
		if _, err := q.Send(queue.SendInput[string]{GroupID: m.group, Body: m.group + " " + m.body}); err != nil {
			panic(err)
		}
	}
	// A resend within 5 minutes is a duplicate: accepted, not stored.
	if _, err := q.Send(queue.SendInput[string]{GroupID: "order-2", Body: "order-2 placed"}); err != nil {
		panic(err)
	}
	first, _ := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 2})
	second, _ := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 10})
	blocked, _ := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 10})
	for _, m := range first {
		fmt.Println("first: ", m.Body)
	}
	for _, m := range second {
		fmt.Println("second:", m.Body)
	}
	fmt.Println("third: ", len(blocked), "messages: every group has one in flight")
	// Output:
	// first:  order-1 placed
	// first:  order-1 paid
	// second: order-2 placed
	// third:  0 messages: every group has one in flight
}

// A message that keeps failing moves to the dead-letter queue when a
// receive would pass maxReceiveCount; a move task sends it back once the
// cause is fixed. A manual clock stands in for the passing of time.
func Example_deadLetterRedrive() {
	ctx := context.Background()
	clk := clock.NewManual(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	dlq, err := queue.New(queue.Config[string]{Name: "renders-dlq"}, queue.WithClock(clk))
	if err != nil {
		panic(err)
	}
	q, err := queue.New(queue.Config[string]{
		Name:              "renders",
		VisibilityTimeout: queue.Seconds(30),
		RedrivePolicy:     &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: 2},
	}, queue.WithClock(clk))
	if err != nil {
		panic(err)
	}
	if _, err := q.Send(queue.SendInput[string]{Body: "render v-7"}); err != nil {
		panic(err)
	}
	for attempt := 1; attempt <= 3; attempt++ {
		msgs, _ := q.Receive(ctx, queue.ReceiveOptions{})
		fmt.Printf("attempt %d: %d message(s)\n", attempt, len(msgs))
		clk.Advance(30 * time.Second) // the handler failed; the message comes back
	}
	dead, _ := dlq.Receive(ctx, queue.ReceiveOptions{SystemAttributeNames: []string{"DeadLetterQueueSourceArn"}, VisibilityTimeout: queue.Seconds(0)})
	fmt.Println("dead letter:", dead[0].Body, "from", dead[0].System.DeadLetterQueueSourceARN)

	if _, err := dlq.StartMoveTask(queue.MoveOptions[string]{}); err != nil {
		panic(err)
	}
	clk.Advance(0) // the task runs on the queue's clock
	task := dlq.MoveTasks()[0]
	fmt.Println("move task:", task.Status, task.Moved, "moved")
	back, _ := q.Receive(ctx, queue.ReceiveOptions{SystemAttributeNames: []string{"ApproximateReceiveCount"}})
	fmt.Println("back in", q.Name()+":", back[0].Body, "receive count", back[0].System.ApproximateReceiveCount)
	// Output:
	// attempt 1: 1 message(s)
	// attempt 2: 1 message(s)
	// attempt 3: 0 message(s)
	// dead letter: render v-7 from arn:aws:sqs:us-east-1:000000000000:renders
	// move task: COMPLETED 1 moved
	// back in renders: render v-7 receive count 1
}

// Consume runs a pool of workers; the handler reports which messages of a
// batch failed, and only those are received again.
func ExampleConsume() {
	q, err := queue.New(queue.Config[int]{Name: "numbers", VisibilityTimeout: queue.Seconds(1)})
	if err != nil {
		panic(err)
	}
	for i := 1; i <= 20; i++ {
		if _, err := q.Send(queue.SendInput[int]{Body: i}); err != nil {
			panic(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var sum, triesOf13 atomic.Int64
	err = queue.Consume(ctx, q, queue.ConsumerConfig{Workers: 4, BatchSize: 5, WaitTime: 100 * time.Millisecond},
		queue.HandlerFunc[int](func(ctx context.Context, batch []queue.Message[int]) error {
			var failed queue.BatchItemFailures
			for _, m := range batch {
				if m.Body == 13 && triesOf13.Add(1) == 1 {
					failed.MessageIDs = append(failed.MessageIDs, m.ID) // fails once
					continue
				}
				if sum.Add(int64(m.Body)) == 210 {
					cancel() // every message is done
				}
			}
			if len(failed.MessageIDs) > 0 {
				return &failed
			}
			return nil
		}))
	fmt.Println("err:", err)
	fmt.Println("sum:", sum.Load(), "tries of 13:", triesOf13.Load())
	fmt.Printf("%+v\n", q.Counts())
	// Output:
	// err: <nil>
	// sum: 210 tries of 13: 2
	// {Available:0 InFlight:0 Delayed:0}
}
