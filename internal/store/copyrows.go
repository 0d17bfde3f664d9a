package store

// Rows in transit for Copy: read and normalised, checksummed, written in
// batches.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// queryRow scans the first row of a query into dest; no row leaves dest
// as it is.
func queryRow(ctx context.Context, q queryer, query string, args []any, dest ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanTable calls fn with every row of t, in primary-key order, its values
// normalised (see normalise). fn may change vals but not keep it.
func scanTable(ctx context.Context, q queryer, dialect string, t *table, fn func(vals []any) error) error {
	sel := make([]string, len(t.cols))
	for i, c := range t.cols {
		sel[i] = quoteIdent(c.name)
		if dialect == "sqlite" {
			// A bare column of a DATETIME column comes back from the driver
			// as time.Time, or as the zero time when its text does not
			// parse; an expression comes back as stored, so normalise can
			// parse it strictly.
			sel[i] = "+" + sel[i]
		}
	}
	query := "SELECT " + strings.Join(sel, ", ") + " FROM " + quoteIdent(t.name)
	if len(t.pk) > 0 {
		pk := make([]string, len(t.pk))
		for i, c := range t.pk {
			pk[i] = quoteIdent(c)
		}
		query += " ORDER BY " + strings.Join(pk, ", ")
	}
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	raw := make([]any, len(t.cols))
	ptrs := make([]any, len(t.cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	vals := make([]any, len(t.cols))
	for n := 1; rows.Next(); n++ {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, c := range t.cols {
			v, err := normalise(c.kind, raw[i])
			if err != nil {
				return fmt.Errorf("row %d (in %s order), column %s: %w", n, strings.Join(t.pk, ", "), c.name, err)
			}
			vals[i] = v
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// sqliteTimeFormats are the layouts the SQLite driver reads (and the first
// the one it writes).
var sqliteTimeFormats = []string{
	"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02",
}

// normalise turns a value as a driver returns it into the one Go type of its
// column's kind: int64, float64, string, []byte, bool, time.Time in UTC, or
// nil for NULL. SQLite keeps times as text (or Unix seconds) and booleans
// as 0/1; these become time.Time and bool here and are written back in the
// destination's own form. Anything else is an error, never a silent change.
func normalise(k colKind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch x := v.(type) {
	case int64:
		switch k {
		case kindInt:
			return x, nil
		case kindFloat:
			return float64(x), nil
		case kindBool:
			if x == 0 || x == 1 {
				return x == 1, nil
			}
		case kindTime: // as the SQLite driver reads integers: Unix seconds, or milliseconds
			if x > 1e12 || x < -1e12 {
				return time.UnixMilli(x).UTC(), nil
			}
			return time.Unix(x, 0).UTC(), nil
		}
	case float64:
		if k == kindFloat {
			return x, nil
		}
		if k == kindInt && x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), nil
		}
	case string:
		switch k {
		case kindText:
			return x, nil
		case kindBytes:
			return []byte(x), nil
		case kindTime:
			s := strings.TrimSuffix(x, "Z")
			for _, f := range sqliteTimeFormats {
				if t, err := time.ParseInLocation(f, s, time.UTC); err == nil {
					return t.UTC(), nil
				}
			}
			return nil, fmt.Errorf("unreadable time %q", x)
		}
	case []byte:
		switch k {
		case kindBytes:
			return append([]byte{}, x...), nil
		case kindText:
			return string(x), nil
		}
	case bool:
		if k == kindBool {
			return x, nil
		}
	case time.Time:
		if k == kindTime {
			return x.UTC(), nil
		}
	}
	return nil, fmt.Errorf("a %T value in a %s column", v, k)
}

// digest is an order-independent checksum of rows: the sum of the SHA-256
// of each row's canonical encoding (order-independent because the two
// databases may sort text keys differently).
type digest struct {
	n    int64
	a, b uint64
	buf  []byte
}

func (d *digest) add(vals []any, prec time.Duration) {
	b := d.buf[:0]
	for _, v := range vals {
		switch x := v.(type) {
		case nil:
			b = append(b, 'N')
		case int64:
			b = strconv.AppendInt(append(b, 'i'), x, 10)
		case float64:
			b = strconv.AppendFloat(append(b, 'f'), x, 'g', -1, 64)
		case bool:
			b = strconv.AppendBool(append(b, 'b'), x)
		case time.Time:
			b = x.Truncate(prec).UTC().AppendFormat(append(b, 't'), time.RFC3339Nano)
		case string:
			b = append(binary.AppendUvarint(append(b, 's'), uint64(len(x))), x...)
		case []byte:
			b = append(binary.AppendUvarint(append(b, 'x'), uint64(len(x))), x...)
		}
		b = append(b, 0)
	}
	sum := sha256.Sum256(b)
	d.buf = b
	d.n++
	d.a += binary.BigEndian.Uint64(sum[:8])
	d.b += binary.BigEndian.Uint64(sum[8:16])
}

func (d *digest) String() string { return fmt.Sprintf("%016x%016x", d.a, d.b) }

// inserter writes rows in multi-row INSERT statements.
type inserter struct {
	q       queryer
	dialect string
	t       *table
	batch   int
	full    *sql.Stmt // the statement for a full batch, prepared once
	args    []any
	n       int
}

func newInserter(q queryer, dialect string, t *table, batch int) *inserter {
	// Stay below the drivers' limits on bound parameters (SQLite 32766,
	// PostgreSQL 65535).
	if most := max(1, 32000/len(t.cols)); batch > most {
		batch = most
	}
	return &inserter{q: q, dialect: dialect, t: t, batch: batch, args: make([]any, 0, batch*len(t.cols))}
}

func (w *inserter) add(ctx context.Context, vals []any) error {
	w.args = append(w.args, vals...)
	w.n++
	if w.n < w.batch {
		return nil
	}
	return w.flush(ctx)
}

func (w *inserter) flush(ctx context.Context) error {
	if w.n == 0 {
		return nil
	}
	var err error
	if w.n == w.batch {
		if w.full == nil {
			if w.full, err = w.q.PrepareContext(ctx, w.insertSQL(w.n)); err != nil {
				return err
			}
		}
		_, err = w.full.ExecContext(ctx, w.args...)
	} else {
		_, err = w.q.ExecContext(ctx, w.insertSQL(w.n), w.args...)
	}
	clear(w.args)
	w.args, w.n = w.args[:0], 0
	return err
}

func (w *inserter) close() {
	if w.full != nil {
		w.full.Close()
	}
}

func (w *inserter) insertSQL(rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + quoteIdent(w.t.name) + " (")
	for i, c := range w.t.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(c.name))
	}
	b.WriteString(") VALUES ")
	p := 0
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for i := range w.t.cols {
			if i > 0 {
				b.WriteByte(',')
			}
			p++
			if w.dialect == "postgres" {
				b.WriteString("$" + strconv.Itoa(p))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
