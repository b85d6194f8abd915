package queue

// dedupWindow remembers FIFO deduplication ids for 5 minutes. Entries
// expire in the order they were made, so a slice used as a queue finds the
// expired ones without a timer.
type dedupWindow struct {
	byKey map[dedupKey]dedupEntry
	order []dedupOrder // insertion order; order[start:] may be live
	start int
}

type dedupKey struct{ group, id string }

type dedupEntry struct {
	messageID MessageID
	sequence  string
	expiresAt int64
}

type dedupOrder struct {
	key       dedupKey
	expiresAt int64
}

func (w *dedupWindow) lookup(k dedupKey, now int64) (dedupEntry, bool) {
	w.expire(now)
	e, ok := w.byKey[k]
	return e, ok && e.expiresAt > now
}

func (w *dedupWindow) add(k dedupKey, e dedupEntry) {
	if w.byKey == nil {
		w.byKey = make(map[dedupKey]dedupEntry)
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

func (w *dedupWindow) reset() { *w = dedupWindow{} }
