package schedule

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestParseAccepts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		why  string
	}{
		{"rate(1 minute)", "AWS docs example"},
		{"rate(5 minutes)", "AWS docs example"},
		{"rate(1 hour)", "AWS docs example"},
		{"rate(1 day)", "AWS docs example"},
		{"rate(2 hours)", "plural above 1"},
		{"rate(05 minutes)", "leading zeros, as Quartz reads numbers"},
		{"rate(106751 days)", "the longest rate a time.Duration holds"},
		{"cron(0 10 * * ? *)", "AWS docs example"},
		{"cron(15 12 * * ? *)", "AWS docs example"},
		{"cron(0 18 ? * MON-FRI *)", "AWS docs example"},
		{"cron(0 8 1 * ? *)", "AWS docs example"},
		{"cron(0/15 * * * ? *)", "AWS docs example"},
		{"cron(0/10 * ? * MON-FRI *)", "AWS docs example"},
		{"cron(0/5 8-17 ? * MON-FRI *)", "AWS docs example"},
		{"cron(0/30 20-23 ? * MON-FRI *)", "AWS docs example"},
		{"cron(0/30 0-2 ? * MON-FRI *)", "AWS docs example"},
		{"cron(0 2 ? * SAT *)", "accepted by AWS (LocalStack snapshot)"},
		{"cron(5,35 14 * * ? *)", "accepted by AWS (LocalStack snapshot)"},
		{"cron(15 10 ? * 6L 2002-2005)", "accepted by AWS (LocalStack snapshot)"},
		{"cron(0 2 ? * SAT#3 *)", "accepted by AWS (LocalStack snapshot)"},
		{"cron(* * ? * SAT#3 *)", "accepted by AWS (LocalStack snapshot)"},
		{"cron(0/5 5 ? JAN 1-5 2022)", "accepted by AWS (LocalStack snapshot)"},
		{"cron(* * ? * mon-sun *)", "AWS workshop: lower case, wrapping range"},
		{"cron(10 7/5 ? * Wed-Fri 2020)", "mixed case, seen working in the console"},
		{"cron(0 2 ? * 5L *)", "last Thursday, seen working on AWS"},
		{"cron(0 12 LW * ? *)", "last weekday, seen working on AWS"},
		{"cron(0/5, 9-18, ?, *, MON-FRI, *)", "empty list items, aws/aws-sdk#161"},
		{"cron(0 11-23/2 * * ? *)", "range with a step"},
		{"cron(0 0 1 1-12/3 ? *)", "month range with a step"},
		{"cron(0 8 1 * ? *)", "day of month with ? day of week"},
		{"cron(0 12 1-31/30 * ? *)", "step as large as the field"},
		{"cron(0/59 * * * ? *)", "Quartz's largest minute step"},
		{"cron(*/5 * * * ? *)", "step from *"},
		{"cron(0 0 L-3 * ? *)", "offset from the last day"},
		{"cron(0 0 L-30W * ? *)", "largest offset, nearest weekday"},
		{"cron(0 0 15W * ? *)", "nearest weekday"},
		{"cron(0 0 ? * l *)", "L alone, lower case"},
		{"cron(0 0 ? * fril *)", "named weekday before L"},
		{"cron(0 0 ? * 2#5 *)", "fifth Monday"},
		{"cron(0 0 ? * 1,3,5 *)", "weekday list"},
		{"cron(0 0 1 NOV-FEB ? *)", "wrapping month range"},
		{"cron(0 22-2 * * ? *)", "wrapping hour range"},
		{"cron(0 0 28-3 * ? *)", "wrapping day range"},
		{"cron(0 0 1 1 ? 1970-2199)", "the whole year range"},
		{"cron(0 0 1 1 ? 2020/4)", "year step"},
		{"cron(0\t12  * * ? *)", "tabs and runs of spaces between fields"},
		{"cron(0 12 *, * ? *)", "trailing comma"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			t.Parallel()
			s, err := Parse(tt.expr)
			if err != nil {
				t.Fatalf("Parse(%q) = %v (%s); want it accepted: %s", tt.expr, err, reason(err), tt.why)
			}
			if s.String() != tt.expr {
				t.Errorf("String() = %q, want %q", s.String(), tt.expr)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		why  string
	}{
		// Refused by AWS, per LocalStack's AWS-validated test
		// test_put_rule_with_invalid_schedule_rate.
		{"rate(10 seconds)", "AWS"},
		{"rate(10 years)", "AWS"},
		{"rate(1 minutes)", "AWS"},
		{"rate(1 hours)", "AWS"},
		{"rate(1 days)", "AWS"},
		{"rate(10 minute)", "AWS"},
		{"rate(10 hour)", "AWS"},
		{"rate(10 day)", "AWS"},
		{"rate()", "AWS"},
		{"rate(10)", "AWS"},
		{"rate(10 minutess)", "AWS"},
		{"rate(foo minutes)", "AWS"},
		{"rate(0 minutes)", "AWS"},
		{"rate(-10 minutes)", "AWS"},
		{"rate(10 MINUTES)", "AWS"},
		{"rate( 10 minutes )", "AWS"},
		{" rate(10 minutes)", "AWS"},
		{"rate(3 minute)", "AWS, buildkite/buildkite-agent-scaler#100"},
		// Refused by AWS, per LocalStack's snapshot of
		// tests_put_rule_with_invalid_schedule_cron and user reports.
		{"cron(0 1 * * * *)", "AWS: both day fields given"},
		{"cron(7 20 * * NOT *)", "AWS"},
		{"cron(INVALID)", "AWS"},
		{"cron(0 dummy ? * MON-FRI *)", "AWS"},
		{"cron(71 8 1 * ? *)", "AWS"},
		{"cron(0/1 * * ? *)", "AWS: five fields, aws-solutions/instance-scheduler-on-aws#205"},
		{"cron(15 12 ? * -1 *)", "AWS: winglang/wing#7115"},
		{"cron(0 15 15 * THU *)", "AWS: both day fields given"},
		// Our own reading of the rules.
		{"", "empty"},
		{"daily", "no form"},
		{"cron()", "no fields"},
		{"RATE(10 minutes)", "keyword in capitals"},
		{"CRON(0 12 * * ? *)", "keyword in capitals"},
		{"rate(10 minutes", "no closing parenthesis"},
		{"rate(10 minutes) ", "trailing space"},
		{"rate(10  minutes)", "two spaces"},
		{"rate(10\tminutes)", "a tab"},
		{"rate(+5 minutes)", "a sign"},
		{"rate(1.5 hours)", "a fraction"},
		{"rate(106752 days)", "longer than a time.Duration"},
		{"rate(99999999999999999999 minutes)", "huge"},
		{"cron(0 8 * * ? * *)", "seven fields"},
		{"cron( 0 12 * * ? * )", "padding inside the parentheses"},
		{"cron(0 12 * * ? *) ", "trailing space"},
		{"cron(0 12 ? * ? *)", "? in both day fields"},
		{"cron(0 12 1 * 2 *)", "values in both day fields"},
		{"cron(0 ? * * ? *)", "? in Hours"},
		{"cron(60 * * * ? *)", "minute 60"},
		{"cron(0 24 * * ? *)", "hour 24"},
		{"cron(0 0 0 * ? *)", "day 0"},
		{"cron(0 0 32 * ? *)", "day 32"},
		{"cron(0 0 * 0 ? *)", "month 0"},
		{"cron(0 0 * 13 ? *)", "month 13"},
		{"cron(0 0 ? * 0 *)", "weekday 0"},
		{"cron(0 0 ? * 8 *)", "weekday 8"},
		{"cron(0 0 * * ? 1969)", "year 1969"},
		{"cron(0 0 * * ? 2200)", "year 2200"},
		{"cron(0 0 * * ? 2025-2020)", "years backwards"},
		{"cron(0 0 ? * MON/2 *)", "/ in Day-of-week"},
		{"cron(0 0 ? * 1/2 *)", "/ in Day-of-week"},
		{"cron(0 0 1 JAN/2 ? *)", "step after a name"},
		{"cron(0 0 1 JAN-JUN/2 ? *)", "step after a named range"},
		{"cron(0 0 1 1-JUN ? *)", "range mixing number and name"},
		{"cron(0 0 ? * MON-5 *)", "range mixing name and number"},
		{"cron(0 0 1 JANUARY ? *)", "long name"},
		{"cron(0 0 L,5 * ? *)", "L in a list"},
		{"cron(0 0 5,L * ? *)", "L in a list"},
		{"cron(0 0 15W,1 * ? *)", "W in a list"},
		{"cron(0 0 1-5W * ? *)", "W after a range"},
		{"cron(0 0 32W * ? *)", "W after day 32"},
		{"cron(0 0 0W * ? *)", "W after day 0"},
		{"cron(0 0 W * ? *)", "W alone"},
		{"cron(0 0 L-31 * ? *)", "offset above 30"},
		{"cron(0 0 L- * ? *)", "offset missing"},
		{"cron(0 0 LL * ? *)", "L twice"},
		{"cron(0 L * * ? *)", "L in Hours"},
		{"cron(0 0 ? * 5L,1 *)", "dL in a list"},
		{"cron(0 0 ? * 1-5L *)", "L after a range"},
		{"cron(0 0 ? * 8L *)", "L after weekday 8"},
		{"cron(0 0 ? * 3#1,6#3 *)", "two # items (AWS docs)"},
		{"cron(0 0 ? * 3#6 *)", "#6"},
		{"cron(0 0 ? * 3#0 *)", "#0"},
		{"cron(0 0 ? * # *)", "# alone"},
		{"cron(0 0 15 * # *)", "# with a day of month"},
		{"cron(0 0 15 # ? *)", "# in Month"},
		{"cron(0/0 * * * ? *)", "step 0"},
		{"cron(0/60 * * * ? *)", "minute step 60"},
		{"cron(0 0/24 * * ? *)", "hour step 24"},
		{"cron(0 0 1/32 * ? *)", "day step 32"},
		{"cron(0 0 1 1/13 ? *)", "month step 13"},
		{"cron(0/ * * * ? *)", "step missing"},
		{"cron(/5 * * * ? *)", "step base missing"},
		{"cron(0 12 ** * ? *)", "two stars"},
		{"cron(0 12 *-5 * ? *)", "star in a range"},
		{"cron(0 12 5- * ? *)", "open range"},
		{"cron(0 12 1-2-3 * ? *)", "range of three"},
		{"cron(, * * * ? *)", "only commas"},
		{"cron(0 0 * * ? é)", "not ASCII"},
		{"cron(0 0 * * ? *x)", "junk after *"},
		{"cron(0 0 ſun * ? *)", "long s would fold to S"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			t.Parallel()
			s, err := Parse(tt.expr)
			if err == nil {
				t.Fatalf("Parse(%q) accepted it; want it refused (%s)", tt.expr, tt.why)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(%v, ErrInvalid) = false", err)
			}
			if got, want := err.Error(), "Parameter ScheduleExpression is not valid."; got != want {
				t.Errorf("message %q, want AWS's %q", got, want)
			}
			var perr *Error
			if !errors.As(err, &perr) || perr.Expr != tt.expr || perr.Reason == "" {
				t.Errorf("error %#v, want an *Error naming the expression and a reason", err)
			}
			if s != (Schedule{}) {
				t.Errorf("Parse returned %#v with its error, want the zero Schedule", s)
			}
		})
	}
}

