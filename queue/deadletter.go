package queue

import "sync"

// moved is a message on its way between queues: to a dead-letter queue, or
// back out of one by a move task. It keeps its id, body and attributes.
type moved[T any] struct {
	id             MessageID
	body           T
	extra          extra
	groupID        string
	dedupID        string
	sentAt         int64
	enqueuedAt     int64
	receiveCount   uint32
	firstReceiveAt int64
}

// outbox holds the messages taken out of a queue for another — dead
// letters for the dead-letter queue, redriven messages for their sources —
// in the order they were taken, until they are handed over. It lets
// messages move without a queue's lock being held while another's is taken,
// while the receiving queue still gets each group's messages in order.
type outbox[T any] struct {
	batches []shipment[T]
	flush   sync.Mutex // held while handing batches over, so they arrive in order
}

// shipment is a run of messages taken out for one queue.
type shipment[T any] struct {
	to      *Queue[T]
	redrive bool // back out of a dead-letter queue, rather than into one
	items   []moved[T]
}

// add queues m for to; the caller holds the source queue's lock.
func (o *outbox[T]) add(to *Queue[T], redrive bool, m moved[T]) {
	if n := len(o.batches); n > 0 && o.batches[n-1].to == to && o.batches[n-1].redrive == redrive {
		o.batches[n-1].items = append(o.batches[n-1].items, m)
		return
	}
	o.batches = append(o.batches, shipment[T]{to: to, redrive: redrive, items: []moved[T]{m}})
}

// takeOutLocked removes r from the queue and returns it as a moved message.
func (q *Queue[T]) takeOutLocked(r *record[T]) moved[T] {
	m := moved[T]{
		id:             r.id,
		body:           r.body,
		groupID:        r.groupID(),
		dedupID:        r.dedupID,
		sentAt:         r.enqueuedAt,
		enqueuedAt:     r.enqueuedAt,
		receiveCount:   r.receiveCount,
		firstReceiveAt: r.firstReceiveAt,
	}
	if r.extra != nil {
		m.extra = *r.extra
		if m.extra.sentAt != 0 {
			m.sentAt = m.extra.sentAt
		}
	}
	q.deleteLocked(r)
	return m
}

// flushOutbox hands the outbox's messages to their queues, in order. It is
// called without the queue's lock. When it returns, every message taken out
// before the call has arrived.
func (q *Queue[T]) flushOutbox() {
	q.outbox.flush.Lock()
	defer q.outbox.flush.Unlock()
	q.mu.Lock()
	batches := q.outbox.batches
	q.outbox.batches = nil
	q.mu.Unlock()
	for _, s := range batches {
		s.to.adopt(s.items, func(m *moved[T], now int64) {
			switch {
			case s.redrive:
				// A redriven message starts again in its queue, keeping
				// its id, body, attributes and SentTimestamp.
				m.extra.deadLetterSrc = ""
				m.receiveCount, m.firstReceiveAt = 0, 0
				m.enqueuedAt = now
			default:
				m.extra.deadLetterSrc = q.arn
				if s.to.fifo {
					// A FIFO dead-letter queue restarts the retention
					// clock; a standard one keeps the original.
					m.enqueuedAt = now
				}
			}
		})
	}
}

// adopt stores moved messages, after prepare has adjusted each, as
// available messages, in one lane.
func (q *Queue[T]) adopt(items []moved[T], prepare func(*moved[T], int64)) {
	if q.closed.Load() {
		return // a deleted queue takes nothing in
	}
	q.lane().adoptHere(items, prepare)
}

func (q *Queue[T]) adoptHere(items []moved[T], prepare func(*moved[T], int64)) {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.now()
	for i := range items {
		m := &items[i]
		prepare(m, now)
		r := q.records.alloc()
		q.nextSeq++
		r.seq = q.nextSeq
		r.id, r.body, r.dedupID = m.id, m.body, m.dedupID
		r.enqueuedAt = m.enqueuedAt
		r.receiveCount, r.firstReceiveAt = m.receiveCount, m.firstReceiveAt
		x := m.extra
		x.sentAt = 0
		if m.sentAt != m.enqueuedAt {
			x.sentAt = m.sentAt
		}
		x.groupID = ""
		if q.fifo {
			r.group = q.groups.get(m.groupID)
		} else {
			x.groupID = m.groupID
		}
		r.extra = &x
		q.placeLocked(r, now, 0)
	}
	q.expireLocked(now)
	q.armLocked()
}

// addSource records that src uses q as its dead-letter queue.
func (q *Queue[T]) addSource(src *Queue[T]) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.sources == nil {
		q.sources = make(map[string]*Queue[T])
	}
	q.sources[src.arn] = src
}

func (q *Queue[T]) removeSource(src *Queue[T]) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.sources, src.arn)
}

// DeadLetterSourceQueues returns the queues whose redrive policy names q,
// in no particular order (ListDeadLetterSourceQueues).
func (q *Queue[T]) DeadLetterSourceQueues() []*Queue[T] {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]*Queue[T], 0, len(q.sources))
	for _, s := range q.sources {
		out = append(out, s)
	}
	return out
}

func (q *Queue[T]) allowsSource(arn string) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.cfg.RedriveAllowPolicy.allows(arn)
}
