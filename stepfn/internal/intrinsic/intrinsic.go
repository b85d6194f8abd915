package intrinsic

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// IntrinsicFailure is the error name of a call that fails while running
// because of its arguments.
const IntrinsicFailure = "States.IntrinsicFailure"

// MaxNesting is how many calls may be nested inside one another in one field.
const MaxNesting = 10

// Error is a call failing at run time because of its argument values. Name
// is the States error name ([IntrinsicFailure]) and Cause a human-readable
// explanation.
type Error struct {
	Name, Cause string
}

func (e *Error) Error() string { return e.Name + ": " + e.Cause }

// failf returns an [*Error] for the named function.
func failf(fn, format string, args ...any) *Error {
	return &Error{Name: IntrinsicFailure, Cause: "Invalid arguments in " + fn + ": " + fmt.Sprintf(format, args...)}
}

// Env is what a call may need beyond its arguments. The zero Env is valid.
type Env struct {
	// Rand is the source for States.MathRandom without a seed and for
	// States.UUID. A *rand.Rand is not safe for concurrent use, so neither
	// is an Env holding one. Nil means a default source: math/rand/v2's
	// global generator for MathRandom and crypto/rand for UUID.
	Rand *rand.Rand
}

// Call is a parsed intrinsic function call. It is immutable, safe for
// concurrent use by multiple goroutines, and may be copied.
type Call struct {
	fn   *function
	args []arg
	text string // the call as written, trimmed
}

type argKind uint8

const (
	argLiteral argKind = iota // null, true, false, a number or a string
	argPath                   // $…, $$… or $name…
	argCall                   // a nested States.… call
)

type arg struct {
	kind argKind
	lit  any    // the literal's value
	raw  string // a string literal with its escapes, or a path as written
	call *Call
}

// IsCall reports whether the value of a ".$" field is an intrinsic function
// call rather than a path: it starts with "States." and holds a "(".
func IsCall(text string) bool {
	return strings.HasPrefix(text, "States.") && strings.Contains(text, "(")
}

// Name returns the function's name, e.g. "States.Format".
func (c *Call) Name() string { return c.fn.name }

// String returns the call as written.
func (c *Call) String() string { return c.text }

// Paths returns every path argument, in nested calls too, as written and in
// the order written: "$.name", "$$.Execution.Id", "$myVar.x". The caller
// validates them when the state machine is defined and resolves them in
// [Call.Eval].
func (c *Call) Paths() []string {
	var out []string
	c.walkPaths(func(p string) { out = append(out, p) })
	return out
}

func (c *Call) walkPaths(f func(string)) {
	for _, a := range c.args {
		switch a.kind {
		case argPath:
			f(a.raw)
		case argCall:
			a.call.walkPaths(f)
		}
	}
}

// Eval evaluates the call. Its arguments are evaluated left to right;
// resolve is called with each path argument as [Call.Paths] lists it, and an
// error from resolve is returned unchanged. An argument value the function
// cannot use gives an [*Error]. The values resolve returns are not modified.
func (c *Call) Eval(resolve func(path string) (any, error), env Env) (any, error) {
	vals := make([]any, len(c.args))
	for i, a := range c.args {
		switch a.kind {
		case argLiteral:
			vals[i] = a.lit
		case argPath:
			v, err := resolve(a.raw)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		case argCall:
			v, err := a.call.Eval(resolve, env)
			if err != nil {
				return nil, err
			}
			vals[i] = v
		}
	}
	for i, v := range vals {
		if check := c.fn.param(i); check != nil {
			if msg := check(v); msg != "" {
				return nil, failf(c.fn.name, "argument %d %s", i+1, msg)
			}
		}
	}
	return c.fn.eval(c, vals, env)
}
