package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kakehashi/internal/mail"
)

type outboxRow struct {
	ID            int64
	ToAddr        string
	Subject       string
	Body          string
	Lang          string
	Kind          string
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	SentAt        *time.Time
	FailedAt      *time.Time
	CreatedAt     time.Time
}

func (outboxRow) TableName() string { return "outbox" }

func (r *outboxRow) toMessage() mail.Message {
	m := mail.Message{
		ID: r.ID, To: r.ToAddr, Subject: r.Subject, Body: r.Body, Lang: r.Lang, Kind: r.Kind,
		Attempts: r.Attempts, NextAttemptAt: r.NextAttemptAt.UTC(), LastError: r.LastError,
		SentAt: r.SentAt, FailedAt: r.FailedAt, CreatedAt: r.CreatedAt.UTC(),
	}
	return m
}

// EnqueueMail adds a message to the outbox. Call it inside the transaction of
// the change that causes the mail, so that the two commit together.
func (s *Store) EnqueueMail(ctx context.Context, m *mail.Message) error {
	now := s.now()
	row := outboxRow{ToAddr: m.To, Subject: m.Subject, Body: m.Body, Lang: m.Lang, Kind: m.Kind,
		NextAttemptAt: now, CreatedAt: now}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return err
	}
	m.ID, m.CreatedAt, m.NextAttemptAt = row.ID, now, now
	return nil
}

// ClaimDue implements mail.Store: it takes due messages and leases them, so
// that concurrent senders (other instances) skip them until the lease ends.
func (s *Store) ClaimDue(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]mail.Message, error) {
	var out []mail.Message
	err := s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Where("sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?", now.UTC()).
			Order("next_attempt_at, id").Limit(limit)
		if s.dialect == "postgres" {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		var rows []outboxRow
		if err := q.Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		ids := make([]int64, len(rows))
		for i := range rows {
			ids[i] = rows[i].ID
			out = append(out, rows[i].toMessage())
		}
		return tx.Model(&outboxRow{}).Where("id IN ?", ids).Update("next_attempt_at", now.Add(lease).UTC()).Error
	})
	return out, err
}

// MarkSent implements mail.Store.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.conn(ctx).Model(&outboxRow{}).Where("id = ?", id).Updates(map[string]any{"sent_at": at.UTC(), "last_error": ""}).Error
}

// MarkFailed implements mail.Store.
func (s *Store) MarkFailed(ctx context.Context, id int64, attempts int, lastErr string, next time.Time, giveUp bool) error {
	fields := map[string]any{"attempts": attempts, "last_error": lastErr, "next_attempt_at": next.UTC()}
	if giveUp {
		fields["failed_at"] = s.now()
	}
	return s.conn(ctx).Model(&outboxRow{}).Where("id = ?", id).Updates(fields).Error
}

// OutboxPage returns the newest messages first, for the admin outbox page.
func (s *Store) OutboxPage(ctx context.Context, offset, limit int) ([]mail.Message, int64, error) {
	var total int64
	if err := s.conn(ctx).Model(&outboxRow{}).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []outboxRow
	if err := s.conn(ctx).Order("id DESC").Offset(offset).Limit(limit).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]mail.Message, len(rows))
	for i := range rows {
		out[i] = rows[i].toMessage()
	}
	return out, total, nil
}

// OutboxMessage returns one message.
func (s *Store) OutboxMessage(ctx context.Context, id int64) (mail.Message, error) {
	var r outboxRow
	if err := s.conn(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return mail.Message{}, translate(err)
	}
	return r.toMessage(), nil
}

var _ mail.Store = (*Store)(nil)
