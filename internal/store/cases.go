package store

import (
	"context"
	"time"

	"kakehashi/internal/account"
	"kakehashi/internal/cases"
)

type caseRow struct {
	ID              int64
	NRWCompanyID    *int64 `gorm:"column:nrw_company_id"`
	TokyoCompanyID  int64
	RequesterID     *int64
	MunicipalityKey *string
	State           string
	StateSince      time.Time
	Message         string
	NRWAcceptedAt   *time.Time `gorm:"column:nrw_accepted_at"`
	TokyoAcceptedAt *time.Time
	ProposedAt      *time.Time
	AcceptedAt      *time.Time
	FirstResponseAt *time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (caseRow) TableName() string { return "cases" }

func idPtr(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func idVal(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func caseToRow(c *cases.Case) caseRow {
	return caseRow{
		ID: c.ID, NRWCompanyID: idPtr(c.NRWCompanyID), TokyoCompanyID: c.TokyoCompanyID, RequesterID: idPtr(c.RequesterID),
		MunicipalityKey: strPtr(c.Municipality), State: string(c.State), StateSince: c.StateSince.UTC(), Message: c.Message,
		NRWAcceptedAt: timePtr(c.NRWAccepted), TokyoAcceptedAt: timePtr(c.TokyoAccepted),
		ProposedAt: timePtr(c.ProposedAt), AcceptedAt: timePtr(c.AcceptedAt), CreatedAt: c.CreatedAt.UTC(),
	}
}

func (r *caseRow) toCase() cases.Case {
	c := cases.Case{
		ID: r.ID, NRWCompanyID: idVal(r.NRWCompanyID), TokyoCompanyID: r.TokyoCompanyID, RequesterID: idVal(r.RequesterID),
		State: cases.State(r.State), StateSince: r.StateSince.UTC(), Message: r.Message,
		NRWAccepted: timeVal(r.NRWAcceptedAt), TokyoAccepted: timeVal(r.TokyoAcceptedAt),
		ProposedAt: timeVal(r.ProposedAt), AcceptedAt: timeVal(r.AcceptedAt), CreatedAt: r.CreatedAt.UTC(),
	}
	if r.MunicipalityKey != nil {
		c.Municipality = *r.MunicipalityKey
	}
	return c
}

// CaseInfo is a case with the bookkeeping the workflow keeps beside it.
type CaseInfo struct {
	cases.Case
	FirstResponseAt time.Time
	UpdatedAt       time.Time
}

// CreateCase stores a new case and its first events, setting c.ID.
func (s *Store) CreateCase(ctx context.Context, c *cases.Case, events []cases.Event) error {
	row := caseToRow(c)
	row.UpdatedAt = s.now()
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return translate(err)
	}
	c.ID = row.ID
	for _, e := range events {
		if err := s.AddCaseEvent(ctx, c.ID, e); err != nil {
			return err
		}
	}
	return nil
}

// SaveCase writes the workflow fields of c after an action.
func (s *Store) SaveCase(ctx context.Context, c *cases.Case) error {
	row := caseToRow(c)
	return s.conn(ctx).Model(&caseRow{}).Where("id = ?", c.ID).Updates(map[string]any{
		"state": row.State, "state_since": row.StateSince, "municipality_key": row.MunicipalityKey,
		"nrw_accepted_at": row.NRWAcceptedAt, "tokyo_accepted_at": row.TokyoAcceptedAt,
		"proposed_at": row.ProposedAt, "accepted_at": row.AcceptedAt, "updated_at": s.now(),
	}).Error
}

// SetFirstResponse records the first staff reaction to a case, once.
func (s *Store) SetFirstResponse(ctx context.Context, id int64, at time.Time) error {
	return s.conn(ctx).Model(&caseRow{}).Where("id = ? AND first_response_at IS NULL", id).Update("first_response_at", at.UTC()).Error
}

// CaseByID returns a case.
func (s *Store) CaseByID(ctx context.Context, id int64) (CaseInfo, error) {
	var r caseRow
	if err := s.conn(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return CaseInfo{}, translate(err)
	}
	return CaseInfo{Case: r.toCase(), FirstResponseAt: timeVal(r.FirstResponseAt), UpdatedAt: r.UpdatedAt.UTC()}, nil
}

// OpenCaseBetween reports whether two companies already have a case that is
// not finished, so the same introduction is not requested twice.
func (s *Store) OpenCaseBetween(ctx context.Context, nrwID, tokyoID int64) (bool, error) {
	var n int64
	q := s.conn(ctx).Model(&caseRow{}).Where("tokyo_company_id = ? AND state NOT IN ?", tokyoID,
		[]string{string(cases.Declined), string(cases.Expired), string(cases.Agreed), string(cases.Closed)})
	if nrwID == 0 {
		q = q.Where("nrw_company_id IS NULL")
	} else {
		q = q.Where("nrw_company_id = ?", nrwID)
	}
	err := q.Count(&n).Error
	return n > 0, err
}

// CaseFilter selects cases for queues and exports.
type CaseFilter struct {
	State        string
	Municipality string // only cases assigned to this municipality
	CompanyID    int64  // only cases of this company
	Sector       string // a NACE division or section of either company
	Region       string // the region of the requesting company
	OlderThan    time.Duration
	Limit        int
}

// ListCases returns cases matching f, oldest state first.
func (s *Store) ListCases(ctx context.Context, f CaseFilter, now time.Time) ([]CaseInfo, error) {
	q := s.conn(ctx).Model(&caseRow{})
	if f.State != "" {
		q = q.Where("state = ?", f.State)
	}
	if f.Municipality != "" {
		q = q.Where("municipality_key = ?", f.Municipality)
	}
	if f.CompanyID != 0 {
		q = q.Where("nrw_company_id = ? OR tokyo_company_id = ?", f.CompanyID, f.CompanyID)
	}
	if f.Sector != "" {
		like := `%"` + f.Sector + `%`
		q = q.Where("nrw_company_id IN (SELECT id FROM companies WHERE sectors LIKE ?) OR tokyo_company_id IN (SELECT id FROM companies WHERE sectors LIKE ?)", like, like)
	}
	switch f.Region {
	case "tokyo":
		q = q.Where("requester_id = tokyo_company_id")
	case "nrw":
		q = q.Where("requester_id = nrw_company_id")
	}
	if f.OlderThan > 0 {
		q = q.Where("created_at <= ?", now.Add(-f.OlderThan).UTC())
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []caseRow
	if err := q.Order("state_since, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]CaseInfo, len(rows))
	for i := range rows {
		out[i] = CaseInfo{Case: rows[i].toCase(), FirstResponseAt: timeVal(rows[i].FirstResponseAt), UpdatedAt: rows[i].UpdatedAt.UTC()}
	}
	return out, nil
}

// EventRow is a recorded step of a case.
type EventRow struct {
	ID          int64
	CaseID      int64
	At          time.Time
	ActorUserID *int64
	ActorRole   string
	Action      string
	FromState   string
	ToState     string
	Note        string
}

func (EventRow) TableName() string { return "case_events" }

// AddCaseEvent appends to a case's history.
func (s *Store) AddCaseEvent(ctx context.Context, caseID int64, e cases.Event) error {
	role := string(e.Actor.Role)
	if e.Actor.System {
		role = "system"
	}
	row := EventRow{CaseID: caseID, At: e.At.UTC(), ActorUserID: idPtr(e.Actor.UserID), ActorRole: role,
		Action: string(e.Action), FromState: string(e.From), ToState: string(e.To), Note: e.Note}
	return s.conn(ctx).Create(&row).Error
}

// CaseEvents returns a case's history, oldest first.
func (s *Store) CaseEvents(ctx context.Context, caseID int64) ([]EventRow, error) {
	var rows []EventRow
	err := s.conn(ctx).Where("case_id = ?", caseID).Order("at, id").Find(&rows).Error
	return rows, err
}

// claim sets a timestamp column of a case only if it is still empty and the
// extra condition holds, and reports whether this call set it: the way
// scheduled jobs on several instances agree that exactly one handles an item.
func (s *Store) claim(ctx context.Context, id int64, column string, now time.Time, extra string, args ...any) (bool, error) {
	q := s.conn(ctx).Model(&caseRow{}).Where("id = ? AND "+column+" IS NULL", id)
	if extra != "" {
		q = q.Where(extra, args...)
	}
	res := q.Update(column, now.UTC())
	return res.RowsAffected == 1, res.Error
}

// ClaimReminder marks the reminder of a proposal as sent; false when another
// instance already did.
func (s *Store) ClaimReminder(ctx context.Context, id int64, now time.Time) (bool, error) {
	return s.claim(ctx, id, "reminder_sent_at", now, "state = ?", string(cases.Proposed))
}

// ClaimOutcomeRequest marks the 30- or 90-day outcome request as sent.
func (s *Store) ClaimOutcomeRequest(ctx context.Context, id int64, days int, now time.Time) (bool, error) {
	col := "outcome30_sent_at"
	if days == 90 {
		col = "outcome90_sent_at"
	}
	return s.claim(ctx, id, col, now, "")
}

// DueCases returns cases in state whose state began before `before` and
// whose column is still empty ("" for no column condition).
func (s *Store) DueCases(ctx context.Context, state cases.State, before time.Time, emptyColumn string) ([]cases.Case, error) {
	q := s.conn(ctx).Model(&caseRow{}).Where("state = ? AND state_since <= ?", string(state), before.UTC())
	if emptyColumn != "" {
		q = q.Where(emptyColumn + " IS NULL")
	}
	var rows []caseRow
	if err := q.Order("id").Limit(500).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]cases.Case, len(rows))
	for i := range rows {
		out[i] = rows[i].toCase()
	}
	return out, nil
}

// DueOutcomeRequests returns accepted cases whose acceptance is older than
// the given number of days and whose request of that age was not sent.
func (s *Store) DueOutcomeRequests(ctx context.Context, days int, now time.Time) ([]cases.Case, error) {
	col := "outcome30_sent_at"
	if days == 90 {
		col = "outcome90_sent_at"
	}
	var rows []caseRow
	err := s.conn(ctx).Model(&caseRow{}).Where("accepted_at IS NOT NULL AND accepted_at <= ? AND "+col+" IS NULL",
		now.Add(-time.Duration(days)*24*time.Hour).UTC()).Order("id").Limit(500).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]cases.Case, len(rows))
	for i := range rows {
		out[i] = rows[i].toCase()
	}
	return out, nil
}

