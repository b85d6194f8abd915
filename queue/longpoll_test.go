package queue_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// Long polling with a clock.Manual. WaitForTimers tells when the receiver
// is blocked: a waiting receive holds its wait timer (and, while a delayed
// or in-flight message will become visible, the queue's wake timer).

func TestLongPollManual(t *testing.T) {
	wait20 := queue.ReceiveOptions{WaitTime: dur(20 * time.Second)}

	t.Run("returns as soon as a message is sent", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		ch := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 1)
		notReturned(t, ch)
		mustSend(t, q, "x")
		r := awaitResult(t, ch)
		if r.err != nil || len(r.msgs) != 1 || r.msgs[0].Body != "x" {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		if !clk.Now().Equal(epoch) {
			t.Fatalf("clock moved to %v", clk.Now())
		}
		wantCounts(t, q, queue.Counts{InFlight: 1})
		if n := clk.Pending(); n != 0 {
			t.Fatalf("%d timers pending after the receive returned", n)
		}
	})
	t.Run("returns with one message, not waiting to fill MaxMessages", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(20 * time.Second)})
		waitForTimers(t, clk, 1)
		mustSend(t, q, "x")
		r := awaitResult(t, ch)
		if r.err != nil || len(r.msgs) != 1 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		if clk.Pending() != 0 {
			t.Fatal("timer left")
		}
	})
	t.Run("returns at once when a message is available", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "x")
		r := awaitResult(t, receiveAsync(context.Background(), q, wait20))
		if r.err != nil || len(r.msgs) != 1 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		if clk.Pending() != 0 {
			t.Fatal("timer left")
		}
	})
	t.Run("returns empty when the wait time passes", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		ch := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 1)
		clk.Advance(20*time.Second - time.Nanosecond)
		if clk.Pending() != 1 {
			t.Fatalf("wait timer gone before the wait time: %d pending", clk.Pending())
		}
		notReturned(t, ch)
		clk.Advance(time.Nanosecond)
		r := awaitResult(t, ch)
		if r.err != nil || len(r.msgs) != 0 {
			t.Fatalf("Receive = %v, %v; want nothing and no error", bodies(r.msgs), r.err)
		}
		if clk.Pending() != 0 {
			t.Fatal("timer left")
		}
		// A message sent after the wait is not taken by it.
		mustSend(t, q, "late")
		wantCounts(t, q, queue.Counts{Available: 1})
	})
	t.Run("returns ctx.Err() on cancel", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		ctx, cancel := context.WithCancel(context.Background())
		ch := receiveAsync(ctx, q, wait20)
		waitForTimers(t, clk, 1)
		cancel()
		r := awaitResult(t, ch)
		if !errors.Is(r.err, context.Canceled) || len(r.msgs) != 0 {
			t.Fatalf("Receive = %v, %v; want context.Canceled", bodies(r.msgs), r.err)
		}
		if clk.Pending() != 0 {
			t.Fatalf("%d timers left after cancel", clk.Pending())
		}
		mustSend(t, q, "after")
		wantCounts(t, q, queue.Counts{Available: 1})
	})
	t.Run("cancelled context takes nothing", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "x")
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		msgs, err := q.Receive(ctx, wait20)
		if !errors.Is(err, context.Canceled) || msgs != nil {
			t.Fatalf("Receive = %v, %v", bodies(msgs), err)
		}
		wantCounts(t, q, queue.Counts{Available: 1})
		if clk.Pending() != 0 {
			t.Fatal("timer left")
		}
	})
	t.Run("absent WaitTime uses the queue's ReceiveWaitTime", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{ReceiveWaitTime: 5 * time.Second})
		ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{})
		waitForTimers(t, clk, 1)
		clk.Advance(5*time.Second - time.Nanosecond)
		if clk.Pending() != 1 {
			t.Fatal("wait ended early")
		}
		mustSend(t, q, "x")
		if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 1 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		ch = receiveAsync(context.Background(), q, queue.ReceiveOptions{})
		waitForTimers(t, clk, 2) // its wait timer and the wake timer for x's visibility
		clk.Advance(5 * time.Second)
		if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 0 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		if clk.Pending() != 0 {
			t.Fatal("timer left")
		}
	})
	t.Run("queue ReceiveWaitTime follows SetConfig", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		if err := q.SetConfig(queue.Config[string]{Name: "q", ReceiveWaitTime: 3 * time.Second}); err != nil {
			t.Fatal(err)
		}
		ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{})
		waitForTimers(t, clk, 1)
		clk.Advance(3 * time.Second)
		if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 0 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
	})
	t.Run("explicit 0 short-polls even when the queue waits 20s", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{ReceiveWaitTime: 20 * time.Second})
		r := awaitResult(t, receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(0)}))
		if r.err != nil || len(r.msgs) != 0 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		if clk.Pending() != 0 || !clk.Now().Equal(epoch) {
			t.Fatal("short poll used the clock")
		}
	})
	t.Run("explicit WaitTime overrides the queue's", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{ReceiveWaitTime: 20 * time.Second})
		ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(2 * time.Second)})
		waitForTimers(t, clk, 1)
		clk.Advance(2 * time.Second)
		if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 0 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
	})
	t.Run("woken when a delay ends", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSendInput(t, q, queue.SendInput[string]{Body: "d", Delay: dur(5 * time.Second)})
		ch := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 2) // the wait timer and the wake timer
		clk.Advance(5*time.Second - time.Nanosecond)
		notReturned(t, ch)
		clk.Advance(time.Nanosecond)
		r := awaitResult(t, ch)
		if r.err != nil || len(r.msgs) != 1 || r.msgs[0].Body != "d" {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		if clk.Pending() != 0 {
			t.Fatalf("%d timers left", clk.Pending())
		}
	})
	t.Run("woken when the queue delay ends", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{Delay: 8 * time.Second})
		mustSend(t, q, "d")
		ch := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 2)
		clk.Advance(8 * time.Second)
		if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 1 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
	})
	t.Run("woken when a visibility timeout expires", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "m")
		receive(t, q, queue.ReceiveOptions{WaitTime: dur(0), VisibilityTimeout: dur(5 * time.Second)})
		ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(20 * time.Second), SystemAttributeNames: []string{"ApproximateReceiveCount"}})
		waitForTimers(t, clk, 2)
		clk.Advance(5 * time.Second)
		r := awaitResult(t, ch)
		if r.err != nil || len(r.msgs) != 1 || sysAttrs(r.msgs[0]).ApproximateReceiveCount != 2 {
			t.Fatalf("Receive = %+v, %v", r.msgs, r.err)
		}
		if clk.Pending() != 0 {
			t.Fatalf("%d timers left", clk.Pending())
		}
	})
	t.Run("woken by ChangeVisibility to 0", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "m")
		h := receiveOne(t, q).ReceiptHandle
		ch := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 2)
		if err := q.ChangeVisibility(h, 0); err != nil {
			t.Fatal(err)
		}
		if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 1 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		if !clk.Now().Equal(epoch) || clk.Pending() != 0 {
			t.Fatalf("clock %v, %d timers pending", clk.Now(), clk.Pending())
		}
	})
	t.Run("woken at the extended visibility, not the original", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "m")
		h := receive(t, q, queue.ReceiveOptions{WaitTime: dur(0), VisibilityTimeout: dur(5 * time.Second)})[0].ReceiptHandle
		ch := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 2)
		if err := q.ChangeVisibility(h, 10*time.Second); err != nil {
			t.Fatal(err)
		}
		clk.Advance(5 * time.Second)
		wantCounts(t, q, queue.Counts{InFlight: 1})
		notReturned(t, ch)
		clk.Advance(5 * time.Second)
		if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 1 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
		if clk.Pending() != 0 {
			t.Fatalf("%d timers left", clk.Pending())
		}
	})
	t.Run("woken early by a shortened visibility", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "m")
		h := receive(t, q, queue.ReceiveOptions{WaitTime: dur(0), VisibilityTimeout: dur(15 * time.Second)})[0].ReceiptHandle
		ch := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 2)
		if err := q.ChangeVisibility(h, 2*time.Second); err != nil {
			t.Fatal(err)
		}
		clk.Advance(2 * time.Second)
		if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 1 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
	})
	t.Run("two waiters, one message each", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		a := receiveAsync(context.Background(), q, wait20)
		b := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 2)
		mustSend(t, q, "one")
		var first receiveResult[string]
		var rest <-chan receiveResult[string]
		select {
		case first = <-a:
			rest = b
		case first = <-b:
			rest = a
		case <-time.After(10 * time.Second):
			t.Fatal("no receiver returned")
		}
		if first.err != nil || len(first.msgs) != 1 || first.msgs[0].Body != "one" {
			t.Fatalf("first receiver: %v, %v", bodies(first.msgs), first.err)
		}
		waitForTimers(t, clk, 1)
		notReturned(t, rest)
		mustSend(t, q, "two")
		second := awaitResult(t, rest)
		if second.err != nil || len(second.msgs) != 1 || second.msgs[0].Body != "two" {
			t.Fatalf("second receiver: %v, %v", bodies(second.msgs), second.err)
		}
		if clk.Pending() != 0 {
			t.Fatalf("%d timers left", clk.Pending())
		}
	})
	t.Run("a batch wakes several waiters", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		chs := []<-chan receiveResult[string]{
			receiveAsync(context.Background(), q, wait20),
			receiveAsync(context.Background(), q, wait20),
			receiveAsync(context.Background(), q, wait20),
		}
		waitForTimers(t, clk, 3)
		if _, err := q.SendBatch(sendEntries("a", "b", "c")); err != nil {
			t.Fatal(err)
		}
		got := 0
		for _, ch := range chs {
			r := awaitResult(t, ch)
			if r.err != nil {
				t.Fatal(r.err)
			}
			got += len(r.msgs)
		}
		if got != 3 {
			t.Fatalf("receivers got %d messages in all, want 3", got)
		}
		if clk.Pending() != 0 {
			t.Fatalf("%d timers left", clk.Pending())
		}
	})
	t.Run("woken receiver that finds nothing keeps waiting", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		ch := receiveAsync(context.Background(), q, wait20)
		waitForTimers(t, clk, 1)
		// A short poll races the woken waiter for the message; whoever
		// loses, the long poll must not return empty before its time.
		mustSend(t, q, "x")
		if msgs, err := q.Receive(context.Background(), shortPoll(1)); err != nil {
			t.Fatal(err)
		} else if len(msgs) == 1 {
			// The short poll won: the waiter must still be waiting.
			waitForTimers(t, clk, 1)
			notReturned(t, ch)
			clk.Advance(20 * time.Second)
			if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 0 {
				t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
			}
		} else if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 1 {
			t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
		}
	})
}

