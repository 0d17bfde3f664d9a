package mail

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"kakehashi/internal/mail/smtptest"
)

var t0 = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)

// The personal data and secret in every test message; none of it may ever
// appear in a log line.
const (
	testTo      = "Hanako.Suzuki@example.jp"
	testSubject = "【かけはし】パスワードの再設定"
	testToken   = "tok_9f8e7d6c5b4a"
	testBody    = "鈴木様\nhttps://kakehashi.example/reset?token=" + testToken + "\n"
)

func resetMail() Message {
	return Message{To: testTo, Subject: testSubject, Body: testBody, Lang: "ja", Kind: "password_reset", CreatedAt: t0}
}

// senderSetup wires a Sender to a memStore, a real SMTP server, a fake
// clock and a JSON log buffer.
type senderSetup struct {
	store *memStore
	srv   *smtptest.Server
	clock *fakeClock
	logs  *syncBuffer
}

func newSenderSetup(t *testing.T) *senderSetup {
	return &senderSetup{store: newMemStore(), srv: smtptest.Start(t), clock: &fakeClock{t: t0}, logs: &syncBuffer{}}
}

func (s *senderSetup) sender(t *testing.T, opts ...Option) *Sender {
	cfg, err := ParseSMTPURL(s.srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts = append([]Option{WithClock(s.clock.Now), WithJitter(0)}, opts...)
	return NewSender(s.store, NewSMTPTransport(cfg), log, opts...)
}

func flush(t *testing.T, s *Sender, want int) {
	t.Helper()
	n, err := s.Flush(t.Context())
	if err != nil || n != want {
		t.Fatalf("Flush() = %d, %v; want %d, nil", n, err, want)
	}
}

func TestSenderDelivers(t *testing.T) {
	e := newSenderSetup(t)
	s := e.sender(t, WithBatchSize(2)) // 3 messages: two claims in one pass
	var ids []int64
	for range 3 {
		ids = append(ids, e.store.add(resetMail()))
	}
	flush(t, s, 3)
	flush(t, s, 0)
	for _, id := range ids {
		if m := e.store.get(id); m.SentAt == nil || !m.SentAt.Equal(t0) || m.Attempts != 0 {
			t.Errorf("message %d: SentAt=%v Attempts=%d", id, m.SentAt, m.Attempts)
		}
	}
	got := e.srv.WaitFor(t, 3, 5*time.Second)
	if body, _ := got[0].Body(); body != testBody {
		t.Errorf("body = %q", body)
	}
	assertLogsSafe(t, e.logs)
	if n := countOutcome(t, e.logs, "sent"); n != 3 {
		t.Errorf("%d sent log lines, want 3", n)
	}
}

// Temporary failures are retried on schedule: 30 s, 1 m, 2 m after the
// first, second, third failure; never earlier.
func TestSenderRetriesWithBackoff(t *testing.T) {
	e := newSenderSetup(t)
	s := e.sender(t)
	id := e.store.add(resetMail())
	e.srv.FailNext(3)

	next := t0
	for attempt, wait := range []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute} {
		flush(t, s, 0)
		next = next.Add(wait)
		m := e.store.get(id)
		if m.Attempts != attempt+1 || !m.NextAttemptAt.Equal(next) || m.FailedAt != nil {
			t.Fatalf("after failure %d: Attempts=%d NextAttemptAt=%v FailedAt=%v; want next %v",
				attempt+1, m.Attempts, m.NextAttemptAt, m.FailedAt, next)
		}
		if !strings.Contains(m.LastError, "451") {
			t.Errorf("LastError = %q, want the 451 reply", m.LastError)
		}
		e.clock.Advance(wait - time.Second)
		flush(t, s, 0) // not due yet
		e.clock.Advance(time.Second)
	}
	flush(t, s, 1)
	if m := e.store.get(id); m.SentAt == nil || m.Attempts != 3 {
		t.Errorf("SentAt=%v Attempts=%d", m.SentAt, m.Attempts)
	}
	assertLogsSafe(t, e.logs)
	if r, ok := countOutcome(t, e.logs, "retry"), countOutcome(t, e.logs, "sent"); r != 3 || ok != 1 {
		t.Errorf("log lines: %d retry, %d sent; want 3 and 1", r, ok)
	}
}

func TestSenderGivesUp(t *testing.T) {
	e := newSenderSetup(t)
	s := e.sender(t, WithMaxAttempts(3))
	id := e.store.add(resetMail())
	e.srv.FailNext(100)
	for range 3 {
		flush(t, s, 0)
		e.clock.Advance(time.Hour)
	}
	m := e.store.get(id)
	if m.FailedAt == nil || !m.FailedAt.Equal(t0.Add(2*time.Hour)) || m.Attempts != 3 || m.SentAt != nil {
		t.Fatalf("FailedAt=%v Attempts=%d SentAt=%v", m.FailedAt, m.Attempts, m.SentAt)
	}
	flush(t, s, 0)
	if m := e.store.get(id); m.Attempts != 3 {
		t.Errorf("given-up message was tried again: Attempts=%d", m.Attempts)
	}
	assertLogsSafe(t, e.logs)
	if n := countOutcome(t, e.logs, "gave_up"); n != 1 {
		t.Errorf("%d gave_up log lines, want 1", n)
	}
}

