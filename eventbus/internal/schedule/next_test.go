package schedule

import (
	"testing"
	"time"
)

// at parses a UTC time written "2006-01-02 15:04" or "2006-01-02 15:04:05".
func at(t testing.TB, text string) time.Time {
	t.Helper()
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05.999999999"} {
		if v, err := time.Parse(layout, text); err == nil {
			return v
		}
	}
	t.Fatalf("bad time %q", text)
	return time.Time{}
}

func mustParse(t testing.TB, expr string) Schedule {
	t.Helper()
	s, err := Parse(expr)
	if err != nil {
		t.Fatalf("Parse(%q): %v (%s)", expr, err, reason(err))
	}
	return s
}

func TestCronNext(t *testing.T) {
	t.Parallel()
	// Weekdays used below: 2025-11-01 is a Saturday, 2025-08-31 a Sunday,
	// 2026-03-01 a Sunday, 2026-02-28 a Saturday, 2026-05-31 a Sunday,
	// 2005-12-31 a Saturday.
	tests := []struct {
		name, expr, after, want string // want "" means no firing
	}{
		{"same day", "cron(0 10 * * ? *)", "2026-03-15 09:59", "2026-03-15 10:00"},
		{"strictly after", "cron(0 10 * * ? *)", "2026-03-15 10:00", "2026-03-16 10:00"},
		{"seconds round up", "cron(0 10 * * ? *)", "2026-03-15 09:59:59.999", "2026-03-15 10:00"},
		{"every minute", "cron(* * * * ? *)", "2026-03-15 10:00:30", "2026-03-15 10:01"},
		{"step", "cron(0/15 * * * ? *)", "2026-03-15 10:07:30", "2026-03-15 10:15"},
		{"step into next hour", "cron(0/15 * * * ? *)", "2026-03-15 10:45", "2026-03-15 11:00"},
		{"step from 1", "cron(1/10 * * * ? *)", "2026-03-15 10:51", "2026-03-15 11:01"},
		{"range step", "cron(10-20/5 * * * ? *)", "2026-03-15 10:15", "2026-03-15 10:20"},
		{"range step next hour", "cron(10-20/5 * * * ? *)", "2026-03-15 10:20", "2026-03-15 11:10"},
		{"list", "cron(5,35 14 * * ? *)", "2026-03-15 14:05", "2026-03-15 14:35"},
		{"list next day", "cron(5,35 14 * * ? *)", "2026-03-15 14:35", "2026-03-16 14:05"},
		{"end of year", "cron(0 0 * * ? *)", "2026-12-31 23:59", "2027-01-01 00:00"},
		{"hours wrap", "cron(0 22-2 * * ? *)", "2026-03-15 02:00", "2026-03-15 22:00"},
		{"hours wrap past midnight", "cron(0 22-2 * * ? *)", "2026-03-15 23:00", "2026-03-16 00:00"},
		{"day 31 skips short months", "cron(0 0 31 * ? *)", "2026-04-01 00:00", "2026-05-31 00:00"},
		{"day range wraps", "cron(0 12 28-3 * ? *)", "2026-02-28 12:00", "2026-03-01 12:00"},
		{"months wrap", "cron(0 0 1 NOV-FEB ? *)", "2026-03-01 00:00", "2026-11-01 00:00"},
		{"month step", "cron(0 0 1 1-12/3 ? *)", "2026-04-01 00:00", "2026-07-01 00:00"},
		{"Feb 29", "cron(0 12 29 2 ? *)", "2025-03-01 00:00", "2028-02-29 12:00"},
		{"Feb 29 in 2100 is no leap day", "cron(0 12 29 2 ? *)", "2096-03-01 00:00", "2104-02-29 12:00"},
		{"L in a leap February", "cron(0 0 L * ? *)", "2024-02-01 00:00", "2024-02-29 00:00"},
		{"L in a plain February", "cron(0 0 L * ? *)", "2025-02-01 00:00", "2025-02-28 00:00"},
		{"L after a 30-day month's end", "cron(0 0 L * ? *)", "2026-04-30 00:00", "2026-05-31 00:00"},
		{"L-2", "cron(0 12 L-2 * ? *)", "2024-02-01 00:00", "2024-02-27 12:00"},
		{"L-2 next month", "cron(0 12 L-2 * ? *)", "2024-02-27 12:00", "2024-03-29 12:00"},
		{"L-30 only in 31-day months", "cron(0 0 L-30 * ? *)", "2026-01-02 00:00", "2026-03-01 00:00"},
		{"1W on a Saturday is Monday the 3rd", "cron(0 12 1W * ? *)", "2025-10-15 00:00", "2025-11-03 12:00"},
		{"1W on a weekday", "cron(0 12 1W * ? *)", "2025-09-15 00:00", "2025-10-01 12:00"},
		{"15W on a Saturday is Friday", "cron(0 12 15W * ? *)", "2025-11-01 00:00", "2025-11-14 12:00"},
		{"16W on a Sunday is Monday", "cron(0 12 16W * ? *)", "2025-11-01 00:00", "2025-11-17 12:00"},
		{"31W on a last-day Sunday is Friday", "cron(0 12 31W * ? *)", "2025-08-01 00:00", "2025-08-29 12:00"},
		{"31W skips a 30-day month", "cron(0 12 31W * ? *)", "2025-09-01 00:00", "2025-10-31 12:00"},
		{"W day already past", "cron(0 12 15W * ? *)", "2025-11-14 12:00", "2025-12-15 12:00"},
		{"LW on a Sunday", "cron(0 12 LW * ? *)", "2026-05-01 00:00", "2026-05-29 12:00"},
		{"LW on a Saturday", "cron(0 12 LW * ? *)", "2026-02-01 00:00", "2026-02-27 12:00"},
		{"weekdays", "cron(0 18 ? * MON-FRI *)", "2026-03-06 18:00", "2026-03-09 18:00"},
		{"weekdays wrap", "cron(0 0 ? * FRI-MON *)", "2026-03-04 00:00", "2026-03-06 00:00"},
		{"weekdays wrap to Monday", "cron(0 0 ? * FRI-MON *)", "2026-03-08 00:00", "2026-03-09 00:00"},
		{"L alone is Saturday", "cron(0 12 ? * L *)", "2026-03-02 00:00", "2026-03-07 12:00"},
		{"third Saturday", "cron(0 2 ? * SAT#3 *)", "2026-03-01 00:00", "2026-03-21 02:00"},
		{"second Tuesday", "cron(0 9 ? * 3#2 *)", "2026-03-01 00:00", "2026-03-10 09:00"},
		{"fifth Tuesday", "cron(0 12 ? * 3#5 *)", "2026-03-01 00:00", "2026-03-31 12:00"},
		{"no fifth Tuesday in April or May", "cron(0 12 ? * 3#5 *)", "2026-04-01 00:00", "2026-06-30 12:00"},
		{"last Friday", "cron(15 10 ? * 6L 2002-2005)", "2005-12-01 00:00", "2005-12-30 10:15"},
		{"last Friday after the years", "cron(15 10 ? * 6L 2002-2005)", "2005-12-30 10:15", ""},
		{"years passed", "cron(15 10 ? * 6L 2002-2005)", "2026-01-01 00:00", ""},
		{"before the years", "cron(15 10 ? * 6L 2002-2005)", "1999-01-01 00:00", "2002-01-25 10:15"},
		{"last Thursday", "cron(0 2 ? * 5L *)", "2026-03-01 00:00", "2026-03-26 02:00"},
		{"first minute of 1970", "cron(* * * * ? 1970)", "1965-06-01 12:00", "1970-01-01 00:00"},
		{"last year", "cron(0 0 1 1 ? 2199)", "2198-06-01 00:00", "2199-01-01 00:00"},
		{"after the last year", "cron(0 0 1 1 ? 2199)", "2199-01-01 00:00", ""},
		{"after 2199", "cron(* * * * ? *)", "2199-12-31 23:59", ""},
		{"year step", "cron(0 0 1 1 ? 2020/4)", "2026-01-01 00:00", "2028-01-01 00:00"},
		{"empty items", "cron(0/5, 9-18, ?, *, MON-FRI, *)", "2026-03-06 18:55", "2026-03-09 09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := mustParse(t, tt.expr)
			after := at(t, tt.after)
			got := s.Next(after)
			var want time.Time
			if tt.want != "" {
				want = at(t, tt.want)
			}
			if !got.Equal(want) || got.Location() != want.Location() {
				t.Errorf("%s.Next(%v) = %v, want %v", tt.expr, after, got, want)
			}
			if ref, ok := referenceNext(s.cron, after, 3000); ok != !want.IsZero() || !ref.Equal(want) {
				t.Errorf("reference evaluator says %v, %v; the table says %v", ref, ok, want)
			}
		})
	}
}

