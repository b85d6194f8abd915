package eventbus_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/eventbus"
)

func TestPutRuleValidation(t *testing.T) {
	t.Parallel()
	def := newBus(t, eventbus.Config{})
	named := newBus(t, eventbus.Config{Name: "orders"})
	tests := []struct {
		name     string
		bus      *eventbus.Bus
		cfg      eventbus.RuleConfig
		sentinel *eventbus.Error
		msg      string
	}{
		{"empty name", def, eventbus.RuleConfig{EventPattern: `{"a":[1]}`}, eventbus.ErrValidation, "at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"long name", def, eventbus.RuleConfig{Name: strings.Repeat("r", 65), EventPattern: `{"a":[1]}`}, eventbus.ErrValidation, "Member must have length less than or equal to 64"},
		{"name pattern", def, eventbus.RuleConfig{Name: "a/b", EventPattern: `{"a":[1]}`}, eventbus.ErrValidation, `Value 'a/b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+`},
		{"bad state", def, eventbus.RuleConfig{Name: "r", EventPattern: `{"a":[1]}`, State: "ON"}, eventbus.ErrValidation, "Value 'ON' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]"},
		{"neither", def, eventbus.RuleConfig{Name: "r"}, eventbus.ErrValidation, "Parameter(s) EventPattern or ScheduleExpression must be specified."},
		{"bad pattern", def, eventbus.RuleConfig{Name: "r", EventPattern: `{"a":"x"}`}, eventbus.ErrInvalidEventPattern, `Event pattern is not valid. Reason: "a" must be an object or an array`},
		{"bad schedule", def, eventbus.RuleConfig{Name: "r", ScheduleExpression: "rate(1 minutes)"}, eventbus.ErrValidation, "Parameter ScheduleExpression is not valid."},
		{"schedule on a named bus", named, eventbus.RuleConfig{Name: "r", ScheduleExpression: "rate(5 minutes)"}, eventbus.ErrValidation, "ScheduleExpression is supported only on the default event bus."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.bus.PutRule(tt.cfg)
			wantCode(t, err, tt.sentinel, tt.msg)
			if len(tt.bus.ListRules("")) != 0 {
				t.Errorf("a refused rule was stored")
			}
		})
	}
}

func TestRuleARNs(t *testing.T) {
	t.Parallel()
	def := newBus(t, eventbus.Config{})
	named := newBus(t, eventbus.Config{Name: "orders"})
	if got := putRule(t, def, eventbus.RuleConfig{Name: "r", EventPattern: `{"a":[1]}`}); got != "arn:aws:events:us-east-1:123456789012:rule/r" {
		t.Errorf("default bus rule ARN = %s", got)
	}
	if got := putRule(t, named, eventbus.RuleConfig{Name: "r", EventPattern: `{"a":[1]}`}); got != "arn:aws:events:us-east-1:123456789012:rule/orders/r" {
		t.Errorf("named bus rule ARN = %s", got)
	}
}

func TestRuleLifecycle(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{Name: "orders"})
	var rec recorder
	putRule(t, b, eventbus.RuleConfig{Name: "placed", EventPattern: `{"detail-type":["Order Placed"]}`, Description: "new orders"},
		eventbus.Target{ID: "t", Destination: rec.dest()})

	got, err := b.DescribeRule("placed")
	if err != nil {
		t.Fatal(err)
	}
	want := eventbus.RuleDescription{Name: "placed", ARN: "arn:aws:events:us-east-1:123456789012:rule/orders/placed", EventPattern: `{"detail-type":["Order Placed"]}`,
		State: eventbus.Enabled, Description: "new orders", EventBusName: "orders", CreatedBy: "123456789012"}
	if got != want {
		t.Errorf("DescribeRule = %+v,\nwant %+v", got, want)
	}

	if err := b.DisableRule("placed"); err != nil {
		t.Fatal(err)
	}
	put(t, b, order(`{"n":1}`))
	flush(t, b)
	if n := len(rec.inputs()); n != 0 {
		t.Fatalf("a disabled rule delivered %d events", n)
	}
	if err := b.EnableRule("placed"); err != nil {
		t.Fatal(err)
	}
	put(t, b, order(`{"n":2}`))
	flush(t, b)
	if n := len(rec.inputs()); n != 1 {
		t.Fatalf("an enabled rule delivered %d events, want 1", n)
	}

	// PutRule again replaces the pattern and keeps the targets.
	putRule(t, b, eventbus.RuleConfig{Name: "placed", EventPattern: `{"detail":{"n":[3]}}`})
	put(t, b, order(`{"n":2}`), order(`{"n":3}`))
	flush(t, b)
	if got := rec.inputs(); len(got) != 2 || !strings.Contains(got[1], `"detail":{"n":3}`) {
		t.Fatalf("after the update the target got %q", got)
	}
	// A refused update changes nothing.
	if _, err := b.PutRule(eventbus.RuleConfig{Name: "placed", EventPattern: `{"detail":[]}`}); err == nil {
		t.Fatal("an empty array was accepted")
	}
	if d, _ := b.DescribeRule("placed"); d.EventPattern != `{"detail":{"n":[3]}}` {
		t.Errorf("a refused update changed the pattern to %s", d.EventPattern)
	}

	wantCode(t, b.DeleteRule("placed", false), eventbus.ErrValidation, "Rule can't be deleted since it has targets.")
	if err := b.DeleteRule("placed", true); err != nil {
		t.Fatal(err)
	}
	_, err = b.DescribeRule("placed")
	wantCode(t, err, eventbus.ErrResourceNotFound, "Rule placed does not exist on EventBus orders.")
	wantCode(t, b.EnableRule("placed"), eventbus.ErrResourceNotFound, "Rule placed does not exist on EventBus orders.")
	if err := b.DeleteRule("placed", false); err != nil {
		t.Errorf("deleting a missing rule: %v", err)
	}
}

func TestListRules(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	for _, name := range []string{"orders-b", "audit", "orders-a"} {
		putRule(t, b, eventbus.RuleConfig{Name: name, EventPattern: `{"source":["x"]}`})
	}
	var names []string
	for _, r := range b.ListRules("orders-") {
		names = append(names, r.Name)
	}
	if fmt.Sprint(names) != "[orders-a orders-b]" {
		t.Errorf("ListRules(orders-) = %v", names)
	}
}

func TestRuleLimit(t *testing.T) {
	t.Parallel()
	b := newBus(t, eventbus.Config{})
	for i := range 300 {
		putRule(t, b, eventbus.RuleConfig{Name: fmt.Sprintf("r%d", i), EventPattern: `{"source":["x"]}`})
	}
	_, err := b.PutRule(eventbus.RuleConfig{Name: "one-more", EventPattern: `{"source":["x"]}`})
	wantCode(t, err, eventbus.ErrLimitExceeded, "The requested resource exceeds the maximum number allowed.")
	putRule(t, b, eventbus.RuleConfig{Name: "r0", EventPattern: `{"source":["y"]}`}) // updating is not adding
}
