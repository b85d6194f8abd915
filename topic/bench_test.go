package topic_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// benchBody is an order event of a typical size.
const benchBody = `{"order":"o-0001","customer":"c-42","status":"placed","total":129.90,"items":3}`

// backlog is how many messages a benchmark's queues hold at most: each is
// purged once every backlog sends, so that the benchmarks measure sending
// rather than the page faults of a heap that grows without end. Queues are
// purged in turn, not together, so that the heap stays the same size.
const backlog = 1024

// purger empties its queues in turn, moving their clock past SQS's one
// purge a minute.
type purger struct {
	clk    *clock.Manual
	queues []*queue.Queue[string]
	n      int
}

func (p *purger) newQueue(b *testing.B, name string) *queue.Queue[string] {
	q := newQueue(b, queue.Config[string]{Name: name}, queue.WithClock(p.clk))
	p.queues = append(p.queues, q)
	return q
}

// tick counts one send to every queue, and purges the next queue when its
// turn comes.
func (p *purger) tick(b *testing.B) {
	p.n++
	every := backlog / len(p.queues)
	if p.n%every != 0 {
		return
	}
	p.clk.Advance(queue.PurgeInterval + time.Second)
	if err := p.queues[p.n/every%len(p.queues)].Purge(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFanOut publishes one message to 10 unfiltered queue
// subscriptions, beside baselines that send to one queue in the same run:
// the message itself, which is what each queue receives with raw
// delivery, and the SNS envelope of it (about ten times its size), which
// is what each receives without.
func BenchmarkFanOut(b *testing.B) {
	const fanOut = 10
	attrs := map[string]topic.Attribute{"status": str("placed")}
	envelope := envelopeOf(b, benchBody, attrs)
	for _, base := range []struct{ name, body string }{{"message", benchBody}, {"envelope", envelope}} {
		b.Run("baseline=queue.Send/body="+base.name, func(b *testing.B) {
			p := &purger{clk: clock.NewManual(start)}
			q := p.newQueue(b, "q")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := q.Send(queue.SendInput[string]{Body: base.body, Attributes: attrs}); err != nil {
					b.Fatal(err)
				}
				p.tick(b)
			}
		})
	}
	for _, raw := range []bool{true, false} {
		b.Run(fmt.Sprintf("topic=%d-queues/raw=%v", fanOut, raw), func(b *testing.B) {
			p := &purger{clk: clock.NewManual(start)}
			tp := newTopic[string](b, topic.Config{Name: "t"}, topic.WithClock(p.clk))
			for i := range fanOut {
				subscribe(b, tp, p.newQueue(b, fmt.Sprint("q", i)), topic.SubscriptionConfig{RawMessageDelivery: raw})
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tp.Publish(topic.PublishInput[string]{Message: benchBody, Attributes: attrs}); err != nil {
					b.Fatal(err)
				}
				p.tick(b)
			}
		})
	}
}

// envelopeOf returns the envelope a queue receives for message.
func envelopeOf(b *testing.B, message string, attrs map[string]topic.Attribute) string {
	tp := newTopic[string](b, topic.Config{Name: "t"}, topic.WithClock(clock.NewManual(start)))
	q := newQueue(b, queue.Config[string]{Name: "envelope"})
	subscribe(b, tp, q, topic.SubscriptionConfig{})
	publish(b, tp, topic.PublishInput[string]{Message: message, Attributes: attrs})
	return drain(b, q)[0].Body
}
