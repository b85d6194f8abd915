package jsonpath

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// jsonProvider is the class Jayway names in the message of a property step
// applied to a non-object. It is Jayway's default provider; which one AWS
// configures is not documented.
const jsonProvider = "com.jayway.jsonpath.spi.json.JsonSmartJsonProvider"

// Get evaluates p against doc, the value p's Root names (the caller picks
// it: the state input, the context object or the variable's value). doc must
// hold what encoding/json decodes with UseNumber: nil, bool, string,
// json.Number, []any and map[string]any (other Go numbers are read as
// numbers too). Get never modifies doc, and the values it returns are
// shared with doc, not copied: treat them as read-only.
//
// A definite path returns the single value it selects, or an error that
// carries Jayway's message: a [*NotFoundError] (matching [ErrNoResult]) when
// nothing is there, such as "No results for path: $['X']" or "Missing
// property in path $['a']", or an [*EvalError] when a function cannot work
// on what it was given.
//
// An indefinite path returns a []any of every match in document order,
// possibly empty; it never fails, whatever is missing or of the wrong kind,
// as AWS evaluates such paths. The one ordering this package chooses itself
// is that of an object's members, which Go does not keep: wildcards, deep
// scans and keys() visit members in sorted key order.
func (p *Path) Get(doc any) (any, error) {
	if !p.definite {
		ev := evaluator{p: p, root: doc, out: []any{}}
		if ev.walk(0, doc) != nil {
			return []any{}, nil
		}
		return ev.out, nil
	}
	if p.inverted {
		return p.getInverted(doc, doc)
	}
	return p.getDefinite(doc, false)
}

// errRequired aborts an existence test at the first missing member: no
// message is needed, since it only ever turns into "false".
var errRequired = &NotFoundError{Message: "required property missing"}

func (p *Path) notFound(msg string) error { return &NotFoundError{Path: p.text, Message: msg} }

func (p *Path) evalErr(msg string) error { return &EvalError{Path: p.text, Message: msg} }

// getDefinite walks a definite path (names, single indexes, a final list of
// names or function) without allocating unless it fails. require is Jayway's
// REQUIRE_PROPERTIES, which filters use to test whether a path exists.
func (p *Path) getDefinite(doc any, require bool) (any, error) {
	cur := doc
	last := len(p.steps) - 1
	for i := range p.steps {
		s := &p.steps[i]
		switch s.kind {
		case stepName:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, p.notObject(i, cur)
			}
			v, ok := m[s.name]
			if !ok {
				switch {
				case require:
					return nil, errRequired
				case i == last:
					return nil, p.notFound("No results for path: " + p.jaywayString())
				}
				return nil, p.notFound("Missing property in path " + p.evalPath(i+1))
			}
			cur = v
		case stepIndex:
			a, err := p.checkArray(i, cur)
			if err != nil {
				return nil, err
			}
			idx := s.index
			if idx < 0 {
				idx += len(a)
			}
			if idx < 0 || idx >= len(a) {
				if require {
					return nil, errRequired
				}
				return nil, p.notFound("No results for path: " + p.jaywayString())
			}
			cur = a[idx]
		case stepNames:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, p.notObject(i, cur)
			}
			merged, err := mergeNames(s, m, require)
			if err != nil {
				return nil, err
			}
			cur = merged
		case stepFunc:
			v, fail := applyFunc(s, cur)
			if fail != nil {
				return nil, p.funcErr(i, fail)
			}
			cur = v
		default:
			// Parse makes every step of a definite path one of the above.
			return nil, p.evalErr("indefinite step in a definite path")
		}
	}
	return cur, nil
}

// funcErr is the error for the function at steps[i]. Jayway evaluates the
// steps after an array step inside a catch of IndexOutOfBoundsException, so
// first() or index(n) past the end of an array reached through an array step
// yields no result rather than a failure.
func (p *Path) funcErr(i int, fail *funcFailure) error {
	if fail.outOfBounds {
		for j := 0; j < i; j++ {
			switch p.steps[j].kind {
			case stepIndex, stepIndexes, stepSlice, stepWildcard, stepFilter:
				return p.notFound("No results for path: " + p.jaywayString())
			}
		}
	}
	return p.evalErr(fail.msg)
}

// mergeNames is Jayway's result for a list of names as the last step: one
// object holding those of the names that are present.
func mergeNames(s *step, m map[string]any, require bool) (map[string]any, error) {
	merged := make(map[string]any, len(s.names))
	for _, n := range s.names {
		v, ok := m[n]
		if !ok {
			if require {
				return nil, errRequired
			}
			continue
		}
		merged[n] = v
	}
	return merged, nil
}

