// Package app is the portal's application layer: it carries out what users
// ask for (sign up, save a profile, search, import) by combining the domain
// packages with storage, the in-memory indexes and the outbox, each
// multi-step write in one transaction. Handlers in web/ call only this.
package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"kakehashi/internal/cases"
	"kakehashi/internal/matching"
	"kakehashi/internal/search"
	"kakehashi/internal/store"
)

// Config holds the settings the application layer needs.
type Config struct {
	BaseURL        string        // absolute URL of the portal, for links in e-mails
	ConsentVersion string        // version of the privacy text a sign-up agrees to
	SessionIdle    time.Duration // a session ends after this long without a request
	SessionMax     time.Duration // and at the latest this long after login
	RefreshEvery   time.Duration // how often indexes pick up other instances' writes
	// SessionCache is how long a session lookup may be reused while this
	// process changed no user, session or notification: the longest a
	// logout or a disabled account on another instance (or by the CLI) goes
	// unseen here. 0 looks every session up on every request.
	SessionCache time.Duration
	Timing       cases.Timing // proposal reminder and expiry
	Retention    Retention    // erasing unconfirmed sign-ups, flagging stale contact data
}

// DefaultConfig returns the defaults used when a setting is not given.
func DefaultConfig() Config {
	return Config{
		BaseURL:        "http://localhost:8080",
		ConsentVersion: "2026-11",
		SessionIdle:    24 * time.Hour,
		SessionMax:     7 * 24 * time.Hour,
		RefreshEvery:   2 * time.Second,
		SessionCache:   2 * time.Second,
		Timing:         cases.DefaultTiming,
		Retention:      DefaultRetention,
	}
}

// Errors the web layer maps to pages and status codes.
var (
	ErrNotFound       = store.ErrNotFound
	ErrBadCredentials = errors.New("app: wrong e-mail or password")
	ErrUnconfirmed    = errors.New("app: e-mail not confirmed")
	ErrDisabled       = errors.New("app: account disabled")
	ErrInvalidToken   = errors.New("app: link invalid or expired")
	ErrForbidden      = errors.New("app: not allowed")
)

// App is the running application.
type App struct {
	Store  *store.Store
	Search *search.Index
	Match  *matching.Index
	Log    *slog.Logger
	Cfg    Config
	Now    func() time.Time

	mu          sync.Mutex
	mailWake    func()
	lastRefresh time.Time
	excl        exclusions
	munis       muniCache

	// read model and caches derived from the indexes (see readmodel.go)
	companies     companyCache
	gen           atomic.Uint64
	partners      boundedCache[int64, partnerEntry]
	contacts      boundedCache[int64, contactsEntry]
	searches      boundedCache[search.Query, searchEntry]
	muniRev       atomic.Uint64
	similar       boundedCache[int64, similarEntry]
	similarQueue  chan int64
	similarWorker atomic.Bool
	sessions      boundedCache[string, sessionEntry]
}

// New creates the application over an opened, migrated store.
func New(st *store.Store, cfg Config, log *slog.Logger) *App {
	return &App{
		Store: st, Search: search.New(), Match: matching.NewIndex(nil, nil), Log: log, Cfg: cfg,
		Now:          func() time.Time { return time.Now().UTC() },
		partners:     boundedCache[int64, partnerEntry]{max: 20000},
		contacts:     boundedCache[int64, contactsEntry]{max: 20000},
		searches:     boundedCache[search.Query, searchEntry]{max: 5000},
		similar:      boundedCache[int64, similarEntry]{max: 1 << 20},
		sessions:     boundedCache[string, sessionEntry]{max: 50000},
		similarQueue: make(chan int64, 1024),
	}
}

// SetMailWake registers a function that nudges the mail sender after a
// message was queued, so mail goes out without waiting for the next poll.
func (a *App) SetMailWake(f func()) {
	a.mu.Lock()
	a.mailWake = f
	a.mu.Unlock()
}

func (a *App) wakeMail() {
	a.mu.Lock()
	f := a.mailWake
	a.mu.Unlock()
	if f != nil {
		f()
	}
}

// Ready reports whether the database answers.
func (a *App) Ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return a.Store.Ping(ctx)
}
