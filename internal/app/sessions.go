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
// user was disabled. Lookups are cached for Cfg.SessionCache: exactly while
// this process wrote nothing to users, sessions or notifications
// (store.AuthRevision), so a logout, a disabled account or a new
// notification counts here at once; another instance's write is seen
// within Cfg.SessionCache.
func (a *App) SessionUser(ctx context.Context, token string) (account.User, int64, error) {
	if token == "" {
		return account.User{}, 0, ErrNotFound
	}
	id := account.HashToken(token)
	now := a.Now()
	rev := a.Store.AuthRevision() // before the lookup: a write meanwhile must not be cached under it
	e, ok := a.sessions.get(id)
	if !ok || e.rev != rev || now.Sub(e.at) >= a.Cfg.SessionCache || now.Before(e.at) {
		sess, u, unread, err := a.Store.SessionUser(ctx, id, now)
		if err != nil {
			if ok {
				a.sessions.remove(id)
			}
			return account.User{}, 0, err
		}
		e = sessionEntry{sess: sess, user: u, unread: unread, rev: rev, at: now}
		if a.Cfg.SessionCache > 0 {
			a.sessions.put(id, e)
		}
	}
	if !now.Before(e.sess.ExpiresAt) {
		a.sessions.remove(id)
		return account.User{}, 0, ErrNotFound
	}
	if now.Sub(e.sess.LastSeenAt) > a.Cfg.SessionIdle {
		_ = a.Store.DeleteSession(ctx, id)
		return account.User{}, 0, ErrNotFound
	}
	if e.user.Disabled() {
		_ = a.Store.DeleteUserSessions(ctx, e.user.ID)
		return account.User{}, 0, ErrNotFound
	}
	// Touch at most once a minute: a write per request would serialise reads on SQLite.
	if now.Sub(e.sess.LastSeenAt) > time.Minute {
		if err := a.Store.TouchSession(ctx, id, now); err != nil {
			a.Log.Warn("session touch failed", "err", err)
		} else if a.Cfg.SessionCache > 0 {
			e.sess.LastSeenAt = now
			a.sessions.put(id, e)
		}
	}
	return e.user, e.unread, nil
}

// sessionEntry is a cached session lookup (see SessionUser).
type sessionEntry struct {
	sess   store.Session
	user   account.User
	unread int64
	rev    uint64    // store.AuthRevision when looked up
	at     time.Time // when looked up
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
