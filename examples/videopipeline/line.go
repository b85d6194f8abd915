package main

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/queue"
)

// line is one rendition's queue, dead-letter queue, workers and counters.
type line struct {
	name    string
	cost    time.Duration
	fixed   *atomic.Bool
	jobs    *queue.Queue[job]
	dlq     *queue.Queue[job]
	scaler  *scaler
	done    atomic.Int64
	retries atomic.Int64
	latency *latencies
}

func newLine(name string, cost time.Duration, fixed *atomic.Bool) (*line, error) {
	dlq, err := queue.New(queue.Config[job]{Name: "render-" + name + "-dlq"})
	if err != nil {
		return nil, err
	}
	jobs, err := queue.New(queue.Config[job]{
		Name:              "render-" + name,
		VisibilityTimeout: ptr(50 * time.Millisecond), // a failed job is retried soon
		RedrivePolicy:     &queue.RedrivePolicy[job]{DeadLetterQueue: dlq, MaxReceiveCount: 3},
	})
	if err != nil {
		return nil, err
	}
	l := &line{name: name, cost: cost, fixed: fixed, jobs: jobs, dlq: dlq, latency: &latencies{}}
	l.scaler = newScaler(jobs, 1, 8, queue.HandlerFunc[job](l.render))
	return l, nil
}

// render is the worker's handler: it "encodes" each job of the batch and
// reports the ones that failed, so only those are retried.
func (l *line) render(ctx context.Context, batch []queue.Message[job]) error {
	var failed queue.BatchItemFailures
	for _, m := range batch {
		time.Sleep(l.cost)
		if m.System.ApproximateReceiveCount > 1 {
			l.retries.Add(1)
		}
		if m.Body.Corrupt && !l.fixed.Load() {
			failed.MessageIDs = append(failed.MessageIDs, m.ID)
			continue
		}
		l.latency.add(time.Since(m.Body.Sent))
		l.done.Add(1)
	}
	if len(failed.MessageIDs) > 0 {
		return &failed
	}
	return nil
}

// settled reports whether every job has either rendered or gone to the
// dead-letter queue.
func (l *line) settled() bool {
	c := l.jobs.Counts()
	return c.Available+c.InFlight+c.Delayed == 0
}

// redrive moves the dead letters back to the line's queue.
func (l *line) redrive() error {
	_, err := l.dlq.StartMoveTask(queue.MoveOptions[job]{})
	if errors.Is(err, queue.ErrInvalidParameterValue) {
		return nil // nothing ever failed here
	}
	return err
}

func ptr[T any](v T) *T { return &v }
