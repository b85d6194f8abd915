package choice

import "time"

// kind is the shape of a rule.
type kind uint8

const (
	kindTest kind = iota // Variable + one comparison operator
	kindAnd
	kindOr
	kindNot
)

// Rule is one parsed choice rule: a boolean rule (And, Or, Not) or a
// data-test rule (Variable and one comparison operator). It is built by
// [Parse], immutable afterwards, and safe for concurrent use.
type Rule struct {
	kind     kind
	children []*Rule // And and Or: the operands; Not: one

	variable string
	op       operator
	operand  operand

	next   string
	assign map[string]any
}

// operand is the right-hand side of a data-test rule: a literal of the
// operator's family, or a path for the *Path operators.
type operand struct {
	path    string
	str     string    // String* literal
	num     float64   // Numeric* literal
	boolean bool      // BooleanEquals literal, Is* literal
	ts      time.Time // Timestamp* literal
	pattern *pattern  // StringMatches
}

// Next returns the state a top-level rule transitions to when it matches,
// or "" for a nested rule.
func (r *Rule) Next() string { return r.next }

// Assign returns the rule's Assign field as it was given to [Parse], or
// nil if it has none. The caller evaluates it when the rule is chosen; it
// must not modify the map.
func (r *Rule) Assign() map[string]any { return r.assign }

// Paths returns every path the rule reads, Variable and *Path operands
// alike, in evaluation order and with repeats, for the caller to check or
// to precompile.
func (r *Rule) Paths() []string {
	var out []string
	r.appendPaths(&out)
	return out
}

func (r *Rule) appendPaths(out *[]string) {
	if r.kind != kindTest {
		for _, c := range r.children {
			c.appendPaths(out)
		}
		return
	}
	*out = append(*out, r.variable)
	if r.op.path {
		*out = append(*out, r.operand.path)
	}
}
