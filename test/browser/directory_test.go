package browser_test

import (
	"net/url"
	"strings"
	"testing"
)

// Journey 3: an anonymous visitor searches the directory in German and in
// Japanese, filters, opens a profile and switches the language while staying
// on the same page (and the same search).
func TestDirectorySearchFilterAndLanguageSwitch(t *testing.T) {
	e := suite(t)
	v := e.newTab(t, "visitor")

	// German: type a search and press Enter.
	v.navOK("/de/companies")
	v.do(clickSel("#f-q"))
	v.press("Optik")
	if st := v.hitNav(keyEnter); st != 200 {
		t.Fatalf("search: status %d", st)
	}
	q := v.query()
	if q.Get("q") != "Optik" {
		t.Fatalf("search not in the URL: %s", v.path())
	}
	all := v.count("[data-testid=results] > li")
	if all == 0 {
		t.Fatalf("no results for Optik: %s", v.text("#results-title"))
	}
	if got := v.value("#f-q"); got != "Optik" {
		t.Errorf("search field shows %q after searching", got)
	}
	v.screenshot("directory-de")

	// Filter: only Tokyo companies.
	v.setValue("#f-region", "tokyo")
	v.submit("form.filters button[type=submit]")
	if q := v.query(); q.Get("q") != "Optik" || q.Get("region") != "tokyo" {
		t.Fatalf("filter lost the search or the region: %s", v.path())
	}
	n := v.count("[data-testid=results] > li")
	if n == 0 || n > all {
		t.Fatalf("%d results with the Tokyo filter (of %d)", n, all)
	}
	if other := v.count("[data-testid=results] > li .badge.region-nrw"); other != 0 {
		t.Errorf("%d NRW companies in a Tokyo-only list", other)
	}
	if v.value("#f-region") != "tokyo" {
		t.Error("the region filter is not kept in the form")
	}
	if v.count("#results-title[role=status], #results-title [role=status]") == 0 {
		t.Error("the result count is not a status message")
	}

	// Open the first result.
	name := v.text("[data-testid=results] > li:first-child h3 a")
	href := v.attr("[data-testid=results] > li:first-child h3 a", "href")
	v.submit("[data-testid=results] > li:first-child h3 a")
	if v.path() != href || v.text("h1") != name {
		t.Fatalf("opened %s (%q), want %s (%q)", v.path(), v.text("h1"), href, name)
	}

	// Switch to Japanese on the profile: the same company, now in Japanese.
	v.submit(`nav.langs a[hreflang="ja"]`)
	if want := "/ja" + strings.TrimPrefix(href, "/de"); v.path() != want {
		t.Fatalf("language switch went to %s, want %s", v.path(), want)
	}
	if v.attr("html", "lang") != "ja" || v.text("h1") != name {
		t.Errorf("after switching: lang %q, heading %q", v.attr("html", "lang"), v.text("h1"))
	}
	if v.attr(`nav.langs [aria-current]`, "lang") != "ja" {
		t.Error("the current language is not marked in the switcher")
	}

	// Japanese: search 光学 (optics); Japanese words without spaces are found.
	v.navOK("/ja/companies")
	v.do(clickSel("#f-q"))
	v.press("光学")
	v.hitNav(keyEnter)
	if v.query().Get("q") != "光学" {
		t.Fatalf("Japanese search not in the URL: %s", v.path())
	}
	if v.count(`[data-testid=results] a[href="/ja/companies/tokyo-001"]`) != 1 {
		t.Errorf("光学 does not find tokyo-001 (光学素子): %s", v.text("#results-title"))
	}
	v.setValue("#f-sector", "C26")
	v.submit("form.filters button[type=submit]")
	if q := v.query(); q.Get("q") != "光学" || q.Get("sector") != "C26" {
		t.Fatalf("sector filter: %s", v.path())
	}
	if v.count("[data-testid=results] > li") == 0 {
		t.Fatal("no results for 光学 in C26")
	}
	v.screenshot("directory-filtered-ja")

	// Switching language keeps the search and the filters.
	jaCount := v.text("#results-title")
	v.submit(`nav.langs a[hreflang="de"]`)
	if q := v.query(); !strings.HasPrefix(v.path(), "/de/companies?") || q.Get("q") != "光学" || q.Get("sector") != "C26" {
		t.Fatalf("after switching to German: %s", v.path())
	}
	if v.value("#f-q") != "光学" || v.value("#f-sector") != "C26" {
		t.Error("the German page does not keep the search form's values")
	}
	t.Logf("ja %q → de %q", jaCount, v.text("#results-title"))

	// Open a Tokyo profile from the German list: the profile is German where
	// the company wrote German, other texts are marked with their language.
	v.navOK("/de/companies/tokyo-001")
	v.screenshot("profile-tokyo-001-de")
	v.navOK("/ja/companies/tokyo-001")
	v.screenshot("profile-ja")
}

// query returns the current URL's query.
func (tb *tab) query() url.Values {
	tb.t.Helper()
	u, err := url.Parse(tb.path())
	if err != nil {
		tb.t.Fatal(err)
	}
	return u.Query()
}
