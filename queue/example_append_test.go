package queue_test

import (
	"context"
	"fmt"
	"strconv"

	"github.com/switchyard/switchyard/queue"
)

// A worker loop that keeps its slices from one batch to the next: each
// receive appends to buf[:0], so once the slices have grown the loop makes
// no garbage.
func ExampleQueue_AppendReceive() {
	ctx := context.Background()
	q, err := queue.New(queue.Config[string]{Name: "thumbnails"})
	if err != nil {
		panic(err)
	}
	var entries []queue.SendBatchEntry[string]
	for i, body := range []string{"img-1", "img-2", "img-3", "img-4", "img-5"} {
		entries = append(entries, queue.SendBatchEntry[string]{ID: strconv.Itoa(i), SendInput: queue.SendInput[string]{Body: body}})
	}
	var results []queue.SendBatchResult
	if results, err = q.AppendSendBatch(results[:0], entries); err != nil {
		panic(err)
	}
	for _, r := range results {
		if r.Err != nil {
			panic(r.Err)
		}
	}

	var (
		buf     []queue.Message[string]
		deletes []queue.BatchEntry
	)
	poll := queue.ReceiveOptions{MaxMessages: 2, WaitTime: queue.Seconds(0)}
	for round := 1; ; round++ {
		if buf, err = q.AppendReceive(ctx, buf[:0], poll); err != nil {
			panic(err)
		}
		if len(buf) == 0 {
			break
		}
		deletes = deletes[:0]
		fmt.Printf("round %d:", round)
		for i, m := range buf {
			fmt.Printf(" %s", m.Body)
			deletes = append(deletes, queue.BatchEntry{ID: strconv.Itoa(i), ReceiptHandle: m.ReceiptHandle})
		}
		fmt.Println()
		if failed, err := q.DeleteBatch(deletes); err != nil || len(failed) > 0 {
			panic(fmt.Sprint(failed, err))
		}
	}
	fmt.Printf("%+v\n", q.Counts())
	// Output:
	// round 1: img-1 img-2
	// round 2: img-3 img-4
	// round 3: img-5
	// {Available:0 InFlight:0 Delayed:0}
}
