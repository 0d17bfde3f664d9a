package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"kakehashi/internal/account"
	"kakehashi/internal/store"
)

// Audit events.
const (
	AuditLoginOK        = "login_ok"
	AuditLoginFailed    = "login_failed"
	AuditLockout        = "lockout"
	AuditAccessDenied   = "access_denied"
	AuditRoleChange     = "role_change"
	AuditExport         = "export"
	AuditDeletion       = "deletion"
	AuditContactView    = "contact_view"
	AuditSettingsChange = "settings_change"
)

// Login throttling: after MaxLoginFailures failed attempts within
// LoginWindow for one account, or from one client address, further attempts
// are refused until the window has passed.
const (
	MaxLoginFailures = 10
	LoginWindow      = 15 * time.Minute
)

// ErrThrottled is returned while logins are refused; RetryAfter says how long.
type ErrThrottled struct{ RetryAfter time.Duration }

func (e ErrThrottled) Error() string { return "app: too many failed logins" }

// oneLine removes line breaks and other control characters, so that a
// value cannot forge a line in the audit log or in any text log.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	if len(s) > 500 {
		s = s[:500]
	}
	return s
}

// Audit records a security event. actor may be nil (anonymous, system).
func (a *App) Audit(ctx context.Context, actor *account.User, event, subject, ip, detail string) {
	e := store.AuditEntry{Event: event, Subject: oneLine(subject), IP: oneLine(ip), Detail: oneLine(detail)}
	if actor != nil {
		e.ActorUserID, e.ActorRole = &actor.ID, string(actor.Role)
	}
	if err := a.Store.Audit(ctx, e); err != nil {
		a.Log.Error("audit log write failed", "event", event, "err", err)
	}
}

func emailHash(email string) string {
	sum := sha256.Sum256([]byte(account.NormalizeEmail(email)))
	return hex.EncodeToString(sum[:])
}

// Login checks the throttle, then the password, and records the attempt
// and its audit event. The e-mail is stored only as a hash.
func (a *App) Login(ctx context.Context, email, password, ip string) (account.User, error) {
	now := a.Now()
	h := emailHash(email)
	byEmail, byIP, oldest, err := a.Store.FailedLogins(ctx, h, ip, now.Add(-LoginWindow))
	if err != nil {
		return account.User{}, err
	}
	if byEmail >= MaxLoginFailures || byIP >= MaxLoginFailures {
		retry := oldest.Add(LoginWindow).Sub(now)
		if retry < time.Second {
			retry = time.Second
		}
		a.Audit(ctx, nil, AuditLockout, "email:"+h[:16], ip, "")
		return account.User{}, ErrThrottled{RetryAfter: retry}
	}
	u, err := a.Authenticate(ctx, email, password)
	ok := err == nil || errors.Is(err, ErrUnconfirmed)
	if rerr := a.Store.RecordLogin(ctx, h, ip, ok, now); rerr != nil {
		return account.User{}, rerr
	}
	switch {
	case err == nil && u.Role.NeedsSecondFactor():
		a.Audit(ctx, &u, AuditLoginOK, "user:"+itoa(u.ID), ip, "password; second factor pending")
	case err == nil:
		a.Audit(ctx, &u, AuditLoginOK, "user:"+itoa(u.ID), ip, "")
	case errors.Is(err, ErrBadCredentials), errors.Is(err, ErrDisabled):
		a.Audit(ctx, nil, AuditLoginFailed, "email:"+h[:16], ip, "")
		if byEmail+1 >= MaxLoginFailures || byIP+1 >= MaxLoginFailures {
			a.Audit(ctx, nil, AuditLockout, "email:"+h[:16], ip, "")
		}
	}
	return u, err
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
