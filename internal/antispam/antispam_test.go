package antispam

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestStamp(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	s := NewStamp(nil, "first_contact", 3*time.Second, 24*time.Hour)
	tok := s.Issue(t0)
	other := NewStamp(nil, "first_contact", 3*time.Second, 24*time.Hour)
	sameKey := NewStamp(s.key, "signup", 3*time.Second, 24*time.Hour)
	ms, mac, _ := strings.Cut(tok, ".")
	for _, tt := range []struct {
		name  string
		s     *Stamp
		token string
		at    time.Time
		want  error
	}{
		{"valid after a few seconds", s, tok, t0.Add(5 * time.Second), nil},
		{"valid at the minimum", s, tok, t0.Add(3 * time.Second), nil},
		{"valid just before expiry", s, tok, t0.Add(24 * time.Hour), nil},
		{"too fast", s, tok, t0.Add(2 * time.Second), ErrTooFast},
		{"from the future", s, tok, t0.Add(-time.Minute), ErrTooFast},
		{"too old", s, tok, t0.Add(24*time.Hour + time.Second), ErrTooOld},
		{"missing", s, "", t0.Add(5 * time.Second), ErrInvalid},
		{"no mac", s, ms, t0.Add(5 * time.Second), ErrInvalid},
		{"time changed", s, "2" + ms[1:] + "." + mac, t0.Add(5 * time.Second), ErrInvalid},
		{"mac changed", s, ms + "." + strings.ToUpper(mac), t0.Add(5 * time.Second), ErrInvalid},
		{"earlier time, same mac", s, ms[:len(ms)-5] + "12345." + mac, t0.Add(5 * time.Second), ErrInvalid},
		{"not a number", s, "abc." + s.mac("abc"), t0, ErrInvalid},
		{"other process's key", other, tok, t0.Add(5 * time.Second), ErrInvalid},
		{"other form", sameKey, tok, t0.Add(5 * time.Second), ErrInvalid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.s.Check(tt.token, tt.at); !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("Check = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestStampZeroMinimum(t *testing.T) {
	t0 := time.Now()
	s := NewStamp([]byte("k"), "f", 0, time.Hour)
	if err := s.Check(s.Issue(t0), t0); err != nil {
		t.Errorf("minimum 0: %v", err)
	}
}

func TestLimiter(t *testing.T) {
	t0 := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	l := NewLimiter(3, time.Hour)
	for i := range 3 {
		if ok, _ := l.Allow("a", t0.Add(time.Duration(i)*time.Minute)); !ok {
			t.Fatalf("event %d refused", i+1)
		}
	}
	ok, retry := l.Allow("a", t0.Add(10*time.Minute))
	if ok || retry != 50*time.Minute {
		t.Errorf("fourth event: ok=%v retry=%v", ok, retry)
	}
	if ok, _ := l.Allow("b", t0.Add(10*time.Minute)); !ok {
		t.Error("another client is limited too")
	}
	// The window slides: an hour after the first event, one more is allowed.
	if ok, _ := l.Allow("a", t0.Add(time.Hour)); !ok {
		t.Error("not allowed after the window")
	}
	if ok, _ := l.Allow("a", t0.Add(time.Hour+time.Second)); ok {
		t.Error("refused events were counted as allowed")
	}
	// Keys without recent events are dropped.
	l.Allow("c", t0.Add(3*time.Hour))
	if _, held := l.hits["b"]; held || len(l.hits) != 1 {
		t.Errorf("stale keys kept: %d", len(l.hits))
	}
}
