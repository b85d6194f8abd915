package eventbus_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/eventbus"
	"github.com/switchyard/switchyard/queue"
)

func TestPutTargetsValidation(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["x"]}`})
	var rec recorder
	ok := func(id string) eventbus.Target { return eventbus.Target{ID: id, Destination: rec.dest()} }
	withRetry := func(p eventbus.RetryPolicy) eventbus.Target { t := ok("t"); t.RetryPolicy = &p; return t }
	tests := []struct {
		name     string
		targets  []eventbus.Target
		sentinel *eventbus.Error
		msg      string
	}{
		{"none", nil, eventbus.ErrValidation, "at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"empty id", []eventbus.Target{ok("")}, eventbus.ErrValidation, "Value '' at 'targets.1.member.id' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"id pattern", []eventbus.Target{ok("a"), ok("b c")}, eventbus.ErrValidation, `Value 'b c' at 'targets.2.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`},
		{"long id", []eventbus.Target{ok(strings.Repeat("i", 65))}, eventbus.ErrValidation, "Member must have length less than or equal to 64"},
		{"186 attempts", []eventbus.Target{withRetry(eventbus.RetryPolicy{MaximumRetryAttempts: eventbus.Retries(186)})}, eventbus.ErrValidation, "Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185"},
		{"negative attempts", []eventbus.Target{withRetry(eventbus.RetryPolicy{MaximumRetryAttempts: eventbus.Retries(-1)})}, eventbus.ErrValidation, "Member must have value greater than or equal to 0"},
		{"59 s", []eventbus.Target{withRetry(eventbus.RetryPolicy{MaximumEventAge: 59 * time.Second})}, eventbus.ErrValidation, "Value '59' at 'targets.1.member.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60"},
		{"a day and a second", []eventbus.Target{withRetry(eventbus.RetryPolicy{MaximumEventAge: 24*time.Hour + time.Second})}, eventbus.ErrValidation, "Member must have value less than or equal to 86400"},
		{"no destination", []eventbus.Target{{ID: "t"}}, eventbus.ErrValidation, "Target t has no destination."},
		{"six", []eventbus.Target{ok("1"), ok("2"), ok("3"), ok("4"), ok("5"), ok("6")}, eventbus.ErrLimitExceeded, "The requested resource exceeds the maximum number allowed."},
		{"two inputs", []eventbus.Target{{ID: "t", Destination: rec.dest(), Input: `{}`, InputPath: "$.detail"}}, eventbus.ErrValidation, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, b.PutTargets("r", tt.targets...), tt.sentinel, tt.msg)
			if got, _ := b.ListTargetsByRule("r"); len(got) != 0 {
				t.Errorf("a refused PutTargets stored %d targets", len(got))
			}
		})
	}
	wantCode(t, b.PutTargets("missing", ok("t")), eventbus.ErrResourceNotFound, "Rule missing does not exist on EventBus default.")
}

func TestTargetsReplaceAndRemove(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	q := newQueue(t, queue.Config[string]{Name: "orders"})
	var one, two recorder
	putRule(t, b, eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["com.example.orders"]}`},
		eventbus.Target{ID: "b", Destination: one.dest()}, eventbus.Target{ID: "a", Destination: eventbus.ToQueue(q, eventbus.QueueParams{})})
	// The same id replaces the target; five distinct ids are the most.
	if err := b.PutTargets("r", eventbus.Target{ID: "b", Destination: two.dest()}, eventbus.Target{ID: "c", Destination: two.dest()},
		eventbus.Target{ID: "d", Destination: two.dest()}, eventbus.Target{ID: "e", Destination: two.dest()}); err != nil {
		t.Fatal(err)
	}
	targets, err := b.ListTargetsByRule("r")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tg := range targets {
		ids = append(ids, tg.ID)
	}
	if fmt.Sprint(ids) != "[a b c d e]" {
		t.Errorf("targets = %v", ids)
	}
	if got := b.ListRuleNamesByTarget(q.ARN()); fmt.Sprint(got) != "[r]" {
		t.Errorf("ListRuleNamesByTarget(queue) = %v", got)
	}
	put(t, b, order(`{}`))
	flush(t, b)
	if len(one.inputs()) != 0 || len(two.inputs()) != 4 || len(drain(t, q)) != 1 {
		t.Errorf("deliveries: replaced %d, new %d", len(one.inputs()), len(two.inputs()))
	}

	err = b.RemoveTargets("r", "c", "zz", "d")
	wantCode(t, err, eventbus.ErrResourceNotFound, "Rule 'r' does not have a target with the Id 'zz'.")
	targets, _ = b.ListTargetsByRule("r")
	if len(targets) != 3 {
		t.Errorf("after RemoveTargets %d targets, want 3", len(targets))
	}
	if !errors.Is(b.RemoveTargets("nope", "a"), eventbus.ErrResourceNotFound) {
		t.Error("RemoveTargets on a missing rule did not fail")
	}
}
