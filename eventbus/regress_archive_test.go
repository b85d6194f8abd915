package eventbus_test

import (
	"errors"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

// PutEvents keeps the caller's Entry.Resources slice in the Event it
// builds, and the archive keeps that Event; a replay re-serialises it.
// A caller reusing its slice after PutEvents returns therefore rewrites
// the archived event (and races the targets reading Delivery.Event).
func TestBug_ArchiveAliasesCallerResources(t *testing.T) {
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{Name: "orders"}, eventbus.WithClock(clk))
	defer closeBus(t, b)
	if _, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	var c counter
	if _, err := b.PutRule(eventbus.RuleConfig{Name: "r", EventPattern: `{"source":["s"]}`}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutTargets("r", eventbus.Target{ID: "t", Destination: c.dest()}); err != nil {
		t.Fatal(err)
	}
	resources := []string{"arn:aws:s3:::original"}
	if _, err := b.PutEvents(eventbus.Entry{Source: "s", DetailType: "d", Detail: `{}`, Resources: resources}); err != nil {
		t.Fatal(err)
	}
	flush(t, b)
	resources[0] = "arn:aws:s3:::changed-later" // the caller reuses its slice

	clk.Advance(time.Minute)
	if _, err := b.StartReplay(eventbus.ReplayConfig{Name: "rp", Archive: "a", EventStartTime: start.Add(-time.Hour), EventEndTime: clk.Now()}); err != nil {
		t.Fatal(err)
	}
	flush(t, b)
	got := c.all()
	if len(got) != 2 {
		t.Fatalf("%d deliveries, want 2", len(got))
	}
	if r := got[1].Event.Resources[0]; r != "arn:aws:s3:::original" {
		t.Errorf("replayed event's resource = %q, want the one put", r)
	}
}

// Close's doc: "Later calls fail with ErrResourceNotFound". Every lookup
// checks b.closed except DescribeReplay, which still answers.
func TestBug_DescribeReplayAfterClose(t *testing.T) {
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{Name: "orders"}, eventbus.WithClock(clk))
	if _, err := b.CreateArchive(eventbus.ArchiveConfig{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)
	if _, err := b.StartReplay(eventbus.ReplayConfig{Name: "rp", Archive: "a", EventStartTime: start, EventEndTime: clk.Now()}); err != nil {
		t.Fatal(err)
	}
	flush(t, b)
	closeBus(t, b)
	if _, err := b.DescribeArchive("a"); !errors.Is(err, eventbus.ErrResourceNotFound) {
		t.Fatalf("DescribeArchive after Close = %v", err)
	}
	if _, err := b.DescribeReplay("rp"); !errors.Is(err, eventbus.ErrResourceNotFound) {
		t.Errorf("DescribeReplay after Close = %v, want ResourceNotFoundException", err)
	}
}
