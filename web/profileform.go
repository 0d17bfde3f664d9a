package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"kakehashi/internal/company"
	"kakehashi/internal/valid"
	"kakehashi/templates"
)

// BindProfile reads the profile form. Only the fields a company may edit are
// read: id, ref, owner or any other posted field is ignored (no mass
// assignment). Numbers that do not parse are reported as field errors and
// kept as typed.
func BindProfile(f url.Values) (templates.ProfileForm, valid.Errors) {
	var errs valid.Errors
	c := company.Company{
		Name:         f.Get("name"),
		Region:       company.Region(f.Get("region")),
		City:         f.Get("city"),
		Municipality: f.Get("municipality"),
		Kind:         company.Kind(f.Get("kind")),
		Sectors:      f["sectors"],
		Languages:    f["languages"],
		Website:      f.Get("website"),
		Description:  company.Texts{},
		Contact: company.Contact{
			Name: f.Get("contact.name"), Role: f.Get("contact.role"),
			Email: f.Get("contact.email"), Phone: f.Get("contact.phone"),
		},
	}
	for _, l := range company.Languages {
		if d := f.Get("description." + l); d != "" {
			c.Description[l] = d
		}
	}
	form := templates.ProfileForm{
		FoundedRaw:   strings.TrimSpace(f.Get("founded")),
		EmployeesRaw: strings.TrimSpace(f.Get("employees")),
		KeywordsRaw:  f.Get("keywords"),
	}
	c.Founded = parseInt(&errs, "founded", form.FoundedRaw, "invalid_year")
	c.Employees = parseInt(&errs, "employees", form.EmployeesRaw, "invalid_employees")
	c.Keywords = SplitKeywords(form.KeywordsRaw)
	c.Offers = bindCoops(f, "offers")
	c.Seeks = bindCoops(f, "seeks")
	form.C = c
	return form, errs
}

func parseInt(errs *valid.Errors, field, raw, code string) int {
	if raw == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.ReplaceAll(strings.ReplaceAll(raw, ".", ""), ",", ""))
	if err != nil || n < 0 {
		errs.Add(field, code, nil)
		return 0
	}
	return n
}

// bindCoops reads rows offers.0.type/offers.0.text … up to the maximum,
// keeping their positions so that errors point at the right row.
func bindCoops(f url.Values, name string) []company.Cooperation {
	var out []company.Cooperation
	for i := 0; i < company.MaxCoops; i++ {
		t := f.Get(fmt.Sprintf("%s.%d.type", name, i))
		x := f.Get(fmt.Sprintf("%s.%d.text", name, i))
		if t == "" && strings.TrimSpace(x) == "" {
			continue
		}
		out = append(out, company.Cooperation{Type: company.CoopType(t), Text: x})
	}
	return out
}

// SplitKeywords splits a keyword field at line breaks, commas (also the
// Japanese 、 and full-width ，) and semicolons.
func SplitKeywords(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || r == ',' || r == ';' || r == '、' || r == '，' || r == '；'
	})
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// profileFormOf fills the form from a stored profile.
func profileFormOf(c company.Company) templates.ProfileForm {
	f := templates.ProfileForm{C: c, KeywordsRaw: strings.Join(c.Keywords, "\n")}
	if c.Founded > 0 {
		f.FoundedRaw = strconv.Itoa(c.Founded)
	}
	if c.Employees > 0 {
		f.EmployeesRaw = strconv.Itoa(c.Employees)
	}
	return f
}
