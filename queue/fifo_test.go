package queue_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// FIFO tests: message groups, deduplication, sequence numbers, FIFO receipt
// handles, receive request attempts and the FIFO in-flight quota
// (reference §1.4–1.7).

// newFIFO makes a FIFO queue of strings named "q.fifo" on a manual clock.
func newFIFO(t testing.TB, cfg queue.Config[string], opts ...queue.Option) (*queue.Queue[string], *clock.Manual) {
	t.Helper()
	cfg.FIFO = true
	return newQueue(t, cfg, opts...)
}

// sendGroup sends body to group on a FIFO queue, with dedup as its
// deduplication id ("" leaves it to content-based deduplication).
func sendGroup(t testing.TB, q *queue.Queue[string], group, body, dedup string) queue.SendResult {
	t.Helper()
	return mustSendInput(t, q, queue.SendInput[string]{Body: body, GroupID: group, DeduplicationID: dedup})
}

// wantBodies fails the test unless msgs have exactly the bodies want, in order.
func wantBodies(t testing.TB, msgs []queue.Message[string], want ...string) {
	t.Helper()
	if got := bodies(msgs); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Fatalf("received bodies %q, want %q", got, want)
	}
}

// deleteAll deletes every message of msgs, failing the test on error.
func deleteAll[T any](t testing.TB, q *queue.Queue[T], msgs []queue.Message[T]) {
	t.Helper()
	for _, m := range msgs {
		mustDelete(t, q, m.ReceiptHandle)
	}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestFIFOSendRules(t *testing.T) {
	tests := []struct {
		name    string
		cbd     bool // ContentBasedDeduplication
		in      queue.SendInput[string]
		wantErr error
		wantMsg string
	}{
		{
			name:    "group id required",
			cbd:     true,
			in:      queue.SendInput[string]{Body: "b"},
			wantErr: queue.ErrMissingParameter,
			wantMsg: "The request must contain the parameter MessageGroupId.",
		},
		{
			name:    "per-message delay rejected",
			cbd:     true,
			in:      queue.SendInput[string]{Body: "b", GroupID: "g", Delay: queue.Seconds(2)},
			wantErr: queue.ErrInvalidParameterValue,
			wantMsg: "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.",
		},
		{
			name: "explicit zero delay accepted",
			cbd:  true,
			in:   queue.SendInput[string]{Body: "b", GroupID: "g", Delay: queue.Seconds(0)},
		},
		{
			name:    "no deduplication id without content-based deduplication",
			in:      queue.SendInput[string]{Body: "b", GroupID: "g"},
			wantErr: queue.ErrInvalidParameterValue,
			wantMsg: "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
		},
		{
			name: "explicit deduplication id without content-based deduplication",
			in:   queue.SendInput[string]{Body: "b", GroupID: "g", DeduplicationID: "d"},
		},
		{
			name: "content-based deduplication needs no id",
			cbd:  true,
			in:   queue.SendInput[string]{Body: "b", GroupID: "g"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: tt.cbd})
			res, err := q.Send(tt.in)
			if tt.wantErr != nil {
				wantErr(t, err, tt.wantErr, tt.wantMsg)
				wantCounts(t, q, queue.Counts{})
				return
			}
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if res.MessageID == (queue.MessageID{}) || res.SequenceNumber.String() == "" {
				t.Fatalf("Send result %+v lacks MessageID or SequenceNumber", res)
			}
			wantCounts(t, q, queue.Counts{Available: 1})
		})
	}
}

