package app

import (
	"context"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/cases"
	"kakehashi/internal/store"
)

// RunJobs runs the scheduled work every interval until ctx ends.
func (a *App) RunJobs(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := a.Jobs(ctx); err != nil && ctx.Err() == nil {
			a.Log.Warn("scheduled jobs failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Jobs sends proposal reminders, expires unanswered proposals and asks for
// outcomes 30 and 90 days after an introduction. Each item is claimed with
// a conditional update inside its own transaction, so several instances
// running Jobs at once handle every item exactly once.
func (a *App) Jobs(ctx context.Context) error {
	now := a.Now()
	timing := a.Cfg.Timing
	due, err := a.Store.DueCases(ctx, cases.Proposed, now.Add(-timing.ProposalReminder), "reminder_sent_at")
	if err != nil {
		return err
	}
	for i := range due {
		c := due[i]
		err := a.Store.Transact(ctx, func(tx *store.Store) error {
			ok, err := tx.ClaimReminder(ctx, c.ID, now)
			if err != nil || !ok {
				return err
			}
			names, err := a.caseNames(ctx, tx, &c)
			if err != nil {
				return err
			}
			for _, side := range []cases.Side{cases.SideNRW, cases.SideTokyo} {
				if !c.Pending(side) {
					continue
				}
				id, other := c.NRWCompanyID, names.tokyo
				if side == cases.SideTokyo {
					id, other = c.TokyoCompanyID, names.nrw
				}
				if err := a.notifyCompany(ctx, tx, id, "case_reminder", c.ID, map[string]string{"company": other}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}

	expiring, err := a.Store.DueCases(ctx, cases.Proposed, now.Add(-timing.ProposalExpiry), "")
	if err != nil {
		return err
	}
	for i := range expiring {
		c := expiring[i]
		err := a.Store.Transact(ctx, func(tx *store.Store) error {
			ok, err := tx.ExpireCase(ctx, c.ID, now)
			if err != nil || !ok {
				return err
			}
			if err := tx.AddCaseEvent(ctx, c.ID, cases.Event{At: now, Actor: cases.SystemActor, Action: cases.Expire, From: cases.Proposed, To: cases.Expired}); err != nil {
				return err
			}
			names, err := a.caseNames(ctx, tx, &c)
			if err != nil {
				return err
			}
			if err := a.notifyCompany(ctx, tx, c.NRWCompanyID, "case_expired", c.ID, map[string]string{"company": names.tokyo}); err != nil {
				return err
			}
			if err := a.notifyCompany(ctx, tx, c.TokyoCompanyID, "case_expired", c.ID, map[string]string{"company": names.nrw}); err != nil {
				return err
			}
			staff, err := tx.UsersWhere(ctx, account.RoleStaff, c.Municipality, 0)
			if err != nil || c.Municipality == "" {
				return err
			}
			return a.notify(ctx, tx, staff, "case_expired", c.ID, map[string]string{"company": names.requester()})
		})
		if err != nil {
			return err
		}
	}

	for _, days := range []int{30, 90} {
		due, err := a.Store.DueOutcomeRequests(ctx, days, now)
		if err != nil {
			return err
		}
		for i := range due {
			c := due[i]
			err := a.Store.Transact(ctx, func(tx *store.Store) error {
				ok, err := tx.ClaimOutcomeRequest(ctx, c.ID, days, now)
				if err != nil || !ok {
					return err
				}
				names, err := a.caseNames(ctx, tx, &c)
				if err != nil {
					return err
				}
				d := map[int]string{30: "30", 90: "90"}[days]
				if err := a.notifyCompany(ctx, tx, c.NRWCompanyID, "outcome_request", c.ID, map[string]string{"company": names.tokyo, "days": d}); err != nil {
					return err
				}
				return a.notifyCompany(ctx, tx, c.TokyoCompanyID, "outcome_request", c.ID, map[string]string{"company": names.nrw, "days": d})
			})
			if err != nil {
				return err
			}
		}
	}
	if err := a.ApplyRetention(ctx, a.Cfg.Retention); err != nil {
		return err
	}
	a.wakeMail()
	return nil
}
