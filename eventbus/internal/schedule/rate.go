package schedule

import (
	"math"
	"strings"
	"time"
)

// parseRate parses what stands inside "rate(...)": a value, one space and
// a unit. It returns the period, or why AWS would refuse the expression.
func parseRate(body string) (time.Duration, string) {
	digits, unitName, ok := strings.Cut(body, " ")
	if !ok {
		return 0, "a rate is a value and a unit separated by one space"
	}
	value, ok := number(digits)
	if !ok || value == 0 {
		return 0, "the value of a rate is a positive integer"
	}
	unit, singular, ok := rateUnit(unitName)
	if !ok {
		return 0, "the unit of a rate is minute(s), hour(s) or day(s), in lower case"
	}
	if singular != (value == 1) {
		// AWS refuses both rate(1 minutes) and rate(5 minute).
		return 0, "the unit of a rate is singular when the value is 1 and plural otherwise"
	}
	if value > int(math.MaxInt64/int64(unit)) {
		return 0, "a rate longer than about 292 years is not supported"
	}
	return time.Duration(value) * unit, ""
}

// rateUnit returns the length of a rate's unit and whether its name is the
// singular one. Only lower case is accepted: AWS refuses rate(10 MINUTES).
func rateUnit(name string) (unit time.Duration, singular, ok bool) {
	switch name {
	case "minute":
		return time.Minute, true, true
	case "minutes":
		return time.Minute, false, true
	case "hour":
		return time.Hour, true, true
	case "hours":
		return time.Hour, false, true
	case "day":
		return 24 * time.Hour, true, true
	case "days":
		return 24 * time.Hour, false, true
	}
	return 0, false, false
}

// nextRate returns the first of anchor+period, anchor+2·period, … that
// is strictly after after, in UTC.
func nextRate(period time.Duration, anchor, after time.Time) time.Time {
	// Count in whole seconds rather than with time.Time.Sub, which
	// saturates after 292 years; periods are whole minutes, so the
	// fraction of a second left over never changes the count of periods.
	periodSeconds := int64(period / time.Second)
	elapsed := after.Unix() - anchor.Unix()
	if after.Nanosecond() < anchor.Nanosecond() {
		elapsed--
	}
	periods := int64(1)
	if elapsed >= 0 {
		periods = elapsed/periodSeconds + 1
	}
	return time.Unix(anchor.Unix()+periods*periodSeconds, int64(anchor.Nanosecond())).UTC()
}
