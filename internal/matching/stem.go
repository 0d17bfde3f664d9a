package matching

import "strings"

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
var stemKeep = setOf("lens", "gas", "bus", "plus", "news", "series", "species", "physics", "chassis", "atlas", "bias", "canvas", "always", "perhaps", "towards", "whereas", "does", "goes", "was", "has", "is", "its", "this", "thus", "always", "sometimes", "various", "previous", "serious")

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
