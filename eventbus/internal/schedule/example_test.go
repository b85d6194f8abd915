package schedule_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/switchyard/switchyard/eventbus/internal/schedule"
)

func ExampleParse() {
	_, err := schedule.Parse("rate(1 minutes)")
	fmt.Println(errors.Is(err, schedule.ErrInvalid), err)

	s, err := schedule.Parse("cron(0 9 ? * MON-FRI *)")
	if err != nil {
		panic(err)
	}
	// Friday 13 March 2026, after nine.
	fmt.Println(s.Next(time.Date(2026, time.March, 13, 9, 30, 0, 0, time.UTC)))
	// Output:
	// true Parameter ScheduleExpression is not valid.
	// 2026-03-16 09:00:00 +0000 UTC
}

func ExampleSchedule_NextFrom() {
	s, err := schedule.Parse("rate(2 hours)")
	if err != nil {
		panic(err)
	}
	enabled := time.Date(2026, time.March, 15, 10, 30, 0, 0, time.UTC)
	// Chained, Next walks the firings from the moment the rule was enabled.
	first := s.Next(enabled)
	fmt.Println(first, s.Next(first))
	// NextFrom skips the firings missed while the clock jumped a day.
	fmt.Println(s.NextFrom(enabled, enabled.AddDate(0, 0, 1)))
	// Output:
	// 2026-03-15 12:30:00 +0000 UTC 2026-03-15 14:30:00 +0000 UTC
	// 2026-03-16 12:30:00 +0000 UTC
}
