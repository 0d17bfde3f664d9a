// Package firstcontact is a firm's first message to the NRW.Global Business
// desk, sent without an account: what it holds, how it is checked, the states
// it goes through while the desk handles it and the company profile it
// becomes when the desk turns it into a case. Storage, e-mail and HTTP live
// elsewhere.
package firstcontact

import (
	"strings"
	"time"
	"unicode"

	"kakehashi/internal/company"
	"kakehashi/internal/valid"
)

// Limits on the form's fields. "Looking for" becomes the text of a
// market-entry wish when the desk opens a case, so it has that limit.
const (
	MaxWhatTheyDo = 2000
	MaxLookingFor = company.MaxCoopText
	MaxReply      = 5000
	MaxSuggested  = 3
)

// State is where a request stands in the desk's inbox.
type State string

const (
	New       State = "new"       // not handled yet
	Answered  State = "answered"  // the desk replied by e-mail
	Invited   State = "invited"   // the desk invited the firm to register
	Converted State = "converted" // the desk opened a case for the firm
	Closed    State = "closed"    // nothing more to do
)

// States lists every state in the order of the inbox filter.
var States = []State{New, Answered, Invited, Converted, Closed}

// Valid reports whether s is a known state.
func (s State) Valid() bool {
	for _, x := range States {
		if x == s {
			return true
		}
	}
	return false
}

// Final reports whether the desk is done with the request.
func (s State) Final() bool { return s == Converted || s == Closed }

// Action is what the desk does with a request.
type Action string

const (
	Answer  Action = "answer"
	Invite  Action = "invite"
	Convert Action = "convert"
	Close   Action = "close"
)

// Request is one first contact.
type Request struct {
	ID             int64
	CompanyName    string
	Region         company.Region
	WhatTheyDo     string
	LookingFor     string
	ContactName    string
	Email          string
	Phone          string
	Lang           string   // the language the firm wrote in, and gets mail in
	Suggested      []string // municipality keys, best first
	State          State
	HandledBy      int64 // the desk user who acted last; 0 before
	CaseID         int64 // the case opened from the request; 0 before
	ConsentAt      time.Time
	ConsentVersion string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Can reports whether the desk may take act on the request now. Tokyo firms
// only can be turned into a (market-entry) case.
func (r *Request) Can(act Action) bool {
	if r.State.Final() {
		return false
	}
	switch act {
	case Answer, Invite, Close:
		return true
	case Convert:
		return r.Region == company.RegionTokyo
	}
	return false
}

// Normalize trims the fields and removes control characters from the
// one-line ones (they end up in e-mails and profiles).
func (r *Request) Normalize() {
	r.CompanyName = oneLine(r.CompanyName)
	r.ContactName = oneLine(r.ContactName)
	r.Email = strings.ToLower(oneLine(r.Email))
	r.Phone = oneLine(r.Phone)
	r.WhatTheyDo = strings.TrimSpace(r.WhatTheyDo)
	r.LookingFor = strings.TrimSpace(r.LookingFor)
}

func oneLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
}

// Validate checks a normalized request field by field. Field names are those
// of the form: name (of the company), region, what_they_do, looking_for, contact_name,
// contact_email, contact_phone, consent.
func (r *Request) Validate(consent bool) valid.Errors {
	var e valid.Errors
	if e.Required("name", r.CompanyName) {
		e.MaxLen("name", r.CompanyName, company.MaxName)
	}
	switch r.Region {
	case company.RegionTokyo, company.RegionNRW:
	case "":
		e.Add("region", "required", nil)
	default:
		e.Add("region", "invalid_choice", nil)
	}
	if e.Required("what_they_do", r.WhatTheyDo) {
		e.MaxLen("what_they_do", r.WhatTheyDo, MaxWhatTheyDo)
	}
	if e.Required("looking_for", r.LookingFor) {
		e.MaxLen("looking_for", r.LookingFor, MaxLookingFor)
	}
	e.Required("contact_name", r.ContactName)
	e = append(e, company.ValidateContact("contact_", r.contact(), true)...)
	// Mail goes out without SMTPUTF8, so the address must be ASCII.
	if !e.Has("contact_email") && !isASCII(r.Email) {
		e.Add("contact_email", "invalid_email", nil)
	}
	if !consent {
		e.Add("consent", "consent_required", nil)
	}
	return e
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func (r *Request) contact() company.Contact {
	return company.Contact{Name: r.ContactName, Email: r.Email, Phone: r.Phone}
}

// Profile is the company the request describes: region and name, a
// description in the request's language from what the firm does and looks
// for, the wish to enter the NRW market for a Tokyo firm, its contact person
// and the given NACE divisions. The matcher ranks municipalities for it (no
// sectors needed); the desk's conversion stores it.
func (r *Request) Profile(sectors ...string) company.Company {
	c := company.Company{
		Name:        r.CompanyName,
		Region:      r.Region,
		Sectors:     sectors,
		Description: company.Texts{r.Lang: r.WhatTheyDo + "\n\n" + r.LookingFor},
		Languages:   []string{r.Lang},
		Contact:     r.contact(),
	}
	if r.Region == company.RegionTokyo {
		c.Seeks = []company.Cooperation{{Type: company.CoopMarketEntry, Text: r.LookingFor}}
	}
	return c
}
