package queue_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/queue"
)

// Dead-letter queue tests: redrive at receive time, what a dead letter
// keeps, retention in the dead-letter queue, source listing and the
// redrive-allow policy (reference §1.10).

// queueName returns name, with ".fifo" appended for a FIFO queue.
func queueName(name string, fifo bool) string {
	if fifo {
		return name + ".fifo"
	}
	return name
}

// typeName names a subtest by queue type.
func typeName(fifo bool) string {
	if fifo {
		return "fifo"
	}
	return "standard"
}

// arnOf returns the ARN a queue named name gets with the default options.
func arnOf(name string) string { return "arn:aws:sqs:us-east-1:000000000000:" + name }

// newRedrivePair makes a dead-letter queue "dlq" from dlqCfg and a source
// "src" from srcCfg whose redrive policy names it with maxReceiveCount, both
// of type fifo (FIFO queues use content-based deduplication) on one manual
// clock.
func newRedrivePair(t testing.TB, fifo bool, maxReceiveCount int, srcCfg, dlqCfg queue.Config[string]) (src, dlq *queue.Queue[string], clk *clock.Manual) {
	t.Helper()
	clk = newClock()
	dlqCfg.Name, dlqCfg.FIFO = queueName("dlq", fifo), fifo
	srcCfg.Name, srcCfg.FIFO = queueName("src", fifo), fifo
	if fifo {
		dlqCfg.ContentBasedDeduplication = true
		srcCfg.ContentBasedDeduplication = true
	}
	dlq = newQueueOn(t, clk, dlqCfg)
	srcCfg.RedrivePolicy = &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: maxReceiveCount}
	src = newQueueOn(t, clk, srcCfg)
	return src, dlq, clk
}

// sendTo sends body to q, in group "g" when q is FIFO.
func sendTo(t testing.TB, q *queue.Queue[string], body string) queue.SendResult {
	t.Helper()
	in := queue.SendInput[string]{Body: body}
	if q.FIFO() {
		in.GroupID = "g"
	}
	return mustSendInput(t, q, in)
}

var allAttributes = queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), AttributeNames: []string{"All"}, SystemAttributeNames: []string{"All"}}

func TestDeadLetterMovesAtReceiveTime(t *testing.T) {
	for _, fifo := range []bool{false, true} {
		t.Run(typeName(fifo), func(t *testing.T) {
			src, dlq, clk := newRedrivePair(t, fifo, 2, queue.Config[string]{VisibilityTimeout: queue.Seconds(30)}, queue.Config[string]{})
			sent := sendTo(t, src, "poison")
			for i := 1; i <= 2; i++ {
				m := receiveOne(t, src)
				if m.ID != sent.MessageID {
					t.Fatalf("receive %d: got %s, want %s", i, m.ID, sent.MessageID)
				}
				clk.Advance(30 * time.Second)
				// The expired message is back in the source; nothing has
				// moved until a receive finds it has run out of receives.
				wantCounts(t, src, queue.Counts{Available: 1})
				wantCounts(t, dlq, queue.Counts{})
			}
			receiveNone(t, src) // the 3rd receive moves it instead of returning it
			wantCounts(t, src, queue.Counts{})
			wantCounts(t, dlq, queue.Counts{Available: 1})
			if m := receiveOne(t, dlq); m.ID != sent.MessageID {
				t.Fatalf("dead-letter queue holds %s, want %s", m.ID, sent.MessageID)
			}
		})
	}
}

