package store

import (
	"context"
	"time"
)

// Session is a signed-in browser. Only the hash of the cookie value is
// stored (ID), so the table cannot be used to hijack sessions.
type Session struct {
	ID         string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

type sessionRow Session

func (sessionRow) TableName() string { return "sessions" }

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess Session) error {
	row := sessionRow(sess)
	return translate(s.conn(ctx).Create(&row).Error)
}

// SessionByID returns a session that has not expired.
func (s *Store) SessionByID(ctx context.Context, id string, now time.Time) (Session, error) {
	var r sessionRow
	if err := s.conn(ctx).Where("id = ? AND expires_at > ?", id, now.UTC()).Take(&r).Error; err != nil {
		return Session{}, translate(err)
	}
	return Session(r), nil
}

// TouchSession records activity, pushing the idle timeout.
func (s *Store) TouchSession(ctx context.Context, id string, now time.Time) error {
	return s.conn(ctx).Model(&sessionRow{}).Where("id = ?", id).Update("last_seen_at", now.UTC()).Error
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.conn(ctx).Where("id = ?", id).Delete(&sessionRow{}).Error
}

// DeleteUserSessions ends every session of a user (password reset, disabling).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	return s.conn(ctx).Where("user_id = ?", userID).Delete(&sessionRow{}).Error
}

// PurgeSessions deletes expired sessions and those idle since before idleBefore.
func (s *Store) PurgeSessions(ctx context.Context, now, idleBefore time.Time) (int64, error) {
	res := s.conn(ctx).Where("expires_at <= ? OR last_seen_at < ?", now.UTC(), idleBefore.UTC()).Delete(&sessionRow{})
	return res.RowsAffected, res.Error
}