func TestErrorWrapped(t *testing.T) {
	t.Parallel()
	_, err := Parse("rate(1 minutes)")
	wrapped := errors.Join(errors.New("PutRule"), err)
	if !errors.Is(wrapped, ErrInvalid) {
		t.Errorf("errors.Is(wrapped, ErrInvalid) = false for %v", wrapped)
	}
}

func TestParseFieldValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text  string
		field field
		want  []int
	}{
		{"0/15", minuteField, []int{0, 15, 30, 45}},
		{"1/10", minuteField, []int{1, 11, 21, 31, 41, 51}},
		{"*/20", minuteField, []int{0, 20, 40}},
		{"10-20/5", minuteField, []int{10, 15, 20}},
		{"50-10/5", minuteField, []int{0, 5, 10, 50, 55}},
		{"5,35", minuteField, []int{5, 35}},
		{"0/59", minuteField, []int{0, 59}},
		{"22-2", hourField, []int{0, 1, 2, 22, 23}},
		{"22-2/2", hourField, []int{0, 2, 22}},
		{"9", hourField, []int{9}},
		{"28-3", dayOfMonthField, []int{1, 2, 3, 28, 29, 30, 31}},
		{"1-31/30", dayOfMonthField, []int{1, 31}},
		{"NOV-FEB", monthField, []int{1, 2, 11, 12}},
		{"JAN,MAR,12", monthField, []int{1, 3, 12}},
		{"1-12/3", monthField, []int{1, 4, 7, 10}},
		{"12-1", monthField, []int{1, 12}},
		{"FRI-MON", dayOfWeekField, []int{1, 2, 6, 7}},
		{"MON-FRI", dayOfWeekField, []int{2, 3, 4, 5, 6}},
		{"1,7", dayOfWeekField, []int{1, 7}},
		{"2190/5", yearField, []int{2190, 2195}},
		{"2198-2199", yearField, []int{2198, 2199}},
		{"2199", yearField, []int{2199}},
		{"1970", yearField, []int{1970}},
	}
	for _, tt := range tests {
		t.Run(tt.field.String()+" "+tt.text, func(t *testing.T) {
			t.Parallel()
			set, reason := parseList(tt.text, tt.field)
			if reason != "" {
				t.Fatalf("parseList(%q) refused: %s", tt.text, reason)
			}
			if got := members(set, tt.field); !slices.Equal(got, tt.want) {
				t.Errorf("parseList(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestRatePeriod(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr string
		want time.Duration
	}{
		{"rate(1 minute)", time.Minute},
		{"rate(15 minutes)", 15 * time.Minute},
		{"rate(1 hour)", time.Hour},
		{"rate(36 hours)", 36 * time.Hour},
		{"rate(1 day)", 24 * time.Hour},
		{"rate(7 days)", 7 * 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			t.Parallel()
			s, err := Parse(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := s.Rate(); got != tt.want || !ok {
				t.Errorf("Rate() = %v, %v; want %v, true", got, ok, tt.want)
			}
		})
	}
	cron, err := Parse("cron(0 12 * * ? *)")
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := cron.Rate(); got != 0 || ok {
		t.Errorf("cron Rate() = %v, %v; want 0, false", got, ok)
	}
}

// members lists the values of set in the field's range, in order.
func members(set valueSet, f field) []int {
	low, high := f.bounds()
	var out []int
	for v := low; v <= high; v++ {
		if set.has(v) {
			out = append(out, v)
		}
	}
	return out
}

// reason returns the Reason of an *Error, for test messages.
func reason(err error) string {
	var perr *Error
	if errors.As(err, &perr) {
		return perr.Reason
	}
	return ""
}
