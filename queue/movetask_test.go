package queue_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// Message-move task tests (StartMessageMoveTask, ListMessageMoveTasks,
// CancelMessageMoveTask; reference §1.10).

// moveFixture is a dead-letter queue with two source queues and a spare
// destination, all of one type, on one manual clock. Sources send each
// message to the dead-letter queue on its second receive.
type moveFixture struct {
	clk        *clock.Manual
	dlq, dest  *queue.Queue[string]
	src1, src2 *queue.Queue[string]
}

func newMoveFixture(t testing.TB, fifo bool) *moveFixture {
	t.Helper()
	f := &moveFixture{clk: newClock()}
	mk := func(name string, policy *queue.RedrivePolicy[string]) *queue.Queue[string] {
		return newQueueOn(t, f.clk, queue.Config[string]{
			Name: queueName(name, fifo), FIFO: fifo, ContentBasedDeduplication: fifo,
			VisibilityTimeout: queue.Seconds(30), RedrivePolicy: policy,
		})
	}
	f.dlq = mk("dlq", nil)
	f.dest = mk("dest", nil)
	f.src1 = mk("src1", &queue.RedrivePolicy[string]{DeadLetterQueue: f.dlq, MaxReceiveCount: 1})
	f.src2 = mk("src2", &queue.RedrivePolicy[string]{DeadLetterQueue: f.dlq, MaxReceiveCount: 1})
	return f
}

// deadLetter sends msgs to src and receives until all of them have moved
// to the dead-letter queue. Each receive uses a zero visibility timeout,
// so a message is received once and moved by the next receive.
func (f *moveFixture) deadLetter(t testing.TB, src *queue.Queue[string], msgs ...queue.SendInput[string]) []queue.SendResult {
	t.Helper()
	before := f.dlq.Counts().Available
	var sent []queue.SendResult
	for _, in := range msgs {
		if src.FIFO() && in.GroupID == "" {
			in.GroupID = "g"
		}
		sent = append(sent, mustSendInput(t, src, in))
	}
	for range 10 * (len(msgs) + 1) {
		receive(t, src, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), VisibilityTimeout: dur(0)})
		if src.Counts() == (queue.Counts{}) {
			break
		}
	}
	if got := f.dlq.Counts().Available - before; got != len(msgs) {
		t.Fatalf("%d messages reached the dead-letter queue, want %d", got, len(msgs))
	}
	return sent
}

// deadLetterN dead-letters n messages "m0", "m1", … from src.
func (f *moveFixture) deadLetterN(t testing.TB, src *queue.Queue[string], n int) {
	t.Helper()
	var msgs []queue.SendInput[string]
	for i := range n {
		msgs = append(msgs, queue.SendInput[string]{Body: fmt.Sprintf("m%d", i)})
	}
	f.deadLetter(t, src, msgs...)
}

// drain receives and deletes everything available in q and returns the
// bodies, sorted.
func drain(t testing.TB, q *queue.Queue[string]) []string {
	t.Helper()
	var got []string
	for {
		msgs := receive(t, q, shortPoll(10))
		if len(msgs) == 0 {
			slices.Sort(got)
			return got
		}
		got = append(got, bodies(msgs)...)
		deleteAll(t, q, msgs)
	}
}

// task returns the dead-letter queue's task with handle h.
func (f *moveFixture) task(t testing.TB, h string) queue.MoveTask {
	t.Helper()
	for _, mt := range f.dlq.MoveTasks() {
		if mt.Handle == h {
			return mt
		}
	}
	t.Fatalf("no move task %q in %+v", h, f.dlq.MoveTasks())
	return queue.MoveTask{}
}

func TestMoveTaskNeedsDeadLetterQueue(t *testing.T) {
	const msg = "Source queue must be configured as a Dead Letter Queue."
	t.Run("a queue that is nobody's dead-letter queue", func(t *testing.T) {
		q, _ := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "x")
		_, err := q.StartMoveTask(queue.MoveOptions[string]{})
		wantErr(t, err, queue.ErrInvalidParameterValue, msg)
		if len(q.MoveTasks()) != 0 {
			t.Fatalf("a refused task was listed: %+v", q.MoveTasks())
		}
	})
	t.Run("a dead-letter queue whose sources dropped their policy", func(t *testing.T) {
		f := newMoveFixture(t, false)
		f.deadLetterN(t, f.src1, 1)
		for _, src := range []*queue.Queue[string]{f.src1, f.src2} {
			cfg := src.Config()
			cfg.RedrivePolicy = nil
			if err := src.SetConfig(cfg); err != nil {
				t.Fatal(err)
			}
		}
		_, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest})
		wantErr(t, err, queue.ErrInvalidParameterValue, msg)
	})
}

