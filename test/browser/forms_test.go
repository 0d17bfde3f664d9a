package browser_test

import (
	"strings"
	"testing"
	"time"
)

// formAuditJS lists what is wrong with the forms of the page: controls
// without a label, radio and checkbox groups without a legend, errors not
// tied to their field, invalid fields without aria-invalid, descriptions that
// point to nothing and error-summary links to nowhere.
const formAuditJS = `(() => {
  const problems = [];
  const shown = el => el.type !== 'hidden' && !el.closest('[hidden], [aria-hidden="true"]');
  const name = el => el.id ? '#' + el.id : (el.name ? '[name=' + el.name + ']' : el.outerHTML.slice(0, 80));
  const ids = v => (v || '').split(/\s+/).filter(Boolean);
  const textOf = id => { const d = document.getElementById(id); return d ? d.textContent.trim() : ''; };
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (!shown(el)) continue;
    let label = el.labels ? [...el.labels].map(l => l.textContent).join(' ').trim() : '';
    if (!label) label = (el.getAttribute('aria-label') || '').trim();
    if (!label) label = ids(el.getAttribute('aria-labelledby')).map(textOf).join(' ').trim();
    if (!label) problems.push('no label: ' + name(el));
    if ((el.type === 'radio' || el.type === 'checkbox') && el.form &&
        el.form.querySelectorAll('input[name="' + CSS.escape(el.name) + '"]').length > 1) {
      const fs = el.closest('fieldset');
      const legend = fs && fs.querySelector(':scope > legend');
      if (!legend || !legend.textContent.trim()) problems.push('group without a legend: ' + el.name);
    }
    if (el.getAttribute('aria-invalid') === 'true' && !ids(el.getAttribute('aria-describedby')).some(id => id.endsWith('-error') && textOf(id)))
      problems.push('invalid without its error in aria-describedby: ' + name(el));
  }
  for (const el of document.querySelectorAll('[aria-describedby]'))
    for (const id of ids(el.getAttribute('aria-describedby')))
      if (!textOf(id)) problems.push('aria-describedby ' + id + ' is missing or empty: ' + name(el));
  for (const err of document.querySelectorAll('.error[id]')) {
    const owners = [...document.querySelectorAll('[aria-describedby]')].filter(o => ids(o.getAttribute('aria-describedby')).includes(err.id));
    if (!owners.length) problems.push('error not tied to a field: #' + err.id + ' ' + err.textContent.trim());
    for (const o of owners)
      if (/^(INPUT|SELECT|TEXTAREA)$/.test(o.tagName) && o.getAttribute('aria-invalid') !== 'true')
        problems.push('field with an error is not aria-invalid: ' + name(o));
  }
  for (const a of document.querySelectorAll('.error-summary a[href^="#"]'))
    if (!document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))))
      problems.push('error summary links to nothing: ' + a.getAttribute('href'));
  return problems;
})()`

// audit runs axe and the form audit on the current page.
func (tb *tab) audit(label string) {
	tb.t.Helper()
	tb.axe(label)
	if p := eval[[]string](tb, formAuditJS); len(p) > 0 {
		tb.t.Errorf("forms on %s (%s):\n  %s", label, tb.pathNoFail(), strings.Join(p, "\n  "))
	}
}

// activeElement describes the focused element: "#id", "tag[name]" or "body".
const activeElementJS = `(() => { const a = document.activeElement;
  if (!a || a === document.body) return 'body';
  return a.id ? '#' + a.id : a.tagName.toLowerCase() + (a.name ? '[name=' + a.name + ']' : '') + (a.getAttribute('href') ? '[href=' + a.getAttribute('href') + ']' : ''); })()`

