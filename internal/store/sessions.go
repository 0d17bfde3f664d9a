package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"kakehashi/internal/account"
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

// TouchSession records activity, pushing the idle timeout.
func (s *Store) TouchSession(ctx context.Context, id string, now time.Time) error {
	return s.conn(ctx).Model(&sessionRow{}).Where("id = ?", id).Update("last_seen_at", now.UTC()).Error
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	defer s.authWrite()
	return s.conn(ctx).Where("id = ?", id).Delete(&sessionRow{}).Error
}

// DeleteUserSessions ends every session of a user (password reset, disabling).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	defer s.authWrite()
	return s.conn(ctx).Where("user_id = ?", userID).Delete(&sessionRow{}).Error
}

// PurgeSessions deletes expired sessions and those idle since before idleBefore.
func (s *Store) PurgeSessions(ctx context.Context, now, idleBefore time.Time) (int64, error) {
	defer s.authWrite()
	res := s.conn(ctx).Where("expires_at <= ? OR last_seen_at < ?", now.UTC(), idleBefore.UTC()).Delete(&sessionRow{})
	return res.RowsAffected, res.Error
}

// SessionUser returns a session that has not expired together with its user
// and the user's number of unread notifications: what every signed-in
// request needs, in one round trip instead of three.
func (s *Store) SessionUser(ctx context.Context, id string, now time.Time) (Session, account.User, int64, error) {
	var (
		sess   = Session{ID: id}
		r      userRow
		unread int64
	)
	err := s.queryRow(ctx, `SELECT s.user_id, s.created_at, s.last_seen_at, s.expires_at,
			u.id, u.email, u.password_hash, u.role, u.municipality_key, u.company_id, u.lang, u.time_zone,
			u.email_confirmed_at, u.disabled_at, u.consent_at, u.consent_version, u.totp_secret, u.totp_last_step,
			u.created_at, u.updated_at,
			(SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.id = ? AND s.expires_at > ?`, id, now.UTC()).Scan(
		&sess.UserID, &sess.CreatedAt, &sess.LastSeenAt, &sess.ExpiresAt,
		&r.ID, &r.Email, &r.PasswordHash, &r.Role, &r.MunicipalityKey, &r.CompanyID, &r.Lang, &r.TimeZone,
		&r.EmailConfirmedAt, &r.DisabledAt, &r.ConsentAt, &r.ConsentVersion, &r.TOTPSecret, &r.TOTPLastStep,
		&r.CreatedAt, &r.UpdatedAt, &unread)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, account.User{}, 0, ErrNotFound
	} else if err != nil {
		return Session{}, account.User{}, 0, translate(err)
	}
	sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt = sess.CreatedAt.UTC(), sess.LastSeenAt.UTC(), sess.ExpiresAt.UTC()
	return sess, r.toUser(), unread, nil
}
