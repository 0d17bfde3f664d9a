// Package gen generates random but plausible company profiles for
// benchmarks and load tests: NRW and Tokyo firms with sectors, multilingual
// keywords and descriptions, offers and seeks. Every profile passes
// company.Validate after Normalize. The output depends only on the seed, so a
// benchmark or load test can be repeated exactly.
//
// The vocabulary is deliberately general; the profiles exercise storage,
// search and matching at volume, they do not measure match quality.
package gen

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"kakehashi/internal/company"
)

// Companies returns n random company profiles with refs gen-000001 … in
// order. The same n and seed always give the same profiles.
func Companies(n int, seed int64) []company.Company {
	if n <= 0 {
		return nil
	}
	g := generator{r: rand.New(rand.NewPCG(uint64(seed), 0x6b616b6568617368))}
	out := make([]company.Company, n)
	for i := range out {
		out[i] = g.company(i + 1)
	}
	return out
}

type generator struct {
	r *rand.Rand
}

var (
	germany = trio{"Deutschland", "Germany", "ドイツ"}
	europe  = trio{"Europa", "Europe", "欧州"}
	japan   = trio{"Japan", "Japan", "日本"}
)

// sectorTotal is the sum of the sector weights.
var sectorTotal = func() int {
	t := 0
	for _, s := range sectors {
		t += s.weight
	}
	return t
}()

func (g *generator) company(i int) company.Company {
	r := g.r
	ref := "gen-" + pad6(i)
	c := company.Company{Ref: ref, Website: "https://www." + ref + ".example"}

	var place city
	if r.IntN(2) == 0 {
		c.Region = company.RegionNRW
		if r.IntN(100) < 85 {
			m := r.IntN(len(PartnerKeys))
			c.Municipality = PartnerKeys[m]
			place = pick(r, partnerCities[m])
		} else {
			place = pick(r, otherNRW)
		}
	} else {
		c.Region = company.RegionTokyo
		place = pick(r, tokyoCities)
	}
	c.City = place.name

	secs := g.sectors()
	for _, s := range secs {
		c.Sectors = append(c.Sectors, sectors[s].code)
	}
	g.size(&c)
	c.Name = g.name(c.Region, sectors[secs[0]].stem)

	descLangs := g.descriptionLanguages(c.Region)
	c.Languages = businessLanguages(c.Region, descLangs, r.IntN(100) < 80)
	c.Keywords = g.keywords(secs, c.Languages)

	own, other := germany, japan
	if c.Region == company.RegionTokyo {
		own, other = japan, germany
	}
	if r.IntN(100) < 30 {
		if c.Region == company.RegionNRW {
			own = europe
		} else {
			other = europe
		}
	}
	c.Offers = g.coops(c.Region, secs, own, true)
	c.Seeks = g.coops(c.Region, secs, other, false)
	c.Description = g.description(&c, place, secs, descLangs, other)
	c.Contact = g.contact(c.Region, place, ref)
	return c
}

