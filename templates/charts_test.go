package templates

import (
	"bytes"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"kakehashi/internal/i18n"
)

func renderChart(t *testing.T, lang string, charts ...Chart) (*goquery.Document, string) {
	t.Helper()
	ctx := WithReq(context.Background(), &Req{Lang: lang})
	var buf bytes.Buffer
	for _, c := range charts {
		if err := BarChart(c).Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return doc, buf.String()
}

var months = []string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"}

func TestBarChart(t *testing.T) {
	tests := []struct {
		name string
		lang string
		c    Chart
	}{
		{"vertical two series", "de", Chart{
			ID: "cases-per-month", Title: "Fälle pro Monat", Desc: "Im März die meisten Fälle.",
			Categories: months,
			Series: []Series{
				{"NRW", []float64{3, 5, 12, 7, 4, 0, 2, 8, 9, 11, 6, 1}},
				{"Tokyo", []float64{1, 4, 9, 7, 3, 2, 0, 5, 10, 12, 7, 2}},
			},
		}},
		{"vertical one series with unit", "en", Chart{
			ID: "lead-time", Title: "Days to first contact", Desc: "Usually under a week.",
			Categories: []string{"2023", "2024", "2025"},
			Series:     []Series{{"Median", []float64{6.5, 5.25, 4}}},
			Unit:       "days",
		}},
		{"horizontal long labels", "de", Chart{
			ID: "by-municipality", Title: "Unternehmen nach Kommune", Desc: "Düsseldorf führt.",
			Categories: []string{"Düsseldorf", "Mönchengladbach", "Rhein-Kreis Neuss", "Köln"},
			Series: []Series{
				{"Registriert", []float64{120, 45, 38, 1234}},
				{"Freigegeben", []float64{100, 40, 30, 1100}},
				{"Vermittelt", []float64{12, 3, 4, 150}},
			},
			Horizontal: true,
		}},
		{"horizontal japanese", "ja", Chart{
			ID: "sectors", Title: "業種別の企業数", Desc: "製造業が最も多い。",
			Categories: []string{"製造業", "情報通信業", "卸売業・小売業", "学術研究、専門・技術サービス業"},
			Series:     []Series{{"東京", []float64{30, 22, 9, 14}}, {"NRW", []float64{41, 18, 12, 8}}},
			Unit:       "社",
			Horizontal: true,
		}},
		{"negative values", "en", Chart{
			ID: "change", Title: "Change on last year", Desc: "Down in two sectors.",
			Categories: []string{"A", "B", "C"},
			Series:     []Series{{"NRW", []float64{-4, 7, -12}}, {"Tokyo", []float64{3, -2, 5}}},
		}},
		{"negative horizontal", "de", Chart{
			ID: "change-h", Title: "Veränderung", Categories: []string{"Bochum", "Essen"},
			Series: []Series{{"Saldo", []float64{-1500.5, 230}}}, Horizontal: true,
		}},
		{"all zero", "en", Chart{
			ID: "zero", Title: "Failed mails", Desc: "None failed.",
			Categories: []string{"Mon", "Tue"},
			Series:     []Series{{"NRW", []float64{0, 0}}, {"Tokyo", []float64{0, 0}}},
		}},
		{"many series and a long legend", "en", Chart{
			ID: "states", Title: "Cases by state", Desc: "Most are open.",
			Categories: []string{"Q1", "Q2"},
			Series: []Series{
				{"Open", []float64{5, 6}}, {"In review", []float64{2, 3}}, {"Introduced to the partner company", []float64{1, 2}},
				{"Closed", []float64{4, 4}}, {"Rejected", []float64{0, 1}}, {"Withdrawn", []float64{1, 0}}, {"Archived", []float64{2, 2}},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, html := renderChart(t, tt.lang, tt.c)
			nC, nS := len(tt.c.Categories), len(tt.c.Series)

			if got := doc.Find("figure > figcaption").Text(); got != tt.c.Title {
				t.Errorf("figcaption %q", got)
			}
			if strings.Contains(html, "style=") || doc.Find("[style], style").Length() > 0 {
				t.Error("inline style found; the CSP forbids it")
			}
			if doc.Find("script").Length() > 0 {
				t.Error("script found")
			}
			svg := doc.Find("figure > svg")
			if svg.Length() != 1 {
				t.Fatalf("%d svg elements", svg.Length())
			}
			if r, _ := svg.Attr("role"); r != "img" {
				t.Errorf("svg role %q", r)
			}
			if w, _ := svg.Attr("width"); w != "100%" {
				t.Errorf("svg width %q", w)
			}
			labelledBy, _ := svg.Attr("aria-labelledby")
			wantIDs := []string{tt.c.ID + "-title"}
			if tt.c.Desc != "" {
				wantIDs = append(wantIDs, tt.c.ID+"-desc")
			}
			if ids := strings.Fields(labelledBy); !slices.Equal(ids, wantIDs) {
				t.Errorf("aria-labelledby %q, want %q", labelledBy, wantIDs)
			}
			if got := svg.ChildrenFiltered("title#" + tt.c.ID + "-title").Text(); got != tt.c.Title {
				t.Errorf("svg title %q", got)
			}
			if tt.c.Desc != "" {
				if got := svg.ChildrenFiltered("desc#" + tt.c.ID + "-desc").Text(); got != tt.c.Desc {
					t.Errorf("svg desc %q", got)
				}
			}

			bars := svg.Find("rect.chart-bar")
			if bars.Length() != nC*nS {
				t.Errorf("%d bars, want %d×%d", bars.Length(), nC, nS)
			}
			bars.Each(func(i int, b *goquery.Selection) {
				cat, ser := tt.c.Categories[i/nS], tt.c.Series[i%nS].Name
				if tip := b.ChildrenFiltered("title").Text(); !strings.Contains(tip, cat) || !strings.Contains(tip, ser) {
					t.Errorf("bar %d title %q lacks %q or %q", i, tip, cat, ser)
				}
			})
			wantLegend := 0
			if nS > 1 {
				wantLegend = nS
			}
			if n := svg.Find(".chart-legend rect.chart-swatch").Length(); n != wantLegend {
				t.Errorf("%d legend entries, want %d", n, wantLegend)
			}
			checkInsideViewBox(t, svg)
			checkReferences(t, doc)

			if got := doc.Find("details > summary").Text(); got != i18n.T(tt.lang, "chart.table") {
				t.Errorf("summary %q", got)
			}
			table := doc.Find("details > div.table-scroll > table")
			if table.Length() != 1 {
				t.Fatal("no table in details > .table-scroll")
			}
			if table.Find("caption").Text() == "" {
				t.Error("table without caption")
			}
			cols := table.Find(`thead th[scope="col"]`)
			if cols.Length() != nS {
				t.Errorf("%d column headers, want %d", cols.Length(), nS)
			}
			cols.Each(func(i int, th *goquery.Selection) {
				if th.Text() != tt.c.Series[i].Name {
					t.Errorf("column %d: %q", i, th.Text())
				}
			})
			rows := table.Find("tbody tr")
			if rows.Length() != nC {
				t.Errorf("%d rows, want %d", rows.Length(), nC)
			}
			rows.Each(func(i int, tr *goquery.Selection) {
				if th := tr.Find(`th[scope="row"]`); th.Length() != 1 || th.Text() != tt.c.Categories[i] {
					t.Errorf("row %d header %q", i, th.Text())
				}
				if n := tr.Find("td").Length(); n != nS {
					t.Errorf("row %d: %d cells, want %d", i, n, nS)
				}
			})
		})
	}
}

// checkInsideViewBox fails when a label or bar (by estimated text width) lies
// outside the viewBox, which would clip it.
func checkInsideViewBox(t *testing.T, svg *goquery.Selection) {
	t.Helper()
	vb, _ := svg.Attr("viewBox")
	p := strings.Fields(vb)
	if len(p) != 4 {
		t.Fatalf("viewBox %q", vb)
	}
	w, h := num64(t, p[2]), num64(t, p[3])
	svg.Find("text").Each(func(_ int, s *goquery.Selection) {
		fs := chartFont
		if v, ok := s.Closest("[font-size]").Attr("font-size"); ok {
			fs = num64(t, v)
		}
		x, y := num64(t, s.AttrOr("x", "")), num64(t, s.AttrOr("y", ""))
		tw := chartTextWidth(s.Text(), fs)
		x0 := map[string]float64{"start": x, "middle": x - tw/2, "end": x - tw}[s.AttrOr("text-anchor", "start")]
		if x0 < 0 || x0+tw > w || y-fs < 0 || y > h {
			t.Errorf("text %q at (%.1f–%.1f, %.1f) outside viewBox %s", s.Text(), x0, x0+tw, y, vb)
		}
	})
	svg.Find("rect.chart-bar, rect.chart-swatch").Each(func(_ int, s *goquery.Selection) {
		x, y := num64(t, s.AttrOr("x", "")), num64(t, s.AttrOr("y", ""))
		bw, bh := num64(t, s.AttrOr("width", "")), num64(t, s.AttrOr("height", ""))
		if x < 0 || y < 0 || bw < 0 || bh < 0 || x+bw > w || y+bh > h {
			t.Errorf("rect (%v %v %v %v) outside viewBox %s", x, y, bw, bh, vb)
		}
	})
}

// checkReferences fails on duplicate ids and on url(#…) or aria references
// to missing ids.
func checkReferences(t *testing.T, doc *goquery.Document) {
	t.Helper()
	ids := map[string]bool{}
	doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
		id := s.AttrOr("id", "")
		if ids[id] {
			t.Errorf("duplicate id %q", id)
		}
		ids[id] = true
	})
	doc.Find("[fill^='url(#']").Each(func(_ int, s *goquery.Selection) {
		ref := strings.TrimSuffix(strings.TrimPrefix(s.AttrOr("fill", ""), "url(#"), ")")
		if !ids[ref] {
			t.Errorf("fill references missing %q", ref)
		}
	})
	doc.Find("[aria-labelledby]").Each(func(_ int, s *goquery.Selection) {
		for _, ref := range strings.Fields(s.AttrOr("aria-labelledby", "")) {
			if !ids[ref] {
				t.Errorf("aria-labelledby references missing %q", ref)
			}
		}
	})
}

