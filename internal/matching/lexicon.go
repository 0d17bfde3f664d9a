package matching

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"kakehashi/internal/textproc"
)

//go:embed lexicon.tsv
var lexiconTSV string

// conceptID indexes lexicon.concepts.
type conceptID = int32

// concept is one entry of the term dictionary.
type concept struct {
	Key     string      // stable id, e.g. "medical_device"
	Parents []conceptID // broader concepts a mention also counts towards
	Weight  float32     // 0 for generic business words that never count as common ground
	Label   [3]string   // first term per language, in langOrder
}

// langOrder is the column order of the dictionary.
var langOrder = [3]string{"de", "en", "ja"}

// lexicon is the parsed dictionary, ready for matching. It is immutable after
// loading and shared by every Index.
type lexicon struct {
	concepts []concept
	byKey    map[string]conceptID

	latin       map[string][]conceptID // stemmed words joined by " "
	latinPrefix map[string]bool        // proper word prefixes of multi-word latin terms
	maxWords    int

	cjk       map[string][]conceptID // Japanese terms (trailing ー dropped)
	cjkPrefix map[string]bool        // every prefix of a Japanese term
	maxCJK    int                    // in bytes

	// Terms mixing a Latin word and Japanese script, matched where the two
	// touch in text: keyed by the Latin word.
	mixedLatinFirst map[string][]mixedTerm // "3d" → プリント
	mixedCJKFirst   map[string][]mixedTerm // "ai" → 生成

	parts map[string]bool // stems usable as parts of German compounds
}

type mixedTerm struct {
	cjk string // the Japanese part
	ids []conceptID
}

var lex = mustLoadLexicon(lexiconTSV)

func mustLoadLexicon(src string) *lexicon {
	l, err := parseLexicon(src)
	if err != nil {
		panic("matching: bad embedded lexicon.tsv: " + err.Error())
	}
	return l
}

func parseLexicon(src string) (*lexicon, error) {
	l := &lexicon{
		byKey:       map[string]conceptID{},
		latin:       map[string][]conceptID{},
		latinPrefix: map[string]bool{},
		cjk:         map[string][]conceptID{},
		cjkPrefix:   map[string]bool{},
		parts:       map[string]bool{},

		mixedLatinFirst: map[string][]mixedTerm{},
		mixedCJKFirst:   map[string][]mixedTerm{},
	}
	type row struct {
		parents string
		terms   [3]string
	}
	var rows []row
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("line %d: want 6 tab-separated columns, got %d", n+1, len(f))
		}
		key := strings.TrimSpace(f[0])
		if _, dup := l.byKey[key]; dup {
			return nil, fmt.Errorf("line %d: duplicate concept %q", n+1, key)
		}
		w, err := strconv.ParseFloat(strings.TrimSpace(f[2]), 32)
		if err != nil || w < 0 || w > 1 {
			return nil, fmt.Errorf("line %d: bad weight %q", n+1, f[2])
		}
		id := conceptID(len(l.concepts))
		l.byKey[key] = id
		c := concept{Key: key, Weight: float32(w)}
		var r row
		r.parents = strings.TrimSpace(f[1])
		for i := 0; i < 3; i++ {
			r.terms[i] = f[3+i]
			if first, _, _ := strings.Cut(f[3+i], "|"); first != "" {
				c.Label[i] = strings.TrimSpace(first)
			}
		}
		l.concepts = append(l.concepts, c)
		rows = append(rows, r)
	}
	for i, r := range rows {
		id := conceptID(i)
		if r.parents != "-" && r.parents != "" {
			for _, p := range strings.Split(r.parents, ",") {
				pid, ok := l.byKey[strings.TrimSpace(p)]
				if !ok {
					return nil, fmt.Errorf("concept %s: unknown parent %q", l.concepts[i].Key, p)
				}
				l.concepts[i].Parents = append(l.concepts[i].Parents, pid)
			}
		}
		for _, col := range r.terms {
			for _, t := range strings.Split(col, "|") {
				if t = strings.TrimSpace(t); t != "" {
					if err := l.addTerm(t, id); err != nil {
						return nil, fmt.Errorf("concept %s: %w", l.concepts[i].Key, err)
					}
				}
			}
		}
	}
	if err := l.checkCycles(); err != nil {
		return nil, err
	}
	// A term that stems to a function word ("dies" → "die") would fire on
	// every German text.
	for key, ids := range l.latin {
		if stopwords[key] && !allGenericIn(l, ids) {
			return nil, fmt.Errorf("term %q stems to the stopword %q", key, key)
		}
	}
	return l, nil
}

