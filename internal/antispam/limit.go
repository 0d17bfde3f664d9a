package antispam

import (
	"sync"
	"time"
)

// Limiter allows at most Max events per key (a client address) within a
// sliding Window. It keeps the times of recent events in memory, so a
// restart forgets them and each instance counts its own clients; that is
// enough to stop a flood from one address.
type Limiter struct {
	max    int
	window time.Duration

	mu     sync.Mutex
	hits   map[string][]time.Time
	swept  time.Time
	maxKey int
}

// NewLimiter allows max events per key within window.
func NewLimiter(max int, window time.Duration) *Limiter {
	return &Limiter{max: max, window: window, hits: map[string][]time.Time{}, maxKey: 100_000}
}

// Allow records an event for key at now and reports whether it is within
// the limit. When it is not, retry says how long until the next event will
// be allowed. Refused events are not recorded, so a client that waits gets
// through again.
func (l *Limiter) Allow(key string, now time.Time) (ok bool, retry time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)
	recent := l.recent(key, now)
	if len(recent) >= l.max {
		l.hits[key] = recent
		return false, recent[0].Add(l.window).Sub(now)
	}
	l.hits[key] = append(recent, now)
	return true, 0
}

// recent returns key's events still inside the window, oldest first.
func (l *Limiter) recent(key string, now time.Time) []time.Time {
	list := l.hits[key]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= l.window {
		i++
	}
	return list[i:]
}

// sweep drops keys without recent events, at most once per window or when
// too many keys are held, so memory stays bounded by the active clients.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.swept) < l.window && len(l.hits) < l.maxKey {
		return
	}
	l.swept = now
	for k := range l.hits {
		if r := l.recent(k, now); len(r) == 0 {
			delete(l.hits, k)
		} else {
			l.hits[k] = r
		}
	}
}
