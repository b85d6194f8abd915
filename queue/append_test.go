package queue_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/queue"
)

// Tests of AppendSendBatch and AppendReceive: results and messages go after
// dst's contents, a call that fails returns dst as it was (length, capacity,
// array and contents), and a reused slice carries nothing over from what it
// held before.

// dstCase is a dst to append to: prior elements that must survive the
// append, then spare capacity filled with stale elements that an append
// which did not fill in every field would leak.
type dstCase struct {
	name  string
	prior int // elements before the append
	spare int // capacity after them, holding stale elements
}

var dstCases = []dstCase{
	{"nil", 0, 0},
	{"2 prior, no spare capacity", 2, 0},
	{"2 prior, spare capacity", 2, 10},
	{"empty, spare capacity", 0, 10},
}

// makeDst returns c's dst: c.prior elements of prior, then c.spare elements
// of capacity holding stale; nil when c has no capacity at all.
func makeDst[E any](prior []E, stale E, c dstCase) []E {
	if c.prior+c.spare == 0 {
		return nil
	}
	s := make([]E, c.prior+c.spare)
	for i := copy(s, prior[:c.prior]); i < len(s); i++ {
		s[i] = stale
	}
	return s[:c.prior]
}

// sameArray reports whether a and b start at the same array element.
func sameArray[E any](a, b []E) bool {
	return cap(a) > 0 && cap(b) > 0 && &a[:1][0] == &b[:1][0]
}

// wantPrefix fails the test unless got starts with before.
func wantPrefix[E any](t testing.TB, got, before []E) {
	t.Helper()
	if len(got) < len(before) {
		t.Fatalf("returned %d elements, fewer than dst's %d", len(got), len(before))
	}
	if len(before) > 0 && !reflect.DeepEqual(got[:len(before)], before) {
		t.Fatalf("dst's elements changed:\n got %+v\nwant %+v", got[:len(before)], before)
	}
}

// wantDstUnchanged fails the test unless got is dst as it was: the same
// length, capacity and array (nil for nil), holding before.
func wantDstUnchanged[E any](t testing.TB, got, dst, before []E) {
	t.Helper()
	if len(got) != len(dst) || cap(got) != cap(dst) || (got == nil) != (dst == nil) {
		t.Fatalf("returned len %d cap %d (nil %t), want dst's len %d cap %d (nil %t)",
			len(got), cap(got), got == nil, len(dst), cap(dst), dst == nil)
	}
	if cap(dst) > 0 && !sameArray(got, dst) {
		t.Fatal("returned a different array from dst's")
	}
	wantPrefix(t, got, before)
}

// priorMessages receives three messages, with their message and system
// attributes, from a queue of their own: two to put in a dst, and one to
// leave as stale capacity after them.
func priorMessages(t *testing.T) (prior []queue.Message[string], stale queue.Message[string]) {
	t.Helper()
	q, _ := newQueue(t, queue.Config[string]{Name: "prior"})
	for _, b := range []string{"prior-0", "prior-1", "stale"} {
		mustSendInput(t, q, queue.SendInput[string]{
			Body:           b,
			Attributes:     map[string]queue.Attribute{"from": strAttr(b)},
			AWSTraceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793",
		})
	}
	msgs := receive(t, q, allAttributes)
	if len(msgs) != 3 || msgs[2].Attributes == nil || msgs[2].System == nil {
		t.Fatalf("prior receive returned %+v", msgs)
	}
	return msgs[:2], msgs[2]
}

var errStale = errors.New("stale result")

// priorResults sends three messages to a FIFO queue of its own, so that
// every result has a sequence number: two results to put in a dst, and one,
// with an error too, to leave as stale capacity after them.
func priorResults(t *testing.T) (prior []queue.SendBatchResult, stale queue.SendBatchResult) {
	t.Helper()
	q, _ := newFIFO(t, queue.Config[string]{Name: "prior.fifo", ContentBasedDeduplication: true})
	entries := sendEntries("prior-0", "prior-1", "stale")
	for i := range entries {
		entries[i].GroupID = "g"
	}
	res, err := q.SendBatch(entries)
	if err != nil || len(res) != 3 {
		t.Fatalf("prior SendBatch = %+v, %v", res, err)
	}
	for _, r := range res {
		if r.Err != nil || r.SequenceNumber == 0 {
			t.Fatalf("prior SendBatch result %+v", r)
		}
	}
	stale = res[2]
	stale.Err = errStale
	return res[:2], stale
}

