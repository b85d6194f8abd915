package topic_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

var errDown = errors.New("endpoint down")

// attempt is one call of a test handler.
type attempt struct {
	n   topic.Notification[string]
	at  time.Time
	err error
}

// flaky returns a handler that fails while fail says so, reporting each
// call on the returned channel.
func flaky(clk clock.Clock, fail func(topic.Notification[string]) bool) (topic.Handler[string], <-chan attempt) {
	calls := make(chan attempt, 1024)
	h := topic.HandlerFunc[string](func(_ context.Context, n topic.Notification[string]) error {
		var err error
		if fail(n) {
			err = errDown
		}
		calls <- attempt{n: n, at: clk.Now(), err: err}
		return err
	})
	return h, calls
}

func TestHandlerDelivery(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "t.fifo", FIFO: true, ContentBasedDeduplication: true}, topic.WithClock(clk))
	h, calls := flaky(clk, func(topic.Notification[string]) bool { return false })
	s, err := tp.SubscribeHandler(h, topic.SubscriptionConfig{})
	if err != nil {
		t.Fatal(err)
	}
	res := publish(t, tp, topic.PublishInput[string]{Message: "m", Subject: "s", GroupID: "g", Attributes: map[string]topic.Attribute{"a": str("b")}})
	got := recv(t, calls).n
	want := topic.Notification[string]{
		MessageID: res.MessageID, TopicARN: tp.ARN(), SubscriptionARN: s.ARN(), Subject: "s", Message: "m",
		Timestamp: start, GroupID: "g", SequenceNumber: res.SequenceNumber, Attempt: 1,
	}
	if got.Attributes["a"].StringValue != "b" {
		t.Errorf("attributes = %v", got.Attributes)
	}
	got.Attributes = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("notification = %+v\nwant %+v", got, want)
	}
}

// A failing delivery is retried on SNS's schedule: 3 times at once, twice
// after 1 s, then with backoff from 1 s; it waits on the clock only.
func TestRetrySchedule(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "t"}, topic.WithClock(clk))
	h, calls := flaky(clk, func(n topic.Notification[string]) bool { return n.Attempt <= 8 })
	s, err := tp.SubscribeHandler(h, topic.SubscriptionConfig{})
	if err != nil {
		t.Fatal(err)
	}
	publish(t, tp, topic.PublishInput[string]{Message: "m"})
	delays := retryDelays()
	var offsets []time.Duration
	for i := 1; i <= 9; i++ {
		if i > 4 { // the first attempt and 3 immediate retries need no timer
			waitTimers(t, clk, 1)
			clk.Advance(delays[i-5])
		}
		a := recv(t, calls)
		if a.n.Attempt != i {
			t.Fatalf("attempt %d numbered %d", i, a.n.Attempt)
		}
		offsets = append(offsets, a.at.Sub(start))
	}
	want := []time.Duration{0, 0, 0, 0, 1 * time.Second, 2 * time.Second, 3 * time.Second, 4395 * time.Millisecond, 6345 * time.Millisecond}
	if !equalDurations(offsets, want) {
		t.Errorf("attempts at %v, want %v", offsets, want)
	}
	if st := s.Stats(); st != (topic.Stats{Delivered: 1, Failures: 8}) {
		t.Errorf("stats = %+v", st)
	}
	if clk.Pending() != 0 {
		t.Errorf("%d timers left after delivery", clk.Pending())
	}
}