// TestIdleQueueHoldsNoTimer: with nobody waiting, delayed and in-flight
// messages cost no timer; a long poll's timers go when it returns.
func TestIdleQueueHoldsNoTimer(t *testing.T) {
	q, clk := newQueue(t, queue.Config[string]{})
	mustSendInput(t, q, queue.SendInput[string]{Body: "delayed", Delay: dur(time.Minute)})
	mustSend(t, q, "inflight")
	receiveOne(t, q)
	if n := clk.Pending(); n != 0 {
		t.Fatalf("idle queue holds %d timers", n)
	}
	ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(20 * time.Second)})
	waitForTimers(t, clk, 2)
	mustSend(t, q, "x")
	if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 1 || r.msgs[0].Body != "x" {
		t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
	}
	if n := clk.Pending(); n != 0 {
		t.Fatalf("%d timers left after the only waiter returned", n)
	}
	wantCounts(t, q, queue.Counts{InFlight: 2, Delayed: 1})
	clk.Advance(time.Hour)
	wantCounts(t, q, queue.Counts{Available: 3})
	if n := clk.Pending(); n != 0 {
		t.Fatalf("%d timers after time passed", n)
	}
	// After a purge during a wait, the waiter still times out and leaves
	// nothing behind.
	receiveN(t, q, 10, 3)
	ch = receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(20 * time.Second)})
	waitForTimers(t, clk, 2)
	if err := q.Purge(); err != nil {
		t.Fatal(err)
	}
	clk.Advance(20 * time.Second)
	if r := awaitResult(t, ch); r.err != nil || len(r.msgs) != 0 {
		t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
	}
	if n := clk.Pending(); n != 0 {
		t.Fatalf("%d timers left after purge and wait", n)
	}
}

