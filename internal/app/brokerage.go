package app

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"unicode/utf8"

	"kakehashi/internal/account"
	"kakehashi/internal/cases"
	"kakehashi/internal/company"
	"kakehashi/internal/municipality"
	"kakehashi/internal/store"
	"kakehashi/internal/valid"
)

// MaxCaseMessage bounds messages and notes on cases.
const MaxCaseMessage = 2000

// RequestIntroduction lets a company ask to be introduced to a partner on the
// other side (partnerRef), or, for a Tokyo company with partnerRef "", to a
// partner municipality for setting up in NRW. The case lands in the desk's
// triage queue; the desk is notified in the same transaction.
func (a *App) RequestIntroduction(ctx context.Context, u *account.User, partnerRef, message string) (int64, valid.Errors, error) {
	var errs valid.Errors
	errs.MaxLen("message", message, MaxCaseMessage)
	if u.Role != account.RoleCompany || u.CompanyID == 0 {
		return 0, nil, ErrForbidden
	}
	own, err := a.Store.CompanyByID(ctx, u.CompanyID)
	if err != nil {
		return 0, nil, err
	}
	var partner company.Company
	if partnerRef != "" {
		if partner, err = a.Store.CompanyByRef(ctx, partnerRef); err != nil {
			return 0, nil, err
		}
		if partner.Region == own.Region {
			errs.Add("partner", "partner_same_side", nil)
		} else if a.excluded(own.ID, partner.ID) {
			errs.Add("partner", "pair_excluded", nil)
		}
	} else if own.Region != company.RegionTokyo {
		errs.Add("partner", "required", nil)
	}
	if len(errs) > 0 {
		return 0, errs, nil
	}
	c, events, err := cases.NewRequest(cases.ActorOf(u), cases.Side(own.Region), partner.ID, message, a.Now())
	if err != nil {
		return 0, nil, ErrForbidden
	}
	err = a.Store.Transact(ctx, func(tx *store.Store) error {
		open, err := tx.OpenCaseBetween(ctx, c.NRWCompanyID, c.TokyoCompanyID)
		if err != nil {
			return err
		}
		if open {
			errs.Add("partner", "case_exists", nil)
			return errAbort
		}
		if err := tx.CreateCase(ctx, c, events); err != nil {
			return err
		}
		desk, err := tx.UsersWhere(ctx, account.RoleDesk, "", 0)
		if err != nil {
			return err
		}
		return a.notify(ctx, tx, desk, "case_new", c.ID, map[string]string{"company": own.Name})
	})
	if errors.Is(err, errAbort) {
		return 0, errs, nil
	}
	if err != nil {
		return 0, nil, err
	}
	a.wakeMail()
	return c.ID, nil, nil
}

// errAbort rolls back a transaction whose outcome is a validation error.
var errAbort = errors.New("abort")

// ProposeIntroduction lets staff open a case between two companies, given
// in either order; one must be from NRW and one from Tokyo. Both companies
// will be asked.
func (a *App) ProposeIntroduction(ctx context.Context, u *account.User, refA, refB, note string) (int64, error) {
	nrw, err := a.Store.CompanyByRef(ctx, refA)
	if err != nil {
		return 0, err
	}
	tokyo, err := a.Store.CompanyByRef(ctx, refB)
	if err != nil {
		return 0, err
	}
	if nrw.Region == company.RegionTokyo {
		nrw, tokyo = tokyo, nrw
	}
	if nrw.Region != company.RegionNRW || tokyo.Region != company.RegionTokyo || utf8.RuneCountInString(note) > MaxCaseMessage {
		return 0, ErrForbidden
	}
	c, events, err := cases.NewProposal(cases.ActorOf(u), nrw.ID, tokyo.ID, nrw.Municipality, note, a.Now())
	if err != nil {
		return 0, ErrForbidden
	}
	err = a.Store.Transact(ctx, func(tx *store.Store) error {
		if open, err := tx.OpenCaseBetween(ctx, nrw.ID, tokyo.ID); err != nil || open {
			if open {
				return ErrConflict
			}
			return err
		}
		if err := tx.CreateCase(ctx, c, events); err != nil {
			return err
		}
		if c.State == cases.Triage {
			desk, err := tx.UsersWhere(ctx, account.RoleDesk, "", 0)
			if err != nil {
				return err
			}
			return a.notify(ctx, tx, desk, "case_new", c.ID, map[string]string{"company": tokyo.Name})
		}
		return nil
	})
	if err == nil {
		a.wakeMail()
	}
	return c.ID, err
}

