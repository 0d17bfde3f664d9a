package store

import (
	"context"
	"time"
)

// AuditEntry is one line of the security audit log. It never holds
// passwords or tokens; subject names what was acted on (an account id, a
// company ref), not personal data.
type AuditEntry struct {
	ID          int64
	At          time.Time
	ActorUserID *int64
	ActorRole   string
	Event       string
	Subject     string
	IP          string
	Detail      string
}

func (AuditEntry) TableName() string { return "audit_log" }

// Audit appends to the audit log.
func (s *Store) Audit(ctx context.Context, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	e.At = e.At.UTC()
	return s.conn(ctx).Create(&e).Error
}

// AuditLog returns the newest entries, optionally of one event.
func (s *Store) AuditLog(ctx context.Context, event string, offset, limit int) ([]AuditEntry, int64, error) {
	q := s.conn(ctx).Model(&AuditEntry{})
	if event != "" {
		q = q.Where("event = ?", event)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []AuditEntry
	err := q.Order("id DESC").Offset(offset).Limit(limit).Find(&out).Error
	return out, total, err
}

type loginAttempt struct {
	ID        int64
	EmailHash string
	IP        string
	OK        int `gorm:"column:ok"`
	At        time.Time
}

func (loginAttempt) TableName() string { return "login_attempts" }

// RecordLogin stores a login attempt (the e-mail only as a hash).
func (s *Store) RecordLogin(ctx context.Context, emailHash, ip string, ok bool, at time.Time) error {
	v := 0
	if ok {
		v = 1
	}
	return s.conn(ctx).Create(&loginAttempt{EmailHash: emailHash, IP: ip, OK: v, At: at.UTC()}).Error
}

// FailedLogins counts the failed attempts since `since` for an account and
// for a client address, each only since that key's last success, and
// returns the time of the oldest counted failure (for Retry-After).
func (s *Store) FailedLogins(ctx context.Context, emailHash, ip string, since time.Time) (byEmail, byIP int64, oldest time.Time, err error) {
	count := func(col, val string) (int64, time.Time, error) {
		var rows []loginAttempt
		if err := s.conn(ctx).Where(col+" = ? AND at >= ?", val, since.UTC()).Order("at DESC, id DESC").Limit(100).Find(&rows).Error; err != nil {
			return 0, time.Time{}, err
		}
		var n int64
		var first time.Time
		for _, r := range rows {
			if r.OK == 1 {
				break
			}
			n, first = n+1, r.At.UTC()
		}
		return n, first, nil
	}
	var o1, o2 time.Time
	if byEmail, o1, err = count("email_hash", emailHash); err != nil {
		return
	}
	if byIP, o2, err = count("ip", ip); err != nil {
		return
	}
	oldest = o1
	if oldest.IsZero() || (!o2.IsZero() && o2.Before(oldest)) {
		oldest = o2
	}
	return
}

// PurgeLoginAttempts deletes attempts older than before.
func (s *Store) PurgeLoginAttempts(ctx context.Context, before time.Time) error {
	return s.conn(ctx).Where("at < ?", before.UTC()).Delete(&loginAttempt{}).Error
}