func TestMoveTaskBackToSources(t *testing.T) {
	for _, fifo := range []bool{false, true} {
		t.Run(typeName(fifo), func(t *testing.T) {
			f := newMoveFixture(t, fifo)
			f.deadLetter(t, f.src1, queue.SendInput[string]{Body: "1a"}, queue.SendInput[string]{Body: "1b"}, queue.SendInput[string]{Body: "1c"})
			f.deadLetter(t, f.src2, queue.SendInput[string]{Body: "2a"})
			h, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{})
			if err != nil {
				t.Fatal(err)
			}
			f.clk.Advance(0)
			mt := f.task(t, h)
			if mt.Status != queue.MoveCompleted || mt.Moved != 4 || mt.ToMove != 4 || mt.DestinationARN != "" || mt.SourceARN != f.dlq.ARN() {
				t.Fatalf("task = %+v, want COMPLETED, 4 of 4 moved from %s back to the sources", mt, f.dlq.ARN())
			}
			wantCounts(t, f.dlq, queue.Counts{})
			if fifo {
				// Back in its FIFO source, the group is in its original order.
				wantBodies(t, receive(t, f.src1, shortPoll(10)), "1a", "1b", "1c")
			} else if got := drain(t, f.src1); !slices.Equal(got, []string{"1a", "1b", "1c"}) {
				t.Fatalf("src1 got back %q", got)
			}
			if got := drain(t, f.src2); !slices.Equal(got, []string{"2a"}) {
				t.Fatalf("src2 got back %q", got)
			}
			wantCounts(t, f.dest, queue.Counts{})
		})
	}
}

func TestMoveTaskToDestination(t *testing.T) {
	f := newMoveFixture(t, false)
	f.deadLetterN(t, f.src1, 3)
	f.deadLetterN(t, f.src2, 2)
	h, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest})
	if err != nil {
		t.Fatal(err)
	}
	f.clk.Advance(0)
	if mt := f.task(t, h); mt.Status != queue.MoveCompleted || mt.Moved != 5 || mt.DestinationARN != f.dest.ARN() {
		t.Fatalf("task = %+v, want COMPLETED, 5 moved to %s", mt, f.dest.ARN())
	}
	if got := drain(t, f.dest); !slices.Equal(got, []string{"m0", "m0", "m1", "m1", "m2"}) {
		t.Fatalf("destination got %q", got)
	}
	wantCounts(t, f.src1, queue.Counts{})
	wantCounts(t, f.src2, queue.Counts{})
	wantCounts(t, f.dlq, queue.Counts{})

	t.Run("of another queue type", func(t *testing.T) {
		fifoDest := newQueueOn(t, f.clk, queue.Config[string]{Name: "other.fifo", FIFO: true})
		f.deadLetterN(t, f.src1, 1)
		_, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: fifoDest})
		wantErr(t, err, queue.ErrInvalidParameterValue, "")
	})
}

func TestMoveTaskRate(t *testing.T) {
	f := newMoveFixture(t, false)
	f.deadLetterN(t, f.src1, 25)
	h, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest, MaxMessagesPerSecond: 10})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		advance time.Duration
		moved   int
		status  queue.MoveTaskStatus
	}{
		{-1, 0, queue.MoveRunning}, // nothing moves before the clock is moved
		{0, 10, queue.MoveRunning},
		{time.Second - time.Nanosecond, 10, queue.MoveRunning},
		{time.Nanosecond, 20, queue.MoveRunning},
		{time.Second, 25, queue.MoveCompleted},
		{10 * time.Second, 25, queue.MoveCompleted},
	}
	for i, st := range steps {
		if st.advance >= 0 {
			f.clk.Advance(st.advance)
		}
		mt := f.task(t, h)
		if mt.Moved != st.moved || mt.ToMove != 25 || mt.Status != st.status || mt.MaxMessagesPerSecond != 10 {
			t.Fatalf("step %d (+%v): task = %+v, want %d of 25 moved, %s", i, st.advance, mt, st.moved, st.status)
		}
		wantCounts(t, f.dlq, queue.Counts{Available: 25 - st.moved})
		wantCounts(t, f.dest, queue.Counts{Available: st.moved})
	}
	if f.clk.Pending() != 0 {
		t.Fatalf("a completed task left %d timers", f.clk.Pending())
	}
}