func TestFIFOGroupOrdering(t *testing.T) {
	type send struct{ group, body string }
	// step is one receive of max messages; the received messages are
	// deleted when del is set.
	type step struct {
		max  int
		want []string
		del  bool
	}
	tests := []struct {
		name  string
		sends []send
		steps []step
	}{
		{
			name:  "strict order within a group",
			sends: []send{{"a", "a1"}, {"b", "b1"}, {"a", "a2"}, {"a", "a3"}, {"b", "b2"}},
			steps: []step{
				{1, []string{"a1"}, true}, {1, []string{"b1"}, true},
				{1, []string{"a2"}, true}, {1, []string{"b2"}, true},
				{1, []string{"a3"}, true}, {1, nil, false},
			},
		},
		{
			name:  "a group is blocked while a message is in flight, other groups continue",
			sends: []send{{"a", "a1"}, {"a", "a2"}, {"b", "b1"}, {"b", "b2"}, {"c", "c1"}},
			steps: []step{
				{1, []string{"a1"}, false},
				{1, []string{"b1"}, false},
				{1, []string{"c1"}, false},
				{10, nil, false}, // a2 and b2 wait behind a1 and b1
			},
		},
		{
			name:  "a batch takes all it can from one group in order, then other groups",
			sends: []send{{"a", "a1"}, {"b", "b1"}, {"a", "a2"}, {"c", "c1"}, {"b", "b2"}, {"a", "a3"}},
			steps: []step{
				{10, []string{"a1", "a2", "a3", "b1", "b2", "c1"}, false},
			},
		},
		{
			name:  "a short batch stops inside a group, whose rest stays blocked",
			sends: []send{{"a", "a1"}, {"b", "b1"}, {"a", "a2"}, {"c", "c1"}, {"b", "b2"}, {"a", "a3"}},
			steps: []step{
				{4, []string{"a1", "a2", "a3", "b1"}, false},
				{10, []string{"c1"}, false}, // b2 is behind b1, in flight
			},
		},
		{
			name: "groups are served in turn",
			sends: []send{
				{"a", "a1"}, {"a", "a2"}, {"a", "a3"},
				{"b", "b1"}, {"b", "b2"}, {"b", "b3"},
				{"c", "c1"}, {"c", "c2"}, {"c", "c3"},
			},
			steps: []step{
				{1, []string{"a1"}, true}, {1, []string{"b1"}, true}, {1, []string{"c1"}, true},
				{1, []string{"a2"}, true}, {1, []string{"b2"}, true}, {1, []string{"c2"}, true},
				{1, []string{"a3"}, true}, {1, []string{"b3"}, true}, {1, []string{"c3"}, true},
			},
		},
		{
			name: "a group that drains its batch goes to the back of the turn",
			sends: []send{
				{"a", "a1"}, {"a", "a2"}, {"a", "a3"},
				{"b", "b1"}, {"b", "b2"},
			},
			steps: []step{
				{2, []string{"a1", "a2"}, true},
				{2, []string{"b1", "b2"}, true},
				{2, []string{"a3"}, true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true})
			for _, s := range tt.sends {
				sendGroup(t, q, s.group, s.body, "")
			}
			for i, st := range tt.steps {
				msgs := receive(t, q, shortPoll(st.max))
				if got := bodies(msgs); !slices.Equal(got, st.want) && len(got)+len(st.want) > 0 {
					t.Fatalf("step %d: receive of %d got %q, want %q", i, st.max, got, st.want)
				}
				if st.del {
					deleteAll(t, q, msgs)
				}
			}
		})
	}
}

func TestFIFOQueueDelay(t *testing.T) {
	t.Run("applies to every message", func(t *testing.T) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, Delay: 10 * time.Second})
		sendGroup(t, q, "a", "a1", "")
		wantCounts(t, q, queue.Counts{Delayed: 1})
		receiveNone(t, q)
		clk.Advance(10*time.Second - time.Nanosecond)
		receiveNone(t, q)
		clk.Advance(time.Nanosecond)
		wantBodies(t, receive(t, q, shortPoll(10)), "a1")
	})
	t.Run("a delayed message does not block its group", func(t *testing.T) {
		cfg := queue.Config[string]{Name: "q.fifo", FIFO: true, ContentBasedDeduplication: true, Delay: 10 * time.Second}
		q, clk := newFIFO(t, cfg)
		sendGroup(t, q, "a", "a1", "") // delayed 10 s
		cfg.Delay = 0
		if err := q.SetConfig(cfg); err != nil {
			t.Fatal(err)
		}
		sendGroup(t, q, "a", "a2", "") // visible now
		wantCounts(t, q, queue.Counts{Available: 1, Delayed: 1})
		m := receiveOne(t, q)
		if m.Body != "a2" {
			t.Fatalf("received %q, want a2 (a1 is still delayed)", m.Body)
		}
		clk.Advance(10 * time.Second)
		receiveNone(t, q) // a1 is visible now, but a2 of its group is in flight
		mustDelete(t, q, m.ReceiptHandle)
		wantBodies(t, receive(t, q, shortPoll(10)), "a1")
	})
}

