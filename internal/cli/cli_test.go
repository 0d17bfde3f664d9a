package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kakehashi/internal/company"
	"kakehashi/internal/store"
	"kakehashi/internal/store/storetest"
)

// The command line's tests run on SQLite and, with a PostgreSQL DSN, on
// PostgreSQL.
func TestMain(m *testing.M) { os.Exit(storetest.RunBoth(m)) }

// run calls the command line in-process like the binary would.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" },
	})
	return code, out.String(), errb.String()
}

const devSet = "../../testdata/dev-set.json"

func TestImportDevSetAndRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := storetest.DSN(t), storetest.DSN(t)

	code, out, errs := run(t, "", "import", "--db", db1, devSet)
	if code != 0 {
		t.Fatalf("import dev set: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "imported 7 municipalities and 92 companies") {
		t.Errorf("import output %q", out)
	}
	// Idempotent: importing again updates, never duplicates.
	if code, _, errs := run(t, "", "import", "--db", db1, devSet); code != 0 {
		t.Fatalf("second import: %s", errs)
	}
	code, first, errs := run(t, "", "export", "--db", db1)
	if code != 0 {
		t.Fatalf("export: %s", errs)
	}
	var doc struct {
		Municipalities []json.RawMessage `json:"municipalities"`
		Companies      []json.RawMessage `json:"companies"`
	}
	if err := json.Unmarshal([]byte(first), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Municipalities) != 7 || len(doc.Companies) != 92 {
		t.Fatalf("export has %d municipalities, %d companies", len(doc.Municipalities), len(doc.Companies))
	}
	// export → import into an empty database → export gives the same JSON.
	exported := filepath.Join(dir, "export.json")
	if code, _, errs := run(t, "", "export", "--db", db1, "--out", exported); code != 0 {
		t.Fatalf("export --out: %s", errs)
	}
	if code, _, errs := run(t, "", "import", "--db", db2, exported); code != 0 {
		t.Fatalf("import export: %s", errs)
	}
	_, second, _ := run(t, "", "export", "--db", db2)
	if first != second {
		t.Fatal("export → import → export changed the JSON")
	}
	fromFile, _ := os.ReadFile(exported)
	if string(fromFile) != first {
		t.Fatal("--out differs from standard output")
	}
}

func TestImportRejectsInvalidFileWholly(t *testing.T) {
	db := storetest.DSN(t)
	bad := `{"municipalities":[{"key":"essen","name":"Essen","agency":"EWG","description":{"de":"x"}}],
	 "companies":[
	  {"ref":"ok-1","name":"Gut GmbH","region":"nrw","sectors":["C26"],"description":{"de":"gut"}},
	  {"ref":"Bad Ref","name":"","region":"mars","sectors":["Z99"],"description":{}},
	  {"ref":"ok-2","name":"Mail KG","region":"nrw","municipality":"nowhere","sectors":["C26"],"description":{"de":"x"},"contact":{"email":"no-at"}},
	  {"ref":"ok-3","name":"Typo AG","region":"nrw","founded":"1990","sectors":["C26"],"description":{"de":"x"}}
	 ]}`
	code, out, errs := run(t, bad, "import", "--db", db, "-")
	if code == 0 {
		t.Fatalf("invalid file imported: %s", out)
	}
	for _, want := range []string{
		"companies[1] ref=Bad Ref field=ref", "companies[1] ref=Bad Ref field=name", "field=region", "field=sectors",
		"companies[2] ref=ok-2 field=municipality", "field=contact.email", "companies[3]", "nothing was imported",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("report lacks %q:\n%s", want, errs)
		}
	}
	_, exported, _ := run(t, "", "export", "--db", db)
	if strings.Contains(exported, "ok-1") || strings.Contains(exported, "essen") {
		t.Fatal("part of an invalid file was written")
	}
}

func TestUsage(t *testing.T) {
	if code, _, _ := run(t, "", "nonsense"); code != 2 {
		t.Errorf("unknown command: exit %d", code)
	}
	if code, _, _ := run(t, "", "import"); code != 2 {
		t.Errorf("import without file: exit %d", code)
	}
	if code, out, _ := run(t, "", "help"); code != 0 || !strings.Contains(out, "export") {
		t.Errorf("help: %d %q", code, out)
	}
}

