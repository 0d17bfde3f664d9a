// Package interchange reads and writes the JSON interchange format of
// companies, municipalities and judged matches (docs: shared/data/FORMAT.md).
// Agencies use it to bring in the contacts they keep in spreadsheets and
// CRMs; the evaluation of the matcher reads labelled sets in it.
package interchange

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

// Document is one interchange file.
type Document struct {
	Municipalities []Municipality `json:"municipalities,omitempty"`
	Companies      []Company      `json:"companies,omitempty"`
	Judgements     []Judgement    `json:"judgements,omitempty"`
}

// Contact mirrors company.Contact.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Role  string `json:"role,omitempty"`
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
}

// Cooperation mirrors company.Cooperation.
type Cooperation struct {
	Type string `json:"type"`
	Text string `json:"text,omitempty"`
}

// Municipality is the wire form of a municipality.
type Municipality struct {
	Key          string            `json:"key"`
	Name         string            `json:"name"`
	Agency       string            `json:"agency"`
	FocusSectors []string          `json:"focus_sectors,omitempty"`
	Keywords     []string          `json:"keywords,omitempty"`
	Description  map[string]string `json:"description,omitempty"`
	Contact      *Contact          `json:"contact,omitempty"`
}

// Company is the wire form of a company.
type Company struct {
	Ref          string            `json:"ref"`
	Name         string            `json:"name"`
	Region       string            `json:"region"`
	City         string            `json:"city,omitempty"`
	Municipality string            `json:"municipality,omitempty"`
	Kind         string            `json:"kind,omitempty"`
	Founded      int               `json:"founded,omitempty"`
	Employees    int               `json:"employees,omitempty"`
	Sectors      []string          `json:"sectors"`
	Keywords     []string          `json:"keywords,omitempty"`
	Description  map[string]string `json:"description,omitempty"`
	Offers       []Cooperation     `json:"offers,omitempty"`
	Seeks        []Cooperation     `json:"seeks,omitempty"`
	Languages    []string          `json:"languages,omitempty"`
	Website      string            `json:"website,omitempty"`
	Contact      *Contact          `json:"contact,omitempty"`
}

// Judgement is a labelled expectation for the matcher.
type Judgement struct {
	Company        string   `json:"company"`
	Partners       []string `json:"partners,omitempty"`
	Municipalities []string `json:"municipalities,omitempty"`
}

func contactOut(c company.Contact) *Contact {
	if c == (company.Contact{}) {
		return nil
	}
	return &Contact{Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone}
}

func contactIn(c *Contact) company.Contact {
	if c == nil {
		return company.Contact{}
	}
	return company.Contact{Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone}
}

func coopsOut(in []company.Cooperation) []Cooperation {
	var out []Cooperation
	for _, c := range in {
		out = append(out, Cooperation{Type: string(c.Type), Text: c.Text})
	}
	return out
}

func coopsIn(in []Cooperation) []company.Cooperation {
	var out []company.Cooperation
	for _, c := range in {
		out = append(out, company.Cooperation{Type: company.CoopType(c.Type), Text: c.Text})
	}
	return out
}

func textsOut(t company.Texts) map[string]string {
	if len(t) == 0 {
		return nil
	}
	return map[string]string(t)
}

func textsIn(t map[string]string) company.Texts {
	out := company.Texts{}
	for k, v := range t {
		out[k] = v
	}
	return out
}

// FromCompany converts a domain company to its wire form.
func FromCompany(c *company.Company) Company {
	return Company{
		Ref: c.Ref, Name: c.Name, Region: string(c.Region), City: c.City, Municipality: c.Municipality,
		Kind: string(c.Kind), Founded: c.Founded, Employees: c.Employees, Sectors: c.Sectors,
		Keywords: emptyNil(c.Keywords), Description: textsOut(c.Description), Offers: coopsOut(c.Offers),
		Seeks: coopsOut(c.Seeks), Languages: emptyNil(c.Languages), Website: c.Website, Contact: contactOut(c.Contact),
	}
}

// ToCompany converts a wire company to the domain type (not yet normalized).
func (c *Company) ToCompany() company.Company {
	return company.Company{
		Ref: c.Ref, Name: c.Name, Region: company.Region(c.Region), City: c.City, Municipality: c.Municipality,
		Kind: company.Kind(c.Kind), Founded: c.Founded, Employees: c.Employees, Sectors: c.Sectors,
		Keywords: c.Keywords, Description: textsIn(c.Description), Offers: coopsIn(c.Offers), Seeks: coopsIn(c.Seeks),
		Languages: c.Languages, Website: c.Website, Contact: contactIn(c.Contact),
	}
}

// FromMunicipality converts a domain municipality to its wire form.
func FromMunicipality(m *municipality.Municipality) Municipality {
	return Municipality{
		Key: m.Key, Name: m.Name, Agency: m.Agency, FocusSectors: emptyNil(m.FocusSectors),
		Keywords: emptyNil(m.Keywords), Description: textsOut(m.Description), Contact: contactOut(m.Contact),
	}
}

// ToMunicipality converts a wire municipality to the domain type.
func (m *Municipality) ToMunicipality() municipality.Municipality {
	return municipality.Municipality{
		Key: m.Key, Name: m.Name, Agency: m.Agency, FocusSectors: m.FocusSectors, Keywords: m.Keywords,
		Description: textsIn(m.Description), Contact: contactIn(m.Contact),
	}
}

func emptyNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// Build makes a document of the given records, sorted by key and ref so that
// the same data always exports to the same bytes.
func Build(ms []municipality.Municipality, cs []company.Company) Document {
	var d Document
	for i := range ms {
		d.Municipalities = append(d.Municipalities, FromMunicipality(&ms[i]))
	}
	for i := range cs {
		d.Companies = append(d.Companies, FromCompany(&cs[i]))
	}
	sort.Slice(d.Municipalities, func(i, j int) bool { return d.Municipalities[i].Key < d.Municipalities[j].Key })
	sort.Slice(d.Companies, func(i, j int) bool { return d.Companies[i].Ref < d.Companies[j].Ref })
	return d
}

// Encode writes d as indented UTF-8 JSON.
func Encode(w io.Writer, d Document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("interchange: %w", err)
	}
	return nil
}
