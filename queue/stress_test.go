package queue_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// Stress tests: concurrent producers and consumers on the system clock,
// meant for -race, checking invariants rather than timings. Visibility
// timeouts are an hour, so nothing waits for time to pass: long polls are
// woken by sends, deletes and visibility changes, and the consumers stop
// when the last message is deleted. The deadline is only a hang guard.

const stressDeadline = 30 * time.Second

// stressContext returns a context that ends when cancel is called or, as a
// hang guard, after stressDeadline.
func stressContext(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	return context.WithTimeout(t.Context(), stressDeadline)
}

// sendStressBatches sends bodies to q in batches of 10 and returns the
// results, failing the test on any error.
func sendStressBatches(t *testing.T, q *queue.Queue[string], entries []queue.SendBatchEntry[string]) []queue.SendBatchResult {
	res, err := q.SendBatch(entries)
	if err != nil {
		t.Errorf("SendBatch: %v", err)
		return nil
	}
	for i, r := range res {
		if r.Err != nil {
			t.Errorf("SendBatch entry %d: %v", i, r.Err)
		}
	}
	return res
}

func TestStressStandard(t *testing.T) {
	if testing.Short() {
		t.Skip("stress")
	}
	const producers, perProducer, consumers = 8, 1000, 8
	const total = producers * perProducer
	q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "stress", VisibilityTimeout: queue.Seconds(3600)})
	ctx, cancel := stressContext(t)
	defer cancel()

	var mu sync.Mutex
	held := map[queue.MessageID]bool{} // in flight at a consumer
	deleted := map[string]bool{}       // bodies deleted (marked just before the delete)
	releases := 0

	var wg sync.WaitGroup
	produce(t, &wg, q, producers, perProducer)
	for c := range consumers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(1, uint64(c)))
			for {
				msgs, err := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 1 + rng.IntN(10), WaitTime: dur(time.Second)})
				if err != nil {
					if ctx.Err() == nil {
						t.Errorf("Receive: %v", err)
					}
					return
				}
				var dels, rels []queue.BatchEntry
				mu.Lock()
				for i, m := range msgs {
					if held[m.ID] {
						t.Errorf("message %s (%s) delivered while another consumer holds it", m.ID, m.Body)
					}
					if deleted[m.Body] {
						t.Errorf("message %s (%s) delivered after it was deleted", m.ID, m.Body)
					}
					held[m.ID] = true
					e := queue.BatchEntry{ID: strconv.Itoa(i), ReceiptHandle: m.ReceiptHandle}
					switch rng.IntN(10) {
					case 0: // give it back
						rels = append(rels, e)
					case 1: // extend, then delete
						if err := q.ChangeVisibility(m.ReceiptHandle, 2*time.Hour); err != nil {
							t.Errorf("ChangeVisibility: %v", err)
						}
						fallthrough
					default:
						dels = append(dels, e)
					}
				}
				// Update the books before the calls that let others see the
				// messages again.
				for i, m := range msgs {
					if slices.ContainsFunc(rels, func(e queue.BatchEntry) bool { return e.ID == strconv.Itoa(i) }) {
						releases++
					} else {
						deleted[m.Body] = true
					}
					delete(held, m.ID)
				}
				if len(deleted) == total {
					cancel()
				}
				mu.Unlock()
				if len(dels) > 0 {
					if failed, err := q.DeleteBatch(dels); err != nil || len(failed) > 0 {
						t.Errorf("DeleteBatch: %v %+v", err, failed)
					}
				}
				if len(rels) > 0 {
					for i := range rels {
						rels[i].VisibilityTimeout = 0
					}
					if failed, err := q.ChangeVisibilityBatch(rels); err != nil || len(failed) > 0 {
						t.Errorf("ChangeVisibilityBatch: %v %+v", err, failed)
					}
				}
			}
		})
	}
	wg.Wait()
	if t.Context().Err() == nil && ctx.Err() == context.DeadlineExceeded {
		t.Fatalf("hang guard: %d of %d deleted after %v; counts %+v", len(deleted), total, stressDeadline, q.Counts())
	}
	if len(deleted) != total {
		t.Fatalf("%d of %d messages deleted", len(deleted), total)
	}
	if releases == 0 {
		t.Fatal("no message was given back: the test did not exercise ChangeVisibility")
	}
	wantCounts(t, q, queue.Counts{})
	t.Logf("%d messages, %d given back and received again", total, releases)
}

