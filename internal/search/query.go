package search

import (
	"unicode"
	"unicode/utf8"

	"kakehashi/internal/company"
	"kakehashi/internal/textproc"
)

// Query is a directory search: free text plus filters, all ANDed. An empty
// filter field does not filter. Values are the codes of the interchange format:
// Region "nrw"/"tokyo"; Sector a NACE division ("C26") or a section letter
// ("C": any division in C); Offers/Seeks a company.CoopType; Lang "de"/"en"/"ja";
// Municipality a municipality key; Kind "sme"/"startup"; Size a company.SizeBand.
// An unknown value matches nothing.
type Query struct {
	Q string // free text; every word must match (see ParseTerms)

	Region, Sector, Offers, Seeks, Lang, Municipality, Kind, Size string

	Page    int // 1-based; values below 1 mean 1
	PerPage int // DefaultPerPage when 0 or less, at most MaxPerPage

	// Facets asks for Result.Regions and Result.Sectors: a count per region
	// and division, a pass over every division's bitset, so only on request.
	Facets bool
}

// Paging limits.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
)

// Result is one page of hits. Without Q the hits are in name order, with Q by
// relevance, then name.
type Result struct {
	Total   int     // hits on all pages
	IDs     []int64 // the page's company ids, empty past the last page
	Page    int     // as used, after defaults
	PerPage int
	Pages   int
	// Facets for the current query: hits per region if the region filter
	// were left out, and per NACE division if the sector filter were left out.
	// Only non-zero counts are present.
	Regions map[company.Region]int
	Sectors map[string]int
}

// Term is one token of a parsed query; every term must match a document.
type Term struct {
	// Token is folded like the index (textproc.Tokens): a Latin/digit word,
	// a CJK bigram or a single CJK character.
	Token string
	// Exact is set for words inside quotes: they match whole indexed words
	// only, not parts of compounds. (CJK tokens are never Exact.)
	Exact bool
}

// Query parsing limits: longer input is cut, further terms are ignored.
const (
	maxQueryBytes = 1000
	maxTerms      = 32
)

// isQuote reports whether r opens or closes a phrase; German users type „…“.
func isQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '「', '」':
		return true
	}
	return false
}

// ParseTerms splits a query into terms, tokenized exactly as the index
// tokenizes documents (textproc.Tokens): Latin words, and CJK runs as
// overlapping bigrams (a lone CJK character stays one term). Words inside
// quotes ("…", „…“, “…”, 「…」) are Exact; the index keeps no positions, so a
// quoted phrase means its words, each whole, not their adjacency. Duplicates
// are dropped and the order kept; only the first 1,000 bytes and the first
// 32 terms count.
func ParseTerms(q string) []Term {
	if len(q) > maxQueryBytes {
		cut := maxQueryBytes
		for cut > 0 && !utf8.RuneStart(q[cut]) {
			cut--
		}
		q = q[:cut]
	}
	q = textproc.Fold(q)

	var terms []Term
	add := func(t Term) {
		if len(terms) >= maxTerms {
			return
		}
		for _, u := range terms {
			if u == t {
				return
			}
		}
		terms = append(terms, t)
	}
	quoted := false
	wordStart, cjkStart := -1, -1
	var cjk []int // byte offsets of the CJK run's characters
	flushWord := func(end int) {
		if wordStart >= 0 {
			add(Term{Token: q[wordStart:end], Exact: quoted})
			wordStart = -1
		}
	}
	flushCJK := func(end int) {
		switch {
		case cjkStart < 0:
		case len(cjk) == 1:
			add(Term{Token: q[cjkStart:end]})
		default:
			cjk = append(cjk, end)
			for i := 0; i+2 < len(cjk); i++ {
				add(Term{Token: q[cjk[i]:cjk[i+2]]})
			}
		}
		cjkStart, cjk = -1, cjk[:0]
	}
	for i, r := range q {
		switch {
		case textproc.IsCJK(r):
			flushWord(i)
			if cjkStart < 0 {
				cjkStart = i
			}
			cjk = append(cjk, i)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushCJK(i)
			if wordStart < 0 {
				wordStart = i
			}
		default:
			flushWord(i)
			flushCJK(i)
			if isQuote(r) {
				quoted = !quoted
			}
		}
	}
	flushWord(len(q))
	flushCJK(len(q))
	return terms
}

// paging returns the page and page size to use.
func paging(q Query) (page, per int) {
	page, per = q.Page, q.PerPage
	if page < 1 {
		page = 1
	}
	if per <= 0 {
		per = DefaultPerPage
	}
	return page, min(per, MaxPerPage)
}
