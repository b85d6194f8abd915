//go:build race

package jsonpath_test

// raceEnabled reports whether the tests run under the race detector, whose
// instrumentation can make otherwise allocation-free code allocate.
const raceEnabled = true
