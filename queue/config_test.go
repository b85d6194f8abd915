package queue_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/queue"
)

const (
	stdNameMsg  = "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
	fifoNameMsg = "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
)

func TestNewQueueName(t *testing.T) {
	tests := []struct {
		name    string
		qname   string
		fifo    bool
		wantMsg string // "" means valid
	}{
		{"one char", "a", false, ""},
		{"all allowed chars", "AZaz09-_", false, ""},
		{"80 chars", strings.Repeat("a", 80), false, ""},
		{"81 chars", strings.Repeat("a", 81), false, stdNameMsg},
		{"empty", "", false, stdNameMsg},
		{"space", "a b", false, stdNameMsg},
		{"dot", "a.b", false, stdNameMsg},
		{"slash", "a/b", false, stdNameMsg},
		{"colon", "a:b", false, stdNameMsg},
		{"non-ASCII", "qü", false, stdNameMsg},
		{"standard with .fifo suffix", "q.fifo", false, stdNameMsg},
		{"fifo", "q.fifo", true, ""},
		{"fifo 80 chars incl suffix", strings.Repeat("a", 75) + ".fifo", true, ""},
		{"fifo 81 chars incl suffix", strings.Repeat("a", 76) + ".fifo", true, fifoNameMsg},
		{"fifo without suffix", "q", true, fifoNameMsg},
		{"fifo suffix only", ".fifo", true, fifoNameMsg},
		{"fifo bad char", "a b.fifo", true, fifoNameMsg},
		{"fifo dot in base", "a.b.fifo", true, fifoNameMsg},
		{"fifo suffix is case-sensitive", "q.FIFO", true, fifoNameMsg},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := queue.New(queue.Config[string]{Name: tt.qname, FIFO: tt.fifo}, queue.WithClock(newClock()))
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("New(%q): %v", tt.qname, err)
				}
				if q.Name() != tt.qname || q.FIFO() != tt.fifo {
					t.Fatalf("Name, FIFO = %q, %v", q.Name(), q.FIFO())
				}
				if want := "arn:aws:sqs:us-east-1:000000000000:" + tt.qname; q.ARN() != want {
					t.Fatalf("ARN() = %q, want %q", q.ARN(), want)
				}
				return
			}
			if q != nil {
				t.Fatalf("New returned a queue with error %v", err)
			}
			wantErr(t, err, queue.ErrInvalidParameterValue, tt.wantMsg)
		})
	}
}

func TestNewAttributeRanges(t *testing.T) {
	tests := []struct {
		name      string
		cfg       queue.Config[string]
		attribute string // "" means valid
	}{
		{"visibility 0", queue.Config[string]{VisibilityTimeout: dur(0)}, ""},
		{"visibility 12h", queue.Config[string]{VisibilityTimeout: dur(12 * time.Hour)}, ""},
		{"visibility 12h+1s", queue.Config[string]{VisibilityTimeout: dur(12*time.Hour + time.Second)}, "VisibilityTimeout"},
		{"visibility -1s", queue.Config[string]{VisibilityTimeout: dur(-time.Second)}, "VisibilityTimeout"},
		{"delay 0", queue.Config[string]{Delay: 0}, ""},
		{"delay 15m", queue.Config[string]{Delay: 15 * time.Minute}, ""},
		{"delay 15m+1s", queue.Config[string]{Delay: 15*time.Minute + time.Second}, "DelaySeconds"},
		{"delay -1s", queue.Config[string]{Delay: -time.Second}, "DelaySeconds"},
		{"wait 20s", queue.Config[string]{ReceiveWaitTime: 20 * time.Second}, ""},
		{"wait 21s", queue.Config[string]{ReceiveWaitTime: 21 * time.Second}, "ReceiveMessageWaitTimeSeconds"},
		{"wait -1s", queue.Config[string]{ReceiveWaitTime: -time.Second}, "ReceiveMessageWaitTimeSeconds"},
		{"retention 60s", queue.Config[string]{RetentionPeriod: 60 * time.Second}, ""},
		{"retention 59s", queue.Config[string]{RetentionPeriod: 59 * time.Second}, "MessageRetentionPeriod"},
		{"retention 14d", queue.Config[string]{RetentionPeriod: 14 * 24 * time.Hour}, ""},
		{"retention 14d+1s", queue.Config[string]{RetentionPeriod: 14*24*time.Hour + time.Second}, "MessageRetentionPeriod"},
		{"retention -1s", queue.Config[string]{RetentionPeriod: -time.Second}, "MessageRetentionPeriod"},
		{"size 1024", queue.Config[string]{MaxMessageSize: 1024}, ""},
		{"size 1023", queue.Config[string]{MaxMessageSize: 1023}, "MaximumMessageSize"},
		{"size 1MiB", queue.Config[string]{MaxMessageSize: 1 << 20}, ""},
		{"size 1MiB+1", queue.Config[string]{MaxMessageSize: 1<<20 + 1}, "MaximumMessageSize"},
		{"size -1", queue.Config[string]{MaxMessageSize: -1}, "MaximumMessageSize"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Name = "q"
			q, err := queue.New(tt.cfg, queue.WithClock(newClock()))
			if tt.attribute == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			if q != nil {
				t.Fatal("New returned a queue with an error")
			}
			wantErr(t, err, queue.ErrInvalidAttributeValue, "Invalid value for the parameter "+tt.attribute+".")
			wantStatus(t, err, 400)
		})
	}
}

