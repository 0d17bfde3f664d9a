package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"kakehashi/internal/store"
)

// runCopyDB moves a whole installation to another database, typically from
// SQLite to PostgreSQL when one instance is no longer enough.
func runCopyDB(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("copydb", env)
	from := fs.String("from", "", "source database: a file path, sqlite:PATH or postgres://…")
	to := fs.String("to", "", "destination database, new or empty: a file path, sqlite:PATH or postgres://…")
	batch := fs.Int("batch", 500, "rows per INSERT statement")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: portal copydb --from DSN --to DSN\n\nCopies every table (companies, accounts, sessions, cases, outbox, audit log, …) with its ids into an\n"+
			"empty database, in one transaction, and checks row counts and checksums before committing. Stop the portal\n"+
			"(or make the source read-only) first.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" || *to == "" || fs.NArg() != 0 || *batch < 1 {
		fs.Usage()
		return fmt.Errorf("%w: portal copydb --from DSN --to DSN", errUsage)
	}
	if *from == *to {
		return fmt.Errorf("%w: --from and --to name the same database", errUsage)
	}
	// store.Open would create a missing SQLite file: a mistyped source
	// path must not look like an empty installation.
	if !isPostgres(*from) {
		if _, err := os.Stat(strings.TrimPrefix(*from, "sqlite:")); err != nil {
			return fmt.Errorf("source: %w", err)
		}
	}
	src, err := store.Open(*from)
	if err != nil {
		return fmt.Errorf("source: %w", err)
	}
	defer src.Close()
	dst, err := store.Open(*to)
	if err != nil {
		return fmt.Errorf("destination: %w", err)
	}
	defer dst.Close()

	start := time.Now()
	res, err := store.Copy(ctx, src, dst, store.CopyOptions{BatchSize: *batch})
	if err != nil {
		if errors.Is(err, store.ErrDestinationNotEmpty) || errors.Is(err, store.ErrSchemaVersion) {
			return fmt.Errorf("%w; nothing was copied", err)
		}
		return fmt.Errorf("%w; no rows were written to the destination", err)
	}
	width := 0
	for _, t := range res {
		width = max(width, len(t.Table))
	}
	var rows int64
	for _, t := range res {
		fmt.Fprintf(env.Stdout, "%-*s %9d\n", width, t.Table, t.Rows)
		rows += t.Rows
	}
	fmt.Fprintf(env.Stdout, "copied %d rows in %d tables from %s to %s in %s; row counts and checksums verified\n",
		rows, len(res), src.Dialect(), dst.Dialect(), time.Since(start).Round(time.Millisecond))
	return nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
