package browser_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"kakehashi/internal/mail"
)

// tabbablesJS numbers the elements the Tab key should reach, in document
// order (the portal uses no positive tabindex): visible, enabled links,
// buttons, fields and summaries; of a radio group only the checked radio, or
// the first when none is checked. It returns how many there are.
const tabbablesJS = `(() => {
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[inert]');
  const inClosedDetails = el => { const d = el.parentElement && el.parentElement.closest('details:not([open])'); return d && !(el.tagName === 'SUMMARY' && el.parentElement === d); };
  let n = 0;
  document.querySelectorAll('[data-kk-tab]').forEach(el => el.removeAttribute('data-kk-tab'));
  for (const el of document.querySelectorAll(sel)) {
    if (el.disabled || el.tabIndex < 0 || el.type === 'hidden' || !shown(el) || inClosedDetails(el)) continue;
    if (el.type === 'radio') {
      const group = [...el.form.querySelectorAll('input[type=radio][name="' + CSS.escape(el.name) + '"]')];
      const stop = group.find(r => r.checked) || group[0];
      if (stop !== el) continue;
    }
    el.setAttribute('data-kk-tab', String(n++));
  }
  return n;
})()`

// focusStateJS describes the focused element and whether its focus is
// visible: an outline of at least 2 px or a box-shadow, inside the viewport,
// not hidden and not covered by another element.
const focusStateJS = `(() => {
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return {where: 'body', visible: false, why: 'nothing focused'};
  const where = a.hasAttribute('data-kk-tab') ? 'tab:' + a.getAttribute('data-kk-tab') : 'other:' + (a.id ? '#' + a.id : a.tagName.toLowerCase() + (a.name ? '[name=' + a.name + ']' : ''));
  const cs = getComputedStyle(a);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
  const shadow = !!cs.boxShadow && cs.boxShadow !== 'none';
  const r = a.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const covered = !(hit && (hit === a || a.contains(hit) || hit.contains(a) || (hit.control && hit.control === a)));
  const why = [!(outline || shadow) && 'no focus indicator (outline ' + cs.outlineStyle + ' ' + cs.outlineWidth + ')', !inView && 'outside the viewport', covered && 'covered by ' + (hit ? hit.tagName + '.' + hit.className : 'nothing')].filter(Boolean).join(', ');
  return {where, visible: !why, why, desc: a.outerHTML.slice(0, 120)};
})()`

type focusState struct {
	Where   string `json:"where"`
	Visible bool   `json:"visible"`
	Why     string `json:"why"`
	Desc    string `json:"desc"`
}

// startFromTop puts the focus back at the start of the page, as after
// loading it.
func (tb *tab) startFromTop() {
	tb.t.Helper()
	eval[bool](tb, `(document.activeElement && document.activeElement.blur(), window.scrollTo(0, 0), true)`)
}

// tabCycle presses Tab from the top of the page until the focus leaves the
// document or comes back to the first stop. Every stop must show its focus,
// and the stops must be exactly the page's tabbable elements in order: no
// element skipped, none unreachable, no trap.
func (tb *tab) tabCycle(label string) int {
	tb.t.Helper()
	want := eval[int](tb, tabbablesJS)
	tb.startFromTop()
	var got []string
	for i := 0; i < want+5; i++ {
		tb.hit(keyTab)
		fs := eval[focusState](tb, focusStateJS)
		if fs.Where == "body" || (len(got) > 0 && fs.Where == got[0]) {
			break
		}
		if !fs.Visible {
			tb.t.Errorf("%s: focus not visible on stop %d (%s): %s\n  %s", label, len(got), fs.Where, fs.Why, fs.Desc)
		}
		got = append(got, fs.Where)
	}
	var wantSeq []string
	for i := 0; i < want; i++ {
		wantSeq = append(wantSeq, fmt.Sprintf("tab:%d", i))
	}
	if strings.Join(got, " ") != strings.Join(wantSeq, " ") {
		tb.t.Errorf("%s: Tab order %v, want the %d tabbable elements in order (a skip, an unreachable element or a trap)", label, got, want)
	}
	return len(got)
}

