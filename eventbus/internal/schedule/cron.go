package schedule

import "time"

// cron is a parsed cron expression: the values its time fields allow and
// the rule that picks its days.
type cron struct {
	minutes, hours, months, years valueSet
	days                          dayRule
}

// parseCron parses what stands inside "cron(...)". It returns the
// expression, or why AWS would refuse it.
func parseCron(body string) (*cron, string) {
	upper, ok := upperASCII(body)
	if !ok {
		return nil, "a cron expression is written in ASCII"
	}
	fields, ok := cronFields(upper)
	if !ok || len(fields) != 6 {
		return nil, "a cron expression has six fields separated by white space"
	}
	for i, f := range fields {
		fields[i] = withoutEmptyItems(f)
	}
	var c cron
	lists := []struct {
		set   *valueSet
		field field
	}{
		{&c.minutes, minuteField},
		{&c.hours, hourField},
		{&c.months, monthField},
		{&c.years, yearField},
	}
	for _, l := range lists {
		set, reason := parseList(fields[l.field], l.field)
		if reason != "" {
			return nil, reason
		}
		*l.set = set
	}
	days, reason := parseDays(fields[dayOfMonthField], fields[dayOfWeekField])
	if reason != "" {
		return nil, reason
	}
	c.days = days
	return &c, ""
}

// next returns the first minute strictly after after that the expression
// matches, in UTC, or the zero time if there is none before 2200.
func (c *cron) next(after time.Time) time.Time {
	start := after.UTC().Truncate(time.Minute).Add(time.Minute)
	if start.Year() < firstYear {
		start = time.Date(firstYear, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	return c.firstFrom(start)
}

// firstFrom returns the first minute at or after start that the
// expression matches. It steps field by field, from the year down to the
// minute, each time to the next value its field allows: the lower fields
// start from start's values only while every higher field still has
// start's value, and from their lowest values once one has moved on. The
// work is bounded by the 230 years, not by the minutes in between.
func (c *cron) firstFrom(start time.Time) time.Time {
	year0, month0, day0 := start.Date()
	hour0, minute0 := start.Hour(), start.Minute()
	for year, ok := c.years.next(year0); ok; year, ok = c.years.next(year + 1) {
		if year != year0 {
			month0, day0, hour0, minute0 = time.January, 1, 0, 0
		}
		for m, ok := c.months.next(int(month0)); ok; m, ok = c.months.next(m + 1) {
			month := time.Month(m)
			if month != month0 {
				day0, hour0, minute0 = 1, 0, 0
			}
			days := c.days.daysIn(year, month)
			for day, ok := days.next(day0); ok; day, ok = days.next(day + 1) {
				if day != day0 {
					hour0, minute0 = 0, 0
				}
				if hour, minute, ok := c.firstTime(hour0, minute0); ok {
					return time.Date(year, month, day, hour, minute, 0, 0, time.UTC)
				}
			}
		}
	}
	return time.Time{}
}

// firstTime returns the first time of day at or after hour0:minute0 that
// the expression matches, or false if there is none that day.
func (c *cron) firstTime(hour0, minute0 int) (int, int, bool) {
	for hour, ok := c.hours.next(hour0); ok; hour, ok = c.hours.next(hour + 1) {
		if hour != hour0 {
			minute0 = 0
		}
		if minute, ok := c.minutes.next(minute0); ok {
			return hour, minute, true
		}
	}
	return 0, 0, false
}