// retryDelays lists the waits of SNS's retry policy after the immediate
// retries: 2 × 1 s, 10 × 1 s·20^(i/9), 100,000 × 20 s.
func retryDelays() []time.Duration {
	d := []time.Duration{time.Second, time.Second}
	for _, ms := range []int{1000, 1395, 1950, 2714, 3787, 5282, 7369, 10281, 14343, 20000} {
		d = append(d, time.Duration(ms)*time.Millisecond)
	}
	for range 100_000 {
		d = append(d, 20*time.Second)
	}
	return d
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A delivery that never succeeds is attempted 1 + 100,015 times over
// about 23 days of virtual time and then goes to the dead-letter queue,
// in the envelope, with its attributes.
func TestRetriesExhaustedToDeadLetterQueue(t *testing.T) {
	if testing.Short() {
		t.Skip("100,016 attempts")
	}
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "t"}, topic.WithClock(clk))
	dlq := newQueue(t, queue.Config[string]{Name: "dlq"})
	attempts := 0
	done := make(chan struct{}, 1)
	h := topic.HandlerFunc[string](func(context.Context, topic.Notification[string]) error {
		attempts++ // one delivery at a time: no race
		done <- struct{}{}
		return errDown
	})
	s, err := tp.SubscribeHandler(h, topic.SubscriptionConfig{DeadLetterQueue: dlq})
	if err != nil {
		t.Fatal(err)
	}
	res := publish(t, tp, topic.PublishInput[string]{Message: "m", Attributes: map[string]topic.Attribute{"a": str("b")}})
	for range 4 {
		recv(t, done)
	}
	var total time.Duration
	for _, d := range retryDelays() {
		waitTimers(t, clk, 1)
		clk.Advance(d)
		total += d
		recv(t, done)
	}
	if attempts != 1+topic.MaxRetries || total < 23*24*time.Hour {
		t.Fatalf("%d attempts over %v", attempts, total)
	}
	// The last failure dead-letters in the worker after the handler
	// returns; Close waits for that.
	if err := tp.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	dead := drain(t, dlq)
	if len(dead) != 1 || !strings.Contains(dead[0].Body, `"MessageId" : "`+res.MessageID+`"`) || dead[0].Attributes["a"].StringValue != "b" {
		t.Fatalf("dead letters %q %v", bodies(dead), dead)
	}
	if st := s.Stats(); st != (topic.Stats{Failures: 1 + topic.MaxRetries, DeadLettered: 1}) {
		t.Errorf("stats = %+v", st)
	}
}

// A queue that rejects the message (here: longer than its maximum) is a
// client-side error: no retry, straight to the dead-letter queue.
func TestQueueRejectionIsNotRetried(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "t"}, topic.WithClock(clk))
	small := newQueue(t, queue.Config[string]{Name: "small", MaxMessageSize: 1024})
	dlq := newQueue(t, queue.Config[string]{Name: "dlq"})
	s := subscribe(t, tp, small, topic.SubscriptionConfig{RawMessageDelivery: true, DeadLetterQueue: dlq})
	publish(t, tp, topic.PublishInput[string]{Message: strings.Repeat("x", 2000)})
	if clk.Pending() != 0 || len(drain(t, small)) != 0 {
		t.Fatal("a rejected message was retried or delivered")
	}
	if dead := drain(t, dlq); len(dead) != 1 || len(dead[0].Body) != 2000 {
		t.Fatalf("dead letters: %d", len(dead))
	}
	if st := s.Stats(); st != (topic.Stats{Failures: 1, DeadLettered: 1}) {
		t.Errorf("stats = %+v", st)
	}
	// A dead-letter queue that refuses the message too: dropped, and
	// counted.
	tiny := newQueue(t, queue.Config[string]{Name: "tiny", MaxMessageSize: 1024})
	if err := s.SetDeadLetterQueue(tiny); err != nil {
		t.Fatal(err)
	}
	publish(t, tp, topic.PublishInput[string]{Message: strings.Repeat("x", 2000)})
	if st := s.Stats(); st.Dropped != 1 || st.DeadLettered != 1 {
		t.Errorf("stats = %+v", st)
	}
	// Without a dead-letter queue the message is dropped, and counted.
	if err := s.SetDeadLetterQueue(nil); err != nil {
		t.Fatal(err)
	}
	publish(t, tp, topic.PublishInput[string]{Message: strings.Repeat("x", 2000)})
	if st := s.Stats(); st.Dropped != 2 {
		t.Errorf("stats = %+v", st)
	}
}

// A handler subscription runs up to Concurrency calls at once; on a FIFO
// topic, calls of one group never overlap, while different groups do.
func TestHandlerConcurrency(t *testing.T) {
	t.Parallel()
	for _, fifo := range []bool{false, true} {
		t.Run(fmt.Sprint("fifo=", fifo), func(t *testing.T) {
			t.Parallel()
			cfg := topic.Config{Name: "t"}
			if fifo {
				cfg = topic.Config{Name: "t.fifo", FIFO: true, ContentBasedDeduplication: true}
			}
			tp := newTopic[string](t, cfg)
			const limit = 3
			var mu sync.Mutex
			running, peak := 0, 0
			inGroup := map[string]int{}
			arrived := make(chan struct{}, 64)
			release := make(chan struct{})
			h := topic.HandlerFunc[string](func(_ context.Context, n topic.Notification[string]) error {
				mu.Lock()
				running++
				peak = max(peak, running)
				inGroup[n.GroupID]++
				overlap := inGroup[n.GroupID] > 1
				mu.Unlock()
				if fifo && overlap {
					t.Errorf("two calls of group %s at once", n.GroupID)
				}
				arrived <- struct{}{}
				<-release
				mu.Lock()
				running--
				inGroup[n.GroupID]--
				mu.Unlock()
				return nil
			})
			s, err := tp.SubscribeHandler(h, topic.SubscriptionConfig{Concurrency: limit})
			if err != nil {
				t.Fatal(err)
			}
			// Two messages in each of 4 groups: a FIFO topic can run one
			// per group, so the limit, 3, is what holds the fourth back.
			for i := range 8 {
				publish(t, tp, topic.PublishInput[string]{Message: fmt.Sprint(i), GroupID: fmt.Sprint("g", i%4)})
			}
			for range limit {
				<-arrived
			}
			mu.Lock()
			if running != limit {
				t.Errorf("%d calls running, want %d", running, limit)
			}
			mu.Unlock()
			close(release)
			for range 8 - limit {
				<-arrived
			}
			if err := tp.Close(t.Context()); err != nil {
				t.Fatal(err)
			}
			if st := s.Stats(); st.Delivered != 8 || peak != limit {
				t.Errorf("stats = %+v, peak = %d; want 8 delivered, at most %d at once", st, peak, limit)
			}
		})
	}
}