func TestNewDefaults(t *testing.T) {
	q, _ := newQueue(t, queue.Config[string]{})
	c := q.Config()
	if c.VisibilityTimeout == nil || *c.VisibilityTimeout != 30*time.Second {
		t.Errorf("VisibilityTimeout = %v, want 30s", c.VisibilityTimeout)
	}
	if c.RetentionPeriod != 4*24*time.Hour {
		t.Errorf("RetentionPeriod = %v, want 4 days", c.RetentionPeriod)
	}
	if c.MaxMessageSize != 1<<20 {
		t.Errorf("MaxMessageSize = %d, want 1048576", c.MaxMessageSize)
	}
	if c.Delay != 0 || c.ReceiveWaitTime != 0 {
		t.Errorf("Delay, ReceiveWaitTime = %v, %v, want 0, 0", c.Delay, c.ReceiveWaitTime)
	}
	if c.DeduplicationScope != "" || c.FifoThroughputLimit != "" {
		t.Errorf("standard queue has FIFO attributes %q, %q", c.DeduplicationScope, c.FifoThroughputLimit)
	}

	f, _ := newQueue(t, queue.Config[string]{FIFO: true})
	fc := f.Config()
	if fc.DeduplicationScope != queue.DedupPerQueue || fc.FifoThroughputLimit != queue.ThroughputPerQueue {
		t.Errorf("FIFO defaults = %q, %q, want queue, perQueue", fc.DeduplicationScope, fc.FifoThroughputLimit)
	}
}

// TestDefaultRetention: a zero RetentionPeriod keeps messages 4 days.
func TestDefaultRetention(t *testing.T) {
	q, clk := newQueue(t, queue.Config[string]{})
	mustSend(t, q, "m")
	clk.Advance(4*24*time.Hour - time.Second)
	wantCounts(t, q, queue.Counts{Available: 1})
	clk.Advance(2 * time.Second)
	wantCounts(t, q, queue.Counts{})
}

// TestNewConfigIsCopied checks that the queue does not share the caller's
// VisibilityTimeout pointer, nor does Config() share the queue's.
func TestNewConfigIsCopied(t *testing.T) {
	vt := 10 * time.Second
	q, clk := newQueue(t, queue.Config[string]{VisibilityTimeout: &vt})
	vt = 0
	c := q.Config()
	*c.VisibilityTimeout = 0
	mustSend(t, q, "m")
	receiveOne(t, q)
	receiveNone(t, q) // still 10 s, not 0
	clk.Advance(10 * time.Second)
	receiveOne(t, q)
}

