package web

import (
	"sync"
	"sync/atomic"
)

// fragmentCache keeps rendered HTML fragments (company cards, the sector
// filter) whose keys name their content's revision, so an entry never goes
// stale: a changed company gets a new key and the old entry ages out. It is
// bounded by total size; when full, arbitrary entries make room.
type fragmentCache struct {
	mu    sync.RWMutex
	m     map[string][]byte
	size  int
	max   int
	hits  atomic.Int64
	calls atomic.Int64
}

func newFragmentCache(maxBytes int) *fragmentCache {
	return &fragmentCache{m: map[string][]byte{}, max: maxBytes}
}

func (f *fragmentCache) Get(key string) ([]byte, bool) {
	f.calls.Add(1)
	f.mu.RLock()
	b, ok := f.m[key]
	f.mu.RUnlock()
	if ok {
		f.hits.Add(1)
	}
	return b, ok
}

func (f *fragmentCache) Put(key string, html []byte) {
	cost := len(key) + len(html) + 64
	if cost > f.max/16 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if old, ok := f.m[key]; ok {
		f.size -= len(key) + len(old) + 64
	}
	for k, v := range f.m { // map order is unspecified: random eviction
		if f.size+cost <= f.max {
			break
		}
		f.size -= len(k) + len(v) + 64
		delete(f.m, k)
	}
	f.m[key] = html
	f.size += cost
}