// Publish never waits for a handler, and a failing message does not hold
// back other messages on a standard topic.
func TestSlowAndFailingHandlers(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "t"}, topic.WithClock(clk))
	release := make(chan struct{})
	started := make(chan string, 10)
	slow := topic.HandlerFunc[string](func(_ context.Context, n topic.Notification[string]) error {
		started <- n.Message
		<-release
		return nil
	})
	if _, err := tp.SubscribeHandler(slow, topic.SubscriptionConfig{}); err != nil {
		t.Fatal(err)
	}
	h, calls := flaky(clk, func(n topic.Notification[string]) bool { return n.Message == "bad" && n.Attempt < 5 })
	if _, err := tp.SubscribeHandler(h, topic.SubscriptionConfig{}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"bad", "good-1", "good-2"} {
		publish(t, tp, topic.PublishInput[string]{Message: m}) // returns though the slow handler is stuck
	}
	if m := recv(t, started); m != "bad" {
		t.Errorf("slow handler started with %q", m)
	}
	var delivered []string
	for len(delivered) < 3 {
		a := recv(t, calls)
		if a.err == nil {
			delivered = append(delivered, a.n.Message)
		}
		if a.n.Message == "bad" && a.n.Attempt == 4 {
			waitTimers(t, clk, 1)
			clk.Advance(time.Second)
		}
	}
	if strings.Join(delivered, " ") != "good-1 good-2 bad" {
		t.Errorf("delivered %v: the retried message held others back", delivered)
	}
	close(release)
	recv(t, started)
	recv(t, started)
}

// On a FIFO topic a message being retried holds back its group, and only
// its group; the group's order is kept.
func TestFIFOGroupWaitsForRetry(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	tp := newTopic[string](t, topic.Config{Name: "t.fifo", FIFO: true, ContentBasedDeduplication: true}, topic.WithClock(clk))
	h, calls := flaky(clk, func(n topic.Notification[string]) bool { return n.Message == "g1-a" && n.Attempt <= 4 })
	if _, err := tp.SubscribeHandler(h, topic.SubscriptionConfig{Concurrency: 4}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"g1-a", "g1-b", "g2-a", "g2-b"} {
		publish(t, tp, topic.PublishInput[string]{Message: m, GroupID: m[:2]})
	}
	var order []string
	for len(order) < 4 {
		a := recv(t, calls)
		if a.err == nil {
			order = append(order, a.n.Message)
		} else if a.n.Attempt == 4 {
			if len(order) != 2 {
				// g2 may still be running; the retry waits on the clock.
				for len(order) < 2 {
					if b := recv(t, calls); b.err == nil {
						order = append(order, b.n.Message)
					}
				}
			}
			if strings.Join(order, " ") != "g2-a g2-b" {
				t.Fatalf("before the retry: %v", order)
			}
			waitTimers(t, clk, 1)
			clk.Advance(time.Second)
		}
	}
	if strings.Join(order[2:], " ") != "g1-a g1-b" {
		t.Errorf("delivered %v", order)
	}
}

