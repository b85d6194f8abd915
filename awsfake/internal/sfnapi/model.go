package sfnapi

import (
	"strings"

	"github.com/switchyard/switchyard/internal/awserr"
	"github.com/switchyard/switchyard/internal/jsonvalue"
	"github.com/switchyard/switchyard/stepfn"
)

// checks collects the model constraints a request breaks, for one
// ValidationException worded as AWS words it ("1 validation error
// detected: Value 'x' at 'name' failed to satisfy constraint: …").
type checks struct{ vs awserr.Violations }

// err returns the ValidationException, or nil when nothing was broken.
func (c *checks) err() error { return c.vs.Err(stepfn.ErrValidation) }

// required records a missing member and reports whether it is present.
func (c *checks) required(present bool, at string) bool {
	if !present {
		c.vs.Add("null", at, awserr.NotNull)
	}
	return present
}

// length checks a string's length in UTF-16 code units, as AWS's Java
// services count it. Sensitive values are left out of the message.
func (c *checks) length(v, at string, minLen, maxLen int, sensitive bool) {
	n := jsonvalue.UTF16Len(v)
	shown := "'" + v + "'"
	if sensitive {
		shown = ""
	}
	switch {
	case n < minLen:
		c.vs.Add(shown, at, awserr.LengthAtLeast(minLen))
	case n > maxLen:
		c.vs.Add(shown, at, awserr.LengthAtMost(maxLen))
	}
}

// optLength is length for an optional member.
func (c *checks) optLength(v *string, at string, minLen, maxLen int, sensitive bool) {
	if v != nil {
		c.length(*v, at, minLen, maxLen, sensitive)
	}
}

// reqLength is length for a required member.
func (c *checks) reqLength(v *string, at string, minLen, maxLen int, sensitive bool) {
	if c.required(v != nil, at) {
		c.length(*v, at, minLen, maxLen, sensitive)
	}
}

// intRange checks a number.
func (c *checks) intRange(v int, at string, minV, maxV int) {
	switch {
	case v < minV:
		c.vs.AddInt(v, at, awserr.ValueAtLeast(minV))
	case v > maxV:
		c.vs.AddInt(v, at, awserr.ValueAtMost(maxV))
	}
}

// enum checks a value against the set AWS lists in its message.
func (c *checks) enum(v, at string, values ...string) {
	for _, ok := range values {
		if v == ok {
			return
		}
	}
	c.vs.AddString(v, at, awserr.Enum(values...))
}

// The model's limits, shared by several operations.
const (
	maxARN         = 256
	maxLongARN     = 2000
	maxName        = 80
	maxPageSize    = 1000
	maxPageToken   = 1024
	maxTaskToken   = 2048
	maxErrorName   = 256
	maxCause       = 32768
	maxDescription = 256
)

// checkName applies AWS's name rules to a state machine, execution or
// activity name: its length is a model constraint (ValidationException),
// its characters a service rule (InvalidName).
func checkName(name, at string) error {
	var c checks
	c.length(name, at, 1, maxName, false)
	if err := c.err(); err != nil {
		return err
	}
	for _, r := range name {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || strings.ContainsRune(" <>{}[]?*\"#%\\^|~`$&,;:/", r) {
			return invalidName(name)
		}
	}
	return nil
}