// A 550 for the recipient ends retrying at once. Real servers echo the
// address in that reply; it must be cut from LastError and the logs.
func TestSenderGivesUpOnPermanentError(t *testing.T) {
	e := newSenderSetup(t)
	s := e.sender(t)
	id := e.store.add(resetMail())
	e.srv.RejectNext(1)
	flush(t, s, 0)
	m := e.store.get(id)
	if m.FailedAt == nil || m.Attempts != 1 {
		t.Fatalf("FailedAt=%v Attempts=%d", m.FailedAt, m.Attempts)
	}
	if !strings.Contains(m.LastError, "550") || strings.Contains(strings.ToLower(m.LastError), "example.jp") {
		t.Errorf("LastError = %q, want the 550 without the address", m.LastError)
	}
	assertLogsSafe(t, e.logs)
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour}
	for i, w := range want {
		if got := backoff(i+1, DefaultBackoffBase, DefaultBackoffMax); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	if got := backoff(1000, DefaultBackoffBase, DefaultBackoffMax); got != time.Hour {
		t.Errorf("backoff(1000) = %v", got)
	}
	s := NewSender(nil, nil, nil) // default jitter
	for range 100 {
		if d := s.retryDelay(2); d < time.Minute || d > time.Minute+6*time.Second {
			t.Fatalf("retryDelay(2) = %v, want 1m..1m6s", d)
		}
	}
}

// A batch is only worked on while its lease lasts; what is left stays
// leased for the next pass instead of racing another instance.
func TestSenderStopsBeforeLeaseEnds(t *testing.T) {
	store, clock := newMemStore(), &fakeClock{t: t0}
	slow := funcTransport(func(context.Context, Message) error { clock.Advance(40 * time.Second); return nil })
	// Lease is raised to the minimum: send timeout (30 s) + 1 m = 90 s.
	s := NewSender(store, slow, nil, WithClock(clock.Now), WithBatchSize(3), WithLease(time.Second))
	for range 3 {
		store.add(resetMail())
	}
	flush(t, s, 2)
	if m := store.get(3); m.SentAt != nil || !m.NextAttemptAt.Equal(t0.Add(90*time.Second)) {
		t.Errorf("third message: SentAt=%v NextAttemptAt=%v", m.SentAt, m.NextAttemptAt)
	}
	clock.Advance(10 * time.Second)
	flush(t, s, 1)
}

// Shutting down mid-send is not the message's fault: no attempt is counted
// and the row is retried once its lease ends.
func TestSenderInterruptedSendIsNotCounted(t *testing.T) {
	store := newMemStore()
	ctx, cancel := context.WithCancel(t.Context())
	tr := funcTransport(func(ctx context.Context, _ Message) error { cancel(); <-ctx.Done(); return ctx.Err() })
	s := NewSender(store, tr, nil, WithClock(func() time.Time { return t0 }))
	id := store.add(resetMail())
	if _, err := s.Flush(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Flush() err = %v", err)
	}
	if m := store.get(id); m.Attempts != 0 || m.FailedAt != nil || m.SentAt != nil {
		t.Errorf("Attempts=%d FailedAt=%v SentAt=%v", m.Attempts, m.FailedAt, m.SentAt)
	}
}

func TestSenderReportsStoreErrors(t *testing.T) {
	e := newSenderSetup(t)
	s := e.sender(t)
	e.store.add(resetMail())
	e.store.markSentErr = errors.New("database is locked")
	n, err := s.Flush(t.Context())
	if n != 1 || err == nil || !strings.Contains(err.Error(), "database is locked") {
		t.Fatalf("Flush() = %d, %v", n, err)
	}
	if c := countOutcome(t, e.logs, "sent_unrecorded"); c != 1 {
		t.Errorf("%d sent_unrecorded log lines, want 1", c)
	}
}

// Run delivers mail queued while it runs as soon as it is woken, without
// waiting for the (here: hour-long) interval, and returns on cancel.
func TestSenderRunAndWake(t *testing.T) {
	e := newSenderSetup(t)
	s := e.sender(t, WithInterval(time.Hour), WithClock(time.Now))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()

	for i := range 3 {
		e.store.add(resetMail())
		s.Wake()
		e.srv.WaitFor(t, i+1, 5*time.Second)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run() = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	assertLogsSafe(t, e.logs)
}

// A Message logged whole, by slog or fmt, shows no personal data either.
func TestMessageLogsSafely(t *testing.T) {
	var buf syncBuffer
	m := resetMail()
	slog.New(slog.NewTextHandler(&buf, nil)).Info("queued", "mail", m)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("queued", "mail", m)
	buf.WriteString(m.String())
	assertLogsSafe(t, &buf)
	if !strings.Contains(buf.String(), "password_reset") {
		t.Errorf("kind missing from %s", buf.String())
	}
}

// assertLogsSafe fails if the logs contain any part of a test message that
// is personal data or secret.
func assertLogsSafe(t *testing.T, logs *syncBuffer) {
	t.Helper()
	out := logs.String()
	lower := strings.ToLower(out)
	for _, secret := range []string{testTo, "hanako", "suzuki", testSubject, "パスワード", "鈴木", testToken, "kakehashi.example/reset"} {
		if strings.Contains(lower, strings.ToLower(secret)) {
			t.Errorf("logs contain %q:\n%s", secret, out)
		}
	}
}

// countOutcome counts delivery-attempt log lines with the given outcome and
// checks each carries the fields operators need.
func countOutcome(t *testing.T, logs *syncBuffer, outcome string) int {
	t.Helper()
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["msg"] != "mail delivery attempt" || rec["outcome"] != outcome {
			continue
		}
		for _, k := range []string{"id", "kind", "attempt"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("log line without %s: %s", k, line)
			}
		}
		n++
	}
	return n
}

// syncBuffer is a bytes.Buffer safe for the concurrent writes of Run.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) WriteString(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.b.WriteString(s)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