// notObject is Jayway's PathNotFoundException for a member step applied to
// something that is not an object.
func (p *Path) notObject(i int, cur any) error {
	var frag strings.Builder
	p.steps[i].write(&frag, true)
	return p.notFound(fmt.Sprintf("Expected to find an object with property %s in path %s but found '%s'. "+
		"This is not a json object according to the JsonProvider: '%s'.", frag.String(), p.evalPath(i), javaClass(cur), jsonProvider))
}

// checkArray is Jayway's ArrayPathToken.checkArrayModel for a step whose
// upstream is definite.
func (p *Path) checkArray(i int, cur any) ([]any, error) {
	if cur == nil {
		return nil, p.notFound("The path " + p.evalPath(i) + " is null")
	}
	a, ok := cur.([]any)
	if !ok {
		return nil, p.notFound(fmt.Sprintf("Filter: %s can only be applied to arrays. Current context is: %s", p.jaywayFrom(i), javaString(cur)))
	}
	return a, nil
}

// getInverted evaluates "$..x.fn()" as Jayway rewrites it, fn($..x): the
// function sees every match at once. For length() that is the count of the
// matches' members and elements; the numeric functions take the numbers
// among the matches and, as Jayway's do, those of doc itself when doc is an
// array; keys(), first() and last() ignore the matches and apply to doc.
func (p *Path) getInverted(doc, root any) (any, error) {
	fn := &p.steps[len(p.steps)-1]
	switch fn.fn {
	case fnKeys, fnFirst, fnLast:
		v, fail := applyFunc(fn, doc)
		if fail != nil {
			return nil, p.evalErr(fail.msg)
		}
		return v, nil
	}
	scan := &Path{text: p.text, root: p.root, variable: p.variable, steps: p.steps[:len(p.steps)-1]}
	ev := evaluator{p: scan, root: root}
	if err := ev.walk(0, doc); err != nil {
		return nil, err
	}
	if fn.fn == fnLength || fn.fn == fnSize {
		n := 0
		for _, m := range ev.out {
			switch m := m.(type) {
			case []any:
				n += len(m)
			case map[string]any:
				n += len(m)
			}
		}
		return json.Number(strconv.Itoa(n)), nil
	}
	var nums []float64
	if a, ok := doc.([]any); ok {
		nums = numbersOf(a)
	}
	nums = append(nums, numbersOf(ev.out)...)
	v, fail := aggregate(fn.fn, nums)
	if fail != nil {
		return nil, p.evalErr(fail.msg)
	}
	return v, nil
}

// evaluator walks any path the way Jayway's path tokens do, collecting
// matches. Where a step's upstream is definite, a miss stops the walk with
// Jayway's exception; after an indefinite step, misses are skipped.
type evaluator struct {
	p       *Path
	root    any  // what "$" means in filters
	require bool // Jayway's REQUIRE_PROPERTIES: any missing member fails
	out     []any
}

func (e *evaluator) walk(i int, cur any) error {
	steps := e.p.steps
	if i == len(steps) {
		e.out = append(e.out, cur)
		return nil
	}
	s := &steps[i]
	leaf := i == len(steps)-1
	switch s.kind {
	case stepName, stepNames:
		m, ok := cur.(map[string]any)
		if !ok {
			if !s.upDef {
				return nil
			}
			return e.p.notObject(i, cur)
		}
		if s.kind == stepName {
			return e.member(i, m, s.name, s.upDef)
		}
		if leaf {
			merged, err := mergeNames(s, m, e.require)
			if err != nil {
				return err
			}
			e.out = append(e.out, merged)
			return nil
		}
		for _, n := range s.names {
			if err := e.member(i, m, n, false); err != nil {
				return err
			}
		}
	case stepIndex, stepIndexes, stepSlice:
		a, ok, err := e.array(i, cur)
		if !ok {
			return err
		}
		return e.elements(i, s, a)
	case stepWildcard:
		switch c := cur.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(c)) {
				if err := e.walk(i+1, c[k]); err != nil {
					return err
				}
			}
		case []any:
			for _, v := range c {
				if err := e.walk(i+1, v); err != nil {
					var nf *NotFoundError
					if !e.require && errors.As(err, &nf) {
						continue
					}
					return err
				}
			}
		}
	case stepScan:
		return e.scan(i, cur)
	case stepFilter:
		switch c := cur.(type) {
		case map[string]any:
			if e.accept(s.filter, c) {
				return e.walk(i+1, c)
			}
		case []any:
			for _, v := range c {
				if e.accept(s.filter, v) {
					if err := e.walk(i+1, v); err != nil {
						return err
					}
				}
			}
		default:
			if s.upDef {
				return e.p.evalErr(fmt.Sprintf("Filter: %s can not be applied to primitives. Current context is: %s", e.p.jaywayFrom(i), javaString(cur)))
			}
		}
	case stepFunc:
		v, fail := applyFunc(s, cur)
		if fail != nil {
			if err := e.p.funcErr(i, fail); !errors.Is(err, ErrNoResult) {
				return err
			}
			return nil
		}
		e.out = append(e.out, v)
	}
	return nil
}