func TestDeadLetterKeepsMessage(t *testing.T) {
	for _, fifo := range []bool{false, true} {
		t.Run(typeName(fifo), func(t *testing.T) {
			src, dlq, clk := newRedrivePair(t, fifo, 1, queue.Config[string]{VisibilityTimeout: queue.Seconds(30)}, queue.Config[string]{})
			in := queue.SendInput[string]{
				Body: "poison",
				Attributes: map[string]queue.Attribute{
					"color": {DataType: "String", StringValue: "red"},
					"blob":  {DataType: "Binary.gif", BinaryValue: []byte{0, 1, 2}},
				},
				AWSTraceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793",
			}
			if fifo {
				in.GroupID = "g"
			}
			sent := mustSendInput(t, src, in)
			receiveOne(t, src)
			clk.Advance(time.Minute)
			receiveNone(t, src)
			msgs := receive(t, dlq, allAttributes)
			if len(msgs) != 1 {
				t.Fatalf("dead-letter queue returned %d messages, want 1", len(msgs))
			}
			m := msgs[0]
			if m.ID != sent.MessageID || m.Body != "poison" {
				t.Errorf("dead letter is %s %q, want %s %q", m.ID, m.Body, sent.MessageID, "poison")
			}
			if len(m.Attributes) != 2 || m.Attributes["color"].StringValue != "red" || m.Attributes["color"].DataType != "String" ||
				m.Attributes["blob"].DataType != "Binary.gif" || !slices.Equal(m.Attributes["blob"].BinaryValue, []byte{0, 1, 2}) {
				t.Errorf("dead letter attributes = %+v, want the sent ones", m.Attributes)
			}
			s := m.System
			if s == nil {
				t.Fatal("no system attributes")
			}
			if s.DeadLetterQueueSourceARN != src.ARN() {
				t.Errorf("DeadLetterQueueSourceArn = %q, want %q", s.DeadLetterQueueSourceARN, src.ARN())
			}
			if s.AWSTraceHeader != in.AWSTraceHeader {
				t.Errorf("AWSTraceHeader = %q, want %q", s.AWSTraceHeader, in.AWSTraceHeader)
			}
			// A standard dead-letter queue keeps the enqueue time. (Whether a
			// FIFO one, which restarts retention, also reports a new
			// SentTimestamp is not settled, so it is not checked.)
			if !fifo && !s.SentTimestamp.Equal(epoch) {
				t.Errorf("SentTimestamp = %v, want the original %v", s.SentTimestamp, epoch)
			}
			if fifo && s.MessageGroupID != "g" {
				t.Errorf("MessageGroupId = %q, want g", s.MessageGroupID)
			}
		})
	}
}

func TestDeadLetterRetention(t *testing.T) {
	// The message is sent at epoch and dead-lettered by the receive at
	// 150 s; the dead-letter queue keeps messages 200 s.
	tests := []struct {
		fifo bool
		// goneAt is when the dead letter expires, counted from epoch.
		goneAt time.Duration
	}{
		{fifo: false, goneAt: 200 * time.Second},                // the original enqueue time counts
		{fifo: true, goneAt: 150*time.Second + 200*time.Second}, // the move restarts retention
	}
	for _, tt := range tests {
		t.Run(typeName(tt.fifo), func(t *testing.T) {
			src, dlq, clk := newRedrivePair(t, tt.fifo, 1,
				queue.Config[string]{VisibilityTimeout: queue.Seconds(100)},
				queue.Config[string]{RetentionPeriod: 200 * time.Second})
			sendTo(t, src, "poison")
			receiveOne(t, src)
			clk.Set(epoch.Add(150 * time.Second))
			receiveNone(t, src)
			wantCounts(t, dlq, queue.Counts{Available: 1})
			clk.Set(epoch.Add(tt.goneAt - time.Nanosecond))
			wantCounts(t, dlq, queue.Counts{Available: 1})
			clk.Set(epoch.Add(tt.goneAt))
			wantCounts(t, dlq, queue.Counts{})
			receiveNone(t, dlq)
		})
	}
	t.Run("standard: a message already past the dead-letter queue's retention expires there at once", func(t *testing.T) {
		src, dlq, clk := newRedrivePair(t, false, 1,
			queue.Config[string]{VisibilityTimeout: queue.Seconds(100)},
			queue.Config[string]{RetentionPeriod: 120 * time.Second})
		sendTo(t, src, "poison")
		receiveOne(t, src)
		clk.Set(epoch.Add(150 * time.Second))
		receiveNone(t, src)
		wantCounts(t, src, queue.Counts{})
		wantCounts(t, dlq, queue.Counts{})
		receiveNone(t, dlq)
	})
}

