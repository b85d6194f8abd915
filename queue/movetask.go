package queue

import (
	"fmt"
	"time"

	"github.com/switchyard/switchyard/clock"
)

// MoveTaskStatus is the state of a message-move task.
type MoveTaskStatus string

// The move task states, as SQS names them.
const (
	MoveRunning   MoveTaskStatus = "RUNNING"
	MoveCompleted MoveTaskStatus = "COMPLETED"
	MoveCancelled MoveTaskStatus = "CANCELLED"
	MoveFailed    MoveTaskStatus = "FAILED"
)

// MaxMoveRate is the highest MaxMessagesPerSecond a move task accepts.
const MaxMoveRate = 500

// MoveOptions configure a message-move task.
type MoveOptions[T any] struct {
	// Destination receives the messages; nil sends each back to the queue
	// it was dead-lettered from.
	Destination *Queue[T]
	// MaxMessagesPerSecond is 1–500; zero moves as fast as possible.
	MaxMessagesPerSecond int
}

// MoveTask describes a message-move task (ListMessageMoveTasks).
type MoveTask struct {
	Handle               string
	Status               MoveTaskStatus
	SourceARN            string
	DestinationARN       string // empty when messages go back to their sources
	MaxMessagesPerSecond int
	Moved                int // ApproximateNumberOfMessagesMoved
	ToMove               int // ApproximateNumberOfMessagesToMove
	Started              time.Time
	FailureReason        string
}

// moveTasks are a dead-letter queue's move tasks, newest last.
type moveTasks[T any] struct {
	tasks   []*moveTask[T]
	running *moveTask[T]
	next    int
}

type moveTask[T any] struct {
	info  MoveTask
	dest  *Queue[T]
	timer clock.Timer
}

// keptMoveTasks is how many finished tasks ListMessageMoveTasks shows.
const keptMoveTasks = 10

// StartMoveTask starts moving the messages available in q, a dead-letter
// queue, back to their source queues or to opts.Destination, at most
// opts.MaxMessagesPerSecond a second on the queue's clock. Moved messages
// keep their id, body and attributes and start again with a receive count
// of zero. Only one task runs per queue. It returns the task's handle.
func (q *Queue[T]) StartMoveTask(opts MoveOptions[T]) (string, error) {
	rate := opts.MaxMessagesPerSecond
	if rate < 0 || rate > MaxMoveRate {
		return "", ErrInvalidParameterValue.Errorf("Value %d for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500, if provided.", rate)
	}
	if q.closed.Load() {
		return "", errClosed()
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.sources) == 0 {
		return "", ErrInvalidParameterValue.WithMessage("Source queue must be configured as a Dead Letter Queue.")
	}
	if q.moves.running != nil {
		return "", ErrUnsupportedOperation.WithMessage("There is already a task running. Only one active task is allowed for a source queue arn at a given time.")
	}
	if d := opts.Destination; d != nil && d.fifo != q.fifo {
		return "", ErrInvalidParameterValue.WithMessage("The source queue and destination queue must be of the same queue type.")
	}
	now := q.now()
	toMove := 0
	q.eachLaneLocked(func(l *Queue[T]) {
		l.advanceLocked(now)
		toMove += l.counts.Available
	})
	q.moves.next++
	t := &moveTask[T]{dest: opts.Destination, info: MoveTask{
		Handle:               fmt.Sprintf("%s#%d", q.arn, q.moves.next),
		Status:               MoveRunning,
		SourceARN:            q.arn,
		MaxMessagesPerSecond: rate,
		ToMove:               toMove,
		Started:              time.Unix(0, now),
	}}
	if t.dest != nil {
		t.info.DestinationARN = t.dest.arn
	}
	q.moves.tasks = append(q.moves.tasks, t)
	if n := len(q.moves.tasks); n > keptMoveTasks {
		q.moves.tasks = q.moves.tasks[n-keptMoveTasks:]
	}
	q.moves.running = t
	t.timer = q.opts.clock.AfterFunc(0, func() { q.moveStep(t) })
	return t.info.Handle, nil
}

// MoveTasks returns the queue's most recent move tasks, at most 10, newest
// first.
func (q *Queue[T]) MoveTasks() []MoveTask {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]MoveTask, 0, len(q.moves.tasks))
	for i := len(q.moves.tasks) - 1; i >= 0; i-- {
		out = append(out, q.moves.tasks[i].info)
	}
	return out
}

// CancelMoveTask stops the running task with the given handle and returns
// how many messages it had moved. Messages already moved stay moved.
func (q *Queue[T]) CancelMoveTask(handle string) (int, error) {
	if q.closed.Load() {
		return 0, errClosed()
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	t := q.moves.running
	if t == nil || t.info.Handle != handle {
		for _, old := range q.moves.tasks {
			if old.info.Handle == handle {
				return 0, ErrUnsupportedOperation.WithMessage("Only active tasks can be cancelled.")
			}
		}
		return 0, ErrResourceNotFound.WithMessage("Task does not exist.")
	}
	t.timer.Stop()
	q.finishMoveLocked(t, MoveCancelled, "")
	return t.info.Moved, nil
}

func (q *Queue[T]) finishMoveLocked(t *moveTask[T], status MoveTaskStatus, reason string) {
	t.info.Status, t.info.FailureReason = status, reason
	q.moves.running = nil
}

// moveStep moves one second's worth of messages, then schedules the next
// step one second later on the queue's clock.
func (q *Queue[T]) moveStep(t *moveTask[T]) {
	q.mu.Lock()
	if q.moves.running != t {
		q.mu.Unlock()
		return
	}
	now := q.now()
	want := t.info.ToMove - t.info.Moved
	if r := t.info.MaxMessagesPerSecond; r > 0 {
		want = min(want, r)
	}
	var failure string
	left := 0
	q.eachLaneLocked(func(l *Queue[T]) {
		l.advanceLocked(now)
		for ; want > 0 && failure == ""; want-- {
			r := l.oldestAvailableLocked()
			if r == nil {
				break
			}
			dest := t.dest
			if dest == nil {
				src := ""
				if r.extra != nil {
					src = r.extra.deadLetterSrc
				}
				if dest = q.sources[src]; dest == nil {
					failure = fmt.Sprintf("Message %s has no source queue to move back to.", r.id)
					break
				}
			}
			l.outbox.add(dest, true, l.takeOutLocked(r))
			t.info.Moved++
		}
		left += l.counts.Available
	})
	done := failure != "" || t.info.Moved >= t.info.ToMove || left == 0
	switch {
	case failure != "":
		q.finishMoveLocked(t, MoveFailed, failure)
	case done:
		q.finishMoveLocked(t, MoveCompleted, "")
	default:
		t.timer = q.opts.clock.AfterFunc(time.Second, func() { q.moveStep(t) })
	}
	q.mu.Unlock()
	for _, l := range q.lanes {
		l.flushOutbox()
	}
}

// eachLaneLocked runs f on every lane under its lock; the caller holds
// q's, which is lane 0's. (Lanes are locked after q, never before.)
func (q *Queue[T]) eachLaneLocked(f func(l *Queue[T])) {
	f(q)
	for _, l := range q.others() {
		l.mu.Lock()
		f(l)
		l.mu.Unlock()
	}
}

// oldestAvailableLocked returns the available message enqueued first.
func (q *Queue[T]) oldestAvailableLocked() *record[T] {
	for r := q.records.ptr(q.live.head); r != nil; r = next(&q.live, &q.records, r) {
		if !r.inTimeline() {
			return r
		}
	}
	return nil
}
