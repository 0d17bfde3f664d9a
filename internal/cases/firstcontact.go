package cases

import "time"

// FromFirstContact is the event of a case the desk opened from a firm's
// first-contact request.
const FromFirstContact Action = "first_contact"

// NewMarketEntryFromDesk opens a market-entry case for a Tokyo company that
// the desk created from a first-contact request: message is what the firm
// wrote it looks for, note the desk's own remark for the history. The firm
// asked the desk for help itself, so its consent is recorded like a
// request's; the case starts in the desk's triage queue, to be assigned to a
// municipality. Only the desk and admins may do this.
func NewMarketEntryFromDesk(a Actor, tokyoID int64, message, note string, now time.Time) (*Case, []Event, error) {
	if !a.isDeskOrAdmin() || tokyoID == 0 {
		return nil, nil, ErrCannotCreate
	}
	c := &Case{TokyoCompanyID: tokyoID, TokyoAccepted: now, Message: message, State: Triage, StateSince: now, CreatedAt: now}
	return c, []Event{{At: now, Actor: a, Action: FromFirstContact, From: "", To: Triage, Note: note}}, nil
}
