package main

import (
	"fmt"
	"io"
	"slices"
	"sync"
	"text/tabwriter"
	"time"
)

// latencies collects upload-to-rendered times.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.d = append(l.d, d)
}

// quantile returns the q-quantile, 0 ≤ q ≤ 1.
func (l *latencies) quantile(q float64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 {
		return 0
	}
	s := slices.Clone(l.d)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1))]
}

func printSummary(w io.Writer, lines []*line, elapsed time.Duration) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rendition\trendered\tretries\tdead-lettered then redriven\tpeak workers\tp50 latency\tp99 latency\t")
	total := int64(0)
	for _, l := range lines {
		moved := 0
		for _, t := range l.dlq.MoveTasks() {
			moved += t.Moved
		}
		total += l.done.Load()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\t%s\t\n", l.name, l.done.Load(), l.retries.Load(), moved,
			l.scaler.peak(), l.latency.quantile(0.5).Round(time.Microsecond), l.latency.quantile(0.99).Round(time.Microsecond))
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d renditions of %d uploads in %s: %.0f renditions/s\n", total, uploads, elapsed.Round(time.Millisecond), float64(total)/elapsed.Seconds())
}