// Journey 4: a validation error on the profile form keeps what was typed and
// moves the focus to the error summary, whose links lead to the fields.
func TestProfileValidationKeepsValuesAndFocusesSummary(t *testing.T) {
	e := suite(t)
	tb := e.as(t, "tokyo@company.example")
	tb.navOK("/en/account/profile")
	regionBefore := tb.value("input[name=region]:checked")

	tb.setValue("#f-name", "")
	tb.fill("#f-city", "Fuchu-shi, Tokyo (typed)")
	tb.fill("#f-founded", "19x5")
	tb.fill("#f-employees", "16")
	tb.fill("#f-keywords", "metalens\nnanoimprint\nメタレンズ")
	tb.fill("#f-description-en", "Typed, not saved: flat lenses made of nanostructures.")
	tb.fill("#f-contact-email", "not-an-address")
	tb.fill("#f-contact-phone", "+81 42 0000 9999")
	if st := tb.submit("form.profile-form button[type=submit]"); st != 422 {
		t.Fatalf("invalid profile: status %d, want 422", st)
	}

	if err := tb.waitFor(`document.activeElement && document.activeElement.id === 'error-summary'`, 3*time.Second); err != nil {
		t.Errorf("focus after the failed save is on %s, want the error summary", eval[string](tb, activeElementJS))
	}
	if tb.attr("#error-summary", "role") != "alert" {
		t.Error("the error summary is not announced (role=alert)")
	}
	for _, f := range []string{"f-name", "f-founded", "f-contact-email"} {
		if tb.count(`#error-summary a[href="#`+f+`"]`) != 1 {
			t.Errorf("the error summary has no link to #%s: %s", f, tb.text("#error-summary"))
		}
		if tb.attr("#"+f, "aria-invalid") != "true" || !strings.Contains(tb.attr("#"+f, "aria-describedby"), f+"-error") {
			t.Errorf("#%s: aria-invalid %q, aria-describedby %q", f, tb.attr("#"+f, "aria-invalid"), tb.attr("#"+f, "aria-describedby"))
		}
		if tb.text("#"+f+"-error") == "" {
			t.Errorf("#%s has no error message", f)
		}
	}
	for sel, want := range map[string]string{
		"#f-city": "Fuchu-shi, Tokyo (typed)", "#f-founded": "19x5", "#f-employees": "16",
		"#f-keywords": "metalens\nnanoimprint\nメタレンズ", "#f-description-en": "Typed, not saved: flat lenses made of nanostructures.",
		"#f-contact-email": "not-an-address", "#f-contact-phone": "+81 42 0000 9999", "#f-name": "",
	} {
		if got := tb.value(sel); got != want {
			t.Errorf("%s after the error: %q, want %q as typed", sel, got, want)
		}
	}
	if tb.value("input[name=region]:checked") != regionBefore || tb.count("input[name=sectors]:checked") == 0 {
		t.Error("region or sectors lost after the error")
	}
	if tb.attr("#f-description-ja", "lang") != "ja" || tb.attr("#f-description-de", "lang") != "de" {
		t.Error("the description fields do not declare their language")
	}

	// Keyboard: Tab from the summary reaches its first link; Enter follows
	// it to the field.
	tb.hit(keyTab)
	if got := eval[string](tb, activeElementJS); !strings.HasPrefix(got, "a[href=#f-") {
		t.Fatalf("Tab from the summary went to %s", got)
	}
	first := strings.TrimSuffix(strings.TrimPrefix(eval[string](tb, activeElementJS), "a[href=#"), "]")
	tb.hit(keyEnter)
	if got := eval[string](tb, activeElementJS); got != "#"+first {
		t.Errorf("following the summary link focused %s, want #%s", got, first)
	}
	tb.screenshot("profile-form-errors-focus-en")
}

