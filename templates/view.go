// Package templates holds the portal's templ components: the layout, pages and
// partials. Components read the request's language, user, CSRF token and CSP
// nonce from the context (see Req) and translate every string through
// internal/i18n; they never build paths by hand but use the helpers below.
package templates

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"

	"kakehashi/internal/account"
	"kakehashi/internal/company"
	"kakehashi/internal/i18n"
	"kakehashi/internal/municipality"
	"kakehashi/internal/taxonomy"
	"kakehashi/internal/valid"
)

// Req is what every component may know about the current request.
type Req struct {
	Lang  string
	Path  string // path after the language prefix, e.g. "/companies"
	Query string // raw query string, kept by the language switcher
	User  *account.User
	CSRF  string
	// IssueCSRF sets the CSRF cookie and returns its token when CSRF is
	// empty: the first form on a page calls it (see CSRFToken).
	IssueCSRF func() string
	Nonce     string
	RequestID string
	Flash     string         // message key of a one-time notice
	TZ        *time.Location // the zone times are shown in
	Unread    int64          // unread notifications of the signed-in user
	Frags     Fragments      // cache of rendered fragments; nil renders everything
	// CarriesSecret is set when the page shows a secret that must not be
	// sent compressed (BREACH), e.g. a new two-factor key; see web.render.
	CarriesSecret bool
}

// csrfToken returns the request's CSRF token masked afresh (see
// account.MaskCSRF), so that compressed pages reveal nothing about it.
func csrfToken(ctx context.Context) string {
	return account.MaskCSRF(ReqOf(ctx).CSRFToken())
}

// CSRFToken returns the request's CSRF token, issuing it (and its cookie) on
// first use.
func (r *Req) CSRFToken() string {
	if r.CSRF == "" && r.IssueCSRF != nil {
		r.CSRF = r.IssueCSRF()
	}
	return r.CSRF
}

// secret shows s and marks the page as one that must not be compressed.
func secret(ctx context.Context, s string) string {
	ReqOf(ctx).CarriesSecret = true
	return s
}

// Fragments caches rendered HTML by key (see fragment).
type Fragments interface {
	Get(key string) ([]byte, bool)
	Put(key string, html []byte)
}

// fragment renders c once per key and language and then serves the stored
// HTML. The key must name everything c's output depends on besides the
// language (e.g. a company's id and revision); c must not contain anything
// per request or per viewer (CSRF tokens, names of the signed-in user).
func fragment(key string, c templ.Component) templ.Component {
	return fragmentOf(key, func() templ.Component { return c })
}

// fragmentOf is fragment with the component built only when not cached.
func fragmentOf(key string, build func() templ.Component) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		r := ReqOf(ctx)
		if r.Frags == nil || key == "" {
			return build().Render(ctx, w)
		}
		k := r.Lang + "|" + key
		if b, ok := r.Frags.Get(k); ok {
			_, err := w.Write(b)
			return err
		}
		buf := fragmentBufs.Get().(*bytes.Buffer)
		defer fragmentBufs.Put(buf)
		buf.Reset()
		if err := build().Render(ctx, buf); err != nil {
			return err
		}
		r.Frags.Put(k, bytes.Clone(buf.Bytes())) // exact size: the cache counts bytes
		_, err := w.Write(buf.Bytes())
		return err
	})
}

var fragmentBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// loc returns the viewer's time zone.
func (r *Req) loc() *time.Location {
	if r.TZ != nil {
		return r.TZ
	}
	return time.UTC
}

type reqKey struct{}

// WithReq stores r in ctx (done once per request by middleware).
func WithReq(ctx context.Context, r *Req) context.Context {
	return context.WithValue(i18n.WithLang(ctx, r.Lang), reqKey{}, r)
}

// ReqOf returns the request info stored in ctx.
func ReqOf(ctx context.Context) *Req {
	if r, ok := ctx.Value(reqKey{}).(*Req); ok {
		return r
	}
	return &Req{Lang: i18n.Default}
}

func lang(ctx context.Context) string { return ReqOf(ctx).Lang }

// t translates a message key into the request's language.
func t(ctx context.Context, key string, args ...any) string {
	return i18n.T(lang(ctx), key, args...)
}

// u builds a path in the request's language: u(ctx, "companies", ref).
func u(ctx context.Context, parts ...string) string { return L(lang(ctx), parts...) }

// L builds a path in lang from path segments, escaping each segment.
func L(lang string, parts ...string) string {
	var b strings.Builder
	b.WriteString("/" + lang + "/")
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(url.PathEscape(p))
	}
	return b.String()
}

// switchLang returns the current page in another language, query kept.
func switchLang(ctx context.Context, to string) string {
	r := ReqOf(ctx)
	p := "/" + to + r.Path
	if r.Query != "" {
		p += "?" + r.Query
	}
	return p
}

// absURL is the current page in lang as an absolute path, for hreflang.
func langPath(ctx context.Context, to string) string { return "/" + to + ReqOf(ctx).Path }

func langName(code string) string {
	switch code {
	case "de":
		return "Deutsch"
	case "ja":
		return "日本語"
	}
	return "English"
}

func sectorLabel(ctx context.Context, code string) string {
	if d, ok := taxonomy.Lookup(code); ok {
		return d.Label.In(lang(ctx))
	}
	return code
}

func coopLabel(ctx context.Context, t company.CoopType) string { return tr(ctx, "coop."+string(t)) }

func tr(ctx context.Context, key string) string { return i18n.T(lang(ctx), key) }

func date(ctx context.Context, tm time.Time) string {
	return i18n.Date(lang(ctx), tm.In(ReqOf(ctx).loc()))
}

