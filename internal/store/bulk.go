package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"runtime"
	"sync"
	"time"

	"kakehashi/internal/company"
)

// rawCompany is a companies row as scanned, JSON columns still undecoded.
type rawCompany struct {
	id                                            int64
	ref, name, region, city, kind                 string
	municipality                                  sql.NullString
	founded, employees                            int
	sectors, keywords, desc, offers, seeks, langs string
	website, cName, cRole, cEmail, cPhone         string
	confirmed                                     sql.NullTime
	updated                                       time.Time
}

// AllCompanies reads every company for building the in-memory indexes at
// start-up. Rows are scanned on one connection and their JSON columns decoded
// on all cores, which matters at 100,000 companies.
func (s *Store) AllCompanies(ctx context.Context) ([]company.Company, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, err
	}
	rows, err := sqlDB.QueryContext(ctx, `SELECT id, ref, name, region, city, municipality_key, kind, founded, employees,
		sectors, keywords, description, offers, seeks, languages, website,
		contact_name, contact_role, contact_email, contact_phone, confirmed_at, updated_at
		FROM companies WHERE deleted_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()

	const batch = 512
	type job struct {
		at  int
		raw []rawCompany
	}
	var (
		out  []company.Company
		mu   sync.Mutex
		errs error
		wg   sync.WaitGroup
		jobs = make(chan job, 4)
	)
	decode := func(j job) {
		cs := make([]company.Company, len(j.raw))
		for i := range j.raw {
			c, err := j.raw[i].decode()
			if err != nil {
				mu.Lock()
				errs = err
				mu.Unlock()
				return
			}
			cs[i] = c
		}
		mu.Lock()
		copy(out[j.at:], cs)
		mu.Unlock()
	}
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				decode(j)
			}
		}()
	}
	cur := make([]rawCompany, 0, batch)
	n := 0
	flush := func() {
		mu.Lock()
		out = append(out, make([]company.Company, len(cur))...)
		mu.Unlock()
		jobs <- job{at: n - len(cur), raw: cur}
		cur = make([]rawCompany, 0, batch)
	}
	for rows.Next() {
		var r rawCompany
		if err := rows.Scan(&r.id, &r.ref, &r.name, &r.region, &r.city, &r.municipality, &r.kind, &r.founded, &r.employees,
			&r.sectors, &r.keywords, &r.desc, &r.offers, &r.seeks, &r.langs, &r.website,
			&r.cName, &r.cRole, &r.cEmail, &r.cPhone, &r.confirmed, &r.updated); err != nil {
			close(jobs)
			wg.Wait()
			return nil, err
		}
		cur = append(cur, r)
		n++
		if len(cur) == batch {
			flush()
		}
	}
	if len(cur) > 0 {
		flush()
	}
	close(jobs)
	wg.Wait()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, errs
}

func (r *rawCompany) decode() (company.Company, error) {
	c := company.Company{
		ID: r.id, Ref: r.ref, Name: r.name, Region: company.Region(r.region), City: r.city,
		Municipality: r.municipality.String, Kind: company.Kind(r.kind), Founded: r.founded, Employees: r.employees,
		Website: r.website, Contact: company.Contact{Name: r.cName, Role: r.cRole, Email: r.cEmail, Phone: r.cPhone},
		UpdatedAt: r.updated.UTC(),
	}
	if r.confirmed.Valid {
		c.ConfirmedAt = r.confirmed.Time.UTC()
	}
	var offers, seeks []coopRow
	var desc map[string]string
	for _, f := range []struct {
		src string
		dst any
	}{{r.sectors, &c.Sectors}, {r.keywords, &c.Keywords}, {r.desc, &desc}, {r.offers, &offers}, {r.seeks, &seeks}, {r.langs, &c.Languages}} {
		if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
			return c, err
		}
	}
	c.Description, c.Offers, c.Seeks = company.Texts(desc), fromCoopRows(offers), fromCoopRows(seeks)
	return c, nil
}
