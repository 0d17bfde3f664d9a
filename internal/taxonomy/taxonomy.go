// Package taxonomy ships the NACE Rev. 2 sections and divisions with German,
// English and Japanese labels. Companies and municipalities are classified by
// division code: a section letter and two digits, e.g. "C26".
package taxonomy

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Labels holds a label per UI language.
type Labels struct {
	DE string `json:"de"`
	EN string `json:"en"`
	JA string `json:"ja"`
}

// In returns the label in lang, falling back to English.
func (l Labels) In(lang string) string {
	switch lang {
	case "de":
		return l.DE
	case "ja":
		return l.JA
	}
	return l.EN
}

// Section is a NACE section (a letter, e.g. "C" Manufacturing).
type Section struct {
	Code  string `json:"code"`
	Label Labels `json:"label"`
}

// Division is a NACE division (e.g. "C26"), the level the portal classifies by.
type Division struct {
	Code    string `json:"code"` // section letter + two digits
	Section string `json:"section"`
	Label   Labels `json:"label"`
}

//go:embed nace.json
var naceJSON []byte

var (
	sections   []Section
	divisions  []Division
	byCode     map[string]Division
	sectionMap map[string]Section
)

func init() {
	var data struct {
		Sections  []Section  `json:"sections"`
		Divisions []Division `json:"divisions"`
	}
	if err := json.Unmarshal(naceJSON, &data); err != nil {
		panic(fmt.Sprintf("taxonomy: bad embedded nace.json: %v", err))
	}
	sections, divisions = data.Sections, data.Divisions
	sort.Slice(divisions, func(i, j int) bool { return divisions[i].Code < divisions[j].Code })
	byCode = make(map[string]Division, len(divisions))
	for _, d := range divisions {
		byCode[d.Code] = d
	}
	sectionMap = make(map[string]Section, len(sections))
	for _, s := range sections {
		sectionMap[s.Code] = s
	}
}

// Sections returns all NACE sections in code order.
func Sections() []Section { return sections }

// Divisions returns all NACE divisions in code order.
func Divisions() []Division { return divisions }

// Lookup returns the division with the given code ("C26"; case-insensitive).
func Lookup(code string) (Division, bool) {
	d, ok := byCode[strings.ToUpper(strings.TrimSpace(code))]
	return d, ok
}

// SectionOf returns the section of a division code.
func SectionOf(code string) (Section, bool) {
	d, ok := Lookup(code)
	if !ok {
		return Section{}, false
	}
	s, ok := sectionMap[d.Section]
	return s, ok
}

// Valid reports whether code is a known division code.
func Valid(code string) bool {
	_, ok := byCode[code]
	return ok
}

// Search returns the divisions whose code or label in any language contains
// q (case-insensitive); an empty q returns all divisions.
func Search(q string) []Division {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return divisions
	}
	var out []Division
	for _, d := range divisions {
		if strings.Contains(strings.ToLower(d.Code), q) ||
			strings.Contains(strings.ToLower(d.Label.DE), q) ||
			strings.Contains(strings.ToLower(d.Label.EN), q) ||
			strings.Contains(d.Label.JA, q) {
			out = append(out, d)
		}
	}
	return out
}