// sectors picks 1–3 distinct sectors by weight; the first is the main one.
func (g *generator) sectors() []int {
	n := 1
	switch x := g.r.IntN(100); {
	case x >= 88:
		n = 3
	case x >= 55:
		n = 2
	}
	out := make([]int, 0, n)
	for len(out) < n {
		s := g.weightedSector()
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func (g *generator) weightedSector() int {
	x := g.r.IntN(sectorTotal)
	for i, s := range sectors {
		if x < s.weight {
			return i
		}
		x -= s.weight
	}
	return len(sectors) - 1
}

// size sets kind, founding year and head count: start-ups are young and
// small; SMEs span a century and a log-uniform 5–1,500 employees.
func (g *generator) size(c *company.Company) {
	r := g.r
	if r.IntN(100) < 30 {
		c.Kind = company.KindStartup
		c.Founded = 2010 + r.IntN(15)
		c.Employees = 2 + r.IntN(60)
		return
	}
	c.Kind = company.KindSME
	c.Founded = max(1870, 2020-int(r.ExpFloat64()*25))
	c.Employees = int(math.Exp(math.Log(5) + r.Float64()*(math.Log(1500)-math.Log(5))))
}

func (g *generator) name(region company.Region, stem trio) string {
	r := g.r
	if region == company.RegionNRW {
		sep := " "
		if r.IntN(4) == 0 {
			sep = "-"
		}
		return pick(r, nrwPrefixes) + sep + stem.de + " " + pick(r, nrwLegal)
	}
	p := pick(r, tokyoPlaces)
	switch x := r.IntN(100); {
	case x < 50:
		return "株式会社" + p[0] + stem.ja
	case x < 75:
		return p[0] + stem.ja + "株式会社"
	default:
		return p[1] + " " + stem.en + " " + pick(r, tokyoLegal)
	}
}

// descriptionLanguages chooses 1–3 description languages: Tokyo firms
// mostly write Japanese and English, NRW firms German and English.
func (g *generator) descriptionLanguages(region company.Region) []string {
	home, third := "de", "ja"
	if region == company.RegionTokyo {
		home, third = "ja", "de"
	}
	switch x := g.r.IntN(100); {
	case x < 55:
		return []string{home, "en"}
	case x < 75:
		return []string{home}
	case x < 85:
		return []string{"en"}
	default:
		return []string{home, "en", third}
	}
}

// businessLanguages are the description languages plus the home language
// and, usually, English.
func businessLanguages(region company.Region, desc []string, english bool) []string {
	home := "de"
	if region == company.RegionTokyo {
		home = "ja"
	}
	out := []string{home}
	for _, l := range desc {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	if english && !slices.Contains(out, "en") {
		out = append(out, "en")
	}
	return out
}

// keywords draws 3–8 distinct terms, mostly from the company's sectors and
// mostly in languages it does business in.
func (g *generator) keywords(secs []int, langs []string) []string {
	r := g.r
	n := 3 + r.IntN(6)
	out := make([]string, 0, n)
	for tries := 0; len(out) < n && tries < 50; tries++ {
		var t trio
		if r.IntN(10) == 0 {
			t = pick(r, common)
		} else {
			t = pick(r, sectors[secs[r.IntN(len(secs))]].terms)
		}
		lang := pick(r, langs)
		if r.IntN(5) == 0 {
			lang = pick(r, company.Languages)
		}
		if k := in(t, lang); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// coops picks 1–2 distinct cooperation types by weight and writes a
// bilingual text for each: home language / English, naming a sector term.
func (g *generator) coops(region company.Region, secs []int, where trio, offers bool) []company.Cooperation {
	r := g.r
	n := 1 + r.IntN(2)
	home := "de"
	if region == company.RegionTokyo {
		home = "ja"
	}
	out := make([]company.Cooperation, 0, n)
	for len(out) < n {
		typ := g.weightedCoop(offers)
		if company.HasCoop(out, company.CoopType(typ)) {
			continue
		}
		p := coopPhrases[typ]
		phrase := p.seek
		if offers {
			phrase = p.offer
		}
		term := pick(r, sectors[secs[0]].terms)
		text := fill(in(phrase, home), in(where, home)) + " (" + in(term, home) + ") / " +
			fill(phrase.en, where.en) + " (" + term.en + ")"
		out = append(out, company.Cooperation{Type: company.CoopType(typ), Text: text})
	}
	return out
}

func (g *generator) weightedCoop(offers bool) string {
	total := 0
	for _, w := range coopWeights {
		total += coopWeight(w.offers, w.seeks, offers)
	}
	x := g.r.IntN(total)
	for _, w := range coopWeights {
		if x < coopWeight(w.offers, w.seeks, offers) {
			return w.typ
		}
		x -= coopWeight(w.offers, w.seeks, offers)
	}
	return coopWeights[len(coopWeights)-1].typ
}

func coopWeight(o, s int, offers bool) int {
	if offers {
		return o
	}
	return s
}

// description composes a short profile text per language from templates:
// who the company is, what it does, its focus and what it looks for.
func (g *generator) description(c *company.Company, place city, secs []int, langs []string, other trio) company.Texts {
	r := g.r
	main := sectors[secs[0]]
	var second *sector
	if len(secs) > 1 {
		second = &sectors[secs[1]]
	}
	seek := coopPhrases[string(c.Seeks[0].Type)].noun
	year, emp := strconv.Itoa(c.Founded), strconv.Itoa(c.Employees)
	startup := c.Kind == company.KindStartup
	t := make(company.Texts, len(langs))
	for _, lang := range langs {
		focus := g.focusTerms(secs, lang)
		var b strings.Builder
		b.Grow(768) // one allocation: the texts are 300–700 bytes
		switch lang {
		case "de":
			if startup {
				put(&b, c.Name, " ist ein Start-up aus ", place.name, ", gegründet ", year, ", mit ", emp, " Mitarbeitenden. ")
			} else {
				put(&b, c.Name, " ist ein mittelständisches Unternehmen aus ", place.name, " mit rund ", emp, " Beschäftigten, gegründet ", year, ". ")
			}
			put(&b, "Wir ", main.what.de)
			if second != nil {
				put(&b, " und ", second.what.de)
			}
			b.WriteString(". Unsere Schwerpunkte: ")
			putList(&b, focus, ", ", " und ")
			put(&b, ". Wir suchen Partner in ", other.de, " für ", seek.de, ".")
		case "en":
			if startup {
				put(&b, c.Name, " is a start-up from ", place.name, ", founded in ", year, ", with ", emp, " people. ")
			} else {
				put(&b, c.Name, " is an SME from ", place.name, " with about ", emp, " employees, founded in ", year, ". ")
			}
			put(&b, "We ", main.what.en)
			if second != nil {
				put(&b, " and ", second.what.en)
			}
			b.WriteString(". Our focus: ")
			putList(&b, focus, ", ", " and ")
			put(&b, ". We are looking for partners in ", other.en, " for ", seek.en, ".")
		case "ja":
			kind := "中小企業"
			if startup {
				kind = "スタートアップ"
			}
			put(&b, c.Name, "は", place.ja, "の", kind, "です（", year, "年設立、従業員約", emp, "名）。", main.what.ja, "。")
			if second != nil {
				put(&b, "また、", second.what.ja, "。")
			}
			b.WriteString("強みは")
			putList(&b, focus, "、", "、")
			put(&b, "です。", other.ja, "で", seek.ja, "のパートナーを探しています。")
		}
		if r.IntN(3) == 0 {
			b.WriteString(closing(lang))
		}
		t[lang] = b.String()
	}
	return t
}

// focusTerms picks 2–3 distinct sector terms in one language.
func (g *generator) focusTerms(secs []int, lang string) []string {
	n := 2 + g.r.IntN(2)
	out := make([]string, 0, n)
	for tries := 0; len(out) < n && tries < 20; tries++ {
		t := in(pick(g.r, sectors[secs[g.r.IntN(len(secs))]].terms), lang)
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func closing(lang string) string {
	switch lang {
	case "de":
		return " Gespräche sind auf Deutsch und Englisch möglich."
	case "ja":
		return "オンラインでの面談も歓迎します。"
	}
	return " We are happy to meet online first."
}

func (g *generator) contact(region company.Region, place city, ref string) company.Contact {
	r := g.r
	role := pick(r, roles)
	digits := strconv.Itoa(100 + r.IntN(900))
	if region == company.RegionNRW {
		first, last := pick(r, deFirst), pick(r, deLast)
		roleText := role.de
		if r.IntN(3) == 0 {
			roleText = role.en
		}
		return company.Contact{
			Name:  first + " " + last,
			Role:  roleText,
			Email: strings.ToLower(asciiDE(first[:1]+"."+last)) + "@" + ref + ".example",
			Phone: "+49 " + place.area + " 0000 " + digits,
		}
	}
	fam, giv := pick(r, jaFamily), pick(r, jaGiven)
	c := company.Contact{
		Name:  fam[0] + " " + giv[0],
		Role:  role.ja,
		Email: strings.ToLower(giv[1][:1]+"."+fam[1]) + "@" + ref + ".example",
		Phone: "+81 " + place.area + " 0000 " + digits + strconv.Itoa(r.IntN(10)),
	}
	if r.IntN(10) < 3 {
		c.Name, c.Role = giv[1]+" "+fam[1], role.en
	}
	return c
}

// Small helpers.

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func in(t trio, lang string) string {
	switch lang {
	case "de":
		return t.de
	case "ja":
		return t.ja
	}
	return t.en
}

// fill puts s where the phrase has %s (at most once); cheaper than Sprintf.
func fill(phrase, s string) string { return strings.Replace(phrase, "%s", s, 1) }

// put writes parts to b without building temporary strings.
func put(b *strings.Builder, parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

// putList writes items separated by sep, the last one by last ("a, b und c").
func putList(b *strings.Builder, items []string, sep, last string) {
	for i, it := range items {
		switch {
		case i == 0:
		case i == len(items)-1:
			b.WriteString(last)
		default:
			b.WriteString(sep)
		}
		b.WriteString(it)
	}
}

var deASCII = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "Ae", "Ö", "Oe", "Ü", "Ue")

func asciiDE(s string) string { return deASCII.Replace(s) }

func pad6(i int) string {
	s := strconv.Itoa(i)
	if len(s) < 6 {
		s = strings.Repeat("0", 6-len(s)) + s
	}
	return s
}