// fifoStressBody is the body of message idx of group: "group/idx".
func fifoStressBody(group string, idx int) string { return fmt.Sprintf("%s/%04d", group, idx) }

func parseFIFOStressBody(t *testing.T, body string) (string, int) {
	group, n, ok := strings.Cut(body, "/")
	idx, err := strconv.Atoi(n)
	if !ok || err != nil {
		t.Errorf("bad body %q", body)
	}
	return group, idx
}

func TestStressFIFO(t *testing.T) {
	if testing.Short() {
		t.Skip("stress")
	}
	const producers, groupsPer, perGroup, consumers = 4, 10, 100, 8
	const total = producers * groupsPer * perGroup
	q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "stress.fifo", FIFO: true, VisibilityTimeout: queue.Seconds(3600)})
	ctx, cancel := stressContext(t)
	defer cancel()

	var mu sync.Mutex
	expected := map[string]int{} // the index each group must deliver next
	holder := map[string]int{}   // the receive holding a group, 0 when none
	deletedCount, receives, releases := 0, 0, 0

	var wg sync.WaitGroup
	for p := range producers {
		wg.Go(func() {
			var entries []queue.SendBatchEntry[string]
			flush := func(resend bool) {
				res := sendStressBatches(t, q, entries)
				if resend && res != nil {
					// A retried batch, within the deduplication window:
					// every entry is a duplicate answering the original.
					again := sendStressBatches(t, q, entries)
					for i := range again {
						if again[i].SendResult != res[i].SendResult {
							t.Errorf("resent %s answered %+v, want the original %+v", entries[i].Body, again[i].SendResult, res[i].SendResult)
						}
					}
				}
				entries = entries[:0]
			}
			for k := range groupsPer * perGroup {
				group := fmt.Sprintf("p%d-g%d", p, k%groupsPer)
				body := fifoStressBody(group, k/groupsPer)
				entries = append(entries, queue.SendBatchEntry[string]{ID: fmt.Sprintf("e%d", len(entries)), SendInput: queue.SendInput[string]{
					Body: body, GroupID: group, DeduplicationID: body,
				}})
				if len(entries) == 10 {
					flush(k%30 == 29)
				}
			}
			if len(entries) > 0 {
				flush(true)
			}
		})
	}
	for c := range consumers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(2, uint64(c)))
			for {
				msgs, err := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 1 + rng.IntN(10), WaitTime: dur(time.Second)})
				if err != nil {
					if ctx.Err() == nil {
						t.Errorf("Receive: %v", err)
					}
					return
				}
				if len(msgs) == 0 {
					continue
				}
				mu.Lock()
				receives++
				token := receives
				// Each group's messages in this receive, in the order received.
				runs := map[string][]int{}
				var order []string
				for i, m := range msgs {
					g, idx := parseFIFOStressBody(t, m.Body)
					run := runs[g]
					if len(run) == 0 {
						order = append(order, g)
						if h := holder[g]; h != 0 {
							t.Errorf("group %s delivered to receive %d while receive %d holds it", g, token, h)
						}
						holder[g] = token
						if want := expected[g]; idx != want {
							t.Errorf("group %s: delivered %d, want %d (out of order or a duplicate)", g, idx, want)
						}
					} else if prev := msgs[run[len(run)-1]].Body; idx != mustIdx(t, prev)+1 {
						t.Errorf("group %s: %s follows %s in one receive", g, m.Body, prev)
					}
					runs[g] = append(run, i)
				}
				// Delete a prefix of each group's run and give back the rest
				// (usually nothing). Update the books first: once the calls
				// are made other consumers may receive the group.
				var dels, rels []queue.BatchEntry
				for _, g := range order {
					run := runs[g]
					keep := len(run)
					if rng.IntN(8) == 0 {
						keep = rng.IntN(len(run))
					}
					for j, i := range run {
						e := queue.BatchEntry{ID: strconv.Itoa(i), ReceiptHandle: msgs[i].ReceiptHandle}
						if j < keep {
							dels = append(dels, e)
						} else {
							rels = append(rels, e)
						}
					}
					_, first := parseFIFOStressBody(t, msgs[run[0]].Body)
					expected[g] = first + keep
					holder[g] = 0
					if keep < len(run) {
						releases++
					}
				}
				deletedCount += len(dels)
				if deletedCount >= total {
					cancel()
				}
				mu.Unlock()
				if len(dels) > 0 {
					if failed, err := q.DeleteBatch(dels); err != nil || len(failed) > 0 {
						t.Errorf("DeleteBatch: %v %+v", err, failed)
					}
				}
				if len(rels) > 0 {
					if failed, err := q.ChangeVisibilityBatch(rels); err != nil || len(failed) > 0 {
						t.Errorf("ChangeVisibilityBatch: %v %+v", err, failed)
					}
				}
			}
		})
	}
	wg.Wait()
	if t.Context().Err() == nil && ctx.Err() == context.DeadlineExceeded {
		t.Fatalf("hang guard: %d of %d deleted after %v; counts %+v", deletedCount, total, stressDeadline, q.Counts())
	}
	if deletedCount != total {
		t.Fatalf("%d of %d messages deleted", deletedCount, total)
	}
	for g, n := range expected {
		if n != perGroup {
			t.Errorf("group %s ended at %d, want %d", g, n, perGroup)
		}
	}
	if len(expected) != producers*groupsPer {
		t.Errorf("%d groups delivered, want %d", len(expected), producers*groupsPer)
	}
	if releases == 0 {
		t.Error("no message was given back: the test did not exercise ChangeVisibility")
	}
	wantCounts(t, q, queue.Counts{})
	t.Logf("%d messages in %d receives, %d partial give-backs", total, receives, releases)
}

