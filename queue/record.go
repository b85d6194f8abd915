package queue

import "github.com/switchyard/switchyard/internal/attr"

// record is one stored message. Records live in the queue's arena and are
// linked into the queue's structures by slot number rather than by pointer:
// the links cost half the memory, and writing them needs no GC write
// barrier, which matters on the hot path.
//
// Times are Unix nanoseconds read from the queue's clock.
type record[T any] struct {
	seq  uint64 // the message's number in this queue, never reused; 0 marks a free slot
	id   MessageID
	body T

	enqueuedAt     int64 // SentTimestamp, and the start of retention
	visibleAt      int64 // while delayed or in flight: when it becomes visible
	receivedAt     int64 // when the current receive started (the 12-hour cap)
	firstReceiveAt int64
	receiveCount   uint32
	heapIndex      int32 // position in the timeline while delayed or in flight, else -1
	slot           uint32

	// visibilityChanged records a visibility change during the current
	// receive, which ends a FIFO receive request attempt's retries.
	visibilityChanged bool

	// links[byEnqueue] chains every stored message in enqueue order;
	// links[byQueue] chains the available messages of a standard queue, or
	// a FIFO group's visible and in-flight messages.
	links [2]link

	group   *group[T] // FIFO only
	dedupID string    // FIFO only
	extra   *extra    // the rarely used fields, nil for most standard messages
}

// link holds the slots of a record's neighbours in one list.
type link struct{ prev, next uint32 }

// The lists a record can be on.
const (
	byEnqueue = 0
	byQueue   = 1
)

// none is the slot number of no record.
const none = ^uint32(0)

// extra holds what most messages lack, so that records stay small.
type extra struct {
	attributes    map[string]attr.Value
	groupID       string // a standard queue's fair-queue tenant
	traceHeader   string
	deadLetterSrc string // the ARN of the queue a dead letter came from
	sentAt        int64  // when it differs from enqueuedAt (FIFO dead letters)
}

func (r *record[T]) ext() *extra {
	if r.extra == nil {
		r.extra = &extra{}
	}
	return r.extra
}

func (r *record[T]) inTimeline() bool { return r.heapIndex >= 0 }

// inFlight reports whether a receive holds the message. A message is delayed
// or in flight while it waits in the timeline; only received ones are in
// flight.
func (r *record[T]) inFlight() bool { return r.heapIndex >= 0 && r.receiveCount > 0 }

func (r *record[T]) groupID() string {
	if r.group != nil {
		return r.group.id
	}
	if r.extra != nil {
		return r.extra.groupID
	}
	return ""
}

// arenaChunk is how many records are allocated at a time.
const arenaChunk = 256

// arena hands out records by slot number. Slots are reused after delete;
// records never move.
type arena[T any] struct {
	chunks []*[arenaChunk]record[T]
	free   []uint32
	used   uint32 // slots handed out at least once
}

func (a *arena[T]) alloc() *record[T] {
	var slot uint32
	if n := len(a.free); n > 0 {
		slot = a.free[n-1]
		a.free = a.free[:n-1]
	} else {
		slot = a.used
		a.used++
		if int(slot/arenaChunk) == len(a.chunks) {
			a.chunks = append(a.chunks, new([arenaChunk]record[T]))
		}
	}
	r := a.at(slot)
	r.heapIndex, r.slot = -1, slot
	r.links = [2]link{{none, none}, {none, none}}
	return r
}

// at returns the record in slot, which must have been handed out.
func (a *arena[T]) at(slot uint32) *record[T] {
	return &a.chunks[slot/arenaChunk][uint8(slot)] // uint8: arenaChunk is 256
}

// ptr returns the record in slot, or nil for none.
func (a *arena[T]) ptr(slot uint32) *record[T] {
	if slot == none {
		return nil
	}
	return a.at(slot)
}

// get returns the record in slot if it still holds message seq.
func (a *arena[T]) get(slot uint32, seq uint64) *record[T] {
	if slot >= a.used {
		return nil
	}
	r := a.at(slot)
	if r.seq != seq || seq == 0 {
		return nil
	}
	return r
}

func (a *arena[T]) release(r *record[T]) {
	slot := r.slot
	*r = record[T]{}
	a.free = append(a.free, slot)
}

// list is a doubly linked list of records through one of their links.
type list struct {
	head, tail uint32
	len        int
	which      uint8 // byEnqueue or byQueue
}

func newList(which uint8) list { return list{head: none, tail: none, which: which} }

func pushBack[T any](l *list, a *arena[T], r *record[T]) {
	insertAfter(l, a, r, l.tail)
}

// insertAfter links r after the record in slot at, or first when at is none.
func insertAfter[T any](l *list, a *arena[T], r *record[T], at uint32) {
	lk := &r.links[l.which]
	lk.prev = at
	if at == none {
		lk.next = l.head
		l.head = r.slot
	} else {
		p := &a.at(at).links[l.which]
		lk.next = p.next
		p.next = r.slot
	}
	if lk.next == none {
		l.tail = r.slot
	} else {
		a.at(lk.next).links[l.which].prev = r.slot
	}
	l.len++
}

// insertBySeq links r after the last record with a smaller seq, walking
// from the back: records mostly arrive in order, so this is usually one
// step.
func insertBySeq[T any](l *list, a *arena[T], r *record[T]) {
	at := l.tail
	for at != none && a.at(at).seq > r.seq {
		at = a.at(at).links[l.which].prev
	}
	insertAfter(l, a, r, at)
}

// insertByEnqueue links r after the last record enqueued no later, walking
// from the back (only dead letters that keep an old timestamp go further).
func insertByEnqueue[T any](l *list, a *arena[T], r *record[T]) {
	at := l.tail
	for at != none && a.at(at).enqueuedAt > r.enqueuedAt {
		at = a.at(at).links[l.which].prev
	}
	insertAfter(l, a, r, at)
}

func remove[T any](l *list, a *arena[T], r *record[T]) {
	lk := &r.links[l.which]
	if lk.prev == none {
		l.head = lk.next
	} else {
		a.at(lk.prev).links[l.which].next = lk.next
	}
	if lk.next == none {
		l.tail = lk.prev
	} else {
		a.at(lk.next).links[l.which].prev = lk.prev
	}
	lk.prev, lk.next = none, none
	l.len--
}

// next returns the record after r in l, or nil.
func next[T any](l *list, a *arena[T], r *record[T]) *record[T] {
	return a.ptr(r.links[l.which].next)
}
