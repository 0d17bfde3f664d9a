package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// Exclusion reasons.
const (
	ExclusionUnsuitable = "unsuitable" // staff marked the pair unsuitable
	ExclusionDeclined   = "declined"   // an introduction between them was declined
)

type exclusionRow struct {
	ID        int64
	CompanyA  int64
	CompanyB  int64
	Reason    string
	Note      string
	CreatedBy *int64
	CreatedAt time.Time
}

func (exclusionRow) TableName() string { return "match_exclusions" }

// Pair is an unordered pair of company ids, stored with A < B.
type Pair struct{ A, B int64 }

// NewPair orders a and b.
func NewPair(a, b int64) Pair {
	if a > b {
		a, b = b, a
	}
	return Pair{a, b}
}

// AddExclusion records that a and b must not be suggested to each other;
// recording the same pair again keeps the first record.
func (s *Store) AddExclusion(ctx context.Context, a, b int64, reason, note string, by int64) error {
	p := NewPair(a, b)
	row := exclusionRow{CompanyA: p.A, CompanyB: p.B, Reason: reason, Note: note, CreatedAt: s.now()}
	if by != 0 {
		row.CreatedBy = &by
	}
	return translate(s.conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error)
}

// Exclusions returns every excluded pair.
func (s *Store) Exclusions(ctx context.Context) ([]Pair, error) {
	var rows []exclusionRow
	if err := s.conn(ctx).Select("company_a", "company_b").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Pair, len(rows))
	for i, r := range rows {
		out[i] = Pair{r.CompanyA, r.CompanyB}
	}
	return out, nil
}
