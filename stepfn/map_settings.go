package stepfn

import (
	"math"

	"github.com/switchyard/switchyard/internal/jsonpath"
)

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
