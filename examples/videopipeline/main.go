// Command videopipeline is Switchyard's main example: a video service's
// rendering pipeline, run in one process on embedded defaults.
//
// Each upload is published to an SNS-style topic, which fans it out to one
// SQS-style queue per rendition (480p, 720p, 1080p); each queue's filter
// policy takes only uploads tall enough for its rendition. Every queue has
// a pool of workers that grows and shrinks with the queue's backlog, as an
// auto-scaling group would. Some uploads are corrupt for the 1080p encoder:
// their jobs fail, are retried, and after the third receive land in the
// queue's dead-letter queue. Once the encoder is "fixed", a message-move
// task redrives them and they render. Each finished rendition is recorded
// through a Firehose-style delivery stream, which writes gzip-compressed
// JSON lines into date-partitioned files under a local directory. The
// program prints its progress and, at the end, a summary.
//
// The pipeline grows with the library: queues, topics and delivery
// streams now; streams and state machines as they land.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/topic"
)

// upload is the event the uploads topic carries.
type upload struct {
	ID      int
	Height  int  // of the source video
	Corrupt bool // the 1080p encoder fails on it until fixed
	Sent    time.Time
}

const uploads = 300

var renditions = []struct {
	name   string
	height int           // the least source height worth rendering
	cost   time.Duration // simulated encoding time
}{{"480p", 0, 200 * time.Microsecond}, {"720p", 720, 400 * time.Microsecond}, {"1080p", 1080, 800 * time.Microsecond}}

// sourceHeight is upload u's height: most are 1080p, a tenth 720p and a
// tenth 480p.
func sourceHeight(u int) int {
	switch u % 10 {
	case 3:
		return 720
	case 6:
		return 480
	}
	return 1080
}

func main() {
	dir, err := os.MkdirTemp("", "videopipeline-")
	if err == nil {
		err = run(context.Background(), os.Stdout, dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "videopipeline:", err)
		os.Exit(1)
	}
}

// run renders every upload, printing progress and the summary to w and
// delivering the record of each rendition to files under dir.
func run(ctx context.Context, w io.Writer, dir string) error {
	start := time.Now()
	var fixed atomic.Bool // the 1080p encoder's bug, fixed before the redrive
	events, err := topic.New[upload](topic.Config{Name: "uploads"})
	if err != nil {
		return err
	}
	defer events.Close(context.Background())
	records, err := newRecords(dir)
	if err != nil {
		return err
	}
	lines := make([]*line, len(renditions))
	for i, r := range renditions {
		l, err := newLine(events, records, r.name, r.height, r.cost, &fixed)
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

	// Uploads arrive in bursts; the topic gives each to every rendition
	// whose filter policy its height passes.
	for u := range uploads {
		h := sourceHeight(u)
		_, err := events.Publish(topic.PublishInput[upload]{
			Message:    upload{ID: u, Height: h, Corrupt: u%25 == 7, Sent: time.Now()},
			Attributes: map[string]topic.Attribute{"height": {DataType: "Number", StringValue: strconv.Itoa(h)}},
		})
		if err != nil {
			return err
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
	waitUntil(ctx, w, lines, func(l *line) bool { return l.done.Load() == int64(l.expected()) })
	stop()
	for _, l := range lines {
		l.scaler.wait()
	}
	if err := records.Close(context.Background()); err != nil {
		return err
	}
	fmt.Fprintln(w)
	printSummary(w, lines, time.Since(start))
	printDelivery(w, records, dir)
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