// TestCronNextWalksMarch walks a weekday schedule over March 2026 and
// checks every firing.
func TestCronNextWalksMarch(t *testing.T) {
	t.Parallel()
	s := mustParse(t, "cron(0 9 ? * MON-FRI *)")
	// March 2026 starts on a Sunday.
	weekdays := []int{2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31}
	fire := s.Next(at(t, "2026-02-28 23:59:59"))
	for _, day := range weekdays {
		want := time.Date(2026, time.March, day, 9, 0, 0, 0, time.UTC)
		if !fire.Equal(want) {
			t.Fatalf("firing %v, want %v", fire, want)
		}
		fire = s.Next(fire)
	}
	if want := at(t, "2026-04-01 09:00"); !fire.Equal(want) {
		t.Errorf("first April firing %v, want %v", fire, want)
	}
}

// TestCronNextYearOfMinutes walks a per-minute schedule across a year,
// the way a clock moved on by a year makes its caller do.
func TestCronNextYearOfMinutes(t *testing.T) {
	t.Parallel()
	s := mustParse(t, "cron(* * * * ? *)")
	start := at(t, "2026-01-01 00:00")
	end := start.AddDate(1, 0, 0)
	n := 0
	for fire := s.Next(start.Add(-time.Nanosecond)); fire.Before(end); fire = s.Next(fire) {
		n++
	}
	if want := 365 * 24 * 60; n != want {
		t.Errorf("%d firings in 2026, want %d", n, want)
	}
}

