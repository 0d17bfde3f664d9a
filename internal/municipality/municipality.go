// Package municipality describes the NRW partner municipalities and districts
// whose business-development agencies (Wirtschaftsförderung) receive Tokyo
// firms, and the state agency desk that hands firms on to them.
package municipality

import (
	"strings"

	"kakehashi/internal/company"
	"kakehashi/internal/taxonomy"
	"kakehashi/internal/valid"
)

// DeskKey is the key of NRW.Global Business, the state's first-contact desk
// for Tokyo firms. It is stored beside the municipalities so that staff and
// contacts work the same way, but it is never a matching candidate.
const DeskKey = "nrw-global-business"

// Municipality is a partner municipality (or the desk) and its agency.
type Municipality struct {
	ID           int64
	Key          string
	Name         string
	Agency       string
	FocusSectors []string
	Keywords     []string
	Description  company.Texts
	Contact      company.Contact
}

// IsDesk reports whether m is the first-contact desk rather than a partner
// municipality.
func (m *Municipality) IsDesk() bool { return m.Key == DeskKey }

// Normalize trims fields and drops empty entries.
func (m *Municipality) Normalize() {
	m.Key = strings.TrimSpace(m.Key)
	m.Name = strings.TrimSpace(m.Name)
	m.Agency = strings.TrimSpace(m.Agency)
	c := company.Company{Sectors: m.FocusSectors, Keywords: m.Keywords, Description: m.Description, Contact: m.Contact}
	c.Normalize()
	m.FocusSectors, m.Keywords, m.Description, m.Contact = c.Sectors, c.Keywords, c.Description, c.Contact
}

// Validate checks a normalized municipality.
func (m *Municipality) Validate() valid.Errors {
	var e valid.Errors
	e.Key("key", m.Key)
	if e.Required("name", m.Name) {
		e.MaxLen("name", m.Name, company.MaxName)
	}
	if e.Required("agency", m.Agency) {
		e.MaxLen("agency", m.Agency, company.MaxName)
	}
	for _, s := range m.FocusSectors {
		if !taxonomy.Valid(s) {
			e.Add("focus_sectors", "unknown_sector", map[string]any{"code": s})
			break
		}
	}
	if len(m.Keywords) > company.MaxKeywords*2 {
		e.Add("keywords", "too_many", map[string]any{"max": company.MaxKeywords * 2})
	}
	if len(m.Description) == 0 {
		e.Add("description", "description_required", nil)
	}
	for lang, s := range m.Description {
		if lang != "de" && lang != "en" && lang != "ja" {
			e.Add("description", "invalid_language", map[string]any{"lang": lang})
			continue
		}
		e.MaxLen("description."+lang, s, company.MaxDescription)
	}
	e = append(e, company.ValidateContact("contact.", m.Contact, m.Contact != (company.Contact{}))...)
	return e
}
