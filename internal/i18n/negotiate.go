package i18n

import (
	"sort"
	"strconv"
	"strings"
)

// Negotiate picks the UI language from an Accept-Language header, honouring
// q-values; it returns Default when no supported language is asked for.
func Negotiate(header string) string {
	type pref struct {
		lang string
		q    float64
		pos  int
	}
	var prefs []pref
	for i, part := range strings.Split(header, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if Supported(base) && q > 0 {
			prefs = append(prefs, pref{base, q, i})
		}
	}
	sort.SliceStable(prefs, func(i, j int) bool { return prefs[i].q > prefs[j].q })
	if len(prefs) == 0 {
		return Default
	}
	return prefs[0].lang
}
