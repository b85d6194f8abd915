package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/switchyard/switchyard/clock"
)

// Handler processes a batch of received messages. Returning nil deletes
// the whole batch; returning a [*BatchItemFailures] deletes all but the
// listed messages; any other error deletes none. Messages not deleted become
// visible again when their visibility timeout passes, as with SQS and
// Lambda.
type Handler[T any] interface {
	HandleBatch(ctx context.Context, batch []Message[T]) error
}

// HandlerFunc adapts a function to [Handler].
type HandlerFunc[T any] func(ctx context.Context, batch []Message[T]) error

// HandleBatch calls f.
func (f HandlerFunc[T]) HandleBatch(ctx context.Context, batch []Message[T]) error {
	return f(ctx, batch)
}

// BatchItemFailures is the error a [Handler] returns when only some
// messages of a batch failed, like Lambda's ReportBatchItemFailures.
type BatchItemFailures struct {
	// MessageIDs are the ids of the messages that failed.
	MessageIDs []MessageID
}

func (e *BatchItemFailures) Error() string {
	ids := make([]string, len(e.MessageIDs))
	for i, id := range e.MessageIDs {
		ids[i] = id.String()
	}
	return fmt.Sprintf("queue: %d messages failed: %s", len(ids), strings.Join(ids, ", "))
}

// ConsumerConfig configures [Consume]. The zero value runs one worker that
// receives batches of 10 with a 20-second long poll.
type ConsumerConfig struct {
	// Workers is how many batches are handled at once; zero means 1.
	Workers int
	// BatchSize is 1–10 messages per batch; zero means 10.
	BatchSize int
	// WaitTime is each receive's long-poll wait; zero means 20 s.
	WaitTime time.Duration
	// VisibilityTimeout overrides the queue's for the received messages.
	VisibilityTimeout *time.Duration
	// AttributeNames and SystemAttributeNames select the attributes
	// received messages carry, as in [ReceiveOptions].
	AttributeNames, SystemAttributeNames []string
	// NoExtension turns off extending visibility while a handler runs. By
	// default each batch's visibility timeout is renewed every time half of
	// it has passed, until the handler returns.
	NoExtension bool
}

// Consume receives messages from q and hands them to h in batches, with
// cfg.Workers batches in flight at once, until ctx ends. It deletes what h
// reports as done and leaves failures to reappear after their visibility
// timeout. When ctx ends Consume stops receiving, waits for running handlers
// (which see ctx ended) and returns nil, leaving no goroutine or timer
// behind. A worker that meets the in-flight limit ([ErrOverLimit]) waits a
// second on the queue's clock and tries again; any other receive error stops
// every worker and is returned.
func Consume[T any](ctx context.Context, q *Queue[T], cfg ConsumerConfig, h Handler[T]) error {
	if cfg.Workers == 0 {
		cfg.Workers = 1
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 10
	}
	if cfg.WaitTime == 0 {
		cfg.WaitTime = MaxReceiveWaitTime
	}
	if cfg.Workers < 0 || cfg.BatchSize < 1 || cfg.BatchSize > 10 {
		return fmt.Errorf("queue: consumer needs 1 or more workers and a batch size of 1–10, not %d and %d", cfg.Workers, cfg.BatchSize)
	}
	opts := ReceiveOptions{
		MaxMessages:          cfg.BatchSize,
		WaitTime:             &cfg.WaitTime,
		VisibilityTimeout:    cfg.VisibilityTimeout,
		AttributeNames:       cfg.AttributeNames,
		SystemAttributeNames: cfg.SystemAttributeNames,
	}
	if _, err := newReceiveRequest(opts); err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	for range cfg.Workers {
		g.Go(func() error {
			for {
				msgs, err := q.Receive(gctx, opts)
				switch {
				case gctx.Err() != nil:
					q.release(msgs) // received as the consumer stopped
					return nil
				case errors.Is(err, ErrOverLimit):
					q.backOff(gctx) // as SQS consumers do, until messages are deleted
					continue
				case err != nil:
					return err
				}
				if len(msgs) > 0 {
					q.handle(gctx, h, msgs, cfg)
				}
			}
		})
	}
	err := g.Wait()
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return nil
	}
	return err
}

// overLimitBackOff is how long a consumer waits after [ErrOverLimit].
const overLimitBackOff = time.Second

// backOff waits overLimitBackOff on the queue's clock, or until ctx ends.
func (q *Queue[T]) backOff(ctx context.Context) {
	done := make(chan struct{})
	t := q.opts.clock.AfterFunc(overLimitBackOff, func() { close(done) })
	defer t.Stop()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// handle runs h on one batch, keeping it invisible meanwhile, and deletes
// what succeeded.
func (q *Queue[T]) handle(ctx context.Context, h Handler[T], msgs []Message[T], cfg ConsumerConfig) {
	visibility := q.visibilityTimeout()
	if cfg.VisibilityTimeout != nil {
		visibility = *cfg.VisibilityTimeout
	}
	stop := func() {}
	if !cfg.NoExtension && visibility/2 > 0 {
		stop = q.keepInvisible(msgs, visibility)
	}
	err := h.HandleBatch(ctx, msgs)
	stop()
	failed := map[MessageID]bool{}
	var items *BatchItemFailures
	switch {
	case err == nil:
	case errors.As(err, &items):
		if items == nil {
			break // a nil *BatchItemFailures lists no failure
		}
		for _, id := range items.MessageIDs {
			failed[id] = true
		}
	default:
		return
	}
	entries := make([]BatchEntry, 0, len(msgs))
	for i, m := range msgs {
		if !failed[m.ID] {
			entries = append(entries, BatchEntry{ID: strconv.Itoa(i), ReceiptHandle: m.ReceiptHandle})
		}
	}
	if len(entries) > 0 {
		_, _ = q.DeleteBatch(entries) // a message whose handle went stale is simply received again
	}
}

// release makes msgs visible again at once, for another consumer.
func (q *Queue[T]) release(msgs []Message[T]) {
	if len(msgs) == 0 {
		return
	}
	entries := make([]BatchEntry, len(msgs))
	for i, m := range msgs {
		entries[i] = BatchEntry{ID: strconv.Itoa(i), ReceiptHandle: m.ReceiptHandle}
	}
	_, _ = q.ChangeVisibilityBatch(entries) // a handle gone stale needs no release
}

// keepInvisible renews the visibility timeout of msgs every half timeout
// on the queue's clock until the returned stop is called.
func (q *Queue[T]) keepInvisible(msgs []Message[T], visibility time.Duration) (stop func()) {
	entries := make([]BatchEntry, len(msgs))
	for i, m := range msgs {
		entries[i] = BatchEntry{ID: strconv.Itoa(i), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: visibility}
	}
	var mu sync.Mutex
	stopped := false
	var timer clock.Timer
	var extend func()
	extend = func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		_, _ = q.ChangeVisibilityBatch(entries) // past the 12-hour cap the messages simply become visible
		timer = q.opts.clock.AfterFunc(visibility/2, extend)
	}
	// The first timer may fire before AfterFunc returns to us, and extend
	// then files its successor: hold mu so that ours is filed first.
	mu.Lock()
	timer = q.opts.clock.AfterFunc(visibility/2, extend)
	mu.Unlock()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		timer.Stop()
	}
}
