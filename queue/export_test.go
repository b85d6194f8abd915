package queue

// Waiting returns how many receives are blocked in a long poll on q, for
// tests and benchmarks that must know a receiver is waiting.
func Waiting[T any](q *Queue[T]) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.waiters)
}

// SendOnLane sends in on the given lane of q, for tests that must spread
// messages over lanes.
func SendOnLane[T any](q *Queue[T], lane int, in SendInput[T]) (SendResult, error) {
	return q.sendOn(q.lanes[lane], in, false)
}
