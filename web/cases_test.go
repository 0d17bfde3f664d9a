package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"kakehashi/internal/app"
	"kakehashi/internal/cases"
	"kakehashi/internal/interchange"
	"kakehashi/internal/store"
)

// A Tokyo firm, the desk, a municipality and an NRW firm go through a whole
// case, each in its own language.
func TestWholeIntroductionCase(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	tokyo := h.browser("ja")
	tokyo.login("tokyo@company.example", app.DemoPassword)
	nrw := h.browser("de")
	nrw.login("nrw@company.example", app.DemoPassword)
	desk := h.browser("en")
	desk.login("desk@nrw-global-business.example", app.DemoPassword)
	aachen := h.browser("de")
	aachen.login("staff@aachen.example", app.DemoPassword)
	koeln := h.browser("de")
	koeln.login("staff@koeln.example", app.DemoPassword)

	// The profile of a partner on the other side offers the request form.
	if p := tokyo.get("/ja/companies/nrw-001"); p.doc.Find("#request-introduction form").Length() != 1 {
		t.Fatal("no request form on the partner's profile")
	}
	p := tokyo.post("/ja/companies/nrw-001/introductions", url.Values{"message": {"ドイツでの販売パートナーを探しています。"}})
	if p.status != 200 || !strings.Contains(p.url.Path, "/ja/cases/") {
		t.Fatalf("request: %d %s", p.status, p.url)
	}
	casePath := strings.TrimPrefix(p.url.Path, "/ja")
	if !strings.Contains(p.body, "triage") && !strings.Contains(p.body, "NRW.Global Business") {
		t.Errorf("new case not in triage")
	}
	subject, _, link := h.lastMailTo("desk@nrw-global-business.example")
	if !strings.Contains(subject, "New case") || !strings.Contains(link, "/en"+casePath) {
		t.Errorf("desk mail %q %q", subject, link)
	}
	// The NRW company does not see the case before it is asked; Köln never.
	if p := nrw.get("/de" + casePath); p.status != http.StatusNotFound {
		t.Errorf("partner sees the case in triage: %d", p.status)
	}
	// A request twice is refused.
	if p := tokyo.post("/ja/companies/nrw-001/introductions", url.Values{"message": {"again"}}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("second request: %d", p.status)
	}

	// The desk sees it in its queue and assigns it to Aachen.
	q := desk.get("/en/staff/cases")
	if !strings.Contains(q.body, casePath) {
		t.Fatal("case not in the desk's queue")
	}
	if p := desk.post("/en"+casePath+"/actions", url.Values{"action": {"assign"}, "municipality": {"aachen"}, "note": {"Aachen photonics cluster"}}); p.status != 200 {
		t.Fatalf("assign: %d", p.status)
	}
	if subject, _, _ := h.lastMailTo("staff@aachen.example"); !strings.Contains(subject, "Neuer Vorgang") || !strings.Contains(subject, "府中メタレンズ") {
		t.Errorf("staff mail subject %q", subject)
	}
	if p := koeln.get("/de" + casePath); p.status != http.StatusNotFound {
		t.Errorf("Köln staff see Aachen's case: %d", p.status)
	}
	if strings.Contains(koeln.get("/de/staff/cases").body, casePath) {
		t.Error("Köln's queue lists Aachen's case")
	}
	// Köln staff cannot act on it either.
	if p := koeln.post("/de"+casePath+"/actions", url.Values{"action": {"approve"}}); p.status != http.StatusNotFound {
		t.Errorf("Köln approves: %d", p.status)
	}

	// Aachen approves; the NRW company is asked, in German.
	if p := aachen.post("/de"+casePath+"/actions", url.Values{"action": {"approve"}, "note": {"passt gut"}}); p.status != 200 {
		t.Fatalf("approve: %d", p.status)
	}
	subject, body, _ := h.lastMailTo("nrw@company.example")
	if !strings.Contains(subject, "府中メタレンズ") || !strings.Contains(body, "/de"+casePath) {
		t.Errorf("proposal mail %q\n%s", subject, body)
	}
	pp := nrw.get("/de" + casePath)
	if pp.status != 200 || !strings.Contains(pp.body, "ドイツでの販売パートナーを探しています。") {
		t.Fatalf("partner's view: %d", pp.status)
	}
	tokyoCo, _ := h.app.Store.CompanyByRef(ctx, "tokyo-001")
	nrwCo, _ := h.app.Store.CompanyByRef(ctx, "nrw-001")
	for _, secret := range []string{tokyoCo.Contact.Email, nrwCo.Contact.Email} {
		if strings.Contains(pp.body, secret) || strings.Contains(tokyo.get("/ja"+casePath).body, secret) {
			t.Errorf("contact %s shown before both agreed", secret)
		}
	}
	// Another company can neither see nor answer.
	other := h.browser("en")
	other.login("tokyo@company.example", app.DemoPassword) // the requester cannot accept for the partner
	if p := other.post("/en"+casePath+"/actions", url.Values{"action": {"accept"}}); p.status != http.StatusForbidden {
		t.Errorf("requester accepted for the partner: %d", p.status)
	}

	// The NRW company accepts: both see each other's contact, both get mail.
	if p := nrw.post("/de"+casePath+"/actions", url.Values{"action": {"accept"}}); p.status != 200 {
		t.Fatalf("accept: %d", p.status)
	}
	if p := nrw.get("/de" + casePath); !strings.Contains(p.body, tokyoCo.Contact.Email) {
		t.Error("NRW company does not see the Tokyo contact")
	}
	if p := tokyo.get("/ja" + casePath); !strings.Contains(p.body, nrwCo.Contact.Email) {
		t.Error("Tokyo company does not see the NRW contact")
	}
	if subject, _, _ := h.lastMailTo("tokyo@company.example"); !strings.Contains(subject, nrwCo.Name) {
		t.Errorf("accepted mail to Tokyo: %q", subject)
	}

	// The Tokyo company reports a meeting; the case moves on.
	if p := tokyo.post("/ja"+casePath+"/outcomes", url.Values{"kind": {"meeting"}, "note": {"オンラインで面談"}}); p.status != 200 {
		t.Fatalf("outcome: %d", p.status)
	}
	if p := aachen.post("/de"+casePath+"/actions", url.Values{"action": {"agree"}}); p.status != 200 {
		t.Fatalf("agree: %d", p.status)
	}
	final := desk.get("/en" + casePath)
	var steps []string
	final.doc.Find("[data-testid=timeline] li strong").Each(func(_ int, s *goquery.Selection) { steps = append(steps, s.Text()) })
	want := []string{"Introduction requested", "Introduction requested", "Assigned to a municipality", "Approved", "Accepted", "Meeting held", "Cooperation agreed"}
	if strings.Join(steps, "|") != strings.Join(want, "|") {
		t.Errorf("timeline %q", steps)
	}
	if !strings.Contains(final.body, "Aachen photonics cluster") || !strings.Contains(final.body, "staff@aachen.example") {
		t.Error("timeline lacks notes or actors")
	}
	if !strings.Contains(final.body, "Tokyo") || final.doc.Find("#hours-title").Length() != 1 {
		t.Error("no office-hours overlap")
	}
	// Notifications list in the portal.
	if n := nrw.get("/de/notifications"); n.doc.Find("[data-testid=notifications] li").Length() < 2 {
		t.Error("NRW company has no notifications")
	}

	// The outcome feeds the match evaluation: an export with judgements
	// holds this pair and is a valid labelled set.
	var buf bytes.Buffer
	if err := h.app.Export(ctx, &buf, true); err != nil {
		t.Fatal(err)
	}
	recs, problems, err := interchange.Decode(&buf, nil)
	if err != nil || len(problems) > 0 {
		t.Fatalf("export with judgements is not a valid labelled set: %v %v", err, problems)
	}
	found := false
	for _, j := range recs.Judgements {
		found = found || (j.Company == "tokyo-001" && slices.Contains(j.Partners, "nrw-001"))
	}
	if !found {
		t.Errorf("no judgement from the successful introduction: %+v", recs.Judgements)
	}
}

