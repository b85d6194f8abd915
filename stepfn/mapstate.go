package stepfn

import "context"

// inlineMapLimit is the most iterations an inline Map runs at once,
// whatever its MaxConcurrency: AWS runs at most 40.
const inlineMapLimit = 40

// mapState runs a Map state: for each item of the array ItemsPath names
// in the effective input, the ItemSelector (with $$.Map.Item) makes the
// iteration's input and the item processor runs on it, at most
// MaxConcurrency at once. The result is the iterations' outputs in item
// order. An iteration that fails fails the state with its error, unless
// ToleratedFailureCount or ToleratedFailurePercentage allow it.
//
// The history follows AWS's (scenarios/test_base_scenarios.snapshot.json
// in localstack/localstack: test_map_state, test_map_state_catch,
// test_map_state_retry, test_map_state_break_condition): see mapCursor.
// MapStateSucceeded and then MapStateExited both follow the last
// iteration's end event; MapStateFailed (recorded by withCatch once
// retries are spent) follows the failing iteration's last state event.
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
	cur := &mapCursor{source: th.prev, last: th.prev}
	sources := make([]int64, len(items)) // each iteration's last state event
	out, failedAt, f := r.fanOut(ctx, len(items), limit, func(ctx context.Context, i int) (any, *Failure) {
		it := &thread{prev: cur.start(), vars: &variables{parent: th.vars}}
		v, f := r.iteration(ctx, s, in, it, cur, i, items[i], input)
		sources[i] = it.prev
		return v, f
	}, tolerate)
	if f != nil {
		if failedAt >= 0 {
			th.prev = sources[failedAt]
		}
		return nil, f
	}
	th.prev = cur.end()
	r.recordAside(th, event{typ: "MapStateSucceeded"})
	return out, nil
}

// iteration runs one Map iteration on the thread it: MapIterationStarted,
// the ItemSelector, the item processor, and the iteration's end event,
// which (as AWS records it) nothing chains to: it.prev stays the
// iteration's last state event.
func (r *runner) iteration(ctx context.Context, s *state, in *scope, it *thread, cur *mapCursor, i int, item, input any) (any, *Failure) {
	r.record(it, iterationEvent("MapIterationStarted", s.name, i, nil))
	v, f := item, (*Failure)(nil)
	if s.parameters != nil {
		isc := *in
		isc.cx.item = &mapItem{index: i, value: item}
		v, f = isc.evalTemplate(s.parameters, input)
	}
	if f == nil {
		v, f = r.runGraph(ctx, s.mapSpec.processor, v, it)
	}
	var end event
	switch {
	case f == nil:
		end = iterationEvent("MapIterationSucceeded", s.name, i, nil)
	case ctx.Err() != nil:
		end = iterationEvent("MapIterationAborted", s.name, i, f)
	default:
		end = iterationEvent("MapIterationFailed", s.name, i, nil) // AWS records no error or cause
	}
	cur.finish(it.prev, r.recordAside(it, end))
	if f != nil {
		return nil, f
	}
	return v, nil
}
