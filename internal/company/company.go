// Package company holds the company profile: the central record of the portal,
// shared by the directory, the matcher and the brokerage workflow. It has no
// HTTP or database code; storage lives in internal/store.
package company

import (
	"slices"
	"time"
)

// Region is the side of the NRW–Tokyo cooperation a company is on.
type Region string

const (
	RegionNRW   Region = "nrw"
	RegionTokyo Region = "tokyo"
)

// Regions lists the valid regions in display order.
var Regions = []Region{RegionNRW, RegionTokyo}

// Other returns the opposite side of the cooperation.
func (r Region) Other() Region {
	if r == RegionNRW {
		return RegionTokyo
	}
	return RegionNRW
}

// Kind distinguishes established SMEs from start-ups.
type Kind string

const (
	KindSME     Kind = "sme"
	KindStartup Kind = "startup"
)

// Kinds lists the valid kinds in display order.
var Kinds = []Kind{KindSME, KindStartup}

// Languages are the business languages of the portal, also its UI languages.
var Languages = []string{"de", "en", "ja"}

// Texts is a text per language code ("de", "en", "ja").
type Texts map[string]string

// Get returns the text in lang, or the first available one in the portal's
// language order, together with the language actually returned.
func (t Texts) Get(lang string) (text, in string) {
	if s := t[lang]; s != "" {
		return s, lang
	}
	for _, l := range []string{"en", "de", "ja"} {
		if s := t[l]; s != "" {
			return s, l
		}
	}
	return "", ""
}

// Cooperation is one thing a company offers to or seeks from a partner.
type Cooperation struct {
	Type CoopType
	Text string
}

// Contact is the person a partner reaches after both sides agreed to an
// introduction. It is personal data: never public, never logged.
type Contact struct {
	Name  string
	Role  string
	Email string
	Phone string
}

// Company is a company profile in the interchange format's terms.
type Company struct {
	ID           int64 // storage id; 0 before the first save
	Ref          string
	Name         string
	Region       Region
	City         string
	Municipality string // municipality key, NRW companies only
	Kind         Kind
	Founded      int // year, 0 when unknown
	Employees    int // 0 when unknown
	Sectors      []string
	Keywords     []string
	Description  Texts
	Offers       []Cooperation
	Seeks        []Cooperation
	Languages    []string
	Website      string
	Contact      Contact
	ConfirmedAt  time.Time // when the owner last confirmed the profile is current
	UpdatedAt    time.Time
	// Deleted is set for a company whose account was deleted: an anonymised
	// row kept for case statistics, hidden everywhere else.
	Deleted bool
	// ContactReviewAt is set when the company was inactive so long that its
	// contact data is due for review (retention).
	ContactReviewAt time.Time
}

// SizeBand is a coarse employee-count band used by the directory filter.
type SizeBand string

const (
	SizeMicro  SizeBand = "micro"  // 1–9
	SizeSmall  SizeBand = "small"  // 10–49
	SizeMedium SizeBand = "medium" // 50–249
	SizeLarge  SizeBand = "large"  // 250+
)

// SizeBands lists the bands in ascending order.
var SizeBands = []SizeBand{SizeMicro, SizeSmall, SizeMedium, SizeLarge}

// Band returns the size band of an employee count, "" when unknown.
func Band(employees int) SizeBand {
	switch {
	case employees <= 0:
		return ""
	case employees < 10:
		return SizeMicro
	case employees < 50:
		return SizeSmall
	case employees < 250:
		return SizeMedium
	default:
		return SizeLarge
	}
}

// HasCoop reports whether list holds a cooperation of type t.
func HasCoop(list []Cooperation, t CoopType) bool {
	return slices.ContainsFunc(list, func(c Cooperation) bool { return c.Type == t })
}

// Speaks reports whether the company does business in lang.
func (c *Company) Speaks(lang string) bool { return slices.Contains(c.Languages, lang) }
