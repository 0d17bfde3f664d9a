package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/app"
	"kakehashi/internal/gen"
	"kakehashi/internal/interchange"
	"kakehashi/internal/store"
	"kakehashi/web"
)

// BenchmarkPages measures the server-side cost of the load-test scenarios
// (scripts/loadtest) without the network: the router, middleware, handler
// and rendering, on generated companies. It complements the wrk runs, where
// the load generator shares the machine, by attributing cost per page:
//
//	go test ./web -run '^$' -bench Pages -benchtime 2000x -cpuprofile cpu.out
//
// KAKEHASHI_BENCH_DB names a database filled by `portal import` (e.g. the
// load test's cached /tmp/kk-loadtest-cache/sqlite-100000.db, copied first: the
// benchmark adds a user); without it 2,000 companies are generated.
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	dsn := os.Getenv("KAKEHASHI_BENCH_DB")
	n := 2000
	if dsn == "" {
		dsn = b.TempDir() + "/bench.db"
	}
	st, err := store.Open(dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	a := app.New(st, app.DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if c, _ := st.CountCompanies(ctx); c == 0 {
		if err := a.LoadDemo(ctx); err != nil {
			b.Fatal(err)
		}
		recs := &interchange.Records{Companies: gen.Companies(n, 1)}
		if _, errs, err := a.ImportRecords(ctx, recs); err != nil || len(errs) > 0 {
			b.Fatal(err, errs)
		}
	} else {
		n = int(c)
	}
	if err := a.LoadIndexes(ctx); err != nil {
		b.Fatal(err)
	}
	a.WarmSimilar(ctx) // as `portal serve` does in the background after start
	h := web.New(a, web.Config{}, a.Log).Handler()

	// a signed-in company user, as in S4
	co, err := st.CompanyByRef(ctx, "gen-000001")
	if err != nil {
		b.Fatal(err)
	}
	hash, _ := account.HashPassword("bench-password-2026")
	now := time.Now().UTC()
	u := account.User{Email: fmt.Sprintf("bench%d@load.example", now.UnixNano()), PasswordHash: hash, Role: account.RoleCompany,
		CompanyID: co.ID, Lang: "en", EmailConfirmedAt: now, ConsentAt: now, ConsentVersion: "bench"}
	if err := st.CreateUser(ctx, &u); err != nil {
		b.Fatal(err)
	}
	token, err := a.StartSession(ctx, u.ID)
	if err != nil {
		b.Fatal(err)
	}
	session := &http.Cookie{Name: "kk_session", Value: token}

	words := []string{"Optik", "Sensor", "Medizintechnik", "Wasserstoff", "battery", "laser", "光学", "半導体"}
	for _, sc := range []struct {
		name string
		path func(i int) string
		auth bool
	}{
		{"S0-healthz", func(int) string { return "/healthz" }, false},
		{"S1-profile", func(i int) string { return fmt.Sprintf("/en/companies/gen-%06d", 1+(i*7919)%n) }, false},
		// a query string keeps the page out of the page cache: the cost of a first view
		{"S1-profile-rendered", func(i int) string { return fmt.Sprintf("/en/companies/gen-%06d?v=1", 1+(i*7919)%n) }, false},
		{"S2-directory50", func(i int) string {
			return "/en/companies?per_page=50&page=" + strconv.Itoa(1+i%max(1, min(100, n/50)))
		}, false},
		{"S3-search", func(i int) string { return "/en/companies?q=" + url.QueryEscape(words[i%len(words)]) }, false},
		{"S4-suggestions", func(int) string { return "/en/account/suggestions" }, true},
	} {
		b.Run(sc.name, func(b *testing.B) {
			bytes := 0
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest(http.MethodGet, sc.path(i), nil)
				if sc.auth {
					req.AddCookie(session)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || (sc.auth && !strings.Contains(rec.Body.String(), "logout")) {
					b.Fatalf("%s: status %d", sc.path(i), rec.Code)
				}
				bytes += rec.Body.Len()
			}
			b.ReportMetric(float64(bytes)/float64(b.N), "B/page")
		})
	}
}
