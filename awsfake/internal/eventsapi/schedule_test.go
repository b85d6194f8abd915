package eventsapi_test

import (
	"testing"
	"testing/synctest"
	"time"
)

// A scheduled rule fires on the service's clock: inside a synctest bubble,
// the bubble's, which time.Sleep moves.
func TestScheduledRuleFiresOnTheClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeOn(t, nil)
		in := f.function(functionARN)
		f.ok("PutRule", map[string]any{"Name": "tick", "ScheduleExpression": "rate(1 minute)"})
		f.putTargets("", "tick", map[string]any{"Id": "t", "Arn": functionARN})

		time.Sleep(3*time.Minute + 30*time.Second)
		synctest.Wait()
		got := in.received()
		if len(got) != 3 {
			t.Fatalf("after 3.5 minutes the rule fired %d times, want 3: %v", len(got), got)
		}
		start := time.Now().Add(-3*time.Minute - 30*time.Second)
		for i, s := range got {
			ev := decode(t, s)
			want := start.Add(time.Duration(i+1) * time.Minute).UTC().Format(time.RFC3339)
			if ev["source"] != "aws.events" || ev["detail-type"] != "Scheduled Event" || ev["time"] != want {
				t.Errorf("firing %d = %v, want a Scheduled Event at %s", i+1, ev, want)
			}
			if r := ev["resources"].([]any); len(r) != 1 || r[0] != "arn:aws:events:us-east-1:000000000000:rule/tick" {
				t.Errorf("firing %d names resources %v, want the rule", i+1, r)
			}
		}

		f.ok("DisableRule", map[string]any{"Name": "tick"})
		time.Sleep(5 * time.Minute)
		synctest.Wait()
		if n := len(in.received()); n != 3 {
			t.Fatalf("a disabled rule fired: %d firings", n)
		}
	})
}
