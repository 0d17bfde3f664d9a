package matching

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"kakehashi/internal/textproc"
)

// Text analysis. A text in any of the portal's languages becomes
//   - concept mentions: dictionary concepts found in it (Latin word sequences
//     after light stemming, German compounds split into known parts, Japanese
//     terms found by longest match inside running text), and
//   - raw tokens: word stems, compound parts and Japanese character bigrams,
//     which catch same-language overlap the dictionary does not know.

// mention is one dictionary concept found in a text.
type mention struct {
	id      conceptID
	weight  float32 // 1 for a direct match, less for the modifier of a compound
	surface string  // the words as found (folded)
}

// sink receives the results of analysing one text.
type sink interface {
	mention(m mention)
	token(t string)
}

// modifierWeight is the weight of a non-final part of a German compound:
// "Wasserstoffverdichter" is a compressor first, about hydrogen second.
const modifierWeight = 0.6

// analyze feeds the concept mentions and raw tokens of s to out.
func analyze(s string, out sink) {
	folded := textproc.Fold(s)
	matchMixed(folded, out)
	var words []wordSpan // current phrase of Latin words
	flushWords := func() {
		analyzeWords(words, out)
		words = words[:0]
	}
	i := 0
	for i < len(folded) {
		r, size := utf8.DecodeRuneInString(folded[i:])
		switch {
		case textproc.IsCJK(r):
			flushWords()
			j := i + size
			for j < len(folded) {
				r2, s2 := utf8.DecodeRuneInString(folded[j:])
				if !textproc.IsCJK(r2) {
					break
				}
				j += s2
			}
			analyzeCJK(folded[i:j], out)
			i = j
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(folded) {
				r2, s2 := utf8.DecodeRuneInString(folded[j:])
				if textproc.IsCJK(r2) || !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
					break
				}
				j += s2
			}
			w := folded[i:j]
			words = append(words, wordSpan{text: w, stem: stem(w)})
			i = j
		default:
			if phraseBreak(folded, i, r) {
				flushWords()
			}
			i += size
		}
	}
	flushWords()
}

type wordSpan struct{ text, stem string }

// phraseBreak reports whether the separator r at byte i ends a phrase, so that
// multi-word terms are not matched across it. Spaces, hyphens, slashes and
// apostrophes join words ("e-mobility", "CAD/CAM"); so do a point or comma
// between digits ("4.0", "1,000").
func phraseBreak(s string, i int, r rune) bool {
	switch r {
	case ' ', '-', '/', '\'', '’', '‐', '–', '&', '+':
		return false
	case '.', ',':
		if i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
			return false
		}
	}
	return true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// analyzeWords matches dictionary terms in one phrase of Latin words, longest
// first, and emits every word stem as a raw token.
func analyzeWords(words []wordSpan, out sink) {
	var key strings.Builder
	for i := 0; i < len(words); {
		best := 0
		var ids []conceptID
		key.Reset()
		key.WriteString(words[i].stem)
		if found, ok := lex.latin[key.String()]; ok {
			best, ids = 1, found
		}
		for j := i + 1; j < len(words) && j-i < lex.maxWords && lex.latinPrefix[key.String()]; j++ {
			key.WriteByte(' ')
			key.WriteString(words[j].stem)
			if found, ok := lex.latin[key.String()]; ok {
				best, ids = j-i+1, found
			}
		}
		if best > 0 {
			surface := words[i].text
			for k := i + 1; k < i+best; k++ {
				surface += " " + words[k].text
			}
			for _, id := range ids {
				out.mention(mention{id: id, weight: 1, surface: surface})
			}
			for k := i; k < i+best; k++ {
				emitWordToken(words[k].stem, out)
			}
			i += best
			continue
		}
		w := words[i]
		emitWordToken(w.stem, out)
		for _, p := range splitCompound(w.text) {
			for _, id := range p.ids {
				out.mention(mention{id: id, weight: p.weight, surface: w.text})
			}
			if p.stem != w.stem {
				emitWordToken(p.stem, out)
			}
		}
		i++
	}
}

// emitWordToken passes a stem on as a raw token unless it carries no meaning
// of its own (function words, numbers, generic business words).
func emitWordToken(st string, out sink) {
	if len(st) < 2 || stopwords[st] || allDigits(st) {
		return
	}
	if ids, ok := lex.latin[st]; ok && allGeneric(ids) {
		return
	}
	out.token(st)
}

