package templates

import (
	"context"
	"io"
	"strings"

	"kakehashi/internal/i18n"
)

// Text without fmt. templ writes every { expr } through fmt.Sprint before
// escaping it: an allocation and a copy per value, which under load was a
// fifth of a public profile's server time. The two components below write
// straight into the page and are used for plain strings on every page:
//
//	@msg("field.kind")   a message without arguments, escaped once per catalog
//	@str(v.C.Name)       a string, escaped on the way out
//
// Messages with arguments stay { t(ctx, key, args...) }.

// msg writes the translation of a message key.
type msg string

func (k msg) Render(ctx context.Context, w io.Writer) error {
	_, err := io.WriteString(w, i18n.Escaped(lang(ctx), string(k)))
	return err
}

// str writes s HTML-escaped.
type str string

func (s str) Render(_ context.Context, w io.Writer) error { return writeEscaped(w, string(s)) }

// writeEscaped writes s with the characters html.EscapeString escapes
// replaced, without building the escaped copy.
func writeEscaped(w io.Writer, s string) error {
	for {
		i := strings.IndexAny(s, `&'<>"`)
		if i < 0 {
			_, err := io.WriteString(w, s)
			return err
		}
		if _, err := io.WriteString(w, s[:i]); err != nil {
			return err
		}
		var ent string
		switch s[i] {
		case '&':
			ent = "&amp;"
		case '\'':
			ent = "&#39;"
		case '<':
			ent = "&lt;"
		case '>':
			ent = "&gt;"
		default:
			ent = "&#34;"
		}
		if _, err := io.WriteString(w, ent); err != nil {
			return err
		}
		s = s[i+1:]
	}
}
