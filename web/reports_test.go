package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"kakehashi/internal/app"
	"kakehashi/internal/company"
	"kakehashi/internal/csvout"
	"kakehashi/internal/i18n"
)

// readCSV checks that p is a CSV download with a BOM and returns its records.
func readCSV(t *testing.T, p *page, what string) [][]string {
	t.Helper()
	if p.status != http.StatusOK {
		t.Fatalf("%s: status %d", what, p.status)
	}
	if ct := p.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("%s: Content-Type %q", what, ct)
	}
	disp := p.header.Get("Content-Disposition")
	if !regexp.MustCompile(`^attachment; filename="kakehashi-` + what + `(-[a-z-]+)?-\d{4}-\d{2}-\d{2}\.csv"$`).MatchString(disp) {
		t.Errorf("%s: Content-Disposition %q", what, disp)
	}
	body, ok := strings.CutPrefix(p.body, csvout.BOM)
	if !ok {
		t.Fatalf("%s: no byte-order mark", what)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: no header", what)
	}
	return recs
}

func column(t *testing.T, recs [][]string, name string) int {
	t.Helper()
	for i, h := range recs[0] {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %q", name, recs[0])
	return -1
}

func TestCompaniesCSV(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	all, err := h.app.Store.AllCompanies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	koelnRefs := map[string]bool{}
	for _, c := range all {
		if c.Municipality == "koeln" {
			koelnRefs[c.Ref] = true
		}
	}
	if len(koelnRefs) == 0 {
		t.Fatal("demo data has no Köln companies")
	}

	desk := signIn(h, "desk@nrw-global-business.example")
	recs := readCSV(t, desk.get("/de/staff/companies.csv"), "companies")
	if recs[0][0] != "Referenz" || recs[0][len(recs[0])-1] != i18n.T("de", "report.csv.completeness") {
		t.Errorf("header not in German: %q", recs[0])
	}
	if len(recs)-1 != len(all) {
		t.Errorf("desk export has %d rows, want %d", len(recs)-1, len(all))
	}
	refs := map[string][]string{}
	for _, r := range recs[1:] {
		if len(r) != len(recs[0]) {
			t.Fatalf("row of %d cells: %q", len(r), r)
		}
		refs[r[0]] = r
	}
	if refs["nrw-001"] == nil || refs["tokyo-001"] == nil {
		t.Fatal("demo companies missing from the export")
	}
	if got := refs["tokyo-001"][column(t, recs, "Region")]; got != "Tokio" {
		t.Errorf("region of tokyo-001: %q", got)
	}
	body := desk.get("/de/staff/companies.csv").body
	for _, c := range all {
		for _, personal := range []string{c.Contact.Email, c.Contact.Phone} {
			if personal != "" && strings.Contains(body, personal) {
				t.Fatalf("export contains contact data of %s", c.Ref)
			}
		}
	}
	if strings.Contains(body, "@") {
		t.Error("export contains an e-mail address")
	}

	// Municipal staff get their municipality's companies only, whatever
	// they put into the URL.
	koeln := signIn(h, "staff@koeln.example")
	for _, path := range []string{"/en/staff/companies.csv", "/en/staff/companies.csv?municipality=aachen"} {
		recs := readCSV(t, koeln.get(path), "companies")
		if recs[0][0] != "Reference" {
			t.Errorf("header not in English: %q", recs[0])
		}
		if len(recs)-1 != len(koelnRefs) {
			t.Errorf("%s: %d rows, want %d", path, len(recs)-1, len(koelnRefs))
		}
		muni := column(t, recs, "Municipality")
		for _, r := range recs[1:] {
			if !koelnRefs[r[0]] || r[muni] != "Köln" {
				t.Errorf("%s: Köln staff export has %s (%s)", path, r[0], r[muni])
			}
		}
	}

	// The desk may narrow the export to one municipality.
	p := desk.get("/ja/staff/companies.csv?municipality=koeln")
	recs = readCSV(t, p, "companies")
	if len(recs)-1 != len(koelnRefs) || !strings.Contains(p.header.Get("Content-Disposition"), "-koeln-") {
		t.Errorf("desk Köln export: %d rows, %q", len(recs)-1, p.header.Get("Content-Disposition"))
	}
	if recs[0][0] != "参照ID" {
		t.Errorf("header not in Japanese: %q", recs[0])
	}
}

// signIn returns a browser signed in as email. Desk and admin accounts use
// one-time codes, so each test signs every account in once and reuses it.
func signIn(h *harness, email string) *browser {
	h.t.Helper()
	b := h.browser("en")
	b.login(email, app.DemoPassword)
	return b
}

// driveCase has tokyo-001 request nrw-001, the desk assign it to Aachen and
// Aachen approve it; it returns the case path below the language.
func driveCase(t *testing.T, tokyo, desk, aachen *browser) string {
	t.Helper()
	p := tokyo.post("/ja/companies/nrw-001/introductions", url.Values{"message": {"よろしくお願いします。"}})
	if p.status != 200 || !strings.Contains(p.url.Path, "/cases/") {
		t.Fatalf("request: %d %s", p.status, p.url)
	}
	path := strings.TrimPrefix(p.url.Path, "/ja")
	if p := desk.post("/en"+path+"/actions", url.Values{"action": {"assign"}, "municipality": {"aachen"}}); p.status != 200 {
		t.Fatalf("assign: %d", p.status)
	}
	if p := aachen.post("/de"+path+"/actions", url.Values{"action": {"approve"}}); p.status != 200 {
		t.Fatalf("approve: %d", p.status)
	}
	return path
}

func TestCasesCSV(t *testing.T) {
	h := newHarness(t, true)
	desk := signIn(h, "desk@nrw-global-business.example")
	aachen := signIn(h, "staff@aachen.example")
	path := driveCase(t, signIn(h, "tokyo@company.example"), desk, aachen)
	id := path[strings.LastIndex(path, "/")+1:]

	recs := readCSV(t, desk.get("/en/staff/cases.csv"), "cases")
	want := []string{"Case no.", "State", "State since (UTC)", "Created (UTC)", "First response (UTC)", "Municipality",
		"Tokyo company: reference", "Tokyo company: name", "NRW company: reference", "NRW company: name",
		"Requested by (reference)", "Overdue"}
	if strings.Join(recs[0], "|") != strings.Join(want, "|") {
		t.Errorf("header %q", recs[0])
	}
	if len(recs) != 2 {
		t.Fatalf("desk export has %d rows, want 1", len(recs)-1)
	}
	r := recs[1]
	if r[0] != id || r[1] != i18n.T("en", "state.proposed") || r[5] != "Aachen" || r[6] != "tokyo-001" || r[8] != "nrw-001" || r[10] != "tokyo-001" || r[11] != "no" {
		t.Errorf("row %q", r)
	}
	for _, i := range []int{2, 3, 4} {
		if tm, err := time.Parse(time.RFC3339, r[i]); err != nil || tm.Location() != time.UTC {
			t.Errorf("column %s: %q is not UTC ISO 8601", recs[0][i], r[i])
		}
	}
	if r[7] == "" || r[9] == "" {
		t.Errorf("company names missing: %q", r)
	}

	if recs := readCSV(t, aachen.get("/de/staff/cases.csv"), "cases"); len(recs) != 2 || recs[1][1] != i18n.T("de", "state.proposed") {
		t.Errorf("Aachen export: %q", recs)
	}
	koeln := signIn(h, "staff@koeln.example")
	if recs := readCSV(t, koeln.get("/de/staff/cases.csv"), "cases"); len(recs) != 1 {
		t.Errorf("Köln export lists Aachen's case: %q", recs)
	}
	// The queue's filters apply to the export.
	if recs := readCSV(t, desk.get("/en/staff/cases.csv?state=triage"), "cases"); len(recs) != 1 {
		t.Errorf("state filter ignored: %q", recs)
	}
}

func TestReportsAccess(t *testing.T) {
	h := newHarness(t, true)
	paths := []string{"/en/staff/companies", "/en/staff/companies.csv", "/en/staff/cases.csv", "/en/staff/dashboard"}
	for _, email := range []string{"tokyo@company.example", "nrw@company.example"} {
		b := signIn(h, email)
		for _, p := range paths {
			if got := b.get(p); got.status != http.StatusForbidden || strings.HasPrefix(got.body, csvout.BOM) {
				t.Errorf("%s %s: %d", email, p, got.status)
			}
		}
	}
	anon := h.browser("en")
	for _, p := range paths {
		if got := anon.get(p); !strings.HasSuffix(got.url.Path, "/login") {
			t.Errorf("anonymous %s ended at %s (%d)", p, got.url, got.status)
		}
	}
}

func TestStaffCompanies(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	n, _ := h.app.Store.CountCompanies(ctx)

	desk := signIn(h, "desk@nrw-global-business.example")
	p := desk.get("/en/staff/companies")
	rows := p.doc.Find("[data-testid=staff-companies] tbody tr")
	if p.status != 200 || rows.Length() != min(int(n), app.StaffPageSize) {
		t.Fatalf("desk page 1: %d, %d rows", p.status, rows.Length())
	}
	if href, _ := rows.First().Find("th a").Attr("href"); !strings.HasPrefix(href, "/en/companies/") {
		t.Errorf("name not linked to the profile: %q", href)
	}
	if n > app.StaffPageSize {
		next, ok := p.doc.Find(".pager a[rel=next]").Attr("href")
		if !ok || next != "/en/staff/companies?page=2" {
			t.Fatalf("next link %q", next)
		}
		p2 := desk.get(next)
		if got := p2.doc.Find("[data-testid=staff-companies] tbody tr").Length(); got != int(n)-app.StaffPageSize {
			t.Errorf("page 2 has %d rows", got)
		}
	}
	// The desk filters by municipality; the filter stays in the export link.
	p = desk.get("/en/staff/companies?municipality=koeln")
	if href, _ := p.doc.Find("[data-testid=companies-csv]").Attr("href"); href != "/en/staff/companies.csv?municipality=koeln" {
		t.Errorf("export link %q", href)
	}
	koelnRows := p.doc.Find("[data-testid=staff-companies] tbody tr").Length()
	if koelnRows == 0 || p.doc.Find("#r-municipality option[selected]").AttrOr("value", "") != "koeln" {
		t.Errorf("desk Köln filter: %d rows", koelnRows)
	}

	koeln := signIn(h, "staff@koeln.example")
	p = koeln.get("/de/staff/companies?municipality=aachen")
	if p.doc.Find("#r-municipality").Length() != 0 {
		t.Error("municipal staff get a municipality filter")
	}
	p.doc.Find("[data-testid=staff-companies] tbody th a").Each(func(_ int, s *goquery.Selection) {
		ref := strings.TrimPrefix(s.AttrOr("href", ""), "/de/companies/")
		c, err := h.app.Store.CompanyByRef(ctx, ref)
		if err != nil || c.Municipality != "koeln" || c.Region != company.RegionNRW {
			t.Errorf("Köln staff list %s (%s)", ref, c.Municipality)
		}
	})
	if got := p.doc.Find("[data-testid=staff-companies] tbody tr").Length(); got != koelnRows {
		t.Errorf("Köln staff see %d companies, the desk's Köln filter %d", got, koelnRows)
	}
}

// stateCount reads the cases-by-state chart's table.
func stateCount(p *page, state string) string {
	var v string
	p.doc.Find("#case-states table tbody tr").Each(func(_ int, s *goquery.Selection) {
		if strings.TrimSpace(s.Find("th").Text()) == state {
			v = strings.TrimSpace(s.Find("td").First().Text())
		}
	})
	return v
}

func TestDashboard(t *testing.T) {
	h := newHarness(t, true)
	users := map[string]*browser{}
	for _, who := range []string{"desk@nrw-global-business.example", "staff@koeln.example", "admin@kakehashi.example"} {
		users[who] = signIn(h, who)
		for _, lang := range i18n.Langs {
			p := users[who].get("/" + lang + "/staff/dashboard")
			if p.status != 200 {
				t.Fatalf("%s %s: %d", who, lang, p.status)
			}
			if n := p.doc.Find("[data-testid=chart]").Length(); n != 4 {
				t.Errorf("%s %s: %d charts", who, lang, n)
			}
			if n := p.doc.Find("svg[role=img]").Length(); n < 3 {
				t.Errorf("%s %s: %d SVG images", who, lang, n)
			}
			if n := p.doc.Find("table[data-testid=chart-table]").Length(); n < 3 {
				t.Errorf("%s %s: %d data tables", who, lang, n)
			}
			if strings.Contains(p.body, "[report.") || strings.Contains(p.body, "[chart.") {
				t.Errorf("%s %s: untranslated key", who, lang)
			}
			if p.doc.Find(`nav a[href="/`+lang+`/staff/dashboard"]`).Length() != 1 {
				t.Errorf("%s %s: no dashboard link in the navigation", who, lang)
			}
			if p.doc.Find("script:not([src])").Length() != 0 {
				t.Errorf("%s %s: inline script", who, lang)
			}
		}
	}
	// Demo companies registered this month show up in the last bar.
	p := users["desk@nrw-global-business.example"].get("/en/staff/dashboard")
	last := p.doc.Find("#registrations table tbody tr").Last().Find("td")
	if last.Length() != 2 || last.First().Text() == "0" || last.Last().Text() == "0" {
		t.Errorf("registrations this month: %q", last.Text())
	}
	if p.doc.Find("[data-testid=first-response-value]").Length() != 0 {
		t.Error("median first response without any response")
	}
	// A company user sees no dashboard link.
	if signIn(h, "nrw@company.example").get("/en/account").doc.Find(`a[href="/en/staff/dashboard"]`).Length() != 0 {
		t.Error("company user gets the dashboard link")
	}
}

func TestDashboardCountsCases(t *testing.T) {
	h := newHarness(t, true)
	users := map[string]*browser{}
	for _, who := range []string{"desk@nrw-global-business.example", "staff@aachen.example", "staff@koeln.example"} {
		users[who] = signIn(h, who)
	}
	driveCase(t, signIn(h, "tokyo@company.example"), users["desk@nrw-global-business.example"], users["staff@aachen.example"])

	for _, tt := range []struct {
		who, lang   string
		wantCase    bool
		proposedKey string
	}{
		{"desk@nrw-global-business.example", "en", true, i18n.T("en", "state.proposed")},
		{"staff@aachen.example", "de", true, i18n.T("de", "state.proposed")},
		{"staff@koeln.example", "ja", false, i18n.T("ja", "state.proposed")},
	} {
		p := users[tt.who].get("/" + tt.lang + "/staff/dashboard")
		got := stateCount(p, tt.proposedKey)
		value := p.doc.Find("[data-testid=first-response-value]")
		basis := p.text("[data-testid=first-response-basis]")
		if tt.wantCase {
			if got != "1" {
				t.Errorf("%s: proposed = %q", tt.who, got)
			}
			if value.Length() != 1 || !strings.HasSuffix(basis, "1") && !strings.Contains(basis, "1件") {
				t.Errorf("%s: first response %q, basis %q", tt.who, value.Text(), basis)
			}
		} else {
			if got != "0" || value.Length() != 0 {
				t.Errorf("%s sees Aachen's case: proposed %q, median %q", tt.who, got, value.Text())
			}
		}
	}
	// The case was answered within seconds: the median is shown in minutes.
	if v := users["desk@nrw-global-business.example"].get("/en/staff/dashboard").text("[data-testid=first-response-value]"); v != "0 minutes" {
		t.Errorf("median %q", v)
	}
}