func num64(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

func TestBarChartEmpty(t *testing.T) {
	tests := []struct {
		name string
		c    Chart
	}{
		{"no categories", Chart{ID: "a", Title: "T", Series: []Series{{"NRW", nil}}}},
		{"no series", Chart{ID: "b", Title: "T", Categories: []string{"Jan"}}},
		{"no values", Chart{ID: "c", Title: "T", Categories: []string{"Jan"}, Series: []Series{{"NRW", nil}}}},
		{"only NaN", Chart{ID: "d", Title: "T", Categories: []string{"Jan"}, Series: []Series{{"NRW", []float64{math.NaN()}}}}},
	}
	for _, lang := range i18n.Langs {
		for _, tt := range tests {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				doc, _ := renderChart(t, lang, tt.c)
				if got, want := doc.Find("[data-testid=chart-empty]").Text(), i18n.T(lang, "chart.no_data"); got != want {
					t.Errorf("got %q, want %q", got, want)
				}
				if doc.Find("svg, table").Length() > 0 {
					t.Error("empty chart renders an svg or table")
				}
				if doc.Find("figcaption").Text() != "T" {
					t.Error("empty chart lost its caption")
				}
			})
		}
	}
}

func TestBarChartAllZero(t *testing.T) {
	doc, _ := renderChart(t, "en", Chart{ID: "z", Title: "T", Categories: []string{"a", "b", "c"},
		Series: []Series{{"NRW", []float64{0, 0, 0}}}})
	var ticks []string
	doc.Find(".chart-ticks text").Each(func(_ int, s *goquery.Selection) { ticks = append(ticks, s.Text()) })
	if !slices.Equal(ticks, []string{"0", "1"}) {
		t.Errorf("ticks %q, want [0 1]", ticks)
	}
	doc.Find("rect.chart-bar").Each(func(_ int, s *goquery.Selection) {
		if s.AttrOr("height", "") != "0" {
			t.Errorf("zero bar has height %s", s.AttrOr("height", ""))
		}
	})
	if got := doc.Find(".chart-values text").Length(); got != 3 {
		t.Errorf("%d value labels, want 3", got)
	}
}

