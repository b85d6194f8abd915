package schedule

import (
	"strings"
	"time"
)

// dayRule picks the days of a month on which a cron expression fires, from
// its Day-of-month or its Day-of-week field (the other one is ?).
type dayRule interface {
	daysIn(year int, month time.Month) monthDays
}

// parseDays parses the Day-of-month and Day-of-week fields, one of which
// must be ?: AWS and Quartz refuse both a value in each and ? in both.
func parseDays(dayOfMonth, dayOfWeek string) (dayRule, string) {
	switch {
	case dayOfMonth == "?" && dayOfWeek == "?":
		return nil, "only one of Day-of-month and Day-of-week may be ?"
	case dayOfWeek == "?":
		return parseDayOfMonth(dayOfMonth)
	case dayOfMonth == "?":
		return parseDayOfWeek(dayOfWeek)
	default:
		return nil, "one of Day-of-month and Day-of-week must be ?"
	}
}

// parseDayOfMonth parses a Day-of-month field other than ?: L, L-n, LW,
// L-nW, nW, or a list of days.
func parseDayOfMonth(text string) (dayRule, string) {
	if rest, ok := strings.CutPrefix(text, "L"); ok {
		return parseLastDay(rest)
	}
	if digits, ok := strings.CutSuffix(text, "W"); ok {
		day, ok := number(digits)
		if !ok || day < 1 || day > 31 {
			return nil, "W follows a single day from 1 to 31"
		}
		return nearestWeekdayTo(day), ""
	}
	set, reason := parseList(text, dayOfMonthField)
	// Day n is bit n-1 of the set, which counts from 1; monthDays counts
	// from 0.
	return dayList(set.bits[0] << 1), reason
}

// parseLastDay parses what follows the L of a Day-of-month field: nothing,
// -n, W or -nW.
func parseLastDay(rest string) (dayRule, string) {
	rest, weekday := strings.CutSuffix(rest, "W")
	offset := 0
	if rest != "" {
		digits, ok := strings.CutPrefix(rest, "-")
		n, isNumber := number(digits)
		// Quartz's limit on the offset.
		if !ok || !isNumber || n > 30 {
			return nil, "L in Day-of-month is followed by nothing, -n (n up to 30) or W"
		}
		offset = n
	}
	return lastDayOfMonth{offset: offset, weekday: weekday}, ""
}

// parseDayOfWeek parses a Day-of-week field other than ?: L, dL, d#n or a
// list of weekdays.
func parseDayOfWeek(text string) (dayRule, string) {
	if text == "L" {
		// Alone, L is the last day of the week: 7, Saturday.
		var saturday valueSet
		saturday.low = 1
		saturday.add(7)
		return weekdayList(saturday), ""
	}
	if day, ok := strings.CutSuffix(text, "L"); ok {
		weekday, _, ok := dayOfWeekField.value(day)
		if !ok {
			return nil, "L in Day-of-week follows a single weekday"
		}
		return lastWeekday(weekday), ""
	}
	if day, nth, ok := strings.Cut(text, "#"); ok {
		weekday, _, ok := dayOfWeekField.value(day)
		if !ok {
			return nil, "# in Day-of-week follows a single weekday"
		}
		n, ok := number(nth)
		if !ok || n < 1 || n > 5 {
			return nil, "# in Day-of-week is followed by a number from 1 to 5"
		}
		return nthWeekday{weekday: weekday, n: n}, ""
	}
	set, reason := parseList(text, dayOfWeekField)
	return weekdayList(set), reason
}

// dayList fires on the listed days of the month that the month has.
type dayList monthDays

func (l dayList) daysIn(year int, month time.Month) monthDays {
	return monthDays(l) & daysUpTo(daysInMonth(year, month))
}

// nearestWeekdayTo fires on the weekday nearest a day of the month (nW),
// and not at all in a month without that day.
type nearestWeekdayTo int

func (n nearestWeekdayTo) daysIn(year int, month time.Month) monthDays {
	day, last := int(n), daysInMonth(year, month)
	if day > last {
		return 0
	}
	return dayOf(nearestWeekday(year, month, day, last))
}

// lastDayOfMonth fires offset days before the month's last day (L, L-n)
// or on the weekday nearest that day (LW, L-nW); not at all if the month
// is shorter than the offset.
type lastDayOfMonth struct {
	offset  int
	weekday bool
}

func (l lastDayOfMonth) daysIn(year int, month time.Month) monthDays {
	last := daysInMonth(year, month)
	day := last - l.offset
	switch {
	case day < 1:
		return 0
	case l.weekday:
		return dayOf(nearestWeekday(year, month, day, last))
	default:
		return dayOf(day)
	}
}

// weekdayList fires on every day of the month whose weekday is listed
// (1 is Sunday).
type weekdayList valueSet

func (l weekdayList) daysIn(year int, month time.Month) monthDays {
	set := valueSet(l)
	first := weekdayOf(year, month, 1)
	var days monthDays
	for day := range daysInMonth(year, month) {
		if set.has((first-1+day)%7 + 1) {
			days |= dayOf(day + 1)
		}
	}
	return days
}

// lastWeekday fires on the last day of the month with the given weekday
// (dL).
type lastWeekday int

func (w lastWeekday) daysIn(year int, month time.Month) monthDays {
	last := daysInMonth(year, month)
	return dayOf(last - (weekdayOf(year, month, last)-int(w)+7)%7)
}

// nthWeekday fires on the nth day of the month with the given weekday
// (d#n), and not at all in a month that has fewer.
type nthWeekday struct {
	weekday, n int
}

func (w nthWeekday) daysIn(year int, month time.Month) monthDays {
	first := 1 + (w.weekday-weekdayOf(year, month, 1)+7)%7
	day := first + 7*(w.n-1)
	if day > daysInMonth(year, month) {
		return 0
	}
	return dayOf(day)
}
