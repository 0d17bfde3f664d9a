package matching

// Reason explains one aspect of a suggestion. The web layer renders it in the
// viewer's language with the message "reason.<Code>", replacing {arg}
// placeholders by Args. Args whose names end in "_type" hold a cooperation
// type (rendered via "coop.<type>"), in "_sector" a NACE division code
// (rendered as its label), in "_lang" a language code (rendered via
// "lang.<code>"); all other args are free text taken from the profiles and
// shown as they are.
//
// Reasons are written from the viewer's side: "you" is the company the
// suggestions are for, "they" the suggested partner.
type Reason struct {
	Code string
	Args map[string]string
}

// Reason codes and their args.
const (
	// You seek coop_type: "seek" — they offer "offer". For a symmetric type
	// (technical/research cooperation, joint venture) "offer" may be the text
	// of their own wish for the same type.
	ReasonTheyOffer = "they_offer" // coop_type, seek, offer
	// Like ReasonTheyOffer when your own text is empty.
	ReasonTheyOfferShort = "they_offer_short" // coop_type, offer
	// They offer coop_type, which you seek (their text is empty).
	ReasonTheyOfferType = "they_offer_type" // coop_type
	// They seek coop_type: "seek" — you offer "offer".
	ReasonTheySeek = "they_seek" // coop_type, seek, offer
	// They seek coop_type: "seek" (your text is empty).
	ReasonTheySeekShort = "they_seek_short" // coop_type, seek
	// They seek coop_type, which you offer (their text is empty).
	ReasonTheySeekType = "they_seek_type" // coop_type
	// Both seek the symmetric coop_type: yours "seek", theirs "their_seek".
	ReasonBothSeek = "both_seek" // coop_type, seek, their_seek
	// Both seek the symmetric coop_type (texts missing).
	ReasonBothSeekType = "both_seek_type" // coop_type
	// Both are in the NACE division division_sector; code is the code itself.
	ReasonSameSector = "same_sector" // code, division_sector
	// Different divisions of the same NACE section.
	ReasonRelatedSector = "related_sector" // own_sector, their_sector
	// Common ground found in the texts: terms lists matched words, "yours ↔
	// theirs" when they differ (e.g. "Medizintechnik ↔ 医療機器").
	ReasonSharedTopics = "shared_topics" // terms
	// A business language both use.
	ReasonSharedLanguage = "shared_language" // business_lang
	// No common business language: an interpreter may be needed.
	ReasonNoSharedLanguage = "no_shared_language"
	// Both are start-ups.
	ReasonBothStartups = "both_startups"
	// Similar head count.
	ReasonSimilarSize = "similar_size" // employees, their_employees

	// Municipalities (for a Tokyo company).
	// The agency focuses on focus_sector, a sector of the company.
	ReasonFocusSector = "focus_sector" // code, focus_sector
	// The agency's focus is in the same NACE section as the company.
	ReasonRelatedFocus = "related_focus" // focus_sector
	// The agency's strengths match the company: terms as in shared_topics.
	ReasonAgencyStrengths = "agency_strengths" // terms
	// The company wants to set up in NRW: "seek".
	ReasonMarketEntry = "market_entry" // seek
	// The company wants to set up in NRW (no text).
	ReasonMarketEntryType = "market_entry_type"
	// For an NRW company: its own partner municipality, name.
	ReasonHomeMunicipality = "home_municipality" // name
)

// ReasonCodes lists every code, for catalogue checks.
var ReasonCodes = []string{
	ReasonTheyOffer, ReasonTheyOfferShort, ReasonTheyOfferType,
	ReasonTheySeek, ReasonTheySeekShort, ReasonTheySeekType,
	ReasonBothSeek, ReasonBothSeekType,
	ReasonSameSector, ReasonRelatedSector, ReasonSharedTopics,
	ReasonSharedLanguage, ReasonNoSharedLanguage, ReasonBothStartups, ReasonSimilarSize,
	ReasonFocusSector, ReasonRelatedFocus, ReasonAgencyStrengths,
	ReasonMarketEntry, ReasonMarketEntryType, ReasonHomeMunicipality,
}

func reason(code string, kv ...string) Reason {
	r := Reason{Code: code}
	if len(kv) > 0 {
		r.Args = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			r.Args[kv[i]] = kv[i+1]
		}
	}
	return r
}