// tabTo presses Tab until the focus is on sel, checking on the way that the
// focus is always visible.
func (tb *tab) tabTo(sel string) {
	tb.t.Helper()
	for i := 0; i < 300; i++ {
		if eval[bool](tb, `!!document.activeElement && document.activeElement.matches(`+jsString(sel)+`)`) {
			return
		}
		tb.hit(keyTab)
		if fs := eval[focusState](tb, focusStateJS); fs.Where != "body" && !fs.Visible {
			tb.t.Errorf("focus not visible (%s): %s\n  %s", fs.Where, fs.Why, fs.Desc)
		}
	}
	tb.t.Fatalf("Tab never reaches %s on %s", sel, tb.pathNoFail())
}

// Journey 5: sign-up and the profile form with the keyboard only (Tab,
// Enter, Space and typing): the focus is always visible, every control is
// reachable in order and nothing traps the focus.
func TestKeyboardOnlySignupAndProfile(t *testing.T) {
	e := suite(t)
	kbd := e.newTab(t, "keyboard user")
	email := uniqueEmail("keyboard")
	const name = "Rurtal Sensorik GmbH"

	kbd.navOK("/de/signup")
	t.Logf("sign-up: %d tab stops", kbd.tabCycle("sign-up"))

	// The skip link is the first stop and leads into the main content.
	kbd.navOK("/de/signup")
	kbd.hit(keyTab)
	if !eval[bool](kbd, `document.activeElement.matches('a.skip')`) {
		t.Errorf("the first Tab stop is %s, not the skip link", eval[string](kbd, activeElementJS))
	}
	kbd.hit(keyEnter)
	if got := eval[string](kbd, activeElementJS); got != "#main" {
		t.Errorf("the skip link moved the focus to %s", got)
	}
	kbd.hit(keyTab)
	if !eval[bool](kbd, `document.querySelector('main').contains(document.activeElement)`) {
		t.Errorf("Tab after the skip link went to %s, outside main", eval[string](kbd, activeElementJS))
	}

	// Sign up.
	kbd.navOK("/de/signup")
	kbd.tabTo("#f-email")
	kbd.press(email)
	kbd.tabTo("#f-password")
	kbd.press("Tastatur ohne Maus 2026")
	kbd.tabTo("#f-consent")
	kbd.hit(keySpace)
	if !eval[bool](kbd, `document.querySelector('#f-consent').checked`) {
		t.Fatal("Space did not tick the consent")
	}
	kbd.tabTo("form[action='/de/signup'] button[type=submit]")
	if st := kbd.hitNav(keyEnter); st != 200 {
		t.Fatalf("sign-up by keyboard: status %d: %s", st, kbd.text(".error-summary"))
	}
	_, link, err := e.portal.mailTo(context.Background(), email, func(m mail.Message) bool { return m.Kind == "confirm_email" })
	if err != nil {
		t.Fatal(err)
	}
	kbd.navURL(link) // the link is opened from the mail program
	if p := kbd.path(); p != "/de/account/profile" {
		t.Fatalf("after confirming: %s", p)
	}

	// The profile form: every stop reachable and visible, then fill it.
	t.Logf("profile form: %d tab stops", kbd.tabCycle("profile form"))
	kbd.startFromTop()
	kbd.tabTo("#f-name")
	kbd.press(name)
	kbd.tabTo("input[name=region]")
	kbd.hit(keySpace)
	if got := kbd.value("input[name=region]:checked"); got != "nrw" {
		t.Fatalf("Space on the first region radio checked %q", got)
	}
	kbd.tabTo("#f-city")
	kbd.press("Düren")
	kbd.tabTo("#sector-filter")
	kbd.press("C26")
	kbd.tabTo("input[name=sectors][value=C26]")
	kbd.hit(keySpace)
	kbd.tabTo("#f-description-de")
	kbd.press("Wir entwickeln optische Sensoren für die Prozessüberwachung in der Glasindustrie.")
	kbd.tabTo("#f-contact-email")
	kbd.press("info@rurtal-sensorik.example")
	kbd.tabTo("form.profile-form button[type=submit]")
	if st := kbd.hitNav(keyEnter); st != 200 {
		t.Fatalf("saving the profile by keyboard: status %d: %s", st, kbd.text(".error-summary"))
	}
	if p, h := kbd.path(), kbd.text("h1"); !strings.HasPrefix(p, "/de/companies/") || h != name {
		t.Fatalf("after saving: %s %q", p, h)
	}
	if !strings.Contains(kbd.text(".sectors, .facts"), "C26") {
		t.Error("the sector chosen with Space was not saved")
	}
	kbd.tabCycle("saved profile")
}