func TestFIFOVisibility(t *testing.T) {
	t.Run("an expired message comes back first", func(t *testing.T) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(30)})
		for _, b := range []string{"a1", "a2", "a3"} {
			sendGroup(t, q, "a", b, "")
		}
		first := receiveOne(t, q)
		clk.Advance(30 * time.Second)
		msgs := receive(t, q, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), SystemAttributeNames: []string{"ApproximateReceiveCount"}})
		wantBodies(t, msgs, "a1", "a2", "a3")
		if msgs[0].ID != first.ID || msgs[0].System.ApproximateReceiveCount != 2 {
			t.Fatalf("first message is %s (receive count %d), want %s received twice", msgs[0].ID, msgs[0].System.ApproximateReceiveCount, first.ID)
		}
	})
	t.Run("extending a non-last message keeps the rest of its group blocked", func(t *testing.T) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(30)})
		for _, b := range []string{"a1", "a2", "a3"} {
			sendGroup(t, q, "a", b, "")
		}
		sendGroup(t, q, "b", "b1", "")
		msgs := receive(t, q, shortPoll(3))
		wantBodies(t, msgs, "a1", "a2", "a3")
		if err := q.ChangeVisibility(msgs[0].ReceiptHandle, 60*time.Second); err != nil {
			t.Fatal(err)
		}
		clk.Advance(30 * time.Second) // a2 and a3 are visible again; a1 is not
		wantCounts(t, q, queue.Counts{Available: 3, InFlight: 1})
		b1 := receive(t, q, shortPoll(10))
		wantBodies(t, b1, "b1")
		deleteAll(t, q, b1)
		clk.Advance(30 * time.Second)
		wantBodies(t, receive(t, q, shortPoll(10)), "a1", "a2", "a3")
	})
}

func TestFIFODeduplication(t *testing.T) {
	type send struct {
		group, body, dedup string
		advance            time.Duration // moved before the send
		wantDupOf          int           // index+1 of the send this one duplicates, 0 if new
	}
	tests := []struct {
		name  string
		cfg   queue.Config[string]
		sends []send
		// receiveDelete receives and deletes everything after the first send.
		receiveDelete bool
		wantBodies    []string
	}{
		{
			name: "duplicate within 5 minutes",
			sends: []send{
				{group: "g", body: "x", dedup: "d1"},
				{group: "g", body: "y", dedup: "d1", advance: 5*time.Minute - time.Nanosecond, wantDupOf: 1},
			},
			wantBodies: []string{"x"},
		},
		{
			name: "remembered after the original is received and deleted",
			sends: []send{
				{group: "g", body: "x", dedup: "d1"},
				{group: "g", body: "x", dedup: "d1", advance: time.Minute, wantDupOf: 1},
			},
			receiveDelete: true,
		},
		{
			name: "forgotten after 5 minutes",
			sends: []send{
				{group: "g", body: "x", dedup: "d1"},
				{group: "g", body: "x", dedup: "d1", advance: 5 * time.Minute},
			},
			wantBodies: []string{"x", "x"},
		},
		{
			name: "scope queue: same id in another group is a duplicate",
			sends: []send{
				{group: "g1", body: "x", dedup: "d1"},
				{group: "g2", body: "y", dedup: "d1", wantDupOf: 1},
			},
			wantBodies: []string{"x"},
		},
		{
			name: "scope messageGroup: same id in another group is not a duplicate",
			cfg:  queue.Config[string]{DeduplicationScope: queue.DedupPerMessageGroup},
			sends: []send{
				{group: "g1", body: "x", dedup: "d1"},
				{group: "g2", body: "y", dedup: "d1"},
				{group: "g1", body: "z", dedup: "d1", wantDupOf: 1},
			},
			wantBodies: []string{"x", "y"},
		},
		{
			name: "content-based: same body is a duplicate, another body is not",
			cfg:  queue.Config[string]{ContentBasedDeduplication: true},
			sends: []send{
				{group: "g", body: "x"},
				{group: "g2", body: "x", wantDupOf: 1},
				{group: "g", body: "y"},
			},
			wantBodies: []string{"x", "y"},
		},
		{
			name: "content-based: an explicit id overrides the body's hash",
			cfg:  queue.Config[string]{ContentBasedDeduplication: true},
			sends: []send{
				{group: "g", body: "x", dedup: "i1"},
				{group: "g", body: "x", dedup: "i2"},
				{group: "g", body: "x"}, // its id is the SHA-256 of "x", not i1 or i2
			},
			wantBodies: []string{"x", "x", "x"},
		},
		{
			name: "content-based: the id is the hex SHA-256 of the body",
			cfg:  queue.Config[string]{ContentBasedDeduplication: true},
			sends: []send{
				{group: "g", body: "x"},
				{group: "g", body: "other", dedup: sha256Hex("x"), wantDupOf: 1},
			},
			wantBodies: []string{"x"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, clk := newFIFO(t, tt.cfg)
			var results []queue.SendResult
			for i, s := range tt.sends {
				clk.Advance(s.advance)
				res := sendGroup(t, q, s.group, s.body, s.dedup)
				if i == 0 && tt.receiveDelete {
					deleteAll(t, q, receiveN(t, q, 10, 1))
				}
				if s.wantDupOf > 0 {
					if orig := results[s.wantDupOf-1]; res != orig {
						t.Fatalf("send %d answered %+v, want the original's %+v", i, res, orig)
					}
				} else {
					for j, r := range results {
						if r.MessageID == res.MessageID || r.SequenceNumber == res.SequenceNumber {
							t.Fatalf("send %d answered %+v, the same as send %d (%+v)", i, res, j, r)
						}
					}
				}
				results = append(results, res)
			}
			var got []string
			for {
				msgs := receive(t, q, shortPoll(10))
				if len(msgs) == 0 {
					break
				}
				got = append(got, bodies(msgs)...)
				deleteAll(t, q, msgs)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.wantBodies) && len(got)+len(tt.wantBodies) > 0 {
				t.Fatalf("delivered %q, want %q", got, tt.wantBodies)
			}
		})
	}
}

