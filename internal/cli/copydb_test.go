package cli

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/app"
	"kakehashi/internal/cases"
	"kakehashi/internal/store"
	"kakehashi/internal/store/storetest"
)

// demoInstallation writes a SQLite file with the demo data and an
// introduction that led to a meeting (so that export --judgements reads
// cases and outcomes too).
func demoInstallation(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "portal.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := app.New(st, app.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil))).LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	tokyo, err := st.CompanyByRef(ctx, "tokyo-001")
	if err != nil {
		t.Fatal(err)
	}
	nrw, err := st.CompanyByRef(ctx, "nrw-001")
	if err != nil {
		t.Fatal(err)
	}
	owner, err := st.UserByCompany(ctx, tokyo.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, events, err := cases.NewRequest(cases.ActorOf(&owner), cases.SideTokyo, nrw.ID, "はじめまして", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateCase(ctx, c, events); err != nil {
		t.Fatal(err)
	}
	if err := st.AddOutcome(ctx, &store.Outcome{CaseID: c.ID, CompanyID: tokyo.ID, UserID: &owner.ID, Kind: "meeting"}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCopyDB(t *testing.T) {
	src := demoInstallation(t)
	dst := storetest.DSN(t)

	code, out, errs := run(t, "", "copydb", "--from", src, "--to", dst)
	if code != 0 {
		t.Fatalf("copydb: exit %d\n%s", code, errs)
	}
	// every table but schema_migrations (PersonalColumns lists them all; a test keeps it complete)
	for _, want := range []string{`(?m)^companies +80$`, `(?m)^municipalities +8$`, `(?m)^users +8$`, `(?m)^case_outcomes +1$`,
		`copied \d+ rows in ` + strconv.Itoa(len(store.PersonalColumns)-1) + ` tables from sqlite to ` + storetest.Backend() + `.*row counts and checksums verified`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("summary lacks %s:\n%s", want, out)
		}
	}

	export := func(db string) string {
		t.Helper()
		code, out, errs := run(t, "", "export", "--judgements", "--db", db)
		if code != 0 {
			t.Fatalf("export %s: %s", db, errs)
		}
		return out
	}
	want := export(src)
	if !strings.Contains(want, `"judgements"`) || !strings.Contains(want, "tokyo-001") {
		t.Fatalf("the source's export lacks the judgement:\n%.300s", want)
	}
	if got := export(dst); got != want {
		t.Error("the copy exports differently from the source")
	}

	// Never into a database that holds rows.
	if code, _, errs := run(t, "", "copydb", "--from", src, "--to", dst); code != 1 || !strings.Contains(errs, "not empty") {
		t.Errorf("copy into a filled database: exit %d %s", code, errs)
	}
	// Back from the copy (PostgreSQL → SQLite on the PostgreSQL pass).
	back := filepath.Join(t.TempDir(), "back.db")
	if code, _, errs := run(t, "", "copydb", "--from", dst, "--to", "sqlite:"+back); code != 0 {
		t.Fatalf("copy back: %s", errs)
	}
	if got := export(back); got != want {
		t.Error("the copy of the copy exports differently")
	}
}

func TestCopyDBUsage(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if code, _, errs := run(t, "", "copydb", "--from", missing, "--to", filepath.Join(dir, "to.db")); code != 1 || !strings.Contains(errs, "source") {
		t.Errorf("missing source: exit %d %s", code, errs)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a missing source file was created")
	}
	for _, args := range [][]string{{"--from", "a.db"}, {"--to", "b.db"}, {"--from", "a.db", "--to", "a.db"}, {"--from", "a.db", "--to", "b.db", "extra"}} {
		if code, _, _ := run(t, "", append([]string{"copydb"}, args...)...); code != 2 {
			t.Errorf("copydb %v: exit %d, want 2", args, code)
		}
	}
}
