package eventbus_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/queue"
)

// start is when every test clock starts.
var start = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// newBus makes a bus closed when the test ends, with a seed so that event
// ids repeat.
func newBus(t testing.TB, cfg eventbus.Config, opts ...eventbus.Option) *eventbus.Bus {
	t.Helper()
	b, err := eventbus.New(cfg, append([]eventbus.Option{eventbus.WithSeed(1)}, opts...)...)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	t.Cleanup(func() {
		if err := b.Close(context.Background()); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return b
}

// recorder is a Func destination that keeps what it receives; fail, when
// set, decides each delivery's error.
type recorder struct {
	mu    sync.Mutex
	got   []eventbus.Delivery
	calls int
	fail  func(d eventbus.Delivery) error
}

func (r *recorder) dest() eventbus.Func {
	return func(_ context.Context, d eventbus.Delivery) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.calls++
		if r.fail != nil {
			if err := r.fail(d); err != nil {
				return err
			}
		}
		r.got = append(r.got, d)
		return nil
	}
}

// inputs returns the inputs received, in order.
func (r *recorder) inputs() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.got))
	for i, d := range r.got {
		out[i] = string(d.Input)
	}
	return out
}

func (r *recorder) deliveries() []eventbus.Delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]eventbus.Delivery(nil), r.got...)
}

func (r *recorder) callCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls
}

func putRule(t testing.TB, b *eventbus.Bus, cfg eventbus.RuleConfig, targets ...eventbus.Target) string {
	t.Helper()
	arn, err := b.PutRule(cfg)
	if err != nil {
		t.Fatalf("PutRule(%+v): %v", cfg, err)
	}
	if len(targets) > 0 {
		if err := b.PutTargets(cfg.Name, targets...); err != nil {
			t.Fatalf("PutTargets: %v", err)
		}
	}
	return arn
}

func put(t testing.TB, b *eventbus.Bus, entries ...eventbus.Entry) eventbus.PutEventsResult {
	t.Helper()
	res, err := b.PutEvents(entries...)
	if err != nil {
		t.Fatalf("PutEvents: %v", err)
	}
	return res
}

func flush(t testing.TB, b *eventbus.Bus) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	if err := b.Flush(ctx); err != nil {
		t.Fatalf("Flush: %v", err)
	}
}

// order is an entry for an orders event with the given detail.
func order(detail string) eventbus.Entry {
	return eventbus.Entry{Source: "com.example.orders", DetailType: "Order Placed", Detail: detail}
}

// wantCode fails unless err is an *eventbus.Error matching sentinel whose
// message contains msg.
func wantCode(t testing.TB, err error, sentinel *eventbus.Error, msg string) {
	t.Helper()
	var e *eventbus.Error
	if !errors.Is(err, sentinel) || !errors.As(err, &e) {
		t.Fatalf("err = %v, want %s", err, sentinel.Code)
	}
	if !strings.Contains(e.Message, msg) {
		t.Fatalf("message = %q, want it to contain %q", e.Message, msg)
	}
}

// decode decodes JSON into a map.
func decode(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("decode %q: %v", s, err)
	}
	return m
}

func newQueue(t testing.TB, cfg queue.Config[string], opts ...queue.Option) *queue.Queue[string] {
	t.Helper()
	q, err := queue.New(cfg, opts...)
	if err != nil {
		t.Fatalf("queue.New: %v", err)
	}
	return q
}

// drain receives every visible message of q, with its attributes.
func drain(t testing.TB, q *queue.Queue[string]) []queue.Message[string] {
	t.Helper()
	var out []queue.Message[string]
	for {
		msgs, err := q.Receive(context.Background(), queue.ReceiveOptions{MaxMessages: 10, AttributeNames: []string{"All"}, WaitTime: new(time.Duration)})
		if err != nil {
			t.Fatalf("Receive: %v", err)
		}
		if len(msgs) == 0 {
			return out
		}
		out = append(out, msgs...)
	}
}
