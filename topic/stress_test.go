package topic_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// Publishers, subscribers and unsubscribers at once: every stable
// subscriber gets every message exactly once, a subscriber that comes and
// goes gets no message twice and none once Unsubscribe has returned, and
// Close leaves no goroutine.
func TestConcurrentPublishAndSubscribe(t *testing.T) {
	// Not parallel: the leak check looks at every goroutine.
	const publishers, perPublisher = 8, 250
	const total = publishers * perPublisher
	tp, err := topic.New[string](topic.Config{Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	stable := newQueue(t, queue.Config[string]{Name: "stable"})
	subscribe(t, tp, stable, topic.SubscriptionConfig{RawMessageDelivery: true})
	filtered := newQueue(t, queue.Config[string]{Name: "filtered"})
	subscribe(t, tp, filtered, topic.SubscriptionConfig{RawMessageDelivery: true, FilterPolicy: `{"even":["yes"]}`})
	handled := make(chan string, total)
	if _, err := tp.SubscribeHandler(topic.HandlerFunc[string](func(_ context.Context, n topic.Notification[string]) error {
		handled <- n.Message
		return nil
	}), topic.SubscriptionConfig{Concurrency: 4}); err != nil {
		t.Fatal(err)
	}

	type churnedQueue struct {
		q     *queue.Queue[string]
		count int // messages held when Unsubscribe returned
	}
	var churned []churnedQueue
	stop := make(chan struct{})
	var churn sync.WaitGroup
	churn.Add(1)
	go func() {
		defer churn.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			q, _ := queue.New(queue.Config[string]{Name: fmt.Sprintf("churn-%d", i)})
			s, err := tp.SubscribeQueue(q, topic.SubscriptionConfig{RawMessageDelivery: true})
			if err != nil {
				t.Error(err)
				return
			}
			if err := s.SetFilterPolicy(`{"even":["no"]}`); err != nil {
				t.Error(err)
			}
			if err := s.Unsubscribe(); err != nil {
				t.Error(err)
			}
			churned = append(churned, churnedQueue{q, q.Counts().Available})
		}
	}()
	var pubs sync.WaitGroup
	for p := range publishers {
		pubs.Add(1)
		go func() {
			defer pubs.Done()
			for i := range perPublisher {
				even := "no"
				if i%2 == 0 {
					even = "yes"
				}
				_, err := tp.Publish(topic.PublishInput[string]{
					Message:    fmt.Sprintf("%d-%d", p, i),
					Attributes: map[string]topic.Attribute{"even": str(even)},
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	pubs.Wait()
	close(stop)
	churn.Wait()

	exactlyOnce := func(name string, got []string, want int) {
		seen := map[string]bool{}
		for _, b := range got {
			if seen[b] {
				t.Errorf("%s: %s delivered twice", name, b)
			}
			seen[b] = true
		}
		if len(seen) != want {
			t.Errorf("%s: %d distinct messages, want %d", name, len(seen), want)
		}
	}
	exactlyOnce("stable", bodies(drain(t, stable)), total)
	exactlyOnce("filtered", bodies(drain(t, filtered)), total/2)
	var got []string
	for range total {
		got = append(got, recv(t, handled))
	}
	exactlyOnce("handler", got, total)
	for _, c := range churned {
		msgs := bodies(drain(t, c.q))
		exactlyOnceOrLess(t, c.q.Name(), msgs)
		if len(msgs) != c.count {
			t.Errorf("%s: %d messages, %d of them after Unsubscribe returned", c.q.Name(), len(msgs), len(msgs)-c.count)
		}
	}
	if err := tp.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	checkNoWorkers(t)
}

func exactlyOnceOrLess(t *testing.T, name string, got []string) {
	seen := map[string]bool{}
	for _, b := range got {
		if seen[b] {
			t.Errorf("%s: %s delivered twice", name, b)
		}
		seen[b] = true
	}
}
