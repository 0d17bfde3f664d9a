// Package valid collects field-level validation errors. Errors carry a
// message code, not text: the web layer translates "err.<code>" into the
// user's language, so domain packages stay free of UI concerns.
package valid

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Error is one problem with one field. Field is a path such as "name",
// "offers.1.text" or "contact.email".
type Error struct {
	Field string
	Code  string
	Args  map[string]any
}

func (e Error) Error() string {
	if len(e.Args) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Field, e.Code, e.Args)
	}
	return e.Field + ": " + e.Code
}

// Errors is a list of field errors; the zero value is ready to use.
type Errors []Error

// Add records a problem with field.
func (e *Errors) Add(field, code string, args map[string]any) {
	*e = append(*e, Error{Field: field, Code: code, Args: args})
}

// Has reports whether field has an error.
func (e Errors) Has(field string) bool {
	_, ok := e.Get(field)
	return ok
}

// Get returns the first error of field.
func (e Errors) Get(field string) (Error, bool) {
	for _, x := range e {
		if x.Field == field {
			return x, true
		}
	}
	return Error{}, false
}

// Prefixed returns errors with a prefix prepended to every field path.
func (e Errors) Prefixed(prefix string) Errors {
	out := make(Errors, len(e))
	for i, x := range e {
		x.Field = prefix + x.Field
		out[i] = x
	}
	return out
}

func (e Errors) Error() string {
	parts := make([]string, len(e))
	for i, x := range e {
		parts[i] = x.Error()
	}
	return strings.Join(parts, "; ")
}

// Required adds "required" when s is blank.
func (e *Errors) Required(field, s string) bool {
	if strings.TrimSpace(s) == "" {
		e.Add(field, "required", nil)
		return false
	}
	return true
}

// MaxLen adds "too_long" when s has more than max characters (not bytes:
// Japanese text must get the same allowance as Latin text).
func (e *Errors) MaxLen(field, s string, max int) bool {
	if utf8.RuneCountInString(s) > max {
		e.Add(field, "too_long", map[string]any{"max": max})
		return false
	}
	return true
}

var keyPattern = regexp.MustCompile(`^[a-z0-9-]+$`)

// Key checks a stable id: lowercase letters, digits and hyphens.
func (e *Errors) Key(field, s string) bool {
	if !e.Required(field, s) {
		return false
	}
	if len(s) > 64 || !keyPattern.MatchString(s) {
		e.Add(field, "invalid_key", nil)
		return false
	}
	return true
}

// IsEmail reports whether s is a plain e-mail address (no display name).
// Only ASCII addresses are accepted: the outgoing mail path does not speak
// SMTPUTF8, and an address we cannot write to is no use for confirmation.
func IsEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " \t\r\n<>") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// Email checks an e-mail address; blank is allowed unless required.
func (e *Errors) Email(field, s string, required bool) bool {
	if s == "" {
		if required {
			e.Add(field, "required", nil)
		}
		return !required
	}
	if !IsEmail(s) {
		e.Add(field, "invalid_email", nil)
		return false
	}
	return true
}

// IsWebURL reports whether s is an absolute http(s) URL with a host.
func IsWebURL(s string) bool {
	if len(s) > 300 {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}

// URL checks an optional web address.
func (e *Errors) URL(field, s string) bool {
	if s != "" && !IsWebURL(s) {
		e.Add(field, "invalid_url", nil)
		return false
	}
	return true
}
