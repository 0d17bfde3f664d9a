package app_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/store"
	"kakehashi/internal/store/storetest"
)

// Session lookups are cached, but a change this process makes counts at
// once, and one made by another process (a second instance, the CLI) within
// Config.SessionCache.
func TestSessionCacheFollowsChanges(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	open := func() *store.Store {
		st, err := store.Open(dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		return st
	}
	a := app.New(open(), app.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	other := open() // another process on the same database
	now := time.Now().UTC()
	a.Now = func() time.Time { return now }
	if err := a.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	u, err := a.Store.UserByEmail(ctx, "nrw@company.example")
	if err != nil {
		t.Fatal(err)
	}
	login := func() string {
		tok, err := a.StartSession(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := a.SessionUser(ctx, tok); err != nil { // now cached
			t.Fatal(err)
		}
		return tok
	}
	valid := func(tok string) bool {
		_, _, err := a.SessionUser(ctx, tok)
		return err == nil
	}

	// another process's logout: unseen while cached, seen after the bound
	tok := login()
	if err := other.DeleteSession(ctx, account.HashToken(tok)); err != nil {
		t.Fatal(err)
	}
	if !valid(tok) {
		t.Fatal("the lookup was not cached")
	}
	now = now.Add(a.Cfg.SessionCache)
	if valid(tok) {
		t.Fatalf("another process's logout unseen after %s", a.Cfg.SessionCache)
	}

	// this process's logout counts at once
	tok = login()
	if err := a.EndSession(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if valid(tok) {
		t.Fatal("session valid after logout")
	}

	// a new notification shows in the count at once; reading them clears it
	tok = login()
	if err := a.Store.AddNotification(ctx, u.ID, "case.proposed", 0, nil); err != nil {
		t.Fatal(err)
	}
	if _, n, err := a.SessionUser(ctx, tok); err != nil || n != 1 {
		t.Fatalf("unread after a notification: %d, %v", n, err)
	}
	if err := a.Store.MarkNotificationsRead(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := a.SessionUser(ctx, tok); n != 0 {
		t.Fatalf("unread after reading: %d", n)
	}

	// a write inside a transaction counts too
	err = a.Store.Transact(ctx, func(tx *store.Store) error { return tx.SetUserDisabled(ctx, u.ID, true) })
	if err != nil {
		t.Fatal(err)
	}
	if valid(tok) {
		t.Fatal("session of a disabled user still valid")
	}

	// without a cache every request looks the session up
	if err := a.Store.SetUserDisabled(ctx, u.ID, false); err != nil {
		t.Fatal(err)
	}
	a.Cfg.SessionCache = 0
	tok = login()
	if err := other.DeleteSession(ctx, account.HashToken(tok)); err != nil {
		t.Fatal(err)
	}
	if valid(tok) {
		t.Fatal("SessionCache 0 still cached the lookup")
	}
}
