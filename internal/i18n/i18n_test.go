package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// Every key must exist in every language, with the same placeholders.
func TestCatalogsComplete(t *testing.T) {
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	en := catalogs["en"]
	if len(en) < 100 {
		t.Fatalf("English catalog has only %d keys", len(en))
	}
	for _, lang := range Langs {
		for key, msg := range catalogs[lang] {
			if _, ok := en[key]; !ok {
				t.Errorf("%s has key %q that English lacks", lang, key)
			}
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s: %q is empty", lang, key)
			}
		}
		for key, msg := range en {
			other, ok := catalogs[lang][key]
			if !ok {
				t.Errorf("%s lacks %q", lang, key)
				continue
			}
			a, b := placeholder.FindAllString(msg, -1), placeholder.FindAllString(other, -1)
			sort.Strings(a)
			sort.Strings(b)
			if !slices.Equal(slices.Compact(a), slices.Compact(b)) {
				t.Errorf("%s %q: placeholders %v, English %v", lang, key, b, a)
			}
		}
	}
}

// Every literal key used in templates and Go code must exist.
func TestUsedKeysExist(t *testing.T) {
	call := regexp.MustCompile(`\b(?:(?:t|tr|T|Tc)\((?:ctx|lang|[a-zA-Z.()]+), |msg\()"([a-z_]+\.[a-z_.0-9]+)"\s*[,)]`)
	root := filepath.Join("..", "..")
	var files []string
	for _, dir := range []string{"templates", "web", "internal/app", "internal/cli"} {
		m, _ := filepath.Glob(filepath.Join(root, dir, "*.templ"))
		files = append(files, m...)
		m, _ = filepath.Glob(filepath.Join(root, dir, "*.go"))
		files = append(files, m...)
	}
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_templ.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(data), -1) {
			found++
			if !Has(m[1]) {
				t.Errorf("%s uses unknown key %q", f, m[1])
			}
		}
	}
	if found < 300 {
		t.Fatalf("found only %d key uses; is the pattern stale?", found)
	}
}

func TestT(t *testing.T) {
	if got := T("en", "directory.count", "n", 12345); got != "12,345 companies found" {
		t.Errorf("got %q", got)
	}
	if got := T("de", "directory.count", "n", 12345); !strings.HasPrefix(got, "12.345 ") {
		t.Errorf("got %q", got)
	}
	if got := T("en", "no.such.key"); got != "[no.such.key]" {
		t.Errorf("got %q", got)
	}
	// two placeholders, one argument missing (kept as written), extra arguments ignored
	if got := T("en", "directory.page_of", "page", 2, "pages", 10, "x", 1); got != "Page 2 of 10" {
		t.Errorf("got %q", got)
	}
	if got := T("en", "directory.page_of", "page", 2); got != "Page 2 of {pages}" {
		t.Errorf("got %q", got)
	}
}

func TestNegotiate(t *testing.T) {
	for _, tt := range []struct{ header, want string }{
		{"", "en"}, {"de", "de"}, {"ja-JP,ja;q=0.9", "ja"}, {"fr, de;q=0.3, ja;q=0.7", "ja"}, {"de;q=0", "en"}, {"xx,,;q=", "en"},
	} {
		if got := Negotiate(tt.header); got != tt.want {
			t.Errorf("Negotiate(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestDateAndNumber(t *testing.T) {
	d := time.Date(2026, 11, 21, 9, 5, 0, 0, time.UTC)
	for _, tt := range []struct{ lang, date, num string }{
		{"de", "21.11.2026", "1.234.567"}, {"en", "21 Nov 2026", "1,234,567"}, {"ja", "2026年11月21日", "1,234,567"},
	} {
		if got := Date(tt.lang, d); got != tt.date {
			t.Errorf("Date(%s) = %q", tt.lang, got)
		}
		if got := Number(tt.lang, 1234567); got != tt.num {
			t.Errorf("Number(%s) = %q", tt.lang, got)
		}
	}
	if got := Number("de", 1234); got != "1234" {
		t.Errorf("four digits are not grouped: %q", got)
	}
}
