// Command videopipeline is Switchyard's main example: a video service's
// rendering pipeline, run in one process on embedded defaults.
//
// Uploads become one job per rendition (480p, 720p, 1080p), each on its own
// SQS-style queue. Every queue has a pool of workers that grows and shrinks
// with the queue's backlog, as an auto-scaling group would. Some uploads are
// corrupt for the 1080p encoder: their jobs fail, are retried, and after the
// third receive land in the queue's dead-letter queue. Once the encoder is
// "fixed", a message-move task redrives them and they render. The program
// prints its progress and, at the end, a summary.
//
// The pipeline grows with the library: queues now; topics, streams, delivery
// streams and state machines as they land.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/queue"
)

// job is one rendition of one upload.
type job struct {
	Upload    int
	Rendition string
	Corrupt   bool // the 1080p encoder fails on it until fixed
	Sent      time.Time
}

const uploads = 300

var renditions = []struct {
	name string
	cost time.Duration // simulated encoding time
}{{"480p", 200 * time.Microsecond}, {"720p", 400 * time.Microsecond}, {"1080p", 800 * time.Microsecond}}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "videopipeline:", err)
		os.Exit(1)
	}
}

// run renders every upload, printing progress and the summary to w.
func run(ctx context.Context, w io.Writer) error {
	start := time.Now()
	var fixed atomic.Bool // the 1080p encoder's bug, fixed before the redrive
	lines := make([]*line, len(renditions))
	for i, r := range renditions {
		l, err := newLine(r.name, r.cost, &fixed)
		if err != nil {
			return err
		}
		lines[i] = l
	}

	ctx, stop := context.WithCancel(ctx)
	defer stop()
	for _, l := range lines {
		l.scaler.start(ctx)
	}

	// Uploads arrive in bursts; each becomes one job per rendition.
	for u := range uploads {
		for _, l := range lines {
			j := job{Upload: u, Rendition: l.name, Corrupt: l.name == "1080p" && u%25 == 7, Sent: time.Now()}
			if _, err := l.jobs.Send(queue.SendInput[job]{Body: j}); err != nil {
				return err
			}
		}
		if u%50 == 49 {
			time.Sleep(20 * time.Millisecond)
		}
	}

	waitUntil(ctx, w, lines, func(l *line) bool { return l.settled() })
	fmt.Fprintln(w, "-- encoder fixed; redriving the dead-letter queues")
	fixed.Store(true)
	for _, l := range lines {
		if err := l.redrive(); err != nil {
			return err
		}
	}
	waitUntil(ctx, w, lines, func(l *line) bool { return l.done.Load() == uploads })
	stop()
	for _, l := range lines {
		l.scaler.wait()
	}
	fmt.Fprintln(w)
	printSummary(w, lines, time.Since(start))
	return nil
}

// waitUntil prints progress to w until every line satisfies ok.
func waitUntil(ctx context.Context, w io.Writer, lines []*line, ok func(*line) bool) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		all := true
		status := ""
		for _, l := range lines {
			c := l.jobs.Counts()
			status += fmt.Sprintf(" | %-5s %3d done %3d queued %2d in flight %d workers %2d dead",
				l.name, l.done.Load(), c.Available, c.InFlight, l.scaler.size(), l.dlq.Counts().Available)
			all = all && ok(l)
		}
		fmt.Fprintln(w, status[3:])
		if all {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