// ErrConflict is returned when an open case already exists for a pair.
var ErrConflict = errors.New("app: an open case exists for these companies")

// ErrInput is returned when an action lacks a required note or municipality.
var ErrInput = errors.New("app: incomplete input")

// CaseAct performs a workflow action on a case for a user, records the
// event and notifies whoever must act next, all in one transaction.
func (a *App) CaseAct(ctx context.Context, u *account.User, id int64, act cases.Action, in cases.Input) error {
	if utf8.RuneCountInString(in.Note) > MaxCaseMessage {
		return ErrInput
	}
	if act == cases.Assign && in.Municipality != "" {
		m, err := a.MunicipalityByKey(ctx, in.Municipality)
		if err != nil || m.IsDesk() {
			return ErrInput
		}
	}
	var declined *cases.Case
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		c, actor, err := visibleCase(ctx, tx, u, id)
		if err != nil {
			return err
		}
		ev, err := c.Apply(actor, act, in, a.Now())
		switch {
		case errors.Is(err, cases.ErrNotAllowed):
			return ErrForbidden
		case errors.Is(err, cases.ErrNeedsNote), errors.Is(err, cases.ErrNeedsMuni):
			return ErrInput
		case err != nil:
			return err
		}
		if err := tx.SaveCase(ctx, &c); err != nil {
			return err
		}
		if err := tx.AddCaseEvent(ctx, c.ID, ev); err != nil {
			return err
		}
		if u.Role.IsStaff() {
			if err := tx.SetFirstResponse(ctx, c.ID, ev.At); err != nil {
				return err
			}
		}
		if act == cases.Decline {
			if err := tx.AddExclusion(ctx, c.NRWCompanyID, c.TokyoCompanyID, store.ExclusionDeclined, "", u.ID); err != nil {
				return err
			}
			declined = &c
		}
		return a.afterCaseAction(ctx, tx, &c, ev)
	})
	if err != nil {
		return err
	}
	if declined != nil && !declined.MarketEntry() {
		a.exclude(store.NewPair(declined.NRWCompanyID, declined.TokyoCompanyID))
	}
	a.wakeMail()
	return nil
}

// afterCaseAction tells the people who must act next, inside the action's
// transaction.
func (a *App) afterCaseAction(ctx context.Context, tx *store.Store, c *cases.Case, ev cases.Event) error {
	names, err := a.caseNames(ctx, tx, c)
	if err != nil {
		return err
	}
	args := map[string]string{"company": names.requester()}
	switch {
	case ev.Action == cases.Assign:
		staff, err := tx.UsersWhere(ctx, account.RoleStaff, c.Municipality, 0)
		if err != nil {
			return err
		}
		return a.notify(ctx, tx, staff, "case_new", c.ID, args)
	case ev.Action == cases.HandBack:
		desk, err := tx.UsersWhere(ctx, account.RoleDesk, "", 0)
		if err != nil {
			return err
		}
		return a.notify(ctx, tx, desk, "case_handed_back", c.ID, args)
	case ev.To == cases.Accepted:
		for _, side := range []struct {
			id    int64
			other string
		}{{c.NRWCompanyID, names.tokyo}, {c.TokyoCompanyID, names.nrw}} {
			if err := a.notifyCompany(ctx, tx, side.id, "case_accepted", c.ID, map[string]string{"company": side.other}); err != nil {
				return err
			}
		}
		return nil
	case ev.To == cases.Proposed:
		for _, side := range []cases.Side{cases.SideNRW, cases.SideTokyo} {
			if c.Pending(side) {
				id, other := c.NRWCompanyID, names.tokyo
				if side == cases.SideTokyo {
					id, other = c.TokyoCompanyID, names.nrw
				}
				if err := a.notifyCompany(ctx, tx, id, "case_proposed", c.ID, map[string]string{"company": other}); err != nil {
					return err
				}
			}
		}
		return nil
	case ev.To == cases.Declined, ev.To == cases.Closed:
		kind := "case_closed"
		if ev.To == cases.Declined {
			kind = "case_declined"
		}
		if c.RequesterID != 0 && ev.Actor.CompanyID != c.RequesterID {
			if err := a.notifyCompany(ctx, tx, c.RequesterID, kind, c.ID, map[string]string{"company": names.partnerOf(c.RequesterID, c)}); err != nil {
				return err
			}
		}
		if c.Municipality != "" && ev.To == cases.Declined {
			staff, err := tx.UsersWhere(ctx, account.RoleStaff, c.Municipality, 0)
			if err != nil {
				return err
			}
			return a.notify(ctx, tx, staff, kind, c.ID, args)
		}
	}
	return nil
}

