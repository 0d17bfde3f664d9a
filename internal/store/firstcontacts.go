package store

import (
	"context"
	"time"

	"kakehashi/internal/company"
	"kakehashi/internal/firstcontact"
)

type firstContactRow struct {
	ID             int64
	CompanyName    string
	Region         string
	WhatTheyDo     string
	LookingFor     string
	ContactName    string
	Email          string
	Phone          string
	Lang           string
	Suggested      jsonCol[[]string]
	State          string
	HandledBy      *int64
	CaseID         *int64
	ConsentAt      time.Time
	ConsentVersion string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (firstContactRow) TableName() string { return "first_contacts" }

func (r *firstContactRow) toRequest() firstcontact.Request {
	return firstcontact.Request{
		ID: r.ID, CompanyName: r.CompanyName, Region: company.Region(r.Region), WhatTheyDo: r.WhatTheyDo,
		LookingFor: r.LookingFor, ContactName: r.ContactName, Email: r.Email, Phone: r.Phone, Lang: r.Lang,
		Suggested: nonNil(r.Suggested.V), State: firstcontact.State(r.State), HandledBy: idVal(r.HandledBy),
		CaseID: idVal(r.CaseID), ConsentAt: r.ConsentAt.UTC(), ConsentVersion: r.ConsentVersion,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}

// CreateFirstContact stores a new first-contact request, setting its id and
// times; a request without a state starts as new.
func (s *Store) CreateFirstContact(ctx context.Context, r *firstcontact.Request) error {
	now := s.now()
	if r.State == "" {
		r.State = firstcontact.New
	}
	row := firstContactRow{
		CompanyName: r.CompanyName, Region: string(r.Region), WhatTheyDo: r.WhatTheyDo, LookingFor: r.LookingFor,
		ContactName: r.ContactName, Email: r.Email, Phone: r.Phone, Lang: r.Lang,
		Suggested: jsonCol[[]string]{nonNil(r.Suggested)}, State: string(r.State),
		HandledBy: idPtr(r.HandledBy), CaseID: idPtr(r.CaseID),
		ConsentAt: r.ConsentAt.UTC(), ConsentVersion: r.ConsentVersion, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	r.ID, r.CreatedAt, r.UpdatedAt = row.ID, now, now
	return nil
}

// FirstContactByID returns a first-contact request.
func (s *Store) FirstContactByID(ctx context.Context, id int64) (firstcontact.Request, error) {
	var r firstContactRow
	if err := s.conn(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return firstcontact.Request{}, translate(err)
	}
	return r.toRequest(), nil
}

// FirstContacts returns requests in state (all states for ""), newest first.
func (s *Store) FirstContacts(ctx context.Context, state firstcontact.State, limit int) ([]firstcontact.Request, error) {
	var rows []firstContactRow
	q := s.conn(ctx).Order("created_at DESC, id DESC").Limit(limit)
	if state != "" {
		q = q.Where("state = ?", string(state))
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]firstcontact.Request, len(rows))
	for i := range rows {
		out[i] = rows[i].toRequest()
	}
	return out, nil
}

// CountFirstContacts counts the requests per state.
func (s *Store) CountFirstContacts(ctx context.Context) (map[firstcontact.State]int, error) {
	var rows []struct {
		State string
		N     int
	}
	err := s.conn(ctx).Model(&firstContactRow{}).Select("state, COUNT(*) AS n").Group("state").Scan(&rows).Error
	out := map[firstcontact.State]int{}
	for _, r := range rows {
		out[firstcontact.State(r.State)] = r.N
	}
	return out, err
}

// SaveFirstContactHandling writes what the desk did: state, who, and the
// case opened from the request.
func (s *Store) SaveFirstContactHandling(ctx context.Context, r *firstcontact.Request) error {
	r.UpdatedAt = s.now()
	res := s.conn(ctx).Model(&firstContactRow{}).Where("id = ?", r.ID).Updates(map[string]any{
		"state": string(r.State), "handled_by": idPtr(r.HandledBy), "case_id": idPtr(r.CaseID), "updated_at": r.UpdatedAt,
	})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
