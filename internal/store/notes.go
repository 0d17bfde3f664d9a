package store

import (
	"context"
	"time"
)

// Notification is an entry in a user's in-portal notification list.
type Notification struct {
	ID        int64
	UserID    int64
	Kind      string
	CaseID    *int64
	Args      jsonCol[map[string]string]
	CreatedAt time.Time
	ReadAt    *time.Time
}

func (Notification) TableName() string { return "notifications" }

// AddNotification adds to a user's notification list.
func (s *Store) AddNotification(ctx context.Context, userID int64, kind string, caseID int64, args map[string]string) error {
	defer s.authWrite()
	if args == nil {
		args = map[string]string{}
	}
	n := Notification{UserID: userID, Kind: kind, CaseID: idPtr(caseID), Args: jsonCol[map[string]string]{args}, CreatedAt: s.now()}
	return s.conn(ctx).Create(&n).Error
}

// Notifications returns a user's newest notifications.
func (s *Store) Notifications(ctx context.Context, userID int64, limit int) ([]Notification, error) {
	var out []Notification
	err := s.conn(ctx).Where("user_id = ?", userID).Order("created_at DESC, id DESC").Limit(limit).Find(&out).Error
	return out, err
}

// MarkNotificationsRead marks all of a user's notifications read.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID int64) error {
	defer s.authWrite()
	return s.conn(ctx).Model(&Notification{}).Where("user_id = ? AND read_at IS NULL", userID).Update("read_at", s.now()).Error
}

// StaffNote is a private note of agency staff on a company.
type StaffNote struct {
	ID        int64
	CompanyID int64
	AuthorID  *int64
	Body      string
	CreatedAt time.Time
}

func (StaffNote) TableName() string { return "staff_notes" }

// AddStaffNote stores a note.
func (s *Store) AddStaffNote(ctx context.Context, companyID, authorID int64, body string) error {
	n := StaffNote{CompanyID: companyID, AuthorID: idPtr(authorID), Body: body, CreatedAt: s.now()}
	return s.conn(ctx).Create(&n).Error
}

// StaffNotes returns the notes on a company, newest first.
func (s *Store) StaffNotes(ctx context.Context, companyID int64) ([]StaffNote, error) {
	var out []StaffNote
	err := s.conn(ctx).Where("company_id = ?", companyID).Order("created_at DESC, id DESC").Find(&out).Error
	return out, err
}

// UserEmails returns the e-mail addresses of the given users, by id.
func (s *Store) UserEmails(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []userRow
	if err := s.conn(ctx).Select("id", "email").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r.Email
	}
	return out, nil
}
