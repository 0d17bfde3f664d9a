// Package cli is the portal's command line: `portal [serve]`, `portal import`,
// `portal export` and the other subcommands. cmd/portal only calls Main, so
// tests can run every subcommand in-process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Env is what a command may use of its surroundings.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	StdinIsTTY     bool
}

type command struct {
	name, usage string
	run         func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web portal (default)", runServe},
		{"import", "import FILE: load companies and municipalities from an interchange JSON file", runImport},
		{"export", "export [--out FILE]: write all companies and municipalities as interchange JSON", runExport},
		{"match", "match --ref REF [--k 10] [--json] [--lang en]: print the suggested partners and municipalities of one company", runMatch},
		{"evaluate", "evaluate FILE: import a labelled set into a temporary database and print recall@5, mrr, municipality_top1, municipality_top3", runEvaluate},
		{"gen", "gen --companies N [--out FILE]: generate random realistic profiles for benchmarks", runGen},
		{"user", "user add --email E --role desk|staff|admin [--municipality KEY]: create an agency account (password prompted, or read from standard input)", runUser},
		{"totp-code", "totp-code [SECRET]: print the current two-factor code (default: the demo accounts' key)", runTOTPCode},
		{"copydb", "copydb --from DSN --to DSN: copy a whole installation into an empty database (e.g. SQLite to PostgreSQL), verified", runCopyDB},
		{"backup", "backup FILE: write a consistent copy of the SQLite database while the portal serves", runBackup},
		{"healthcheck", "healthcheck [--url URL]: exit 0 when a running portal answers /healthz (for containers)", runHealthcheck},
	}
}

// errUsage marks an error in how the command was called (exit code 2).
var errUsage = errors.New("usage")

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, env Env) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		usage(env.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name {
			err := c.run(ctx, env, args)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				fmt.Fprintln(env.Stderr, "portal "+name+":", err)
				return 2
			default:
				fmt.Fprintln(env.Stderr, "portal "+name+":", err)
				return 1
			}
		}
	}
	fmt.Fprintf(env.Stderr, "portal: unknown command %q\n\n", name)
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: portal [command] [flags]\n\nCommands:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun 'portal COMMAND -h' for the flags of a command.")
}

// settings are the options shared by all commands, from flags or the
// environment (flags win).
type settings struct {
	db        string
	logFormat string
	logLevel  string
}

func (s *settings) register(fs *flag.FlagSet, env Env) {
	fs.StringVar(&s.db, "db", envOr(env, "PORTAL_DB", "./data/portal.db"), "database: a file path, sqlite:PATH or postgres://… (env PORTAL_DB)")
	fs.StringVar(&s.logFormat, "log-format", envOr(env, "PORTAL_LOG_FORMAT", "text"), "log format: text or json (env PORTAL_LOG_FORMAT)")
	fs.StringVar(&s.logLevel, "log-level", envOr(env, "PORTAL_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env PORTAL_LOG_LEVEL)")
}

func (s *settings) logger(w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(s.logLevel))
	opts := &slog.HandlerOptions{Level: level}
	if s.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func envOr(env Env, key, def string) string {
	if v := env.Getenv(key); v != "" {
		return v
	}
	return def
}

func envBool(env Env, key string, def bool) bool {
	switch strings.ToLower(env.Getenv(key)) {
	case "1", "true", "yes", "on":
		return true
	case "0", "false", "no", "off":
		return false
	}
	return def
}

func envDuration(env Env, key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(env.Getenv(key)); err == nil {
		return d
	}
	return def
}

func envInt(env Env, key string, def int) int {
	if n, err := strconv.Atoi(env.Getenv(key)); err == nil {
		return n
	}
	return def
}

func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet("portal "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}