// entriesWithIDs returns send batch entries with the given ids, body "b".
func entriesWithIDs(ids ...string) []queue.SendBatchEntry[string] {
	es := make([]queue.SendBatchEntry[string], len(ids))
	for i, id := range ids {
		es[i] = queue.SendBatchEntry[string]{ID: id, SendInput: queue.SendInput[string]{Body: "b"}}
	}
	return es
}

// ---------------------------------------------------------------- AppendSendBatch

func TestAppendSendBatch(t *testing.T) {
	prior, stale := priorResults(t)
	type in = queue.SendInput[string]
	tests := []struct {
		name    string
		fifo    bool
		entries []queue.SendBatchEntry[string]
		errs    []error     // per entry: nil for success, else the sentinel its error matches
		dups    map[int]int // entry index → index of the earlier entry it duplicates
		want    []string    // bodies a receive then returns, in order
	}{
		{
			name: "standard",
			entries: []queue.SendBatchEntry[string]{
				{ID: "a", SendInput: in{Body: "a"}},
				{ID: "empty", SendInput: in{Body: ""}},
				{ID: "c", SendInput: in{Body: "c", Delay: dur(0)}},
				{ID: "dedup", SendInput: in{Body: "d", DeduplicationID: "x"}}, // fails once admitted, under the lock
				{ID: "delay", SendInput: in{Body: "e", Delay: dur(16 * time.Minute)}},
				{ID: "f", SendInput: in{Body: "f", Attributes: map[string]queue.Attribute{"k": strAttr("v")}}},
			},
			errs: []error{nil, queue.ErrMissingParameter, nil, queue.ErrInvalidParameterValue, queue.ErrInvalidParameterValue, nil},
			want: []string{"a", "c", "f"},
		},
		{
			name: "fifo",
			fifo: true,
			entries: []queue.SendBatchEntry[string]{
				{ID: "a", SendInput: in{Body: "a", GroupID: "g1"}},
				{ID: "nogroup", SendInput: in{Body: "b"}},
				{ID: "c", SendInput: in{Body: "c", GroupID: "g1"}},
				{ID: "dup", SendInput: in{Body: "a", GroupID: "g1"}},
				{ID: "delay", SendInput: in{Body: "d", GroupID: "g1", Delay: dur(5 * time.Second)}},
				{ID: "e", SendInput: in{Body: "e", GroupID: "g2"}},
			},
			errs: []error{nil, queue.ErrMissingParameter, nil, nil, queue.ErrInvalidParameterValue, nil},
			dups: map[int]int{3: 0},
			want: []string{"a", "c", "e"},
		},
	}
	for _, tt := range tests {
		for _, dc := range dstCases {
			t.Run(tt.name+"/"+dc.name, func(t *testing.T) {
				q, _ := newQueue(t, queue.Config[string]{FIFO: tt.fifo, ContentBasedDeduplication: tt.fifo})
				dst := makeDst(prior, stale, dc)
				before := slices.Clone(dst)
				got, err := q.AppendSendBatch(dst, tt.entries)
				if err != nil {
					t.Fatalf("AppendSendBatch: %v", err)
				}
				if len(got) != len(dst)+len(tt.entries) {
					t.Fatalf("returned %d results, want %d prior + %d", len(got), len(dst), len(tt.entries))
				}
				wantPrefix(t, got, before)
				if cap(dst)-len(dst) >= len(tt.entries) && !sameArray(got, dst) {
					t.Error("results did not go into dst's spare capacity")
				}
				res := got[len(dst):]
				var sent []queue.MessageID
				for i, r := range res {
					if tt.errs[i] != nil {
						if !errors.Is(r.Err, tt.errs[i]) {
							t.Errorf("entry %d (%s): error %v, want one matching %v", i, tt.entries[i].ID, r.Err, tt.errs[i])
						}
						if r.SendResult != (queue.SendResult{}) {
							t.Errorf("failed entry %d (%s) answered %+v", i, tt.entries[i].ID, r.SendResult)
						}
						continue
					}
					if r.Err != nil {
						t.Errorf("entry %d (%s): %v", i, tt.entries[i].ID, r.Err)
						continue
					}
					if r.MessageID == (queue.MessageID{}) {
						t.Errorf("entry %d (%s) has no message id", i, tt.entries[i].ID)
					}
					if (r.SequenceNumber != 0) != tt.fifo {
						t.Errorf("entry %d (%s) has sequence number %d on a FIFO=%t queue", i, tt.entries[i].ID, r.SequenceNumber, tt.fifo)
					}
					if j, ok := tt.dups[i]; ok {
						if r.SendResult != res[j].SendResult {
							t.Errorf("duplicate entry %d answered %+v, want entry %d's %+v", i, r.SendResult, j, res[j].SendResult)
						}
						continue
					}
					sent = append(sent, r.MessageID)
				}
				msgs := receive(t, q, shortPoll(10))
				wantBodies(t, msgs, tt.want...)
				for i, m := range msgs {
					if m.ID != sent[i] {
						t.Errorf("message %q has id %s, want its result's %s", m.Body, m.ID, sent[i])
					}
				}
			})
		}
	}
}

