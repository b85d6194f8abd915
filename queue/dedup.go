package queue

// dedupWindow remembers FIFO deduplication ids for 5 minutes. Entries
// expire in the order they were made, so a slice used as a queue finds the
// expired ones without a timer.
type dedupWindow struct {
	byKey map[string]dedupEntry
	order []dedupOrder // insertion order; order[start:] may be live
	start int
}

// dedupKey is the key a deduplication id is remembered under: the id
// itself, or with the "messageGroup" scope the group id, a NUL (which
// neither id may hold) and the id.
func dedupKey(scope DeduplicationScope, group, id string) string {
	if scope == DedupPerMessageGroup {
		return group + "\x00" + id
	}
	return id
}

type dedupEntry struct {
	messageID MessageID
	seq       uint64
	expiresAt int64
}

type dedupOrder struct {
	key       string
	expiresAt int64
}

func (w *dedupWindow) lookup(k string, now int64) (dedupEntry, bool) {
	w.expire(now)
	e, ok := w.byKey[k]
	return e, ok && e.expiresAt > now
}

func (w *dedupWindow) add(k string, e dedupEntry) {
	if w.byKey == nil {
		w.byKey = make(map[string]dedupEntry)
	}
	w.byKey[k] = e
	w.order = append(w.order, dedupOrder{k, e.expiresAt})
}

func (w *dedupWindow) expire(now int64) {
	for w.start < len(w.order) && w.order[w.start].expiresAt <= now {
		o := w.order[w.start]
		if e, ok := w.byKey[o.key]; ok && e.expiresAt == o.expiresAt {
			delete(w.byKey, o.key)
		}
		w.order[w.start] = dedupOrder{}
		w.start++
	}
	if w.start > 64 && w.start*2 > len(w.order) {
		w.order = append(w.order[:0], w.order[w.start:]...)
		w.start = 0
	}
}