func TestMoveTaskKeepsMessageAndRestartsReceiveCount(t *testing.T) {
	for _, fifo := range []bool{false, true} {
		t.Run(typeName(fifo), func(t *testing.T) {
			f := newMoveFixture(t, fifo)
			in := queue.SendInput[string]{Body: "poison", Attributes: map[string]queue.Attribute{"n": {DataType: "Number", StringValue: "7"}}}
			if fifo {
				in.GroupID = "grp"
			}
			sent := f.deadLetter(t, f.src1, in)[0]
			if _, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{}); err != nil {
				t.Fatal(err)
			}
			f.clk.Advance(0)
			// src1 dead-letters on the second receive: were the count kept,
			// this receive would move the message again instead.
			msgs := receive(t, f.src1, allAttributes)
			if len(msgs) != 1 {
				t.Fatalf("source returned %d messages after the move, want 1 (counts: src %+v, dlq %+v)", len(msgs), f.src1.Counts(), f.dlq.Counts())
			}
			m := msgs[0]
			if m.ID != sent.MessageID || m.Body != "poison" || m.Attributes["n"].DataType != "Number" || m.Attributes["n"].StringValue != "7" || len(m.Attributes) != 1 {
				t.Errorf("moved message = %s %q %+v, want %s %q with its attribute", m.ID, m.Body, m.Attributes, sent.MessageID, "poison")
			}
			if s := m.System; s.ApproximateReceiveCount != 1 || s.DeadLetterQueueSourceARN != "" {
				t.Errorf("moved message: receive count %d, DeadLetterQueueSourceArn %q; want 1 and none", s.ApproximateReceiveCount, s.DeadLetterQueueSourceARN)
			}
			if fifo && m.System.MessageGroupID != "grp" {
				t.Errorf("moved message group %q, want grp", m.System.MessageGroupID)
			}
			wantCounts(t, f.dlq, queue.Counts{})
		})
	}
}

func TestMoveTaskOneActivePerQueue(t *testing.T) {
	f := newMoveFixture(t, false)
	f.deadLetterN(t, f.src1, 5)
	h1, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest, MaxMessagesPerSecond: 1})
	if err != nil {
		t.Fatal(err)
	}
	const busy = "There is already a task running. Only one active task is allowed for a source queue arn at a given time."
	_, err = f.dlq.StartMoveTask(queue.MoveOptions[string]{})
	wantErr(t, err, queue.ErrUnsupportedOperation, busy)
	f.clk.Advance(0)
	_, err = f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest})
	wantErr(t, err, queue.ErrUnsupportedOperation, busy)
	if got := len(f.dlq.MoveTasks()); got != 1 {
		t.Fatalf("%d tasks listed, want 1", got)
	}
	f.clk.Advance(4 * time.Second)
	if mt := f.task(t, h1); mt.Status != queue.MoveCompleted || mt.Moved != 5 {
		t.Fatalf("first task = %+v, want COMPLETED with 5 moved", mt)
	}
	h2, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest})
	if err != nil {
		t.Fatalf("a task after the first completed: %v", err)
	}
	if h2 == h1 {
		t.Fatalf("second task reuses handle %q", h1)
	}
}

