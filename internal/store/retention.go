package store

import (
	"context"
	"time"
)

// UnconfirmedBefore returns users who never confirmed their e-mail and
// signed up before t.
func (s *Store) UnconfirmedBefore(ctx context.Context, t time.Time) ([]struct {
	ID    int64
	Email string
}, error) {
	var rows []struct {
		ID    int64
		Email string
	}
	err := s.conn(ctx).Table("users").Select("id, email").Where("email_confirmed_at IS NULL AND created_at < ?", t.UTC()).Limit(1000).Scan(&rows).Error
	return rows, err
}

// FlagInactiveContacts marks the contact data of companies not updated since
// t for review, once, and returns how many were flagged.
func (s *Store) FlagInactiveContacts(ctx context.Context, t, now time.Time) (int64, error) {
	res := s.conn(ctx).Model(&companyRow{}).
		Where("deleted_at IS NULL AND contact_review_at IS NULL AND contact_email <> '' AND updated_at < ?", t.UTC()).
		UpdateColumn("contact_review_at", now.UTC()) // not updated_at: flagging is no activity
	return res.RowsAffected, res.Error
}
