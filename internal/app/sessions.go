package app

import (
	"context"
	"errors"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/store"
)

// StartSession creates a server-side session for a user who just signed in
// and returns the cookie value. A fresh id at every login prevents session
// fixation.
func (a *App) StartSession(ctx context.Context, userID int64) (string, error) {
	token, hash := account.NewToken()
	now := a.Now()
	err := a.Store.CreateSession(ctx, store.Session{ID: hash, UserID: userID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(a.Cfg.SessionMax)})
	return token, err
}

// SessionUser returns the user of a session cookie and the user's number of
// unread notifications, ending sessions that were idle too long or whose
// user was disabled.
func (a *App) SessionUser(ctx context.Context, token string) (account.User, int64, error) {
	if token == "" {
		return account.User{}, 0, ErrNotFound
	}
	id := account.HashToken(token)
	now := a.Now()
	sess, u, unread, err := a.Store.SessionUser(ctx, id, now)
	if err != nil {
		return account.User{}, 0, err
	}
	if now.Sub(sess.LastSeenAt) > a.Cfg.SessionIdle {
		_ = a.Store.DeleteSession(ctx, id)
		return account.User{}, 0, ErrNotFound
	}
	if u.Disabled() {
		_ = a.Store.DeleteUserSessions(ctx, u.ID)
		return account.User{}, 0, ErrNotFound
	}
	// Touch at most once a minute: a write per request would serialise reads on SQLite.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		if err := a.Store.TouchSession(ctx, id, now); err != nil {
			a.Log.Warn("session touch failed", "err", err)
		}
	}
	return u, unread, nil
}

// EndSession logs a session out on the server.
func (a *App) EndSession(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	err := a.Store.DeleteSession(ctx, account.HashToken(token))
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}
