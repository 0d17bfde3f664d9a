package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Backup writes a consistent copy of a SQLite database to path while the
// portal keeps serving: VACUUM INTO reads one snapshot of the database, so
// writes that commit during the backup are either wholly in it or not at all.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != "sqlite" {
		return errors.New("backup: for PostgreSQL use pg_dump (see README)")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s exists; choose a new file", path)
	}
	return s.conn(ctx).Exec("VACUUM INTO ?", path).Error
}

// IntegrityCheck runs SQLite's integrity check and returns its report ("ok"
// when the database is sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	if s.dialect != "sqlite" {
		return "ok", nil
	}
	var rows []string
	if err := s.conn(ctx).Raw("PRAGMA integrity_check").Scan(&rows).Error; err != nil {
		return "", err
	}
	return strings.Join(rows, "; "), nil
}

// RowCounts returns the number of rows of every table (for comparing a
// backup or a migrated installation with its source).
func (s *Store) RowCounts(ctx context.Context) (map[string]int64, error) {
	tables := []string{"municipalities", "companies", "users", "sessions", "tokens", "outbox", "match_exclusions",
		"cases", "case_events", "case_outcomes", "notifications", "staff_notes", "first_contacts", "audit_log", "login_attempts", "settings"}
	out := map[string]int64{}
	for _, t := range tables {
		var n int64
		if err := s.conn(ctx).Table(t).Count(&n).Error; err != nil {
			return nil, err
		}
		out[t] = n
	}
	return out, nil
}