func mustIdx(t *testing.T, body string) int {
	_, idx := parseFIFOStressBody(t, body)
	return idx
}

func TestStressAtLeastOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("stress")
	}
	const producers, perProducer, consumers = 4, 300, 4
	const total = producers * perProducer
	q := newQueueOn(t, clock.System{}, queue.Config[string]{Name: "loose", VisibilityTimeout: queue.Seconds(3600)},
		queue.WithAtLeastOnce(queue.AtLeastOnce{Seed: 7, DuplicateRate: 0.1, Window: 8}))
	ctx, cancel := stressContext(t)
	defer cancel()

	var mu sync.Mutex
	deliveries := map[string]int{}
	deleted := map[string]bool{}
	outOfOrder := 0

	var wg sync.WaitGroup
	produce(t, &wg, q, producers, perProducer)
	for range consumers {
		wg.Go(func() {
			for {
				msgs, err := q.Receive(ctx, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(time.Second)})
				if err != nil {
					if ctx.Err() == nil {
						t.Errorf("Receive: %v", err)
					}
					return
				}
				if len(msgs) == 0 {
					continue
				}
				// Hold the batch over one more (short) receive, which may
				// return duplicates of messages in flight, then delete both.
				more, err := q.Receive(ctx, shortPoll(10))
				if err != nil && ctx.Err() == nil {
					t.Errorf("Receive: %v", err)
				}
				mu.Lock()
				for i, m := range msgs {
					deliveries[m.Body]++
					if i > 0 && m.Body[:2] == msgs[i-1].Body[:2] && m.Body < msgs[i-1].Body {
						outOfOrder++
					}
				}
				for _, m := range more {
					deliveries[m.Body]++
				}
				mu.Unlock()
				// A stale handle still deletes on a standard queue, and a
				// deleted message deletes again without error.
				for _, batch := range [][]queue.Message[string]{msgs, more} {
					if len(batch) == 0 {
						continue
					}
					var dels []queue.BatchEntry
					for i, m := range batch {
						dels = append(dels, queue.BatchEntry{ID: strconv.Itoa(i), ReceiptHandle: m.ReceiptHandle})
					}
					if failed, err := q.DeleteBatch(dels); err != nil || len(failed) > 0 {
						t.Errorf("DeleteBatch: %v %+v", err, failed)
					}
				}
				mu.Lock()
				for _, m := range append(msgs, more...) {
					deleted[m.Body] = true
				}
				if len(deleted) == total {
					cancel()
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if t.Context().Err() == nil && ctx.Err() == context.DeadlineExceeded {
		t.Fatalf("hang guard: %d of %d deleted after %v; counts %+v", len(deleted), total, stressDeadline, q.Counts())
	}
	if len(deleted) != total {
		t.Fatalf("%d of %d messages deleted: some were lost", len(deleted), total)
	}
	dups := 0
	for _, n := range deliveries {
		dups += n - 1
	}
	if dups == 0 {
		t.Fatal("no message was delivered twice: at-least-once mode made no duplicates")
	}
	if outOfOrder == 0 {
		t.Error("every batch was in order: at-least-once mode did not reorder")
	}
	wantCounts(t, q, queue.Counts{})
	t.Logf("%d messages, %d duplicate deliveries, %d out-of-order pairs", total, dups, outOfOrder)
}

// TestAtLeastOnceSeeded: with a manual clock and one consumer, the seed
// alone decides the deliveries — the same seed gives the same sequence,
// duplicates included — and nothing is lost.
func TestAtLeastOnceSeeded(t *testing.T) {
	run := func(seed uint64) (seq []string, dups int) {
		q, _ := newQueue(t, queue.Config[string]{}, queue.WithAtLeastOnce(queue.AtLeastOnce{Seed: seed, DuplicateRate: 0.2}))
		const n = 200
		for i := range n {
			mustSend(t, q, fmt.Sprintf("m%03d", i))
		}
		seen := map[string]bool{}
		// Each batch is deleted after the next receive, so that a
		// duplicate of an in-flight message can be delivered meanwhile.
		var held []queue.Message[string]
		for range 10 * n {
			msgs := receive(t, q, shortPoll(10))
			for _, m := range msgs {
				seq = append(seq, m.Body)
				if seen[m.Body] {
					dups++
				}
				seen[m.Body] = true
			}
			deleteAll(t, q, held)
			held = msgs
			if len(msgs) == 0 {
				break
			}
		}
		if len(seen) != n {
			t.Fatalf("seed %d: %d of %d messages delivered", seed, len(seen), n)
		}
		wantCounts(t, q, queue.Counts{})
		return seq, dups
	}
	a, dups := run(42)
	b, _ := run(42)
	if !slices.Equal(a, b) {
		t.Fatal("the same seed gave different deliveries")
	}
	if dups == 0 {
		t.Fatal("no duplicates at a 20% duplicate rate")
	}
	if slices.IsSorted(a) {
		t.Fatal("deliveries in send order: no reordering")
	}
	if c, _ := run(43); slices.Equal(a, c) {
		t.Fatal("seeds 42 and 43 gave the same deliveries")
	}
}

// TestLongPollCancelRacingSend: a send wakes the oldest waiting receive;
// if that receive is ending because its ctx was cancelled, the wake-up must
// pass to the next waiting receive rather than be lost.
func TestLongPollCancelRacingSend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		long := queue.ReceiveOptions{WaitTime: dur(20 * time.Second)}
		ctx1, cancel1 := context.WithCancel(t.Context())
		r1 := receiveAsync(ctx1, q, long)
		synctest.Wait()
		r2 := receiveAsync(t.Context(), q, long)
		synctest.Wait()
		cancel1()           // r1 is woken by its ctx and commits to returning ctx.Err()...
		mustSend(t, q, "x") // ...but the send's wake-up goes to r1, still listed
		synctest.Wait()
		if res := awaitResult(t, r1); len(res.msgs) > 0 {
			return // r1 took the message after all: nothing lost
		}
		select {
		case res := <-r2:
			if !slices.Equal(bodies(res.msgs), []string{"x"}) {
				t.Fatalf("r2 returned %q, %v; want x", bodies(res.msgs), res.err)
			}
		default:
			clk.Advance(20 * time.Second)
			res := awaitResult(t, r2)
			t.Fatalf("r2 was not woken though x was available; it returned %q only when its 20 s wait ran out", bodies(res.msgs))
		}
	})
}

