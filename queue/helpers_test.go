package queue_test

// Shared test helpers for the queue package's black-box tests. Other test
// files rely on these names and signatures: keep them stable.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// epoch is the fixed time every test clock starts at.
var epoch = time.Date(2025, time.January, 2, 3, 4, 5, 0, time.UTC)

// newClock returns a manual clock showing epoch.
func newClock() *clock.Manual { return clock.NewManual(epoch) }

// newQueue makes a queue of string bodies from cfg on a fresh manual clock
// showing epoch. A cfg without a name is named "q" (or "q.fifo" for FIFO).
// It fails the test if New fails.
func newQueue(t testing.TB, cfg queue.Config[string], opts ...queue.Option) (*queue.Queue[string], *clock.Manual) {
	t.Helper()
	clk := newClock()
	return newQueueOn(t, clk, cfg, opts...), clk
}

// newQueueOn makes a queue of string bodies from cfg on clk (the clock is
// added after opts, so it wins). A cfg without a name is named "q" (or
// "q.fifo" for FIFO). It fails the test if New fails.
func newQueueOn(t testing.TB, clk clock.Clock, cfg queue.Config[string], opts ...queue.Option) *queue.Queue[string] {
	t.Helper()
	return newTypedQueue(t, clk, cfg, opts...)
}

// newTypedQueue is newQueueOn for any body type.
func newTypedQueue[T any](t testing.TB, clk clock.Clock, cfg queue.Config[T], opts ...queue.Option) *queue.Queue[T] {
	t.Helper()
	if cfg.Name == "" {
		cfg.Name = "q"
		if cfg.FIFO {
			cfg.Name = "q.fifo"
		}
	}
	opts = append(append([]queue.Option(nil), opts...), queue.WithClock(clk))
	q, err := queue.New(cfg, opts...)
	if err != nil {
		t.Fatalf("queue.New(%+v): %v", cfg, err)
	}
	return q
}

// dur returns a pointer to d, for the settings where absent and zero differ.
func dur(d time.Duration) *time.Duration { return &d }

// mustSend sends body to q and fails the test on error.
func mustSend[T any](t testing.TB, q *queue.Queue[T], body T) queue.SendResult {
	t.Helper()
	return mustSendInput(t, q, queue.SendInput[T]{Body: body})
}

// mustSendInput sends in to q and fails the test on error.
func mustSendInput[T any](t testing.TB, q *queue.Queue[T], in queue.SendInput[T]) queue.SendResult {
	t.Helper()
	res, err := q.Send(in)
	if err != nil {
		t.Fatalf("Send(%+v): %v", in, err)
	}
	return res
}

// shortPoll is ReceiveOptions that take up to max messages without
// waiting, whatever the queue's ReceiveWaitTime.
func shortPoll(max int) queue.ReceiveOptions {
	return queue.ReceiveOptions{MaxMessages: max, WaitTime: dur(0)}
}

// receive does a receive with opts and fails the test on error. It uses a
// background context; a test that waits should call Receive itself.
func receive[T any](t testing.TB, q *queue.Queue[T], opts queue.ReceiveOptions) []queue.Message[T] {
	t.Helper()
	msgs, err := q.Receive(context.Background(), opts)
	if err != nil {
		t.Fatalf("Receive(%+v): %v", opts, err)
	}
	return msgs
}

// receiveN short-polls up to max messages and fails unless exactly n come back.
func receiveN[T any](t testing.TB, q *queue.Queue[T], max, n int) []queue.Message[T] {
	t.Helper()
	msgs := receive(t, q, shortPoll(max))
	if len(msgs) != n {
		t.Fatalf("short poll of %d: got %d messages, want %d", max, len(msgs), n)
	}
	return msgs
}

// receiveOne short-polls one message and fails unless exactly one comes back.
func receiveOne[T any](t testing.TB, q *queue.Queue[T]) queue.Message[T] {
	t.Helper()
	return receiveN(t, q, 1, 1)[0]
}