// Contact fields carry autocomplete tokens, so browsers and assistive
// technology can fill them.
func TestAutocompleteOnContactFields(t *testing.T) {
	e := suite(t)
	anon := e.newTab(t, "visitor")
	want := map[string]map[string]string{
		"/en/signup":          {"#f-email": "email", "#f-password": "new-password"},
		"/en/login":           {"#f-email": "username", "#f-password": "current-password"},
		"/en/password/forgot": {"#f-email": "email"},
		"/en/contact": {"#f-name": "organization", "#f-contact-name": "name", "#f-contact-email": "email",
			"#f-contact-phone": "tel"},
	}
	for path, fields := range want {
		anon.navOK(path)
		for sel, ac := range fields {
			if got := anon.attr(sel, "autocomplete"); got != ac {
				t.Errorf("%s %s: autocomplete %q, want %q", path, sel, got, ac)
			}
		}
	}
	co := e.as(t, "tokyo@company.example")
	co.navOK("/ja/account/profile")
	for sel, ac := range map[string]string{
		"#f-name": "organization", "#f-city": "address-level2", "#f-website": "url",
		"#f-contact-name": "name", "#f-contact-role": "organization-title", "#f-contact-email": "email", "#f-contact-phone": "tel",
	} {
		if got := co.attr(sel, "autocomplete"); got != ac {
			t.Errorf("profile %s: autocomplete %q, want %q", sel, got, ac)
		}
	}
	for sel, typ := range map[string]string{"#f-contact-email": "email", "#f-contact-phone": "tel", "#f-website": "url"} {
		if got := co.attr(sel, "type"); got != typ {
			t.Errorf("profile %s: type %q, want %q", sel, got, typ)
		}
	}
}

// Status messages are announced: the notice after saving, the result count
// of the directory and of the staff queue, the "mail sent" page.
func TestStatusMessagesAreAnnounced(t *testing.T) {
	e := suite(t)
	co := e.as(t, "tokyo@company.example")
	co.navOK("/de/account/settings")
	co.submit("form[action$='/account/settings'] button[type=submit]")
	if co.text("main [role=status]") == "" {
		t.Error("no role=status notice after saving the settings")
	}
	co.navOK("/de/companies?q=Optik")
	if co.count("#results-title[role=status], #results-title [role=status]") != 1 {
		t.Error("the directory's result count is not a status message")
	}
	if co.count("h2#results-title") != 1 {
		t.Error("the result count is no longer a heading")
	}
	st := e.as(t, "staff@aachen.example")
	st.navOK("/de/staff/cases")
	if st.text("main [role=status]") == "" {
		t.Error("the queue's count is not a status message")
	}
	anon := e.newTab(t, "visitor")
	anon.navOK("/en/password/forgot")
	anon.fill("#f-email", "nobody@test-company.example")
	anon.submit("form[action$='/password/forgot'] button[type=submit]")
	if anon.text("main [role=status]") == "" {
		t.Error("the 'check your inbox' message is not a status message")
	}
}

// Deleting an account needs the password and an explicit confirmation; the
// browser refuses to send the form without it, the server too, and with it
// the account is gone.
func TestDeletingAnAccountNeedsConfirmation(t *testing.T) {
	e := suite(t)
	email := uniqueEmail("delete")
	tb := e.newCompanyUser(t, "de", email)
	tb.navOK("/de/account/privacy")
	if tb.attr("#f-delete-confirm", "required") == "" && tb.count("#f-delete-confirm[required]") == 0 {
		t.Error("the confirmation checkbox is not required")
	}
	if tb.text("label[for=f-delete-confirm]") == "" {
		t.Error("the confirmation checkbox has no label")
	}
	tb.fill("#f-delete-password", "correct horse battery staple")
	// Without the tick the browser does not submit.
	tb.do(clickSel("form[action$='/account/delete'] button[type=submit]"))
	if p := tb.path(); p != "/de/account/privacy" {
		t.Fatalf("the form was sent without the confirmation: at %s", p)
	}
	if !eval[bool](tb, `!document.querySelector('#f-delete-confirm').validity.valid`) {
		t.Error("the unticked confirmation is not flagged invalid")
	}
	// The server checks it too (a browser without validation).
	eval[bool](tb, `document.querySelector('#f-delete-confirm').removeAttribute('required'), true`)
	tb.fill("#f-delete-password", "correct horse battery staple")
	if st := tb.submit("form[action$='/account/delete'] button[type=submit]"); st != 422 {
		t.Fatalf("delete without confirmation: status %d, want 422", st)
	}
	if err := tb.waitFor(`document.activeElement && document.activeElement.id === 'error-summary'`, 3*time.Second); err != nil {
		t.Errorf("focus after the refused deletion: %s", eval[string](tb, activeElementJS))
	}
	if _, err := e.portal.store.UserByEmail(tb.ctx, email); err != nil {
		t.Fatalf("the account is gone without confirmation: %v", err)
	}
	// Confirmed: deleted.
	tb.fill("#f-delete-password", "correct horse battery staple")
	tb.do(clickSel("#f-delete-confirm"))
	if st := tb.submit("form[action$='/account/delete'] button[type=submit]"); st != 200 {
		t.Fatalf("confirmed deletion: status %d", st)
	}
	if tb.text("main [role=status]") == "" {
		t.Error("the deletion is not confirmed with a status message")
	}
	if _, err := e.portal.store.UserByEmail(tb.ctx, email); err == nil {
		t.Error("the account still exists after a confirmed deletion")
	}
}

