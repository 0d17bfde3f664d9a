package company

// CoopType is a kind of cooperation, as defined in the interchange format.
type CoopType string

const (
	CoopDistribution CoopType = "distribution"
	CoopSupply       CoopType = "supply"
	CoopLicensing    CoopType = "licensing"
	CoopTechnical    CoopType = "technical_cooperation"
	CoopResearch     CoopType = "research_cooperation"
	CoopJointVenture CoopType = "joint_venture"
	CoopInvestment   CoopType = "investment"
	CoopServices     CoopType = "services"
	CoopMarketEntry  CoopType = "market_entry"
)

// CoopTypes lists every cooperation type in display order.
var CoopTypes = []CoopType{
	CoopDistribution, CoopSupply, CoopLicensing, CoopTechnical, CoopResearch,
	CoopJointVenture, CoopInvestment, CoopServices, CoopMarketEntry,
}

// Valid reports whether t is a known cooperation type.
func (t CoopType) Valid() bool {
	for _, c := range CoopTypes {
		if c == t {
			return true
		}
	}
	return false
}

// Symmetric reports whether both partners seek the same thing for this type
// (co-development, joint research, joint ventures), rather than one offering
// what the other seeks.
func (t CoopType) Symmetric() bool {
	return t == CoopTechnical || t == CoopResearch || t == CoopJointVenture
}

// Complementary reports whether a company seeking `seeks` and a partner with
// `partnerOffers`/`partnerSeeks` fit together for type t: the partner offers t,
// or, for symmetric types, seeks it too.
func Complementary(t CoopType, partnerOffers, partnerSeeks []Cooperation) bool {
	if HasCoop(partnerOffers, t) {
		return true
	}
	return t.Symmetric() && HasCoop(partnerSeeks, t)
}
