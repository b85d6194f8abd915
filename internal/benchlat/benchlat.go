// Package benchlat holds what the latency benchmarks of every engine share:
// the report of a run's median and 99th percentile, and the baseline they
// are measured against, a goroutine woken by a channel send.
package benchlat

import (
	"slices"
	"testing"
	"time"
)

// Report sorts lat and reports its median and 99th percentile as the
// benchmark's "median-ns" and "p99-ns" metrics.
func Report(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "median-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
}

// ChannelBaseline measures, b.N times, how long a value sent on a channel
// takes to reach a goroutine blocked receiving it, and reports it: the
// floor against which any wake-up of a waiting reader is judged.
func ChannelBaseline(b *testing.B) {
	ch := make(chan time.Time)
	done := make(chan time.Duration)
	go func() {
		for sent := range ch {
			done <- time.Since(sent)
		}
	}()
	lat := make([]time.Duration, 0, b.N)
	for range b.N {
		ch <- time.Now()
		lat = append(lat, <-done)
	}
	close(ch)
	Report(b, lat)
}
