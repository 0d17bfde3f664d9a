package company

import "time"

// StaleAfter is how long a profile counts as current after its owner last
// confirmed it. Stale profiles are flagged to their owners and to staff.
const StaleAfter = 180 * 24 * time.Hour

// Missing names a part of the profile that would make it more useful to
// partners; the web layer translates "quality.<Missing>".
type Missing string

// Completeness scores how complete a profile is (0–100) and lists what is
// missing. The weights favour what the matcher and partners rely on most:
// what the company offers and seeks, its sectors and a description in more
// than one language.
func Completeness(c *Company) (score int, missing []Missing) {
	checks := []struct {
		ok     bool
		weight int
		name   Missing
	}{
		{c.Name != "", 5, "name"},
		{len(c.Sectors) > 0, 10, "sectors"},
		{len(c.Description) > 0, 15, "description"},
		{len(c.Description) >= 2, 10, "description_second_language"},
		{len(c.Offers) > 0, 15, "offers"},
		{len(c.Seeks) > 0, 15, "seeks"},
		{len(c.Keywords) >= 3, 10, "keywords"},
		{len(c.Languages) > 0, 5, "languages"},
		{c.City != "", 3, "city"},
		{c.Kind != "", 2, "kind"},
		{c.Employees > 0, 2, "employees"},
		{c.Founded > 0, 2, "founded"},
		{c.Website != "", 3, "website"},
		{c.Contact.Email != "" && c.Contact.Name != "", 3, "contact"},
	}
	total := 0
	for _, ch := range checks {
		total += ch.weight
		if ch.ok {
			score += ch.weight
		} else {
			missing = append(missing, ch.name)
		}
	}
	return score * 100 / total, missing
}

// Stale reports whether the profile was last confirmed too long ago.
func (c *Company) Stale(now time.Time) bool {
	return c.ConfirmedAt.IsZero() || now.Sub(c.ConfirmedAt) > StaleAfter
}
