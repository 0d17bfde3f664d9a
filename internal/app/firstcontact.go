package app

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"kakehashi/internal/account"
	"kakehashi/internal/cases"
	"kakehashi/internal/company"
	"kakehashi/internal/firstcontact"
	"kakehashi/internal/matching"
	"kakehashi/internal/municipality"
	"kakehashi/internal/store"
	"kakehashi/internal/taxonomy"
	"kakehashi/internal/valid"
)

// FirstContactForm is what the public first-contact form sends.
type FirstContactForm struct {
	Company     string
	Region      string
	WhatTheyDo  string
	LookingFor  string
	ContactName string
	Email       string
	Phone       string
	Consent     bool
	Lang        string // the page language: the firm gets mail in it
}

// SubmitFirstContact stores a firm's first message to the desk with the
// partner municipalities suggested for what it wrote, and acknowledges it
// by e-mail in the same transaction. The acknowledgement repeats nothing the
// firm typed, so the form cannot be used to send text to a stranger.
func (a *App) SubmitFirstContact(ctx context.Context, f FirstContactForm) (valid.Errors, error) {
	r := firstcontact.Request{
		CompanyName: f.Company, Region: company.Region(f.Region), WhatTheyDo: f.WhatTheyDo, LookingFor: f.LookingFor,
		ContactName: f.ContactName, Email: f.Email, Phone: f.Phone, Lang: f.Lang,
	}
	r.Normalize()
	if errs := r.Validate(f.Consent); len(errs) > 0 {
		return errs, nil
	}
	r.ConsentAt, r.ConsentVersion = a.Now(), a.Cfg.ConsentVersion
	r.Suggested = a.suggestMunicipalities(&r)
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		if err := tx.CreateFirstContact(ctx, &r); err != nil {
			return err
		}
		return a.queueMail(ctx, tx, r.Email, r.Lang, "first_contact_ack", nil)
	})
	if err != nil {
		return nil, err
	}
	a.Log.Info("first contact received", "id", r.ID, "region", string(r.Region), "lang", r.Lang)
	a.wakeMail()
	return nil, nil
}

// suggestMunicipalities returns the keys of the best-fitting partner
// municipalities for the company a request describes; municipalities that
// fit in nothing are not suggested.
func (a *App) suggestMunicipalities(r *firstcontact.Request) []string {
	out := []string{}
	for _, s := range a.Match.MunicipalitiesFor(r.Profile()) {
		if len(out) == firstcontact.MaxSuggested {
			break
		}
		if s.Score > 0 && s.Key != municipality.DeskKey {
			out = append(out, s.Key)
		}
	}
	return out
}

func deskOnly(u *account.User) error {
	if u == nil || (u.Role != account.RoleDesk && u.Role != account.RoleAdmin) {
		return ErrForbidden
	}
	return nil
}

// FirstContactInbox is the desk's list of first contacts.
type FirstContactInbox struct {
	Items  []firstcontact.Request
	Counts map[firstcontact.State]int
	Total  int
}

// MaxInbox bounds the inbox list.
const MaxInbox = 500

// FirstContactInbox lists the first contacts in state ("" for all), newest
// first, for the desk and admins.
func (a *App) FirstContactInbox(ctx context.Context, u *account.User, state firstcontact.State) (FirstContactInbox, error) {
	if err := deskOnly(u); err != nil {
		return FirstContactInbox{}, err
	}
	var in FirstContactInbox
	var err error
	if in.Items, err = a.Store.FirstContacts(ctx, state, MaxInbox); err != nil {
		return in, err
	}
	if in.Counts, err = a.Store.CountFirstContacts(ctx); err != nil {
		return in, err
	}
	for _, n := range in.Counts {
		in.Total += n
	}
	return in, nil
}

// SuggestedMunicipality is a municipality suggested for a first contact,
// with the matcher's reasons.
type SuggestedMunicipality struct {
	municipality.Municipality
	Reasons []matching.Reason
}

// FirstContactDetail is what the desk sees of one first contact.
type FirstContactDetail struct {
	Request     firstcontact.Request
	Suggestions []SuggestedMunicipality
	HandledBy   string // e-mail of the desk user who acted last
}

// FirstContactDetail returns one first contact for the desk. The reasons for
// the stored suggestions are worked out again from what the firm wrote.
func (a *App) FirstContactDetail(ctx context.Context, u *account.User, id int64) (FirstContactDetail, error) {
	if err := deskOnly(u); err != nil {
		return FirstContactDetail{}, err
	}
	r, err := a.Store.FirstContactByID(ctx, id)
	if err != nil {
		return FirstContactDetail{}, err
	}
	d := FirstContactDetail{Request: r}
	reasons := map[string][]matching.Reason{}
	if len(r.Suggested) > 0 {
		for _, s := range a.Match.MunicipalitiesFor(r.Profile()) {
			reasons[s.Key] = s.Reasons
		}
	}
	for _, key := range r.Suggested {
		m, err := a.MunicipalityByKey(ctx, key)
		if errors.Is(err, store.ErrNotFound) {
			continue
		} else if err != nil {
			return d, err
		}
		d.Suggestions = append(d.Suggestions, SuggestedMunicipality{Municipality: m, Reasons: reasons[key]})
	}
	if r.HandledBy != 0 {
		emails, err := a.Store.UserEmails(ctx, []int64{r.HandledBy})
		if err != nil {
			return d, err
		}
		d.HandledBy = emails[r.HandledBy]
	}
	return d, nil
}

