package schedule

import (
	"strings"
	"time"
)

// Schedule is a parsed ScheduleExpression: a rate or a cron expression.
//
// A Schedule is immutable and safe for concurrent use; copies share what
// they hold. The zero Schedule never fires: its Next and NextFrom return the
// zero time.
type Schedule struct {
	expr   string
	period time.Duration // of a rate expression; 0 otherwise
	cron   *cron         // of a cron expression; nil otherwise
}

// Parse checks expr the way PutRule checks ScheduleExpression and returns
// the schedule it describes. An expression PutRule would refuse yields an
// [*Error] that matches [ErrInvalid]; Parse never panics.
func Parse(expr string) (Schedule, error) {
	if body, ok := enclosed(expr, "rate"); ok {
		period, reason := parseRate(body)
		if reason != "" {
			return Schedule{}, &Error{Expr: expr, Reason: reason}
		}
		return Schedule{expr: expr, period: period}, nil
	}
	if body, ok := enclosed(expr, "cron"); ok {
		c, reason := parseCron(body)
		if reason != "" {
			return Schedule{}, &Error{Expr: expr, Reason: reason}
		}
		return Schedule{expr: expr, cron: c}, nil
	}
	return Schedule{}, &Error{Expr: expr, Reason: `not "rate(...)" or "cron(...)"`}
}

// enclosed returns what stands between "keyword(" and the final ")". The
// keyword is matched in lower case only and nothing may surround the
// expression: AWS refuses " rate(10 minutes)".
func enclosed(expr, keyword string) (string, bool) {
	rest, ok := strings.CutPrefix(expr, keyword+"(")
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, ")")
}

// String returns the expression as given to [Parse].
func (s Schedule) String() string { return s.expr }

// Rate returns the period of a rate expression, and false for a cron
// expression.
func (s Schedule) Rate() (time.Duration, bool) { return s.period, s.period > 0 }

// Next returns the first firing strictly after after, in UTC, or the zero
// time if there is none (a cron expression whose years have all passed).
//
// A rate expression fires every period from the moment its rule is created
// or enabled, its anchor; Next takes after as that anchor and returns
// after plus one period. Calling Next again with each firing it returned
// therefore walks either kind of schedule from the moment the rule was
// enabled. Use [Schedule.NextFrom] to skip ahead past missed firings of a
// rate.
func (s Schedule) Next(after time.Time) time.Time {
	return s.NextFrom(after, after)
}

// NextFrom returns the first firing strictly after after, in UTC, of a
// schedule whose rule was created or enabled at anchor, or the zero time if
// there is none.
//
// A rate expression fires at anchor plus every whole number of periods,
// starting with one period: AWS documents only that a rate "starts when you
// create the scheduled event rule". A cron expression ignores anchor.
func (s Schedule) NextFrom(anchor, after time.Time) time.Time {
	switch {
	case s.cron != nil:
		return s.cron.next(after)
	case s.period > 0:
		return nextRate(s.period, anchor, after)
	default:
		return time.Time{}
	}
}
