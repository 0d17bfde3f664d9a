package cases

import "time"

// Timing holds the deadlines of the workflow.
type Timing struct {
	ProposalReminder time.Duration // remind the asked companies after this long
	ProposalExpiry   time.Duration // an unanswered proposal expires after this long
}

// DefaultTiming is 7 days to a reminder and 14 to expiry.
var DefaultTiming = Timing{ProposalReminder: 7 * 24 * time.Hour, ProposalExpiry: 14 * 24 * time.Hour}

// responseTime is how long a case may wait in a staff state before it
// counts as overdue and moves to the top of staff queues.
var responseTime = map[State]time.Duration{
	Triage:   2 * 24 * time.Hour,
	InReview: 5 * 24 * time.Hour,
}

// Overdue reports whether the case has waited too long for the next step.
func (c *Case) Overdue(now time.Time, t Timing) bool {
	if c.State == Proposed {
		return now.Sub(c.StateSince) >= t.ProposalReminder
	}
	d, ok := responseTime[c.State]
	return ok && now.Sub(c.StateSince) >= d
}

// OutcomeKind is what a company reports that came of an introduction.
type OutcomeKind string

const (
	OutcomeMeeting  OutcomeKind = "meeting"
	OutcomeNDA      OutcomeKind = "nda"
	OutcomePilot    OutcomeKind = "pilot"
	OutcomeContract OutcomeKind = "contract"
	OutcomeNone     OutcomeKind = "none"
)

// OutcomeKinds lists the kinds in the order of a cooperation's progress.
var OutcomeKinds = []OutcomeKind{OutcomeMeeting, OutcomeNDA, OutcomePilot, OutcomeContract, OutcomeNone}

// Valid reports whether k is known.
func (k OutcomeKind) Valid() bool {
	for _, x := range OutcomeKinds {
		if x == k {
			return true
		}
	}
	return false
}

// CanReportOutcome reports whether a company may record an outcome: after
// both agreed to the introduction.
func (c *Case) CanReportOutcome(a Actor) bool {
	return c.SideOf(a) != "" && c.ContactsReleased()
}
