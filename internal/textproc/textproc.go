// Package textproc turns free text in German, English and Japanese into
// tokens for search and matching. German is folded so that umlauts and their
// ae/oe/ue/ss spellings meet; Japanese, written without spaces, is cut into
// overlapping character bigrams, so that 光学 is found inside マイクロ光学部品.
package textproc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold normalizes s for comparison: Unicode NFKC (full-width Latin and
// half-width kana become their usual forms), lower case, German umlauts and ß
// spelled out (ä→ae, ß→ss) and other Latin accents dropped (é→e).
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch r {
		case 'ä':
			b.WriteString("ae")
		case 'ö':
			b.WriteString("oe")
		case 'ü':
			b.WriteString("ue")
		case 'ß':
			b.WriteString("ss")
		default:
			if r >= 0xC0 && r < 0x250 {
				r = stripAccent(r)
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripAccent maps a Latin letter with a diacritic to its base letter.
func stripAccent(r rune) rune {
	d := norm.NFD.String(string(r))
	base, _ := utf8.DecodeRuneInString(d)
	if base < 0x80 {
		return base
	}
	return r
}

// IsCJK reports whether r is written without spaces between words: Han,
// Hiragana, Katakana (with the prolonged sound mark) or Hangul.
func IsCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r == 'ー' || r == '々'
}

// Tokens splits text into folded tokens. Latin and digit runs become words
// ("medizintechnik", "iso9001" stays one token); runs of CJK characters become
// overlapping bigrams, and a run of a single character becomes that character.
// Tokens are returned in order of appearance, with repeats.
func Tokens(s string) []string {
	return AppendTokens(nil, s)
}

// AppendTokens appends the tokens of s to dst (see Tokens).
func AppendTokens(dst []string, s string) []string {
	s = Fold(s)
	var word []rune
	var cjk []rune
	flushWord := func() {
		if len(word) > 0 {
			dst = append(dst, string(word))
			word = word[:0]
		}
	}
	flushCJK := func() {
		switch len(cjk) {
		case 0:
		case 1:
			dst = append(dst, string(cjk))
		default:
			for i := 0; i+1 < len(cjk); i++ {
				dst = append(dst, string(cjk[i:i+2]))
			}
		}
		cjk = cjk[:0]
	}
	for _, r := range s {
		switch {
		case IsCJK(r):
			flushWord()
			cjk = append(cjk, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			flushCJK()
			word = append(word, r)
		default:
			flushWord()
			flushCJK()
		}
	}
	flushWord()
	flushCJK()
	return dst
}

// ContainsCJK reports whether s has any CJK character.
func ContainsCJK(s string) bool {
	for _, r := range s {
		if IsCJK(r) {
			return true
		}
	}
	return false
}