func TestAppendSendBatchError(t *testing.T) {
	prior, stale := priorResults(t)
	big := strings.Repeat("x", 600<<10)
	tests := []struct {
		name    string
		entries []queue.SendBatchEntry[string]
		target  error
		msg     string
	}{
		{"empty batch", nil, queue.ErrEmptyBatchRequest, "There should be at least one SendMessageBatchRequestEntry in the request."},
		{"11 entries", sendEntries(slices.Repeat([]string{"b"}, 11)...), queue.ErrTooManyEntriesInBatchRequest,
			"Maximum number of entries per request are 10. You have sent 11."},
		{"repeated ids", entriesWithIDs("a", "b", "a"), queue.ErrBatchEntryIdsNotDistinct, "Id a repeated."},
		{"invalid id", entriesWithIDs("a", "b.c"), queue.ErrInvalidBatchEntryID, ""},
		{"over 1 MiB in all", sendEntries("small", big, big), queue.ErrBatchRequestTooLong,
			fmt.Sprintf("Batch requests cannot be longer than 1048576 bytes. You have sent %d bytes.", 5+2*len(big))},
		{"over 1 MiB after a failing entry", sendEntries("", big, big), queue.ErrBatchRequestTooLong, ""},
	}
	for _, tt := range tests {
		for _, dc := range dstCases {
			t.Run(tt.name+"/"+dc.name, func(t *testing.T) {
				q, _ := newQueue(t, queue.Config[string]{})
				mustSend(t, q, "existing")
				dst := makeDst(prior, stale, dc)
				before := slices.Clone(dst)
				got, err := q.AppendSendBatch(dst, tt.entries)
				wantErr(t, err, tt.target, tt.msg)
				wantStatus(t, err, 400)
				wantDstUnchanged(t, got, dst, before)
				wantCounts(t, q, queue.Counts{Available: 1})
				wantBodies(t, receive(t, q, shortPoll(10)), "existing")
			})
		}
	}
}

// ---------------------------------------------------------------- AppendReceive

