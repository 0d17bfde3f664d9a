package store

import (
	"context"
	"time"
)

type tokenRow struct {
	ID        int64
	UserID    int64
	Purpose   string
	TokenHash string
	ExpiresAt time.Time
	UsedAt    *time.Time
	CreatedAt time.Time
}

func (tokenRow) TableName() string { return "tokens" }

// CreateToken stores the hash of a single-use link token.
func (s *Store) CreateToken(ctx context.Context, userID int64, purpose, hash string, expires time.Time) error {
	row := tokenRow{UserID: userID, Purpose: purpose, TokenHash: hash, ExpiresAt: expires.UTC(), CreatedAt: s.now()}
	return translate(s.conn(ctx).Create(&row).Error)
}

// UseToken marks a valid, unused, unexpired token as used and returns its
// user. The update is conditional, so a token cannot be used twice even by
// two concurrent requests.
func (s *Store) UseToken(ctx context.Context, purpose, hash string, now time.Time) (int64, error) {
	var r tokenRow
	if err := s.conn(ctx).Where("token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?", hash, purpose, now.UTC()).Take(&r).Error; err != nil {
		return 0, translate(err)
	}
	res := s.conn(ctx).Model(&tokenRow{}).Where("id = ? AND used_at IS NULL", r.ID).Update("used_at", now.UTC())
	if res.Error != nil {
		return 0, res.Error
	}
	if res.RowsAffected == 0 {
		return 0, ErrNotFound
	}
	return r.UserID, nil
}

// TokenValid reports whether a token could still be used (for showing the
// reset form before the new password is posted).
func (s *Store) TokenValid(ctx context.Context, purpose, hash string, now time.Time) (bool, error) {
	var n int64
	err := s.conn(ctx).Model(&tokenRow{}).Where("token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?", hash, purpose, now.UTC()).Count(&n).Error
	return n > 0, err
}

// TokenUser returns the user of a valid, unused token without using it.
func (s *Store) TokenUser(ctx context.Context, purpose, hash string, now time.Time) (int64, error) {
	var r tokenRow
	if err := s.conn(ctx).Where("token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?", hash, purpose, now.UTC()).Take(&r).Error; err != nil {
		return 0, translate(err)
	}
	return r.UserID, nil
}
