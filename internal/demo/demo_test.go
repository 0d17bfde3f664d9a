package demo

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
	"kakehashi/internal/taxonomy"
)

// The test decodes the document into its own structs, mirroring FORMAT.md, so
// that it checks the data rather than whatever importer exists.
type jsonContact struct {
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

type jsonCoop struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type jsonMunicipality struct {
	Key          string            `json:"key"`
	Name         string            `json:"name"`
	Agency       string            `json:"agency"`
	FocusSectors []string          `json:"focus_sectors"`
	Keywords     []string          `json:"keywords"`
	Description  map[string]string `json:"description"`
	Contact      jsonContact       `json:"contact"`
}

type jsonCompany struct {
	Ref          string            `json:"ref"`
	Name         string            `json:"name"`
	Region       string            `json:"region"`
	City         string            `json:"city"`
	Municipality string            `json:"municipality"`
	Kind         string            `json:"kind"`
	Founded      int               `json:"founded"`
	Employees    int               `json:"employees"`
	Sectors      []string          `json:"sectors"`
	Keywords     []string          `json:"keywords"`
	Description  map[string]string `json:"description"`
	Offers       []jsonCoop        `json:"offers"`
	Seeks        []jsonCoop        `json:"seeks"`
	Languages    []string          `json:"languages"`
	Website      string            `json:"website"`
	Contact      jsonContact       `json:"contact"`
}

type document struct {
	Municipalities []jsonMunicipality `json:"municipalities"`
	Companies      []jsonCompany      `json:"companies"`
	Judgements     []json.RawMessage  `json:"judgements"`
}

func decode(t *testing.T) document {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(JSON))
	dec.DisallowUnknownFields() // a misspelt field would silently vanish on import
	var d document
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("demo.json: %v", err)
	}
	return d
}

func coops(in []jsonCoop) []company.Cooperation {
	out := make([]company.Cooperation, len(in))
	for i, c := range in {
		out[i] = company.Cooperation{Type: company.CoopType(c.Type), Text: c.Text}
	}
	return out
}

func (j jsonCompany) toCompany() company.Company {
	return company.Company{
		Ref: j.Ref, Name: j.Name, Region: company.Region(j.Region), City: j.City,
		Municipality: j.Municipality, Kind: company.Kind(j.Kind), Founded: j.Founded,
		Employees: j.Employees, Sectors: j.Sectors, Keywords: j.Keywords,
		Description: company.Texts(j.Description), Offers: coops(j.Offers), Seeks: coops(j.Seeks),
		Languages: j.Languages, Website: j.Website,
		Contact: company.Contact(j.Contact),
	}
}

func (j jsonMunicipality) toMunicipality() municipality.Municipality {
	return municipality.Municipality{
		Key: j.Key, Name: j.Name, Agency: j.Agency, FocusSectors: j.FocusSectors,
		Keywords: j.Keywords, Description: company.Texts(j.Description),
		Contact: company.Contact(j.Contact),
	}
}

var partnerKeys = []string{"aachen", "bochum", "duesseldorf", "essen", "koeln", "krefeld", "rhein-kreis-neuss"}

var keyPattern = regexp.MustCompile(`^[a-z0-9-]+$`)

func TestMunicipalities(t *testing.T) {
	d := decode(t)
	keys := map[string]bool{}
	for _, m := range d.Municipalities {
		if keys[m.Key] {
			t.Errorf("municipality %q listed twice", m.Key)
		}
		keys[m.Key] = true
		mm := m.toMunicipality()
		mm.Normalize()
		if errs := mm.Validate(); len(errs) > 0 {
			t.Errorf("municipality %q: %v", m.Key, errs)
		}
		for _, lang := range company.Languages {
			if strings.TrimSpace(m.Description[lang]) == "" {
				t.Errorf("municipality %q: no %s description", m.Key, lang)
			}
		}
		if m.Key != municipality.DeskKey && len(m.FocusSectors) == 0 {
			t.Errorf("municipality %q: no focus sectors", m.Key)
		}
		for _, s := range m.FocusSectors {
			if !taxonomy.Valid(s) {
				t.Errorf("municipality %q: unknown focus sector %q", m.Key, s)
			}
		}
		checkContact(t, "municipality "+m.Key, m.Contact)
	}
	for _, k := range append(slices.Clone(partnerKeys), municipality.DeskKey) {
		if !keys[k] {
			t.Errorf("municipality %q missing", k)
		}
	}
	if len(d.Judgements) != 0 {
		t.Errorf("demo data has %d judgements, want none", len(d.Judgements))
	}
}

