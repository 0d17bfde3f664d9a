// Package storetest gives tests a fresh, migrated database on the backend
// of the current pass. A package whose tests touch the database runs them on
// SQLite and PostgreSQL with
//
//	func TestMain(m *testing.M) { os.Exit(storetest.RunBoth(m)) }
//
// The PostgreSQL pass runs when KAKEHASHI_TEST_POSTGRES names an admin DSN
// (postgres://user@host:port/db; the tests create and drop databases named
// kk_t_… there and touch nothing else), always in CI.
package storetest

import (
	"context"
	"testing"

	"kakehashi/internal/store"
	"kakehashi/internal/store/storetest/backend"
)

// Backend returns "sqlite" or "postgres", the backend of the current pass.
func Backend() string { return backend.Name() }

// DSN returns the connection string of a fresh, empty database that is
// removed when t ends, for code that opens the database itself.
func DSN(t testing.TB) string {
	t.Helper()
	return backend.DSN(t)
}

// Open returns a fresh, migrated store, closed (and on PostgreSQL dropped)
// when t ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// RunBoth runs the package's tests on SQLite and then on PostgreSQL; see
// the package comment.
func RunBoth(m *testing.M) int { return backend.RunBoth(m) }
