package stepfn

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

// scope is what paths and templates of one state read: the value "$"
// names, the context object ("$$") and the variables ("$name"), and what a
// runtime error needs to name the state.
type scope struct {
	input any
	cx    contextInfo // what "$$" shows, built into an object only when read
	vars  *variables
	rand  *lockedRand

	enteredEvent int64      // the event that entered the state, for error causes
	inspect      *inspector // set by TestState
}

// with returns a copy of the scope whose "$" is input.
func (sc *scope) with(input any) *scope {
	c := *sc
	c.input = input
	return &c
}

// rootOf returns the value path p starts from.
func (sc *scope) rootOf(p *jsonpath.Path) any {
	switch p.Root() {
	case jsonpath.Context:
		return sc.cx.object()
	case jsonpath.Variable:
		v, _ := sc.vars.get(p.Variable())
		return v
	}
	return sc.input
}

// resolve evaluates path p in the scope.
func (sc *scope) resolve(p *jsonpath.Path) (any, error) {
	if p.Root() == jsonpath.Variable {
		v, ok := sc.vars.get(p.Variable())
		if !ok {
			return nil, sc.runtime("The variable '$" + p.Variable() + "' is not defined")
		}
		return p.Get(v)
	}
	return p.Get(sc.rootOf(p))
}

// runtime returns a States.Runtime failure with AWS's cause: the state and
// the event that entered it, then what went wrong. Retry and Catch never
// handle it.
func (sc *scope) runtime(what string) *Failure {
	return &Failure{Name: ErrorRuntime, Cause: "An error occurred while executing the state '" + sc.cx.state +
		"' (entered at the event id #" + strconv.FormatInt(sc.enteredEvent, 10) + "). " + what}
}

// variables is one scope of workflow variables: the machine's, or a
// Parallel branch's or Map iteration's, which reads its parent's.
type variables struct {
	parent *variables
	m      map[string]any
}

func (v *variables) get(name string) (any, bool) {
	for ; v != nil; v = v.parent {
		if x, ok := v.m[name]; ok {
			return x, true
		}
	}
	return nil, false
}

// set assigns the values of one state's Assign, all at once: they were
// computed from the values the state entered with.
func (v *variables) set(values map[string]any) {
	if v.m == nil {
		v.m = make(map[string]any, len(values))
	}
	for k, x := range values {
		v.m[k] = x
	}
}

// numberAt reads the number a reference path names (a *SecondsPath,
// MaxConcurrencyPath, ToleratedFailure*Path): a path that matches nothing,
// or a value that is not a number in [lo, hi] (and whole, when whole is
// set), fails the state with States.Runtime, the error AWS gives, with
// invalid and the value as its cause.
func (sc *scope) numberAt(p *jsonpath.Path, lo, hi float64, whole bool, invalid string) (float64, *Failure) {
	v, err := sc.resolve(p)
	if err != nil {
		return 0, sc.pathFailure(p, err)
	}
	n, ok := v.(json.Number)
	f, err := n.Float64()
	if ok && err == nil && f >= lo && f <= hi && (!whole || f == math.Trunc(f)) {
		return f, nil
	}
	return 0, sc.runtime(invalid + ": " + compactJSON(v))
}
