package topic_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// start is when every test clock starts: a time with milliseconds, to show
// how envelopes write them.
var start = time.Date(2025, 3, 4, 5, 6, 7, 890_000_000, time.UTC)

// newTopic makes a topic closed when the test ends.
func newTopic[T any](t testing.TB, cfg topic.Config, opts ...topic.Option) *topic.Topic[T] {
	t.Helper()
	tp, err := topic.New[T](cfg, opts...)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	t.Cleanup(func() {
		if err := tp.Close(context.Background()); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return tp
}

func newQueue(t testing.TB, cfg queue.Config[string], opts ...queue.Option) *queue.Queue[string] {
	t.Helper()
	q, err := queue.New(cfg, opts...)
	if err != nil {
		t.Fatalf("queue.New(%+v): %v", cfg, err)
	}
	return q
}

func subscribe[T any](t testing.TB, tp *topic.Topic[T], q *queue.Queue[string], cfg topic.SubscriptionConfig) *topic.Subscription[T] {
	t.Helper()
	s, err := tp.SubscribeQueue(q, cfg)
	if err != nil {
		t.Fatalf("SubscribeQueue: %v", err)
	}
	return s
}

func publish[T any](t testing.TB, tp *topic.Topic[T], in topic.PublishInput[T]) topic.PublishResult {
	t.Helper()
	res, err := tp.Publish(in)
	if err != nil {
		t.Fatalf("Publish: %v", err)
	}
	return res
}

// drain receives every available message of q, with all attributes.
func drain(t testing.TB, q *queue.Queue[string]) []queue.Message[string] {
	t.Helper()
	var all []queue.Message[string]
	for {
		msgs, err := q.Receive(context.Background(), queue.ReceiveOptions{
			MaxMessages:          10,
			WaitTime:             queue.Seconds(0),
			AttributeNames:       []string{"All"},
			SystemAttributeNames: []string{"All"},
		})
		if err != nil {
			t.Fatalf("Receive: %v", err)
		}
		if len(msgs) == 0 {
			return all
		}
		for _, m := range msgs {
			if err := q.Delete(m.ReceiptHandle); err != nil {
				t.Fatalf("Delete: %v", err)
			}
		}
		all = append(all, msgs...)
	}
}

func bodies(msgs []queue.Message[string]) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Body
	}
	return out
}

// waitTimers waits until clk has n timers pending, failing the test after
// a generous real-time limit rather than hanging.
func waitTimers(t testing.TB, clk *clock.Manual, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := clk.WaitForTimers(ctx, n); err != nil {
		t.Fatalf("waiting for %d timers (have %d): %v", n, clk.Pending(), err)
	}
}

// recv waits for a value on ch, failing the test after a generous limit.
func recv[V any](t testing.TB, ch <-chan V) V {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("timed out waiting for a delivery")
		panic("unreachable")
	}
}

func str(v string) topic.Attribute { return topic.Attribute{DataType: "String", StringValue: v} }
