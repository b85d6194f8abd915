package queue

// timeline is a min-heap of the messages that are waiting to become
// visible, delayed or in flight, ordered by visibleAt (then by seq). Each
// entry carries its keys, so ordering the heap reads no record; the records
// only learn their position (heapIndex), so that any of them can be removed
// or rescheduled in O(log n).
type timeline[T any] struct {
	a       *arena[T]
	entries []timelineEntry
}

type timelineEntry struct {
	visibleAt int64
	seq       uint64
	slot      uint32
}

func (h *timeline[T]) less(i, j int) bool {
	x, y := &h.entries[i], &h.entries[j]
	if x.visibleAt != y.visibleAt {
		return x.visibleAt < y.visibleAt
	}
	return x.seq < y.seq
}

func (h *timeline[T]) swap(i, j int) {
	h.entries[i], h.entries[j] = h.entries[j], h.entries[i]
	h.a.at(h.entries[i].slot).heapIndex = int32(i)
	h.a.at(h.entries[j].slot).heapIndex = int32(j)
}

// next returns the record that becomes visible first, or nil.
func (h *timeline[T]) next() *record[T] {
	if len(h.entries) == 0 {
		return nil
	}
	return h.a.at(h.entries[0].slot)
}

// push adds r, scheduled at r.visibleAt.
func (h *timeline[T]) push(r *record[T]) {
	r.heapIndex = int32(len(h.entries))
	h.entries = append(h.entries, timelineEntry{visibleAt: r.visibleAt, seq: r.seq, slot: r.slot})
	h.up(len(h.entries) - 1)
}

func (h *timeline[T]) remove(r *record[T]) {
	i := int(r.heapIndex)
	n := len(h.entries) - 1
	if i != n {
		h.swap(i, n)
	}
	h.entries = h.entries[:n]
	r.heapIndex = -1
	if i != n {
		h.fix(i)
	}
}

// reschedule moves r, which is in the heap, to its new r.visibleAt.
func (h *timeline[T]) reschedule(r *record[T]) {
	i := int(r.heapIndex)
	h.entries[i].visibleAt = r.visibleAt
	h.fix(i)
}

func (h *timeline[T]) fix(i int) {
	if !h.down(i) {
		h.up(i)
	}
}

func (h *timeline[T]) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		j = i
	}
}

func (h *timeline[T]) down(i0 int) bool {
	i, n := i0, len(h.entries)
	for {
		j := 2*i + 1
		if j >= n {
			break
		}
		if j2 := j + 1; j2 < n && h.less(j2, j) {
			j = j2
		}
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}
