package search

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"kakehashi/internal/company"
	"kakehashi/internal/textproc"
)

// Doc is what the index keeps of a company: the searchable texts and the
// filterable attributes. Build it with DocOf; it holds no contact data.
type Doc struct {
	ID           int64
	Name         string
	Region       company.Region
	City         string
	Municipality string // municipality key
	Kind         company.Kind
	Employees    int // 0 when unknown; filtered by company.Band
	Sectors      []string
	Offers       []company.CoopType
	Seeks        []company.CoopType
	Languages    []string
	Keywords     []string
	Texts        []string // descriptions, all languages
	CoopTexts    []string // free texts of offers and seeks
}

// DocOf returns the index document of a company.
func DocOf(c *company.Company) Doc {
	d := Doc{
		ID:           c.ID,
		Name:         c.Name,
		Region:       c.Region,
		City:         c.City,
		Municipality: c.Municipality,
		Kind:         c.Kind,
		Employees:    c.Employees,
		Sectors:      slices.Clone(c.Sectors),
		Languages:    slices.Clone(c.Languages),
		Keywords:     slices.Clone(c.Keywords),
	}
	for _, lang := range slices.Sorted(maps.Keys(c.Description)) {
		d.Texts = append(d.Texts, c.Description[lang])
	}
	for _, o := range c.Offers {
		d.Offers = append(d.Offers, o.Type)
		if o.Text != "" {
			d.CoopTexts = append(d.CoopTexts, o.Text)
		}
	}
	for _, s := range c.Seeks {
		d.Seeks = append(d.Seeks, s.Type)
		if s.Text != "" {
			d.CoopTexts = append(d.CoopTexts, s.Text)
		}
	}
	return d
}

// Text fields, each with its own weight in the score.
const (
	fieldName = iota
	fieldKeywords
	fieldCoop
	fieldText
	fieldCity
	numFields
)

// BM25F parameters. Name outweighs keywords, keywords outweigh the offer and
// seek texts, those outweigh the description; a city hit counts like a
// cooperation text. Short fields are barely length-normalized (b small).
var (
	fieldWeight = [numFields]float32{fieldName: 5, fieldKeywords: 3, fieldCoop: 2, fieldText: 1, fieldCity: 2}
	fieldB      = [numFields]float32{fieldName: 0.3, fieldKeywords: 0.5, fieldCoop: 0.75, fieldText: 0.75, fieldCity: 0}
)

const bm25K1 = 1.2

// Term frequencies of one term in one document, all fields packed into a
// uint32 (name 5 bits, keywords 6, cooperation texts 8, description 10,
// city 3); counts saturate at the field's maximum, which BM25 hardly notices.
var (
	tfShift = [numFields]uint32{0, 5, 11, 19, 29}
	tfMask  = [numFields]uint32{1<<5 - 1, 1<<6 - 1, 1<<8 - 1, 1<<10 - 1, 1<<3 - 1}
)

// analyzed is a Doc turned into what the index stores, computed before the
// index lock is taken.
type analyzed struct {
	id    int64
	key   string   // sort key: folded name
	attrs []string // filter attributes, see attrKey
	toks  []tokenTF
	lens  [numFields]uint16 // tokens per field
}

type tokenTF struct {
	tok string
	tf  uint32
}

// Attribute prefixes. A filter value is looked up as prefix + value.
const (
	attrRegion  = "r:"
	attrSector  = "s:" // NACE division, e.g. s:C26
	attrSection = "S:" // NACE section letter, e.g. S:C
	attrOffers  = "o:"
	attrSeeks   = "w:"
	attrLang    = "l:"
	attrMuni    = "m:"
	attrKind    = "k:"
	attrSize    = "z:"
)

func analyze(d *Doc) analyzed {
	a := analyzed{id: d.ID, key: textproc.Fold(strings.TrimSpace(d.Name))}

	add := func(prefix, v string) {
		if v = strings.TrimSpace(v); v != "" {
			a.attrs = append(a.attrs, prefix+v)
		}
	}
	add(attrRegion, strings.ToLower(string(d.Region)))
	add(attrKind, strings.ToLower(string(d.Kind)))
	add(attrSize, string(company.Band(d.Employees)))
	add(attrMuni, strings.ToLower(d.Municipality))
	for _, s := range d.Sectors {
		s = strings.ToUpper(strings.TrimSpace(s))
		add(attrSector, s)
		if sec, ok := sectionOf(s); ok {
			add(attrSection, sec)
		}
	}
	for _, t := range d.Offers {
		add(attrOffers, strings.ToLower(string(t)))
	}
	for _, t := range d.Seeks {
		add(attrSeeks, strings.ToLower(string(t)))
	}
	for _, l := range d.Languages {
		add(attrLang, strings.ToLower(l))
	}
	slices.Sort(a.attrs)
	a.attrs = slices.Compact(a.attrs)

	t := tokenizers.Get().(*tokenizer)
	defer tokenizers.Put(t)
	field := func(f int, texts ...string) {
		for _, s := range texts {
			t.buf = appendTokens(t.buf[:0], s)
			a.lens[f] = uint16(min(int(a.lens[f])+len(t.buf), 1<<16-1))
			for _, tok := range t.buf {
				i, ok := t.index[tok]
				if !ok {
					i = int32(len(t.counts))
					t.index[tok] = i
					t.counts = append(t.counts, [numFields]uint16{})
					t.order = append(t.order, tok)
				}
				t.counts[i][f]++
			}
		}
	}
	field(fieldName, d.Name)
	field(fieldKeywords, d.Keywords...)
	field(fieldCoop, d.CoopTexts...)
	field(fieldText, d.Texts...)
	field(fieldCity, d.City)

	// Tokens are substrings of the folded texts; the vocabulary copies
	// the new ones.
	a.toks = make([]tokenTF, len(t.order))
	for i, tok := range t.order {
		var tf uint32
		for f, n := range t.counts[i] {
			tf |= min(uint32(n), tfMask[f]) << tfShift[f]
		}
		a.toks[i] = tokenTF{tok, tf}
	}
	// Let the pooled buffers go of the document's text.
	clear(t.index)
	clear(t.buf[:cap(t.buf)])
	clear(t.order)
	t.counts, t.order = t.counts[:0], t.order[:0]
	return a
}

// tokenizer holds reusable buffers for analyze.
type tokenizer struct {
	index  map[string]int32 // token → position in counts and order
	counts [][numFields]uint16
	order  []string // tokens in order of first appearance
	buf    []string
}

var tokenizers = sync.Pool{New: func() any { return &tokenizer{index: map[string]int32{}} }}

// sectionOf returns the section letter of a division code such as "C26".
func sectionOf(code string) (string, bool) {
	if len(code) < 2 || code[0] < 'A' || code[0] > 'Z' {
		return "", false
	}
	return code[:1], true
}
