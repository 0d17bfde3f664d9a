package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"kakehashi/internal/textproc"
)

// posting says that the document in slot has a term, with its packed
// per-field term frequencies.
type posting struct {
	slot uint32
	tf   uint32
}

// vocab is the set of distinct index tokens with their postings, plus two
// small indexes over the tokens themselves so that a query word can match
// parts of words: byte trigrams for Latin words (Pumpen finds Ölpumpen) and
// characters for CJK bigrams (光 finds 光学).
//
// Term ids are never reused; a term whose last posting goes stays in the
// vocabulary with an empty list, which costs a few bytes and keeps ids stable.
type vocab struct {
	ids   map[string]uint32
	terms []string
	post  [][]posting         // by term id, sorted by slot
	grams map[uint32][]uint32 // trigram → ids of Latin terms containing it, ascending
	runes map[rune][]uint32   // CJK character → ids of CJK terms containing it, ascending
}

func newVocab() vocab {
	return vocab{
		ids:   map[string]uint32{},
		grams: map[uint32][]uint32{},
		runes: map[rune][]uint32{},
	}
}

// intern returns the id of tok, adding it to the vocabulary if new.
func (v *vocab) intern(tok string) uint32 {
	if id, ok := v.ids[tok]; ok {
		return id
	}
	tok = strings.Clone(tok) // do not pin the document text
	id := uint32(len(v.terms))
	v.ids[tok] = id
	v.terms = append(v.terms, tok)
	v.post = append(v.post, nil)
	r, _ := utf8.DecodeRuneInString(tok)
	if textproc.IsCJK(r) {
		for _, r := range tok {
			if l := v.runes[r]; len(l) == 0 || l[len(l)-1] != id {
				v.runes[r] = append(l, id)
			}
		}
		return id
	}
	for i := 0; i+3 <= len(tok); i++ {
		g := trigram(tok[i:])
		if l := v.grams[g]; len(l) == 0 || l[len(l)-1] != id {
			v.grams[g] = append(l, id)
		}
	}
	return id
}

func trigram(s string) uint32 { return uint32(s[0])<<16 | uint32(s[1])<<8 | uint32(s[2]) }

func (v *vocab) find(tid, slot uint32) (int, bool) {
	return slices.BinarySearchFunc(v.post[tid], slot, func(p posting, s uint32) int {
		return int(int64(p.slot) - int64(s))
	})
}

// set adds or updates the posting of slot in term tid.
func (v *vocab) set(tid, slot, tf uint32) {
	p := v.post[tid]
	if n := len(p); n == 0 || p[n-1].slot < slot {
		v.post[tid] = append(p, posting{slot, tf})
		return
	}
	i, ok := v.find(tid, slot)
	if ok {
		p[i].tf = tf
		return
	}
	v.post[tid] = slices.Insert(p, i, posting{slot, tf})
}

// remove drops the posting of slot from term tid.
func (v *vocab) remove(tid, slot uint32) {
	i, ok := v.find(tid, slot)
	if !ok {
		return
	}
	if len(v.post[tid]) == 1 {
		v.post[tid] = nil // release the array
		return
	}
	v.post[tid] = slices.Delete(v.post[tid], i, i+1)
}

// expansion is a vocabulary term that a query term matches, with a factor
// saying how well: 1 for the word itself, less for a part of a word.
type expansion struct {
	tid    uint32
	factor float32
}

// Match factors for a query word found inside a longer indexed word.
const (
	factorPrefix = 0.6 // Medizin in medizintechnik
	factorInfix  = 0.4 // Pumpen in oelpumpen, technik in medizintechnik
	factorCJKIn  = 0.5 // 光 in 光学: every inner character is in two bigrams
	minInfixLen  = 3   // runes; shorter words match whole words only
)

// expand appends to dst the vocabulary terms that t matches.
func (v *vocab) expand(t Term, dst []expansion) []expansion {
	r, size := utf8.DecodeRuneInString(t.Token)
	cjk := textproc.IsCJK(r)
	switch {
	case cjk && size == len(t.Token): // a single CJK character
		for _, id := range v.runes[r] {
			if len(v.post[id]) == 0 {
				continue
			}
			f := float32(factorCJKIn)
			if v.terms[id] == t.Token {
				f = 1
			}
			dst = append(dst, expansion{id, f})
		}
		return dst
	case cjk || t.Exact || utf8.RuneCountInString(t.Token) < minInfixLen:
		if id, ok := v.ids[t.Token]; ok && len(v.post[id]) > 0 {
			dst = append(dst, expansion{id, 1})
		}
		return dst
	}
	// Candidates share the query's rarest trigram; check each for real.
	var best []uint32
	for i := 0; i+3 <= len(t.Token); i++ {
		l, ok := v.grams[trigram(t.Token[i:])]
		if !ok {
			return dst
		}
		if best == nil || len(l) < len(best) {
			best = l
		}
	}
	for _, id := range best {
		term := v.terms[id]
		if len(v.post[id]) == 0 {
			continue
		}
		switch {
		case term == t.Token:
			dst = append(dst, expansion{id, 1})
		case strings.HasPrefix(term, t.Token):
			dst = append(dst, expansion{id, factorPrefix})
		case strings.Contains(term, t.Token):
			dst = append(dst, expansion{id, factorInfix})
		}
	}
	return dst
}