// TestVisibilityTimeoutNilVersusZero: nil means 30 s, an explicit 0 means a
// received message is visible again at once.
func TestVisibilityTimeoutNilVersusZero(t *testing.T) {
	t.Run("nil is 30s", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "m")
		receiveOne(t, q)
		clk.Advance(30*time.Second - time.Millisecond)
		receiveNone(t, q)
		clk.Advance(time.Millisecond)
		receiveOne(t, q)
	})
	t.Run("explicit 0", func(t *testing.T) {
		q, _ := newQueue(t, queue.Config[string]{VisibilityTimeout: queue.Seconds(0)})
		mustSend(t, q, "m")
		first := receiveOne(t, q)
		second := receiveOne(t, q)
		if first.ID != second.ID || first.ReceiptHandle == second.ReceiptHandle {
			t.Fatalf("second receive: id %s handle %v, first: id %s handle %v", second.ID, second.ReceiptHandle, first.ID, first.ReceiptHandle)
		}
	})
}

func TestNewFIFOOnlyAttributesOnStandard(t *testing.T) {
	tests := []struct {
		name      string
		cfg       queue.Config[string]
		attribute string
	}{
		{"ContentBasedDeduplication", queue.Config[string]{ContentBasedDeduplication: true}, "ContentBasedDeduplication"},
		{"DeduplicationScope queue", queue.Config[string]{DeduplicationScope: queue.DedupPerQueue}, "DeduplicationScope"},
		{"DeduplicationScope messageGroup", queue.Config[string]{DeduplicationScope: queue.DedupPerMessageGroup}, "DeduplicationScope"},
		{"FifoThroughputLimit", queue.Config[string]{FifoThroughputLimit: queue.ThroughputPerQueue}, "FifoThroughputLimit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Name = "std"
			_, err := queue.New(tt.cfg, queue.WithClock(newClock()))
			wantErr(t, err, queue.ErrInvalidAttributeName, "Unknown Attribute "+tt.attribute+".")
			wantStatus(t, err, 400)
		})
	}
}

func TestNewFIFOAttributes(t *testing.T) {
	tests := []struct {
		name    string
		scope   queue.DeduplicationScope
		limit   queue.ThroughputLimit
		cbd     bool
		wantErr bool
		wantMsg string
	}{
		{name: "defaults"},
		{name: "content-based dedup", cbd: true},
		{name: "queue / perQueue", scope: queue.DedupPerQueue, limit: queue.ThroughputPerQueue},
		{name: "messageGroup / perQueue", scope: queue.DedupPerMessageGroup, limit: queue.ThroughputPerQueue},
		{name: "messageGroup / perMessageGroupId", scope: queue.DedupPerMessageGroup, limit: queue.ThroughputPerMessageGroupID},
		{name: "high throughput needs messageGroup scope", scope: queue.DedupPerQueue, limit: queue.ThroughputPerMessageGroupID, wantErr: true,
			wantMsg: "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup."},
		{name: "high throughput with default scope", limit: queue.ThroughputPerMessageGroupID, wantErr: true,
			wantMsg: "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup."},
		{name: "unknown scope", scope: "group", wantErr: true, wantMsg: "Invalid value for the parameter DeduplicationScope."},
		{name: "scope is case-sensitive", scope: "Queue", wantErr: true, wantMsg: "Invalid value for the parameter DeduplicationScope."},
		{name: "unknown limit", limit: "perGroup", wantErr: true, wantMsg: "Invalid value for the parameter FifoThroughputLimit."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := queue.Config[string]{Name: "f.fifo", FIFO: true, DeduplicationScope: tt.scope, FifoThroughputLimit: tt.limit, ContentBasedDeduplication: tt.cbd}
			q, err := queue.New(cfg, queue.WithClock(newClock()))
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				c := q.Config()
				if tt.scope != "" && c.DeduplicationScope != tt.scope || tt.limit != "" && c.FifoThroughputLimit != tt.limit || c.ContentBasedDeduplication != tt.cbd {
					t.Fatalf("Config() = %+v", c)
				}
				return
			}
			wantErr(t, err, queue.ErrInvalidAttributeValue, tt.wantMsg)
		})
	}
}

