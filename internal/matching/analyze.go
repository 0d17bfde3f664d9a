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
	folded := fold(s)
	var words []wordSpan // current phrase of Latin words
	flushWords := func() {
		analyzeWords(words, out)
		words = words[:0]
	}
	lastEnd, lastCJK := -1, "" // end of the previous word or run, and the run
	i := 0
	for i < len(folded) {
		r, size := utf8.DecodeRuneInString(folded[i:])
		switch {
		case isCJK(r):
			flushWords()
			j := i + size
			for j < len(folded) {
				r2, s2 := utf8.DecodeRuneInString(folded[j:])
				if !isCJK(r2) {
					break
				}
				j += s2
			}
			run := folded[i:j]
			if lastEnd == i && lastCJK == "" && len(words) == 0 {
				matchMixedAfter(folded[:i], run, out)
			}
			analyzeCJK(run, out)
			lastEnd, lastCJK = j, run
			i = j
		case isWordRune(r):
			j := i + size
			for j < len(folded) {
				r2, s2 := utf8.DecodeRuneInString(folded[j:])
				if !isWordRune(r2) {
					break
				}
				j += s2
			}
			w := folded[i:j]
			if lastEnd == i && lastCJK != "" {
				matchMixedBefore(lastCJK, w, out)
			}
			words = append(words, wordSpan{text: w, stem: stem(w)})
			lastEnd, lastCJK = j, ""
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
	// The phrase key is built in a byte buffer: map lookups by string(key)
	// do not allocate, and the buffer is reused for every word.
	var buf [64]byte
	key := buf[:0]
	for i := 0; i < len(words); {
		best := 0
		var ids []conceptID
		key = append(key[:0], words[i].stem...)
		if found, ok := lex.latin[string(key)]; ok {
			best, ids = 1, found
		}
		for j := i + 1; j < len(words) && j-i < lex.maxWords && lex.latinPrefix[string(key)]; j++ {
			key = append(key, ' ')
			key = append(key, words[j].stem...)
			if found, ok := lex.latin[string(key)]; ok {
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

// matchMixedAfter finds terms written as a Latin word directly followed by
// Japanese script ("3Dプリント", "OTセキュリティ"): before ends with the word,
// run is the Japanese text after it.
func matchMixedAfter(before, run string, out sink) {
	k := len(before)
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:k])
		if !isWordRune(r) {
			break
		}
		k -= size
	}
	word := before[k:]
	for _, m := range lex.mixedLatinFirst[word] {
		if strings.HasPrefix(run, m.cjk) {
			for _, id := range m.ids {
				out.mention(mention{id: id, weight: 1, surface: word + m.cjk})
			}
		}
	}
}

// matchMixedBefore finds terms written as Japanese script directly followed
// by a Latin word ("生成AI", "製造DX"): run is the Japanese text before word.
func matchMixedBefore(run, word string, out sink) {
	for _, m := range lex.mixedCJKFirst[word] {
		if strings.HasSuffix(run, m.cjk) {
			for _, id := range m.ids {
				out.mention(mention{id: id, weight: 1, surface: m.cjk + word})
			}
		}
	}
}

// isCJK is textproc.IsCJK with fast paths for Latin script and for the
// ideographs, hiragana and katakana of Japanese text.
func isCJK(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3041 && r <= 0x3096, r >= 0x30A1 && r <= 0x30FA:
		return true
	}
	return textproc.IsCJK(r)
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z'
	}
	return !isCJK(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// fold is textproc.Fold with a fast path for most text: runes that normalise
// on their own (Latin, Greek, Cyrillic, general punctuation; Japanese kana,
// ideographs, punctuation and full-width ASCII) are folded through tables
// built from textproc.Fold itself. Anything else (combining marks, which may
// compose with the rune before; half-width katakana, whose voicing marks do)
// sends the whole text to textproc.Fold.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r < 0x1100 && (r < 0x300 || r > 0x36F):
			b.WriteString(foldTable[r-0x80])
		case r >= 0x2000 && r < 0x2070:
			b.WriteString(foldPunct[r-0x2000])
		case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs fold to themselves
			b.WriteRune(r)
		case r >= 0x3000 && r < 0x3100 && foldKana[r-0x3000] != "":
			b.WriteString(foldKana[r-0x3000])
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteString(foldWide[r-0xFF01])
		default:
			return textproc.Fold(s)
		}
	}
	return b.String()
}

var foldTable, foldPunct = func() ([]string, []string) {
	t := make([]string, 0x1100-0x80)
	for r := rune(0x80); r < 0x1100; r++ {
		t[r-0x80] = textproc.Fold(string(r))
	}
	p := make([]string, 0x70)
	for r := rune(0x2000); r < 0x2070; r++ {
		p[r-0x2000] = textproc.Fold(string(r))
	}
	return t, p
}()

// foldKana covers CJK punctuation, hiragana and katakana, except the voicing
// marks U+3099–U+309C (combining, or decomposing to combining marks), which
// are left empty for the slow path; foldWide the full-width ASCII forms.
var foldKana, foldWide = func() ([]string, []string) {
	k := make([]string, 0x100)
	for r := rune(0x3000); r < 0x3100; r++ {
		if r < 0x3099 || r > 0x309C {
			k[r-0x3000] = textproc.Fold(string(r))
		}
	}
	w := make([]string, 0xFF5F-0xFF01)
	for r := rune(0xFF01); r <= 0xFF5E; r++ {
		w[r-0xFF01] = textproc.Fold(string(r))
	}
	return k, w
}()
