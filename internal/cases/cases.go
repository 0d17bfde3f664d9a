// Package cases is the introduction workflow between an NRW and a Tokyo
// company (or, for market entry, a Tokyo company and a partner
// municipality): which states a case goes through, which actions move it and
// who may take them. It holds the rules only; storage, e-mail and HTTP live
// elsewhere. The table test in cases_test.go lists every action for every
// role.
package cases

import (
	"errors"
	"time"

	"kakehashi/internal/account"
)

// State is where a case stands.
type State string

const (
	Requested   State = "requested"    // a company asked for an introduction
	Triage      State = "triage"       // in the NRW.Global Business desk's queue
	InReview    State = "in_review"    // assigned to a municipality, whose staff review it
	Proposed    State = "proposed"     // approved; waiting for the companies' consent
	Accepted    State = "accepted"     // both sides agreed: contacts are released
	Declined    State = "declined"     // a company declined the introduction
	Expired     State = "expired"      // the proposal went unanswered
	MeetingHeld State = "meeting_held" // the companies have met
	FollowUp    State = "follow_up"    // staff follow up on the meeting
	Agreed      State = "agreed"       // a cooperation was agreed
	Closed      State = "closed"       // closed without result
)

// States lists every state in workflow order.
var States = []State{Requested, Triage, InReview, Proposed, Accepted, Declined, Expired, MeetingHeld, FollowUp, Agreed, Closed}

// Final reports whether no further action is possible.
func (s State) Final() bool {
	return s == Declined || s == Expired || s == Agreed || s == Closed
}

// Action is a step someone takes on a case.
type Action string

const (
	Request     Action = "request"      // a company asks for an introduction (creates the case)
	Propose     Action = "propose"      // staff propose an introduction (creates the case)
	Assign      Action = "assign"       // the desk assigns a triaged case to a municipality
	Approve     Action = "approve"      // municipal staff approve; the companies are asked
	Reject      Action = "reject"       // municipal staff decline, with a reason
	HandBack    Action = "hand_back"    // municipal staff hand the case back to the desk
	Accept      Action = "accept"       // a company agrees to be introduced
	Decline     Action = "decline"      // a company declines
	Expire      Action = "expire"       // the system ends an unanswered proposal
	Meeting     Action = "meeting_held" // the companies met
	FollowUpAct Action = "follow_up"    // staff follow up on the meeting
	Agree       Action = "agree"        // a cooperation was agreed
	Close       Action = "close"        // closed without result
	Withdraw    Action = "withdraw"     // the requesting company withdraws
)

// Actions lists every action that moves an existing case.
var Actions = []Action{Assign, Approve, Reject, HandBack, Accept, Decline, Expire, Meeting, FollowUpAct, Agree, Close, Withdraw}

// NeedsNote reports whether an action must carry a note or reason.
func (a Action) NeedsNote() bool { return a == Reject || a == Close }

// Side is the region of a company in a case.
type Side string

const (
	SideNRW   Side = "nrw"
	SideTokyo Side = "tokyo"
)

// Case is one introduction.
type Case struct {
	ID             int64
	NRWCompanyID   int64 // 0 for a market-entry case (Tokyo company ↔ municipality)
	TokyoCompanyID int64
	RequesterID    int64 // the company that asked; 0 when staff proposed the case
	Municipality   string
	State          State
	StateSince     time.Time
	Message        string // the requester's message to the other side
	NRWAccepted    time.Time
	TokyoAccepted  time.Time
	ProposedAt     time.Time // when the companies were first asked (visibility)
	AcceptedAt     time.Time // when both had agreed (contact release)
	CreatedAt      time.Time
}

// MarketEntry reports whether the case introduces a Tokyo company to a
// municipality rather than to an NRW company.
func (c *Case) MarketEntry() bool { return c.NRWCompanyID == 0 }

// Actor is who acts: a user with a role, or the system (scheduled jobs).
type Actor struct {
	UserID       int64
	Role         account.Role
	Municipality string // municipal staff: their municipality
	CompanyID    int64  // company users: their company
	System       bool
}

// SystemActor is the scheduler.
var SystemActor = Actor{System: true}

// ActorOf returns the actor for a signed-in user.
func ActorOf(u *account.User) Actor {
	return Actor{UserID: u.ID, Role: u.Role, Municipality: u.Municipality, CompanyID: u.CompanyID}
}

// SideOf returns the side of the actor's company in the case, "" if none.
func (c *Case) SideOf(a Actor) Side {
	if a.Role != account.RoleCompany || a.CompanyID == 0 {
		return ""
	}
	switch a.CompanyID {
	case c.NRWCompanyID:
		return SideNRW
	case c.TokyoCompanyID:
		return SideTokyo
	}
	return ""
}