func TestFIFODeduplicationAttributes(t *testing.T) {
	q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true})
	sendGroup(t, q, "g", "x", "")
	sendGroup(t, q, "h", "y", "explicit")
	msgs := receive(t, q, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), SystemAttributeNames: []string{"MessageDeduplicationId", "MessageGroupId"}})
	wantBodies(t, msgs, "x", "y")
	if got, want := msgs[0].System.MessageDeduplicationID, sha256Hex("x"); got != want {
		t.Errorf("content-based MessageDeduplicationId = %q, want %q", got, want)
	}
	if got := msgs[1].System.MessageDeduplicationID; got != "explicit" {
		t.Errorf("explicit MessageDeduplicationId = %q, want %q", got, "explicit")
	}
	if msgs[0].System.MessageGroupID != "g" || msgs[1].System.MessageGroupID != "h" {
		t.Errorf("MessageGroupIds = %q, %q, want g, h", msgs[0].System.MessageGroupID, msgs[1].System.MessageGroupID)
	}
}

var twentyDigits = regexp.MustCompile(`^[0-9]{20}$`)

func TestFIFOSequenceNumbers(t *testing.T) {
	q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true})
	var seqs []string
	for i := range 5 {
		seqs = append(seqs, sendGroup(t, q, fmt.Sprintf("g%d", i%2), fmt.Sprintf("m%d", i), "").SequenceNumber.String())
	}
	res, err := q.SendBatch([]queue.SendBatchEntry[string]{
		{ID: "a", SendInput: queue.SendInput[string]{Body: "b0", GroupID: "g1"}},
		{ID: "b", SendInput: queue.SendInput[string]{Body: "b1", GroupID: "g0"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		seqs = append(seqs, r.SequenceNumber.String())
	}
	for i, s := range seqs {
		if !twentyDigits.MatchString(s) {
			t.Fatalf("SequenceNumber %q is not 20 decimal digits", s)
		}
		if i > 0 && s <= seqs[i-1] { // equal lengths: text order is numeric order
			t.Fatalf("SequenceNumbers %q do not increase", seqs)
		}
	}
	var received []string
	for {
		msgs := receive(t, q, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), SystemAttributeNames: []string{"SequenceNumber"}})
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			received = append(received, m.System.SequenceNumber.String())
		}
		deleteAll(t, q, msgs)
	}
	slices.Sort(received)
	if !slices.Equal(received, seqs) {
		t.Fatalf("received SequenceNumbers %q, want the sent %q", received, seqs)
	}
}

