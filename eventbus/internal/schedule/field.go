package schedule

import "strings"

// field is one of the six fields of a cron expression.
type field int

const (
	minuteField field = iota
	hourField
	dayOfMonthField
	monthField
	dayOfWeekField
	yearField
)

// The years AWS's cron accepts.
const (
	firstYear = 1970
	lastYear  = 2199
)

// Names are three letters each, in the order of their values, so that a
// name's offset divided by three is its distance from the field's first
// value.
const (
	monthNames   = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC"
	weekdayNames = "SUNMONTUEWEDTHUFRISAT"
)

// String returns the field's name as AWS's table writes it.
func (f field) String() string {
	switch f {
	case minuteField:
		return "Minutes"
	case hourField:
		return "Hours"
	case dayOfMonthField:
		return "Day-of-month"
	case monthField:
		return "Month"
	case dayOfWeekField:
		return "Day-of-week"
	default:
		return "Year"
	}
}

// bounds returns the field's lowest and highest values.
func (f field) bounds() (low, high int) {
	switch f {
	case minuteField:
		return 0, 59
	case hourField:
		return 0, 23
	case dayOfMonthField:
		return 1, 31
	case monthField:
		return 1, 12
	case dayOfWeekField:
		return 1, 7
	default:
		return firstYear, lastYear
	}
}

// names returns the names the field accepts for its values, if any.
func (f field) names() string {
	switch f {
	case monthField:
		return monthNames
	case dayOfWeekField:
		return weekdayNames
	default:
		return ""
	}
}

// value parses one value of the field, given in upper case: a number in
// the field's bounds or one of its names. named reports which it was.
func (f field) value(text string) (v int, named, ok bool) {
	low, high := f.bounds()
	if n, ok := number(text); ok {
		return n, false, low <= n && n <= high
	}
	if len(text) == 3 {
		if i := strings.Index(f.names(), text); i >= 0 && i%3 == 0 {
			return low + i/3, true, true
		}
	}
	return 0, false, false
}

// parseList parses a field written with the wildcards every field shares
// (, - * /), in upper case and without empty items, into the set of values
// it allows.
func parseList(text string, f field) (valueSet, string) {
	low, _ := f.bounds()
	set := valueSet{low: low}
	if text == "" {
		return set, f.String() + " is empty"
	}
	for item := range strings.SplitSeq(text, ",") {
		if reason := addItem(&set, item, f); reason != "" {
			return set, reason
		}
	}
	return set, ""
}

// addItem adds the values of one list item — *, v, a-b, each optionally
// followed by /step — to set.
func addItem(set *valueSet, item string, f field) string {
	low, high := f.bounds()
	base, stepText, stepped := strings.Cut(item, "/")
	step := 1
	if stepped {
		if f == dayOfWeekField {
			return "/ is not allowed in Day-of-week"
		}
		n, ok := number(stepText)
		if !ok || n < 1 || n > high {
			return "a step in " + f.String() + " is a number from 1 to its largest value"
		}
		step = n
	}
	from, to := low, high
	if base != "*" {
		first, last, isRange := strings.Cut(base, "-")
		v, named, ok := f.value(first)
		if !ok {
			return "not a value of " + f.String() + ": " + first
		}
		if named && stepped {
			// Quartz, and so presumably AWS, ignores a step after a name.
			return "a step may not follow a name"
		}
		from = v
		switch {
		case isRange:
			w, wNamed, ok := f.value(last)
			if !ok {
				return "not a value of " + f.String() + ": " + last
			}
			if wNamed != named {
				return "a range mixes a name and a number"
			}
			to = w
		case !stepped:
			to = v
		}
	}
	if to < from && f == yearField {
		return "a range of years runs backwards"
	}
	set.addRange(from, to, step, high-low+1)
	return ""
}