func TestNewRedrivePolicy(t *testing.T) {
	const region, account = "us-east-1", "000000000000"
	srcARN := func(name string) string { return "arn:aws:sqs:" + region + ":" + account + ":" + name }
	mk := func(t *testing.T, cfg queue.Config[string]) *queue.Queue[string] {
		t.Helper()
		return newQueueOn(t, newClock(), cfg)
	}
	tests := []struct {
		name    string
		fifo    bool
		dlq     func(t *testing.T) *queue.Queue[string] // nil: no DeadLetterQueue
		count   int
		wantErr bool
		reason  string // the Reason part of the message; "" = only the code is checked
	}{
		{name: "count 1", dlq: func(t *testing.T) *queue.Queue[string] { return mk(t, queue.Config[string]{Name: "dlq"}) }, count: 1},
		{name: "count 1000", dlq: func(t *testing.T) *queue.Queue[string] { return mk(t, queue.Config[string]{Name: "dlq"}) }, count: 1000},
		{name: "count 0", dlq: func(t *testing.T) *queue.Queue[string] { return mk(t, queue.Config[string]{Name: "dlq"}) }, count: 0, wantErr: true,
			reason: "Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive."},
		{name: "count 1001", dlq: func(t *testing.T) *queue.Queue[string] { return mk(t, queue.Config[string]{Name: "dlq"}) }, count: 1001, wantErr: true,
			reason: "Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000 both inclusive."},
		{name: "nil dead-letter queue", count: 5, wantErr: true},
		{name: "standard source, FIFO DLQ", dlq: func(t *testing.T) *queue.Queue[string] {
			return mk(t, queue.Config[string]{Name: "dlq.fifo", FIFO: true})
		}, count: 5, wantErr: true,
			reason: "Dead-letter target must be of same type as the source."},
		{name: "FIFO source, standard DLQ", fifo: true, dlq: func(t *testing.T) *queue.Queue[string] { return mk(t, queue.Config[string]{Name: "dlq"}) }, count: 5, wantErr: true,
			reason: "Dead-letter target must be of same type as the source."},
		{name: "FIFO source, FIFO DLQ", fifo: true, dlq: func(t *testing.T) *queue.Queue[string] {
			return mk(t, queue.Config[string]{Name: "dlq.fifo", FIFO: true})
		}, count: 5},
		{name: "allow policy allowAll", dlq: func(t *testing.T) *queue.Queue[string] {
			return mk(t, queue.Config[string]{Name: "dlq", RedriveAllowPolicy: &queue.RedriveAllowPolicy{Permission: queue.RedriveAllowAll}})
		}, count: 5},
		{name: "allow policy denyAll", dlq: func(t *testing.T) *queue.Queue[string] {
			return mk(t, queue.Config[string]{Name: "dlq", RedriveAllowPolicy: &queue.RedriveAllowPolicy{Permission: queue.RedriveDenyAll}})
		}, count: 5, wantErr: true, reason: "Queue " + srcARN("src") + " is not allowed to use " + srcARN("dlq") + " as its dead-letter queue."},
		{name: "allow policy byQueue without source", dlq: func(t *testing.T) *queue.Queue[string] {
			return mk(t, queue.Config[string]{Name: "dlq", RedriveAllowPolicy: &queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: []string{srcARN("other")}}})
		}, count: 5, wantErr: true, reason: "Queue " + srcARN("src") + " is not allowed to use " + srcARN("dlq") + " as its dead-letter queue."},
		{name: "allow policy byQueue with source", dlq: func(t *testing.T) *queue.Queue[string] {
			return mk(t, queue.Config[string]{Name: "dlq", RedriveAllowPolicy: &queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: []string{srcARN("other"), srcARN("src")}}})
		}, count: 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			policy := &queue.RedrivePolicy[string]{MaxReceiveCount: tt.count}
			var dlq *queue.Queue[string]
			if tt.dlq != nil {
				dlq = tt.dlq(t)
				policy.DeadLetterQueue = dlq
			}
			name := "src"
			if tt.fifo {
				name = "src.fifo"
			}
			q, err := queue.New(queue.Config[string]{Name: name, FIFO: tt.fifo, RedrivePolicy: policy}, queue.WithClock(newClock()))
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				srcs := dlq.DeadLetterSourceQueues()
				if len(srcs) != 1 || srcs[0] != q {
					t.Fatalf("DeadLetterSourceQueues() = %v, want the source", srcs)
				}
				return
			}
			if q != nil {
				t.Fatal("New returned a queue with an error")
			}
			wantErr(t, err, queue.ErrInvalidParameterValue, "")
			if tt.reason != "" {
				var e *queue.Error
				errors.As(err, &e)
				if !strings.HasPrefix(e.Message, "Value ") || !strings.Contains(e.Message, " for parameter RedrivePolicy is invalid. Reason: "+tt.reason) ||
					!strings.HasSuffix(e.Message, tt.reason) {
					t.Fatalf("message %q, want \"Value <policy> for parameter RedrivePolicy is invalid. Reason: %s\"", e.Message, tt.reason)
				}
			}
			if dlq != nil && len(dlq.DeadLetterSourceQueues()) != 0 {
				t.Fatal("a failed New registered itself as a dead-letter source")
			}
		})
	}
}