func TestFIFOSendBatch(t *testing.T) {
	q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true})
	groups := []string{"a", "b", "a", "a", "b", "a", "c", "a", "b", "a"}
	var entries []queue.SendBatchEntry[string]
	for i, id := range batchIDs(len(groups)) {
		entries = append(entries, queue.SendBatchEntry[string]{ID: id, SendInput: queue.SendInput[string]{
			Body: fmt.Sprintf("%s%d", groups[i], i), GroupID: groups[i],
		}})
	}
	// A repeated body inside the batch is a duplicate of the earlier entry.
	entries[9].Body = entries[0].Body
	res, err := q.SendBatch(entries)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(entries) {
		t.Fatalf("%d results for %d entries", len(res), len(entries))
	}
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("entry %d: %v", i, r.Err)
		}
		if i > 0 && i < 9 && r.SequenceNumber <= res[i-1].SequenceNumber {
			t.Fatalf("entry %d has sequence number %s after %s: not stored in request order", i, r.SequenceNumber, res[i-1].SequenceNumber)
		}
	}
	if res[9].SendResult != res[0].SendResult {
		t.Fatalf("duplicate entry answered %+v, want the first entry's %+v", res[9].SendResult, res[0].SendResult)
	}
	wantBodies(t, receive(t, q, shortPoll(10)), "a0", "a2", "a3", "a5", "a7", "b1", "b4", "b8", "c6")
}

func TestFIFOReceiptHandles(t *testing.T) {
	expired := func(h queue.ReceiptHandle) string {
		return fmt.Sprintf("Value %s for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.", h)
	}
	t.Run("delete after the visibility timeout fails as expired", func(t *testing.T) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(30)})
		sendGroup(t, q, "g", "x", "")
		m := receiveOne(t, q)
		clk.Advance(30 * time.Second)
		wantErr(t, q.Delete(m.ReceiptHandle), queue.ErrInvalidParameterValue, expired(m.ReceiptHandle))
		wantCounts(t, q, queue.Counts{Available: 1}) // nothing deleted
		wantErr(t, q.ChangeVisibility(m.ReceiptHandle, time.Minute), queue.ErrInvalidParameterValue, expired(m.ReceiptHandle))
		again := receiveOne(t, q)
		if again.ID != m.ID {
			t.Fatalf("received %s, want %s again", again.ID, m.ID)
		}
		// The first handle stays stale once the message is received again.
		wantErr(t, q.Delete(m.ReceiptHandle), queue.ErrInvalidParameterValue, expired(m.ReceiptHandle))
		mustDelete(t, q, again.ReceiptHandle)
		wantCounts(t, q, queue.Counts{})
	})
	t.Run("delete within an extended window succeeds", func(t *testing.T) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(30)})
		sendGroup(t, q, "g", "x", "")
		m := receiveOne(t, q)
		clk.Advance(20 * time.Second)
		if err := q.ChangeVisibility(m.ReceiptHandle, time.Minute); err != nil {
			t.Fatal(err)
		}
		clk.Advance(20 * time.Second) // past the first 30 s, inside the extension
		mustDelete(t, q, m.ReceiptHandle)
		wantCounts(t, q, queue.Counts{})
		receiveNone(t, q)
	})
	t.Run("delete batch reports an expired handle per entry", func(t *testing.T) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(30)})
		sendGroup(t, q, "g", "x", "")
		sendGroup(t, q, "h", "y", "")
		msgs := receiveN(t, q, 10, 2)
		clk.Advance(20 * time.Second)
		if err := q.ChangeVisibility(msgs[1].ReceiptHandle, time.Minute); err != nil {
			t.Fatal(err)
		}
		clk.Advance(10 * time.Second)
		failed, err := q.DeleteBatch([]queue.BatchEntry{{ID: "x", ReceiptHandle: msgs[0].ReceiptHandle}, {ID: "y", ReceiptHandle: msgs[1].ReceiptHandle}})
		if err != nil {
			t.Fatal(err)
		}
		if len(failed) != 1 || failed[0].ID != "x" {
			t.Fatalf("DeleteBatch failures = %+v, want entry x only", failed)
		}
		wantErr(t, failed[0].Err, queue.ErrInvalidParameterValue, expired(msgs[0].ReceiptHandle))
		wantCounts(t, q, queue.Counts{Available: 1})
	})
}

