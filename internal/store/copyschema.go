package store

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// The schema as Copy sees it, read from the database itself rather than
// listed in code, so that a table a future migration adds is copied too.

// colKind is what a column holds, whatever the dialect calls it.
type colKind int

const (
	kindInt colKind = iota + 1
	kindFloat
	kindText
	kindBytes
	kindBool
	kindTime
)

func (k colKind) String() string {
	return [...]string{"?", "integer", "float", "text", "binary", "boolean", "time"}[k]
}

// kindOf maps a declared column type to its kind; an unknown type is an
// error rather than a guess.
func kindOf(dialect, declared string) (colKind, error) {
	t := strings.ToUpper(declared)
	if dialect == "postgres" {
		switch t {
		case "BIGINT", "INTEGER", "SMALLINT":
			return kindInt, nil
		case "DOUBLE PRECISION", "REAL":
			return kindFloat, nil
		case "TEXT", "CHARACTER VARYING", "CHARACTER":
			return kindText, nil
		case "BYTEA":
			return kindBytes, nil
		case "BOOLEAN":
			return kindBool, nil
		case "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITHOUT TIME ZONE":
			return kindTime, nil
		}
	} else {
		// SQLite's affinity rules, in their order, with the names the
		// driver reads as times and booleans.
		switch {
		case strings.Contains(t, "INT"):
			return kindInt, nil
		case strings.Contains(t, "CHAR"), strings.Contains(t, "CLOB"), strings.Contains(t, "TEXT"):
			return kindText, nil
		case strings.Contains(t, "BLOB"):
			return kindBytes, nil
		case strings.Contains(t, "REAL"), strings.Contains(t, "FLOA"), strings.Contains(t, "DOUB"):
			return kindFloat, nil
		case t == "BOOLEAN":
			return kindBool, nil
		case t == "DATETIME", t == "TIMESTAMP":
			return kindTime, nil
		}
	}
	return 0, fmt.Errorf("column type %q is not supported by copy", declared)
}

type column struct {
	name string
	kind colKind
}

// table is one application table.
type table struct {
	name   string
	cols   []column
	pk     []string
	refs   []string // tables its foreign keys point to
	serial string   // the column a sequence fills (AUTOINCREMENT, BIGSERIAL); "" if none
}

// tableNames returns the application's tables: all but schema_migrations
// and the database's own.
func tableNames(ctx context.Context, q queryer, dialect string) ([]string, error) {
	query := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schema_migrations' ORDER BY name`
	if dialect == "postgres" {
		query = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name`
	}
	return queryStrings(ctx, q, query)
}

// readSchema describes every application table of the database.
func readSchema(ctx context.Context, q queryer, dialect string) (map[string]*table, error) {
	names, err := tableNames(ctx, q, dialect)
	if err != nil {
		return nil, err
	}
	out := map[string]*table{}
	for _, name := range names {
		t := &table{name: name}
		if dialect == "postgres" {
			err = readPostgresTable(ctx, q, t)
		} else {
			err = readSQLiteTable(ctx, q, t)
		}
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

func readSQLiteTable(ctx context.Context, q queryer, t *table) error {
	rows, err := q.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, t.name)
	if err != nil {
		return err
	}
	defer rows.Close()
	pk := map[int]string{}
	for rows.Next() {
		var name, typ string
		var pkPos int
		if err := rows.Scan(&name, &typ, &pkPos); err != nil {
			return err
		}
		k, err := kindOf("sqlite", typ)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		t.cols = append(t.cols, column{name, k})
		if pkPos > 0 {
			pk[pkPos] = name
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := 1; i <= len(pk); i++ {
		t.pk = append(t.pk, pk[i])
	}
	var auto int
	if err := queryRow(ctx, q, `SELECT instr(upper(sql), 'AUTOINCREMENT') > 0 FROM sqlite_master WHERE type = 'table' AND name = ?`, []any{t.name}, &auto); err != nil {
		return err
	}
	if auto == 1 && len(t.pk) == 1 {
		t.serial = t.pk[0]
	}
	t.refs, err = queryStrings(ctx, q, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?) ORDER BY 1`, t.name)
	return err
}

func readPostgresTable(ctx context.Context, q queryer, t *table) error {
	rows, err := q.QueryContext(ctx, `SELECT column_name, data_type, COALESCE(column_default, '') FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, t.name)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name, typ, def string
		if err := rows.Scan(&name, &typ, &def); err != nil {
			return err
		}
		k, err := kindOf("postgres", typ)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		t.cols = append(t.cols, column{name, k})
		if strings.HasPrefix(def, "nextval(") {
			t.serial = name
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rel := quoteIdent(t.name)
	if t.pk, err = queryStrings(ctx, q, `SELECT a.attname FROM pg_index i
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
		WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`, rel); err != nil {
		return err
	}
	t.refs, err = queryStrings(ctx, q, `SELECT DISTINCT r.relname FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid
		WHERE c.contype = 'f' AND c.conrelid = to_regclass($1) ORDER BY 1`, rel)
	return err
}

func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// sameSchema checks that both databases have the same tables with the same
// columns of the same kinds (they should: both are at the same migration).
func sameSchema(src, dst map[string]*table) error {
	if a, b := strings.Join(sortedNames(src), ","), strings.Join(sortedNames(dst), ","); a != b {
		return fmt.Errorf("the databases have different tables: source %s, destination %s", a, b)
	}
	for name, d := range dst {
		s := src[name]
		kinds := map[string]colKind{}
		for _, c := range s.cols {
			kinds[c.name] = c.kind
		}
		if len(s.cols) != len(d.cols) {
			return fmt.Errorf("table %s: %d columns in the source, %d in the destination", name, len(s.cols), len(d.cols))
		}
		for _, c := range d.cols {
			if kinds[c.name] != c.kind {
				return fmt.Errorf("table %s: column %s is %s in the destination but %v in the source", name, c.name, c.kind, kinds[c.name])
			}
		}
		if s.serial != d.serial {
			return fmt.Errorf("table %s: id sequence on %q in the source, %q in the destination", name, s.serial, d.serial)
		}
	}
	return nil
}

// copyOrder sorts the tables so that every table comes after the tables
// its foreign keys point to (by name among equals, so the order is stable).
func copyOrder(ts map[string]*table) ([]*table, error) {
	var out []*table
	done := map[string]bool{}
	for len(out) < len(ts) {
		var ready []string
		for name, t := range ts {
			if done[name] {
				continue
			}
			ok := true
			for _, r := range t.refs {
				if r != name && ts[r] != nil && !done[r] {
					ok = false
				}
			}
			if ok {
				ready = append(ready, name)
			}
		}
		if len(ready) == 0 {
			return nil, fmt.Errorf("the foreign keys between the tables form a cycle; copy cannot order them")
		}
		sort.Strings(ready)
		done[ready[0]] = true
		out = append(out, ts[ready[0]])
	}
	return out, nil
}

// sortedNames returns the names of a schema's tables, sorted.
func sortedNames(ts map[string]*table) []string {
	names := make([]string, 0, len(ts))
	for n := range ts {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
