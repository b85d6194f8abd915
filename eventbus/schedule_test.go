package eventbus_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/switchyard/switchyard/clock"
	"github.com/switchyard/switchyard/eventbus"
)

// firings returns the times of the scheduled events rec received.
func firings(t *testing.T, rec *recorder) []time.Time {
	t.Helper()
	var out []time.Time
	for _, d := range rec.deliveries() {
		out = append(out, d.Event.Time)
	}
	return out
}

func TestRateScheduleOverAMonth(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	var rec recorder
	arn := putRule(t, b, eventbus.RuleConfig{Name: "hourly", ScheduleExpression: "rate(1 hour)"}, eventbus.Target{ID: "t", Destination: rec.dest()})
	clk.Advance(30 * 24 * time.Hour)
	flush(t, b)
	got := firings(t, &rec)
	if len(got) != 720 {
		t.Fatalf("%d firings in 30 days of rate(1 hour), want 720", len(got))
	}
	seen := map[time.Time]bool{}
	for _, at := range got {
		seen[at] = true
	}
	for i := 1; i <= 720; i++ {
		if at := start.Add(time.Duration(i) * time.Hour); !seen[at] {
			t.Fatalf("no firing at %v", at)
		}
	}
	var ev map[string]any
	if err := json.Unmarshal(rec.deliveries()[0].Input, &ev); err != nil {
		t.Fatal(err)
	}
	if ev["source"] != "aws.events" || ev["detail-type"] != "Scheduled Event" || ev["account"] != "123456789012" ||
		ev["region"] != "us-east-1" || len(ev["detail"].(map[string]any)) != 0 || ev["resources"].([]any)[0] != arn {
		t.Errorf("scheduled event = %v", ev)
	}
}

func TestCronScheduleWeekdays(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start) // Sunday 1 March 2026
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	var rec recorder
	putRule(t, b, eventbus.RuleConfig{Name: "weekday-mornings", ScheduleExpression: "cron(0 9 ? * MON-FRI *)"}, eventbus.Target{ID: "t", Destination: rec.dest()})
	clk.Set(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	flush(t, b)
	got := firings(t, &rec)
	if len(got) != 22 {
		t.Fatalf("%d firings in March 2026, want its 22 weekdays", len(got))
	}
	for _, at := range got {
		if at.Hour() != 9 || at.Minute() != 0 || at.Weekday() == time.Saturday || at.Weekday() == time.Sunday {
			t.Errorf("firing at %v", at)
		}
	}
}

func TestScheduleDisableEnableDelete(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	var rec recorder
	putRule(t, b, eventbus.RuleConfig{Name: "r", ScheduleExpression: "rate(10 minutes)"}, eventbus.Target{ID: "t", Destination: rec.dest()})
	clk.Advance(25 * time.Minute) // fires at :10 and :20
	if err := b.DisableRule("r"); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	if err := b.EnableRule("r"); err != nil { // at 1:25; the rate starts again from here
		t.Fatal(err)
	}
	clk.Advance(15 * time.Minute) // fires at 1:35
	if err := b.DeleteRule("r", true); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Hour)
	flush(t, b)
	want := []time.Time{start.Add(10 * time.Minute), start.Add(20 * time.Minute), start.Add(95 * time.Minute)}
	got := firings(t, &rec)
	if len(got) != len(want) {
		t.Fatalf("firings %v, want %v", got, want)
	}
	for i := range want {
		if !got[i].Equal(want[i]) {
			t.Errorf("firing %d at %v, want %v", i, got[i], want[i])
		}
	}
	if clk.Pending() != 0 {
		t.Errorf("%d timers left after the rule was deleted", clk.Pending())
	}
}

func TestScheduleWithPatternDoesBoth(t *testing.T) {
	t.Parallel()
	clk := clock.NewManual(start)
	b := newBus(t, eventbus.Config{}, eventbus.WithClock(clk))
	var rec recorder
	putRule(t, b, eventbus.RuleConfig{Name: "r", ScheduleExpression: "rate(1 day)", EventPattern: `{"source":["com.example.orders"]}`},
		eventbus.Target{ID: "t", Destination: rec.dest()})
	put(t, b, order(`{}`))
	clk.Advance(24 * time.Hour)
	flush(t, b)
	if n := len(rec.deliveries()); n != 2 {
		t.Errorf("%d deliveries, want the event and one firing", n)
	}
}
