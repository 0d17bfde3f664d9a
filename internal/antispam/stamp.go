// Package antispam holds the portal's own defences for public forms, without
// third-party services: a signed time stamp that a form carries (a "time
// trap": people take a few seconds to fill a form, bots do not, and a stamp
// cannot be forged or reused after it expired) and a per-client rate limit.
// It is pure Go; callers pass the current time, so tests need no sleeping.
package antispam

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Errors of Stamp.Check. ErrInvalid covers missing, malformed and tampered
// tokens alike: a client learns nothing about why its token was refused.
var (
	ErrInvalid = errors.New("antispam: invalid form token")
	ErrTooFast = errors.New("antispam: form sent too fast")
	ErrTooOld  = errors.New("antispam: form token expired")
)

// Stamp issues and checks signed form time stamps.
type Stamp struct {
	key      []byte
	purpose  string
	min, max time.Duration
}

// NewStamp returns a stamp for one form (purpose), accepting submissions at
// least min and at most max after the form was issued. A nil key gets a
// random one: tokens then stay valid only within this process, which is fine
// for a form that is filled in within minutes; instances behind a load
// balancer need a shared key.
func NewStamp(key []byte, purpose string, min, max time.Duration) *Stamp {
	if len(key) == 0 {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			panic("antispam: no randomness: " + err.Error())
		}
	}
	return &Stamp{key: key, purpose: purpose, min: min, max: max}
}

// Issue returns the token for a form shown at now: the Unix time in
// milliseconds and its HMAC, "1767225600000.<mac>".
func (s *Stamp) Issue(now time.Time) string {
	ms := strconv.FormatInt(now.UnixMilli(), 10)
	return ms + "." + s.mac(ms)
}

// Check verifies a token sent back at now.
func (s *Stamp) Check(token string, now time.Time) error {
	ms, mac, ok := strings.Cut(token, ".")
	if !ok || len(ms) == 0 || len(ms) > 20 || !hmac.Equal([]byte(mac), []byte(s.mac(ms))) {
		return ErrInvalid
	}
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return ErrInvalid
	}
	age := now.Sub(time.UnixMilli(n))
	switch {
	case age < s.min:
		return ErrTooFast
	case age > s.max:
		return ErrTooOld
	}
	return nil
}

func (s *Stamp) mac(ms string) string {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte(s.purpose))
	h.Write([]byte{0})
	h.Write([]byte(ms))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}