// dateTime shows a stored UTC time in the viewer's time zone.
func dateTime(ctx context.Context, tm time.Time) string {
	return i18n.DateTime(lang(ctx), tm.In(ReqOf(ctx).loc()))
}

// clock shows the time of day of tm in loc.
func clock(tm time.Time, loc *time.Location) string { return tm.In(loc).Format("15:04") }

func tzName(ctx context.Context) string { return ReqOf(ctx).loc().String() }

func num(ctx context.Context, n int) string { return i18n.Number(lang(ctx), int64(n)) }

// itoa formats n, leaving 0 empty (unset form fields).
func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// fieldErr returns the translated error of a field, "" when none.
func fieldErr(ctx context.Context, errs valid.Errors, field string) string {
	e, ok := errs.Get(field)
	if !ok {
		return ""
	}
	return i18n.TMap(lang(ctx), "err."+e.Code, e.Args)
}

// fieldID turns a field path into an HTML id ("offers.1.text" → "f-offers-1-text").
func fieldID(field string) string {
	return "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(field)
}

func errID(field string) string { return fieldID(field) + "-error" }

func ariaInvalid(errs valid.Errors, field string) string {
	if errs.Has(field) {
		return "true"
	}
	return "false"
}

// describedBy links a field to its hint and error for screen readers.
func describedBy(errs valid.Errors, field string, hint bool) string {
	var ids []string
	if hint {
		ids = append(ids, fieldID(field)+"-hint")
	}
	if errs.Has(field) {
		ids = append(ids, errID(field))
	}
	return strings.Join(ids, " ")
}

// text picks a profile text in the viewer's language, falling back to
// another, and says which language it is in (for the lang attribute).
func text(ctx context.Context, t company.Texts) (string, string) { return t.Get(lang(ctx)) }

func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

func isUser(ctx context.Context) bool { return ReqOf(ctx).User != nil }

// navKey names what siteNav shows for the viewer: nothing of the user but
// the role, whether a company is linked, and the unread count.
func navKey(ctx context.Context) string {
	r := ReqOf(ctx)
	if r.User == nil {
		return "visitor"
	}
	co := "0"
	if r.User.CompanyID != 0 {
		co = "1"
	}
	return string(r.User.Role) + "|" + co + "|" + strconv.FormatInt(r.Unread, 10)
}

func hasRole(ctx context.Context, roles ...account.Role) bool {
	u := ReqOf(ctx).User
	if u == nil {
		return false
	}
	for _, r := range roles {
		if u.Role == r {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ErrorLink is one entry of a form's error summary.
type ErrorLink struct {
	ID, Label, Message string
}

// errorLinks builds the summary entries for errs, labelling each field with
// the message key "field.<first path segment>".
func errorLinks(ctx context.Context, errs valid.Errors) []ErrorLink {
	out := make([]ErrorLink, 0, len(errs))
	for _, e := range errs {
		base, _, _ := strings.Cut(e.Field, ".")
		out = append(out, ErrorLink{ID: fieldID(e.Field), Label: tr(ctx, "field."+base), Message: i18n.TMap(lang(ctx), "err."+e.Code, e.Args)})
	}
	return out
}

func queryEscape(s string) string { return url.QueryEscape(s) }

func nextParam(next string) string {
	if next == "" {
		return ""
	}
	return "?next=" + url.QueryEscape(next)
}

// card is a company's result card, rendered once per revision and language.
func card(c *company.Company) templ.Component {
	key := "card|" + strconv.FormatInt(c.ID, 10) + "|" + strconv.FormatInt(c.UpdatedAt.UnixNano(), 10)
	return fragmentOf(key, func() templ.Component { return CompanyCard(c) })
}

// sectorOptionsKey names the sector filter's options for a valid choice; an
// unknown value (typed into the URL) is rendered without caching.
func sectorOptionsKey(selected string) string {
	if selected == "" || taxonomy.Valid(selected) {
		return "sectors|" + selected
	}
	for _, s := range taxonomy.Sections() {
		if s.Code == selected {
			return "sectors|" + selected
		}
	}
	return ""
}

// prefixed returns prefix+key, or "" (no caching) when key is empty.
func prefixed(prefix, key string) string {
	if key == "" {
		return ""
	}
	return prefix + key
}

// filterKey names the filter selects of a directory page by the chosen
// values, or "" (not cached) when a value is none of the offered ones, so
// that typed-in URLs cannot fill the cache.
func (v DirectoryView) filterKey() string {
	q := v.Q
	ok := oneOf(q.Region, company.Regions) && oneOf(q.Offers, company.CoopTypes) && oneOf(q.Seeks, company.CoopTypes) &&
		oneOf(q.Lang, company.Languages) && oneOf(q.Kind, company.Kinds) && oneOf(q.Size, company.SizeBands) &&
		sectorOptionsKey(q.Sector) != "" && slices.Contains(PerPageChoices, q.PerPage)
	if q.Municipality != "" {
		ok = ok && slices.ContainsFunc(v.Municipalities, func(m municipality.Municipality) bool { return m.Key == q.Municipality })
	}
	if !ok {
		return ""
	}
	return strings.Join([]string{"filters", strconv.FormatUint(v.MuniRev, 10), q.Region, q.Sector, q.Offers, q.Seeks,
		q.Lang, q.Municipality, q.Kind, q.Size, strconv.Itoa(q.PerPage)}, "|")
}

func oneOf[T ~string](v string, list []T) bool {
	return v == "" || slices.Contains(list, T(v))
}
