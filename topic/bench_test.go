package topic_test

import (
	"fmt"
	"testing"

	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// benchBody is an order event of a typical size.
const benchBody = `{"order":"o-0001","customer":"c-42","status":"placed","total":129.90,"items":3}`

// BenchmarkFanOut publishes one message to 10 unfiltered queue
// subscriptions; the baseline sends the same body to one queue in the same
// run. Neither drains its queues, so both pay for queues that grow alike.
func BenchmarkFanOut(b *testing.B) {
	const fanOut = 10
	attrs := map[string]topic.Attribute{"status": str("placed")}
	b.Run("baseline=queue.Send", func(b *testing.B) {
		q := newQueue(b, queue.Config[string]{Name: "q"})
		b.ReportAllocs()
		for b.Loop() {
			if _, err := q.Send(queue.SendInput[string]{Body: benchBody, Attributes: attrs}); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, raw := range []bool{false, true} {
		b.Run(fmt.Sprintf("topic=%d-queues/raw=%v", fanOut, raw), func(b *testing.B) {
			tp := newTopic[string](b, topic.Config{Name: "t"})
			for i := range fanOut {
				subscribe(b, tp, newQueue(b, queue.Config[string]{Name: fmt.Sprint("q", i)}), topic.SubscriptionConfig{RawMessageDelivery: raw})
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tp.Publish(topic.PublishInput[string]{Message: benchBody, Attributes: attrs}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