func TestCompanies(t *testing.T) {
	d := decode(t)
	if len(d.Companies) < 60 {
		t.Errorf("%d companies, want at least 60", len(d.Companies))
	}
	keys := map[string]bool{}
	for _, m := range d.Municipalities {
		keys[m.Key] = true
	}
	exists := func(k string) bool { return keys[k] }

	refs := map[string]bool{}
	perRegion := map[string]int{}
	perMunicipality := map[string]int{}
	for _, j := range d.Companies {
		perRegion[j.Region]++
		if !keyPattern.MatchString(j.Ref) {
			t.Errorf("ref %q is not [a-z0-9-]+", j.Ref)
		}
		if refs[j.Ref] {
			t.Errorf("ref %q used twice", j.Ref)
		}
		refs[j.Ref] = true
		if !strings.HasPrefix(j.Ref, j.Region+"-") {
			t.Errorf("%s: ref does not start with its region %q", j.Ref, j.Region)
		}
		if len(j.Description) == 0 {
			t.Errorf("%s: no description", j.Ref)
		}
		for _, s := range j.Sectors {
			if !taxonomy.Valid(s) {
				t.Errorf("%s: unknown sector %q", j.Ref, s)
			}
		}
		if j.Municipality != "" {
			perMunicipality[j.Municipality]++
			if !exists(j.Municipality) || j.Municipality == municipality.DeskKey {
				t.Errorf("%s: municipality %q is not a partner municipality", j.Ref, j.Municipality)
			}
		}
		if j.City == "" || j.Kind == "" || j.Founded == 0 || j.Employees == 0 || len(j.Languages) == 0 {
			t.Errorf("%s: city, kind, founded, employees and languages should all be set", j.Ref)
		}
		if len(j.Offers)+len(j.Seeks) == 0 {
			t.Errorf("%s: neither offers nor seeks", j.Ref)
		}
		checkURL(t, j.Ref, j.Website)
		checkContact(t, j.Ref, j.Contact)

		c := j.toCompany()
		c.Normalize()
		if errs := c.Validate(exists); len(errs) > 0 {
			t.Errorf("%s: %v", j.Ref, errs)
		}
	}
	for _, r := range company.Regions {
		if perRegion[string(r)] < 25 {
			t.Errorf("region %s: %d companies, want at least 25", r, perRegion[string(r)])
		}
	}
	for _, k := range partnerKeys {
		if perMunicipality[k] == 0 {
			t.Errorf("no company in partner municipality %q", k)
		}
	}
}

// TestDesignedForMatching checks what the demo is for: every cooperation type
// appears, descriptions in a single language exist to exercise cross-language
// matching, and every company has at least one complementary partner on the
// other side.
func TestDesignedForMatching(t *testing.T) {
	d := decode(t)
	cs := make([]company.Company, len(d.Companies))
	for i, j := range d.Companies {
		cs[i] = j.toCompany()
	}
	used := map[company.CoopType]bool{}
	single := map[company.Region]int{}
	for _, c := range cs {
		for _, x := range append(slices.Clone(c.Offers), c.Seeks...) {
			used[x.Type] = true
		}
		if len(c.Description) == 1 {
			single[c.Region]++
		}
	}
	for _, ct := range company.CoopTypes {
		if !used[ct] {
			t.Errorf("cooperation type %q is never used", ct)
		}
	}
	for _, r := range company.Regions {
		if single[r] == 0 {
			t.Errorf("region %s: no company with a single-language description", r)
		}
	}
	for _, a := range cs {
		if !slices.ContainsFunc(cs, func(b company.Company) bool { return complements(a, b) }) {
			t.Errorf("%s: no complementary partner in the other region", a.Ref)
		}
	}
}

// complements reports whether b, from the other region, answers something a
// seeks, or seeks something a offers.
func complements(a, b company.Company) bool {
	if a.Region == b.Region {
		return false
	}
	for _, s := range a.Seeks {
		if company.Complementary(s.Type, b.Offers, b.Seeks) {
			return true
		}
	}
	for _, o := range a.Offers {
		if company.HasCoop(b.Seeks, o.Type) {
			return true
		}
	}
	return false
}

func checkURL(t *testing.T, who, s string) {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || !strings.HasSuffix(u.Hostname(), ".example") {
		t.Errorf("%s: website %q is not an https .example address", who, s)
	}
}

func checkContact(t *testing.T, who string, c jsonContact) {
	t.Helper()
	if c.Name == "" {
		t.Errorf("%s: contact without name", who)
	}
	if !strings.HasSuffix(c.Email, ".example") {
		t.Errorf("%s: e-mail %q is not at a .example domain", who, c.Email)
	}
	if c.Phone != "" && !strings.Contains(c.Phone, "0000") {
		t.Errorf("%s: phone %q lacks the fictional 0000 block", who, c.Phone)
	}
}
