// Package backend chooses the database the tests of one package run on and
// makes a fresh, empty one per test: a temporary SQLite file, or a new
// PostgreSQL database created through the admin DSN and dropped when the
// test ends. RunBoth runs a package's tests on SQLite and then, when a
// PostgreSQL server is configured, once more on PostgreSQL.
//
// Tests of most packages use it through storetest; the store package's own
// tests cannot import storetest (it imports store) and use this package.
package backend

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx" for the admin connection
)

// EnvPostgres names the admin DSN of a PostgreSQL server the tests may
// create and drop databases on.
const EnvPostgres = "KAKEHASHI_TEST_POSTGRES"

// DefaultCIPostgres is the server CI provides when EnvPostgres is unset.
const DefaultCIPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// DBPrefix starts the name of every database the tests create.
const DBPrefix = "kk_t_"

var current = "sqlite"

// Name returns the backend of the current pass: "sqlite" or "postgres".
func Name() string { return current }

// AdminDSN returns the PostgreSQL admin DSN: EnvPostgres, or in CI (CI set)
// DefaultCIPostgres; "" when PostgreSQL is not configured.
func AdminDSN() string {
	if dsn := os.Getenv(EnvPostgres); dsn != "" {
		return dsn
	}
	if os.Getenv("CI") != "" {
		return DefaultCIPostgres
	}
	return ""
}

// DSN returns the connection string of a fresh, empty database that
// disappears when t ends: a SQLite file path, or a postgres:// URL of a
// new database. Register closing the connections after calling DSN, so
// that they close before the database is dropped.
func DSN(t testing.TB) string {
	t.Helper()
	if current != "postgres" {
		return filepath.Join(t.TempDir(), "t.db")
	}
	admin, err := adminDB()
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := DBPrefix + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("postgres: create database %s: %v", name, err)
	}
	// A test database need not survive a crash: commit without waiting for
	// the WAL flush (a setting of this database only).
	if _, err := admin.Exec("ALTER DATABASE " + name + " SET synchronous_commit = off"); err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("postgres: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(AdminDSN())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

var admin struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// adminDB connects once per test binary to the admin DSN.
func adminDB() (*sql.DB, error) {
	admin.once.Do(func() {
		dsn := AdminDSN()
		if dsn == "" {
			admin.err = fmt.Errorf("no admin DSN (%s)", EnvPostgres)
			return
		}
		db, err := sql.Open("pgx", dsn)
		if err == nil {
			db.SetMaxOpenConns(2)
			err = pingWithRetry(db)
		}
		if err != nil {
			admin.err = fmt.Errorf("%s: %w", redact(dsn), err)
			return
		}
		admin.db = db
	})
	return admin.db, admin.err
}

// pingWithRetry gives a server that is still starting a few seconds.
func pingWithRetry(db *sql.DB) error {
	var err error
	for i := 0; i < 10; i++ {
		if err = db.Ping(); err == nil {
			return nil
		}
		time.Sleep(500 * time.Millisecond)
	}
	return err
}

func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil {
		return u.Redacted()
	}
	return "(unparsable DSN)"
}

// RunBoth runs the tests of a package (call it from TestMain and pass the
// result to os.Exit) on SQLite, then on PostgreSQL when AdminDSN is set.
// It returns non-zero when either pass failed. In CI an unreachable
// PostgreSQL fails the package; locally without a DSN the second pass is
// skipped with a note.
func RunBoth(m *testing.M) int {
	if !flag.Parsed() {
		flag.Parse()
	}
	current = "sqlite"
	code := m.Run()
	if lookupFlag("test.list") != "" || lookupFlag("test.fuzzworker") == "true" {
		return code // listing and fuzz workers must not repeat
	}
	if code != 0 && lookupFlag("test.failfast") == "true" {
		return code
	}
	if AdminDSN() == "" {
		fmt.Printf("storetest: PostgreSQL pass skipped; set %s=%s to run it\n", EnvPostgres, DefaultCIPostgres)
		return code
	}
	if _, err := adminDB(); err != nil {
		fmt.Fprintf(os.Stderr, "storetest: FAIL: PostgreSQL pass cannot run: %v\n", err)
		return 1
	}
	fmt.Printf("=== storetest: PostgreSQL pass (%s) ===\n", redact(AdminDSN()))
	current = "postgres"
	defer func() { current = "sqlite" }()
	if pg := m.Run(); pg != 0 {
		fmt.Println("storetest: the PostgreSQL pass failed")
		return pg
	}
	return code
}

func lookupFlag(name string) string {
	if f := flag.Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}
