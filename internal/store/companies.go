package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"kakehashi/internal/company"
)

type coopRow struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

type companyRow struct {
	ID              int64
	Ref             string
	Name            string
	Region          string
	City            string
	MunicipalityKey *string
	Kind            string
	Founded         int
	Employees       int
	Sectors         jsonCol[[]string]
	Keywords        jsonCol[[]string]
	Description     jsonCol[map[string]string]
	Offers          jsonCol[[]coopRow]
	Seeks           jsonCol[[]coopRow]
	Languages       jsonCol[[]string]
	Website         string
	ContactName     string
	ContactRole     string
	ContactEmail    string
	ContactPhone    string
	ConfirmedAt     *time.Time
	ContactReviewAt *time.Time
	DeletedAt       *time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (companyRow) TableName() string { return "companies" }

func toCoopRows(in []company.Cooperation) []coopRow {
	out := make([]coopRow, len(in))
	for i, c := range in {
		out[i] = coopRow{Type: string(c.Type), Text: c.Text}
	}
	return out
}

func fromCoopRows(in []coopRow) []company.Cooperation {
	out := make([]company.Cooperation, len(in))
	for i, c := range in {
		out[i] = company.Cooperation{Type: company.CoopType(c.Type), Text: c.Text}
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func companyToRow(c *company.Company) companyRow {
	r := companyRow{
		ID: c.ID, Ref: c.Ref, Name: c.Name, Region: string(c.Region), City: c.City,
		Kind: string(c.Kind), Founded: c.Founded, Employees: c.Employees,
		Sectors:     jsonCol[[]string]{nonNil(c.Sectors)},
		Keywords:    jsonCol[[]string]{nonNil(c.Keywords)},
		Description: jsonCol[map[string]string]{map[string]string(c.Description)},
		Offers:      jsonCol[[]coopRow]{toCoopRows(c.Offers)},
		Seeks:       jsonCol[[]coopRow]{toCoopRows(c.Seeks)},
		Languages:   jsonCol[[]string]{nonNil(c.Languages)},
		Website:     c.Website,
		ContactName: c.Contact.Name, ContactRole: c.Contact.Role, ContactEmail: c.Contact.Email, ContactPhone: c.Contact.Phone,
	}
	if r.Description.V == nil {
		r.Description.V = map[string]string{}
	}
	if c.Municipality != "" {
		m := c.Municipality
		r.MunicipalityKey = &m
	}
	if !c.ConfirmedAt.IsZero() {
		t := c.ConfirmedAt.UTC()
		r.ConfirmedAt = &t
	}
	return r
}

func (r *companyRow) toCompany() company.Company {
	c := company.Company{
		ID: r.ID, Ref: r.Ref, Name: r.Name, Region: company.Region(r.Region), City: r.City,
		Kind: company.Kind(r.Kind), Founded: r.Founded, Employees: r.Employees,
		Sectors: r.Sectors.V, Keywords: r.Keywords.V, Description: company.Texts(r.Description.V),
		Offers: fromCoopRows(r.Offers.V), Seeks: fromCoopRows(r.Seeks.V), Languages: r.Languages.V,
		Website:   r.Website,
		Contact:   company.Contact{Name: r.ContactName, Role: r.ContactRole, Email: r.ContactEmail, Phone: r.ContactPhone},
		UpdatedAt: r.UpdatedAt.UTC(),
	}
	if r.MunicipalityKey != nil {
		c.Municipality = *r.MunicipalityKey
	}
	if r.ConfirmedAt != nil {
		c.ConfirmedAt = r.ConfirmedAt.UTC()
	}
	c.Deleted = r.DeletedAt != nil
	c.ContactReviewAt = timeVal(r.ContactReviewAt)
	return c
}

// SaveCompany inserts c, or updates the company with the same ref, and sets
// c.ID. It does not validate: callers validate with company.Validate first.
func (s *Store) SaveCompany(ctx context.Context, c *company.Company) error {
	now := s.now()
	row := companyToRow(c)
	row.UpdatedAt = now
	row.CreatedAt = now
	err := s.conn(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "ref"}},
		DoUpdates: clause.AssignmentColumns([]string{
			"name", "region", "city", "municipality_key", "kind", "founded", "employees", "sectors",
			"keywords", "description", "offers", "seeks", "languages", "website", "contact_name",
			"contact_role", "contact_email", "contact_phone", "confirmed_at", "updated_at", "contact_review_at",
		}),
	}).Omit("id", "deleted_at").Create(&row).Error
	if err != nil {
		return translate(err)
	}
	// On an update some drivers report no id: read it back by ref.
	if err := s.conn(ctx).Model(&companyRow{}).Where("ref = ?", c.Ref).Select("id").Scan(&c.ID).Error; err != nil {
		return err
	}
	c.UpdatedAt = now
	return nil
}

// ConfirmCompany records that the owner confirmed the profile is current.
func (s *Store) ConfirmCompany(ctx context.Context, id int64) error {
	now := s.now()
	res := s.conn(ctx).Model(&companyRow{}).Where("id = ?", id).Updates(map[string]any{"confirmed_at": now, "updated_at": now})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// CompanyByRef returns the company with the given ref.
func (s *Store) CompanyByRef(ctx context.Context, ref string) (company.Company, error) {
	var r companyRow
	if err := s.conn(ctx).Where("ref = ? AND deleted_at IS NULL", ref).Take(&r).Error; err != nil {
		return company.Company{}, translate(err)
	}
	return r.toCompany(), nil
}

// CompanyByID returns the company with the given id.
func (s *Store) CompanyByID(ctx context.Context, id int64) (company.Company, error) {
	var r companyRow
	if err := s.conn(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return company.Company{}, translate(err)
	}
	return r.toCompany(), nil
}

// CompaniesByIDs returns the companies with the given ids in the order of ids;
// ids that do not exist are skipped.
func (s *Store) CompaniesByIDs(ctx context.Context, ids []int64) ([]company.Company, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []companyRow
	if err := s.conn(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	byID := make(map[int64]*companyRow, len(rows))
	for i := range rows {
		byID[rows[i].ID] = &rows[i]
	}
	out := make([]company.Company, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r.toCompany())
		}
	}
	return out, nil
}

// EachCompany calls fn for every company in id order, reading in batches so
// that 100,000 companies never sit in memory twice.
func (s *Store) EachCompany(ctx context.Context, fn func(company.Company) error) error {
	var batch []companyRow
	return s.conn(ctx).Where("deleted_at IS NULL").Order("id").FindInBatches(&batch, 1000, func(tx *gorm.DB, _ int) error {
		for i := range batch {
			if err := fn(batch[i].toCompany()); err != nil {
				return err
			}
		}
		return nil
	}).Error
}

// CompaniesChangedSince returns the companies updated at or after t, for
// instances that refresh their in-memory indexes from the database.
func (s *Store) CompaniesChangedSince(ctx context.Context, t time.Time) ([]company.Company, error) {
	var rows []companyRow
	if err := s.conn(ctx).Where("updated_at >= ?", t.UTC()).Order("updated_at, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]company.Company, len(rows))
	for i := range rows {
		out[i] = rows[i].toCompany()
	}
	return out, nil
}

// CountCompanies returns the number of companies.
func (s *Store) CountCompanies(ctx context.Context) (int64, error) {
	var n int64
	err := s.conn(ctx).Model(&companyRow{}).Where("deleted_at IS NULL").Count(&n).Error
	return n, err
}