func TestNewRedriveAllowPolicyValidation(t *testing.T) {
	arns := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "arn:aws:sqs:us-east-1:000000000000:s" + string(rune('a'+i))
		}
		return out
	}
	tests := []struct {
		name    string
		policy  queue.RedriveAllowPolicy
		wantErr bool
	}{
		{"allowAll", queue.RedriveAllowPolicy{Permission: queue.RedriveAllowAll}, false},
		{"denyAll", queue.RedriveAllowPolicy{Permission: queue.RedriveDenyAll}, false},
		{"byQueue 1", queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: arns(1)}, false},
		{"byQueue 10", queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: arns(10)}, false},
		{"byQueue 0", queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue}, true},
		{"byQueue 11", queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: arns(11)}, true},
		{"allowAll with ARNs", queue.RedriveAllowPolicy{Permission: queue.RedriveAllowAll, SourceQueueARNs: arns(1)}, true},
		{"denyAll with ARNs", queue.RedriveAllowPolicy{Permission: queue.RedriveDenyAll, SourceQueueARNs: arns(1)}, true},
		{"empty permission", queue.RedriveAllowPolicy{}, true},
		{"unknown permission", queue.RedriveAllowPolicy{Permission: "allowSome"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.policy
			_, err := queue.New(queue.Config[string]{Name: "dlq", RedriveAllowPolicy: &p}, queue.WithClock(newClock()))
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			wantErr(t, err, queue.ErrInvalidAttributeValue, "Invalid value for the parameter RedriveAllowPolicy.")
		})
	}
}

// TestRedriveAllowPolicyIsCopied: changing the caller's ARN slice after New
// must not change who may use the queue as a dead-letter queue.
func TestRedriveAllowPolicyIsCopied(t *testing.T) {
	srcs := []string{"arn:aws:sqs:us-east-1:000000000000:other"}
	dlq := newQueueOn(t, newClock(), queue.Config[string]{Name: "dlq", RedriveAllowPolicy: &queue.RedriveAllowPolicy{Permission: queue.RedriveByQueue, SourceQueueARNs: srcs}})
	srcs[0] = "arn:aws:sqs:us-east-1:000000000000:src"
	_, err := queue.New(queue.Config[string]{Name: "src", RedrivePolicy: &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: 3}}, queue.WithClock(newClock()))
	wantErr(t, err, queue.ErrInvalidParameterValue, "")
}

