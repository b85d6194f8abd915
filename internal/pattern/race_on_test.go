//go:build race

package pattern

// raceEnabled reports whether the tests run under the race detector, whose
// instrumentation can make otherwise allocation-free code allocate.
const raceEnabled = true