func TestCancelMoveTask(t *testing.T) {
	f := newMoveFixture(t, false)
	f.deadLetterN(t, f.src1, 25)
	h, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest, MaxMessagesPerSecond: 10})
	if err != nil {
		t.Fatal(err)
	}
	f.clk.Advance(0)
	moved, err := f.dlq.CancelMoveTask(h)
	if err != nil || moved != 10 {
		t.Fatalf("CancelMoveTask = %d, %v; want 10 moved", moved, err)
	}
	if mt := f.task(t, h); mt.Status != queue.MoveCancelled || mt.Moved != 10 {
		t.Fatalf("task = %+v, want CANCELLED with 10 moved", mt)
	}
	f.clk.Advance(10 * time.Second)
	wantCounts(t, f.dlq, queue.Counts{Available: 15})
	wantCounts(t, f.dest, queue.Counts{Available: 10})
	if mt := f.task(t, h); mt.Status != queue.MoveCancelled || mt.Moved != 10 {
		t.Fatalf("after the clock moved, task = %+v, want CANCELLED with 10 moved", mt)
	}
	if _, err := f.dlq.CancelMoveTask(h); err == nil {
		t.Fatal("cancelling a cancelled task succeeded")
	}
	_, err = f.dlq.CancelMoveTask("arn:aws:sqs:us-east-1:000000000000:dlq#no-such-task")
	wantErr(t, err, queue.ErrResourceNotFound, "")
	wantStatus(t, err, 404)

	t.Run("before its first step", func(t *testing.T) {
		h, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest, MaxMessagesPerSecond: 10})
		if err != nil {
			t.Fatalf("a new task after the cancelled one: %v", err)
		}
		if moved, err := f.dlq.CancelMoveTask(h); err != nil || moved != 0 {
			t.Fatalf("CancelMoveTask = %d, %v; want 0 moved", moved, err)
		}
		f.clk.Advance(time.Minute)
		wantCounts(t, f.dlq, queue.Counts{Available: 15})
	})
}

func TestMoveTasksListed(t *testing.T) {
	f := newMoveFixture(t, false)
	f.deadLetterN(t, f.src1, 1)
	var handles []string
	for i := range 12 {
		h, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{})
		if err != nil {
			t.Fatalf("task %d: %v", i, err)
		}
		handles = append(handles, h)
		f.clk.Advance(time.Second)
	}
	tasks := f.dlq.MoveTasks()
	if len(tasks) != 10 {
		t.Fatalf("%d tasks listed, want the 10 most recent", len(tasks))
	}
	for i, mt := range tasks {
		if want := handles[11-i]; mt.Handle != want {
			t.Fatalf("task %d is %q, want %q (newest first)", i, mt.Handle, want)
		}
		if mt.Status != queue.MoveCompleted {
			t.Fatalf("task %d = %+v, want COMPLETED", i, mt)
		}
		if i > 0 && !mt.Started.Before(tasks[i-1].Started) {
			t.Fatalf("task %d started %v, not before task %d (%v)", i, mt.Started, i-1, tasks[i-1].Started)
		}
	}
	if first := tasks[len(tasks)-1]; first.Moved != 0 || tasks[9].Handle != handles[2] {
		t.Fatalf("oldest listed task = %+v", first)
	}
	// Only the first task had a message to move.
	if got := drain(t, f.src1); !slices.Equal(got, []string{"m0"}) {
		t.Fatalf("src1 got back %q", got)
	}
}

func TestMoveTaskRateLimits(t *testing.T) {
	tests := []struct {
		rate int
		ok   bool
	}{
		{rate: 0, ok: true}, // absent: as fast as possible
		{rate: 1, ok: true},
		{rate: 500, ok: true},
		{rate: 501},
		{rate: -1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.rate), func(t *testing.T) {
			f := newMoveFixture(t, false)
			f.deadLetterN(t, f.src1, 1)
			h, err := f.dlq.StartMoveTask(queue.MoveOptions[string]{Destination: f.dest, MaxMessagesPerSecond: tt.rate})
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				f.clk.Advance(0)
				if mt := f.task(t, h); mt.Status != queue.MoveCompleted {
					t.Fatalf("task = %+v, want COMPLETED", mt)
				}
				return
			}
			wantErr(t, err, queue.ErrInvalidParameterValue, "")
			if !strings.Contains(err.Error(), "MaxNumberOfMessagesPerSecond") {
				t.Fatalf("error %q does not name MaxNumberOfMessagesPerSecond", err)
			}
			if len(f.dlq.MoveTasks()) != 0 {
				t.Fatal("a refused task was listed")
			}
		})
	}
}