func TestBarChartMissingValue(t *testing.T) {
	doc, _ := renderChart(t, "en", Chart{ID: "m", Title: "T", Categories: []string{"a", "b", "c"},
		Series: []Series{{"NRW", []float64{1, math.Inf(1)}}}})
	if n := doc.Find("rect.chart-bar").Length(); n != 1 {
		t.Errorf("%d bars, want 1", n)
	}
	var cells []string
	doc.Find("tbody td").Each(func(_ int, s *goquery.Selection) { cells = append(cells, s.Text()) })
	if !slices.Equal(cells, []string{"1", "–", "–"}) {
		t.Errorf("cells %q", cells)
	}
}

func TestBarChartHorizontal(t *testing.T) {
	long := "Wirtschaftsförderung Rhein-Kreis Neuss"
	c := Chart{ID: "h", Title: "T", Desc: "D", Horizontal: true,
		Categories: []string{"Essen", long, "Köln"},
		Series:     []Series{{"NRW", []float64{3, 10, 7}}}}
	doc, _ := renderChart(t, "de", c)
	l := layoutChart(WithReq(context.Background(), &Req{Lang: "de"}), c)
	if need := chartPad + chartTextWidth(long, chartFont); l.Plot.X < need {
		t.Errorf("left margin %.1f, the longest label needs %.1f", l.Plot.X, need)
	}
	doc.Find(".chart-categories text").Each(func(_ int, s *goquery.Selection) {
		if s.AttrOr("text-anchor", "") != "end" {
			t.Errorf("category %q not right-aligned", s.Text())
		}
	})
	// Bars grow to the right from the same x and are equally thick.
	var xs, hs []string
	doc.Find("rect.chart-bar").Each(func(_ int, s *goquery.Selection) {
		xs = append(xs, s.AttrOr("x", ""))
		hs = append(hs, s.AttrOr("height", ""))
	})
	if len(slices.Compact(xs)) != 1 || len(slices.Compact(hs)) != 1 {
		t.Errorf("bars x %q height %q", xs, hs)
	}
	// More categories make the chart taller, not wider.
	c2 := c
	c2.Categories = append(slices.Clone(c.Categories), "Bonn", "Aachen")
	c2.Series = []Series{{"NRW", []float64{3, 10, 7, 1, 2}}}
	l2 := layoutChart(WithReq(context.Background(), &Req{Lang: "de"}), c2)
	if l2.H <= l.H || l2.W != l.W {
		t.Errorf("5 categories: %v×%v, 3 categories: %v×%v", l2.W, l2.H, l.W, l.H)
	}
}

