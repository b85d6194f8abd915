package jsonpath

import (
	"errors"
	"fmt"
)

// ErrNoResult matches, under [errors.Is], every [*NotFoundError]: a definite
// path that selected nothing. The engine reports it as AWS does, with the
// cause "Invalid path '<path>' : <message>".
var ErrNoResult = errors.New("jsonpath: no results")

// SyntaxError reports an expression that is not a valid path. Pos is the byte
// offset in Expr where the problem was found.
type SyntaxError struct {
	Expr string
	Pos  int
	Msg  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("jsonpath: %s at position %d in %q", e.Msg, e.Pos, e.Expr)
}

// NotFoundError reports that a definite path selected nothing. Message is the
// text of the PathNotFoundException Jayway JsonPath throws in the same case,
// such as "No results for path: $['X']" or "Missing property in path $['a']",
// so that error causes read as AWS's do.
type NotFoundError struct {
	// Path is the expression that was evaluated, as written.
	Path string
	// Message is Jayway's message.
	Message string
}

func (e *NotFoundError) Error() string { return e.Message }

// Is reports whether target is [ErrNoResult].
func (e *NotFoundError) Is(target error) bool { return target == ErrNoResult }

// EvalError reports a failure of a definite path that is not a plain miss:
// a filter applied to a scalar, or a function given a value it cannot use.
// Message is Jayway's text for the same failure.
type EvalError struct {
	Path    string
	Message string
}

func (e *EvalError) Error() string { return e.Message }

// SetError reports why [Path.Set] could not place a value: the path is not a
// reference path, a value on the way is not of the kind the next step needs,
// or an index is out of range. The engine reports it as
// States.ResultPathMatchFailure.
type SetError struct {
	// Path is the reference path, as written.
	Path string
	// At is the normalized path of the value that stopped the walk, such as
	// "$['a']".
	At string
	// Reason says what was wrong there.
	Reason string
}

func (e *SetError) Error() string {
	if e.At == "" {
		return fmt.Sprintf("jsonpath: cannot set %s: %s", e.Path, e.Reason)
	}
	return fmt.Sprintf("jsonpath: cannot set %s: %s %s", e.Path, e.At, e.Reason)
}