func TestSetConfig(t *testing.T) {
	t.Run("valid change applies and updates LastModified", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		created := q.Created()
		if !created.Equal(epoch) || !q.LastModified().Equal(epoch) {
			t.Fatalf("Created, LastModified = %v, %v, want %v", created, q.LastModified(), epoch)
		}
		clk.Advance(time.Minute)
		if err := q.SetConfig(queue.Config[string]{Name: "q", Delay: 10 * time.Second, VisibilityTimeout: queue.Seconds(5)}); err != nil {
			t.Fatalf("SetConfig: %v", err)
		}
		if !q.LastModified().Equal(epoch.Add(time.Minute)) || !q.Created().Equal(created) {
			t.Fatalf("LastModified, Created = %v, %v", q.LastModified(), q.Created())
		}
		c := q.Config()
		if c.Delay != 10*time.Second || *c.VisibilityTimeout != 5*time.Second || c.RetentionPeriod != 4*24*time.Hour {
			t.Fatalf("Config() = %+v", c)
		}
		mustSend(t, q, "m")
		wantCounts(t, q, queue.Counts{Delayed: 1})
	})
	t.Run("cannot change queue type", func(t *testing.T) {
		for _, tc := range []struct {
			from, to queue.Config[string]
		}{
			{queue.Config[string]{Name: "q"}, queue.Config[string]{Name: "q", FIFO: true}},
			{queue.Config[string]{Name: "q.fifo", FIFO: true}, queue.Config[string]{Name: "q.fifo"}},
		} {
			q, _ := newQueue(t, tc.from)
			err := q.SetConfig(tc.to)
			wantErr(t, err, queue.ErrInvalidAttributeValue, "Modifying queue type is not supported.")
			if q.FIFO() != tc.from.FIFO || q.Config().FIFO != tc.from.FIFO {
				t.Fatal("queue type changed")
			}
		}
	})
	t.Run("cannot change name", func(t *testing.T) {
		q, _ := newQueue(t, queue.Config[string]{Name: "q"})
		err := q.SetConfig(queue.Config[string]{Name: "other"})
		wantErr(t, err, queue.ErrInvalidParameterValue, "")
		if q.Name() != "q" || q.Config().Name != "q" {
			t.Fatalf("name changed to %q", q.Name())
		}
	})
	t.Run("invalid change leaves config unchanged", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{Delay: 5 * time.Second, VisibilityTimeout: queue.Seconds(7)})
		before := q.Config()
		clk.Advance(time.Minute)
		invalid := []queue.Config[string]{
			{Name: "q", Delay: 10 * time.Second, VisibilityTimeout: dur(13 * time.Hour)},
			{Name: "q", Delay: 10 * time.Second, RetentionPeriod: time.Second},
			{Name: "q", Delay: 16 * time.Minute},
			{Name: "q", Delay: 10 * time.Second, ContentBasedDeduplication: true},
			{Name: "q", Delay: 10 * time.Second, RedrivePolicy: &queue.RedrivePolicy[string]{MaxReceiveCount: 3}},
		}
		for _, cfg := range invalid {
			if err := q.SetConfig(cfg); err == nil {
				t.Fatalf("SetConfig(%+v) succeeded", cfg)
			}
		}
		after := q.Config()
		if after.Delay != before.Delay || *after.VisibilityTimeout != *before.VisibilityTimeout ||
			after.RetentionPeriod != before.RetentionPeriod || after.RedrivePolicy != nil {
			t.Fatalf("config changed: before %+v after %+v", before, after)
		}
		if !q.LastModified().Equal(epoch) {
			t.Fatalf("LastModified = %v after failed changes, want %v", q.LastModified(), epoch)
		}
		mustSend(t, q, "m")
		wantCounts(t, q, queue.Counts{Delayed: 1})
		clk.Advance(5 * time.Second)
		wantCounts(t, q, queue.Counts{Available: 1})
	})
	t.Run("self as dead-letter queue", func(t *testing.T) {
		q, _ := newQueue(t, queue.Config[string]{Name: "q"})
		err := q.SetConfig(queue.Config[string]{Name: "q", RedrivePolicy: &queue.RedrivePolicy[string]{DeadLetterQueue: q, MaxReceiveCount: 3}})
		wantErr(t, err, queue.ErrInvalidParameterValue, "")
		if q.Config().RedrivePolicy != nil {
			t.Fatal("redrive policy set")
		}
	})
	t.Run("lowering retention expires older messages", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{})
		mustSend(t, q, "old-inflight")
		mustSend(t, q, "old-available")
		mustSendInput(t, q, queue.SendInput[string]{Body: "old-delayed", Delay: dur(15 * time.Minute)})
		clk.Advance(time.Second)
		receive(t, q, queue.ReceiveOptions{MaxMessages: 1, WaitTime: dur(0), VisibilityTimeout: dur(12 * time.Hour)}) // old-inflight
		clk.Advance(2*time.Hour - time.Second)
		mustSend(t, q, "new")         // age 0 at the change
		clk.Advance(59 * time.Minute) // "new" is 59m old, the others 2h59m
		wantCounts(t, q, queue.Counts{Available: 3, InFlight: 1})
		if err := q.SetConfig(queue.Config[string]{Name: "q", RetentionPeriod: time.Hour}); err != nil {
			t.Fatalf("SetConfig: %v", err)
		}
		wantCounts(t, q, queue.Counts{Available: 1})
		m := receiveOne(t, q)
		if m.Body != "new" {
			t.Fatalf("survivor = %q, want new", m.Body)
		}
		clk.Advance(time.Minute + time.Second) // now "new" is past an hour old
		wantCounts(t, q, queue.Counts{})
	})
	t.Run("raising retention keeps messages", func(t *testing.T) {
		q, clk := newQueue(t, queue.Config[string]{RetentionPeriod: time.Minute})
		mustSend(t, q, "m")
		clk.Advance(30 * time.Second)
		if err := q.SetConfig(queue.Config[string]{Name: "q", RetentionPeriod: time.Hour}); err != nil {
			t.Fatalf("SetConfig: %v", err)
		}
		clk.Advance(time.Minute)
		wantCounts(t, q, queue.Counts{Available: 1})
	})
}