func TestAppendReceive(t *testing.T) {
	prior, stale := priorMessages(t)
	tests := []struct {
		name     string
		setup    func(t *testing.T) *queue.Queue[string]
		opts     queue.ReceiveOptions
		want     []string
		anyOrder bool // lanes return messages in no particular order
		left     int  // messages still available afterwards
	}{
		{
			name: "standard",
			setup: func(t *testing.T) *queue.Queue[string] {
				q, _ := newQueue(t, queue.Config[string]{})
				for _, b := range []string{"a", "b", "c"} {
					mustSend(t, q, b)
				}
				return q
			},
			opts: shortPoll(10),
			want: []string{"a", "b", "c"},
		},
		{
			name: "standard, fewer than are available",
			setup: func(t *testing.T) *queue.Queue[string] {
				q, _ := newQueue(t, queue.Config[string]{})
				for _, b := range []string{"a", "b", "c"} {
					mustSend(t, q, b)
				}
				return q
			},
			opts: shortPoll(2),
			want: []string{"a", "b"},
			left: 1,
		},
		{
			name: "fifo",
			setup: func(t *testing.T) *queue.Queue[string] {
				q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true})
				sendGroup(t, q, "g1", "a1", "")
				sendGroup(t, q, "g2", "b1", "")
				sendGroup(t, q, "g1", "a2", "")
				return q
			},
			opts: shortPoll(10),
			want: []string{"a1", "a2", "b1"},
		},
		{
			name: "lanes",
			setup: func(t *testing.T) *queue.Queue[string] {
				q, _ := newLaned(t, queue.Config[string]{})
				spreadSend(t, q, "a", "b", "c", "d", "e", "f")
				return q
			},
			opts:     shortPoll(10),
			want:     []string{"a", "b", "c", "d", "e", "f"},
			anyOrder: true,
		},
		{
			name: "lanes, fewer than are available",
			setup: func(t *testing.T) *queue.Queue[string] {
				q, _ := newLaned(t, queue.Config[string]{})
				spreadSend(t, q, "a", "b", "c", "d", "e", "f")
				return q
			},
			opts:     shortPoll(5),
			want:     nil, // any 5
			anyOrder: true,
			left:     1,
		},
	}
	for _, tt := range tests {
		for _, dc := range dstCases {
			t.Run(tt.name+"/"+dc.name, func(t *testing.T) {
				q := tt.setup(t)
				dst := makeDst(prior, stale, dc)
				before := slices.Clone(dst)
				got, err := q.AppendReceive(context.Background(), dst, tt.opts)
				if err != nil {
					t.Fatalf("AppendReceive: %v", err)
				}
				n := tt.opts.MaxMessages // with want nil: any n of the messages
				if tt.want != nil {
					n = len(tt.want)
				}
				if len(got) != len(dst)+n {
					t.Fatalf("returned %d messages, want %d prior + %d", len(got), len(dst), n)
				}
				wantPrefix(t, got, before)
				if cap(dst)-len(dst) >= n && !sameArray(got, dst) {
					t.Error("messages did not go into dst's spare capacity")
				}
				added := got[len(dst):]
				if tt.want != nil {
					b := bodies(added)
					if tt.anyOrder {
						slices.Sort(b)
					}
					if !slices.Equal(b, tt.want) {
						t.Fatalf("appended bodies %q, want %q", b, tt.want)
					}
				}
				handles := map[queue.ReceiptHandle]bool{}
				for _, m := range added {
					if m.ID == (queue.MessageID{}) || handles[m.ReceiptHandle] {
						t.Errorf("message %q: id %s, handle %v repeated %t", m.Body, m.ID, m.ReceiptHandle, handles[m.ReceiptHandle])
					}
					handles[m.ReceiptHandle] = true
					if m.Attributes != nil || m.System != nil {
						t.Errorf("message %q has attributes %v and system attributes %+v, none selected", m.Body, m.Attributes, m.System)
					}
				}
				wantCounts(t, q, queue.Counts{Available: tt.left, InFlight: n})
				deleteAll(t, q, added) // the handles are real
				wantCounts(t, q, queue.Counts{Available: tt.left})
			})
		}
	}
}

func TestAppendReceiveError(t *testing.T) {
	prior, stale := priorMessages(t)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	const badAttempt = "Reason: ReceiveRequestAttemptId can only include alphanumeric and punctuation characters. 1 to 128 in length."
	long := strings.Repeat("a", 129)
	tests := []struct {
		name   string
		fifo   bool
		limit  int // in-flight limit, reached before the receive; 0 for none
		ctx    context.Context
		opts   queue.ReceiveOptions
		target error
		msg    string
	}{
		{name: "max 11", opts: queue.ReceiveOptions{MaxMessages: 11, WaitTime: dur(0)}, target: queue.ErrInvalidParameterValue,
			msg: "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."},
		{name: "max -1", opts: queue.ReceiveOptions{MaxMessages: -1}, target: queue.ErrInvalidParameterValue,
			msg: "Value -1 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."},
		{name: "wait 21s", opts: queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(21 * time.Second)}, target: queue.ErrInvalidParameterValue,
			msg: "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."},
		{name: "visibility 12h+1s", opts: queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), VisibilityTimeout: dur(12*time.Hour + time.Second)},
			target: queue.ErrInvalidParameterValue},
		{name: "attempt id with a space", fifo: true, opts: queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), ReceiveRequestAttemptID: "a b"},
			target: queue.ErrInvalidParameterValue, msg: "Value a b for parameter ReceiveRequestAttemptId is invalid. " + badAttempt},
		{name: "attempt id of 129 characters", fifo: true, opts: queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), ReceiveRequestAttemptID: long},
			target: queue.ErrInvalidParameterValue, msg: "Value " + long + " for parameter ReceiveRequestAttemptId is invalid. " + badAttempt},
		{name: "unknown system attribute", opts: queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), SystemAttributeNames: []string{"Colour"}},
			target: queue.ErrInvalidAttributeName},
		{name: "cancelled context", ctx: cancelled, opts: shortPoll(10), target: context.Canceled},
		{name: "cancelled context, fifo", fifo: true, ctx: cancelled, opts: shortPoll(10), target: context.Canceled},
		{name: "cancelled context, long poll", ctx: cancelled, opts: queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(20 * time.Second)}, target: context.Canceled},
		{name: "standard queue at its in-flight limit", limit: 1, opts: shortPoll(10), target: queue.ErrOverLimit,
			msg: "The maximum number of in flight messages (1) has been reached."},
	}
	for _, tt := range tests {
		for _, dc := range dstCases {
			t.Run(tt.name+"/"+dc.name, func(t *testing.T) {
				var opts []queue.Option
				if tt.limit > 0 {
					opts = append(opts, queue.WithInFlightLimit(tt.limit))
				}
				q, _ := newQueue(t, queue.Config[string]{FIFO: tt.fifo, ContentBasedDeduplication: tt.fifo}, opts...)
				sendTo(t, q, "m1")
				sendTo(t, q, "m2")
				if tt.limit > 0 {
					receiveN(t, q, tt.limit, tt.limit)
				}
				counts := q.Counts()
				ctx := tt.ctx
				if ctx == nil {
					ctx = context.Background()
				}
				dst := makeDst(prior, stale, dc)
				before := slices.Clone(dst)
				got, err := q.AppendReceive(ctx, dst, tt.opts)
				wantErr(t, err, tt.target, tt.msg)
				wantDstUnchanged(t, got, dst, before)
				wantCounts(t, q, counts)
			})
		}
	}
}

