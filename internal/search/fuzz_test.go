package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"kakehashi/internal/textproc"
)

var tokenSamples = []string{
	"", "Medizintechnik", "Müller Straße", "MUELLER", "Café crème", "ＡＢＣ１２３", "ｶﾒﾗ", "光学",
	"マイクロ光学部品", "光 optics", "ISO 9001認証", "Ölpumpen, Hochdruck-Pumpen!", "ǅemal Łódź Ærø",
	"İstanbul", "x\xffy\xc3", "Ⅻ ﬁle ㍿", "々ー〆", "한국어 텍스트", `"quoted" „Zitat“ 「引用」`,
	"e\u0301t\u00e9", "ΑΒΓ αβγ", "Straẞe",
}

func TestTokensAgree(t *testing.T) {
	for _, s := range tokenSamples {
		checkTokens(t, s)
	}
}

// FuzzTokens holds the package's fast tokenizer to textproc's.
func FuzzTokens(f *testing.F) {
	for _, s := range tokenSamples {
		f.Add(s)
	}
	f.Fuzz(checkTokens)
}

func checkTokens(t *testing.T, s string) {
	if got, want := fold(s), textproc.Fold(s); got != want {
		t.Fatalf("fold(%q) = %q, textproc.Fold = %q", s, got, want)
	}
	if got, want := appendTokens(nil, s), textproc.Tokens(s); !slices.Equal(got, want) {
		t.Fatalf("appendTokens(%q) = %q, textproc.Tokens = %q", s, got, want)
	}
}

func TestParseTerms(t *testing.T) {
	tests := []struct {
		q    string
		want []Term
	}{
		{"", nil},
		{"  Medizin-Technik  ", []Term{{Token: "medizin"}, {Token: "technik"}}},
		{"Müller MUELLER", []Term{{Token: "mueller"}}},
		{"光学部品", []Term{{Token: "光学"}, {Token: "学部"}, {Token: "部品"}}},
		{"光 Sensor", []Term{{Token: "光"}, {Token: "sensor"}}},
		{`"Pumpen" pumpen`, []Term{{Token: "pumpen", Exact: true}, {Token: "pumpen"}}},
		{`„Öl Pumpen“ x`, []Term{{Token: "oel", Exact: true}, {Token: "pumpen", Exact: true}, {Token: "x"}}},
		{`"光学 unclosed`, []Term{{Token: "光学"}, {Token: "unclosed", Exact: true}}},
		{"ISO9001認証", []Term{{Token: "iso9001"}, {Token: "認証"}}},
	}
	for _, tt := range tests {
		if got := ParseTerms(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("ParseTerms(%q) = %+v, want %+v", tt.q, got, tt.want)
		}
	}
	long := strings.Repeat("wort", 2000) + " " + strings.Repeat("ä", 1000)
	if got := ParseTerms(long); len(got) != 1 || len(got[0].Token) > maxQueryBytes {
		t.Errorf("long query: %d terms", len(got))
	}
	many := strings.Repeat("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg ", 2)
	if got := ParseTerms(many); len(got) != maxTerms {
		t.Errorf("many words: %d terms, want %d", len(got), maxTerms)
	}
}

// FuzzParseTerms checks that queries tokenize as documents do, within the
// query limits.
func FuzzParseTerms(f *testing.F) {
	for _, s := range tokenSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms := ParseTerms(q)
		if len(terms) > maxTerms {
			t.Fatalf("%d terms", len(terms))
		}
		var got []string
		for _, term := range terms {
			if term.Token == "" || !utf8.ValidString(term.Token) {
				t.Fatalf("bad token %q", term.Token)
			}
			if !slices.Contains(got, term.Token) {
				got = append(got, term.Token)
			}
		}
		if len(q) > maxQueryBytes || len(terms) == maxTerms {
			return
		}
		var want []string
		for _, tok := range textproc.Tokens(q) {
			if !slices.Contains(want, tok) {
				want = append(want, tok)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("ParseTerms(%q) tokens %q, textproc.Tokens %q", q, got, want)
		}
	})
}

// FuzzSearch runs arbitrary queries against a small index: no panics, and
// results that are consistent with their paging.
func FuzzSearch(f *testing.F) {
	f.Add("Medizin", "nrw", "C", "", 1, 20)
	f.Add("光", "", "c26", "supply", 2, 1)
	f.Add(`"pumpen`, "tokyo", "", "", -5, 1000)
	f.Add("", "", "", "", 1<<40, 3)
	ix := newFixture(f)
	ix.Delete(3)
	f.Fuzz(func(t *testing.T, q, region, sector, offers string, page, per int) {
		r := ix.Search(Query{Q: q, Region: region, Sector: sector, Offers: offers, Page: page, PerPage: per})
		if len(r.IDs) > r.PerPage || r.PerPage < 1 || r.PerPage > MaxPerPage || r.Page < 1 {
			t.Fatalf("paging: %+v", r)
		}
		if r.Total < len(r.IDs) || r.Total > ix.Len() || r.Pages != (r.Total+r.PerPage-1)/r.PerPage {
			t.Fatalf("totals: %+v", r)
		}
		seen := map[int64]bool{}
		for _, id := range r.IDs {
			if seen[id] || id == 3 {
				t.Fatalf("ids: %+v", r)
			}
			seen[id] = true
		}
	})
}
