package browser_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// searchWord is a directory search in each language.
var searchWord = map[string]string{"de": "Optik", "en": "optics", "ja": "光学"}

// TestAccessibilityEveryPageAndState runs axe-core (WCAG 2.0/2.1 A and AA)
// and the form audit (labels, errors tied to fields) on every page type and
// state, as every role, in German, English and Japanese: zero violations
// allowed. Screenshots of the main pages are saved on the way.
func TestAccessibilityEveryPageAndState(t *testing.T) {
	e := suite(t)

	// --- setup: sessions, two cases and a first-contact request ---
	contactTab := e.newTab(t, "first contact")
	contactTab.navOK("/ja/contact") // its time trap runs while the rest is set up

	company := e.as(t, "tokyo@company.example")
	nrwCo := e.as(t, "nrw@company.example")
	staff := e.as(t, "staff@aachen.example")
	desk := e.as(t, "desk@nrw-global-business.example")
	admin := e.as(t, "admin@kakehashi.example")
	fresh := e.newCompanyUser(t, "en", uniqueEmail("axe")) // a company without a profile yet

	company.t = t
	caseA := requestIntroduction(company, "nrw-001", "We are looking for a laser supplier for our metalens production.")
	caseB := requestIntroduction(company, "nrw-002", "Wir suchen einen Vertriebspartner in NRW.")
	caseAction(desk, "en", caseA, "assign")
	caseAction(staff, "de", caseA, "approve") // A: proposed, the NRW company is asked; B: waits for the desk

	contactTab.fill("#f-name", "株式会社テスト商事")
	contactTab.do(clickSel("#f-region-tokyo"))
	contactTab.fill("#f-what-they-do", "産業用カメラのレンズを製造しています。")
	contactTab.fill("#f-looking-for", "ドイツでの販売代理店を探しています。")
	contactTab.fill("#f-contact-name", "山田 花子")
	contactTab.fill("#f-contact-email", "hanako.yamada@test-shoji.example")
	contactTab.do(clickSel("#f-consent"))
	if st := contactTab.submit("form[data-testid=first-contact] button[type=submit]"); st != 200 {
		t.Fatalf("first-contact request: status %d: %s", st, contactTab.text("main"))
	}
	desk.t = t
	desk.navOK("/en/staff/inbox")
	inboxItem := desk.attr("[data-testid=first-contacts] tbody tr:first-child a", "href")
	inboxItem = regexp.MustCompile(`^/en`).ReplaceAllString(inboxItem, "")
	if inboxItem == "" {
		t.Fatal("the first-contact request is not in the desk's inbox")
	}

	for _, lang := range langs {
		L := "/" + lang
		t.Run(lang, func(t *testing.T) {
			// page runs one page (state) as a subtest: prepare, audit, screenshot.
			page := func(tb *tab, name string, shot bool, prepare func()) {
				t.Run(name, func(t *testing.T) {
					prev := tb.t
					tb.t = t
					defer func() { tb.t = prev }()
					prepare()
					if got := tb.attr("html", "lang"); got != lang {
						t.Errorf("html lang %q on %s", got, tb.pathNoFail())
					}
					tb.audit(lang + " " + name)
					if shot {
						tb.screenshot(name + "-" + lang)
					}
				})
			}
			visit := func(tb *tab, path string) func() { return func() { tb.navOK(L + path) } }
			visitStatus := func(tb *tab, path string, want int64) func() {
				return func() {
					if st := tb.nav(L + path); st != want {
						tb.t.Fatalf("GET %s: status %d, want %d", L+path, st, want)
					}
				}
			}
			submitExpect := func(tb *tab, sel string, want int64) {
				if st := tb.submit(sel); st != want {
					tb.t.Fatalf("submit %s: status %d, want %d", sel, st, want)
				}
			}

			// Anonymous visitor.
			anon := e.newTab(t, "anonymous "+lang)
			contact := e.newTab(t, "contact form "+lang)
			page(contact, "contact", false, visit(contact, "/contact")) // its time trap runs meanwhile
			page(anon, "home", true, visit(anon, "/"))
			page(anon, "directory", false, visit(anon, "/companies"))
			page(anon, "directory-search", true, visit(anon, "/companies?q="+searchWord[lang]))
			page(anon, "directory-filtered", true, visit(anon, "/companies?region=tokyo&sector=C&offers=supply"))
			page(anon, "directory-no-results", false, visit(anon, "/companies?q=zzqqxxnothing"))
			page(anon, "profile", true, visit(anon, "/companies/tokyo-001"))
			page(anon, "profile-nrw", false, visit(anon, "/companies/nrw-001"))
			page(anon, "profile-one-language", false, visit(anon, "/companies/tokyo-006"))
			page(anon, "signup", true, visit(anon, "/signup"))
			page(anon, "signup-errors", true, func() { submitExpect(anon, "form[action$='/signup'] button[type=submit]", 422) })
			page(anon, "login", false, visit(anon, "/login"))
			page(anon, "login-problem", false, func() { submitExpect(anon, "form[action$='/login'] button[type=submit]", 422) })
			page(anon, "forgot-password", false, visit(anon, "/password/forgot"))
			page(anon, "forgot-password-errors", false, func() {
				submitExpect(anon, "form[action$='/password/forgot'] button[type=submit]", 422)
			})
			page(anon, "reset-invalid-token", false, visitStatus(anon, "/password/reset?token=nope", 400))
			page(anon, "privacy-notice", false, visit(anon, "/privacy"))
			page(anon, "imprint", false, visit(anon, "/imprint"))
			page(anon, "accessibility-statement", false, visit(anon, "/accessibility"))
			page(anon, "not-found", false, visitStatus(anon, "/companies/no-such-company", 404))
			page(contact, "contact-errors", false, func() {
				submitExpect(contact, "form[data-testid=first-contact] button[type=submit]", 422)
				if contact.count(".error") == 0 {
					contact.t.Fatalf("no field errors (time trap?): %s", contact.text(".error-summary"))
				}
			})
			page(anon, "second-factor", false, func() {
				anon.navOK(L + "/login")
				anon.fill("#f-email", "staff@koeln.example")
				anon.fill("#f-password", demoPassword)
				anon.submit("form[action$='/login'] button[type=submit]")
				if !strings.Contains(anon.path(), "/login/2fa") {
					anon.t.Fatalf("no second-factor step: %s", anon.path())
				}
			})

			// Company user (Tokyo), with a case.
			page(company, "account-company", true, visit(company, "/account"))
			page(company, "profile-form", true, visit(company, "/account/profile"))
			page(company, "profile-form-errors", true, func() {
				company.navOK(L + "/account/profile")
				company.setValue("#f-name", "")
				company.setValue("#f-founded", "20x0")
				company.setValue("#f-contact-email", "not-an-address")
				submitExpect(company, "form.profile-form button[type=submit]", 422)
			})
			page(company, "suggestions", true, visit(company, "/account/suggestions"))
			page(company, "introductions", false, visit(company, "/account/introductions"))
			page(company, "case-requester", true, visit(company, caseA))
			page(company, "partner-profile-request-form", false, visit(company, "/companies/nrw-003"))
			page(company, "notifications", false, visit(company, "/notifications"))
			page(company, "settings", false, visit(company, "/account/settings"))
			page(company, "settings-saved", false, func() {
				company.navOK(L + "/account/settings")
				submitExpect(company, "form[action$='/account/settings'] button[type=submit]", 200)
			})
			page(company, "my-data", false, visit(company, "/account/privacy"))

			// A company that has just signed up.
			page(fresh, "account-no-profile", false, visit(fresh, "/account"))
			page(fresh, "profile-form-empty", true, visit(fresh, "/account/profile"))
			page(fresh, "profile-form-empty-errors", false, func() {
				fresh.navOK(L + "/account/profile")
				submitExpect(fresh, "form.profile-form button[type=submit]", 422)
			})

			// The NRW company that is asked.
			page(nrwCo, "case-partner-answer", false, visit(nrwCo, caseA))
			page(nrwCo, "account-nrw-company", false, visit(nrwCo, "/account"))

			// Municipal staff.
			page(staff, "staff-queue", true, visit(staff, "/staff/cases"))
			page(staff, "staff-queue-filtered", false, visit(staff, "/staff/cases?state=proposed&region=tokyo&overdue=1"))
			page(staff, "staff-dashboard", true, visit(staff, "/staff/dashboard"))
			page(staff, "staff-companies", false, visit(staff, "/staff/companies"))
			page(staff, "staff-company-suggestions", false, visit(staff, "/companies/nrw-001/suggestions"))
			page(staff, "staff-profile-notes", false, visit(staff, "/companies/nrw-001"))
			page(staff, "case-staff", false, visit(staff, caseA))
			page(staff, "account-staff", false, visit(staff, "/account"))

			// The NRW.Global Business desk.
			page(desk, "desk-inbox", true, visit(desk, "/staff/inbox"))
			page(desk, "desk-inbox-request", false, visit(desk, inboxItem))
			page(desk, "case-desk-assign", true, visit(desk, caseB))
			page(desk, "desk-queue", false, visit(desk, "/staff/cases"))
			page(desk, "desk-dashboard", false, visit(desk, "/staff/dashboard"))

			// The administrator.
			page(admin, "admin-users", true, visit(admin, "/admin/users"))
			page(admin, "admin-new-user", false, visit(admin, "/admin/users/new"))
			page(admin, "admin-new-user-errors", false, func() {
				admin.navOK(L + "/admin/users/new")
				submitExpect(admin, "form[action$='/admin/users'] button[type=submit]", 422)
			})
			page(admin, "admin-municipalities", false, visit(admin, "/admin/municipalities"))
			page(admin, "admin-municipality-form", false, visit(admin, "/admin/municipalities/aachen"))
			page(admin, "admin-municipality-form-errors", false, func() {
				admin.navOK(L + "/admin/municipalities/aachen")
				admin.setValue("#f-name", "")
				admin.setValue("#f-focus-sectors", "Z99")
				admin.setValue("#f-keywords", manyKeywords(61)) // more than the 60 allowed
				admin.setValue("#f-contact-email", "not-an-address")
				admin.setValue("#f-description-de", "")
				admin.setValue("#f-description-en", "")
				admin.setValue("#f-description-ja", "")
				submitExpect(admin, "form[action$='/admin/municipalities/aachen'] button[type=submit]", 422)
				for _, f := range []string{"name", "focus-sectors", "keywords", "description", "contact-email"} {
					if admin.count("#f-"+f+"-error") != 1 {
						admin.t.Errorf("no error shown for %s", f)
					}
				}
			})
			page(admin, "admin-outbox", false, visit(admin, "/admin/outbox"))
			page(admin, "admin-outbox-message", false, func() {
				admin.navOK(L + "/admin/outbox")
				admin.submit("table tbody tr:first-child a")
			})
		})
	}
}

