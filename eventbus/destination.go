package eventbus

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// Destination is what a target sends events to: a queue, a topic, a
// stream, a delivery stream, a state machine, another bus or a function
// (see the adapters [ToQueue], [ToTopic], [ToStream], [ToFirehose],
// [ToStateMachine], [ToBus] and [Func]).
//
// Send is called in a goroutine of the bus, never under its locks, and
// may be called concurrently. An error makes the bus retry the delivery
// under the target's retry policy, unless it is a [*TargetError] that says
// otherwise.
type Destination interface {
	Send(ctx context.Context, d Delivery) error
}

// Delivery is one event sent to one target.
type Delivery struct {
	// Input is what the target receives: the event's JSON, or what the
	// target's Input, InputPath or InputTransformer made of it.
	Input []byte
	// Event is the matched event.
	Event *Event
	// RuleARN and TargetID name the rule and target delivering it.
	RuleARN, TargetID string
	// Attempt counts from 1; above 1 the delivery is a retry.
	Attempt int
}

// arnDestination is a destination that has an ARN, which dead-letter
// messages (TARGET_ARN) and ListRuleNamesByTarget report.
type arnDestination interface {
	ARN() string
}

// TargetError is a failed delivery's reason as EventBridge reports it in
// a dead-letter message: Code is an ERROR_CODE such as "THROTTLING" or
// "RESOURCE_NOT_FOUND"; Retryable says whether trying again may help.
// Destinations return it to say how a failure should be handled; any
// other error counts as a retryable "ERROR_FROM_TARGET".
type TargetError struct {
	Code      string
	Retryable bool
	Err       error
}

func (e *TargetError) Error() string { return e.Code + ": " + e.Err.Error() }

func (e *TargetError) Unwrap() error { return e.Err }

// classify returns a failed delivery's ERROR_CODE and whether to retry it.
func classify(err error) (code string, retry bool) {
	var te *TargetError
	if errors.As(err, &te) {
		return te.Code, te.Retryable
	}
	var ae *Error
	if errors.As(err, &ae) {
		return classifyAWS(ae)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "TIMEOUT", true
	}
	return "ERROR_FROM_TARGET", true
}

// classifyAWS maps an engine's AWS error to EventBridge's codes: a target
// that no longer exists is not retried, throttling and service failures
// are, and a request the target refuses is not.
func classifyAWS(e *Error) (string, bool) {
	switch {
	case e.Status == 404 || containsAny(e.Code, "NotFound", "NonExistent", "DoesNotExist"):
		return "RESOURCE_NOT_FOUND", false
	case containsAny(e.Code, "Throttl", "ProvisionedThroughputExceeded", "LimitExceeded", "ServiceUnavailable"):
		return "THROTTLING", true
	case e.Status >= 500:
		return "INTERNAL_ERROR", true
	}
	return "SDK_CLIENT_ERROR", false
}

func containsAny(s string, words ...string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// RetryPolicy bounds how long and how often the bus retries a failed
// delivery; a delivery stops at whichever limit it reaches first.
type RetryPolicy struct {
	// MaximumRetryAttempts is 0–185; nil means 185. 0 means no retry.
	MaximumRetryAttempts *int
	// MaximumEventAge is 60 s to 24 h, in whole seconds; zero means 24 h.
	MaximumEventAge time.Duration
}

// Retries returns a pointer to n, for RetryPolicy.MaximumRetryAttempts.
func Retries(n int) *int { return &n }

const (
	defaultRetryAttempts = 185
	defaultEventAge      = 24 * time.Hour
	minEventAge          = time.Minute
)