func TestDeadLetterFIFOKeepsGroupOrder(t *testing.T) {
	src, dlq, clk := newRedrivePair(t, true, 1, queue.Config[string]{VisibilityTimeout: queue.Seconds(30)}, queue.Config[string]{})
	for _, s := range []struct{ group, body string }{{"a", "a1"}, {"b", "b1"}, {"a", "a2"}, {"b", "b2"}, {"a", "a3"}} {
		sendGroup(t, src, s.group, s.body, "")
	}
	wantBodies(t, receive(t, src, shortPoll(10)), "a1", "a2", "a3", "b1", "b2")
	clk.Advance(30 * time.Second)
	receiveNone(t, src) // every message has used its one receive: all move
	wantCounts(t, dlq, queue.Counts{Available: 5})
	var got []string
	for {
		m := receive(t, dlq, shortPoll(1))
		if len(m) == 0 {
			break
		}
		got = append(got, m[0].Body)
		// Within a group the next message waits for this one.
		if next := receive(t, dlq, queue.ReceiveOptions{MaxMessages: 10, WaitTime: dur(0), VisibilityTimeout: dur(0)}); slices.ContainsFunc(next, func(n queue.Message[string]) bool { return n.Body[0] == m[0].Body[0] }) {
			t.Fatalf("a message of %s's group was received while %s was in flight", m[0].Body, m[0].Body)
		}
		mustDelete(t, dlq, m[0].ReceiptHandle)
	}
	var a, b []string
	for _, s := range got {
		if s[0] == 'a' {
			a = append(a, s)
		} else {
			b = append(b, s)
		}
	}
	if !slices.Equal(a, []string{"a1", "a2", "a3"}) || !slices.Equal(b, []string{"b1", "b2"}) {
		t.Fatalf("dead-letter queue delivered %q: groups out of order", got)
	}
}

func TestDeadLetterSourceQueues(t *testing.T) {
	clk := newClock()
	dlq := newQueueOn(t, clk, queue.Config[string]{Name: "dlq"})
	dlq2 := newQueueOn(t, clk, queue.Config[string]{Name: "dlq2"})
	policy := func(d *queue.Queue[string]) *queue.RedrivePolicy[string] {
		return &queue.RedrivePolicy[string]{DeadLetterQueue: d, MaxReceiveCount: 3}
	}
	src1 := newQueueOn(t, clk, queue.Config[string]{Name: "src1", RedrivePolicy: policy(dlq)})
	src2 := newQueueOn(t, clk, queue.Config[string]{Name: "src2", RedrivePolicy: policy(dlq)})
	plain := newQueueOn(t, clk, queue.Config[string]{Name: "plain"})
	names := func(q *queue.Queue[string]) []string {
		var out []string
		for _, s := range q.DeadLetterSourceQueues() {
			out = append(out, s.Name())
		}
		slices.Sort(out)
		return out
	}
	check := func(step string, q *queue.Queue[string], want ...string) {
		t.Helper()
		if got := names(q); !slices.Equal(got, want) {
			t.Fatalf("%s: %s sources = %q, want %q", step, q.Name(), got, want)
		}
	}
	check("created", dlq, "src1", "src2")
	check("created", dlq2)
	check("created", plain)

	if err := plain.SetConfig(queue.Config[string]{Name: "plain", RedrivePolicy: policy(dlq)}); err != nil {
		t.Fatal(err)
	}
	check("policy added", dlq, "plain", "src1", "src2")

	if err := src1.SetConfig(queue.Config[string]{Name: "src1"}); err != nil {
		t.Fatal(err)
	}
	check("policy removed", dlq, "plain", "src2")

	if err := src2.SetConfig(queue.Config[string]{Name: "src2", RedrivePolicy: policy(dlq2)}); err != nil {
		t.Fatal(err)
	}
	check("policy moved", dlq, "plain")
	check("policy moved", dlq2, "src2")

	// A rejected change leaves the sources as they were.
	if err := plain.SetConfig(queue.Config[string]{Name: "plain", RedrivePolicy: &queue.RedrivePolicy[string]{DeadLetterQueue: dlq2, MaxReceiveCount: 0}}); err == nil {
		t.Fatal("SetConfig with maxReceiveCount 0 succeeded")
	}
	check("rejected change", dlq, "plain")
	check("rejected change", dlq2, "src2")
}