// Long polling under testing/synctest with the default System clock: the
// bubble's fake time makes the waits instant and exact, and synctest.Test
// fails if a goroutine is left blocked.

func TestLongPollSynctest(t *testing.T) {
	newSys := func(t *testing.T, cfg queue.Config[string]) *queue.Queue[string] {
		t.Helper()
		if cfg.Name == "" {
			cfg.Name = "q"
		}
		q, err := queue.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	wait20 := queue.ReceiveOptions{WaitTime: dur(20 * time.Second)}

	t.Run("returns as soon as a message is sent", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{})
			start := time.Now()
			ch := receiveAsync(context.Background(), q, wait20)
			synctest.Wait()
			notReturned(t, ch)
			time.Sleep(3 * time.Second) // fake time: the receiver is still waiting
			synctest.Wait()
			notReturned(t, ch)
			mustSend(t, q, "x")
			r := <-ch
			if r.err != nil || len(r.msgs) != 1 || r.msgs[0].Body != "x" {
				t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
			}
			if d := time.Since(start); d != 3*time.Second {
				t.Fatalf("returned after %v, want 3s", d)
			}
		})
	})
	t.Run("returns empty after exactly the wait time", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{})
			start := time.Now()
			msgs, err := q.Receive(context.Background(), wait20)
			if err != nil || len(msgs) != 0 {
				t.Fatalf("Receive = %v, %v", bodies(msgs), err)
			}
			if d := time.Since(start); d != 20*time.Second {
				t.Fatalf("returned after %v, want 20s", d)
			}
		})
	})
	t.Run("returns ctx.Err() on cancel", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{})
			ctx, cancel := context.WithCancel(context.Background())
			start := time.Now()
			ch := receiveAsync(ctx, q, wait20)
			synctest.Wait()
			cancel()
			r := <-ch
			if !errors.Is(r.err, context.Canceled) || len(r.msgs) != 0 {
				t.Fatalf("Receive = %v, %v", bodies(r.msgs), r.err)
			}
			if d := time.Since(start); d != 0 {
				t.Fatalf("returned after %v, want at once", d)
			}
		})
	})
	t.Run("returns at the context deadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{})
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			start := time.Now()
			msgs, err := q.Receive(ctx, wait20)
			if !errors.Is(err, context.DeadlineExceeded) || len(msgs) != 0 {
				t.Fatalf("Receive = %v, %v", bodies(msgs), err)
			}
			if d := time.Since(start); d != 3*time.Second {
				t.Fatalf("returned after %v, want 3s", d)
			}
		})
	})
	t.Run("absent WaitTime uses the queue's", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{ReceiveWaitTime: 20 * time.Second})
			start := time.Now()
			msgs, err := q.Receive(context.Background(), queue.ReceiveOptions{})
			if err != nil || len(msgs) != 0 {
				t.Fatalf("Receive = %v, %v", bodies(msgs), err)
			}
			if d := time.Since(start); d != 20*time.Second {
				t.Fatalf("returned after %v, want 20s", d)
			}
		})
	})
	t.Run("explicit 0 short-polls", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{ReceiveWaitTime: 20 * time.Second})
			start := time.Now()
			msgs, err := q.Receive(context.Background(), queue.ReceiveOptions{WaitTime: dur(0)})
			if err != nil || len(msgs) != 0 {
				t.Fatalf("Receive = %v, %v", bodies(msgs), err)
			}
			if d := time.Since(start); d != 0 {
				t.Fatalf("short poll took %v", d)
			}
		})
	})
	t.Run("woken when a delay ends", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{})
			mustSendInput(t, q, queue.SendInput[string]{Body: "d", Delay: dur(5 * time.Second)})
			start := time.Now()
			msgs, err := q.Receive(context.Background(), wait20)
			if err != nil || len(msgs) != 1 || msgs[0].Body != "d" {
				t.Fatalf("Receive = %v, %v", bodies(msgs), err)
			}
			if d := time.Since(start); d != 5*time.Second {
				t.Fatalf("returned after %v, want 5s", d)
			}
		})
	})
	t.Run("woken when a visibility timeout expires", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{})
			mustSend(t, q, "m")
			first := receive(t, q, queue.ReceiveOptions{WaitTime: dur(0), VisibilityTimeout: dur(7 * time.Second)})
			if len(first) != 1 {
				t.Fatal("no message")
			}
			start := time.Now()
			msgs, err := q.Receive(context.Background(), wait20)
			if err != nil || len(msgs) != 1 || msgs[0].ID != first[0].ID {
				t.Fatalf("Receive = %v, %v", bodies(msgs), err)
			}
			if d := time.Since(start); d != 7*time.Second {
				t.Fatalf("returned after %v, want 7s", d)
			}
		})
	})
	t.Run("a cancelled waiter does not swallow a wakeup", func(t *testing.T) {
		// W1 (oldest) and W2 wait. W1's context is cancelled and a message
		// is sent at once: whether or not W1 saw the wakeup before its
		// cancellation, the message must reach W2 now, not after W2's 20 s.
		synctest.Test(t, func(t *testing.T) {
			for i := range 50 {
				q := newSys(t, queue.Config[string]{})
				ctx1, cancel1 := context.WithCancel(context.Background())
				ch1 := receiveAsync(ctx1, q, wait20)
				synctest.Wait()
				ch2 := receiveAsync(context.Background(), q, wait20)
				synctest.Wait()
				start := time.Now()
				cancel1()
				mustSend(t, q, "m")
				r1 := <-ch1
				if len(r1.msgs) == 1 {
					// W1 took it despite the cancel: W2 rightly waits it out.
					if r2 := <-ch2; len(r2.msgs) != 0 {
						t.Fatalf("round %d: message delivered twice", i)
					}
					continue
				}
				if !errors.Is(r1.err, context.Canceled) {
					t.Fatalf("round %d: W1 = %v, %v", i, bodies(r1.msgs), r1.err)
				}
				r2 := <-ch2
				if len(r2.msgs) != 1 || time.Since(start) != 0 {
					t.Fatalf("round %d: W2 got %v after %v; want the message at once", i, bodies(r2.msgs), time.Since(start))
				}
			}
		})
	})
	t.Run("many waiters, all answered, none left", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			q := newSys(t, queue.Config[string]{})
			const n = 8
			chs := make([]<-chan receiveResult[string], n)
			for i := range chs {
				chs[i] = receiveAsync(context.Background(), q, wait20)
			}
			synctest.Wait()
			for i := range n / 2 {
				mustSend(t, q, string(rune('a'+i)))
			}
			got, empty := 0, 0
			for _, ch := range chs {
				r := <-ch
				if r.err != nil {
					t.Fatal(r.err)
				}
				got += len(r.msgs)
				if len(r.msgs) == 0 {
					empty++
				}
			}
			if got != n/2 || empty != n/2 {
				t.Fatalf("%d messages, %d empty receives; want %d and %d", got, empty, n/2, n/2)
			}
		})
	})
}

// Retention expiring an in-flight FIFO message unblocks its group: a
// waiting receive gets the next message then, not when its wait ends.
func TestLongPollWokenByRetention(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "q.fifo", FIFO: true, ContentBasedDeduplication: true, RetentionPeriod: time.Minute})
		mustSendInput(t, q, queue.SendInput[string]{Body: "m1", GroupID: "g"})
		receive(t, q, queue.ReceiveOptions{WaitTime: dur(0), VisibilityTimeout: dur(time.Hour)})
		time.Sleep(30 * time.Second)
		mustSendInput(t, q, queue.SendInput[string]{Body: "m2", GroupID: "g"}) // blocked behind m1
		time.Sleep(25 * time.Second)
		start := time.Now()
		ch := receiveAsync(context.Background(), q, queue.ReceiveOptions{WaitTime: dur(20 * time.Second)})
		synctest.Wait()
		r := <-ch // m1 expires 5 s into the wait
		if got := bodies(r.msgs); len(got) != 1 || got[0] != "m2" || time.Since(start) != 5*time.Second {
			t.Fatalf("got %q after %v, want m2 after 5s", got, time.Since(start))
		}
	})
}
