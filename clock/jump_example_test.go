package clock_test

import (
	"fmt"
	"time"

	"github.com/switchyard/switchyard/clock"
)

// The emulator's admin API POST /_switchyard/clock/advance {"seconds": 5400}
// comes down to one Advance: a session that expires in an hour expires
// during the jump, seeing the clock at its own expiry time.
func ExampleJump() {
	c := clock.NewJump()
	start := c.Now()

	c.AfterFunc(time.Hour, func() {
		fmt.Println("session expired at +", c.Now().Sub(start).Round(time.Second))
	})
	reminder := c.AfterFunc(24*time.Hour, func() { fmt.Println("reminder") })

	now := c.Advance(90 * time.Minute)
	fmt.Println("after the jump: +", now.Sub(start).Round(time.Second))
	fmt.Println("offset:", c.Offset())
	fmt.Println("reminder still pending:", reminder.Stop())

	// Output:
	// session expired at + 1h0m0s
	// after the jump: + 1h30m0s
	// offset: 1h30m0s
	// reminder still pending: true
}
