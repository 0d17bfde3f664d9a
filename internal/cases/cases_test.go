package cases

import (
	"fmt"
	"testing"
	"time"

	"kakehashi/internal/account"
)

const (
	tokyoCo = 10
	nrwCo   = 20
)

var actors = map[string]Actor{
	"tokyo requester": {UserID: 1, Role: account.RoleCompany, CompanyID: tokyoCo},
	"nrw partner":     {UserID: 2, Role: account.RoleCompany, CompanyID: nrwCo},
	"other company":   {UserID: 3, Role: account.RoleCompany, CompanyID: 99},
	"staff essen":     {UserID: 4, Role: account.RoleStaff, Municipality: "essen"},
	"staff koeln":     {UserID: 5, Role: account.RoleStaff, Municipality: "koeln"},
	"desk":            {UserID: 6, Role: account.RoleDesk, Municipality: "nrw-global-business"},
	"admin":           {UserID: 7, Role: account.RoleAdmin},
	"system":          SystemActor,
}

// fixture is a case requested by the Tokyo company, in state s, assigned to
// Essen from review on, and proposed to the NRW company from Proposed on.
func fixture(s State) *Case {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &Case{ID: 1, NRWCompanyID: nrwCo, TokyoCompanyID: tokyoCo, RequesterID: tokyoCo, TokyoAccepted: t0, State: s, StateSince: t0, CreatedAt: t0}
	switch s {
	case InReview, Proposed, Accepted, Declined, Expired, MeetingHeld, FollowUp, Agreed:
		c.Municipality = "essen"
	}
	switch s {
	case Proposed, Accepted, Declined, Expired, MeetingHeld, FollowUp, Agreed:
		c.ProposedAt = t0
	}
	switch s {
	case Accepted, MeetingHeld, FollowUp, Agreed:
		c.NRWAccepted, c.AcceptedAt = t0, t0
	}
	return c
}

// allowed lists, for every action, the (state, actor) pairs that may take
// it. Everything not listed must be refused.
var allowed = map[Action][]string{
	Assign:      {"triage/desk", "triage/admin"},
	Approve:     {"in_review/staff essen", "in_review/admin"},
	Reject:      {"in_review/staff essen", "in_review/admin"},
	HandBack:    {"in_review/staff essen", "in_review/admin"},
	Accept:      {"proposed/nrw partner"},
	Decline:     {"proposed/nrw partner"},
	Expire:      {"proposed/system"},
	Meeting:     {"accepted/tokyo requester", "accepted/nrw partner", "accepted/staff essen", "accepted/desk", "accepted/admin"},
	FollowUpAct: {"meeting_held/staff essen", "meeting_held/desk", "meeting_held/admin"},
	Agree: {"meeting_held/staff essen", "meeting_held/desk", "meeting_held/admin",
		"follow_up/staff essen", "follow_up/desk", "follow_up/admin"},
	Close: {"requested/desk", "requested/admin", "triage/desk", "triage/admin",
		"in_review/staff essen", "in_review/desk", "in_review/admin",
		"proposed/staff essen", "proposed/desk", "proposed/admin",
		"accepted/staff essen", "accepted/desk", "accepted/admin",
		"meeting_held/staff essen", "meeting_held/desk", "meeting_held/admin",
		"follow_up/staff essen", "follow_up/desk", "follow_up/admin"},
	Withdraw: {"requested/tokyo requester", "triage/tokyo requester", "in_review/tokyo requester", "proposed/tokyo requester"},
}

func TestEveryActionForEveryRole(t *testing.T) {
	for _, act := range Actions {
		want := map[string]bool{}
		for _, k := range allowed[act] {
			want[k] = true
		}
		for _, s := range States {
			for name, a := range actors {
				key := fmt.Sprintf("%s/%s", s, name)
				c := fixture(s)
				if got := c.Can(a, act); got != want[key] {
					t.Errorf("%s by %s in %s: Can = %v, want %v", act, name, s, got, want[key])
				}
				in := Input{Note: "note", Municipality: "essen"}
				_, err := c.Apply(a, act, in, time.Now())
				if (err == nil) != want[key] {
					t.Errorf("%s by %s in %s: Apply error %v", act, name, s, err)
				}
			}
		}
	}
}

func TestVisibility(t *testing.T) {
	for _, tt := range []struct {
		state State
		actor string
		want  bool
	}{
		{Triage, "tokyo requester", true},
		{Triage, "nrw partner", false}, // not asked yet
		{InReview, "nrw partner", false},
		{Proposed, "nrw partner", true},
		{Proposed, "other company", false},
		{Triage, "staff essen", false}, // not assigned yet
		{InReview, "staff essen", true},
		{InReview, "staff koeln", false},
		{Accepted, "staff koeln", false},
		{Triage, "desk", true},
		{Agreed, "admin", true},
	} {
		if got := fixture(tt.state).CanView(actors[tt.actor]); got != tt.want {
			t.Errorf("%s sees a case in %s: %v, want %v", tt.actor, tt.state, got, tt.want)
		}
	}
}