func TestEvaluateAndMatch(t *testing.T) {
	code, out, errs := run(t, "", "evaluate", devSet)
	if code != 0 {
		t.Fatalf("evaluate: %s", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i, name := range []string{"recall@5", "mrr", "municipality_top1", "municipality_top3"} {
		if i >= len(lines) || !strings.HasPrefix(lines[i], name+": ") {
			t.Fatalf("evaluate output %q", out)
		}
	}
	// The targets of the matching issue on the development set.
	var recall, mrr, top1, top3 float64
	if _, err := fmt.Sscanf(out, "recall@5: %f\nmrr: %f\nmunicipality_top1: %f\nmunicipality_top3: %f", &recall, &mrr, &top1, &top3); err != nil {
		t.Fatal(err)
	}
	if recall < 0.95 || mrr < 0.85 || top1 < 0.90 || top3 < 1 {
		t.Errorf("quality below target: %s", out)
	}

	db := storetest.DSN(t)
	if code, _, errs := run(t, "", "import", "--db", db, devSet); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs = run(t, "", "match", "--db", db, "--ref", "tokyo-001", "--k", "3", "--json")
	if code != 0 {
		t.Fatalf("match: %s", errs)
	}
	var res struct {
		Company  string `json:"company"`
		Partners []struct {
			Ref     string   `json:"ref"`
			Name    string   `json:"name"`
			Score   float64  `json:"score"`
			Reasons []string `json:"reasons"`
		} `json:"partners"`
		Municipalities []struct {
			Key     string   `json:"key"`
			Score   float64  `json:"score"`
			Reasons []string `json:"reasons"`
		} `json:"municipalities"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("match JSON: %v\n%s", err, out)
	}
	if res.Company != "tokyo-001" || len(res.Partners) != 3 || len(res.Municipalities) != 7 {
		t.Fatalf("match: %+v", res)
	}
	for i, p := range res.Partners {
		if !strings.HasPrefix(p.Ref, "nrw-") || p.Name == "" || len(p.Reasons) == 0 || (i > 0 && p.Score > res.Partners[i-1].Score) {
			t.Errorf("partner %d: %+v", i, p)
		}
	}
	for _, m := range res.Municipalities {
		if m.Key == "nrw-global-business" {
			t.Error("the desk is listed among the municipalities")
		}
	}
	if code, _, _ := run(t, "", "match", "--db", db, "--ref", "no-such"); code == 0 {
		t.Error("unknown ref accepted")
	}
}

func TestUserAdd(t *testing.T) {
	db := storetest.DSN(t)
	if code, _, errs := run(t, "", "import", "--db", db, devSet); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, "eine sehr lange passphrase\n", "user", "add", "--db", db, "--email", "Anna@Example.org", "--role", "staff", "--municipality", "essen")
	if code != 0 || !strings.Contains(out, "created staff account anna@example.org") {
		t.Fatalf("user add: %d %s %s", code, out, errs)
	}
	for _, tt := range []struct {
		name, stdin string
		args        []string
	}{
		{"staff without municipality", "eine sehr lange passphrase\n", []string{"--email", "b@example.org", "--role", "staff"}},
		{"unknown role", "eine sehr lange passphrase\n", []string{"--email", "c@example.org", "--role", "boss"}},
		{"short password", "kurz\n", []string{"--email", "d@example.org", "--role", "admin"}},
		{"taken address", "eine sehr lange passphrase\n", []string{"--email", "anna@example.org", "--role", "admin"}},
		{"no password", "", []string{"--email", "e@example.org", "--role", "admin"}},
	} {
		args := append([]string{"user", "add", "--db", db}, tt.args...)
		if code, _, _ := run(t, tt.stdin, args...); code == 0 {
			t.Errorf("%s: accepted", tt.name)
		}
	}
}

// A backup taken while writes go on is sound; restoring it (copying the file
// into place) gives a database with the same rows as the source had.
func TestBackupWhileWritingAndRestore(t *testing.T) {
	if storetest.Backend() != "sqlite" {
		t.Skip("SQLite-only: portal backup copies a SQLite file (VACUUM INTO); PostgreSQL is backed up with its own tools")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	if code, _, errs := run(t, "", "import", "--db", db, devSet); code != 0 {
		t.Fatal(errs)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	stop := make(chan struct{})
	done := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				done <- n
				return
			default:
			}
			c := company.Company{Ref: fmt.Sprintf("w-%05d", n), Name: "Writer GmbH", Region: company.RegionNRW, Sectors: []string{"C26"}, Description: company.Texts{"de": "x"}}
			if err := st.SaveCompany(ctx, &c); err != nil {
				t.Error(err)
			}
			n++
		}
	}()
	backup := filepath.Join(dir, "backup.db")
	code, out, errs := run(t, "", "backup", "--db", db, backup)
	close(stop)
	<-done
	if code != 0 || !strings.Contains(out, "integrity ok") {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	if code, _, _ := run(t, "", "backup", "--db", db, backup); code == 0 {
		t.Error("backup overwrote an existing file")
	}

	// Restore: with writes stopped, a fresh backup equals the source row for row.
	backup2 := filepath.Join(dir, "backup2.db")
	if code, _, errs := run(t, "", "backup", "--db", db, backup2); code != 0 {
		t.Fatal(errs)
	}
	restored := filepath.Join(dir, "restored.db")
	data, _ := os.ReadFile(backup2)
	if err := os.WriteFile(restored, data, 0o600); err != nil {
		t.Fatal(err)
	}
	rs, err := store.Open(restored)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if rep, err := rs.IntegrityCheck(ctx); err != nil || rep != "ok" {
		t.Fatalf("restored integrity: %s %v", rep, err)
	}
	want, _ := st.RowCounts(ctx)
	got, err := rs.RowCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for table, n := range want {
		if got[table] != n {
			t.Errorf("%s: %d rows restored, source has %d", table, got[table], n)
		}
	}
	if want["companies"] <= 92 {
		t.Error("the writer wrote nothing")
	}
}