// handleFirstContact runs a desk action on a request in one transaction:
// it checks the action is possible in the request's state, lets do carry it
// out (mail, case) and records the new state and who acted.
func (a *App) handleFirstContact(ctx context.Context, u *account.User, id int64, act firstcontact.Action, to firstcontact.State,
	do func(tx *store.Store, r *firstcontact.Request) error) error {
	if err := deskOnly(u); err != nil {
		return err
	}
	err := a.Store.Transact(ctx, func(tx *store.Store) error {
		r, err := tx.FirstContactByID(ctx, id)
		if err != nil {
			return err
		}
		if !r.Can(act) {
			return ErrForbidden
		}
		if do != nil {
			if err := do(tx, &r); err != nil {
				return err
			}
		}
		r.State, r.HandledBy = to, u.ID
		return tx.SaveFirstContactHandling(ctx, &r)
	})
	if err == nil {
		a.Log.Info("first contact handled", "id", id, "action", string(act), "user", u.ID)
		a.wakeMail()
	}
	return err
}

// AnswerFirstContact e-mails the desk's reply to the firm, in its language.
func (a *App) AnswerFirstContact(ctx context.Context, u *account.User, id int64, reply string) (valid.Errors, error) {
	if err := deskOnly(u); err != nil {
		return nil, err
	}
	reply = strings.TrimSpace(reply)
	var errs valid.Errors
	if errs.Required("reply_text", reply) {
		errs.MaxLen("reply_text", reply, firstcontact.MaxReply)
	}
	if len(errs) > 0 {
		return errs, nil
	}
	return nil, a.handleFirstContact(ctx, u, id, firstcontact.Answer, firstcontact.Answered, func(tx *store.Store, r *firstcontact.Request) error {
		return a.queueMail(ctx, tx, r.Email, r.Lang, "first_contact_reply", map[string]string{"name": r.ContactName, "reply": reply})
	})
}

// InviteFirstContact e-mails the firm the link to register.
func (a *App) InviteFirstContact(ctx context.Context, u *account.User, id int64) error {
	return a.handleFirstContact(ctx, u, id, firstcontact.Invite, firstcontact.Invited, func(tx *store.Store, r *firstcontact.Request) error {
		return a.queueMail(ctx, tx, r.Email, r.Lang, "first_contact_invite", map[string]string{
			"name": r.ContactName, "link": a.link(r.Lang, "signup", nil),
		})
	})
}

// CloseFirstContact marks a request as done without further action.
func (a *App) CloseFirstContact(ctx context.Context, u *account.User, id int64) error {
	return a.handleFirstContact(ctx, u, id, firstcontact.Close, firstcontact.Closed, nil)
}

// ConvertFirstContact turns a Tokyo firm's request into a company profile
// (from what it wrote, with the NACE division the desk picked) and a
// market-entry case in the desk's triage queue, and tells the firm; all in
// one transaction. It returns the new case's id.
func (a *App) ConvertFirstContact(ctx context.Context, u *account.User, id int64, sector, note string) (int64, valid.Errors, error) {
	if err := deskOnly(u); err != nil {
		return 0, nil, err
	}
	sector = strings.ToUpper(strings.TrimSpace(sector))
	note = strings.TrimSpace(note)
	var errs valid.Errors
	if errs.Required("case_sector", sector) && !taxonomy.Valid(sector) {
		errs.Add("case_sector", "unknown_sector", map[string]any{"code": sector})
	}
	if utf8.RuneCountInString(note) > MaxCaseMessage {
		errs.Add("case_note", "too_long", map[string]any{"max": MaxCaseMessage})
	}
	if len(errs) > 0 {
		return 0, errs, nil
	}
	var c company.Company
	var caseID int64
	err := a.handleFirstContact(ctx, u, id, firstcontact.Convert, firstcontact.Converted, func(tx *store.Store, r *firstcontact.Request) error {
		c = r.Profile(sector)
		c.Normalize()
		for range 5 {
			c.Ref = newRef(company.RegionTokyo)
			if _, err := tx.CompanyByRef(ctx, c.Ref); errors.Is(err, store.ErrNotFound) {
				break
			}
		}
		if ve := c.Validate(nil); len(ve) > 0 {
			errs = ve
			return errAbort
		}
		c.ConfirmedAt = r.CreatedAt
		if err := tx.SaveCompany(ctx, &c); err != nil {
			return err
		}
		k, events, err := cases.NewMarketEntryFromDesk(cases.ActorOf(u), c.ID, r.LookingFor, note, a.Now())
		if err != nil {
			return ErrForbidden
		}
		if err := tx.CreateCase(ctx, k, events); err != nil {
			return err
		}
		caseID, r.CaseID = k.ID, k.ID
		desk, err := tx.UsersWhere(ctx, account.RoleDesk, "", 0)
		if err != nil {
			return err
		}
		others := desk[:0]
		for _, d := range desk {
			if d.ID != u.ID {
				others = append(others, d)
			}
		}
		if err := a.notify(ctx, tx, others, "case_new", k.ID, map[string]string{"company": c.Name}); err != nil {
			return err
		}
		return a.queueMail(ctx, tx, r.Email, r.Lang, "first_contact_case", map[string]string{"name": r.ContactName})
	})
	if errors.Is(err, errAbort) {
		return 0, errs, nil
	}
	if err != nil {
		return 0, nil, err
	}
	a.indexCompany(&c)
	return caseID, nil, nil
}
