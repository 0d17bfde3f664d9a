package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
)

type municipalityRow struct {
	ID           int64
	Key          string
	Name         string
	Agency       string
	FocusSectors jsonCol[[]string]
	Keywords     jsonCol[[]string]
	Description  jsonCol[map[string]string]
	ContactName  string
	ContactRole  string
	ContactEmail string
	ContactPhone string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (municipalityRow) TableName() string { return "municipalities" }

func (r *municipalityRow) toMunicipality() municipality.Municipality {
	return municipality.Municipality{
		ID: r.ID, Key: r.Key, Name: r.Name, Agency: r.Agency,
		FocusSectors: r.FocusSectors.V, Keywords: r.Keywords.V, Description: company.Texts(r.Description.V),
		Contact: company.Contact{Name: r.ContactName, Role: r.ContactRole, Email: r.ContactEmail, Phone: r.ContactPhone},
	}
}

// SaveMunicipality inserts m or updates the municipality with the same key.
func (s *Store) SaveMunicipality(ctx context.Context, m *municipality.Municipality) error {
	now := s.now()
	desc := map[string]string(m.Description)
	if desc == nil {
		desc = map[string]string{}
	}
	row := municipalityRow{
		Key: m.Key, Name: m.Name, Agency: m.Agency,
		FocusSectors: jsonCol[[]string]{nonNil(m.FocusSectors)}, Keywords: jsonCol[[]string]{nonNil(m.Keywords)},
		Description: jsonCol[map[string]string]{desc},
		ContactName: m.Contact.Name, ContactRole: m.Contact.Role, ContactEmail: m.Contact.Email, ContactPhone: m.Contact.Phone,
		CreatedAt: now, UpdatedAt: now,
	}
	err := s.conn(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"name", "agency", "focus_sectors", "keywords", "description",
			"contact_name", "contact_role", "contact_email", "contact_phone", "updated_at"}),
	}).Omit("id").Create(&row).Error
	if err != nil {
		return translate(err)
	}
	return s.conn(ctx).Model(&municipalityRow{}).Where("key = ?", m.Key).Select("id").Scan(&m.ID).Error
}

// Municipalities returns all municipalities (the desk included) by name.
func (s *Store) Municipalities(ctx context.Context) ([]municipality.Municipality, error) {
	var rows []municipalityRow
	if err := s.conn(ctx).Order("name, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]municipality.Municipality, len(rows))
	for i := range rows {
		out[i] = rows[i].toMunicipality()
	}
	return out, nil
}

// MunicipalityByKey returns one municipality.
func (s *Store) MunicipalityByKey(ctx context.Context, key string) (municipality.Municipality, error) {
	var r municipalityRow
	if err := s.conn(ctx).Where("key = ?", key).Take(&r).Error; err != nil {
		return municipality.Municipality{}, translate(err)
	}
	return r.toMunicipality(), nil
}

// MunicipalityKeys returns the set of existing municipality keys.
func (s *Store) MunicipalityKeys(ctx context.Context) (map[string]bool, error) {
	var keys []string
	if err := s.conn(ctx).Model(&municipalityRow{}).Pluck("key", &keys).Error; err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(keys))
	for _, k := range keys {
		out[k] = true
	}
	return out, nil
}
