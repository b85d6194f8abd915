package schedule

import (
	"math/bits"
	"time"
)

// monthDays is a set of days of one month: bit n is day n.
type monthDays uint32

// dayOf returns the set holding only day.
func dayOf(day int) monthDays { return 1 << day }

// daysUpTo returns the set of days 1 to last.
func daysUpTo(last int) monthDays { return 1<<(last+1) - 2 }

// next returns the first day in the set that is not before day, or false
// if there is none.
func (d monthDays) next(day int) (int, bool) {
	rest := d &^ (1<<day - 1)
	if rest == 0 {
		return 0, false
	}
	return bits.TrailingZeros32(uint32(rest)), true
}

// daysInMonth returns the number of days in the month.
func daysInMonth(year int, month time.Month) int {
	// Day 0 of the next month is the last day of this one.
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// weekdayOf returns the weekday of a date as cron numbers it: 1 is Sunday,
// 7 is Saturday.
func weekdayOf(year int, month time.Month, day int) int {
	return int(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Weekday()) + 1
}

// nearestWeekday returns the weekday (Monday to Friday) nearest day, in a
// month of last days, without leaving the month, as Quartz defines W: a
// Saturday moves back to Friday unless it is the 1st, which moves on to
// Monday the 3rd; a Sunday moves on to Monday unless it is the last day,
// which moves back to Friday.
func nearestWeekday(year int, month time.Month, day, last int) int {
	switch time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Weekday() {
	case time.Saturday:
		if day == 1 {
			return 3
		}
		return day - 1
	case time.Sunday:
		if day == last {
			return day - 2
		}
		return day + 1
	default:
		return day
	}
}
