package store

// Copy carries a whole installation from one database to another (portal
// copydb): every table the migrations create, with its ids and values. The
// source is read in one snapshot; the destination is written in one
// transaction that is verified (row counts and a checksum of every table)
// before it commits, so the destination ends up a checked copy or as empty
// as it was.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrDestinationNotEmpty is returned by Copy when the destination holds
// rows: copying never merges.
var ErrDestinationNotEmpty = errors.New("destination database is not empty")

// ErrSchemaVersion is returned by Copy when a database's migrations are not
// exactly this binary's.
var ErrSchemaVersion = errors.New("schema version differs from this portal's")

// CopyOptions tune Copy.
type CopyOptions struct {
	BatchSize int // rows per INSERT statement; 0 means 500
}

// TableCopy is what Copy did with one table.
type TableCopy struct {
	Table    string
	Rows     int64
	Checksum string // of the normalised values; equal on both sides
}

// queryer is what Copy needs of a connection, a snapshot or a transaction
// (*sql.Conn, *sql.Tx and gorm's ConnPool all have it).
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Copy copies every table of src (except schema_migrations, which dst's own
// migrations fill) into dst. It refuses, writing nothing, when either
// database's schema is not this binary's latest or when dst holds any row.
// Tables are written in foreign-key order, in batches, streaming from the
// source; sequences are set so that new rows get fresh ids and ids of
// deleted rows are not handed out again.
func Copy(ctx context.Context, src, dst *Store, opt CopyOptions) ([]TableCopy, error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 500
	}
	migs, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	latest := len(migs)

	snap, release, err := src.readSnapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	defer release()
	if v, err := schemaVersion(ctx, snap); err != nil {
		return nil, fmt.Errorf("source: %w (is it a portal database?)", err)
	} else if v != latest {
		return nil, fmt.Errorf("source: %w: it is at version %d, this portal at %d; run this portal's migrations on it (start it once) or use the matching portal binary", ErrSchemaVersion, v, latest)
	}
	srcTables, err := readSchema(ctx, snap, src.dialect)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}

	// Refuse before writing anything to the destination, even its schema.
	dstDB, err := dst.db.DB()
	if err != nil {
		return nil, err
	}
	if err := ensureEmpty(ctx, dstDB, dst.dialect, nil); err != nil {
		return nil, err
	}
	if v, err := schemaVersion(ctx, dstDB); err == nil && v > latest {
		return nil, fmt.Errorf("destination: %w: it is at version %d, this portal at %d", ErrSchemaVersion, v, latest)
	}
	if _, err := dst.Migrate(ctx); err != nil {
		return nil, fmt.Errorf("destination: %w", err)
	}
	dstTables, err := readSchema(ctx, dstDB, dst.dialect)
	if err != nil {
		return nil, fmt.Errorf("destination: %w", err)
	}
	if err := sameSchema(srcTables, dstTables); err != nil {
		return nil, err
	}
	order, err := copyOrder(dstTables)
	if err != nil {
		return nil, err
	}
	// PostgreSQL keeps microseconds; the checksums compare at the precision
	// both sides keep.
	prec := time.Nanosecond
	if src.dialect == "postgres" || dst.dialect == "postgres" {
		prec = time.Microsecond
	}

	var out []TableCopy
	err = dst.Transact(ctx, func(tx *Store) error {
		w, ok := tx.db.Statement.ConnPool.(queryer)
		if !ok {
			return errors.New("copy: transaction has no connection")
		}
		names := make([]string, len(order))
		for i, t := range order {
			names[i] = t.name
		}
		if err := ensureEmpty(ctx, w, dst.dialect, names); err != nil {
			return err
		}
		for _, t := range order {
			hw, err := highWater(ctx, snap, src.dialect, t)
			if err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
			d, err := copyTable(ctx, snap, src.dialect, w, dst.dialect, t, opt.BatchSize, prec)
			if err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
			if err := setHighWater(ctx, w, dst.dialect, t, hw); err != nil {
				return fmt.Errorf("%s: sequence: %w", t.name, err)
			}
			out = append(out, TableCopy{Table: t.name, Rows: d.n, Checksum: d.String()})
		}
		return verifyCopy(ctx, tx, w, order, out, prec)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readSnapshot returns a connection that sees one consistent state of the
// database until release is called.
func (s *Store) readSnapshot(ctx context.Context) (queryer, func(), error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	if s.dialect == "postgres" {
		tx, err := conn.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			conn.Close()
			return nil, nil, err
		}
		return tx, func() { _ = tx.Rollback(); conn.Close() }, nil
	}
	// The DSN makes BeginTx take SQLite's write lock (BEGIN IMMEDIATE); a
	// plain BEGIN reads one WAL snapshot from its first SELECT on and lets
	// writers go on.
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		conn.Close()
		return nil, nil, err
	}
	return conn, func() { _, _ = conn.ExecContext(context.Background(), "ROLLBACK"); conn.Close() }, nil
}