func TestDoubleOptIn(t *testing.T) {
	now := time.Now()
	c := fixture(InReview)
	if _, err := c.Apply(actors["staff essen"], Approve, Input{}, now); err != nil || c.State != Proposed {
		t.Fatalf("approve: %v %s", err, c.State)
	}
	if c.ContactsReleased() {
		t.Fatal("contacts released before the partner agreed")
	}
	if _, err := c.Apply(actors["nrw partner"], Accept, Input{}, now); err != nil || c.State != Accepted || !c.ContactsReleased() {
		t.Fatalf("accept: %v %s", err, c.State)
	}
	if c.Can(actors["nrw partner"], Accept) {
		t.Fatal("accepted twice")
	}

	// A staff proposal needs both companies.
	p, _, err := NewProposal(actors["staff essen"], nrwCo, tokyoCo, "essen", "fits", now)
	if err != nil || p.State != InReview || p.Municipality != "essen" {
		t.Fatalf("proposal: %v %+v", err, p)
	}
	p.Apply(actors["staff essen"], Approve, Input{}, now)
	p.Apply(actors["nrw partner"], Accept, Input{}, now)
	if p.State != Proposed || p.ContactsReleased() {
		t.Fatalf("one consent released the contacts: %s", p.State)
	}
	p.Apply(actors["tokyo requester"], Accept, Input{}, now)
	if p.State != Accepted {
		t.Fatalf("both consents: %s", p.State)
	}
}

func TestMarketEntryApprovalIsTheIntroduction(t *testing.T) {
	now := time.Now()
	c, events, err := NewRequest(actors["tokyo requester"], SideTokyo, 0, "We want an office in NRW", now)
	if err != nil || !c.MarketEntry() || c.State != Triage || len(events) != 2 {
		t.Fatalf("%v %+v", err, c)
	}
	c.ID = 1
	if _, err := c.Apply(actors["desk"], Assign, Input{}, now); err != ErrNeedsMuni {
		t.Fatalf("assign without municipality: %v", err)
	}
	c.Apply(actors["desk"], Assign, Input{Municipality: "essen"}, now)
	c.Apply(actors["staff essen"], Approve, Input{}, now)
	if c.State != Accepted || !c.ContactsReleased() {
		t.Fatalf("market entry after approval: %s", c.State)
	}
}

func TestRulesOfCreation(t *testing.T) {
	now := time.Now()
	if _, _, err := NewRequest(actors["desk"], SideTokyo, nrwCo, "", now); err == nil {
		t.Error("desk opened a company request")
	}
	if _, _, err := NewRequest(actors["nrw partner"], SideNRW, 0, "", now); err == nil {
		t.Error("an NRW company opened a market-entry case")
	}
	if _, _, err := NewRequest(actors["tokyo requester"], SideTokyo, tokyoCo, "", now); err == nil {
		t.Error("a company asked to be introduced to itself")
	}
	if _, _, err := NewProposal(actors["staff koeln"], nrwCo, tokyoCo, "essen", "", now); err == nil {
		t.Error("Köln staff proposed for an Essen company")
	}
	if c, _, err := NewProposal(actors["desk"], nrwCo, tokyoCo, "essen", "", now); err != nil || c.State != Triage {
		t.Errorf("desk proposal: %v", err)
	}
	if _, _, err := NewProposal(actors["tokyo requester"], nrwCo, tokyoCo, "", "", now); err == nil {
		t.Error("a company used the staff proposal")
	}
}

func TestNotesAndHandBack(t *testing.T) {
	now := time.Now()
	c := fixture(InReview)
	if _, err := c.Apply(actors["staff essen"], Reject, Input{}, now); err != ErrNeedsNote {
		t.Fatalf("reject without reason: %v", err)
	}
	ev, err := c.Apply(actors["staff essen"], HandBack, Input{Note: "Düsseldorf fits better"}, now)
	if err != nil || c.State != Triage || c.Municipality != "" || ev.From != InReview || ev.To != Triage {
		t.Fatalf("hand back: %v %+v %+v", err, c, ev)
	}
	if c.CanView(actors["staff essen"]) {
		t.Error("staff still see a case handed back")
	}
}

func TestOverdue(t *testing.T) {
	c := fixture(Triage)
	now := c.StateSince
	if c.Overdue(now.Add(24*time.Hour), DefaultTiming) || !c.Overdue(now.Add(49*time.Hour), DefaultTiming) {
		t.Error("triage overdue after two days")
	}
	p := fixture(Proposed)
	if !p.Overdue(now.Add(8*24*time.Hour), DefaultTiming) || fixture(Agreed).Overdue(now.Add(1000*time.Hour), DefaultTiming) {
		t.Error("proposal overdue after the reminder; final states never")
	}
}