// Text in another language than the page is marked with lang: the language
// switcher, profile texts shown in another language, the mail-language
// choice, mail subjects in the outbox.
func TestOtherLanguageTextIsMarked(t *testing.T) {
	e := suite(t)
	anon := e.newTab(t, "visitor")
	for _, lang := range langs {
		anon.navOK("/" + lang + "/companies")
		n := eval[int](anon, `[...document.querySelectorAll('nav.langs a, nav.langs [aria-current]')].filter(a => a.lang && (!a.hreflang || a.hreflang === a.lang)).length`)
		if n != 3 {
			t.Errorf("%s: %d of 3 language names carry their lang", lang, n)
		}
	}
	// tokyo-006 has only a Japanese description, nrw-004 only a German one.
	for _, c := range []struct{ path, want string }{
		{"/de/companies/tokyo-006", "ja"}, {"/en/companies/tokyo-006", "ja"},
		{"/ja/companies/nrw-004", "de"}, {"/en/companies/nrw-004", "de"},
	} {
		anon.navOK(c.path)
		if got := anon.attr("section[aria-labelledby=about] > p.description", "lang"); got != c.want {
			t.Errorf("%s: description lang %q, want %q", c.path, got, c.want)
		}
	}
	// The texts in the other languages, behind disclosures.
	anon.navOK("/de/companies/tokyo-001")
	bad := eval[[]string](anon, `[...document.querySelectorAll('section[aria-labelledby=about] p.description')]
	  .filter(p => !['de','en','ja'].includes(p.lang) || (p.lang !== 'de' && !p.closest('details'))).map(p => p.lang + ':' + p.textContent.slice(0, 30))`)
	if len(bad) > 0 {
		t.Errorf("profile texts without a fitting lang: %q", bad)
	}
	if n := anon.count("section[aria-labelledby=about] details p.description[lang=ja], section[aria-labelledby=about] details p.description[lang=en]"); n != 2 {
		t.Errorf("%d other-language texts marked, want 2", n)
	}
	// Japanese text on German and English pages of the directory is marked
	// ja, except company names (proper names).
	for _, path := range []string{"/de/companies?q=Optik", "/en/companies?region=tokyo"} {
		anon.navOK(path)
		unmarked := eval[[]string](anon, `(() => {
		  const out = [], re = /[\u3040-\u30ff\u4e00-\u9fff]/;
		  for (const p of document.querySelectorAll('[data-testid=results] li > p:not(.meta):not(.sectors):not(.coops)'))
		    if (re.test(p.textContent) && (p.closest('[lang]') || {}).lang !== 'ja') out.push(p.textContent.slice(0, 40));
		  return out; })()`)
		if len(unmarked) > 0 {
			t.Errorf("%s: Japanese excerpts without lang=ja: %q", path, unmarked)
		}
	}
	// Settings: each mail language in its own language.
	co := e.as(t, "tokyo@company.example")
	co.navOK("/de/account/settings")
	if n := co.count("input[name=lang]"); n != 3 || co.count("label[lang] > input[name=lang]") != 3 {
		t.Error("the mail-language choices are not marked with their language")
	}
	// The outbox shows each subject in its language.
	admin := e.as(t, "admin@kakehashi.example")
	admin.navOK("/de/admin/outbox")
	if n := eval[int](admin, `[...document.querySelectorAll('table tbody td a')].filter(a => /[\u3040-\u30ff]/.test(a.textContent) && a.lang !== 'ja').length`); n != 0 {
		t.Errorf("%d Japanese mail subjects without lang=ja in the outbox", n)
	}
}
