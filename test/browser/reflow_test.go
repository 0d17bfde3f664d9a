package browser_test

import (
	"fmt"
	"strings"
	"testing"
)

// layoutJS checks the page at the current viewport: the document does not
// scroll sideways, the main content is on screen, and nothing sticks out of
// the viewport or is clipped. Tables (in .table-scroll), the sector picker
// and closed disclosures may scroll or hide on purpose; the skip link sits
// off screen until it has the focus; a text field scrolls its own text.
const layoutJS = `(() => {
  const de = document.documentElement, vw = de.clientWidth;
  const problems = [];
  if (de.scrollWidth > vw) problems.push('the page scrolls sideways: scrollWidth ' + de.scrollWidth + ' > ' + vw);
  const main = document.querySelector('main'), h1 = document.querySelector('main h1, main h2');
  const mr = main.getBoundingClientRect();
  if (mr.width < 0.8 * vw - 40 || mr.left < 0 || mr.right > vw + 1) problems.push('main is ' + Math.round(mr.width) + ' px wide at ' + Math.round(mr.left) + ' of ' + vw);
  if (h1 && (h1.getBoundingClientRect().width === 0 || getComputedStyle(h1).visibility === 'hidden')) problems.push('the heading is not visible');
  const exempt = el => el.closest('.table-scroll, .sector-list, details:not([open]) > :not(summary), [hidden], .skip');
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  let n = 0;
  for (const el of document.body.querySelectorAll('*')) {
    if (exempt(el) || el.getClientRects().length === 0) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.left < -1 || r.right > vw + 1) { if (n++ < 8) problems.push('sticks out: ' + name(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + vw); continue; }
    const cs = getComputedStyle(el);
    if (!/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && (cs.overflowX === 'hidden' || cs.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1 && n++ < 8)
      problems.push('clipped: ' + name(el) + ' scrollWidth ' + el.scrollWidth + ' > ' + el.clientWidth);
  }
  return problems;
})()`

// reflowPages are the main pages, by who sees them.
var reflowPages = []struct{ who, path string }{
	{"", "/"},
	{"", "/companies?q=%s"},
	{"", "/companies?region=tokyo&sector=C26"},
	{"", "/companies/tokyo-001"},
	{"", "/companies/nrw-001"},
	{"", "/signup"},
	{"", "/contact"},
	{"", "/accessibility"},
	{"tokyo@company.example", "/account"},
	{"tokyo@company.example", "/account/profile"},
	{"tokyo@company.example", "/account/suggestions"},
	{"staff@aachen.example", "/staff/cases"},
	{"staff@aachen.example", "/staff/dashboard"},
	{"staff@aachen.example", "/staff/companies"},
	{"desk@nrw-global-business.example", "/staff/inbox"},
	{"admin@kakehashi.example", "/admin/users"},
	{"admin@kakehashi.example", "/admin/outbox"},
}

// WCAG 1.4.10 Reflow: at 320 CSS px the main pages work without scrolling
// sideways; 1.4.4 Resize text: at 200 % zoom (a 1280-px window is 640 CSS px
// at device scale 2) nothing is cut off and the main content stays visible.
func TestReflowAt320AndZoom200(t *testing.T) {
	e := suite(t)
	sizes := []struct {
		name  string
		w, h  int64
		scale float64
	}{
		{"320px", 320, 640, 1},
		{"zoom200", 640, 450, 2},
	}
	tabs := map[string]*tab{"": e.newTab(t, "visitor")}
	for _, p := range reflowPages {
		if p.who != "" && tabs[p.who] == nil {
			tabs[p.who] = e.as(t, p.who)
		}
	}
	for _, tb := range tabs {
		tb.t = t
		tb.viewport(320, 640, 1)
		t.Cleanup(func() { tb.t = t; tb.resetViewport() })
	}
	for _, size := range sizes {
		t.Run(size.name, func(t *testing.T) {
			for _, tb := range tabs {
				tb.t = t
				tb.viewport(size.w, size.h, size.scale)
			}
			for _, lang := range langs {
				for _, p := range reflowPages {
					tb := tabs[p.who]
					path := "/" + lang + p.path
					if strings.Contains(path, "%s") {
						path = fmt.Sprintf(path, searchWord[lang])
					}
					tb.navOK(path)
					if problems := eval[[]string](tb, layoutJS); len(problems) > 0 {
						t.Errorf("%s at %s:\n  %s", path, size.name, strings.Join(problems, "\n  "))
					}
				}
			}
			// Screenshots of two pages per size, for the record.
			v := tabs[""]
			v.navOK("/de/companies?q=Optik")
			v.screenshot("directory-de-" + size.name)
			v.navOK("/ja/companies/tokyo-001")
			v.screenshot("profile-ja-" + size.name)
		})
	}
}
