package schedule

import (
	"testing"
	"time"
)

// BenchmarkNext times Next on a few shapes of schedule, and the naive
// minute-by-minute reference on the same ones as a baseline.
func BenchmarkNext(b *testing.B) {
	after := time.Date(2026, time.March, 15, 10, 7, 30, 0, time.UTC)
	for _, expr := range []string{
		"cron(0/15 * * * ? *)",
		"cron(0 9 ? * MON-FRI *)",
		"cron(15 10 ? * 6L *)",
		"cron(0 12 29 2 ? *)",
	} {
		s := mustParse(b, expr)
		b.Run(expr, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Next(after)
			}
		})
		b.Run(expr+"/reference", func(b *testing.B) {
			for b.Loop() {
				referenceNext(s.cron, after, 3*366)
			}
		})
	}
	s := mustParse(b, "rate(5 minutes)")
	b.Run("rate(5 minutes)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.NextFrom(after.AddDate(-1, 0, 0), after)
		}
	})
}