func TestDeclineExcludesPairAndExpiryJob(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	tokyo := h.browser("en")
	tokyo.login("tokyo@company.example", app.DemoPassword)
	desk := h.browser("en")
	desk.login("desk@nrw-global-business.example", app.DemoPassword)
	aachen := h.browser("de")
	aachen.login("staff@aachen.example", app.DemoPassword)
	nrw := h.browser("de")
	nrw.login("nrw@company.example", app.DemoPassword)

	p := tokyo.post("/en/companies/nrw-001/introductions", url.Values{"message": {"hello"}})
	path := strings.TrimPrefix(p.url.Path, "/en")
	desk.post("/en"+path+"/actions", url.Values{"action": {"assign"}, "municipality": {"aachen"}})
	aachen.post("/de"+path+"/actions", url.Values{"action": {"approve"}})
	if p := nrw.post("/de"+path+"/actions", url.Values{"action": {"decline"}}); p.status != 200 {
		t.Fatalf("decline: %d", p.status)
	}
	for _, s := range refsIn(tokyo.get("/en/account/suggestions"), "[data-testid=suggestions] li") {
		if s == "nrw-001" {
			t.Fatal("a declined pair is suggested again")
		}
	}
	if p := tokyo.post("/en/companies/nrw-001/introductions", url.Values{}); p.status != http.StatusUnprocessableEntity {
		t.Errorf("request after decline: %d", p.status)
	}

	// A second proposal (staff) goes unanswered: reminder after 7 days,
	// expiry after 14, each exactly once however often the job runs.
	staff := h.browser("de")
	staff.login("staff@essen.example", app.DemoPassword)
	var essenNRW, tokyo2 string
	cs, _ := h.app.Store.AllCompanies(ctx)
	for _, c := range cs {
		if c.Municipality == "essen" && essenNRW == "" {
			essenNRW = c.Ref
		}
		if c.Region == "tokyo" && c.Ref != "tokyo-001" && tokyo2 == "" {
			tokyo2 = c.Ref
		}
	}
	p = staff.post("/de/companies/"+essenNRW+"/suggestions/"+tokyo2+"/propose", url.Values{})
	if p.status != 200 || !strings.Contains(p.url.Path, "/cases/") {
		t.Fatalf("propose: %d %s", p.status, p.url)
	}
	path = strings.TrimPrefix(p.url.Path, "/de")
	staff.post("/de"+path+"/actions", url.Values{"action": {"approve"}})

	base := time.Now()
	countMails := func(kind string) int {
		msgs, _, _ := h.app.Store.OutboxPage(ctx, 0, 1000)
		n := 0
		for _, m := range msgs {
			if m.Kind == kind {
				n++
			}
		}
		return n
	}
	h.app.Now = func() time.Time { return base.Add(8 * 24 * time.Hour) }
	for i := 0; i < 3; i++ {
		if err := h.app.Jobs(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if countMails("case_reminder") != 0 {
		// No users for the generated demo companies is fine; the claim must still be made once.
	}
	info, _ := h.app.Store.CaseByID(ctx, caseIDOf(t, path))
	if info.State != cases.Proposed {
		t.Fatalf("after 8 days: %s", info.State)
	}
	h.app.Now = func() time.Time { return base.Add(15 * 24 * time.Hour) }
	for i := 0; i < 3; i++ {
		if err := h.app.Jobs(ctx); err != nil {
			t.Fatal(err)
		}
	}
	info, _ = h.app.Store.CaseByID(ctx, caseIDOf(t, path))
	if info.State != cases.Expired {
		t.Fatalf("after 15 days: %s", info.State)
	}
	events, _ := h.app.Store.CaseEvents(ctx, info.ID)
	expiries := 0
	for _, e := range events {
		if e.Action == string(cases.Expire) {
			expiries++
		}
	}
	if expiries != 1 {
		t.Errorf("%d expiry events", expiries)
	}
	if countMails("case_expired") != 1 { // Essen staff
		t.Errorf("%d expiry mails", countMails("case_expired"))
	}
	_ = store.ExclusionDeclined
}

func caseIDOf(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	for _, r := range path[strings.LastIndex(path, "/")+1:] {
		id = id*10 + int64(r-'0')
	}
	return id
}

func TestReminderAndOutcomeRequestsOnce(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	tokyo := h.browser("en")
	tokyo.login("tokyo@company.example", app.DemoPassword)
	desk := h.browser("en")
	desk.login("desk@nrw-global-business.example", app.DemoPassword)
	aachen := h.browser("de")
	aachen.login("staff@aachen.example", app.DemoPassword)
	nrw := h.browser("de")
	nrw.login("nrw@company.example", app.DemoPassword)
	p := tokyo.post("/en/companies/nrw-001/introductions", url.Values{})
	path := strings.TrimPrefix(p.url.Path, "/en")
	desk.post("/en"+path+"/actions", url.Values{"action": {"assign"}, "municipality": {"aachen"}})
	aachen.post("/de"+path+"/actions", url.Values{"action": {"approve"}})

	mails := func(to, kind string) int {
		msgs, _, _ := h.app.Store.OutboxPage(ctx, 0, 1000)
		n := 0
		for _, m := range msgs {
			if m.To == to && m.Kind == kind {
				n++
			}
		}
		return n
	}
	base := time.Now()
	h.app.Now = func() time.Time { return base.Add(7*24*time.Hour + time.Minute) }
	h.app.Jobs(ctx)
	h.app.Jobs(ctx)
	if n := mails("nrw@company.example", "case_reminder"); n != 1 {
		t.Fatalf("%d reminders", n)
	}
	if n := mails("tokyo@company.example", "case_reminder"); n != 0 {
		t.Fatalf("the requester was reminded")
	}
	h.app.Now = time.Now
	nrw.post("/de"+path+"/actions", url.Values{"action": {"accept"}})
	h.app.Now = func() time.Time { return time.Now().Add(31 * 24 * time.Hour) }
	h.app.Jobs(ctx)
	h.app.Jobs(ctx)
	if n := mails("tokyo@company.example", "outcome_request"); n != 1 {
		t.Fatalf("%d outcome requests after 30 days", n)
	}
	h.app.Now = func() time.Time { return time.Now().Add(91 * 24 * time.Hour) }
	h.app.Jobs(ctx)
	if n := mails("nrw@company.example", "outcome_request"); n != 2 {
		t.Fatalf("%d outcome requests after 90 days", n)
	}
}
