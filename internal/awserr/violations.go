package awserr

import (
	"strconv"
	"strings"
)

// Violation is one broken constraint of an API's model, written as AWS
// writes it: "Value 'x' at 'records.1.member.partitionKey' failed to
// satisfy constraint: Member must have length greater than or equal to 1".
type Violation struct {
	Value      string // already quoted, or "" when AWS leaves the value out
	At         string
	Constraint string // what follows "failed to satisfy constraint: "
}

// Violations collects the model constraints a request breaks, for one
// ValidationException. AWS reports at most 10 of them.
type Violations []Violation

// maxReportedViolations is the most violations one message lists.
const maxReportedViolations = 10

// Add records a broken constraint; value is written as given.
func (vs *Violations) Add(value, at, constraint string) {
	if len(*vs) < maxReportedViolations {
		*vs = append(*vs, Violation{value, at, constraint})
	}
}

// AddString records a constraint broken by a string value, which AWS
// quotes in the message.
func (vs *Violations) AddString(value, at, constraint string) {
	vs.Add("'"+value+"'", at, constraint)
}

// AddInt records a constraint broken by a number.
func (vs *Violations) AddInt(value int, at, constraint string) {
	vs.AddString(strconv.Itoa(value), at, constraint)
}

// Err returns a copy of sentinel (a ValidationException) carrying the
// collected violations as AWS words them, or nil when there are none.
func (vs Violations) Err(sentinel *Error) error {
	if len(vs) == 0 {
		return nil
	}
	return sentinel.WithMessage(vs.Message())
}

// Message words the violations as AWS does: "1 validation error
// detected: Value 'x' at 'name' failed to satisfy constraint: …", the
// violations joined by "; ".
func (vs Violations) Message() string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(vs)))
	if len(vs) == 1 {
		b.WriteString(" validation error detected: ")
	} else {
		b.WriteString(" validation errors detected: ")
	}
	for i, v := range vs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString("Value ")
		if v.Value != "" {
			b.WriteString(v.Value)
			b.WriteString(" ")
		}
		b.WriteString("at '")
		b.WriteString(v.At)
		b.WriteString("' failed to satisfy constraint: ")
		b.WriteString(v.Constraint)
	}
	return b.String()
}

// The model constraints, as AWS words them.

// NotNull is a required member.
const NotNull = "Member must not be null"

// LengthAtLeast is a minimum length.
func LengthAtLeast(n int) string {
	return "Member must have length greater than or equal to " + strconv.Itoa(n)
}

// LengthAtMost is a maximum length.
func LengthAtMost(n int) string {
	return "Member must have length less than or equal to " + strconv.Itoa(n)
}

// ValueAtLeast is a minimum value.
func ValueAtLeast(n int) string {
	return "Member must have value greater than or equal to " + strconv.Itoa(n)
}

// ValueAtMost is a maximum value.
func ValueAtMost(n int) string {
	return "Member must have value less than or equal to " + strconv.Itoa(n)
}

// Pattern is a regular expression the value must match.
func Pattern(p string) string { return "Member must satisfy regular expression pattern: " + p }

// Enum is the set of values allowed.
func Enum(values ...string) string {
	return "Member must satisfy enum value set: [" + strings.Join(values, ", ") + "]"
}