// Close lets what was published before it reach its handlers, drops only
// what waits for a retry, and leaves no goroutine or timer behind.
func TestCloseDeliversWhatWasPublished(t *testing.T) {
	// Not parallel: the leak check looks at every goroutine.
	clk := clock.NewManual(start)
	tp, err := topic.New[string](topic.Config{Name: "t"}, topic.WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	var handled atomic.Int64
	h := topic.HandlerFunc[string](func(ctx context.Context, n topic.Notification[string]) error {
		if n.Message == "fail" {
			return errDown
		}
		<-release
		handled.Add(1)
		return nil
	})
	s, err := tp.SubscribeHandler(h, topic.SubscriptionConfig{Concurrency: 2})
	if err != nil {
		t.Fatal(err)
	}
	publish(t, tp, topic.PublishInput[string]{Message: "fail"})
	waitTimers(t, clk, 1) // "fail" waits for its retry
	for i := range 100 {
		publish(t, tp, topic.PublishInput[string]{Message: fmt.Sprint(i)})
	}
	closed := make(chan error)
	go func() { closed <- tp.Close(context.Background()) }()
	for len(tp.Subscriptions()) > 0 { // until Close has begun
		runtime.Gosched()
	}
	close(release)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	if handled.Load() != 100 {
		t.Errorf("%d messages handled, want the 100 published before Close", handled.Load())
	}
	if st := s.Stats(); st.Delivered != 100 || st.Dropped != 1 {
		t.Errorf("stats = %+v, want 100 delivered and the retry dropped", st)
	}
	if clk.Pending() != 0 {
		t.Errorf("%d timers left", clk.Pending())
	}
	if _, err := tp.Publish(topic.PublishInput[string]{Message: "late"}); !errors.Is(err, topic.ErrNotFound) {
		t.Errorf("publish after Close: %v, want NotFound", err)
	}
	checkNoWorkers(t)
}

// A Close whose context ends stops waiting, cancels the handlers' context
// so that they can return, and a later Close finds them finished.
func TestCloseGivesUpWhenItsContextEnds(t *testing.T) {
	// Not parallel: the leak check looks at every goroutine.
	tp, err := topic.New[string](topic.Config{Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	h := topic.HandlerFunc[string](func(ctx context.Context, n topic.Notification[string]) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	s, err := tp.SubscribeHandler(h, topic.SubscriptionConfig{})
	if err != nil {
		t.Fatal(err)
	}
	publish(t, tp, topic.PublishInput[string]{Message: "m"})
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := tp.Close(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Close with an ended context = %v, want context.Canceled", err)
	}
	if err := tp.Close(context.Background()); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if st := s.Stats(); st.Failures != 1 || st.Dropped != 1 {
		t.Errorf("stats = %+v, want the cancelled call failed and its retry dropped", st)
	}
	checkNoWorkers(t)
}

// checkNoWorkers fails if a goroutine of the package is still running. A
// goroutine that has signalled its end may take a moment to go, so it
// yields a few times before it looks for good.
func checkNoWorkers(t *testing.T) {
	t.Helper()
	buf := make([]byte, 1<<20)
	for range 1000 {
		n := runtime.Stack(buf, true)
		if !strings.Contains(string(buf[:n]), "switchyard/topic.(*") {
			return
		}
		runtime.Gosched()
	}
	n := runtime.Stack(buf, true)
	t.Fatalf("goroutines left:\n%s", buf[:n])
}

// With MessageStructure "json" a handler gets the "lambda" entry decoded
// as a T; an entry that does not decode is a client-side error, and the
// dead-letter queue gets the envelope of what the handler was given.
func TestHandlerMessageStructure(t *testing.T) {
	t.Parallel()
	tp := newTopic[map[string]string](t, topic.Config{Name: "t"})
	dlq := newQueue(t, queue.Config[string]{Name: "dlq"})
	got := make(chan map[string]string, 2)
	s, err := tp.SubscribeHandler(topic.HandlerFunc[map[string]string](func(_ context.Context, n topic.Notification[map[string]string]) error {
		got <- n.Message
		return nil
	}), topic.SubscriptionConfig{DeadLetterQueue: dlq})
	if err != nil {
		t.Fatal(err)
	}
	publish(t, tp, topic.PublishInput[map[string]string]{Message: map[string]string{"default": "d", "lambda": "not json"}, MessageStructure: "json"})
	publish(t, tp, topic.PublishInput[map[string]string]{Message: map[string]string{"default": "d", "lambda": `{"k":"v"}`}, MessageStructure: "json"})
	if m := recv(t, got); m["k"] != "v" || len(m) != 1 {
		t.Errorf("handler got %v", m)
	}
	if err := tp.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	dead := drain(t, dlq)
	var env struct{ Type, Message string }
	if len(dead) != 1 || json.Unmarshal([]byte(dead[0].Body), &env) != nil || env.Type != "Notification" || env.Message != "not json" {
		t.Fatalf("dead letters %q", bodies(dead))
	}
	if st := s.Stats(); st != (topic.Stats{Delivered: 1, Failures: 1, DeadLettered: 1}) {
		t.Errorf("stats = %+v", st)
	}
}
