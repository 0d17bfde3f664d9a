package store

import (
	"context"
	"fmt"
	"time"
)

// PersonalColumns lists, for every table, the columns that hold personal
// data (names, e-mail addresses, phone numbers, free text people write,
// network addresses). Tables without personal data are listed with no
// columns. A test compares this with the real schema, so a new table or
// column cannot be forgotten by export and deletion.
var PersonalColumns = map[string][]string{
	"schema_migrations": nil,
	"municipalities":    {"contact_name", "contact_role", "contact_email", "contact_phone"}, // agency desks, not users
	"companies":         {"contact_name", "contact_role", "contact_email", "contact_phone"},
	"users":             {"email"},
	"sessions":          nil,
	"settings":          nil, // installation secrets, no personal data
	"tokens":            nil,
	"outbox":            {"to_addr", "subject", "body"},
	"match_exclusions":  {"note"},
	"cases":             {"message"},
	"case_events":       {"note"},
	"case_outcomes":     {"note"},
	"notifications":     {"args"},
	"staff_notes":       {"body"},
	"first_contacts":    {"company_name", "what_they_do", "looking_for", "contact_name", "email", "phone"},
	"audit_log":         {"ip"},
	"login_attempts":    {"ip"},
}

// Tables returns the names of the application's tables.
func (s *Store) Tables(ctx context.Context) ([]string, error) {
	var names []string
	var err error
	if s.dialect == "postgres" {
		err = s.conn(ctx).Raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`).Scan(&names).Error
	} else {
		err = s.conn(ctx).Raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`).Scan(&names).Error
	}
	return names, err
}

// Columns returns the column names of a table.
func (s *Store) Columns(ctx context.Context, table string) ([]string, error) {
	var cols []string
	var err error
	if s.dialect == "postgres" {
		err = s.conn(ctx).Raw(`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`, table).Scan(&cols).Error
	} else {
		err = s.conn(ctx).Raw(`SELECT name FROM pragma_table_info(?)`, table).Scan(&cols).Error
	}
	return cols, err
}