func allGeneric(ids []conceptID) bool {
	for _, id := range ids {
		if lex.concepts[id].Weight > 0 {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// analyzeCJK finds dictionary terms in a run of Japanese text by leftmost
// longest match and emits the run's character bigrams as raw tokens (bigrams
// of two hiragana are particles and endings, and are skipped).
func analyzeCJK(run string, out sink) {
	for i := 0; i < len(run); {
		best := 0
		for j := i; j < len(run); {
			_, size := utf8.DecodeRuneInString(run[j:])
			j += size
			if j-i > lex.maxCJK || !lex.cjkPrefix[run[i:j]] {
				break
			}
			if _, ok := lex.cjk[run[i:j]]; ok {
				best = j
			}
		}
		if best > 0 {
			for _, id := range lex.cjk[run[i:best]] {
				out.mention(mention{id: id, weight: 1, surface: run[i:best]})
			}
			i = best
			continue
		}
		_, size := utf8.DecodeRuneInString(run[i:])
		i += size
	}
	var prev rune
	prevStart := -1
	for i, r := range run {
		if prevStart >= 0 && !(isHiragana(prev) && isHiragana(r)) && r != 'ー' {
			out.token(run[prevStart : i+utf8.RuneLen(r)])
		}
		prev, prevStart = r, i
	}
}

func isHiragana(r rune) bool { return r >= 0x3041 && r <= 0x309F }

// matchMixed finds the few dictionary terms that mix Latin letters and
// Japanese script ("3Dプリント", "OTセキュリティ").
func matchMixed(folded string, out sink) {
	for _, m := range lex.mixed {
		for off := 0; ; {
			k := strings.Index(folded[off:], m.text)
			if k < 0 {
				break
			}
			at := off + k
			off = at + len(m.text)
			if at > 0 {
				r, _ := utf8.DecodeLastRuneInString(folded[:at])
				first, _ := utf8.DecodeRuneInString(m.text)
				if !textproc.IsCJK(first) && (unicode.IsLetter(r) || unicode.IsDigit(r)) && !textproc.IsCJK(r) {
					continue // "ot" inside "robot…"
				}
			}
			for _, id := range m.ids {
				out.mention(mention{id: id, weight: 1, surface: m.text})
			}
		}
	}
}

// stem reduces a folded Latin word to a light stem shared by the usual
// inflections in English and German: plural -s/-es/-ies, German -e/-en and
// adjective endings (optische/optischen/optischer → optisch). It is
// deliberately conservative: both the dictionary and the texts go through it,
// so it only has to conflate, never to produce real words.
func stem(w string) string {
	if len(w) <= 3 || stemKeep[w] || !isASCII(w) {
		return w
	}
	if strings.HasSuffix(w, "ies") && len(w) > 4 {
		return w[:len(w)-3] + "y"
	}
	for _, end := range [...]string{"em", "er", "es", "en", "e"} {
		if base, ok := strings.CutSuffix(w, end); ok && len(base) >= 5 {
			for _, adj := range [...]string{"isch", "lich", "ig", "iv", "ell", "al", "bar", "haft"} {
				if strings.HasSuffix(base, adj) {
					return base
				}
			}
		}
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "en") && len(w) >= 6:
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "e") && len(w) >= 5:
		w = w[:len(w)-1]
	}
	return w
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stemKeep lists words whose final s is not a plural.
var stemKeep = setOf("lens", "gas", "bus", "plus", "news", "series", "species", "physics", "chassis", "atlas", "bias", "canvas", "always", "perhaps", "towards", "whereas")

// stopwords are function words and filler of German and English profile
// texts (as stems). They never become raw tokens.
var stopwords = stemSet(
	// English
	"the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from", "as", "is", "are", "be", "been",
	"we", "our", "us", "you", "your", "they", "their", "it", "its", "thi", "this", "that", "these", "those", "which", "who",
	"what", "also", "more", "most", "such", "eg", "ie", "etc", "can", "will", "would", "want", "seek", "seeking",
	"looking", "look", "offer", "offering", "provide", "help", "helping", "based", "own", "other", "over", "up", "about",
	"into", "via", "per", "all", "any", "both", "each", "than", "then", "there", "here", "not", "no", "ha", "has", "have",
	"had", "make", "mak", "made", "use", "used", "using", "including", "include", "local", "plan", "planning", "like",
	"an", "one", "two", "year", "yea", "month", "day", "many", "well", "very", "only", "so", "if", "but", "do", "does",
	"out", "ideally", "especially", "around", "across", "within", "where", "when", "while", "after", "before",
	"between", "through", "under", "up", "wa", "was", "were", "ar", "run", "run", "together", "including", "mainly",
	"small", "large", "size", "sized", "number", "first", "second", "third", "some", "same", "already",
	// German
	"der", "die", "das", "den", "dem", "des", "ein", "eine", "ein", "einen", "einem", "einer", "eines", "und",
	"oder", "fuer", "mit", "von", "vom", "zu", "zum", "zur", "im", "an", "am", "auf", "aus", "bei", "nach",
	"ueber", "unter", "als", "auch", "wir", "unser", "unsere", "unser", "unserer", "unserem", "sie", "ihr", "ihre",
	"ist", "sind", "wird", "werd", "werden", "wurde", "hat", "haben", "hab", "sich", "sowie", "bis", "um", "durch",
	"gegen", "ohne", "rund", "mehr", "sehr", "nicht", "kein", "keine", "woll", "wollen", "moecht", "moechten", "such",
	"suchen", "sucht", "biet", "bieten", "bietet", "dass", "wie", "nur", "etwa", "zb", "bzw", "gern", "gerne",
	"allem", "alle", "all", "jede", "jeder", "neu", "neue", "eig", "eigen", "eigene", "eigenen", "eigener",
	"vor", "ort", "sowohl", "zwischen", "seit", "jahr", "jahren", "ueberall", "zusammen", "insbesondere",
	"dabei", "damit", "dafuer", "hier", "dort", "schon", "noch", "viele", "vielen", "unseren", "ihren", "ihnen",
	"kann", "koenn", "koennen", "soll", "sollen", "wenn", "weil", "aber", "denn", "sondern", "zudem", "derzeit",
	"ca", "rd", "usw", "ab", "je", "pro", "einen", "beim", "ins", "ans", "fürs",
)

func stemSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[stem(w)] = true
	}
	return m
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
