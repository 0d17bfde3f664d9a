// Package store keeps the portal's data in SQLite (embedded default) or
// PostgreSQL through GORM. It maps rows to the domain types of
// internal/company, internal/municipality and friends; no other package
// imports GORM.
package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a unique value (ref, e-mail) is taken.
var ErrConflict = errors.New("conflict")

// Store is the database. Its methods are safe for concurrent use.
type Store struct {
	db      *gorm.DB
	dialect string // "sqlite" or "postgres"
	now     func() time.Time
	stmts   *stmtCache // nil inside a transaction
	// writers serialises this process's write transactions on SQLite, which
	// allows one writer at a time anyway: waiting on a Go mutex is fair and
	// immediate, while SQLite's busy handler polls with sleeps of up to
	// 100 ms, which made p99 latencies of writes under load. Nil on
	// PostgreSQL and inside a transaction.
	writers *sync.Mutex
	// auth counts writes to users, sessions and notifications, the rows a
	// session lookup returns, so that callers may cache lookups exactly as
	// long as nothing changed in this process (see AuthRevision). Shared
	// with transaction stores; tx marks a transaction's own writes.
	auth *atomic.Uint64
	tx   *txState
}

// txState is what a transaction's store records for its commit.
type txState struct{ authChanged bool }

// Open connects to dsn: a file path, "sqlite:PATH" or "postgres://…".
// SQLite is configured per connection through the DSN (WAL, full sync,
// foreign keys, busy timeout, immediate transactions), so every pooled
// connection gets the same settings.
func Open(dsn string) (*Store, error) {
	var dial gorm.Dialector
	dialect := "sqlite"
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		dial, dialect = postgres.New(postgres.Config{DSN: dsn, OptionOpenDB: []stdlib.OptionOpenDB{
			stdlib.OptionAfterConnect(scanTimestamptzInUTC)}}), "postgres"
	default:
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, errors.New("store: empty database path")
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: %w", err)
			}
		}
		dial = sqlite.Open(SQLiteDSN(path))
	}
	db, err := gorm.Open(dial, &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         true,
	})
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if dialect == "sqlite" {
		sqlDB.SetMaxOpenConns(4)
		sqlDB.SetMaxIdleConns(4)
	} else {
		sqlDB.SetMaxOpenConns(16)
		sqlDB.SetMaxIdleConns(8)
	}
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	st := &Store{db: db, dialect: dialect, now: func() time.Time { return time.Now().UTC() }, stmts: &stmtCache{}, auth: &atomic.Uint64{}}
	if dialect == "sqlite" {
		st.writers = &sync.Mutex{}
	}
	return st, nil
}

// scanTimestamptzInUTC makes pgx return TIMESTAMPTZ values in UTC, as
// SQLite returns them, instead of in the machine's local zone.
func scanTimestamptzInUTC(_ context.Context, conn *pgx.Conn) error {
	conn.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
		Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
	return nil
}

// SQLiteDSN returns the connection string for a SQLite file.
func SQLiteDSN(path string) string {
	return "file:" + path + "?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_synchronous=FULL&_txlock=immediate"
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect }

// Close closes the database.
func (s *Store) Close() error {
	if s.stmts != nil {
		s.stmts.close()
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Transact runs fn in one transaction, committed when fn returns nil.
// On SQLite the transaction begins IMMEDIATE (see the DSN), so a
// read-then-write inside fn cannot be overtaken by another writer.
func (s *Store) Transact(ctx context.Context, fn func(tx *Store) error) error {
	if s.writers != nil {
		s.writers.Lock()
		defer s.writers.Unlock()
	}
	state := &txState{}
	run := func() error {
		return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			return fn(&Store{db: tx, dialect: s.dialect, now: s.now, auth: s.auth, tx: state})
		})
	}
	err := run()
	// A pooled connection that died (the server closed it, a canceled query
	// broke it) fails the transaction with ErrBadConn before anything was
	// sent on it, so nothing was applied; database/sql retries single
	// statements in that case but cannot retry a transaction. Do it once.
	if errors.Is(err, driver.ErrBadConn) && ctx.Err() == nil && s.writers == nil && s.stmts != nil {
		err = run()
	}
	// Once more after the commit: a lookup between the write and the commit
	// saw the old rows and may have cached them under the earlier count.
	if state.authChanged {
		s.authWrite()
	}
	return err
}

func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// AuthRevision moves whenever this process writes users, sessions or
// notifications (after the commit, when in a transaction). A cached session
// lookup stays exact within the process while it has not moved; writes of
// other processes are not seen here.
func (s *Store) AuthRevision() uint64 {
	if s.auth == nil {
		return 0
	}
	return s.auth.Load()
}

// authWrite records a write to users, sessions or notifications; called
// after the statement, whether or not it succeeded.
func (s *Store) authWrite() {
	if s.auth != nil {
		s.auth.Add(1)
	}
	if s.tx != nil {
		s.tx.authChanged = true
	}
}

// translate maps driver errors to the package's sentinel errors.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ErrNotFound
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return ErrConflict
	}
	return err
}