func TestRedrivePolicyRules(t *testing.T) {
	srcARN := arnOf("src")
	tests := []struct {
		name      string
		allow     *queue.RedriveAllowPolicy
		dlqFIFO   bool
		maxCount  int
		wantErr   error // at New and at SetConfig
		wantInMsg string
	}{
		{name: "no allow policy", maxCount: 1},
		{name: "allowAll", allow: &queue.RedriveAllowPolicy{Permission: queue.RedriveAllowAll}, maxCount: 1},
		{name: "byQueue naming the source", allow: &queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: []string{arnOf("other"), srcARN}}, maxCount: 1000},
		{
			name:     "denyAll",
			allow:    &queue.RedriveAllowPolicy{Permission: queue.RedriveDenyAll},
			maxCount: 1, wantErr: queue.ErrInvalidParameterValue, wantInMsg: "parameter RedrivePolicy is invalid",
		},
		{
			name:     "byQueue not naming the source",
			allow:    &queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: []string{arnOf("other")}},
			maxCount: 1, wantErr: queue.ErrInvalidParameterValue, wantInMsg: "parameter RedrivePolicy is invalid",
		},
		{name: "maxReceiveCount 0", maxCount: 0, wantErr: queue.ErrInvalidParameterValue, wantInMsg: "valid values are from 1 to 1000"},
		{name: "maxReceiveCount 1001", maxCount: 1001, wantErr: queue.ErrInvalidParameterValue, wantInMsg: "valid values are from 1 to 1000"},
		{name: "FIFO dead-letter queue for a standard source", dlqFIFO: true, maxCount: 1, wantErr: queue.ErrInvalidParameterValue, wantInMsg: "Dead-letter target must be of same type as the source."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			dlq := newQueueOn(t, clk, queue.Config[string]{Name: queueName("dlq", tt.dlqFIFO), FIFO: tt.dlqFIFO, RedriveAllowPolicy: tt.allow})
			policy := &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: tt.maxCount}

			// At creation.
			_, err := queue.New(queue.Config[string]{Name: "src", RedrivePolicy: policy}, queue.WithClock(clk))
			checkRedriveErr(t, "New", err, tt.wantErr, tt.wantInMsg)

			// At SetConfig, on a queue made without a policy.
			src := newQueueOn(t, clk, queue.Config[string]{Name: "src"})
			err = src.SetConfig(queue.Config[string]{Name: "src", RedrivePolicy: policy})
			checkRedriveErr(t, "SetConfig", err, tt.wantErr, tt.wantInMsg)
			sources := dlq.DeadLetterSourceQueues()
			if tt.wantErr != nil {
				if src.Config().RedrivePolicy != nil {
					t.Errorf("rejected SetConfig changed the config: %+v", src.Config().RedrivePolicy)
				}
				if len(sources) != 0 {
					t.Errorf("rejected policy registered %d sources", len(sources))
				}
			} else if len(sources) == 0 {
				t.Errorf("accepted policy registered no source")
			}
		})
	}
}

func checkRedriveErr(t *testing.T, op string, err, want error, inMsg string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		return
	}
	wantErr(t, err, want, "")
	var e *queue.Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, inMsg) {
		t.Fatalf("%s: error message %q does not contain %q", op, err, inMsg)
	}
}

func TestRedriveAllowPolicyValidation(t *testing.T) {
	arns := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = arnOf("src" + string(rune('a'+i)))
		}
		return out
	}
	tests := []struct {
		name   string
		policy *queue.RedriveAllowPolicy
		ok     bool
	}{
		{"byQueue with 10 queues", &queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: arns(10)}, true},
		{"byQueue with 11 queues", &queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: arns(11)}, false},
		{"byQueue with none", &queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue}, false},
		{"denyAll with queues", &queue.RedriveAllowPolicy{Permission: queue.RedriveDenyAll, SourceQueueARNs: arns(1)}, false},
		{"unknown permission", &queue.RedriveAllowPolicy{Permission: "allowSome"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := queue.New(queue.Config[string]{Name: "dlq", RedriveAllowPolicy: tt.policy}, queue.WithClock(newClock()))
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantErr(t, err, queue.ErrInvalidAttributeValue, "Invalid value for the parameter RedriveAllowPolicy.")
			q := newQueueOn(t, newClock(), queue.Config[string]{Name: "dlq"})
			wantErr(t, q.SetConfig(queue.Config[string]{Name: "dlq", RedriveAllowPolicy: tt.policy}), queue.ErrInvalidAttributeValue, "Invalid value for the parameter RedriveAllowPolicy.")
		})
	}
}
