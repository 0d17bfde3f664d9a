package cases

import (
	"errors"
	"time"

	"kakehashi/internal/account"
)

// ErrCannotCreate is returned when an actor may not open this case.
var ErrCannotCreate = errors.New("cases: not allowed to open this introduction")

// NewRequest opens a case for a company that asks to be introduced to a
// partner on the other side (or, partnerID 0 with a Tokyo requester, to a
// municipality for market entry). Every such case goes to the desk's triage
// queue: NRW.Global Business is the first contact for Tokyo firms.
func NewRequest(a Actor, requesterSide Side, partnerID int64, message string, now time.Time) (*Case, []Event, error) {
	if a.Role != account.RoleCompany || a.CompanyID == 0 || a.CompanyID == partnerID {
		return nil, nil, ErrCannotCreate
	}
	c := &Case{RequesterID: a.CompanyID, Message: message, CreatedAt: now, State: Triage, StateSince: now}
	switch requesterSide {
	case SideNRW:
		if partnerID == 0 {
			return nil, nil, ErrCannotCreate
		}
		c.NRWCompanyID, c.TokyoCompanyID, c.NRWAccepted = a.CompanyID, partnerID, now
	case SideTokyo:
		c.TokyoCompanyID, c.NRWCompanyID, c.TokyoAccepted = a.CompanyID, partnerID, now
	default:
		return nil, nil, ErrCannotCreate
	}
	return c, []Event{
		{At: now, Actor: a, Action: Request, From: "", To: Requested, Note: message},
		{At: now, Actor: SystemActor, Action: Request, From: Requested, To: Triage},
	}, nil
}

// NewProposal opens a case that staff propose between an NRW and a Tokyo
// company; both companies will be asked. The desk's proposals start in
// triage; municipal staff may propose only for an NRW company of their own
// municipality, and their proposals go straight to their own review.
func NewProposal(a Actor, nrwID, tokyoID int64, nrwMunicipality, note string, now time.Time) (*Case, []Event, error) {
	if nrwID == 0 || tokyoID == 0 {
		return nil, nil, ErrCannotCreate
	}
	c := &Case{NRWCompanyID: nrwID, TokyoCompanyID: tokyoID, CreatedAt: now, StateSince: now, Message: note}
	switch {
	case a.isDeskOrAdmin():
		c.State = Triage
	case a.Role == account.RoleStaff && a.Municipality != "" && a.Municipality == nrwMunicipality:
		c.State, c.Municipality = InReview, a.Municipality
	default:
		return nil, nil, ErrCannotCreate
	}
	return c, []Event{{At: now, Actor: a, Action: Propose, From: "", To: c.State, Note: note}}, nil
}
