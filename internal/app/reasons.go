package app

import (
	"strings"

	"kakehashi/internal/i18n"
	"kakehashi/internal/matching"
	"kakehashi/internal/taxonomy"
)

// ReasonText renders a matching reason in lang. Args are translated by
// their name's suffix (see matching.Reason): _type a cooperation type,
// _sector a NACE division, _lang a language; others are profile text.
func ReasonText(lang string, r matching.Reason) string {
	args := make([]any, 0, 2*len(r.Args))
	for k, v := range r.Args {
		switch {
		case strings.HasSuffix(k, "_type"):
			v = i18n.T(lang, "coop."+v)
		case strings.HasSuffix(k, "_sector"):
			if d, ok := taxonomy.Lookup(v); ok {
				v = d.Label.In(lang)
			}
		case strings.HasSuffix(k, "_lang"):
			v = i18n.T(lang, "lang."+v)
		}
		args = append(args, k, v)
	}
	return i18n.T(lang, "reason."+r.Code, args...)
}

// ReasonTexts renders a list of reasons.
func ReasonTexts(lang string, rs []matching.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = ReasonText(lang, r)
	}
	return out
}