// Outcome is what a company reported.
type Outcome struct {
	ID         int64
	CaseID     int64
	CompanyID  int64
	UserID     *int64
	Kind       string
	Note       string
	ReportedAt time.Time
}

func (Outcome) TableName() string { return "case_outcomes" }

// AddOutcome records an outcome.
func (s *Store) AddOutcome(ctx context.Context, o *Outcome) error {
	o.ReportedAt = s.now()
	return s.conn(ctx).Create(o).Error
}

// CaseOutcomes returns the outcomes of a case, oldest first.
func (s *Store) CaseOutcomes(ctx context.Context, caseID int64) ([]Outcome, error) {
	var out []Outcome
	err := s.conn(ctx).Where("case_id = ?", caseID).Order("reported_at, id").Find(&out).Error
	return out, err
}

// AllOutcomes returns every outcome (for reports).
func (s *Store) AllOutcomes(ctx context.Context) ([]Outcome, error) {
	var out []Outcome
	err := s.conn(ctx).Order("id").Find(&out).Error
	return out, err
}

// UsersWhere returns users by role, optionally of one municipality or company.
func (s *Store) UsersWhere(ctx context.Context, role account.Role, municipality string, companyID int64) ([]account.User, error) {
	q := s.conn(ctx).Where("role = ? AND disabled_at IS NULL", string(role))
	if municipality != "" {
		q = q.Where("municipality_key = ?", municipality)
	}
	if companyID != 0 {
		q = q.Where("company_id = ?", companyID)
	}
	var rows []userRow
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]account.User, len(rows))
	for i := range rows {
		out[i] = rows[i].toUser()
	}
	return out, nil
}

