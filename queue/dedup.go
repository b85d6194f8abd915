package queue

// dedupWindow remembers FIFO deduplication ids for 5 minutes. Ids are kept
// in two generations, each made over one window: the current one, where
// ids are added, and the previous one. When the current generation is a
// window old the previous one, whose ids have all expired, is dropped whole
// and the current one becomes the previous. An id costs one insert and at
// most two lookups, and forgetting it costs nothing.
type dedupWindow struct {
	cur, prev map[string]dedupEntry
	curStart  int64 // when cur began
	latest    int64 // the latest time seen
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

// lookup finds the live entry for k.
func (w *dedupWindow) lookup(k string, now int64) (dedupEntry, bool) {
	w.rotate(now)
	e, ok := w.cur[k]
	if !ok {
		e, ok = w.prev[k]
	}
	return e, ok && e.expiresAt > now
}

// add remembers k, which lookup has just not found.
func (w *dedupWindow) add(k string, e dedupEntry) {
	if w.cur == nil {
		w.cur = make(map[string]dedupEntry)
	}
	w.cur[k] = e
}

// rotate starts a new generation once the current one is a window old.
// Generations go by the latest time seen, so that every id dropped was made
// a window before then: only a clock set back sees one dropped before its
// expiry.
func (w *dedupWindow) rotate(now int64) {
	w.latest = max(w.latest, now)
	if w.latest-w.curStart < int64(DeduplicationWindow) {
		return
	}
	dropped := w.prev
	if w.latest-w.curStart >= 2*int64(DeduplicationWindow) {
		dropped, w.prev = w.cur, nil // every id in cur has expired too
	} else {
		w.prev = w.cur
	}
	// The dropped generation's map is cleared for reuse, which makes no
	// garbage, unless it is much bigger than a generation now needs.
	if dropped != nil && len(dropped) <= 2*len(w.prev) {
		clear(dropped)
		w.cur = dropped
	} else {
		w.cur = make(map[string]dedupEntry, len(w.prev))
	}
	w.curStart = w.latest
}
