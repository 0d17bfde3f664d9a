package app

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"kakehashi/internal/account"
	"kakehashi/internal/cases"
	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
	"kakehashi/internal/store"
)

// EventView is one step of a case's history as shown on the case page.
type EventView struct {
	store.EventRow
	Actor string // e-mail of staff, company name of company users, "" for the system
}

// CaseDetail is everything the case page shows to one viewer.
type CaseDetail struct {
	Case             store.CaseInfo
	NRW              *company.Company // nil for a market-entry case
	Tokyo            company.Company
	Municipality     *municipality.Municipality
	Events           []EventView
	Outcomes         []store.Outcome
	Actions          []cases.Action // what the viewer may do now
	ViewerSide       cases.Side
	ShowContacts     bool
	CanReportOutcome bool
	Overdue          bool
	AssignOptions    []municipality.Municipality
}

// CaseDetail returns the case page data; ErrNotFound when the user may not
// see the case (so its existence is not revealed).
func (a *App) CaseDetail(ctx context.Context, u *account.User, id int64) (CaseDetail, error) {
	info, err := a.Store.CaseByID(ctx, id)
	if err != nil {
		return CaseDetail{}, err
	}
	actor := cases.ActorOf(u)
	if !info.CanView(actor) {
		return CaseDetail{}, ErrNotFound
	}
	d := CaseDetail{Case: info, ViewerSide: info.SideOf(actor), Overdue: info.Overdue(a.Now(), a.Cfg.Timing)}
	if d.Tokyo, err = a.Store.CompanyByID(ctx, info.TokyoCompanyID); err != nil {
		return d, err
	}
	if !info.MarketEntry() {
		nrw, err := a.Store.CompanyByID(ctx, info.NRWCompanyID)
		if err != nil {
			return d, err
		}
		d.NRW = &nrw
	}
	if info.Municipality != "" {
		if m, err := a.MunicipalityByKey(ctx, info.Municipality); err == nil {
			d.Municipality = &m
		}
	}
	for _, act := range cases.Actions {
		if info.Can(actor, act) {
			d.Actions = append(d.Actions, act)
		}
	}
	d.ShowContacts = info.ContactsReleased()
	if d.ShowContacts && u.Role.IsStaff() {
		a.Audit(ctx, u, AuditContactView, "case:"+itoa(id), "", "")
	}
	d.CanReportOutcome = info.CanReportOutcome(actor)
	if d.Outcomes, err = a.Store.CaseOutcomes(ctx, id); err != nil {
		return d, err
	}
	events, err := a.Store.CaseEvents(ctx, id)
	if err != nil {
		return d, err
	}
	d.Events, err = a.eventViews(ctx, events, d)
	if err != nil {
		return d, err
	}
	if info.Can(actor, cases.Assign) {
		d.AssignOptions, err = a.AssignableMunicipalities(ctx, &info.Case)
	}
	return d, err
}

func (a *App) eventViews(ctx context.Context, events []store.EventRow, d CaseDetail) ([]EventView, error) {
	var ids []int64
	for _, e := range events {
		if e.ActorUserID != nil {
			ids = append(ids, *e.ActorUserID)
		}
	}
	emails, err := a.Store.UserEmails(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]EventView, len(events))
	for i, e := range events {
		out[i].EventRow = e
		if e.ActorUserID == nil {
			continue
		}
		if e.ActorRole == string(account.RoleCompany) {
			// Companies are named, not their users: their e-mail is personal data.
			u, err := a.Store.UserByID(ctx, *e.ActorUserID)
			switch {
			case err == nil && d.NRW != nil && u.CompanyID == d.NRW.ID:
				out[i].Actor = d.NRW.Name
			case err == nil && u.CompanyID == d.Tokyo.ID:
				out[i].Actor = d.Tokyo.Name
			}
			continue
		}
		out[i].Actor = emails[*e.ActorUserID]
	}
	return out, nil
}

// QueueItem is a case in a list.
type QueueItem struct {
	store.CaseInfo
	NRWName, TokyoName string
	Overdue            bool
}

// QueueFilter are the filters of the staff queue.
type QueueFilter struct {
	State, Municipality, Sector, Region string
	MinAgeDays                          int
	OverdueOnly                         bool
}

