package schedule

import "errors"

// invalidMessage is what PutRule answers, with the code ValidationException,
// for every expression it refuses, whatever is wrong with it. It is quoted
// in aws/serverless-application-model#2392, winglang/wing#7115 and
// buildkite/buildkite-agent-scaler#100, and asserted against AWS by
// LocalStack's test_put_rule_with_invalid_schedule_rate.
const invalidMessage = "Parameter ScheduleExpression is not valid."

// ErrInvalid matches, under [errors.Is], every error [Parse] returns. Its
// message is AWS's text rather than a "schedule: " prefixed one because the
// caller hands it to clients unchanged as a ValidationException.
var ErrInvalid = errors.New(invalidMessage)

// Error is an expression that PutRule would refuse. Its message is AWS's
// ([ErrInvalid]'s); Reason says, for logs and failing tests, which rule the
// expression breaks, since AWS says nothing more.
type Error struct {
	// Expr is the expression as given to [Parse].
	Expr string
	// Reason names the broken rule, in this package's words.
	Reason string
}

// Error returns AWS's message.
func (e *Error) Error() string { return invalidMessage }

// Unwrap returns [ErrInvalid].
func (e *Error) Unwrap() error { return ErrInvalid }