func TestBarChartGermanNumbers(t *testing.T) {
	c := Chart{ID: "n", Title: "Umsatz", Unit: "Tsd. €", Categories: []string{"Düsseldorf", "Köln"},
		Series: []Series{{"2024", []float64{12345.67, 0.25}}, {"2025", []float64{1234, 56789}}}}
	tests := []struct {
		lang    string
		cells   []string
		caption string
	}{
		{"de", []string{"12.345,7", "1234,0", "0,3", "56.789,0"}, "Umsatz (Tsd. €)"},
		{"en", []string{"12,345.7", "1234.0", "0.3", "56,789.0"}, "Umsatz (Tsd. €)"},
		{"ja", []string{"12,345.7", "1234.0", "0.3", "56,789.0"}, "Umsatz（Tsd. €）"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			doc, _ := renderChart(t, tt.lang, c)
			var cells []string
			doc.Find("tbody td").Each(func(_ int, s *goquery.Selection) { cells = append(cells, s.Text()) })
			if !slices.Equal(cells, tt.cells) {
				t.Errorf("cells %q, want %q", cells, tt.cells)
			}
			if got := doc.Find("caption").Text(); got != tt.caption {
				t.Errorf("caption %q, want %q", got, tt.caption)
			}
		})
	}
	// Integers keep i18n.Number's grouping and get no decimals.
	doc, _ := renderChart(t, "de", Chart{ID: "i", Title: "T", Categories: []string{"a", "b"},
		Series: []Series{{"NRW", []float64{1234567, 12}}}})
	var cells []string
	doc.Find("tbody td").Each(func(_ int, s *goquery.Selection) { cells = append(cells, s.Text()) })
	if !slices.Equal(cells, []string{"1.234.567", "12"}) {
		t.Errorf("integer cells %q", cells)
	}
}