// EraseCompany anonymises a company whose account was deleted: its name,
// texts and contact go, the row stays (marked deleted) so that cases keep
// their statistics. Messages and notes its users wrote are erased too.
func (s *Store) EraseCompany(ctx context.Context, id int64, now time.Time) error {
	db := s.conn(ctx)
	steps := []struct {
		sql  string
		args []any
	}{
		{`UPDATE companies SET name = ?, ref = ?, city = '', keywords = '[]', description = '{}', offers = '[]', seeks = '[]',
			website = '', contact_name = '', contact_role = '', contact_email = '', contact_phone = '', deleted_at = ?, updated_at = ? WHERE id = ?`,
			[]any{"—", fmt.Sprintf("deleted-%d", id), now.UTC(), now.UTC(), id}},
		{`UPDATE cases SET message = '' WHERE requester_id = ?`, []any{id}},
		{`UPDATE case_outcomes SET note = '' WHERE company_id = ?`, []any{id}},
		{`DELETE FROM staff_notes WHERE company_id = ?`, []any{id}},
		{`UPDATE match_exclusions SET note = '' WHERE company_a = ? OR company_b = ?`, []any{id, id}},
	}
	for _, st := range steps {
		if err := db.Exec(st.sql, st.args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// EraseUser removes a user and every trace of their address: mail sent to
// them, first-contact requests from them, their notes on cases, their
// network addresses in the logs. Sessions, tokens and notifications go with
// the user row (foreign keys).
func (s *Store) EraseUser(ctx context.Context, id int64, email, emailHash string) error {
	defer s.authWrite()
	db := s.conn(ctx)
	steps := []struct {
		sql  string
		args []any
	}{
		{`UPDATE outbox SET to_addr = 'erased', subject = '', body = '' WHERE to_addr = ?`, []any{email}},
		{`UPDATE first_contacts SET company_name = '', what_they_do = '', looking_for = '', contact_name = '', email = 'erased', phone = '', state = 'closed' WHERE email = ?`, []any{email}},
		{`UPDATE case_events SET note = '' WHERE actor_user_id = ?`, []any{id}},
		{`UPDATE case_outcomes SET note = '' WHERE user_id = ?`, []any{id}},
		{`UPDATE audit_log SET ip = '' WHERE actor_user_id = ?`, []any{id}},
		{`DELETE FROM login_attempts WHERE email_hash = ?`, []any{emailHash}},
		{`DELETE FROM notifications WHERE user_id = ?`, []any{id}},
		{`DELETE FROM sessions WHERE user_id = ?`, []any{id}},
		{`DELETE FROM tokens WHERE user_id = ?`, []any{id}},
		{`DELETE FROM users WHERE id = ?`, []any{id}},
	}
	for _, st := range steps {
		if err := db.Exec(st.sql, st.args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// PersonalExport is everything stored about a user and their company.
type PersonalExport struct {
	Account       map[string]any   `json:"account"`
	Company       map[string]any   `json:"company,omitempty"`
	Cases         []map[string]any `json:"cases"`
	CaseEvents    []map[string]any `json:"case_events"`
	Outcomes      []map[string]any `json:"outcomes"`
	Notifications []map[string]any `json:"notifications"`
	Mail          []map[string]any `json:"mail"`
	FirstContacts []map[string]any `json:"first_contact_requests"`
	Sessions      []map[string]any `json:"sessions"`
	AuditLog      []map[string]any `json:"security_log"`
	Exclusions    []map[string]any `json:"excluded_pairs"`
}

// ExportPersonal gathers a user's data (Art. 15 GDPR).
func (s *Store) ExportPersonal(ctx context.Context, userID int64, email string, companyID int64) (PersonalExport, error) {
	db := s.conn(ctx)
	var out PersonalExport
	q := func(dst *[]map[string]any, table, where string, args ...any) error {
		rows := []map[string]any{}
		if err := db.Table(table).Where(where, args...).Order("id").Find(&rows).Error; err != nil {
			return err
		}
		*dst = rows
		return nil
	}
	var acc []map[string]any
	if err := db.Table("users").Select("id, email, role, municipality_key, company_id, lang, time_zone, email_confirmed_at, disabled_at, consent_at, consent_version, created_at, updated_at").
		Where("id = ?", userID).Find(&acc).Error; err != nil {
		return out, err
	}
	if len(acc) == 1 {
		out.Account = acc[0]
	}
	if companyID != 0 {
		var cs []map[string]any
		if err := db.Table("companies").Where("id = ?", companyID).Find(&cs).Error; err != nil {
			return out, err
		}
		if len(cs) == 1 {
			out.Company = cs[0]
		}
	}
	steps := []struct {
		dst   *[]map[string]any
		table string
		where string
		args  []any
	}{
		{&out.Cases, "cases", "nrw_company_id = ? OR tokyo_company_id = ?", []any{companyID, companyID}},
		{&out.CaseEvents, "case_events", "actor_user_id = ?", []any{userID}},
		{&out.Outcomes, "case_outcomes", "user_id = ? OR company_id = ?", []any{userID, companyID}},
		{&out.Notifications, "notifications", "user_id = ?", []any{userID}},
		{&out.Mail, "outbox", "to_addr = ?", []any{email}},
		{&out.FirstContacts, "first_contacts", "email = ?", []any{email}},
		{&out.AuditLog, "audit_log", "actor_user_id = ?", []any{userID}},
		{&out.Exclusions, "match_exclusions", "company_a = ? OR company_b = ?", []any{companyID, companyID}},
	}
	for _, st := range steps {
		if err := q(st.dst, st.table, st.where, st.args...); err != nil {
			return out, err
		}
	}
	var sess []map[string]any
	if err := db.Table("sessions").Select("created_at, last_seen_at, expires_at").Where("user_id = ?", userID).Find(&sess).Error; err != nil {
		return out, err
	}
	out.Sessions = sess
	return out, nil
}

// RawCount runs a COUNT query (for tests that scan tables).
func (s *Store) RawCount(ctx context.Context, sql string, arg any, n *int64) error {
	return s.conn(ctx).Raw(sql, arg).Scan(n).Error
}