func TestNextConvertsToUTC(t *testing.T) {
	t.Parallel()
	s := mustParse(t, "cron(0 10 * * ? *)")
	tokyo := time.FixedZone("JST", 9*60*60)
	// 18:30 in Tokyo is 09:30 UTC.
	got := s.Next(time.Date(2026, time.March, 15, 18, 30, 0, 0, tokyo))
	if want := at(t, "2026-03-15 10:00"); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Next = %v, want %v in UTC", got, want)
	}
}

func TestRateNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, expr, anchor, after, want string
	}{
		{"one period after the anchor", "rate(5 minutes)", "2026-03-15 10:00:30", "2026-03-15 10:00:30", "2026-03-15 10:05:30"},
		{"before the anchor", "rate(5 minutes)", "2026-03-15 10:00:30", "2026-03-15 09:00", "2026-03-15 10:05:30"},
		{"on a firing", "rate(5 minutes)", "2026-03-15 10:00:30", "2026-03-15 10:05:30", "2026-03-15 10:10:30"},
		{"just before a firing", "rate(5 minutes)", "2026-03-15 10:00:30.5", "2026-03-15 10:05:30.4", "2026-03-15 10:05:30.5"},
		{"skips missed firings", "rate(1 hour)", "2026-03-15 10:00", "2027-03-15 10:30", "2027-03-15 11:00"},
		{"a year of minutes", "rate(1 minute)", "2026-01-01 00:00", "2026-12-31 23:59:59", "2027-01-01 00:00"},
		{"days", "rate(2 days)", "2026-02-27 12:00", "2026-03-01 12:00", "2026-03-03 12:00"},
		{"three centuries", "rate(1 day)", "1900-01-01 00:00", "2199-12-31 12:00", "2200-01-01 00:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := mustParse(t, tt.expr)
			got := s.NextFrom(at(t, tt.anchor), at(t, tt.after))
			if want := at(t, tt.want); !got.Equal(want) || got.Location() != time.UTC {
				t.Errorf("NextFrom(%s, %s) = %v, want %v in UTC", tt.anchor, tt.after, got, want)
			}
		})
	}
}

func TestRateNextChains(t *testing.T) {
	t.Parallel()
	s := mustParse(t, "rate(15 minutes)")
	enabled := at(t, "2026-03-15 10:00:20")
	fire := s.Next(enabled)
	for i := 1; i <= 8; i++ {
		if want := enabled.Add(time.Duration(i) * 15 * time.Minute); !fire.Equal(want) {
			t.Fatalf("firing %d at %v, want %v", i, fire, want)
		}
		if from := s.NextFrom(enabled, fire.Add(-time.Second)); !from.Equal(fire) {
			t.Fatalf("NextFrom gives %v where chained Next gives %v", from, fire)
		}
		fire = s.Next(fire)
	}
}

func TestCronIgnoresAnchor(t *testing.T) {
	t.Parallel()
	s := mustParse(t, "cron(0 10 * * ? *)")
	after := at(t, "2026-03-15 10:30")
	if got, want := s.NextFrom(at(t, "2020-01-01 07:13"), after), s.Next(after); !got.Equal(want) {
		t.Errorf("NextFrom = %v, Next = %v; want equal", got, want)
	}
}

func TestZeroScheduleNeverFires(t *testing.T) {
	t.Parallel()
	var s Schedule
	now := at(t, "2026-03-15 10:00")
	if got := s.Next(now); !got.IsZero() {
		t.Errorf("Next = %v, want the zero time", got)
	}
	if got := s.NextFrom(now, now); !got.IsZero() {
		t.Errorf("NextFrom = %v, want the zero time", got)
	}
	if s.String() != "" {
		t.Errorf("String = %q, want empty", s.String())
	}
	if _, ok := s.Rate(); ok {
		t.Error("Rate reports a rate")
	}
}
