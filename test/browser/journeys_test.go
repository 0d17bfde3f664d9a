package browser_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"kakehashi/internal/mail"
)

// The new start-up of journeys 1 and 2.
const (
	startupName    = "株式会社みなと精密加工"
	startupContact = "k.sato@minato-seimitsu.example"
	nrwContact     = "a.brueggemann@lousberg-photonics.example" // nrw-001's contact person
	introMessage   = "日本の半導体・ディスプレイ業界向けに、超短パルスレーザーの販売パートナーを探しています。"
)

var (
	japaneseRE = regexp.MustCompile(`[\p{Hiragana}\p{Katakana}\p{Han}]`)
	casePathRE = regexp.MustCompile(`^/(de|en|ja)/cases/([0-9]+)$`)
)

// Journeys 1 and 2: a Tokyo start-up signs up in Japanese, confirms its
// e-mail through the link that was sent, fills its profile, sees suggested
// NRW partners with reasons and asks for an introduction to one of them
// (nrw-001 in Aachen); the desk assigns the case to Aachen, Aachen's staff
// approve, the NRW company accepts in German, and then both see each other's
// contact person.
func TestIntroductionJourney(t *testing.T) {
	e := suite(t)
	ctx := context.Background()
	startup := e.newTab(t, "tokyo start-up")
	email := fmt.Sprintf("founder%d@minato-seimitsu.example", time.Now().UnixNano()%1e9)
	var casePath string // without the language prefix, e.g. /cases/7

	ok := t.Run("1 start-up signs up in Japanese and requests an introduction", func(t *testing.T) {
		startup.t = t
		startup.navOK("/ja/signup")
		if lang := startup.attr("html", "lang"); lang != "ja" {
			t.Fatalf("sign-up page lang %q", lang)
		}
		startup.fill("#f-email", email)
		startup.fill("#f-password", "みなと精密の光学2026年春") // any script counts
		startup.do(clickSel("#f-consent"))
		if st := startup.submit("form[action='/ja/signup'] button[type=submit]"); st != 200 {
			t.Fatalf("sign-up: status %d: %s", st, startup.text("main"))
		}
		if startup.text("main [role=status]") == "" {
			t.Error("the 'check your inbox' message is not a status message")
		}

		// The confirmation mail is in Japanese and links to the Japanese site.
		m, link, err := e.portal.mailTo(ctx, email, func(m mail.Message) bool { return m.Kind == "confirm_email" })
		if err != nil {
			t.Fatal(err)
		}
		if m.Lang != "ja" || !japaneseRE.MatchString(m.Subject) || !strings.Contains(link, "/ja/confirm?token=") {
			t.Errorf("confirmation mail: lang %q, subject %q, link %q", m.Lang, m.Subject, link)
		}
		if st := startup.navURL(link); st != 200 {
			t.Fatalf("confirmation link: status %d", st)
		}
		if p := startup.path(); p != "/ja/account/profile" {
			t.Fatalf("after confirming: at %s, want the profile form", p)
		}
		if startup.text("main > [role=status]") == "" {
			t.Error("no status message after confirming the e-mail")
		}

		fillStartupProfile(startup)
		if st := startup.submit("form.profile-form button[type=submit]"); st != 200 {
			t.Fatalf("saving the profile: status %d: %s", st, startup.text(".error-summary"))
		}
		if p := startup.path(); !strings.HasPrefix(p, "/ja/companies/") {
			t.Fatalf("after saving: at %s", p)
		}
		if h := startup.text("h1"); h != startupName {
			t.Errorf("profile heading %q", h)
		}
		if startup.text("main > [role=status]") == "" {
			t.Error("no status message after saving the profile")
		}

		// Suggested partners, with reasons, through the navigation.
		startup.submit("nav a[href='/ja/account/suggestions']")
		card := `[data-testid=suggestions] li:has(h3 a[href="/ja/companies/nrw-001"])`
		if startup.count(card) != 1 {
			t.Fatalf("nrw-001 is not among the suggestions: %s", startup.text("[data-testid=suggestions]"))
		}
		if n := startup.count("[data-testid=suggestions] li:first-child .reasons li"); n == 0 {
			t.Error("the best suggestion gives no reasons")
		}
		reasons := startup.text(card + " .reasons")
		if reasons == "" || !japaneseRE.MatchString(reasons) {
			t.Errorf("reasons for nrw-001 not shown in Japanese: %q", reasons)
		}
		t.Logf("reasons for nrw-001: %s", reasons)

		startup.submit(card + ` a[href$="#request-introduction"]`)
		if !strings.HasPrefix(startup.path(), "/ja/companies/nrw-001") {
			t.Fatalf("request link went to %s", startup.path())
		}
		startup.fill("#f-message", introMessage)
		if st := startup.submit("#request-introduction button[type=submit]"); st != 200 {
			t.Fatalf("request: status %d", st)
		}
		mm := casePathRE.FindStringSubmatch(startup.path())
		if mm == nil {
			t.Fatalf("after requesting: at %s", startup.path())
		}
		casePath = "/cases/" + mm[2]
		if startup.count(".badge.case-triage, .badge.case-requested") == 0 {
			t.Errorf("new case not waiting for the desk: %s", startup.text("h1 + .meta"))
		}
		if strings.Contains(startup.text("main"), nrwContact) {
			t.Error("the partner's contact is shown before both agreed")
		}
		startup.screenshot("journey-case-requested-ja")
	})
	if !ok {
		return
	}

	t.Run("2 desk assigns, Aachen approves, the NRW company accepts in German", func(t *testing.T) {
		desk := e.newTab(t, "desk")
		desk.login("desk@nrw-global-business.example", "en")
		desk.submit("nav a[href='/en/staff/cases']")
		desk.submit(`[data-testid=cases] a[href="/en` + casePath + `"]`)
		desk.setValue("#assign-municipality", "aachen")
		desk.fill("#assign-note", "Aachen photonics cluster")
		if st := desk.submit(`form:has(input[name=action][value=assign]) button[type=submit]`); st != 200 {
			t.Fatalf("assign: status %d", st)
		}
		if desk.count(".badge.case-in_review") == 0 {
			t.Fatalf("after assigning: %s", desk.text("h1 + .meta"))
		}

		// The NRW company works in German: signing in in German makes it
		// the language of its mail.
		nrw := e.newTab(t, "NRW company")
		nrw.login("nrw@company.example", "de")

		staff := e.newTab(t, "Aachen staff")
		staff.login("staff@aachen.example", "de")
		staff.submit("nav a[href='/de/staff/cases']")
		staff.submit(`[data-testid=cases] a[href="/de` + casePath + `"]`)
		staff.fill("#note-approve", "Passt gut zum Photonik-Cluster.")
		if st := staff.submit(`form:has(input[name=action][value=approve]) button[type=submit]`); st != 200 {
			t.Fatalf("approve: status %d", st)
		}
		if staff.count(".badge.case-proposed") == 0 {
			t.Fatalf("after approving: %s", staff.text("h1 + .meta"))
		}

		// The NRW company is asked by e-mail, in German, with a link to the case.
		m, link, err := e.portal.mailTo(ctx, "nrw@company.example", func(m mail.Message) bool {
			return strings.Contains(m.Body, casePath)
		})
		if err != nil {
			t.Fatal(err)
		}
		if m.Lang != "de" || !strings.Contains(link, "/de"+casePath) {
			t.Errorf("proposal mail: lang %q link %q", m.Lang, link)
		}
		nrw.navURL(link)
		if !strings.Contains(nrw.text("main"), introMessage) || !strings.Contains(nrw.text("main"), startupName) {
			t.Fatal("the NRW company does not see the request and its message")
		}
		if strings.Contains(nrw.text("main"), startupContact) {
			t.Error("the start-up's contact is shown before the NRW company agreed")
		}
		if st := nrw.submit(`form:has(input[name=action][value=accept]) button[type=submit]`); st != 200 {
			t.Fatalf("accept: status %d", st)
		}
		if nrw.count(".badge.case-accepted") == 0 {
			t.Fatalf("after accepting: %s", nrw.text("h1 + .meta"))
		}
		if !strings.Contains(nrw.text(".parties"), startupContact) {
			t.Errorf("the NRW company does not see the start-up's contact person: %s", nrw.text(".parties"))
		}
		nrw.screenshot("journey-case-accepted-de")

		startup.t = t
		startup.navOK("/ja" + casePath)
		if !strings.Contains(startup.text(".parties"), nrwContact) {
			t.Errorf("the start-up does not see the NRW contact person: %s", startup.text(".parties"))
		}
		if startup.count(`.parties a[href="mailto:`+nrwContact+`"]`) != 1 {
			t.Error("the NRW contact's e-mail is not a mailto link")
		}
		if _, _, err := e.portal.mailTo(ctx, email, func(m mail.Message) bool { return m.Lang == "ja" && strings.Contains(m.Body, "/ja"+casePath) }); err != nil {
			t.Errorf("no Japanese mail to the start-up about the accepted introduction: %v", err)
		}
		startup.screenshot("journey-case-accepted-ja")
	})
}

