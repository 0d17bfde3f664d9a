package gen

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"kakehashi/internal/company"
	"kakehashi/internal/taxonomy"
)

func partnerExists(key string) bool { return slices.Contains(PartnerKeys, key) }

func TestCompaniesValidate(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		for _, c := range Companies(2000, seed) {
			before := clone(c)
			c.Normalize()
			if !reflect.DeepEqual(before, c) {
				t.Errorf("seed %d, %s: Normalize changed the profile; the generator should emit normalized data", seed, c.Ref)
			}
			if errs := c.Validate(partnerExists); len(errs) > 0 {
				t.Fatalf("seed %d, %s: %v\n%+v", seed, c.Ref, errs, c)
			}
		}
	}
}

func TestCompaniesShape(t *testing.T) {
	refPattern := regexp.MustCompile(`^gen-\d{6}$`)
	for i, c := range Companies(3000, 7) {
		if want := fmt.Sprintf("gen-%06d", i+1); c.Ref != want || !refPattern.MatchString(c.Ref) {
			t.Fatalf("company %d: ref %q, want %q", i, c.Ref, want)
		}
		if c.Website != "https://www."+c.Ref+".example" {
			t.Errorf("%s: website %q", c.Ref, c.Website)
		}
		if !strings.HasSuffix(c.Contact.Email, "@"+c.Ref+".example") {
			t.Errorf("%s: e-mail %q", c.Ref, c.Contact.Email)
		}
		if !strings.Contains(c.Contact.Phone, " 0000 ") {
			t.Errorf("%s: phone %q lacks the fictional 0000 block", c.Ref, c.Contact.Phone)
		}
		switch c.Region {
		case company.RegionNRW:
			if c.Municipality != "" {
				idx := slices.Index(PartnerKeys, c.Municipality)
				if idx < 0 || !slices.ContainsFunc(partnerCities[idx], func(p city) bool { return p.name == c.City }) {
					t.Errorf("%s: city %q does not belong to municipality %q", c.Ref, c.City, c.Municipality)
				}
			} else if !slices.ContainsFunc(otherNRW, func(p city) bool { return p.name == c.City }) {
				t.Errorf("%s: city %q is not an NRW city", c.Ref, c.City)
			}
		case company.RegionTokyo:
			if c.Municipality != "" || !slices.ContainsFunc(tokyoCities, func(p city) bool { return p.name == c.City }) {
				t.Errorf("%s: Tokyo company in %q / municipality %q", c.Ref, c.City, c.Municipality)
			}
		default:
			t.Errorf("%s: region %q", c.Ref, c.Region)
		}
		between(t, c.Ref+" sectors", len(c.Sectors), 1, 3)
		between(t, c.Ref+" keywords", len(c.Keywords), 3, 8)
		between(t, c.Ref+" offers", len(c.Offers), 1, 2)
		between(t, c.Ref+" seeks", len(c.Seeks), 1, 2)
		between(t, c.Ref+" description languages", len(c.Description), 1, 3)
		for lang := range c.Description {
			if !c.Speaks(lang) {
				t.Errorf("%s: description in %s but languages %v", c.Ref, lang, c.Languages)
			}
		}
		for _, x := range append(slices.Clone(c.Offers), c.Seeks...) {
			if !strings.Contains(x.Text, " / ") {
				t.Errorf("%s: cooperation text %q is not bilingual", c.Ref, x.Text)
			}
		}
		if c.Kind == company.KindStartup && (c.Founded < 2010 || c.Employees > 100) {
			t.Errorf("%s: implausible start-up founded %d with %d employees", c.Ref, c.Founded, c.Employees)
		}
		if c.Founded < 1870 || c.Founded > 2025 || c.Employees < 1 || c.Employees > 1500 {
			t.Errorf("%s: founded %d, employees %d", c.Ref, c.Founded, c.Employees)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := Companies(500, 42), Companies(500, 42)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed gave different companies")
	}
	// A prefix of a longer run is the shorter run.
	if long := Companies(800, 42); !reflect.DeepEqual(a, long[:500]) {
		t.Error("Companies(500) is not a prefix of Companies(800) for the same seed")
	}
	if c := Companies(500, 43); reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same companies")
	}
}

func TestNonPositive(t *testing.T) {
	for _, n := range []int{0, -1} {
		if got := Companies(n, 1); len(got) != 0 {
			t.Errorf("Companies(%d) returned %d companies", n, len(got))
		}
	}
}