func TestFormatNum(t *testing.T) {
	tests := []struct {
		lang string
		v    float64
		dec  int
		want string
	}{
		{"de", 0, 0, "0"},
		{"de", 12345, 0, "12.345"},
		{"en", 12345, 0, "12,345"},
		{"de", 2.5, 1, "2,5"},
		{"ja", 2.5, 1, "2.5"},
		{"de", -0.04, 1, "0,0"},
		{"de", -1234.56, 1, "-1234,6"},
		{"en", 0.05, 2, "0.05"},
		{"de", 9.96, 1, "10,0"},
	}
	for _, tt := range tests {
		if got := chartNum(tt.lang, tt.v, tt.dec); got != tt.want {
			t.Errorf("chartNum(%s, %v, %d) = %q, want %q", tt.lang, tt.v, tt.dec, got, tt.want)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi  float64
		target  int
		integer bool
		want    []float64
		dec     int
	}{
		{0, 0, 5, true, []float64{0, 1}, 0},
		{0, 12, 5, true, []float64{0, 5, 10, 15}, 0},
		{0, 10, 5, true, []float64{0, 2, 4, 6, 8, 10}, 0},
		{0, 3, 5, true, []float64{0, 1, 2, 3}, 0},
		{0, 1.5, 5, false, []float64{0, 0.5, 1, 1.5}, 1},
		{0, 0.07, 5, false, []float64{0, 0.02, 0.04, 0.06, 0.08}, 2},
		{-12, 7, 5, true, []float64{-15, -10, -5, 0, 5, 10}, 0},
		{0, 1234, 5, true, []float64{0, 500, 1000, 1500}, 0},
	}
	for _, tt := range tests {
		got, dec := chartTicks(tt.lo, tt.hi, tt.target, tt.integer)
		if !slices.Equal(got, tt.want) || dec != tt.dec {
			t.Errorf("chartTicks(%v, %v) = %v (%d decimals), want %v (%d)", tt.lo, tt.hi, got, dec, tt.want, tt.dec)
		}
	}
}

func TestTextWidthCJKDouble(t *testing.T) {
	if a, b := chartTextWidth("製造業", 12), chartTextWidth("abc", 12); a < 1.6*b {
		t.Errorf("CJK %v not about double Latin %v", a, b)
	}
}

// Bars need 3:1 against the white background (WCAG 1.4.11), text 4.5:1 (1.4.3).
func TestChartContrast(t *testing.T) {
	for _, c := range chartPalette {
		if r := contrastOnWhite(c); r < 3 {
			t.Errorf("bar colour %s: %.2f:1", c, r)
		}
	}
	for _, c := range []string{chartInk, chartMuted} {
		if r := contrastOnWhite(c); r < 4.5 {
			t.Errorf("text colour %s: %.2f:1", c, r)
		}
	}
}

func contrastOnWhite(hex string) float64 {
	var lum float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += w * c
	}
	return 1.05 / (lum + 0.05)
}

func TestTwoChartsOnOnePage(t *testing.T) {
	c := Chart{Title: "T", Desc: "D", Categories: []string{"a"},
		Series: []Series{{"NRW", []float64{1}}, {"Tokyo", []float64{2}}}}
	a, b := c, c
	a.ID, b.ID = "first", "second"
	doc, _ := renderChart(t, "en", a, b)
	checkReferences(t, doc)
}

func TestChartIDSanitised(t *testing.T) {
	for in, want := range map[string]string{"cases-2025": "cases-2025", "a b\"c": "a-b-c", "": "chart-", "2025": "chart-2025", "事例": "chart---"} {
		if got := chartID(in); got != want {
			t.Errorf("chartID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestChartKeysTranslated(t *testing.T) {
	for _, lang := range i18n.Langs {
		keys := i18n.Keys(lang)
		for _, k := range []string{"chart.table", "chart.no_data", "chart.bar", "chart.value_unit", "chart.caption_unit"} {
			if _, ok := slices.BinarySearch(keys, k); !ok {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}
