package topic

// dedupWindow remembers a FIFO topic's deduplication ids for
// [DeduplicationWindow]. Ids are kept in two generations, each made over
// one window: when the current one is a window old the previous one, whose
// ids have all expired, is dropped whole. An id costs one insert and at
// most two lookups; forgetting it costs nothing. (The queue package keeps
// its window the same way; neither exports it.)
type dedupWindow struct {
	cur, prev map[string]dedupEntry
	curStart  int64 // when cur began, in clock nanoseconds
	latest    int64 // the latest time seen
}

// dedupEntry is what a duplicate answers with: the original's result.
type dedupEntry struct {
	result    PublishResult
	expiresAt int64
}

// dedupKey is the key an id is remembered under: the id, or with the
// MessageGroup scope the group, a NUL (which neither may hold) and the id.
func dedupKey(scope ThroughputScope, group, id string) string {
	if scope == ThroughputPerMessageGroup {
		return group + "\x00" + id
	}
	return id
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
func (w *dedupWindow) rotate(now int64) {
	w.latest = max(w.latest, now)
	if w.latest-w.curStart < int64(DeduplicationWindow) {
		return
	}
	if w.latest-w.curStart >= 2*int64(DeduplicationWindow) {
		w.prev = nil // every id in cur has expired too
	} else {
		w.prev = w.cur
	}
	w.cur = nil
	w.curStart = w.latest
}
