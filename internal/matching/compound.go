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
// not a dictionary term itself), or nil when w does not split convincingly:
// the known parts must cover at least half of it.
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

type splitState struct {
	covered, parts int
	next           int    // position after this step
	part           string // the known part starting here, "" for a skipped byte
}

func computeSplit(w string) []compoundPart {
	n := len(w)
	// best[i] is the best segmentation of w[i:]: most bytes covered by known
	// parts, then fewest parts.
	best := make([]splitState, n+1)
	for i := n - 1; i >= 0; i-- {
		s := splitState{covered: best[i+1].covered, parts: best[i+1].parts, next: i + 1}
		for j := i + minPart; j <= n && j-i <= maxPart; j++ {
			part := w[i:j]
			if !isCompoundPart(part) {
				continue
			}
			for _, link := range linkingElements {
				k := j + len(link)
				if k > n || w[j:k] != link {
					continue
				}
				cov := best[k].covered + (k - i)
				parts := best[k].parts + 1
				if cov > s.covered || (cov == s.covered && parts < s.parts) {
					s = splitState{covered: cov, parts: parts, next: k, part: part}
				}
			}
		}
		best[i] = s
	}
	if best[0].covered*2 < n {
		return nil
	}
	var found []string
	for i := 0; i < n; {
		s := best[i]
		if s.part != "" {
			found = append(found, s.part)
		}
		i = s.next
	}
	if len(found) == 0 || (len(found) == 1 && len(found[0]) < 4) {
		return nil
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