// addTerm files one written form of a concept under the matcher that will
// find it in text: Latin word sequences, Japanese strings, or mixed strings.
func (l *lexicon) addTerm(term string, id conceptID) error {
	folded := textproc.Fold(term)
	hasCJK, hasLatin := false, false
	for _, r := range folded {
		switch {
		case textproc.IsCJK(r):
			hasCJK = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			hasLatin = true
		}
	}
	switch {
	case hasCJK && hasLatin:
		// One Latin word and one Japanese part, in either order.
		compact := strings.Join(strings.Fields(folded), "")
		split := strings.IndexFunc(compact, textproc.IsCJK)
		if split == 0 {
			split = strings.IndexFunc(compact, func(r rune) bool { return !textproc.IsCJK(r) })
		}
		a, b := compact[:split], compact[split:]
		var m map[string][]mixedTerm
		var word, cjk string
		switch {
		case isLatinWord(a) && isCJKString(b):
			m, word, cjk = l.mixedLatinFirst, a, b
		case isCJKString(a) && isLatinWord(b):
			m, word, cjk = l.mixedCJKFirst, b, a
		default:
			return fmt.Errorf("mixed term %q must be one Latin word and one Japanese part", term)
		}
		for i, x := range m[word] {
			if x.cjk == cjk {
				m[word][i].ids = appendUnique(x.ids, id)
				return nil
			}
		}
		m[word] = append(m[word], mixedTerm{cjk: cjk, ids: []conceptID{id}})
	case hasCJK:
		t := trimLongVowel(folded)
		if len([]rune(t)) < 2 {
			return fmt.Errorf("Japanese term %q is too short to match safely", term)
		}
		l.cjk[t] = appendUnique(l.cjk[t], id)
		for i := range t {
			if i > 0 {
				l.cjkPrefix[t[:i]] = true
			}
		}
		l.cjkPrefix[t] = true
		l.maxCJK = max(l.maxCJK, len(t))
	default:
		var stems []string
		for _, w := range latinWords(folded) {
			stems = append(stems, stem(w))
		}
		if len(stems) == 0 {
			return fmt.Errorf("term %q has no words", term)
		}
		key := strings.Join(stems, " ")
		l.latin[key] = appendUnique(l.latin[key], id)
		for i := 1; i < len(stems); i++ {
			l.latinPrefix[strings.Join(stems[:i], " ")] = true
		}
		l.maxWords = max(l.maxWords, len(stems))
		if len(stems) == 1 && len(stems[0]) >= 3 {
			l.parts[stems[0]] = true
		}
	}
	return nil
}

func (l *lexicon) checkCycles() error {
	state := make([]byte, len(l.concepts))
	var visit func(id conceptID) error
	visit = func(id conceptID) error {
		switch state[id] {
		case 1:
			return fmt.Errorf("parent cycle through %s", l.concepts[id].Key)
		case 2:
			return nil
		}
		state[id] = 1
		for _, p := range l.concepts[id].Parents {
			if err := visit(p); err != nil {
				return err
			}
		}
		state[id] = 2
		return nil
	}
	for id := range l.concepts {
		if err := visit(conceptID(id)); err != nil {
			return err
		}
	}
	return nil
}

func isLatinWord(s string) bool {
	for _, r := range s {
		if textproc.IsCJK(r) || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

func isCJKString(s string) bool {
	for _, r := range s {
		if !textproc.IsCJK(r) {
			return false
		}
	}
	return s != ""
}

// latinWords splits folded text into its Latin letter/digit words.
func latinWords(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r)) || textproc.IsCJK(r)
	})
}

// trimLongVowel drops a trailing prolonged-sound mark, so that センサー and
// センサ (both usual spellings) are the same dictionary entry.
func trimLongVowel(s string) string {
	return strings.TrimRight(s, "ー")
}

func allGenericIn(l *lexicon, ids []conceptID) bool {
	for _, id := range ids {
		if l.concepts[id].Weight > 0 {
			return false
		}
	}
	return true
}

func appendUnique(ids []conceptID, id conceptID) []conceptID {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

// Label returns the dictionary's name for a concept in lang, falling back to
// English.
func (l *lexicon) label(id conceptID, lang string) string {
	c := l.concepts[id]
	for i, lg := range langOrder {
		if lg == lang && c.Label[i] != "" {
			return c.Label[i]
		}
	}
	return c.Label[1]
}
