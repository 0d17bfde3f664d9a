package taxonomy

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestCounts(t *testing.T) {
	if got := len(Sections()); got != 21 {
		t.Errorf("sections: got %d, want 21 (A–U)", got)
	}
	if got := len(Divisions()); got != 88 {
		t.Errorf("divisions: got %d, want 88 (01–99)", got)
	}
}

func TestSectionsAreAToU(t *testing.T) {
	for i, s := range Sections() {
		if want := string(rune('A' + i)); s.Code != want {
			t.Errorf("section %d: code %q, want %q", i, s.Code, want)
		}
	}
}

func TestLabelsComplete(t *testing.T) {
	check := func(code string, l Labels) {
		t.Helper()
		for lang, s := range map[string]string{"de": l.DE, "en": l.EN, "ja": l.JA} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: empty %s label", code, lang)
			}
			if l.In(lang) != s {
				t.Errorf("%s: In(%q) = %q, want %q", code, lang, l.In(lang), s)
			}
		}
	}
	for _, s := range Sections() {
		check(s.Code, s.Label)
	}
	for _, d := range Divisions() {
		check(d.Code, d.Label)
	}
}

var divisionCode = regexp.MustCompile(`^[A-U][0-9]{2}$`)

func TestDivisionsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	prev := ""
	for _, d := range Divisions() {
		if !divisionCode.MatchString(d.Code) {
			t.Errorf("%q: not a section letter and two digits", d.Code)
		}
		if seen[d.Code[1:]] {
			t.Errorf("%s: division number used twice", d.Code)
		}
		seen[d.Code[1:]] = true
		if d.Code <= prev {
			t.Errorf("%s: not in code order after %s", d.Code, prev)
		}
		prev = d.Code
		if !strings.HasPrefix(d.Code, d.Section) {
			t.Errorf("%s: section %q is not its letter", d.Code, d.Section)
		}
		s, ok := SectionOf(d.Code)
		if !ok || s.Code != d.Section {
			t.Errorf("%s: section %q not found", d.Code, d.Section)
		}
	}
	// Every section has at least one division.
	for _, s := range Sections() {
		if !slices.ContainsFunc(Divisions(), func(d Division) bool { return d.Section == s.Code }) {
			t.Errorf("section %s has no division", s.Code)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"C26", "C26", true},
		{"c26", "C26", true},
		{" j62 ", "J62", true},
		{"Q86", "Q86", true},
		{"u99", "U99", true},
		{"A01", "A01", true},
		{"C34", "", false}, // no division 34 in NACE Rev. 2
		{"X01", "", false},
		{"C", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		d, ok := Lookup(tt.in)
		if ok != tt.wantOK || d.Code != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.in, d.Code, ok, tt.want, tt.wantOK)
		}
	}
}

func TestValid(t *testing.T) {
	for _, code := range []string{"A01", "C10", "C33", "D35", "J62", "M72", "Q86", "U99"} {
		if !Valid(code) {
			t.Errorf("Valid(%q) = false", code)
		}
	}
	// Valid is exact: callers normalize to upper case first.
	for _, code := range []string{"c26", "C4", "C40", "Z99", ""} {
		if Valid(code) {
			t.Errorf("Valid(%q) = true", code)
		}
	}
}

func TestSearch(t *testing.T) {
	tests := []struct {
		q    string
		want string
	}{
		{"optisch", "C26"},
		{"Optical", "C26"},
		{"光学", "C26"},
		{"Gesundheit", "Q86"},
		{"health", "Q86"},
		{"医療", "Q86"},
		{"Forschung", "M72"},
		{"research", "M72"},
		{"研究開発", "M72"},
		{"j62", "J62"},
		{"Maschinenbau", "C28"},
		{"化学", "C20"},
	}
	for _, tt := range tests {
		got := Search(tt.q)
		if !slices.ContainsFunc(got, func(d Division) bool { return d.Code == tt.want }) {
			t.Errorf("Search(%q) does not contain %s", tt.q, tt.want)
		}
	}
	if got := len(Search("")); got != 88 {
		t.Errorf("Search(\"\") returned %d divisions, want all 88", got)
	}
	if got := Search("no such thing xyz"); len(got) != 0 {
		t.Errorf("Search(nonsense) = %v, want none", got)
	}
}
