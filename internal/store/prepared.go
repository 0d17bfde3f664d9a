package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"sync"
)

// stmtCache keeps prepared statements for the queries of every request
// (the session lookup): preparing costs SQLite more than running them.
type stmtCache struct {
	m sync.Map // query text → *sql.Stmt
}

// queryRow runs a one-row query written with ? placeholders, prepared once
// per store; inside a transaction it goes through GORM instead.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if s.stmts == nil {
		return s.conn(ctx).Raw(query, args...).Row()
	}
	if st, ok := s.stmts.m.Load(query); ok {
		return st.(*sql.Stmt).QueryRowContext(ctx, args...)
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return s.conn(ctx).Raw(query, args...).Row()
	}
	st, err := sqlDB.PrepareContext(ctx, s.placeholders(query))
	if err != nil {
		return s.conn(ctx).Raw(query, args...).Row()
	}
	if prev, loaded := s.stmts.m.LoadOrStore(query, st); loaded {
		st.Close()
		st = prev.(*sql.Stmt)
	}
	return st.QueryRowContext(ctx, args...)
}

// placeholders rewrites ? to PostgreSQL's $1, $2, … (the queries passed to
// queryRow have no ? inside literals).
func (s *Store) placeholders(query string) string {
	if s.dialect != "postgres" {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (c *stmtCache) close() {
	c.m.Range(func(k, v any) bool {
		v.(*sql.Stmt).Close()
		c.m.Delete(k)
		return true
	})
}