// ExpireCase moves a proposal to expired if it is still proposed; false
// when another instance (or the companies) got there first.
func (s *Store) ExpireCase(ctx context.Context, id int64, now time.Time) (bool, error) {
	res := s.conn(ctx).Model(&caseRow{}).Where("id = ? AND state = ?", id, string(cases.Proposed)).
		Updates(map[string]any{"state": string(cases.Expired), "state_since": now.UTC(), "updated_at": now.UTC()})
	return res.RowsAffected == 1, res.Error
}

// SuccessfulPairs returns, for cases between two companies where a company
// reported a meeting, NDA, pilot or contract, the requester's ref and the
// partner's ref (staff proposals count from the Tokyo side).
func (s *Store) SuccessfulPairs(ctx context.Context) ([][2]string, error) {
	var rows []struct {
		From, To string
	}
	err := s.conn(ctx).Raw(`SELECT DISTINCT r.ref AS "from", p.ref AS "to"
		FROM cases c
		JOIN companies t ON t.id = c.tokyo_company_id
		JOIN companies n ON n.id = c.nrw_company_id
		JOIN companies r ON r.id = CASE WHEN c.requester_id = c.nrw_company_id THEN c.nrw_company_id ELSE c.tokyo_company_id END
		JOIN companies p ON p.id = CASE WHEN c.requester_id = c.nrw_company_id THEN c.tokyo_company_id ELSE c.nrw_company_id END
		WHERE c.nrw_company_id IS NOT NULL AND t.deleted_at IS NULL AND n.deleted_at IS NULL
		  AND EXISTS (SELECT 1 FROM case_outcomes o WHERE o.case_id = c.id AND o.kind IN ('meeting','nda','pilot','contract'))
		ORDER BY 1, 2`).Scan(&rows).Error
	out := make([][2]string, len(rows))
	for i, r := range rows {
		out[i] = [2]string{r.From, r.To}
	}
	return out, err
}
