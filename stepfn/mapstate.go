package stepfn

import (
	"context"
	"math"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

// inlineMapLimit is the most iterations an inline Map runs at once,
// whatever its MaxConcurrency: AWS runs at most 40.
const inlineMapLimit = 40

// mapState runs a Map state: for each item of the array ItemsPath names
// in the effective input, the ItemSelector (with $$.Map.Item) makes the
// iteration's input and the item processor runs on it, at most
// MaxConcurrency at once. The result is the iterations' outputs in item
// order. An iteration that fails fails the state with its error, unless
// ToleratedFailureCount or ToleratedFailurePercentage allow it.
func (r *runner) mapState(ctx context.Context, s *state, sc *scope, th *thread, input any) (any, *Failure) {
	m := s.mapSpec
	in := sc.with(input)
	itemsValue, f := in.applyPath(m.itemsPath, input)
	if f != nil {
		return nil, f
	}
	items, ok := itemsValue.([]any)
	if !ok {
		return nil, sc.runtime("Map state input must be an array but was: " + compactJSON(itemsValue))
	}
	limit, f := in.intSetting(m.maxConcurrency, m.maxConcurrencyPath, "MaxConcurrencyPath")
	if f != nil {
		return nil, f
	}
	if limit == 0 || limit > inlineMapLimit {
		limit = inlineMapLimit // AWS runs at most 40 iterations of an inline Map at once
	}
	tolerate, f := m.tolerance(in, len(items))
	if f != nil {
		return nil, f
	}
	r.record(th, event{typ: "MapStateStarted", index: len(items)})
	out, f := r.fanOut(ctx, len(items), limit, func(ctx context.Context, i int) (any, *Failure) {
		it := &thread{prev: th.prev, vars: &variables{parent: th.vars}}
		r.record(it, iterationEvent("MapIterationStarted", s.name, i, nil))
		itemInput := items[i]
		if s.parameters != nil {
			isc := *in
			isc.cx.item = &mapItem{index: i, value: items[i]}
			v, f := isc.evalTemplate(s.parameters, input)
			if f != nil {
				r.record(it, iterationEvent("MapIterationFailed", s.name, i, f))
				return nil, f
			}
			itemInput = v
		}
		v, f := r.runGraph(ctx, m.processor, itemInput, it)
		if f != nil {
			typ := "MapIterationFailed"
			if ctx.Err() != nil {
				typ = "MapIterationAborted"
			}
			r.record(it, iterationEvent(typ, s.name, i, f))
			return nil, f
		}
		r.record(it, iterationEvent("MapIterationSucceeded", s.name, i, nil))
		return v, nil
	}, tolerate)
	if f != nil {
		r.record(th, failure("MapStateFailed", f))
		return nil, f
	}
	r.record(th, event{typ: "MapStateSucceeded"})
	return out, nil
}

// intSetting reads a non-negative integer setting given as a value or as
// a reference path.
func (sc *scope) intSetting(value int, p *jsonpath.Path, field string) (int, *Failure) {
	if p == nil {
		return value, nil
	}
	v, f := sc.numberAt(p, 0, math.MaxFloat64, true, nonNegativeInteger(field))
	return int(min(v, maxTimeoutSeconds)), f
}

// tolerance returns the function that accepts an iteration's failure
// while the failures stay within ToleratedFailureCount and
// ToleratedFailurePercentage of n items, or nil when none is tolerated.
func (m *mapSpec) tolerance(sc *scope, n int) (func(*Failure) bool, *Failure) {
	count, percent := -1, -1.0
	if m.hasToleratedCount {
		count = m.toleratedCount
	}
	if m.hasToleratedPercent {
		percent = m.toleratedPercent
	}
	if m.toleratedCountPath != nil {
		v, f := sc.numberAt(m.toleratedCountPath, 0, math.MaxFloat64, true, nonNegativeInteger("ToleratedFailureCountPath"))
		if f != nil {
			return nil, f
		}
		count = int(min(v, maxTimeoutSeconds))
	}
	if m.toleratedPercentPath != nil {
		v, f := sc.numberAt(m.toleratedPercentPath, 0, 100, false, "The value of the field 'ToleratedFailurePercentagePath' must be a number from 0 to 100")
		if f != nil {
			return nil, f
		}
		percent = v
	}
	if count < 0 && percent < 0 {
		return nil, nil
	}
	failures := 0
	return func(f *Failure) bool {
		failures++
		if count >= 0 && failures > count {
			return false
		}
		if percent >= 0 && float64(failures)*100 > percent*float64(n) {
			return false
		}
		return true
	}, nil
}

func nonNegativeInteger(field string) string {
	return "The value of the field '" + field + "' must be a non-negative integer"
}

// iterationEvent returns a MapIteration* event of the Map state named
// state, for item index, with the failure f if any.
func iterationEvent(typ, state string, index int, f *Failure) event {
	e := event{typ: typ}
	if f != nil {
		e = failure(typ, f)
	}
	e.state, e.index = state, index
	return e
}