func TestFIFOReceiveRequestAttemptID(t *testing.T) {
	attemptOpts := func(id string) queue.ReceiveOptions {
		return queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), ReceiveRequestAttemptID: id}
	}
	setup := func(t *testing.T) (*queue.Queue[string], *clock.Manual) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(30)})
		sendGroup(t, q, "a", "a1", "")
		sendGroup(t, q, "a", "a2", "")
		sendGroup(t, q, "b", "b1", "")
		return q, clk
	}
	handles := func(msgs []queue.Message[string]) []queue.ReceiptHandle {
		var hs []queue.ReceiptHandle
		for _, m := range msgs {
			hs = append(hs, m.ReceiptHandle)
		}
		return hs
	}
	t.Run("a retry returns the same messages and handles and restarts visibility", func(t *testing.T) {
		q, clk := setup(t)
		first := receive(t, q, attemptOpts("try-1"))
		wantBodies(t, first, "a1", "a2", "b1")
		clk.Advance(20 * time.Second)
		retry := receive(t, q, attemptOpts("try-1"))
		wantBodies(t, retry, "a1", "a2", "b1")
		if !slices.Equal(handles(retry), handles(first)) {
			t.Fatalf("retry handles %v, want the first receive's %v", handles(retry), handles(first))
		}
		clk.Advance(20 * time.Second) // 40 s after the receive, 20 s after the retry
		wantCounts(t, q, queue.Counts{InFlight: 3})
		receiveNone(t, q)
		clk.Advance(10 * time.Second)
		wantCounts(t, q, queue.Counts{Available: 3})
		// The retried handles are the current ones until the next receive.
		for _, h := range handles(retry) {
			wantErr(t, q.Delete(h), queue.ErrInvalidParameterValue, "")
		}
	})
	t.Run("another attempt id receives afresh", func(t *testing.T) {
		q, _ := setup(t)
		receiveN(t, q, 1, 1)
		wantBodies(t, receive(t, q, attemptOpts("other")), "b1")
	})
	t.Run("after a delete a retry receives afresh", func(t *testing.T) {
		q, _ := setup(t)
		first := receive(t, q, queue.ReceiveOptions{MaxMessages: 1, WaitTime: dur(0), ReceiveRequestAttemptID: "try-1"})
		wantBodies(t, first, "a1")
		mustDelete(t, q, first[0].ReceiptHandle)
		retry := receive(t, q, queue.ReceiveOptions{MaxMessages: 1, WaitTime: dur(0), ReceiveRequestAttemptID: "try-1"})
		wantBodies(t, retry, "b1") // group b's turn: a went to the back when a1 was deleted
	})
	t.Run("after a visibility change a retry receives afresh", func(t *testing.T) {
		// AWS: a retry returns the same messages only "if none of the
		// messages have been modified (deleted or had their visibility
		// changes)"; the engine's own doc says the same.
		q, clk := setup(t)
		first := receive(t, q, attemptOpts("try-1"))
		wantBodies(t, first, "a1", "a2", "b1")
		if err := q.ChangeVisibility(first[0].ReceiptHandle, time.Minute); err != nil {
			t.Fatal(err)
		}
		retry := receive(t, q, attemptOpts("try-1"))
		for _, m := range retry {
			if slices.Contains(handles(first), m.ReceiptHandle) {
				t.Fatalf("retry after a visibility change returned %s with its first handle again", m.Body)
			}
		}
		// Nor does the retry undo the change: a1 stays invisible for its minute.
		clk.Advance(30 * time.Second)
		wantCounts(t, q, queue.Counts{Available: 2, InFlight: 1})
	})
	t.Run("a retry after 5 minutes receives afresh", func(t *testing.T) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(3600)})
		sendGroup(t, q, "a", "a1", "")
		wantBodies(t, receive(t, q, attemptOpts("try-1")), "a1")
		clk.Advance(5*time.Minute - time.Nanosecond)
		wantBodies(t, receive(t, q, attemptOpts("try-1")), "a1")
		clk.Advance(5 * time.Minute) // past the window of the retry too
		wantBodies(t, receive(t, q, attemptOpts("try-1")))
	})
}