func TestAppendReceiveNothing(t *testing.T) {
	prior, stale := priorMessages(t)
	tests := []struct {
		name  string
		setup func(t *testing.T) *queue.Queue[string]
	}{
		{"empty queue", func(t *testing.T) *queue.Queue[string] {
			q, _ := newQueue(t, queue.Config[string]{})
			return q
		}},
		{"only in-flight messages", func(t *testing.T) *queue.Queue[string] {
			q, _ := newQueue(t, queue.Config[string]{})
			mustSend(t, q, "m")
			receiveOne(t, q)
			return q
		}},
		{"only delayed messages", func(t *testing.T) *queue.Queue[string] {
			q, _ := newQueue(t, queue.Config[string]{Delay: 10 * time.Second})
			mustSend(t, q, "m")
			return q
		}},
		{"fifo group in flight", func(t *testing.T) *queue.Queue[string] {
			q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true})
			sendGroup(t, q, "g", "m1", "")
			sendGroup(t, q, "g", "m2", "")
			receiveOne(t, q)
			return q
		}},
		{"fifo at its in-flight limit", func(t *testing.T) *queue.Queue[string] {
			q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true}, queue.WithInFlightLimit(1))
			sendGroup(t, q, "g1", "m1", "")
			sendGroup(t, q, "g2", "m2", "")
			receiveOne(t, q)
			return q
		}},
		{"empty lanes", func(t *testing.T) *queue.Queue[string] {
			q, _ := newLaned(t, queue.Config[string]{})
			return q
		}},
	}
	for _, tt := range tests {
		for _, dc := range dstCases {
			t.Run(tt.name+"/"+dc.name, func(t *testing.T) {
				q := tt.setup(t)
				counts := q.Counts()
				dst := makeDst(prior, stale, dc)
				before := slices.Clone(dst)
				got, err := q.AppendReceive(context.Background(), dst, shortPoll(10))
				if err != nil {
					t.Fatalf("AppendReceive: %v", err)
				}
				wantDstUnchanged(t, got, dst, before)
				wantCounts(t, q, counts)
			})
		}
	}
}

// appendReceiveAsync starts q.AppendReceive(ctx, dst, opts) in a goroutine
// and returns the channel its result arrives on.
func appendReceiveAsync[T any](ctx context.Context, q *queue.Queue[T], dst []queue.Message[T], opts queue.ReceiveOptions) <-chan receiveResult[T] {
	ch := make(chan receiveResult[T], 1)
	go func() {
		msgs, err := q.AppendReceive(ctx, dst, opts)
		ch <- receiveResult[T]{msgs, err}
	}()
	return ch
}

