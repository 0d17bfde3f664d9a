package company

import (
	"fmt"
	"strings"
	"time"

	"kakehashi/internal/taxonomy"
	"kakehashi/internal/valid"
)

// Limits on profile fields. They keep pages and the search index bounded and
// are enforced on every write path (forms and import alike).
const (
	MaxName        = 200
	MaxCity        = 100
	MaxKeywords    = 30
	MaxKeyword     = 80
	MaxDescription = 5000
	MaxCoops       = 10
	MaxCoopText    = 500
	MaxSectors     = 10
	MaxContactName = 120
	MaxPhone       = 40
)

// Normalize trims whitespace and drops empty list entries so that stored
// profiles compare equal however they were entered.
func (c *Company) Normalize() {
	c.Ref = strings.TrimSpace(c.Ref)
	c.Name = strings.TrimSpace(c.Name)
	c.City = strings.TrimSpace(c.City)
	c.Municipality = strings.TrimSpace(c.Municipality)
	c.Website = strings.TrimSpace(c.Website)
	c.Sectors = cleanList(c.Sectors, strings.ToUpper)
	c.Keywords = cleanList(c.Keywords, nil)
	c.Languages = cleanList(c.Languages, strings.ToLower)
	for k, v := range c.Description {
		if v = strings.TrimSpace(v); v == "" {
			delete(c.Description, k)
		} else {
			c.Description[k] = v
		}
	}
	c.Offers = cleanCoops(c.Offers)
	c.Seeks = cleanCoops(c.Seeks)
	c.Contact.Name = strings.TrimSpace(c.Contact.Name)
	c.Contact.Role = strings.TrimSpace(c.Contact.Role)
	c.Contact.Email = strings.TrimSpace(c.Contact.Email)
	c.Contact.Phone = strings.TrimSpace(c.Contact.Phone)
}

func cleanList(in []string, f func(string) string) []string {
	out := make([]string, 0, len(in))
	seen := map[string]bool{}
	for _, s := range in {
		s = strings.TrimSpace(s)
		if f != nil {
			s = f(s)
		}
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

func cleanCoops(in []Cooperation) []Cooperation {
	out := make([]Cooperation, 0, len(in))
	for _, c := range in {
		c.Text = strings.TrimSpace(c.Text)
		if c.Type == "" && c.Text == "" {
			continue
		}
		out = append(out, c)
	}
	return out
}

// Validate checks a normalized company. municipalityExists tells whether a
// municipality key is known; it may be nil when no municipality is set.
func (c *Company) Validate(municipalityExists func(key string) bool) valid.Errors {
	var e valid.Errors
	e.Key("ref", c.Ref)
	if e.Required("name", c.Name) {
		e.MaxLen("name", c.Name, MaxName)
	}
	switch c.Region {
	case RegionNRW, RegionTokyo:
	case "":
		e.Add("region", "required", nil)
	default:
		e.Add("region", "invalid_choice", nil)
	}
	e.MaxLen("city", c.City, MaxCity)
	if c.Municipality != "" {
		switch {
		case c.Region == RegionTokyo:
			e.Add("municipality", "municipality_nrw_only", nil)
		case municipalityExists == nil || !municipalityExists(c.Municipality):
			e.Add("municipality", "unknown_municipality", nil)
		}
	}
	switch c.Kind {
	case "", KindSME, KindStartup:
	default:
		e.Add("kind", "invalid_choice", nil)
	}
	if c.Founded != 0 && (c.Founded < 1500 || c.Founded > time.Now().Year()+1) {
		e.Add("founded", "invalid_year", map[string]any{"max": time.Now().Year() + 1})
	}
	if c.Employees < 0 || c.Employees > 10_000_000 {
		e.Add("employees", "invalid_employees", nil)
	}
	switch {
	case len(c.Sectors) == 0:
		e.Add("sectors", "sectors_required", nil)
	case len(c.Sectors) > MaxSectors:
		e.Add("sectors", "too_many", map[string]any{"max": MaxSectors})
	}
	for _, s := range c.Sectors {
		if !taxonomy.Valid(s) {
			e.Add("sectors", "unknown_sector", map[string]any{"code": s})
			break
		}
	}
	if len(c.Keywords) > MaxKeywords {
		e.Add("keywords", "too_many", map[string]any{"max": MaxKeywords})
	}
	for _, k := range c.Keywords {
		if !e.MaxLen("keywords", k, MaxKeyword) {
			break
		}
	}
	validateTexts(&e, "description", c.Description, MaxDescription)
	validateCoops(&e, "offers", c.Offers)
	validateCoops(&e, "seeks", c.Seeks)
	for _, l := range c.Languages {
		if l != "de" && l != "en" && l != "ja" {
			e.Add("languages", "invalid_choice", nil)
			break
		}
	}
	e.URL("website", c.Website)
	// The interchange format requires an e-mail whenever a contact is given.
	validateContact(&e, "contact.", c.Contact, c.Contact != (Contact{}))
	return e
}

// validateTexts checks a per-language text: at least one language, only known
// languages, each within max characters.
func validateTexts(e *valid.Errors, field string, t Texts, max int) {
	if len(t) == 0 {
		e.Add(field, "description_required", nil)
	}
	for lang, s := range t {
		if lang != "de" && lang != "en" && lang != "ja" {
			e.Add(field, "invalid_language", map[string]any{"lang": lang})
			continue
		}
		e.MaxLen(field+"."+lang, s, max)
	}
}

func validateCoops(e *valid.Errors, field string, list []Cooperation) {
	if len(list) > MaxCoops {
		e.Add(field, "too_many", map[string]any{"max": MaxCoops})
	}
	for i, c := range list {
		f := fmt.Sprintf("%s.%d", field, i)
		if c.Type == "" {
			e.Add(f+".type", "required", nil)
		} else if !c.Type.Valid() {
			e.Add(f+".type", "invalid_choice", nil)
		}
		e.MaxLen(f+".text", c.Text, MaxCoopText)
	}
}

// ValidateContact checks a contact person; the e-mail is required when
// emailRequired (interchange records), optional on a draft profile.
func validateContact(e *valid.Errors, prefix string, c Contact, emailRequired bool) {
	e.MaxLen(prefix+"name", c.Name, MaxContactName)
	e.MaxLen(prefix+"role", c.Role, MaxContactName)
	e.Email(prefix+"email", c.Email, emailRequired)
	if e.MaxLen(prefix+"phone", c.Phone, MaxPhone) && c.Phone != "" && !phoneOK(c.Phone) {
		e.Add(prefix+"phone", "invalid_phone", nil)
	}
}

// ValidateContact is the exported form used for municipality desks.
func ValidateContact(prefix string, c Contact, emailRequired bool) valid.Errors {
	var e valid.Errors
	validateContact(&e, prefix, c, emailRequired)
	return e
}

func phoneOK(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ -()/.", r):
		default:
			return false
		}
	}
	return digits >= 5
}
