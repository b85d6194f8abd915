// Package clock provides the time source every Switchyard engine reads:
// [System], the machine's clock and the default; [Manual], a clock that
// moves only when a test moves it; and [Jump], the machine's clock that can
// also jump forward, which the emulator uses for time travel.
//
// Engines never call [time.Now] or start timers of their own; they ask a
// [Clock]. Under [testing/synctest] the [System] clock is the bubble's fake
// clock, so engines behave the same in both kinds of virtual time.
package clock

import "time"

// Clock is the source of time for an engine. Implementations are safe for
// concurrent use.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// AfterFunc waits for d to pass and then calls f, which must not
	// assume which goroutine it runs in: [System] calls it in its own
	// goroutine like [time.AfterFunc], [Manual] in the goroutine that moves
	// the clock, [Jump] in either. It never calls f before returning, even
	// for d <= 0: engines start timers while holding locks that f takes.
	// The returned Timer can stop it.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending call made by [Clock.AfterFunc].
type Timer interface {
	// Stop prevents the call from happening. It reports whether the call
	// was still pending.
	Stop() bool
}

// System is the machine's clock. The zero value is ready to use.
type System struct{}

// Now returns [time.Now].
func (System) Now() time.Time { return time.Now() }

// AfterFunc calls [time.AfterFunc].
func (System) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// Or returns c, or [System] when c is nil: the default engines use when no
// clock is given.
func Or(c Clock) Clock {
	if c == nil {
		return System{}
	}
	return c
}
