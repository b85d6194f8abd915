package stepfn

import (
	"math"
	"slices"
	"time"
)

// retriers parses Retry.
func (p *parser) retriers(o *object) []retrier {
	elems, locs := o.objects("Retry", false)
	var out []retrier
	for i, m := range elems {
		ro := newObject(m, locs[i], p.d)
		ro.get("Comment")
		rt := retrier{interval: time.Second, maxAttempts: 3, backoff: 2}
		rt.errors = p.errorEquals(ro, i == len(elems)-1, "Retrier")
		if secs, ok := ro.integer("IntervalSeconds", 1, maxTimeoutSeconds); ok {
			rt.interval = time.Duration(secs) * time.Second
		}
		if n, ok := ro.integer("MaxAttempts", 0, maxTimeoutSeconds); ok {
			rt.maxAttempts = int(n)
		}
		if b, ok := ro.number("BackoffRate", 1, math.MaxFloat64); ok {
			rt.backoff = b
		}
		if secs, ok := ro.integer("MaxDelaySeconds", 1, maxTimeoutSeconds); ok {
			rt.maxDelay = time.Duration(secs) * time.Second
		}
		if js, ok := ro.str("JitterStrategy"); ok {
			switch js {
			case "FULL":
				rt.fullJitter = true
			case "NONE":
			default:
				p.d.schema(ro.at("JitterStrategy"), "The value for the field 'JitterStrategy' must be one of [FULL, NONE]")
			}
		}
		ro.finish()
		out = append(out, rt)
	}
	return out
}

// catchers parses Catch.
func (p *parser) catchers(o *object) []catcher {
	elems, locs := o.objects("Catch", false)
	var out []catcher
	for i, m := range elems {
		loc := locs[i]
		co := newObject(m, loc, p.d)
		co.get("Comment")
		ct := catcher{errors: p.errorEquals(co, i == len(elems)-1, "Catcher")}
		ct.next, _ = co.requiredStr("Next")
		ct.resultPath = p.resultPath(co)
		ct.assign = p.assign(co)
		for _, f := range jsonataOnly[:2] { // Arguments has no meaning here; Output does, in JSONata
			if co.has(f) {
				co.get(f)
				p.d.schema(loc, "The QueryLanguage is set to 'JSONPath', but field '"+f+"' is only supported for the 'JSONata' QueryLanguage")
			}
		}
		co.finish()
		out = append(out, ct)
	}
	return out
}

// errorEquals parses a Retrier's or Catcher's ErrorEquals: a non-empty
// list in which States.ALL, if present, stands alone, in the last element.
func (p *parser) errorEquals(o *object, last bool, what string) []string {
	if !o.has("ErrorEquals") {
		p.d.schema(o.loc, "These fields are required: [ErrorEquals]")
		return nil
	}
	names, ok := o.strings("ErrorEquals")
	if !ok {
		return nil
	}
	if len(names) == 0 {
		p.d.schema(o.at("ErrorEquals"), "The field 'ErrorEquals' must contain at least 1 item")
	}
	if slices.Contains(names, ErrorAll) {
		if len(names) > 1 {
			p.d.schema(o.at("ErrorEquals"), "States.ALL must appear alone in 'ErrorEquals'")
		}
		if !last {
			p.d.schema(o.loc, "A "+what+" with States.ALL must be the last one")
		}
	}
	return names
}