// accepted reports whether side has agreed.
func (c *Case) accepted(s Side) bool {
	if s == SideNRW {
		return c.MarketEntry() || !c.NRWAccepted.IsZero()
	}
	return !c.TokyoAccepted.IsZero()
}

// Pending reports whether side still has to answer a proposal.
func (c *Case) Pending(s Side) bool { return c.State == Proposed && s != "" && !c.accepted(s) }

func (a Actor) isDeskOrAdmin() bool { return a.Role == account.RoleDesk || a.Role == account.RoleAdmin }

// reviewer reports whether a is municipal staff of the case's municipality.
func (c *Case) reviewer(a Actor) bool {
	return a.Role == account.RoleStaff && c.Municipality != "" && a.Municipality == c.Municipality
}

// CanView reports whether a may see the case. The desk and admins see all
// cases, municipal staff those assigned to their municipality, a company its
// own cases — the other side only once it has been asked (proposed).
func (c *Case) CanView(a Actor) bool {
	switch {
	case a.System, a.isDeskOrAdmin():
		return true
	case a.Role == account.RoleStaff:
		return c.reviewer(a)
	}
	side := c.SideOf(a)
	if side == "" {
		return false
	}
	return c.RequesterID == a.CompanyID || !c.ProposedAt.IsZero()
}

// ContactsReleased reports whether both sides agreed, so each may see the
// other's contact person.
func (c *Case) ContactsReleased() bool { return !c.AcceptedAt.IsZero() }

// Can reports whether a may take act on the case in its current state.
func (c *Case) Can(a Actor, act Action) bool {
	if !c.CanView(a) {
		return false
	}
	staffish := a.isDeskOrAdmin() || c.reviewer(a)
	side := c.SideOf(a)
	switch act {
	case Assign:
		return c.State == Triage && a.isDeskOrAdmin()
	case Approve, Reject, HandBack:
		return c.State == InReview && (c.reviewer(a) || a.Role == account.RoleAdmin)
	case Accept, Decline:
		return c.Pending(side)
	case Expire:
		return c.State == Proposed && a.System
	case Meeting:
		return c.State == Accepted && (staffish || side != "")
	case FollowUpAct:
		return c.State == MeetingHeld && staffish
	case Agree:
		return (c.State == MeetingHeld || c.State == FollowUp) && staffish
	case Close:
		return !c.State.Final() && staffish
	case Withdraw:
		return side != "" && c.RequesterID == a.CompanyID &&
			(c.State == Requested || c.State == Triage || c.State == InReview || c.State == Proposed)
	}
	return false
}

// Errors of Apply.
var (
	ErrNotAllowed = errors.New("cases: action not allowed")
	ErrNeedsNote  = errors.New("cases: a note is required")
	ErrNeedsMuni  = errors.New("cases: a municipality is required")
)

// Input carries what an action needs besides the actor.
type Input struct {
	Note         string
	Municipality string // Assign: the municipality to review the case
}

// Event is one step in a case's history.
type Event struct {
	At     time.Time
	Actor  Actor
	Action Action
	From   State
	To     State
	Note   string
}

// Apply checks and performs an action, returning the event to record.
func (c *Case) Apply(a Actor, act Action, in Input, now time.Time) (Event, error) {
	if !c.Can(a, act) {
		return Event{}, ErrNotAllowed
	}
	if act.NeedsNote() && in.Note == "" {
		return Event{}, ErrNeedsNote
	}
	from := c.State
	to := from
	switch act {
	case Assign:
		if in.Municipality == "" {
			return Event{}, ErrNeedsMuni
		}
		c.Municipality, to = in.Municipality, InReview
	case Approve:
		to = Proposed
		if c.ProposedAt.IsZero() {
			c.ProposedAt = now
		}
		if c.accepted(SideNRW) && c.accepted(SideTokyo) {
			to, c.AcceptedAt = Accepted, now
		}
	case Reject, Close, Withdraw:
		to = Closed
	case HandBack:
		c.Municipality, to = "", Triage
	case Accept:
		if c.SideOf(a) == SideNRW {
			c.NRWAccepted = now
		} else {
			c.TokyoAccepted = now
		}
		if c.accepted(SideNRW) && c.accepted(SideTokyo) {
			to, c.AcceptedAt = Accepted, now
		}
	case Decline:
		to = Declined
	case Expire:
		to = Expired
	case Meeting:
		to = MeetingHeld
	case FollowUpAct:
		to = FollowUp
	case Agree:
		to = Agreed
	}
	if to != from {
		c.State, c.StateSince = to, now
	}
	return Event{At: now, Actor: a, Action: act, From: from, To: to, Note: in.Note}, nil
}
