package interchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
	"kakehashi/internal/valid"
)

// MaxFileSize bounds what Decode reads, so a runaway file cannot exhaust memory.
const MaxFileSize = 512 << 20

// RecordError is a problem with one record of a file.
type RecordError struct {
	List  string // "municipalities", "companies" or "judgements"
	Index int    // position in its list, from 0
	Ref   string // the record's ref or key, if it has one
	Field string // the field at fault, "" for the whole record
	Code  string // message code, translated as "err.<Code>"
	Args  map[string]any
}

func (e RecordError) Error() string {
	s := fmt.Sprintf("%s[%d]", e.List, e.Index)
	if e.Ref != "" {
		s += " (" + e.Ref + ")"
	}
	if e.Field != "" {
		s += " " + e.Field
	}
	s += ": " + e.Code
	if len(e.Args) > 0 {
		s += fmt.Sprint(" ", e.Args)
	}
	return s
}

// Records are the validated, normalized domain records of a file.
type Records struct {
	Municipalities []municipality.Municipality
	Companies      []company.Company
	Judgements     []Judgement
}

// Decode parses and validates a whole file. It returns every problem it
// finds; when the returned list is non-empty the records must not be written.
// knownMunicipality reports keys that exist outside the file (in the
// database); it may be nil.
func Decode(r io.Reader, knownMunicipality func(string) bool) (*Records, []RecordError, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > MaxFileSize {
		return nil, nil, errors.New("interchange: file larger than 512 MiB")
	}
	var raw struct {
		Municipalities []json.RawMessage `json:"municipalities"`
		Companies      []json.RawMessage `json:"companies"`
		Judgements     []json.RawMessage `json:"judgements"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, nil, fmt.Errorf("interchange: not a JSON object with lists municipalities, companies, judgements: %w", err)
	}
	var errs []RecordError
	recs := &Records{}

	add := func(list string, i int, ref string, ve valid.Errors) {
		for _, e := range ve {
			errs = append(errs, RecordError{List: list, Index: i, Ref: ref, Field: e.Field, Code: e.Code, Args: e.Args})
		}
	}
	typeErr := func(list string, i int, err error) {
		field := ""
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field = te.Field
		}
		errs = append(errs, RecordError{List: list, Index: i, Field: field, Code: "invalid_json", Args: map[string]any{"detail": err.Error()}})
	}

	keys := map[string]bool{}
	for i, m := range raw.Municipalities {
		var w Municipality
		if err := json.Unmarshal(m, &w); err != nil {
			typeErr("municipalities", i, err)
			continue
		}
		d := w.ToMunicipality()
		d.Normalize()
		ve := d.Validate()
		if keys[d.Key] {
			ve.Add("key", "duplicate", nil)
		}
		keys[d.Key] = true
		add("municipalities", i, d.Key, ve)
		recs.Municipalities = append(recs.Municipalities, d)
	}
	exists := func(k string) bool { return keys[k] || (knownMunicipality != nil && knownMunicipality(k)) }

	refs := map[string]company.Region{}
	for i, c := range raw.Companies {
		var w Company
		if err := json.Unmarshal(c, &w); err != nil {
			typeErr("companies", i, err)
			continue
		}
		d := w.ToCompany()
		d.Normalize()
		ve := d.Validate(exists)
		if _, dup := refs[d.Ref]; dup && d.Ref != "" {
			ve.Add("ref", "duplicate", nil)
		}
		refs[d.Ref] = d.Region
		add("companies", i, d.Ref, ve)
		recs.Companies = append(recs.Companies, d)
	}

	for i, j := range raw.Judgements {
		var w Judgement
		if err := json.Unmarshal(j, &w); err != nil {
			typeErr("judgements", i, err)
			continue
		}
		var ve valid.Errors
		if _, ok := refs[w.Company]; !ok {
			ve.Add("company", "unknown_company", map[string]any{"ref": w.Company})
		}
		for _, p := range w.Partners {
			if _, ok := refs[p]; !ok {
				ve.Add("partners", "unknown_company", map[string]any{"ref": p})
			}
		}
		for _, k := range w.Municipalities {
			if !exists(k) {
				ve.Add("municipalities", "unknown_municipality", map[string]any{"key": k})
			}
		}
		add("judgements", i, w.Company, ve)
		recs.Judgements = append(recs.Judgements, w)
	}
	return recs, errs, nil
}

// Describe renders a record error with a translate function for the message.
func (e RecordError) Describe(translate func(code string, args map[string]any) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s[%d]", e.List, e.Index)
	if e.Ref != "" {
		fmt.Fprintf(&b, " ref=%s", e.Ref)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, " field=%s", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(translate(e.Code, e.Args))
	return b.String()
}