// TestStressDeadLetter: consumers that never delete receive concurrently
// (with a zero visibility timeout, so each receive makes messages visible
// again at once) until every message has used its receives and moved to
// the dead-letter queue. Nothing is lost or moved twice, and a FIFO
// dead-letter queue holds each group in its original order. Several rounds
// with small receives make races between hand-overs likely.
func TestStressDeadLetter(t *testing.T) {
	if testing.Short() {
		t.Skip("stress")
	}
	for _, fifo := range []bool{false, true} {
		t.Run(typeName(fifo), func(t *testing.T) {
			for round := range 5 {
				stressDeadLetterRound(t, fifo, uint64(round))
			}
		})
	}
}

func stressDeadLetterRound(t *testing.T, fifo bool, round uint64) {
	const groups, perGroup, consumers = 20, 50, 16
	const total = groups * perGroup
	clk := clock.System{}
	dlq := newQueueOn(t, clk, queue.Config[string]{Name: queueName("dead", fifo), FIFO: fifo, ContentBasedDeduplication: fifo})
	src := newQueueOn(t, clk, queue.Config[string]{
		Name: queueName("src", fifo), FIFO: fifo, ContentBasedDeduplication: fifo,
		RedrivePolicy: &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: 2},
	})
	ctx, cancel := stressContext(t)
	defer cancel()
	var wg sync.WaitGroup
	for g := range groups {
		wg.Go(func() {
			group := fmt.Sprintf("g%02d", g)
			for i := 0; i < perGroup; i += 10 {
				var entries []queue.SendBatchEntry[string]
				for j, id := range batchIDs(10) {
					in := queue.SendInput[string]{Body: fifoStressBody(group, i+j)}
					if fifo {
						in.GroupID = group
					}
					entries = append(entries, queue.SendBatchEntry[string]{ID: id, SendInput: in})
				}
				sendStressBatches(t, src, entries)
			}
		})
	}
	for c := range consumers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(3+round, uint64(c)))
			for ctx.Err() == nil {
				if _, err := src.Receive(ctx, queue.ReceiveOptions{MaxMessages: 1 + rng.IntN(3), WaitTime: dur(0), VisibilityTimeout: dur(0)}); err != nil && ctx.Err() == nil {
					t.Errorf("Receive: %v", err)
					return
				}
				if dlq.Counts().Available >= total {
					cancel()
				}
			}
		})
	}
	wg.Wait()
	if t.Context().Err() == nil && ctx.Err() == context.DeadlineExceeded {
		t.Fatalf("round %d: hang guard: source %+v, dead-letter queue %+v", round, src.Counts(), dlq.Counts())
	}
	wantCounts(t, src, queue.Counts{})
	wantCounts(t, dlq, queue.Counts{Available: total})

	seen := map[string][]int{}
	for {
		msgs := receive(t, dlq, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), SystemAttributeNames: []string{"DeadLetterQueueSourceArn"}})
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			if m.System.DeadLetterQueueSourceARN != src.ARN() {
				t.Fatalf("%s: DeadLetterQueueSourceArn %q", m.Body, m.System.DeadLetterQueueSourceARN)
			}
			g, idx := parseFIFOStressBody(t, m.Body)
			seen[g] = append(seen[g], idx)
		}
		deleteAll(t, dlq, msgs)
	}
	n := 0
	for g, idxs := range seen {
		n += len(idxs)
		if fifo && !slices.IsSorted(idxs) {
			t.Errorf("round %d: group %s out of order in the FIFO dead-letter queue: %v", round, g, idxs)
		}
		if distinct := len(slices.Compact(slices.Sorted(slices.Values(idxs)))); distinct != perGroup || len(idxs) != perGroup {
			t.Errorf("round %d: group %s: %d moves of %d distinct messages, want %d once each", round, g, len(idxs), distinct, perGroup)
		}
	}
	if n != total {
		t.Fatalf("round %d: %d messages in the dead-letter queue, want %d", round, n, total)
	}
}

// produce starts producers goroutines on wg, each sending perProducer
// messages "p<producer>-<n>" in batches of 10.
func produce(t *testing.T, wg *sync.WaitGroup, q *queue.Queue[string], producers, perProducer int) {
	for p := range producers {
		wg.Go(func() {
			for i := 0; i < perProducer; i += 10 {
				var entries []queue.SendBatchEntry[string]
				for j, id := range batchIDs(10) {
					entries = append(entries, queue.SendBatchEntry[string]{ID: id, SendInput: queue.SendInput[string]{Body: fmt.Sprintf("p%d-%04d", p, i+j)}})
				}
				sendStressBatches(t, q, entries)
			}
		})
	}
}
