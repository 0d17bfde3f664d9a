package mail

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// memStore is an in-memory Store with the same claim semantics the SQL
// store must have.
type memStore struct {
	mu          sync.Mutex
	msgs        map[int64]*Message
	nextID      int64
	markSentErr error
}

func newMemStore() *memStore { return &memStore{msgs: map[int64]*Message{}} }

// add queues m as due at m.NextAttemptAt (zero: immediately) and returns its id.
func (s *memStore) add(m Message) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	m.ID = s.nextID
	s.msgs[m.ID] = &m
	return m.ID
}

func (s *memStore) get(id int64) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.msgs[id]
}

func (s *memStore) ClaimDue(_ context.Context, now time.Time, limit int, lease time.Duration) ([]Message, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, 0, len(s.msgs))
	for id := range s.msgs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []Message
	for _, id := range ids {
		m := s.msgs[id]
		if m.SentAt != nil || m.FailedAt != nil || m.NextAttemptAt.After(now) || len(out) == limit {
			continue
		}
		m.NextAttemptAt = now.Add(lease)
		out = append(out, *m)
	}
	return out, nil
}

func (s *memStore) MarkSent(_ context.Context, id int64, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.markSentErr != nil {
		return s.markSentErr
	}
	m, ok := s.msgs[id]
	if !ok {
		return errors.New("no such message")
	}
	m.SentAt = &at
	return nil
}

func (s *memStore) MarkFailed(_ context.Context, id int64, attempts int, lastErr string, next time.Time, giveUp bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.msgs[id]
	if !ok {
		return errors.New("no such message")
	}
	m.Attempts, m.LastError, m.NextAttemptAt = attempts, lastErr, next
	if giveUp {
		m.FailedAt = &next
	}
	return nil
}

// fakeClock is a settable clock; it only moves when told to.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// funcTransport adapts a function to Transport.
type funcTransport func(ctx context.Context, m Message) error

func (f funcTransport) Send(ctx context.Context, m Message) error { return f(ctx, m) }