// contrastJS returns the elements matching sel whose text contrast against
// white (the page and chart background) is below 4.5:1. axe reports these
// as "incomplete": it cannot see the background of SVG text or of labels
// scrolled out of view in the sector picker.
const contrastJS = `((sel) => {
  const lum = c => { const v = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const bg = el => { for (let e = el; e; e = e.parentElement) { const b = getComputedStyle(e).backgroundColor; if (b && !/rgba\(.*,\s*0\)$/.test(b) && b !== 'transparent') return b; } return 'rgb(255, 255, 255)'; };
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!el.textContent.trim()) continue;
    const cs = getComputedStyle(el), fg = el instanceof SVGElement ? cs.fill : cs.color;
    const a = lum(fg), b = lum(bg(el)), r = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (r < 4.5) out.push(el.textContent.trim().slice(0, 30) + ' ' + fg + ' on ' + bg(el) + ' = ' + r.toFixed(2));
  }
  return out;
})`

// What axe leaves "incomplete" for colour contrast, checked here: chart
// labels (SVG text) and the sector picker's labels.
func TestContrastWhereAxeCannotDecide(t *testing.T) {
	e := suite(t)
	st := e.as(t, "staff@aachen.example")
	for _, lang := range langs {
		st.navOK("/" + lang + "/staff/dashboard")
		if n := st.count("svg.chart-svg text"); n == 0 {
			t.Fatalf("%s: no chart labels on the dashboard", lang)
		}
		if low := eval[[]string](st, contrastJS+`('svg.chart-svg text')`); len(low) > 0 {
			t.Errorf("%s dashboard: chart labels below 4.5:1: %q", lang, low)
		}
	}
	co := e.as(t, "tokyo@company.example")
	co.navOK("/ja/account/profile")
	if low := eval[[]string](co, contrastJS+`('.sector-list label, .sector-list .section-name')`); len(low) > 0 {
		t.Errorf("sector picker labels below 4.5:1: %q", low)
	}
}

// manyKeywords returns n distinct keywords, one per line.
func manyKeywords(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "keyword%d\n", i)
	}
	return b.String()
}