func TestAppendReceiveLongPoll(t *testing.T) {
	prior, stale := priorMessages(t)
	wait20 := queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(20 * time.Second)}
	for _, dc := range dstCases {
		t.Run("woken by a send/"+dc.name, func(t *testing.T) {
			q, clk := newQueue(t, queue.Config[string]{})
			dst := makeDst(prior, stale, dc)
			before := slices.Clone(dst)
			ch := appendReceiveAsync(context.Background(), q, dst, wait20)
			waitForTimers(t, clk, 1)
			notReturned(t, ch)
			sent := mustSend(t, q, "x")
			r := awaitResult(t, ch)
			if r.err != nil || len(r.msgs) != len(dst)+1 {
				t.Fatalf("AppendReceive = %d messages, %v; want %d prior + 1", len(r.msgs), r.err, len(dst))
			}
			wantPrefix(t, r.msgs, before)
			if m := r.msgs[len(dst)]; m.ID != sent.MessageID || m.Body != "x" || m.Attributes != nil || m.System != nil {
				t.Fatalf("appended %+v, want message %s %q with nothing selected", m, sent.MessageID, "x")
			}
		})
		t.Run("wait time passes/"+dc.name, func(t *testing.T) {
			q, clk := newQueue(t, queue.Config[string]{})
			dst := makeDst(prior, stale, dc)
			before := slices.Clone(dst)
			ch := appendReceiveAsync(context.Background(), q, dst, wait20)
			waitForTimers(t, clk, 1)
			clk.Advance(20 * time.Second)
			r := awaitResult(t, ch)
			if r.err != nil {
				t.Fatalf("AppendReceive: %v", r.err)
			}
			wantDstUnchanged(t, r.msgs, dst, before)
		})
		t.Run("cancelled while waiting/"+dc.name, func(t *testing.T) {
			q, clk := newQueue(t, queue.Config[string]{})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			dst := makeDst(prior, stale, dc)
			before := slices.Clone(dst)
			ch := appendReceiveAsync(ctx, q, dst, wait20)
			waitForTimers(t, clk, 1)
			cancel()
			r := awaitResult(t, ch)
			if !errors.Is(r.err, context.Canceled) {
				t.Fatalf("AppendReceive error %v, want %v", r.err, context.Canceled)
			}
			wantDstUnchanged(t, r.msgs, dst, before)
			mustSend(t, q, "late") // not taken by the cancelled receive
			wantCounts(t, q, queue.Counts{Available: 1})
		})
	}
}

// TestAppendReceiveReuseLeavesNoStaleFields receives a message with every
// attribute selected into a slice, deletes it, and receives another into
// the same slice's [:0]: nothing of the first may show through.
func TestAppendReceiveReuseLeavesNoStaleFields(t *testing.T) {
	const trace = "Root=1-5759e988-bd862e3fe1be46a994272793"
	tests := []struct {
		name       string
		second     queue.SendInput[string]
		opts       queue.ReceiveOptions
		wantSystem bool // SentTimestamp selected, and only it
	}{
		{"nothing selected", queue.SendInput[string]{Body: "plain"}, shortPoll(10), false},
		{"all attributes of a message with none",
			queue.SendInput[string]{Body: "plain"},
			queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), AttributeNames: []string{"All"}}, false},
		{"attribute names that match none",
			queue.SendInput[string]{Body: "sized", Attributes: map[string]queue.Attribute{"size": strAttr("L")}},
			queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), AttributeNames: []string{"color", "blob.*"}}, false},
		{"one system attribute",
			queue.SendInput[string]{Body: "plain"},
			queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), SystemAttributeNames: []string{"SentTimestamp"}}, true},
	}
	for _, tt := range tests {
		for _, fifo := range []bool{false, true} {
			t.Run(tt.name+"/"+typeName(fifo), func(t *testing.T) {
				q, _ := newQueue(t, queue.Config[string]{FIFO: fifo, ContentBasedDeduplication: fifo})
				first := queue.SendInput[string]{
					Body: "rich",
					Attributes: map[string]queue.Attribute{
						"color": strAttr("red"),
						"blob":  {DataType: "Binary", BinaryValue: []byte{1, 2, 3}},
					},
					AWSTraceHeader: trace,
				}
				second := tt.second
				if fifo {
					first.GroupID, second.GroupID = "g", "g"
				}
				mustSendInput(t, q, first)
				msgs, err := q.AppendReceive(context.Background(), make([]queue.Message[string], 0, 10), allAttributes)
				if err != nil || len(msgs) != 1 {
					t.Fatalf("first AppendReceive = %d messages, %v", len(msgs), err)
				}
				if m := msgs[0]; len(m.Attributes) != 2 || m.System == nil || m.System.AWSTraceHeader != trace || m.System.ApproximateReceiveCount != 1 {
					t.Fatalf("first message lacks what was selected: %+v, system %+v", m, m.System)
				}
				mustDelete(t, q, msgs[0].ReceiptHandle)
				sent := mustSendInput(t, q, second)

				got, err := q.AppendReceive(context.Background(), msgs[:0], tt.opts)
				if err != nil || len(got) != 1 {
					t.Fatalf("second AppendReceive = %d messages, %v", len(got), err)
				}
				if !sameArray(got, msgs) {
					t.Fatal("second receive did not reuse the slice's array")
				}
				m := got[0]
				if m.ID != sent.MessageID || m.Body != second.Body {
					t.Fatalf("received %s %q, want %s %q", m.ID, m.Body, sent.MessageID, second.Body)
				}
				if m.Attributes != nil {
					t.Errorf("Attributes = %v, want nil", m.Attributes)
				}
				if !tt.wantSystem {
					if m.System != nil {
						t.Errorf("System = %+v, want nil", m.System)
					}
					return
				}
				if m.System == nil {
					t.Fatal("System = nil, want SentTimestamp")
				}
				s := *m.System
				if !s.SentTimestamp.Equal(epoch) {
					t.Errorf("SentTimestamp = %v, want %v", s.SentTimestamp, epoch)
				}
				s.SentTimestamp = time.Time{}
				if s != (queue.SystemAttributes{}) {
					t.Errorf("unselected system attributes set: %+v", s)
				}
			})
		}
	}
}

