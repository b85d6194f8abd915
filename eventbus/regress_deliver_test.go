package eventbus_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/switchyard/switchyard/eventbus"
)

// deliver reads j.rule.cfg.Name (for <aws.events.rule-name>) without the
// bus's lock while PutRule rewrites r.cfg in place under it: a data race
// between any delivery and an update of its rule. Fails under -race.
func TestBug_DeliveryRacesPutRuleUpdate(t *testing.T) {
	b := newBus(t, eventbus.Config{Name: "orders"}, eventbus.WithDeliveryConcurrency(1))
	defer closeBus(t, b)
	entered, gate := make(chan struct{}), make(chan struct{})
	first := eventbus.Func(func(context.Context, eventbus.Delivery) error {
		close(entered)
		<-gate
		return nil
	})
	delivered := make(chan struct{})
	second := eventbus.Func(func(context.Context, eventbus.Delivery) error {
		close(delivered)
		return nil
	})
	if _, err := b.PutRule(eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["s"]}`}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutTargets("r", eventbus.Target{ID: "a", Destination: first}, eventbus.Target{ID: "b", Destination: second}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.PutEvents(eventbus.Entry{Source: "s", DetailType: "d", Detail: `{}`}); err != nil {
		t.Fatal(err)
	}
	<-entered   // the worker is in target a; target b's job is queued
	close(gate) // let it go on to target b ...
	// ... while the rule's description is updated.
	if _, err := b.PutRule(eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["s"]}`, Description: "updated"}); err != nil {
		t.Fatal(err)
	}
	<-delivered // (not Flush: its lock would order the update before the read)
}

// A pass-through target's Delivery.Input is the event's JSON buffer
// itself, shared by every target of every rule the event matched (and the
// dead-letter body). One target that edits its input in place (or a
// Queue[[]byte] consumer, since ToQueue stores it uncopied) changes what
// the others receive; with concurrent workers it is also a data race.
// Input's own Shaper copies constant input "so that no caller can change
// what the next one gets"; pass-through does not.
func TestBug_TargetsShareMutableInputBuffer(t *testing.T) {
	b := newBus(t, eventbus.Config{Name: "orders"}, eventbus.WithDeliveryConcurrency(1))
	defer closeBus(t, b)
	scribble := eventbus.Func(func(_ context.Context, d eventbus.Delivery) error {
		for i := range d.Input {
			d.Input[i] = 'X'
		}
		return nil
	})
	var c counter
	if _, err := b.PutRule(eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["s"]}`}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutTargets("r",
		eventbus.Target{ID: "a", Destination: scribble},
		eventbus.Target{ID: "b", Destination: c.dest()}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.PutEvents(eventbus.Entry{Source: "s", DetailType: "d", Detail: `{"k":1}`}); err != nil {
		t.Fatal(err)
	}
	flush(t, b)
	got := c.all()
	if len(got) != 1 {
		t.Fatalf("%d deliveries to b, want 1", len(got))
	}
	if in := string(got[0].Input); in[0] != '{' {
		t.Errorf("target b received %q: target a's edits to its own input reached it", in)
	}
}

// Entry's doc: "Invalid UTF-8 in its strings ... becomes U+FFFD in the
// envelope". That holds for Source, DetailType and Resources (written with
// json.Marshal) but not for Detail, which compactObject copies byte for
// byte with json.Compact. The envelope then holds invalid UTF-8, which the
// matcher refuses to match: PutEvents accepts the entry and returns an
// event id, yet no rule ever sees it (a rule on source alone does not
// fire) — the event is silently lost.
func TestBug_InvalidUTF8InDetailSilentlyLost(t *testing.T) {
	b := newBus(t, eventbus.Config{Name: "orders"})
	defer closeBus(t, b)
	var c counter
	if _, err := b.PutRule(eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["s"]}`}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutTargets("r", eventbus.Target{ID: "t", Destination: c.dest()}); err != nil {
		t.Fatal(err)
	}
	res, err := b.PutEvents(eventbus.Entry{Source: "s", DetailType: "d", Detail: "{\"k\":\"v\xff\"}"})
	if err != nil {
		t.Fatal(err)
	}
	if res.FailedEntryCount != 0 {
		t.Skipf("entry refused (acceptable): %+v", res.Entries[0])
	}
	flush(t, b)
	got := c.all()
	if len(got) != 1 {
		t.Fatalf("PutEvents accepted the entry (id %s) but its rule delivered it %d times, want 1", res.Entries[0].EventID, len(got))
	}
	if !utf8.Valid(got[0].Input) {
		t.Errorf("target received invalid UTF-8: %q", got[0].Input)
	}
}
