package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"time"

	"kakehashi/internal/app"
	"kakehashi/internal/demo"
	"kakehashi/internal/gen"
	"kakehashi/internal/i18n"
	"kakehashi/internal/interchange"
	"kakehashi/internal/store"
)

// openApp opens and migrates the database and returns the application
// without loading indexes (commands that need them call LoadIndexes).
func openApp(ctx context.Context, set *settings, env Env) (*app.App, func(), error) {
	st, err := store.Open(set.db)
	if err != nil {
		return nil, nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, nil, err
	}
	a := app.New(st, app.DefaultConfig(), set.logger(env.Stderr))
	return a, func() { st.Close() }, nil
}

func runImport(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("import", env)
	var set settings
	set.register(fs, env)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: portal import [flags] FILE\n\nImports municipalities and companies from an interchange JSON file (- for standard input).\nRecords with an existing key or ref are updated. Nothing is written if any record is invalid.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: exactly one FILE expected", errUsage)
	}
	in := env.Stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	a, closeDB, err := openApp(ctx, &set, env)
	if err != nil {
		return err
	}
	defer closeDB()
	res, problems, err := a.Import(ctx, in)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(env.Stderr, p.Describe(func(code string, args map[string]any) string {
				return i18n.TMap("en", "err."+code, args)
			}))
		}
		return fmt.Errorf("%d invalid records; nothing was imported", len(problems))
	}
	fmt.Fprintf(env.Stdout, "imported %d municipalities and %d companies\n", res.Municipalities, res.Companies)
	return nil
}

func runExport(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("export", env)
	var set settings
	set.register(fs, env)
	out := fs.String("out", "", "write to FILE instead of standard output")
	judgements := fs.Bool("judgements", false, "add judgements from introductions that led to a meeting, NDA, pilot or contract (for portal evaluate)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: unexpected arguments %v", errUsage, fs.Args())
	}
	a, closeDB, err := openApp(ctx, &set, env)
	if err != nil {
		return err
	}
	defer closeDB()
	if *out == "" {
		return a.Export(ctx, env.Stdout, *judgements)
	}
	// Write to a temporary file and rename, so a failed export never leaves
	// a truncated file where a good one was.
	tmp, err := os.CreateTemp(dirOf(*out), ".export-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := a.Export(ctx, tmp, *judgements); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), *out)
}

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' || path[i] == os.PathSeparator {
			return path[:i+1]
		}
	}
	return "."
}

func runGen(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("gen", env)
	n := fs.Int("companies", 1000, "number of companies to generate")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same profiles")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *n < 0 || fs.NArg() != 0 {
		return fmt.Errorf("%w: portal gen --companies N [--seed S] [--out FILE]", errUsage)
	}
	// The partner municipalities come along, so that the file imports into
	// an empty database.
	recs, problems, err := interchange.Decode(bytes.NewReader(demo.JSON), nil)
	if err != nil || len(problems) > 0 {
		return fmt.Errorf("bundled municipalities: %v %v", err, problems)
	}
	doc := interchange.Build(recs.Municipalities, gen.Companies(*n, *seed))
	w := env.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		bw := bufio.NewWriterSize(f, 1<<20)
		defer bw.Flush()
		w = bw
	}
	return interchange.Encode(w, doc)
}

// runHealthcheck asks a running portal's /healthz; the container image uses
// it as its HEALTHCHECK, so the image needs no curl or wget.
func runHealthcheck(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("healthcheck", env)
	url := fs.String("url", "http://127.0.0.1:8080/healthz", "health endpoint to ask")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func runBackup(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("backup", env)
	var set settings
	set.register(fs, env)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: portal backup [--db PATH] FILE", errUsage)
	}
	st, err := store.Open(set.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	// Check the copy before calling it a backup.
	bk, err := store.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer bk.Close()
	report, err := bk.IntegrityCheck(ctx)
	if err != nil {
		return err
	}
	if report != "ok" {
		return fmt.Errorf("backup %s failed its integrity check: %s", fs.Arg(0), report)
	}
	fmt.Fprintf(env.Stdout, "backup written to %s (integrity ok)\n", fs.Arg(0))
	return nil
}
