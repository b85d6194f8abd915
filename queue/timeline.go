package queue

// timeline is a min-heap of the messages that are waiting to become
// visible, delayed or in flight, ordered by visibleAt (then by seq). It
// holds slots and keeps each record's heapIndex current, so that any record
// can be removed or rescheduled in O(log n).
type timeline[T any] struct {
	a     *arena[T]
	slots []uint32
}

func (h *timeline[T]) len() int { return len(h.slots) }

func (h *timeline[T]) less(i, j int) bool {
	x, y := h.a.at(h.slots[i]), h.a.at(h.slots[j])
	if x.visibleAt != y.visibleAt {
		return x.visibleAt < y.visibleAt
	}
	return x.seq < y.seq
}

func (h *timeline[T]) swap(i, j int) {
	h.slots[i], h.slots[j] = h.slots[j], h.slots[i]
	h.a.at(h.slots[i]).heapIndex = int32(i)
	h.a.at(h.slots[j]).heapIndex = int32(j)
}

// next returns the record that becomes visible first, or nil.
func (h *timeline[T]) next() *record[T] {
	if len(h.slots) == 0 {
		return nil
	}
	return h.a.at(h.slots[0])
}

func (h *timeline[T]) push(r *record[T]) {
	r.heapIndex = int32(len(h.slots))
	h.slots = append(h.slots, r.slot)
	h.up(len(h.slots) - 1)
}

func (h *timeline[T]) remove(r *record[T]) {
	i := int(r.heapIndex)
	n := len(h.slots) - 1
	if i != n {
		h.swap(i, n)
	}
	h.slots = h.slots[:n]
	r.heapIndex = -1
	if i != n {
		h.fix(i)
	}
}

// fix restores order after the record at position i changed its visibleAt.
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
	i, n := i0, len(h.slots)
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