// TestAppendReceiveAttemptRetry retries a FIFO receive, by its
// ReceiveRequestAttemptID, into a dst other than the first receive's: the
// retry appends the same messages with the same handles after dst's own.
func TestAppendReceiveAttemptRetry(t *testing.T) {
	prior, stale := priorMessages(t)
	attempt := func(id string) queue.ReceiveOptions {
		return queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), ReceiveRequestAttemptID: id}
	}
	for _, firstDst := range dstCases {
		for _, retryDst := range dstCases {
			t.Run("first into "+firstDst.name+"/retry into "+retryDst.name, func(t *testing.T) {
				ctx := context.Background()
				q, clk := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(30)})
				sendGroup(t, q, "a", "a1", "")
				sendGroup(t, q, "a", "a2", "")
				sendGroup(t, q, "b", "b1", "")

				dst1 := makeDst(prior, stale, firstDst)
				before1 := slices.Clone(dst1)
				first, err := q.AppendReceive(ctx, dst1, attempt("try-1"))
				if err != nil {
					t.Fatalf("first AppendReceive: %v", err)
				}
				wantPrefix(t, first, before1)
				want := slices.Clone(first[len(dst1):])
				wantBodies(t, want, "a1", "a2", "b1")

				clk.Advance(20 * time.Second)
				dst2 := makeDst(prior, stale, retryDst)
				before2 := slices.Clone(dst2)
				retry, err := q.AppendReceive(ctx, dst2, attempt("try-1"))
				if err != nil {
					t.Fatalf("retry AppendReceive: %v", err)
				}
				if len(retry) != len(dst2)+len(want) {
					t.Fatalf("retry returned %d messages, want %d prior + %d", len(retry), len(dst2), len(want))
				}
				wantPrefix(t, retry, before2)
				for i, m := range retry[len(dst2):] {
					w := want[i]
					if m.ID != w.ID || m.ReceiptHandle != w.ReceiptHandle || m.Body != w.Body {
						t.Errorf("retry message %d = %s %v %q, want the first receive's %s %v %q",
							i, m.ID, m.ReceiptHandle, m.Body, w.ID, w.ReceiptHandle, w.Body)
					}
					if m.Attributes != nil || m.System != nil {
						t.Errorf("retry message %d has stale attributes %v / %+v", i, m.Attributes, m.System)
					}
				}

				// Another attempt finds every group in flight: dst as it was.
				dst3 := makeDst(prior, stale, retryDst)
				before3 := slices.Clone(dst3)
				other, err := q.AppendReceive(ctx, dst3, attempt("try-2"))
				if err != nil {
					t.Fatalf("other attempt: %v", err)
				}
				wantDstUnchanged(t, other, dst3, before3)

				// The retry restarted the visibility timeout: 40 s after the
				// first receive, 20 s after the retry, all are in flight.
				clk.Advance(20 * time.Second)
				wantCounts(t, q, queue.Counts{InFlight: 3})
				deleteAll(t, q, retry[len(dst2):])
				wantCounts(t, q, queue.Counts{})
			})
		}
	}
	t.Run("retry into the same slice's [:0]", func(t *testing.T) {
		ctx := context.Background()
		q, _ := newFIFO(t, queue.Config[string]{ContentBasedDeduplication: true, VisibilityTimeout: queue.Seconds(30)})
		sendGroup(t, q, "a", "a1", "")
		sendGroup(t, q, "b", "b1", "")
		msgs, err := q.AppendReceive(ctx, make([]queue.Message[string], 0, 10), attempt("try-1"))
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(msgs)
		wantBodies(t, want, "a1", "b1")
		retry, err := q.AppendReceive(ctx, msgs[:0], attempt("try-1"))
		if err != nil {
			t.Fatal(err)
		}
		if !sameArray(retry, msgs) {
			t.Error("retry did not reuse the slice's array")
		}
		if !reflect.DeepEqual(retry, want) {
			t.Fatalf("retry = %+v, want %+v", retry, want)
		}
	})
}