// member follows one name, as Jayway's handleObjectProperty does: a missing
// last member is no result; a missing member before the end fails the walk
// only where everything up to it is definite.
func (e *evaluator) member(i int, m map[string]any, name string, definite bool) error {
	v, ok := m[name]
	if ok {
		return e.walk(i+1, v)
	}
	switch {
	case e.require:
		return errRequired
	case i == len(e.p.steps)-1 || !definite:
		return nil
	}
	return e.p.notFound("Missing property in path " + e.p.evalPath(i) + "['" + name + "']")
}

// array checks that cur is an array; ok is false when the step must be
// skipped (err is nil) or fail (err is set).
func (e *evaluator) array(i int, cur any) ([]any, bool, error) {
	if a, ok := cur.([]any); ok {
		return a, true, nil
	}
	if !e.p.steps[i].upDef {
		return nil, false, nil
	}
	a, err := e.p.checkArray(i, cur)
	return a, err == nil, err
}

// elements applies an index, list of indexes or slice to a, as Jayway's
// ArrayIndexToken and ArraySliceToken do. Jayway resolves every negative
// index from the end; in a slice with both bounds it does so for each index
// of the range rather than for the bounds, so [-2:5] over three elements
// selects elements 1, 2, 0, 1, 2.
func (e *evaluator) elements(i int, s *step, a []any) error {
	n := len(a)
	at := func(k int) error {
		if k < 0 {
			k += n
		}
		if k < 0 || k >= n {
			return nil
		}
		return e.walk(i+1, a[k])
	}
	switch s.kind {
	case stepIndex:
		return at(s.index)
	case stepIndexes:
		for _, k := range s.indexes {
			if err := at(k); err != nil {
				return err
			}
		}
		return nil
	}
	if n == 0 {
		return nil
	}
	switch {
	case s.hasFrom && s.hasTo:
		from, to := s.from, min(n, s.to)
		// Only indexes in [-n, n) select anything, so the range is cut to
		// those before it is walked.
		for k := max(from, -n); k < min(to, 0); k++ {
			if err := at(k); err != nil {
				return err
			}
		}
		for k := max(from, 0); k < to; k++ {
			if err := at(k); err != nil {
				return err
			}
		}
	case s.hasFrom:
		from := s.from
		if from < 0 {
			from += n
		}
		for k := max(from, 0); k < n; k++ {
			if err := at(k); err != nil {
				return err
			}
		}
	default:
		to := s.to
		if to < 0 {
			to += n
		}
		for k := 0; k < min(to, n); k++ {
			if err := at(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// scan walks cur and everything below it, applying the step after the
// "..": at each object first to the object itself and then to its members
// in key order, at each array to the array and then to its elements.
//
// Jayway has one quirk here that this package keeps: when the array itself
// matches and the scanned-for step is not the last, the rest of the path is
// applied to every element, skipping the step; so "$..[0].x" reads x from
// every element of every array, not only from the first.
func (e *evaluator) scan(i int, cur any) error {
	t := i + 1
	switch c := cur.(type) {
	case map[string]any:
		if e.scanMatches(t, c) {
			if err := e.walk(t, c); err != nil {
				return err
			}
		}
		for _, k := range slices.Sorted(maps.Keys(c)) {
			if err := e.scan(i, c[k]); err != nil {
				return err
			}
		}
	case []any:
		if e.scanMatches(t, c) {
			if t == len(e.p.steps)-1 {
				if err := e.walk(t, c); err != nil {
					return err
				}
			} else {
				for _, v := range c {
					if err := e.walk(t+1, v); err != nil {
						return err
					}
				}
			}
		}
		for _, v := range c {
			if err := e.scan(i, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// scanMatches is Jayway's choice of the nodes a deep scan applies its next
// step to: objects with the names (for a name), arrays (for an index or
// slice), everything (for a wildcard), and what the filter accepts.
func (e *evaluator) scanMatches(t int, node any) bool {
	s := &e.p.steps[t]
	switch s.kind {
	case stepName, stepNames:
		m, ok := node.(map[string]any)
		if !ok {
			return false
		}
		if e.require || (s.kind == stepNames && t != len(e.p.steps)-1) {
			return true
		}
		if s.kind == stepName {
			_, ok := m[s.name]
			return ok
		}
		for _, n := range s.names {
			if _, ok := m[n]; !ok {
				return false
			}
		}
		return true
	case stepIndex, stepIndexes, stepSlice:
		_, ok := node.([]any)
		return ok
	case stepWildcard:
		return true
	case stepFilter:
		return e.accept(s.filter, node)
	}
	return false
}
