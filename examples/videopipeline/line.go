package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/switchyard/switchyard/firehose"
	"github.com/switchyard/switchyard/queue"
	"github.com/switchyard/switchyard/topic"
)

// line is one rendition's queue, dead-letter queue, workers and counters.
type line struct {
	name     string
	height   int // the least source height worth this rendition
	cost     time.Duration
	fixed    *atomic.Bool
	jobs     *queue.Queue[string] // upload events, raw from the topic
	dlq      *queue.Queue[string]
	scaler   *scaler
	done     atomic.Int64 // uploads rendered, each counted once
	rendered [uploads]atomic.Bool
	retries  atomic.Int64
	latency  *latencies
	records  *firehose.DeliveryStream // where finished renditions are recorded
}

// newLine makes a rendition's line and subscribes its queue to the
// uploads topic, with a filter policy that lets through only uploads tall
// enough for the rendition.
func newLine(uploads *topic.Topic[upload], records *firehose.DeliveryStream, name string, height int, cost time.Duration, fixed *atomic.Bool) (*line, error) {
	dlq, err := queue.New(queue.Config[string]{Name: "render-" + name + "-dlq"})
	if err != nil {
		return nil, err
	}
	jobs, err := queue.New(queue.Config[string]{
		Name:              "render-" + name,
		VisibilityTimeout: ptr(50 * time.Millisecond), // a failed job is retried soon
		RedrivePolicy:     &queue.RedrivePolicy[string]{DeadLetterQueue: dlq, MaxReceiveCount: 3},
	})
	if err != nil {
		return nil, err
	}
	_, err = uploads.SubscribeQueue(jobs, topic.SubscriptionConfig{
		RawMessageDelivery: true,
		FilterPolicy:       fmt.Sprintf(`{"height":[{"numeric":[">=",%d]}]}`, height),
	})
	if err != nil {
		return nil, err
	}
	l := &line{name: name, height: height, cost: cost, fixed: fixed, jobs: jobs, dlq: dlq, latency: &latencies{}, records: records}
	l.scaler = newScaler(jobs, 1, 8, queue.HandlerFunc[string](l.render))
	return l, nil
}

// render is the worker's handler: it "encodes" the line's rendition of
// each upload of the batch and reports the ones that failed, so only those
// are retried.
func (l *line) render(ctx context.Context, batch []queue.Message[string]) error {
	var failed queue.BatchItemFailures
	for _, m := range batch {
		var u upload
		if err := json.Unmarshal([]byte(m.Body), &u); err != nil {
			return err
		}
		time.Sleep(l.cost)
		if m.System.ApproximateReceiveCount > 1 {
			l.retries.Add(1)
		}
		if u.Corrupt && l.name == "1080p" && !l.fixed.Load() {
			failed.MessageIDs = append(failed.MessageIDs, m.ID)
			continue
		}
		// A queue delivers at least once: a job whose visibility ran out
		// mid-render can come again, and renders again, but counts once.
		if !l.rendered[u.ID].Swap(true) {
			took := time.Since(u.Sent)
			l.latency.add(took)
			l.done.Add(1)
			if err := l.record(u, took); err != nil {
				return err
			}
		}
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
	_, err := l.dlq.StartMoveTask(queue.MoveOptions[string]{})
	if errors.Is(err, queue.ErrInvalidParameterValue) {
		return nil // nothing ever failed here
	}
	return err
}

func ptr[T any](v T) *T { return &v }

// expected is how many of the uploads the line renders: those whose source
// is at least its height.
func (l *line) expected() int {
	n := 0
	for u := range uploads {
		if sourceHeight(u) >= l.height {
			n++
		}
	}
	return n
}