// receiveNone short-polls and fails if any message comes back.
func receiveNone[T any](t testing.TB, q *queue.Queue[T]) {
	t.Helper()
	receiveN(t, q, 10, 0)
}

// bodies returns the bodies of msgs in order.
func bodies[T any](msgs []queue.Message[T]) []T {
	out := make([]T, len(msgs))
	for i, m := range msgs {
		out[i] = m.Body
	}
	return out
}

// mustDelete deletes the message h names and fails the test on error.
func mustDelete[T any](t testing.TB, q *queue.Queue[T], h queue.ReceiptHandle) {
	t.Helper()
	if err := q.Delete(h); err != nil {
		t.Fatalf("Delete(%v): %v", h, err)
	}
}

// wantCounts fails the test unless q's counts are want.
func wantCounts[T any](t testing.TB, q *queue.Queue[T], want queue.Counts) {
	t.Helper()
	if got := q.Counts(); got != want {
		t.Fatalf("Counts() = %+v, want %+v", got, want)
	}
}

// wantErr fails the test unless err matches the sentinel target under
// errors.Is and, when msg is not empty, its AWS message is exactly msg.
func wantErr(t testing.TB, err, target error, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got nil error, want %v", target)
	}
	if !errors.Is(err, target) {
		t.Fatalf("got error %v, want one matching %v", err, target)
	}
	if msg == "" {
		return
	}
	var e *queue.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *queue.Error", err, err)
	}
	if e.Message != msg {
		t.Fatalf("error message:\n got %q\nwant %q", e.Message, msg)
	}
}

// wantStatus fails the test unless err is a *queue.Error with HTTP status.
func wantStatus(t testing.TB, err error, status int) {
	t.Helper()
	var e *queue.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *queue.Error", err, err)
	}
	if e.Status != status {
		t.Fatalf("error %v: HTTP status %d, want %d", err, e.Status, status)
	}
}

// waitForTimers blocks until clk has at least n pending timers, failing the
// test after a real-time safety limit (a hang guard, not a behaviour wait).
func waitForTimers(t testing.TB, clk *clock.Manual, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := clk.WaitForTimers(ctx, n); err != nil {
		t.Fatalf("WaitForTimers(%d): %v (pending %d)", n, err, clk.Pending())
	}
}

// receiveResult is what an asynchronous receive returned.
type receiveResult[T any] struct {
	msgs []queue.Message[T]
	err  error
}

// receiveAsync starts q.Receive(ctx, opts) in a goroutine and returns the
// channel its result arrives on.
func receiveAsync[T any](ctx context.Context, q *queue.Queue[T], opts queue.ReceiveOptions) <-chan receiveResult[T] {
	ch := make(chan receiveResult[T], 1)
	go func() {
		msgs, err := q.Receive(ctx, opts)
		ch <- receiveResult[T]{msgs, err}
	}()
	return ch
}

// awaitResult waits for an asynchronous receive's result, failing the test
// after a real-time safety limit (a hang guard, not a behaviour wait).
func awaitResult[T any](t testing.TB, ch <-chan receiveResult[T]) receiveResult[T] {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("receive did not return")
		return receiveResult[T]{}
	}
}

// notReturned fails the test if the asynchronous receive has already
// returned.
func notReturned[T any](t testing.TB, ch <-chan receiveResult[T]) {
	t.Helper()
	select {
	case r := <-ch:
		t.Fatalf("receive returned early: %d messages, err %v", len(r.msgs), r.err)
	default:
	}
}

// sysAttrs returns m's system attributes, or zero ones when none were
// selected (m.System is nil).
func sysAttrs[T any](m queue.Message[T]) queue.SystemAttributes {
	if m.System == nil {
		return queue.SystemAttributes{}
	}
	return *m.System
}

// batchIDs returns n batch entry ids "e0", "e1", ….
func batchIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("e%d", i)
	}
	return ids
}
