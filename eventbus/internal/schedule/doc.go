// Package schedule provides the schedule expressions of Amazon EventBridge
// scheduled rules: [Parse] checks a rule's ScheduleExpression the way
// PutRule does, and [Schedule.Next] and [Schedule.NextFrom] say when the
// rule fires.
//
// The syntax is AWS's ("Schedule expressions for rules", "Cron expressions
// reference" and "Rate expressions reference" in the EventBridge user
// guide, https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
//
//	rate(value unit)   value: a positive integer
//	                   unit: minute|hour|day when value is 1,
//	                         minutes|hours|days otherwise
//	cron(Minutes Hours Day-of-month Month Day-of-week Year)
//
// A cron expression is evaluated in UTC, one firing per matching minute:
//
//	field         values            wildcards
//	Minutes       0-59              , - * /
//	Hours         0-23              , - * /
//	Day-of-month  1-31              , - * ? / L W
//	Month         1-12 or JAN-DEC   , - * /
//	Day-of-week   1-7 or SUN-SAT    , - * ? L #     (1 is Sunday)
//	Year          1970-2199         , - * /
//
//	a,b     a list            a-b     a range
//	*       every value       a/n     every nth value from a to the end
//	*/n     the same from the field's first value
//	a-b/n   every nth value from a to b
//	?       no value: exactly one of Day-of-month and Day-of-week is ?
//	L       Day-of-month: the last day; L-n: n days before it (n <= 30)
//	nW      the weekday (Monday to Friday) nearest day n, never leaving
//	        the month: 1W on a Saturday is Monday the 3rd
//	LW      the last weekday of the month; L-nW: the weekday nearest L-n
//	L       Day-of-week alone: 7 (Saturday); dL: the last weekday d of
//	        the month (6L: the last Friday)
//	d#n     the nth weekday d of the month (3#2: the second Tuesday),
//	        n 1-5; no firing in a month without one
//
// AWS's cron is that of the Quartz scheduler, with seconds left out and a
// required year. Where AWS's documentation is silent this package follows
// what Quartz documents and users have seen AWS accept:
//   - month and day names, L and W in any case (mon, Mon, MON);
//   - ranges that wrap past the field's end: FRI-MON, 22-2, NOV-FEB
//     (AWS's own EventBridge workshop schedules "* * ? * mon-sun *");
//   - empty list items, as in "cron(0/5, 9-18, ?, *, MON-FRI, *)", which
//     PutRule accepts (aws/aws-sdk#161);
//   - L-n, LW and dL, which the table above does not list.
//
// It refuses, where AWS is silent, what it cannot give one meaning:
//   - / in Day-of-week (older CloudWatch Events pages listed it, the
//     current table does not);
//   - a step after a month or day name (Quartz ignores such steps);
//   - a range with a name at one end and a number at the other;
//   - L, W, # or ? together with other items in the same field;
//   - a step of 0, or larger than the field's largest value (Quartz's
//     limits: 59, 23, 31, 12);
//   - a range of years that runs backwards;
//   - nW with n outside 1-31; d#n with n outside 1-5;
//   - anything but one space inside rate() ("rate( 10 minutes )" is
//     refused by AWS), white space around the expression or just inside
//     the parentheses of cron(), and "rate", "cron" or a rate unit written
//     in capitals ("rate(10 MINUTES)" is refused by AWS).
//
// Where a day rule names a day that a month lacks (31W in April, L-30 in
// February), the rule does not fire that month. A rate fires first one
// period after its anchor, the moment its rule was created or enabled: AWS
// says only that a rate "starts when you create the scheduled event rule".
//
// Deliberate differences from AWS:
//   - a firing happens at second 0 of its minute; AWS fires "within that
//     minute, but not on the precise 0th second";
//   - a rate longer than [time.Duration] can hold (about 292 years) is
//     refused.
//
// Every error [Parse] returns matches [ErrInvalid] and says what PutRule
// says. The rule that PutRule accepts a ScheduleExpression only on the
// default event bus, and the API model's length limit on the parameter,
// are the caller's to check.
package schedule