func TestNewOptionsValidation(t *testing.T) {
	tests := []struct {
		name string
		cfg  queue.Config[string]
		opt  queue.Option
	}{
		{"in-flight limit 0", queue.Config[string]{Name: "q"}, queue.WithInFlightLimit(0)},
		{"in-flight limit negative", queue.Config[string]{Name: "q"}, queue.WithInFlightLimit(-1)},
		{"at-least-once on FIFO", queue.Config[string]{Name: "q.fifo", FIFO: true}, queue.WithAtLeastOnce(queue.AtLeastOnce{Seed: 1})},
		{"at-least-once rate above 1", queue.Config[string]{Name: "q"}, queue.WithAtLeastOnce(queue.AtLeastOnce{DuplicateRate: 1.5})},
		{"at-least-once rate negative", queue.Config[string]{Name: "q"}, queue.WithAtLeastOnce(queue.AtLeastOnce{DuplicateRate: -0.1})},
		{"at-least-once window negative", queue.Config[string]{Name: "q"}, queue.WithAtLeastOnce(queue.AtLeastOnce{Window: -1})},
		{"sizer of the wrong type", queue.Config[string]{Name: "q"}, queue.WithSizer(func(int) int { return 1 })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := queue.New(tt.cfg, tt.opt, queue.WithClock(newClock()))
			if err == nil || q != nil {
				t.Fatalf("New = %v, %v; want an error", q, err)
			}
		})
	}
}

func TestWithAccount(t *testing.T) {
	q := newQueueOn(t, newClock(), queue.Config[string]{Name: "q"}, queue.WithAccount("eu-west-1", "123456789012"))
	if want := "arn:aws:sqs:eu-west-1:123456789012:q"; q.ARN() != want {
		t.Fatalf("ARN() = %q, want %q", q.ARN(), want)
	}
	mustSend(t, q, "m")
	m := receive(t, q, queue.ReceiveOptions{WaitTime: dur(0), SystemAttributeNames: []string{"SenderId"}})[0]
	if s := sysAttrs(m); s.SenderID != "123456789012" {
		t.Fatalf("SenderID = %q", s.SenderID)
	}
}

// TestConcurrentSetConfig runs SetConfig against the queue's other methods;
// under -race it fails if any of them reads the configuration unlocked.
func TestConcurrentSetConfig(t *testing.T) {
	q, _ := newQueue(t, queue.Config[string]{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			if err := q.SetConfig(queue.Config[string]{Name: "q", Delay: time.Duration(i%3) * time.Second}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for range 200 {
		_ = q.Name()
		_ = q.Config()
		_ = q.Counts()
		mustSend(t, q, "m")
	}
	<-done
	for range 200 {
		_ = q.SetConfig(queue.Config[string]{Name: "q"})
	}
}