// Queue returns the cases a staff member works on, overdue first, then the
// longest waiting. Municipal staff see only their municipality's cases.
func (a *App) Queue(ctx context.Context, u *account.User, f QueueFilter) ([]QueueItem, error) {
	if !u.Role.IsStaff() {
		return nil, ErrForbidden
	}
	sf := store.CaseFilter{State: f.State, Municipality: f.Municipality, Sector: f.Sector, Region: f.Region, Limit: 1000}
	if u.Role == account.RoleStaff {
		sf.Municipality = u.Municipality
	}
	if f.MinAgeDays > 0 {
		sf.OlderThan = time.Duration(f.MinAgeDays) * 24 * time.Hour
	}
	list, err := a.Store.ListCases(ctx, sf, a.Now())
	if err != nil {
		return nil, err
	}
	actor := cases.ActorOf(u)
	now := a.Now()
	var out []QueueItem
	for _, c := range list {
		if !c.CanView(actor) {
			continue
		}
		it := QueueItem{CaseInfo: c, Overdue: c.Overdue(now, a.Cfg.Timing)}
		if f.OverdueOnly && !it.Overdue {
			continue
		}
		out = append(out, it)
	}
	if err := a.fillNames(ctx, out); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Overdue != out[j].Overdue {
			return out[i].Overdue
		}
		if out[i].State.Final() != out[j].State.Final() {
			return !out[i].State.Final()
		}
		return out[i].StateSince.Before(out[j].StateSince)
	})
	return out, nil
}

// CompanyCases returns the cases a company user may see, newest first.
func (a *App) CompanyCases(ctx context.Context, u *account.User) ([]QueueItem, error) {
	if u.CompanyID == 0 {
		return nil, nil
	}
	list, err := a.Store.ListCases(ctx, store.CaseFilter{CompanyID: u.CompanyID}, a.Now())
	if err != nil {
		return nil, err
	}
	actor := cases.ActorOf(u)
	var out []QueueItem
	for _, c := range list {
		if c.CanView(actor) {
			out = append(out, QueueItem{CaseInfo: c})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	return out, a.fillNames(ctx, out)
}

func (a *App) fillNames(ctx context.Context, items []QueueItem) error {
	var ids []int64
	for _, it := range items {
		ids = append(ids, it.TokyoCompanyID)
		if it.NRWCompanyID != 0 {
			ids = append(ids, it.NRWCompanyID)
		}
	}
	cs, err := a.Store.CompaniesByIDs(ctx, ids)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, c := range cs {
		names[c.ID] = c.Name
	}
	for i := range items {
		items[i].TokyoName = names[items[i].TokyoCompanyID]
		items[i].NRWName = names[items[i].NRWCompanyID]
	}
	return nil
}

// ReportOutcome records what came of an introduction; reporting a meeting
// on an accepted case also moves it to "meeting held".
func (a *App) ReportOutcome(ctx context.Context, u *account.User, id int64, kind cases.OutcomeKind, note string) error {
	if !kind.Valid() || utf8.RuneCountInString(note) > MaxCaseMessage {
		return ErrInput
	}
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		c, actor, err := visibleCase(ctx, tx, u, id)
		if err != nil {
			return err
		}
		if !c.CanReportOutcome(actor) {
			return ErrForbidden
		}
		o := store.Outcome{CaseID: id, CompanyID: u.CompanyID, UserID: &u.ID, Kind: string(kind), Note: strings.TrimSpace(note)}
		if err := tx.AddOutcome(ctx, &o); err != nil {
			return err
		}
		if kind != cases.OutcomeNone && c.Can(actor, cases.Meeting) {
			ev, err := c.Apply(actor, cases.Meeting, cases.Input{}, a.Now())
			if err != nil {
				return err
			}
			if err := tx.SaveCase(ctx, &c); err != nil {
				return err
			}
			return tx.AddCaseEvent(ctx, id, ev)
		}
		return nil
	})
	return err
}

// AddStaffNote stores a private note of agency staff on a company.
func (a *App) AddStaffNote(ctx context.Context, u *account.User, companyID int64, body string) error {
	body = strings.TrimSpace(body)
	if !u.Role.IsStaff() {
		return ErrForbidden
	}
	if body == "" || utf8.RuneCountInString(body) > MaxCaseMessage {
		return ErrInput
	}
	return a.Store.AddStaffNote(ctx, companyID, u.ID, body)
}

// NoteView is a staff note with its author.
type NoteView struct {
	store.StaffNote
	Author string
}

// StaffNotes returns the notes on a company for staff.
func (a *App) StaffNotes(ctx context.Context, u *account.User, companyID int64) ([]NoteView, error) {
	if !u.Role.IsStaff() {
		return nil, ErrForbidden
	}
	notes, err := a.Store.StaffNotes(ctx, companyID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, n := range notes {
		if n.AuthorID != nil {
			ids = append(ids, *n.AuthorID)
		}
	}
	emails, err := a.Store.UserEmails(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]NoteView, len(notes))
	for i, n := range notes {
		out[i] = NoteView{StaffNote: n}
		if n.AuthorID != nil {
			out[i].Author = emails[*n.AuthorID]
		}
	}
	return out, nil
}

// IsNotFound reports whether err means "no such record (for this user)".
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