// schemaVersion returns the number of applied migrations, which must be
// 1..n without gaps.
func schemaVersion(ctx context.Context, q queryer) (int, error) {
	var n, max int
	rows, err := q.QueryContext(ctx, `SELECT COUNT(*), COALESCE(MAX(version), 0) FROM schema_migrations`)
	if err != nil {
		return 0, fmt.Errorf("reading schema_migrations: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&n, &max); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if n != max {
		return 0, fmt.Errorf("schema_migrations has %d rows up to version %d", n, max)
	}
	return max, nil
}

// ensureEmpty fails with ErrDestinationNotEmpty when any of the tables (nil:
// every table the database has, but schema_migrations) holds a row.
func ensureEmpty(ctx context.Context, q queryer, dialect string, tables []string) error {
	if tables == nil {
		var err error
		if tables, err = tableNames(ctx, q, dialect); err != nil {
			return err
		}
	}
	var full []string
	for _, t := range tables {
		rows, err := q.QueryContext(ctx, "SELECT 1 FROM "+quoteIdent(t)+" LIMIT 1")
		if err != nil {
			return err
		}
		if rows.Next() {
			full = append(full, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	if len(full) > 0 {
		return fmt.Errorf("%w: %s hold rows; copy only into a new, empty database", ErrDestinationNotEmpty, strings.Join(full, ", "))
	}
	return nil
}

// copyTable streams the rows of t from one database into the other and
// returns the digest of what it wrote.
func copyTable(ctx context.Context, from queryer, fromDialect string, to queryer, toDialect string, t *table, batch int, prec time.Duration) (digest, error) {
	ins := newInserter(to, toDialect, t, batch)
	defer ins.close()
	var d digest
	err := scanTable(ctx, from, fromDialect, t, func(vals []any) error {
		if toDialect == "postgres" {
			// TIMESTAMPTZ keeps microseconds. Cut the rest here, as pgx's
			// binary protocol does, rather than leave it to PostgreSQL,
			// which rounds text input and can so move a time into the
			// next second.
			for i, v := range vals {
				if tm, ok := v.(time.Time); ok {
					vals[i] = tm.Truncate(time.Microsecond)
				}
			}
		}
		d.add(vals, prec)
		return ins.add(ctx, vals)
	})
	if err == nil {
		err = ins.flush(ctx)
	}
	return d, err
}

// verifyCopy reads back what the transaction wrote and compares row counts
// (also through RowCounts) and checksums with what was read from the source.
func verifyCopy(ctx context.Context, tx *Store, w queryer, order []*table, copied []TableCopy, prec time.Duration) error {
	want := map[string]TableCopy{}
	for i, t := range order {
		var d digest
		if err := scanTable(ctx, w, tx.dialect, t, func(vals []any) error { d.add(vals, prec); return nil }); err != nil {
			return fmt.Errorf("verify %s: %w", t.name, err)
		}
		if d.n != copied[i].Rows || d.String() != copied[i].Checksum {
			return fmt.Errorf("verify %s: the destination has %d rows (checksum %s), the source %d (checksum %s)",
				t.name, d.n, d.String(), copied[i].Rows, copied[i].Checksum)
		}
		want[t.name] = copied[i]
	}
	counts, err := tx.RowCounts(ctx)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	for name, n := range counts {
		if c, ok := want[name]; !ok || c.Rows != n {
			return fmt.Errorf("verify %s: %d rows in the destination, %d copied", name, n, c.Rows)
		}
	}
	return nil
}

// highWater returns the last id the source's sequence of t handed out (at
// least as large as the largest id still present).
func highWater(ctx context.Context, q queryer, dialect string, t *table) (int64, error) {
	if t.serial == "" {
		return 0, nil
	}
	var query string
	var args []any
	if dialect == "postgres" {
		var seq sql.NullString
		if err := queryRow(ctx, q, `SELECT pg_get_serial_sequence($1, $2)`, []any{quoteIdent(t.name), t.serial}, &seq); err != nil || !seq.Valid {
			return 0, err
		}
		query = `SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ` + seq.String
	} else {
		query, args = `SELECT seq FROM sqlite_sequence WHERE name = ?`, []any{t.name}
	}
	var hw int64
	return hw, queryRow(ctx, q, query, args, &hw)
}

// setHighWater makes the destination's sequence of t hand out ids above
// both the largest copied id and the source's high-water mark.
func setHighWater(ctx context.Context, w queryer, dialect string, t *table, hw int64) error {
	if t.serial == "" {
		return nil
	}
	col, tbl := quoteIdent(t.serial), quoteIdent(t.name)
	if dialect == "postgres" {
		_, err := w.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST(m, 1), m > 0)
			FROM (SELECT GREATEST(COALESCE(MAX(`+col+`), 0), $3::bigint) AS m FROM `+tbl+`) x`, tbl, t.serial, hw)
		return err
	}
	// SQLite's AUTOINCREMENT already counts the inserted ids; raise it to
	// the source's mark if that is higher.
	if hw <= 0 {
		return nil
	}
	if _, err := w.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?`, hw, t.name, hw); err != nil {
		return err
	}
	_, err := w.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)`, t.name, hw, t.name)
	return err
}