// TestAppendReceiveDeadLetters: a message that has run out of receives
// moves to the dead-letter queue during an AppendReceive and is not
// appended; the messages behind it are, after dst's own.
func TestAppendReceiveDeadLetters(t *testing.T) {
	prior, stale := priorMessages(t)
	tests := []struct {
		name string
		dead int
		good []string
	}{
		{"only a dead message", 1, nil},
		{"a dead message before a good one", 1, []string{"good"}},
		{"two dead messages before two good ones", 2, []string{"good-0", "good-1"}},
	}
	for _, tt := range tests {
		for _, fifo := range []bool{false, true} {
			for _, dc := range dstCases {
				t.Run(tt.name+"/"+typeName(fifo)+"/"+dc.name, func(t *testing.T) {
					src, dlq, clk := newRedrivePair(t, fifo, 1, queue.Config[string]{VisibilityTimeout: queue.Seconds(30)}, queue.Config[string]{})
					var deadIDs []queue.MessageID
					for i := range tt.dead {
						deadIDs = append(deadIDs, sendTo(t, src, fmt.Sprintf("poison-%d", i)).MessageID)
					}
					receiveN(t, src, 10, tt.dead)
					clk.Advance(30 * time.Second) // back, with no receives left
					for _, b := range tt.good {
						sendTo(t, src, b)
					}
					dst := makeDst(prior, stale, dc)
					before := slices.Clone(dst)
					got, err := src.AppendReceive(context.Background(), dst, shortPoll(10))
					if err != nil {
						t.Fatalf("AppendReceive: %v", err)
					}
					if len(tt.good) == 0 {
						wantDstUnchanged(t, got, dst, before)
					} else {
						wantPrefix(t, got, before)
						wantBodies(t, got[len(dst):], tt.good...)
					}
					wantCounts(t, src, queue.Counts{InFlight: len(tt.good)})
					wantCounts(t, dlq, queue.Counts{Available: tt.dead})
					moved := receiveN(t, dlq, 10, tt.dead)
					var ids []queue.MessageID
					for _, m := range moved {
						ids = append(ids, m.ID)
					}
					for _, id := range deadIDs {
						if !slices.Contains(ids, id) {
							t.Errorf("dead-letter queue holds %v, not %s", ids, id)
						}
					}
				})
			}
		}
	}
}

// TestAppendRoundTripAllocs: a worker that sends, receives and deletes
// batches of 10 reusing its slices makes no garbage once warmed up.
func TestAppendRoundTripAllocs(t *testing.T) {
	ctx := context.Background()
	q := newTypedQueue(t, newClock(), queue.Config[[]byte]{Name: "allocs"})
	body := []byte(`{"video":"v-42","rendition":"720p"}`)
	entries := make([]queue.SendBatchEntry[[]byte], 10)
	deletes := make([]queue.BatchEntry, 10)
	for i := range entries {
		entries[i].ID = strconv.Itoa(i)
		entries[i].Body = body
		deletes[i].ID = entries[i].ID
	}
	opts := queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0)}
	var results []queue.SendBatchResult
	var msgs []queue.Message[[]byte]
	roundTrip := func() {
		var err error
		results, err = q.AppendSendBatch(results[:0], entries)
		if err != nil || len(results) != 10 {
			t.Fatalf("AppendSendBatch = %d results, %v", len(results), err)
		}
		for i := range results {
			if results[i].Err != nil {
				t.Fatalf("entry %d: %v", i, results[i].Err)
			}
		}
		msgs, err = q.AppendReceive(ctx, msgs[:0], opts)
		if err != nil || len(msgs) != 10 {
			t.Fatalf("AppendReceive = %d messages, %v", len(msgs), err)
		}
		for i := range msgs {
			deletes[i].ReceiptHandle = msgs[i].ReceiptHandle
		}
		failed, err := q.DeleteBatch(deletes)
		if err != nil || len(failed) != 0 {
			t.Fatalf("DeleteBatch = %v, %v", failed, err)
		}
	}
	for range 100 { // warm up: grow the slices and the queue's storage
		roundTrip()
	}
	allocs := testing.AllocsPerRun(100, roundTrip)
	wantCounts(t, q, queue.Counts{})
	if allocs == 0 {
		return
	}
	if raceEnabled {
		t.Skipf("under the race detector a round trip allocates %v times", allocs)
	}
	t.Fatalf("a round trip reusing its slices allocates %v times, want 0", allocs)
}
