package web

import (
	"hash/maphash"
	"sync"
)

// fragmentCache keeps rendered HTML fragments (company cards, filter
// selects, suggestion lists) whose keys name their content's revision, so an
// entry never goes stale: a changed company gets a new key and the old entry
// ages out. It is bounded by total size; when a shard is full, arbitrary
// entries make room. Shards keep concurrent readers off one lock.
type fragmentCache struct {
	seed   maphash.Seed
	shards [16]fragmentShard
}

type fragmentShard struct {
	mu   sync.RWMutex
	m    map[string][]byte
	size int
	max  int
}

func newFragmentCache(maxBytes int) *fragmentCache {
	f := &fragmentCache{seed: maphash.MakeSeed()}
	for i := range f.shards {
		f.shards[i] = fragmentShard{m: map[string][]byte{}, max: maxBytes / len(f.shards)}
	}
	return f
}

func (f *fragmentCache) shard(key string) *fragmentShard {
	return &f.shards[maphash.String(f.seed, key)%uint64(len(f.shards))]
}

func (f *fragmentCache) Get(key string) ([]byte, bool) {
	s := f.shard(key)
	s.mu.RLock()
	b, ok := s.m[key]
	s.mu.RUnlock()
	return b, ok
}

func (f *fragmentCache) Put(key string, html []byte) {
	s := f.shard(key)
	cost := len(key) + len(html) + 64
	if cost > s.max/16 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.m[key]; ok {
		s.size -= len(key) + len(old) + 64
		delete(s.m, key)
	}
	for k, v := range s.m { // map order is unspecified: random eviction
		if s.size+cost <= s.max {
			break
		}
		s.size -= len(k) + len(v) + 64
		delete(s.m, k)
	}
	s.m[key] = html
	s.size += cost
}
