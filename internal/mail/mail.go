// Package mail is the outgoing-mail side of the portal: the outbox message
// type, the Store the background sender claims work from, and the SMTP
// Transport that delivers it.
//
// Mail is never sent inline with a request. The code that causes a mail
// (registration, password reset, …) inserts a Message into the outbox in the
// same transaction as its own change, so a rolled-back change never sends
// mail and a committed one never loses it. A Sender then delivers due
// messages in the background, retrying with backoff.
//
// Wiring: with PORTAL_SMTP_URL set, the app runs NewSender(store,
// NewSMTPTransport(cfg), log).Run in the background and calls Wake after
// committing a transaction that queued mail. Without it, no Sender runs:
// messages stay unsent in the outbox for the admin page, and the enqueuing
// code logs them as slog attributes ("mail", m), which LogValue keeps free
// of personal data.
//
// Recipient, subject and body are personal data and may carry secrets
// (confirmation and reset links). This package never logs them; Message
// implements slog.LogValuer and fmt.Stringer so that logging a whole Message
// by accident stays safe too.
package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	stdmail "net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Message is one outbox row.
type Message struct {
	ID            int64
	To            string // a bare address, e.g. "taro@example.jp"
	Subject       string
	Body          string // plain text, UTF-8
	Lang          string // BCP 47 tag of Subject and Body, e.g. "ja", "de"
	Kind          string // e.g. "confirm_email", "password_reset"; safe to log
	Attempts      int    // failed delivery attempts so far
	NextAttemptAt time.Time
	LastError     string // redacted; shown to admins
	SentAt        *time.Time
	FailedAt      *time.Time // set when the sender gave up
	CreatedAt     time.Time
}

// Store is the outbox as the sender sees it.
//
// ClaimDue is the only way to take work, so that several portal instances
// sharing one database never send the same row concurrently: it returns due,
// unsent, not-given-up messages (NextAttemptAt <= now) and in the same
// transaction pushes their NextAttemptAt to now+lease (on PostgreSQL with
// FOR UPDATE SKIP LOCKED). Oldest due first (NextAttemptAt, then ID), so a
// backlog cannot starve a message. If the claiming instance dies, the rows
// become due again when the lease runs out. That makes delivery "once" only
// up to SMTP itself: a crash after the server accepted a mail but before
// MarkSent sends it again (with the same Message-ID).
type Store interface {
	ClaimDue(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]Message, error)
	MarkSent(ctx context.Context, id int64, at time.Time) error
	// MarkFailed records a failed attempt. Without giveUp the row becomes
	// due again at next. With giveUp, next is the time of this last attempt:
	// store it as FailedAt; the row is never claimed again and shows up for
	// admins as failed.
	MarkFailed(ctx context.Context, id int64, attempts int, lastErr string, next time.Time, giveUp bool) error
}

// Transport delivers one message. Errors wrapped with Permanent mean that
// retrying the same message cannot succeed.
type Transport interface {
	Send(ctx context.Context, m Message) error
}

// Limits keep a single outbox row and its headers bounded.
const (
	MaxSubject = 250   // runes
	MaxBody    = 64000 // bytes
	MaxAddress = 254   // RFC 5321 path limit
)

// ErrInvalid is wrapped by every error Validate returns.
var ErrInvalid = errors.New("mail: invalid message")

// Validate checks that m can be rendered as a mail. Call it before inserting
// into the outbox so that a bad message fails at its cause, inside the
// request, instead of in the background sender. CR and LF are rejected in
// every header-bound field: that is what makes header injection impossible.
func (m Message) Validate() error {
	if _, err := envelopeAddress(m.To); err != nil {
		return fmt.Errorf("%w: recipient: %v", ErrInvalid, err)
	}
	if err := checkHeaderText(m.Subject); err != nil {
		return fmt.Errorf("%w: subject: %v", ErrInvalid, err)
	}
	if utf8.RuneCountInString(m.Subject) > MaxSubject {
		return fmt.Errorf("%w: subject longer than %d characters", ErrInvalid, MaxSubject)
	}
	if !utf8.ValidString(m.Body) {
		return fmt.Errorf("%w: body is not valid UTF-8", ErrInvalid)
	}
	if len(m.Body) > MaxBody {
		return fmt.Errorf("%w: body longer than %d bytes", ErrInvalid, MaxBody)
	}
	if m.Lang != "" && !isLangTag(m.Lang) {
		return fmt.Errorf("%w: language tag %q", ErrInvalid, m.Lang)
	}
	return nil
}

// envelopeAddress returns the bare address of to. Display names are refused
// because Message.To is meant to hold an address and nothing else, and
// non-ASCII addresses because delivering them needs SMTPUTF8, which we
// cannot rely on at the submission server.
func envelopeAddress(to string) (string, error) {
	if strings.ContainsAny(to, "\r\n") {
		return "", errors.New("contains a line break")
	}
	if to == "" {
		return "", errors.New("empty")
	}
	if len(to) > MaxAddress {
		return "", errors.New("too long")
	}
	for i := 0; i < len(to); i++ {
		if to[i] < 0x21 || to[i] > 0x7e {
			return "", errors.New("must be printable ASCII without spaces")
		}
	}
	a, err := stdmail.ParseAddress(to)
	if err != nil {
		return "", errors.New("not an e-mail address")
	}
	if a.Name != "" || a.Address != to {
		return "", errors.New("must be a bare address")
	}
	return a.Address, nil
}

// checkHeaderText refuses what cannot appear in an unstructured header even
// after RFC 2047 encoding: line breaks (header injection), other control
// characters, and invalid UTF-8 (we declare charset=UTF-8).
func checkHeaderText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("not valid UTF-8")
	}
	for _, r := range s {
		if r == '\r' || r == '\n' {
			return errors.New("contains a line break")
		}
		if unicode.IsControl(r) && r != '\t' {
			return errors.New("contains a control character")
		}
	}
	return nil
}

// isLangTag accepts the shape of a BCP 47 tag ("ja", "de-DE"); it goes into
// the Content-Language header, so the check is about safety, not registry.
func isLangTag(s string) bool {
	if len(s) > 35 {
		return false
	}
	for _, part := range strings.Split(s, "-") {
		if part == "" || len(part) > 8 {
			return false
		}
		for i := 0; i < len(part); i++ {
			c := part[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
				return false
			}
		}
	}
	return true
}

// LogValue makes slog print only fields that are neither personal data nor
// secrets, whatever the caller passes: log.Info("queued", "mail", m).
func (m Message) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int64("id", m.ID),
		slog.String("kind", m.Kind),
		slog.String("lang", m.Lang),
		slog.Int("attempts", m.Attempts),
	)
}

// String keeps %v and %+v (in errors, test failures, panics) as safe as
// LogValue.
func (m Message) String() string {
	return fmt.Sprintf("mail.Message{id=%d kind=%s lang=%s attempts=%d}", m.ID, m.Kind, m.Lang, m.Attempts)
}

// Permanent marks err as a failure that retrying cannot fix (the server
// rejected the recipient or the content, or the message cannot be rendered).
// The sender gives up on such a message at once instead of retrying for an
// hour.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &permanentError{err}
}

// IsPermanent reports whether err, or any error it wraps, was marked
// Permanent.
func IsPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }
