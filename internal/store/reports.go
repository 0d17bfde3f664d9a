package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"kakehashi/internal/company"
	"kakehashi/internal/report"
)

// The queries behind the staff company list, the exports and the dashboard.
// They are plain column selects with equality and IN conditions, so they read
// the same on SQLite and PostgreSQL; date bucketing and medians happen in
// internal/report. A municipality "" means all.

// idChunk bounds the ids of one IN list, well below the bind-parameter limits
// of SQLite (32,766) and PostgreSQL (65,535).
const idChunk = 1000

// chunks calls fn with ids in slices of at most idChunk.
func chunks(ids []int64, fn func([]int64) error) error {
	for len(ids) > 0 {
		n := min(len(ids), idChunk)
		if err := fn(ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func (s *Store) companiesIn(ctx context.Context, municipality string) *gorm.DB {
	q := s.conn(ctx).Model(&companyRow{})
	if municipality != "" {
		q = q.Where("municipality_key = ?", municipality)
	}
	return q
}

// CompanyList returns one page of companies by name (of one municipality
// when municipality is set) and the number of all matching companies.
func (s *Store) CompanyList(ctx context.Context, municipality string, offset, limit int) ([]company.Company, int64, error) {
	var total int64
	if err := s.companiesIn(ctx, municipality).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	// Sort ids only, then read the page's rows: sorting whole rows (JSON
	// texts and all) by name takes seconds at 100,000 companies on SQLite.
	var ids []int64
	if err := s.companiesIn(ctx, municipality).Order("name, id").Offset(offset).Limit(limit).Pluck("id", &ids).Error; err != nil {
		return nil, 0, err
	}
	out, err := s.CompaniesByIDs(ctx, ids)
	return out, total, err
}

// EachCompanyIn is EachCompany restricted to one municipality's companies
// ("" for all), for exports that must not hold every row in memory.
func (s *Store) EachCompanyIn(ctx context.Context, municipality string, fn func(company.Company) error) error {
	if municipality == "" {
		return s.EachCompany(ctx, fn)
	}
	var batch []companyRow
	return s.companiesIn(ctx, municipality).Order("id").FindInBatches(&batch, 1000, func(tx *gorm.DB, _ int) error {
		for i := range batch {
			if err := fn(batch[i].toCompany()); err != nil {
				return err
			}
		}
		return nil
	}).Error
}

// CaseCounts returns, per company id in ids, the number of cases the company
// is part of on either side; companies without cases are absent.
func (s *Store) CaseCounts(ctx context.Context, ids []int64) (map[int64]int, error) {
	out := map[int64]int{}
	err := chunks(ids, func(part []int64) error {
		var rows []struct {
			NRWCompanyID   *int64 `gorm:"column:nrw_company_id"`
			TokyoCompanyID int64
		}
		err := s.conn(ctx).Model(&caseRow{}).Select("nrw_company_id, tokyo_company_id").
			Where("nrw_company_id IN ? OR tokyo_company_id IN ?", part, part).Find(&rows).Error
		if err != nil {
			return err
		}
		in := make(map[int64]bool, len(part))
		for _, id := range part {
			in[id] = true
		}
		for _, r := range rows {
			// A case found by one chunk may involve a company of another
			// chunk; each chunk counts only its own ids, so nothing doubles.
			if r.NRWCompanyID != nil && in[*r.NRWCompanyID] {
				out[*r.NRWCompanyID]++
			}
			if in[r.TokyoCompanyID] {
				out[r.TokyoCompanyID]++
			}
		}
		return nil
	})
	return out, err
}

// CompanyLabel is how exports name a company: its ref and name, nothing more.
type CompanyLabel struct {
	ID        int64
	Ref, Name string
}

// CompanyLabels returns ref and name of the companies in ids.
func (s *Store) CompanyLabels(ctx context.Context, ids []int64) (map[int64]CompanyLabel, error) {
	out := make(map[int64]CompanyLabel, len(ids))
	err := chunks(ids, func(part []int64) error {
		var rows []CompanyLabel
		if err := s.conn(ctx).Model(&companyRow{}).Select("id, ref, name").Where("id IN ?", part).Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			out[r.ID] = r
		}
		return nil
	})
	return out, err
}

// Registrations returns region and creation time of the companies created
// at or after since: two columns, so a year of 100,000 companies stays small.
func (s *Store) Registrations(ctx context.Context, municipality string, since time.Time) ([]report.Registration, error) {
	var out []report.Registration
	err := s.companiesIn(ctx, municipality).Select("region, created_at").
		Where("created_at >= ?", since.UTC()).Order("id").Find(&out).Error
	for i := range out {
		out[i].CreatedAt = out[i].CreatedAt.UTC()
	}
	return out, err
}

// CaseFacts returns the dashboard's view of the cases assigned to
// municipality ("" for all), with the NACE divisions of both companies.
func (s *Store) CaseFacts(ctx context.Context, municipality string) ([]report.CaseFact, error) {
	q := s.conn(ctx).Model(&caseRow{}).
		Select("id, state, municipality_key, nrw_company_id, tokyo_company_id, created_at, first_response_at, accepted_at")
	if municipality != "" {
		q = q.Where("municipality_key = ?", municipality)
	}
	var rows []caseRow
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	var ids []int64
	seen := map[int64]bool{}
	for _, r := range rows {
		for _, id := range []int64{idVal(r.NRWCompanyID), r.TokyoCompanyID} {
			if id != 0 && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sectors, err := s.companySectors(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]report.CaseFact, len(rows))
	for i, r := range rows {
		f := report.CaseFact{
			ID: r.ID, State: r.State, CreatedAt: r.CreatedAt.UTC(),
			FirstResponseAt: timeVal(r.FirstResponseAt), AcceptedAt: timeVal(r.AcceptedAt),
		}
		if r.MunicipalityKey != nil {
			f.Municipality = *r.MunicipalityKey
		}
		f.Sectors = append(f.Sectors, sectors[r.TokyoCompanyID]...)
		if r.NRWCompanyID != nil {
			f.Sectors = append(f.Sectors, sectors[*r.NRWCompanyID]...)
		}
		out[i] = f
	}
	return out, nil
}

func (s *Store) companySectors(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := make(map[int64][]string, len(ids))
	err := chunks(ids, func(part []int64) error {
		var rows []struct {
			ID      int64
			Sectors jsonCol[[]string]
		}
		if err := s.conn(ctx).Model(&companyRow{}).Select("id, sectors").Where("id IN ?", part).Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			out[r.ID] = r.Sectors.V
		}
		return nil
	})
	return out, err
}

// OutcomeFacts returns case and kind of every outcome reported on the cases
// assigned to municipality ("" for all).
func (s *Store) OutcomeFacts(ctx context.Context, municipality string) ([]report.OutcomeFact, error) {
	q := s.conn(ctx).Model(&Outcome{}).Select("case_id, kind")
	if municipality != "" {
		q = q.Where("case_id IN (SELECT id FROM cases WHERE municipality_key = ?)", municipality)
	}
	var out []report.OutcomeFact
	err := q.Order("id").Find(&out).Error
	return out, err
}
