package templates

import (
	"context"
	"testing"
	"time"

	"kakehashi/internal/report"
)

func TestDuration(t *testing.T) {
	for _, tt := range []struct {
		lang string
		d    time.Duration
		want string
	}{
		{"en", 90 * time.Second, "2 minutes"},
		{"en", 5*time.Hour + 15*time.Minute, "5.3 hours"},
		{"de", 5*time.Hour + 15*time.Minute, "5,3 Stunden"},
		{"ja", 47 * time.Hour, "47.0時間"},
		{"en", 60 * time.Hour, "2.5 days"},
		{"de", 36 * 24 * time.Hour, "36,0 Tage"},
	} {
		ctx := WithReq(context.Background(), &Req{Lang: tt.lang})
		if got := duration(ctx, tt.d); got != tt.want {
			t.Errorf("duration(%s, %v) = %q, want %q", tt.lang, tt.d, got, tt.want)
		}
	}
}

func TestGroupsChartDropsUnreportedKinds(t *testing.T) {
	ctx := WithReq(context.Background(), &Req{Lang: "en"})
	groups := []report.Group{
		{Key: "a", Introductions: 2, Outcomes: map[string]int{"nda": 1}},
		{Key: "b", Outcomes: map[string]int{}},
	}
	c := groupsChart(ctx, "x", "X", "", groups, func(k string) string { return k })
	if len(c.Series) != 2 || c.Series[0].Name != "Introductions" || c.Series[1].Name != "NDA signed" {
		t.Fatalf("series %+v", c.Series)
	}
	if len(c.Categories) != 2 || c.Series[1].Values[0] != 1 || c.Series[1].Values[1] != 0 {
		t.Errorf("chart %+v", c)
	}
}

func TestMonthLabel(t *testing.T) {
	m := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"de": "Mai 2026", "en": "May 2026", "ja": "2026年5月"} {
		if got := monthLabel(WithReq(context.Background(), &Req{Lang: lang}), m); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
