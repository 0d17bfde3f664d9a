// Package i18n holds the message catalogs in German, English and Japanese
// and the formatting of dates and numbers per language.
//
// Catalogs are flat JSON objects (key → message) in locales/<area>.<lang>.json;
// all areas of one language are merged. Placeholders are written {name}.
// A test fails when any key lacks a translation in any language, so a missing
// message is a build-time problem, not something users see.
package i18n

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Langs are the UI languages, in the order of the language switcher.
var Langs = []string{"de", "en", "ja"}

// Default is the language for visitors whose browser asks for none of Langs.
const Default = "en"

//go:embed locales/*.json
var localesFS embed.FS

var catalogs = mustLoad(localesFS)

func mustLoad(fsys fs.FS) map[string]map[string]string {
	c, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return c
}

func load(fsys fs.FS) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, l := range Langs {
		out[l] = map[string]string{}
	}
	files, err := fs.Glob(fsys, "locales/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(path.Base(f), ".json"), ".")
		lang := parts[len(parts)-1]
		cat, ok := out[lang]
		if !ok {
			return nil, fmt.Errorf("i18n: %s: unknown language %q", f, lang)
		}
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", f, err)
		}
		for k, v := range m {
			if _, dup := cat[k]; dup {
				return nil, fmt.Errorf("i18n: %s: key %q defined twice", f, k)
			}
			cat[k] = v
		}
	}
	return out, nil
}

// Supported reports whether lang is a UI language.
func Supported(lang string) bool {
	_, ok := catalogs[lang]
	return ok
}

// Has reports whether key exists in the catalogs.
func Has(key string) bool {
	_, ok := catalogs[Default][key]
	return ok
}

// T translates key into lang, replacing {name} placeholders with args given
// as name, value pairs. An unknown key is returned in brackets so that it
// stands out in tests and screenshots.
func T(lang, key string, args ...any) string {
	msg, ok := catalogs[lang][key]
	if !ok {
		if msg, ok = catalogs[Default][key]; !ok {
			return "[" + key + "]"
		}
	}
	if len(args) == 0 || !strings.Contains(msg, "{") {
		return msg
	}
	// One pass over the message: cheaper than building a strings.Replacer
	// per call, which matters on pages with hundreds of messages.
	var b strings.Builder
	b.Grow(len(msg) + 16)
	for {
		open := strings.IndexByte(msg, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(msg[open:], '}')
		if end < 0 {
			break
		}
		name := msg[open+1 : open+end]
		b.WriteString(msg[:open])
		if v, ok := arg(args, name); ok {
			b.WriteString(format(lang, v))
		} else {
			b.WriteString(msg[open : open+end+1])
		}
		msg = msg[open+end+1:]
	}
	b.WriteString(msg)
	return b.String()
}

// arg finds the value of a placeholder among name, value pairs.
func arg(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok && k == name {
			return args[i+1], true
		} else if !ok && fmt.Sprint(args[i]) == name {
			return args[i+1], true
		}
	}
	return nil, false
}

// TMap is T with named arguments in a map (as carried by validation errors).
func TMap(lang, key string, args map[string]any) string {
	flat := make([]any, 0, 2*len(args))
	for k, v := range args {
		flat = append(flat, k, v)
	}
	return T(lang, key, flat...)
}

func format(lang string, v any) string {
	switch n := v.(type) {
	case string:
		return n
	case int:
		return Number(lang, int64(n))
	case int64:
		return Number(lang, n)
	}
	return fmt.Sprint(v)
}

// Number formats an integer with the language's digit grouping.
func Number(lang string, n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	if lang == "de" {
		sep = "."
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && len(s) > 4 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Keys returns every key of lang's catalog, sorted (for tests).
func Keys(lang string) []string {
	keys := make([]string, 0, len(catalogs[lang]))
	for k := range catalogs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type ctxKey struct{}

// WithLang returns a context carrying the request's UI language.
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, ctxKey{}, lang)
}

// Lang returns the UI language carried by ctx, or Default.
func Lang(ctx context.Context) string {
	if l, ok := ctx.Value(ctxKey{}).(string); ok {
		return l
	}
	return Default
}

// Tc translates key into the language carried by ctx (for templates).
func Tc(ctx context.Context, key string, args ...any) string {
	return T(Lang(ctx), key, args...)
}

// escaped holds every message HTML-escaped, for templates that write
// messages without arguments straight into a page.
var escaped = escapeAll(catalogs)

func escapeAll(cats map[string]map[string]string) map[string]map[string]string {
	out := make(map[string]map[string]string, len(cats))
	for l, cat := range cats {
		m := make(map[string]string, len(cat))
		for k, v := range cat {
			m[k] = html.EscapeString(v)
		}
		out[l] = m
	}
	return out
}

// Escaped is T(lang, key) without arguments, HTML-escaped.
func Escaped(lang, key string) string {
	if msg, ok := escaped[lang][key]; ok {
		return msg
	}
	if msg, ok := escaped[Default][key]; ok {
		return msg
	}
	return html.EscapeString("[" + key + "]")
}