// TestFIFOInFlightLimitWakesLongPoll: a long poll that found a FIFO queue
// at its in-flight limit returns as soon as a delete frees a place and a
// message is available, not when its wait time runs out.
func TestFIFOInFlightLimitWakesLongPoll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true}, queue.WithInFlightLimit(1))
		sendGroup(t, q, "a", "a1", "")
		sendGroup(t, q, "b", "b1", "")
		a1 := receiveOne(t, q)
		ch := receiveAsync(t.Context(), q, queue.ReceiveOptions{WaitTime: dur(20 * time.Second)})
		synctest.Wait()
		notReturned(t, ch)                 // at the limit: nothing, and no error
		mustDelete(t, q, a1.ReceiptHandle) // frees the place; b1 is available
		synctest.Wait()
		select {
		case r := <-ch:
			if r.err != nil || !slices.Equal(bodies(r.msgs), []string{"b1"}) {
				t.Fatalf("long poll returned %q, %v; want b1", bodies(r.msgs), r.err)
			}
		default:
			clk.Advance(20 * time.Second)
			r := awaitResult(t, ch)
			t.Fatalf("long poll not woken by the delete that freed the in-flight limit; after its 20 s wait it returned %q", bodies(r.msgs))
		}
	})
}

func TestFIFOInFlightLimit(t *testing.T) {
	q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true}, queue.WithInFlightLimit(2))
	for _, g := range []string{"a", "b", "c"} {
		sendGroup(t, q, g, g+"1", "")
	}
	first := receive(t, q, shortPoll(10))
	wantBodies(t, first, "a1", "b1")
	msgs, err := q.Receive(context.Background(), shortPoll(10))
	if err != nil || len(msgs) != 0 {
		t.Fatalf("receive at the limit = %d messages, %v; want none and no error", len(msgs), err)
	}
	wantCounts(t, q, queue.Counts{Available: 1, InFlight: 2})
	mustDelete(t, q, first[0].ReceiptHandle)
	wantBodies(t, receive(t, q, shortPoll(10)), "c1")
}

// A group holding only a delayed message is idle and may be swept with the
// other idle groups; when the delay ends the message must rejoin the group
// the later sends went to, in sequence order, not a second group.
func TestFIFODelayedMessageOutlivesGroupSweep(t *testing.T) {
	q, clk := newQueue(t, queue.Config[string]{FIFO: true, ContentBasedDeduplication: true})
	mustSendInput(t, q, queue.SendInput[string]{Body: "A", GroupID: "G"})
	cfg := q.Config()
	cfg.Delay = time.Minute
	if err := q.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	mustSendInput(t, q, queue.SendInput[string]{Body: "B", GroupID: "G"}) // delayed
	cfg.Delay = 0
	if err := q.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	mustDelete(t, q, receiveOne(t, q).ReceiptHandle) // A; G now holds only the delayed B
	for i := range 1100 {                            // enough idle groups to sweep G out
		mustSendInput(t, q, queue.SendInput[string]{Body: fmt.Sprint("x", i), GroupID: fmt.Sprint("x", i)})
		mustDelete(t, q, receiveOne(t, q).ReceiptHandle)
	}
	mustSendInput(t, q, queue.SendInput[string]{Body: "C", GroupID: "G"})
	clk.Advance(time.Minute)
	if got := bodies(receive(t, q, shortPoll(10))); !slices.Equal(got, []string{"B", "C"}) {
		t.Fatalf("group G: got %q, want [B C]: one group, in order", got)
	}
	if got := receive(t, q, shortPoll(10)); len(got) != 0 {
		t.Fatalf("a second receive got %q while group G is in flight", bodies(got))
	}
}

// Deleting a FIFO message twice with its current handle succeeds: the
// message is gone, not expired.
func TestFIFODeleteTwice(t *testing.T) {
	q, _ := newQueue(t, queue.Config[string]{FIFO: true, ContentBasedDeduplication: true})
	mustSendInput(t, q, queue.SendInput[string]{Body: "a", GroupID: "g"})
	h := receiveOne(t, q).ReceiptHandle
	mustDelete(t, q, h)
	if err := q.Delete(h); err != nil {
		t.Fatalf("second delete: %v, want nil", err)
	}
}
