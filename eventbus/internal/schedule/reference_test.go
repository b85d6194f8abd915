package schedule

import (
	"fmt"
	"time"
)

// This file holds a naive evaluator of parsed cron expressions, written
// from AWS's and Quartz's wording rather than from the package's code, for
// the tests to check Next against: it tries every minute of every day in
// a bounded window.

// referenceNext returns the first minute strictly after after, and no
// later than days days after it, that c matches, trying each minute of
// each day whose date c matches; or false if there is none in the window.
func referenceNext(c *cron, after time.Time, days int) (time.Time, bool) {
	t := after.UTC().Truncate(time.Minute).Add(time.Minute)
	end := after.UTC().AddDate(0, 0, days)
	for !t.After(end) {
		if !referenceDateMatches(c, t) {
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, time.UTC)
			continue
		}
		if c.hours.has(t.Hour()) && c.minutes.has(t.Minute()) {
			return t, true
		}
		t = t.Add(time.Minute)
	}
	return time.Time{}, false
}

// referenceDateMatches reports whether c fires on t's date.
func referenceDateMatches(c *cron, t time.Time) bool {
	return c.years.has(t.Year()) && c.months.has(int(t.Month())) && referenceDayMatches(c.days, t)
}

// referenceDayMatches reports whether the day rule picks t's day, working
// each rule out from its description.
func referenceDayMatches(rule dayRule, t time.Time) bool {
	day, last := t.Day(), lastDayOf(t)
	weekday := int(t.Weekday()) + 1 // 1 is Sunday
	switch r := rule.(type) {
	case dayList:
		return monthDays(r)&(1<<day) != 0
	case nearestWeekdayTo:
		return int(r) <= last && day == closestWeekday(t, int(r))
	case lastDayOfMonth:
		target := last - r.offset
		if r.weekday {
			return target >= 1 && day == closestWeekday(t, target)
		}
		return day == target
	case weekdayList:
		set := valueSet(r)
		return set.has(weekday)
	case lastWeekday:
		// The last such weekday: a week later is another month.
		return weekday == int(r) && day+7 > last
	case nthWeekday:
		// The nth such weekday: n-1 of them came before it.
		return weekday == r.weekday && (day-1)/7 == r.n-1
	default:
		panic(fmt.Sprintf("no reference for day rule %T", rule))
	}
}

// lastDayOf returns the number of days in t's month, counting them.
func lastDayOf(t time.Time) int {
	n := 28
	for time.Date(t.Year(), t.Month(), n+1, 0, 0, 0, 0, time.UTC).Month() == t.Month() {
		n++
	}
	return n
}

// closestWeekday returns the day of t's month, Monday to Friday, closest
// to target; between two equally close days, the earlier. Quartz's W rule
// ("the nearest weekday ... it will not jump over the boundary of a
// month's days") says the same in other words.
func closestWeekday(t time.Time, target int) int {
	best, last := 0, lastDayOf(t)
	for day := 1; day <= last; day++ {
		switch time.Date(t.Year(), t.Month(), day, 0, 0, 0, 0, time.UTC).Weekday() {
		case time.Saturday, time.Sunday:
			continue
		}
		if best == 0 || abs(day-target) < abs(best-target) {
			best = day
		}
	}
	return best
}

func abs(n int) int { return max(n, -n) }
