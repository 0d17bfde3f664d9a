package browser_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kakehashi/internal/mail"
)

var userSeq atomic.Int64

// uniqueEmail returns a fresh address for a sign-up.
func uniqueEmail(prefix string) string {
	return fmt.Sprintf("%s%d-%d@test-company.example", prefix, time.Now().UnixNano()%1e8, userSeq.Add(1))
}

// newCompanyUser signs a company up through the form in lang, opens the
// confirmation link from the outbox and returns the signed-in tab, which is
// on the (empty) profile form.
func (e *env) newCompanyUser(t *testing.T, lang, email string) *tab {
	t.Helper()
	tb := e.newTab(t, "company "+email)
	tb.navOK("/" + lang + "/signup")
	tb.fill("#f-email", email)
	tb.fill("#f-password", "correct horse battery staple")
	tb.do(clickSel("#f-consent"))
	if st := tb.submit("form[action='/" + lang + "/signup'] button[type=submit]"); st != 200 {
		t.Fatalf("sign-up %s: status %d: %s", email, st, tb.text(".error-summary"))
	}
	_, link, err := e.portal.mailTo(context.Background(), email, func(m mail.Message) bool { return m.Kind == "confirm_email" })
	if err != nil {
		t.Fatal(err)
	}
	tb.navURL(link)
	if p := tb.path(); !strings.HasSuffix(p, "/account/profile") {
		t.Fatalf("after confirming %s: at %s", email, p)
	}
	return tb
}

// requestIntroduction asks, as the company of tb, for an introduction to the
// company ref and returns the case path without the language prefix.
func requestIntroduction(tb *tab, ref, message string) string {
	tb.t.Helper()
	tb.navOK("/en/companies/" + ref)
	tb.fill("#f-message", message)
	if st := tb.submit("#request-introduction button[type=submit]"); st != 200 {
		tb.t.Fatalf("request to %s: status %d", ref, st)
	}
	m := casePathRE.FindStringSubmatch(tb.path())
	if m == nil {
		tb.t.Fatalf("request to %s: at %s", ref, tb.path())
	}
	return "/cases/" + m[2]
}

// caseAction takes an action with a note on a case page.
func caseAction(tb *tab, lang, casePath, action string) {
	tb.t.Helper()
	tb.navOK("/" + lang + casePath)
	if action == "assign" {
		tb.setValue("#assign-municipality", "aachen")
	}
	if st := tb.submit(`form:has(input[name=action][value=` + action + `]) button[type=submit]`); st != 200 {
		tb.t.Fatalf("%s on %s: status %d", action, casePath, st)
	}
}
