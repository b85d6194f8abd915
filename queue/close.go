package queue

import "github.com/switchyard/switchyard/internal/awserr"

// ErrQueueDoesNotExist is what every operation of a closed queue returns:
// SQS's answer to a request for a queue that has been deleted.
var ErrQueueDoesNotExist = awserr.New("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", 400, "The specified queue does not exist.")

// Close deletes the queue, as DeleteQueue does: from then on every send,
// receive, delete, visibility change, purge, configuration change and move
// task fails with [ErrQueueDoesNotExist], and receives waiting in a long poll
// wake and return it. A running move task stops (as cancelled), the queue
// stops being a source of its dead-letter queue, and messages that other
// queues would move into it (dead letters, redrives) are dropped. Nothing of
// the queue is left running. Reading methods (Config, Counts, MoveTasks, …)
// still answer. Close is safe to call more than once and concurrently with
// any other method.
func (q *Queue[T]) Close() {
	q.configuring.Lock() // no SetConfig half done: its redrive source is settled
	defer q.configuring.Unlock()
	if q.closed.Swap(true) {
		return
	}
	q.mu.Lock()
	policy := q.cfg.RedrivePolicy
	if t := q.moves.running; t != nil {
		t.timer.Stop()
		q.finishMoveLocked(t, MoveCancelled, "")
	}
	q.mu.Unlock()
	// The flag is set before the waiters are woken, and a receive
	// registers before it looks: a receive either sees the flag or is
	// woken here.
	for _, l := range q.lanes {
		l.mu.Lock()
		l.waiters.wake(len(l.waiters))
		l.wake.stop()
		l.mu.Unlock()
	}
	if policy != nil {
		policy.DeadLetterQueue.removeSource(q)
	}
}

// errClosed is the error of an operation on a closed queue.
func errClosed() error { return ErrQueueDoesNotExist.Clone() }