// caseNames holds the display names of a case's parties.
type caseNames struct {
	nrw, tokyo  string
	requesterID int64
	nrwID       int64
}

func (n caseNames) requester() string {
	if n.requesterID != 0 && n.requesterID == n.nrwID {
		return n.nrw
	}
	return n.tokyo
}

// partnerOf returns the name of the other party than companyID.
func (n caseNames) partnerOf(companyID int64, c *cases.Case) string {
	if companyID == c.NRWCompanyID {
		return n.tokyo
	}
	return n.nrw
}

func (a *App) caseNames(ctx context.Context, tx *store.Store, c *cases.Case) (caseNames, error) {
	n := caseNames{requesterID: c.RequesterID, nrwID: c.NRWCompanyID}
	t, err := tx.CompanyByID(ctx, c.TokyoCompanyID)
	if err != nil {
		return n, err
	}
	n.tokyo = t.Name
	if c.MarketEntry() {
		if m, err := tx.MunicipalityByKey(ctx, c.Municipality); err == nil {
			n.nrw = m.Agency
		} else {
			n.nrw = "NRW"
		}
		return n, nil
	}
	nrw, err := tx.CompanyByID(ctx, c.NRWCompanyID)
	if err != nil {
		return n, err
	}
	n.nrw = nrw.Name
	return n, nil
}

// notifyCompany notifies every user of a company.
func (a *App) notifyCompany(ctx context.Context, tx *store.Store, companyID int64, kind string, caseID int64, args map[string]string) error {
	if companyID == 0 {
		return nil
	}
	users, err := tx.UsersWhere(ctx, account.RoleCompany, "", companyID)
	if err != nil {
		return err
	}
	return a.notify(ctx, tx, users, kind, caseID, args)
}

// notify adds an in-portal notification and queues an e-mail in each
// recipient's language, with a link to the case.
func (a *App) notify(ctx context.Context, tx *store.Store, users []account.User, kind string, caseID int64, args map[string]string) error {
	for _, u := range users {
		if err := tx.AddNotification(ctx, u.ID, kind, caseID, args); err != nil {
			return err
		}
		mailArgs := map[string]string{"link": a.link(u.Lang, "cases/"+strconv.FormatInt(caseID, 10), nil), "case": strconv.FormatInt(caseID, 10)}
		for k, v := range args {
			mailArgs[k] = v
		}
		if err := a.queueMail(ctx, tx, u.Email, u.Lang, kind, mailArgs); err != nil {
			return err
		}
	}
	return nil
}

// AssignableMunicipalities returns the partner municipalities for the desk's
// assign form: for a case with an NRW company its municipality first, for a
// market-entry case the matcher's ranking.
func (a *App) AssignableMunicipalities(ctx context.Context, c *cases.Case) ([]municipality.Municipality, error) {
	ms, err := a.Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	partners := PartnerMunicipalities(ms)
	rank := map[string]int{}
	if c.MarketEntry() {
		for i, s := range a.Match.Municipalities(c.TokyoCompanyID) {
			rank[s.Key] = i + 1
		}
	} else if nrw, err := a.Store.CompanyByID(ctx, c.NRWCompanyID); err == nil && nrw.Municipality != "" {
		rank[nrw.Municipality] = 1
	}
	sortByRank(partners, rank)
	return partners, nil
}

func sortByRank(ms []municipality.Municipality, rank map[string]int) {
	r := func(k string) int {
		if v, ok := rank[k]; ok {
			return v
		}
		return 1 << 20
	}
	slices.SortStableFunc(ms, func(a, b municipality.Municipality) int { return cmp.Compare(r(a.Key), r(b.Key)) })
}

// visibleCase loads a case inside tx for a user; ErrNotFound when the user
// may not see it, so that its existence is not revealed.
func visibleCase(ctx context.Context, tx *store.Store, u *account.User, id int64) (cases.Case, cases.Actor, error) {
	info, err := tx.CaseByID(ctx, id)
	if err != nil {
		return cases.Case{}, cases.Actor{}, err
	}
	actor := cases.ActorOf(u)
	if !info.CanView(actor) {
		return cases.Case{}, actor, ErrNotFound
	}
	return info.Case, actor, nil
}
