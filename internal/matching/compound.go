package matching

import (
	"sync"
	"sync/atomic"
)

// German writes compounds as one word: "Wasserstoffverdichter",
// "Lebensmittellogistik", "Zustandsüberwachung". A compound that is not itself
// in the dictionary is split into dictionary words (with the usual linking
// elements -s-, -es-, -n-, -en-, -e- between them). The last known part is the
// head and counts fully; the parts before it are modifiers and count less.

// compoundPart is one dictionary word found inside a compound.
type compoundPart struct {
	stem   string
	ids    []conceptID
	weight float32
}

const (
	minPart        = 3  // shortest compound part, in bytes
	maxPart        = 24 // longest compound part
	minCompound    = 6  // shorter words are not split
	maxCompound    = 48 // longer "words" are not split (URLs, codes)
	compoundCacheN = 1 << 19
)

var (
	compoundCache     sync.Map // folded word → []compoundPart
	compoundCacheSize atomic.Int64
	linkingElements   = [...]string{"", "s", "es", "n", "en", "e"}
)

// splitCompound returns the dictionary words inside w (a folded word that is
// not a dictionary term itself), or nil when w does not split convincingly.
// German compounds are right-headed: the word must end in a chain of
// dictionary words (with linking elements and a final inflection), before
// which an unknown modifier may take at most half of the word. So
// "Spezialgreifer" and "Wasserstoffverdichter" split, and "Chempark" does not
// become c-hemp-ark.
func splitCompound(w string) []compoundPart {
	if len(w) < minCompound || len(w) > maxCompound || !isASCII(w) || allDigits(w) {
		return nil
	}
	if v, ok := compoundCache.Load(w); ok {
		return v.([]compoundPart)
	}
	parts := computeSplit(w)
	if compoundCacheSize.Load() < compoundCacheN {
		if _, loaded := compoundCache.LoadOrStore(w, parts); !loaded {
			compoundCacheSize.Add(1)
		}
	}
	return parts
}

// computeSplit segments w as an optional unknown modifier followed by a chain
// of dictionary words. German compounds are right-headed, so the chain must
// reach the end of the word (allowing a final inflection), and the unknown
// modifier may take at most half of it: "Spezialgreifer" and
// "Wasserstoffverdichter" split, "Chempark" does not become c-hemp-ark.
func computeSplit(w string) []compoundPart {
	n := len(w)
	// chain[i] is the fewest dictionary words covering w[i:] exactly (with
	// linking elements), -1 if impossible; the first of them is w[i:partEnd[i]]
	// and the rest starts at next[i].
	chain := make([]int, n+1)
	partEnd := make([]int, n+1)
	next := make([]int, n+1)
	for i := range chain {
		chain[i] = -1
	}
	chain[n] = 0
	for i := n - minPart; i >= 0; i-- {
		for j := i + minPart; j <= n && j-i <= maxPart; j++ {
			if !isCompoundPart(w[i:j]) {
				continue
			}
			for _, link := range linkingElements {
				k := j + len(link)
				if k > n || w[j:k] != link || chain[k] < 0 {
					continue
				}
				if c := chain[k] + 1; chain[i] < 0 || c < chain[i] {
					chain[i], partEnd[i], next[i] = c, j, k
				}
			}
		}
	}
	start := -1
	for i := 0; i <= n/2; i++ {
		if chain[i] > 0 && (i == 0 || i >= minPart) {
			start = i
			break
		}
	}
	if start < 0 || (start > 0 && chain[start] == 1 && n-start < 4) {
		return nil
	}
	var found []string
	for i := start; i < n && chain[i] > 0; i = next[i] {
		found = append(found, w[i:partEnd[i]])
	}
	out := make([]compoundPart, 0, len(found))
	for k, p := range found {
		st := stem(p)
		ids := lex.latin[st]
		if ids == nil {
			ids = lex.latin[p]
		}
		wt := float32(modifierWeight)
		if k == len(found)-1 {
			wt = 1
		}
		out = append(out, compoundPart{stem: st, ids: ids, weight: wt})
	}
	return out
}

func isCompoundPart(s string) bool {
	return lex.parts[stem(s)] || lex.parts[s]
}
