package app

import (
	"context"
	"io"

	"kakehashi/internal/company"
	"kakehashi/internal/interchange"
	"kakehashi/internal/store"
)

// ImportResult counts what an import wrote.
type ImportResult struct {
	Municipalities int
	Companies      int
}

// Import reads an interchange file, validates every record and, only if all
// are valid, writes them in one transaction (updating records with the same
// key or ref). With any invalid record it returns the problems and writes
// nothing.
func (a *App) Import(ctx context.Context, r io.Reader) (ImportResult, []interchange.RecordError, error) {
	keys, err := a.Store.MunicipalityKeys(ctx)
	if err != nil {
		return ImportResult{}, nil, err
	}
	recs, problems, err := interchangeDecode(r, keys)
	if err != nil || len(problems) > 0 {
		return ImportResult{}, problems, err
	}
	return a.ImportRecords(ctx, recs)
}

// ImportRecords writes already validated records in one transaction.
func (a *App) ImportRecords(ctx context.Context, recs *interchange.Records) (ImportResult, []interchange.RecordError, error) {
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		for i := range recs.Municipalities {
			if err := tx.SaveMunicipality(ctx, &recs.Municipalities[i]); err != nil {
				return err
			}
		}
		for i := range recs.Companies {
			if err := tx.SaveCompany(ctx, &recs.Companies[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ImportResult{}, nil, err
	}
	for _, m := range recs.Municipalities {
		a.Match.SetMunicipality(m)
	}
	if len(recs.Municipalities) > 0 {
		if err := a.reloadMunicipalities(ctx); err != nil {
			return ImportResult{}, nil, err
		}
	}
	for i := range recs.Companies {
		a.indexCompany(&recs.Companies[i])
	}
	return ImportResult{Municipalities: len(recs.Municipalities), Companies: len(recs.Companies)}, nil, nil
}

// Export writes every municipality and company in the interchange format.
// With judgements, introductions that led to a meeting, NDA, pilot or
// contract become judgements, so that `portal evaluate` measures the
// matcher against what really worked.
func (a *App) Export(ctx context.Context, w io.Writer, judgements bool) error {
	ms, err := a.Municipalities(ctx)
	if err != nil {
		return err
	}
	var cs []company.Company
	if err := a.Store.EachCompany(ctx, func(c company.Company) error { cs = append(cs, c); return nil }); err != nil {
		return err
	}
	doc := interchange.Build(ms, cs)
	if judgements {
		pairs, err := a.Store.SuccessfulPairs(ctx)
		if err != nil {
			return err
		}
		byCompany := map[string]int{}
		for _, p := range pairs {
			i, ok := byCompany[p[0]]
			if !ok {
				i = len(doc.Judgements)
				byCompany[p[0]] = i
				doc.Judgements = append(doc.Judgements, interchange.Judgement{Company: p[0]})
			}
			doc.Judgements[i].Partners = append(doc.Judgements[i].Partners, p[1])
		}
	}
	return interchange.Encode(w, doc)
}

func interchangeDecode(r io.Reader, keys map[string]bool) (*interchange.Records, []interchange.RecordError, error) {
	return interchange.Decode(r, func(k string) bool { return keys[k] })
}
