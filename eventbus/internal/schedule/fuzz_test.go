package schedule

import (
	"errors"
	"testing"
	"time"
)

// fuzzWindowDays is how far the reference evaluator searches.
const fuzzWindowDays = 400

// fuzzInstant maps a fuzzed number onto an instant, to the nanosecond,
// from 1965 to 2205, a little beyond the years cron accepts at each end.
// The seeds' numbers are seconds since 1965 plus the span times
// nanoseconds.
func fuzzInstant(n int64) time.Time {
	first := time.Date(1965, time.January, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2205, time.January, 1, 0, 0, 0, 0, time.UTC)
	span := uint64(last.Unix() - first.Unix())
	u := uint64(n)
	return first.Add(time.Duration(u%span) * time.Second).Add(time.Duration(u / span % 1e9))
}

// FuzzParse checks that Parse never panics and refuses only with AWS's
// error, and that every schedule it accepts fires strictly later than
// asked, monotonically, and, for cron, exactly when the minute-by-minute
// reference evaluator says. The seeds in testdata/fuzz/FuzzParse cover
// every feature of the syntax.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, expr string, n int64) {
		s, err := Parse(expr)
		if err != nil {
			if !errors.Is(err, ErrInvalid) || err.Error() != invalidMessage {
				t.Fatalf("Parse(%q) = %v, want an error matching ErrInvalid", expr, err)
			}
			return
		}
		if s.String() != expr {
			t.Fatalf("String() = %q, want %q", s.String(), expr)
		}
		after := fuzzInstant(n)
		// A second instant, up to three days later, for monotonicity.
		later := after.Add(time.Duration(uint64(n)>>20%(3*24*60*60)) * time.Second)
		if period, ok := s.Rate(); ok {
			checkRate(t, s, period, after, later)
			return
		}
		checkCron(t, s, after, later)
	})
}

func checkCron(t *testing.T, s Schedule, after, later time.Time) {
	next := s.Next(after)
	if !next.IsZero() {
		if !next.After(after) || next.Location() != time.UTC || next.Second() != 0 || next.Nanosecond() != 0 {
			t.Fatalf("%s.Next(%v) = %v, want a whole minute after it, in UTC", s, after, next)
		}
		if !referenceDateMatches(s.cron, next) || !s.cron.hours.has(next.Hour()) || !s.cron.minutes.has(next.Minute()) {
			t.Fatalf("%s.Next(%v) = %v, which the reference does not match", s, after, next)
		}
		if again := s.Next(next.Add(-time.Nanosecond)); !again.Equal(next) {
			t.Fatalf("%s.Next(%v) = %v, but Next just before it = %v", s, after, next, again)
		}
	}
	ref, ok := referenceNext(s.cron, after, fuzzWindowDays)
	switch {
	case ok && !next.Equal(ref):
		t.Fatalf("%s.Next(%v) = %v, reference %v", s, after, next, ref)
	case !ok && !next.IsZero() && !next.After(after.AddDate(0, 0, fuzzWindowDays)):
		t.Fatalf("%s.Next(%v) = %v, reference finds none within %d days", s, after, next, fuzzWindowDays)
	}
	checkMonotonic(t, s, after, next, later, s.Next(later))
}

func checkRate(t *testing.T, s Schedule, period time.Duration, after, later time.Time) {
	if next := s.Next(after); !next.Equal(after.Add(period)) {
		t.Fatalf("%s.Next(%v) = %v, want one period later", s, after, next)
	}
	// An anchor within ten years either side of after.
	const tenYears = 10 * 365 * 24 * 60 * 60
	anchor := after.Add(time.Duration(int64(uint64(after.Unix())%(2*tenYears))-tenYears) * time.Second)
	next := s.NextFrom(anchor, after)
	since := next.Sub(anchor)
	if !next.After(after) || next.Location() != time.UTC || since <= 0 || since%period != 0 {
		t.Fatalf("%s.NextFrom(%v, %v) = %v, want anchor plus whole periods, after after", s, anchor, after, next)
	}
	if previous := next.Add(-period); previous.After(after) && !previous.Equal(anchor) {
		t.Fatalf("%s.NextFrom(%v, %v) = %v skips %v", s, anchor, after, next, previous)
	}
	checkMonotonic(t, s, after, next, later, s.NextFrom(anchor, later))
}

// checkMonotonic checks next and nextLater, the firings after after and
// after later: the later one is never earlier, and is the same while later
// is before next.
func checkMonotonic(t *testing.T, s Schedule, after, next, later, nextLater time.Time) {
	switch {
	case next.IsZero():
		if !nextLater.IsZero() {
			t.Fatalf("%s fires at %v after %v but not after %v", s, nextLater, later, after)
		}
	case later.Before(next) && !nextLater.Equal(next):
		t.Fatalf("%s: next after %v is %v, after %v is %v", s, after, next, later, nextLater)
	case !nextLater.IsZero() && nextLater.Before(next):
		t.Fatalf("%s: next after %v is %v, after the later %v is the earlier %v", s, after, next, later, nextLater)
	}
}