// TestLargeRunIsWellSpread generates 20,000 profiles and looks for anything
// pathological in the mix: lopsided regions, unused values, duplicates,
// oversized texts.
func TestLargeRunIsWellSpread(t *testing.T) {
	const n = 20_000
	cs := Companies(n, 2026)
	if len(cs) != n {
		t.Fatalf("got %d companies", len(cs))
	}
	regions := map[company.Region]int{}
	munis := map[string]int{}
	codes := map[string]int{}
	offers := map[company.CoopType]int{}
	seeks := map[company.CoopType]int{}
	descLangs := map[string]int{}
	kinds := map[company.Kind]int{}
	refs := make(map[string]bool, n)
	names := map[string]bool{}
	for _, c := range cs {
		if refs[c.Ref] {
			t.Fatalf("duplicate ref %s", c.Ref)
		}
		refs[c.Ref] = true
		names[c.Name] = true
		regions[c.Region]++
		kinds[c.Kind]++
		if c.Municipality != "" {
			munis[c.Municipality]++
		}
		for _, s := range c.Sectors {
			codes[s]++
		}
		for _, x := range c.Offers {
			offers[x.Type]++
		}
		for _, x := range c.Seeks {
			seeks[x.Type]++
		}
		for lang, s := range c.Description {
			descLangs[lang]++
			if utf8.RuneCountInString(s) > 1000 {
				t.Errorf("%s: %s description has %d characters", c.Ref, lang, utf8.RuneCountInString(s))
			}
		}
	}
	for _, r := range company.Regions {
		if share := float64(regions[r]) / n; share < 0.45 || share > 0.55 {
			t.Errorf("region %s: share %.3f, want about half", r, share)
		}
	}
	for _, k := range PartnerKeys {
		if munis[k] < n/50 {
			t.Errorf("municipality %s: only %d companies", k, munis[k])
		}
	}
	for _, s := range sectors {
		if codes[s.code] == 0 {
			t.Errorf("sector %s never drawn", s.code)
		}
	}
	for _, ct := range company.CoopTypes {
		if offers[ct] == 0 || seeks[ct] == 0 {
			t.Errorf("cooperation type %s: offered %d, sought %d times", ct, offers[ct], seeks[ct])
		}
	}
	for _, l := range company.Languages {
		if descLangs[l] < n/20 {
			t.Errorf("only %d descriptions in %s", descLangs[l], l)
		}
	}
	for _, k := range company.Kinds {
		if kinds[k] < n/10 {
			t.Errorf("kind %s: only %d companies", k, kinds[k])
		}
	}
	if len(names) < n/10 {
		t.Errorf("only %d distinct names in %d companies", len(names), n)
	}
}

// TestVocabulary keeps the tables consistent with the taxonomy and the
// cooperation types.
func TestVocabulary(t *testing.T) {
	for _, s := range sectors {
		if !taxonomy.Valid(s.code) {
			t.Errorf("sector %s is not a NACE division", s.code)
		}
		if s.weight <= 0 || len(s.terms) < 3 {
			t.Errorf("sector %s: weight %d, %d terms", s.code, s.weight, len(s.terms))
		}
		for _, tr := range append([]trio{s.stem, s.what}, s.terms...) {
			if tr.de == "" || tr.en == "" || tr.ja == "" {
				t.Errorf("sector %s: incomplete trio %+v", s.code, tr)
			}
		}
	}
	if len(partnerCities) != len(PartnerKeys) {
		t.Fatalf("%d city lists for %d partner keys", len(partnerCities), len(PartnerKeys))
	}
	for _, w := range coopWeights {
		if !company.CoopType(w.typ).Valid() {
			t.Errorf("unknown cooperation type %q", w.typ)
		}
		if _, ok := coopPhrases[w.typ]; !ok {
			t.Errorf("no phrases for %q", w.typ)
		}
	}
	if len(coopWeights) != len(company.CoopTypes) {
		t.Errorf("%d weighted cooperation types, want all %d", len(coopWeights), len(company.CoopTypes))
	}
}

func BenchmarkCompanies(b *testing.B) {
	const batch = 1000
	b.ReportAllocs()
	seed := int64(0)
	for b.Loop() {
		seed++
		Companies(batch, seed)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batch), "ns/company")
}

func between(t *testing.T, what string, got, lo, hi int) {
	t.Helper()
	if got < lo || got > hi {
		t.Errorf("%s: %d, want %d–%d", what, got, lo, hi)
	}
}

// clone copies the parts of c that Normalize may rewrite in place.
func clone(c company.Company) company.Company {
	c.Sectors = slices.Clone(c.Sectors)
	c.Keywords = slices.Clone(c.Keywords)
	c.Languages = slices.Clone(c.Languages)
	c.Offers = slices.Clone(c.Offers)
	c.Seeks = slices.Clone(c.Seeks)
	d := make(company.Texts, len(c.Description))
	for k, v := range c.Description {
		d[k] = v
	}
	c.Description = d
	return c
}
