package main

import (
	"context"
	"sync"
	"time"

	"github.com/switchyard/switchyard/queue"
)

// scaler grows and shrinks a queue's worker pool with its backlog, as an
// auto-scaling group with a target of a few messages per worker would.
type scaler struct {
	q          *queue.Queue[string]
	min, max   int
	handler    queue.Handler[string]
	mu         sync.Mutex
	workers    []context.CancelFunc
	wg         sync.WaitGroup
	perWorker  int
	peakWorker int
}

func newScaler(q *queue.Queue[string], min, max int, h queue.Handler[string]) *scaler {
	return &scaler{q: q, min: min, max: max, handler: h, perWorker: 20}
}

// start runs the pool and its scaling loop until ctx ends.
func (s *scaler) start(ctx context.Context) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			backlog := s.q.Counts().Available
			s.resize(ctx, min(s.max, max(s.min, (backlog+s.perWorker-1)/s.perWorker)))
			select {
			case <-ctx.Done():
				s.resize(ctx, 0)
				return
			case <-tick.C:
			}
		}
	}()
}

// resize starts or stops workers until n run. Each worker is one Consume
// call with its own context, so stopping it lets its batch finish.
func (s *scaler) resize(ctx context.Context, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.workers) < n {
		wctx, cancel := context.WithCancel(ctx)
		s.workers = append(s.workers, cancel)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			_ = queue.Consume(wctx, s.q, queue.ConsumerConfig{
				BatchSize:            10,
				WaitTime:             20 * time.Millisecond,
				SystemAttributeNames: []string{"ApproximateReceiveCount"},
			}, s.handler)
		}()
	}
	for len(s.workers) > n {
		s.workers[len(s.workers)-1]()
		s.workers = s.workers[:len(s.workers)-1]
	}
	s.peakWorker = max(s.peakWorker, len(s.workers))
}

func (s *scaler) size() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.workers)
}

func (s *scaler) peak() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peakWorker
}

// wait returns once the pool and its loop have stopped.
func (s *scaler) wait() { s.wg.Wait() }
