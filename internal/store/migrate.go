package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// migration is one numbered SQL file, e.g. 0001_init.sql.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	files, err := fs.Glob(migrationsFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, f := range files {
		base := strings.TrimPrefix(f, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and '_'", base)
		}
		data, err := migrationsFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(data)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations must be numbered 1..n without gaps; %s is number %d", m.name, i+1)
		}
	}
	return out, nil
}

// dialectSQL replaces the placeholders of a migration for the dialect.
func (s *Store) dialectSQL(sql string) string {
	r := strings.NewReplacer(
		"{{pk}}", map[string]string{"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT", "postgres": "BIGSERIAL PRIMARY KEY"}[s.dialect],
		"{{ts}}", map[string]string{"sqlite": "DATETIME", "postgres": "TIMESTAMPTZ"}[s.dialect],
		"{{text}}", "TEXT",
	)
	return r.Replace(sql)
}

// Migrate applies the migrations not yet applied, each in its own
// transaction, and returns how many it applied.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	migs, err := loadMigrations()
	if err != nil {
		return 0, err
	}
	db := s.conn(ctx)
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ` +
		map[string]string{"sqlite": "DATETIME", "postgres": "TIMESTAMPTZ"}[s.dialect] + ` NOT NULL)`).Error; err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	applied := 0
	for _, m := range migs {
		err := db.Transaction(func(tx *gorm.DB) error {
			var n int64
			if err := tx.Raw(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			for _, stmt := range splitStatements(s.dialectSQL(m.sql)) {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%s: %w", m.name, err)
				}
			}
			applied++
			return tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, m.version, m.name, time.Now().UTC()).Error
		})
		if err != nil {
			return applied, fmt.Errorf("migrate: %w", err)
		}
	}
	return applied, nil
}

// splitStatements splits a migration at semicolons ending a line; comments
// are dropped. Migrations hold no semicolons inside string literals.
func splitStatements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") || trimmed == "" {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(trimmed, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}
