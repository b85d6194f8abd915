package stream

// Waiting reports whether a reader is waiting in Follow for the shard
// named shardID to change, for tests and benchmarks that must know a
// reader is asleep before they put.
func Waiting[T any](s *Stream[T], shardID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := parseShardID(shardID)
	return ok && int(i) < len(s.shards) && s.shards[i].wake != nil
}

// StoredChunks returns how many chunks of records the shard named shardID
// holds in memory, without bringing it up to date with retention.
func StoredChunks[T any](s *Stream[T], shardID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, _ := parseShardID(shardID)
	return len(s.shards[i].log.chunks)
}
