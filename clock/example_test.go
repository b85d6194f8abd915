package clock_test

import (
	"fmt"
	"time"

	"github.com/switchyard/switchyard/clock"
)

func ExampleManual() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	c := clock.NewManual(start)

	c.AfterFunc(2*time.Second, func() {
		fmt.Println("timer fired at", c.Now().Sub(start))
	})
	fmt.Println("pending:", c.Pending())

	c.Advance(time.Second)
	fmt.Println("after 1s, pending:", c.Pending())

	c.Advance(time.Second)
	fmt.Println("after 2s, pending:", c.Pending())

	// Output:
	// pending: 1
	// after 1s, pending: 1
	// timer fired at 2s
	// after 2s, pending: 0
}

func ExampleManual_Set() {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	c := clock.NewManual(start)

	for _, d := range []time.Duration{3 * time.Minute, time.Minute, 2 * time.Minute} {
		c.AfterFunc(d, func() { fmt.Println("fired:", d) })
	}
	c.Set(start.Add(time.Hour))
	fmt.Println("now:", c.Now().Format(time.TimeOnly))

	// Output:
	// fired: 1m0s
	// fired: 2m0s
	// fired: 3m0s
	// now: 01:00:00
}

func ExampleOr() {
	var c clock.Clock // none configured
	_, isSystem := clock.Or(c).(clock.System)
	fmt.Println(isSystem)

	// Output:
	// true
}