// fillStartupProfile fills the profile form of the journey's start-up so
// that it complements nrw-001 (it distributes in Japan what nrw-001 makes).
func fillStartupProfile(tb *tab) {
	tb.t.Helper()
	tb.fill("#f-name", startupName)
	tb.do(clickSel("input[name=region][value=tokyo]"))
	tb.fill("#f-city", "港区")
	tb.setValue("#f-kind", "startup")
	tb.fill("#f-founded", "2021")
	tb.fill("#f-employees", "12")
	tb.do(clickSel("input[name=sectors][value=C26]"), clickSel("input[name=sectors][value=C28]"))
	tb.fill("#f-description-ja", "ガラスと半導体の微細加工装置を開発するスタートアップです。超短パルスレーザーを搭載した加工機を日本のディスプレイメーカーに販売しています。")
	tb.fill("#f-keywords", "超短パルスレーザー\nフェムト秒レーザー\n微細加工\nガラス加工")
	tb.setValue("#f-offers-0-type", "distribution")
	tb.fill("#f-offers-0-text", "日本の半導体・ディスプレイ業界への販売網 / Distribution in Japan's semiconductor and display industry")
	tb.setValue("#f-seeks-0-type", "supply")
	tb.fill("#f-seeks-0-text", "OEM向け超短パルスレーザー光源 / OEM ultrashort pulse laser sources")
	if !eval[bool](tb, `document.querySelector('input[name=languages][value=en]').checked`) {
		tb.do(clickSel("input[name=languages][value=en]"))
	}
	tb.fill("#f-website", "https://www.minato-seimitsu.example")
	tb.fill("#f-contact-name", "佐藤 健")
	tb.fill("#f-contact-role", "代表取締役")
	tb.fill("#f-contact-email", startupContact)
	tb.fill("#f-contact-phone", "+81 3 0000 1234")
}
