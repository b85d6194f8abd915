package pattern

import (
	"errors"

	"github.com/switchyard/switchyard/internal/jsonvalue"
)

// Limits EventBridge puts on an event pattern.
const (
	// maxEventPatternChars is the quota "Event pattern size", counted as
	// Java counts a String: in UTF-16 code units.
	maxEventPatternChars = 2048
	// maxEventPatternAlternatives bounds the expansion of $or.
	maxEventPatternAlternatives = 1000
)

var (
	// AWS documents both limits but no recorded answer gives the text of
	// the refusal; these are our own words.
	errPatternTooLong      = reject("Event pattern must not be longer than 2048 characters")
	errTooManyAlternatives = reject("Event pattern has more than 1000 combinations of $or branches")
)

// ParseEventPattern compiles an EventBridge event pattern, which is
// matched against the whole event: use [Policy.MatchBody], or file the
// policy in an [Index] and pass the event as the body.
//
// A pattern EventBridge would refuse returns an [*Error] whose Reason is
// event-ruler's text (or, for JSON that does not parse, a message in the
// words of Jackson, the parser AWS uses) and whose Attribute is empty;
// EventBridge puts "Event pattern is not valid. Reason: " in front.
func ParseEventPattern(pattern string) (*Policy, error) {
	p, err := compileEventPattern(pattern)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, &Error{Reason: e.Reason}
		}
		return nil, &Error{Reason: err.Error()}
	}
	return p, nil
}

func compileEventPattern(pattern string) (*Policy, error) {
	if jsonvalue.UTF16Len(pattern) > maxEventPatternChars {
		return nil, errPatternTooLong
	}
	if reason := jsonSyntaxReason(pattern); reason != "" {
		return nil, reject(reason)
	}
	doc, err := jsonvalue.Decode([]byte(pattern))
	if err != nil {
		return nil, reject(err.Error())
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, reject("Filter is not an object")
	}
	c := compiler{d: dialectEventBridge, scope: ScopeBody, fields: newFieldSet(), topKeys: map[string]bool{}}
	alts, err := c.object(obj, "", 1, false)
	if err != nil {
		return nil, err
	}
	if err := checkWildcardComplexity(alts); err != nil {
		return nil, err
	}
	return newPolicy(pattern, ScopeBody, c.fields, alts), nil
}

// reservedInOr reports whether name is one event-ruler keeps for
// operators and may not be a field inside $or (Constants
// .RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP, future operators included).
func reservedInOr(name string) bool {
	switch name {
	case "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
		"=", "<", "<=", ">", ">=",
		"regex", "not-wildcard", "not-equals-ignore-case",
		"date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range",
		"ip-address-in-range", "ip-address-not-in-range":
		return true
	}
	return false
}
