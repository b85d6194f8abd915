package firehose

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// MemoryStore is an [ObjectStore] that keeps objects in memory, for tests
// that want to look at what a delivery stream delivered.
//
// The zero value is an empty store, ready to use. A MemoryStore is safe for
// concurrent use and must not be copied after first use.
type MemoryStore struct {
	mu      sync.RWMutex
	objects map[string][]byte
}

var _ ObjectStore = (*MemoryStore)(nil)

// PutObject stores body under key, replacing what was there. It keeps body
// itself, without copying it. It refuses an empty key, as S3 does, and
// stores nothing when ctx is already done.
func (s *MemoryStore) PutObject(ctx context.Context, key string, body []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if key == "" {
		return errors.New("object key is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.objects == nil {
		s.objects = make(map[string][]byte)
	}
	s.objects[key] = body
	return nil
}

// Get returns the object stored under key and whether there is one. The
// slice is the store's own: callers must not change it.
func (s *MemoryStore) Get(key string) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	body, ok := s.objects[key]
	return body, ok
}

// Keys returns the keys of the stored objects, sorted.
func (s *MemoryStore) Keys() []string {
	s.mu.RLock()
	keys := make([]string, 0, len(s.objects))
	for k := range s.objects {
		keys = append(keys, k)
	}
	s.mu.RUnlock()
	slices.Sort(keys)
	return keys
}

// Len returns the number of stored objects.
func (s *MemoryStore) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.objects)
}
