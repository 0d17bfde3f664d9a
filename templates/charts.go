package templates

import (
	"context"
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"kakehashi/internal/i18n"
)

// Chart is data for a bar chart; all strings already translated by the caller.
// BarChart renders it as an inline SVG (no script, no inline styles, so the
// page's CSP holds) followed by the same numbers as a table for screen-reader
// and keyboard users and for anyone who needs exact values.
type Chart struct {
	ID         string   // unique on the page, used for element ids
	Title      string   // figure caption, SVG title and table caption
	Desc       string   // one-sentence summary for screen readers
	Categories []string // x-axis labels, e.g. months or states
	Series     []Series // one or more (grouped bars), e.g. "NRW", "Tokyo"
	Unit       string   // optional, e.g. "days"
	Horizontal bool     // long category labels (municipalities, sectors) read better horizontally
}

// Series is one set of bars; len(Values) == len(Categories). A missing, NaN or
// infinite value draws no bar and shows as "–" in the table.
type Series struct {
	Name   string
	Values []float64
}

// value returns the i-th value of series s and whether it is a number.
func (c Chart) value(s, i int) (float64, bool) {
	vs := c.Series[s].Values
	if i >= len(vs) || math.IsNaN(vs[i]) || math.IsInf(vs[i], 0) {
		return 0, false
	}
	return vs[i], true
}

// chartPalette: every colour has at least 4.5:1 contrast against white (3:1 is
// required for graphics), and blue/orange/green/purple stay apart for the
// common colour-vision deficiencies. Series also differ by fill pattern, so
// colour is never the only cue.
var chartPalette = []string{"#0072b2", "#c45500", "#007a5e", "#a3306b", "#5a6470", "#6a3d9a"}

const (
	chartInk   = "#1b1f24" // labels, 16.6:1 on white
	chartMuted = "#4a5561" // ticks and axis, 7.6:1 on white
	chartGrid  = "#d5dbe1" // gridlines are decoration, not information
)

// Patterns by series index: solid, diagonal stripes, dots, cross-hatch,
// horizontal lines, vertical lines; shifted by one after each round of colours
// so that a seventh series does not look like the first.
const chartPatterns = 6

// Sizes in viewBox units; the SVG is scaled to the container width.
const (
	chartFont      = 12.0
	chartValueFont = 11.0
	chartPad       = 8.0
	chartLegendRow = 18.0
	chartLegendBox = 12.0
	chartBarGap    = 2.0 // white gap between the bars of one group
	chartPlotH     = 200.0
	chartMinW      = 360.0
	chartHBar      = 16.0 // bar thickness of horizontal charts
	chartHTargetW  = 560.0
	chartHMinPlotW = 220.0
	chartMinBar    = 14.0
	chartMaxBar    = 48.0
)

// chartTextWidth estimates the rendered width of s at size fs: East Asian wide and
// fullwidth characters count one em, Latin capitals and m/w three quarters,
// narrow punctuation and i/l/1 less. It errs on the wide side so that labels
// never overflow the viewBox.
func chartTextWidth(s string, fs float64) float64 {
	w := 0.0
	for _, r := range s {
		switch k := width.LookupRune(r).Kind(); {
		case k == width.EastAsianWide || k == width.EastAsianFullwidth:
			w += 1.0
		case strings.ContainsRune("il1.,:;|!'()[] ", r):
			w += 0.35
		case unicode.IsUpper(r) || r == 'm' || r == 'w' || r == '%' || r == '@':
			w += 0.8
		default:
			w += 0.6
		}
	}
	return w * fs
}

// chartNum formats v in lang with dec decimals: digit grouping via
// i18n.Number, decimal comma in German, point in English and Japanese.
func chartNum(lang string, v float64, dec int) string {
	if math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	p := math.Pow(10, float64(dec))
	r := math.Round(math.Abs(v) * p)
	ip, fp := int64(r/p), int64(math.Mod(r, p))
	s := i18n.Number(lang, ip)
	if dec > 0 {
		sep := "."
		if lang == "de" {
			sep = ","
		}
		frac := strconv.FormatInt(fp, 10)
		s += sep + strings.Repeat("0", dec-len(frac)) + frac
	}
	if v < 0 && r != 0 {
		s = "-" + s
	}
	return s
}

// chartTicks covers [lo, hi] (which include 0) with about target round steps
// of 1, 2 or 5 × 10ⁿ; integer data never gets fractional steps. It returns the
// ticks and the decimals their labels need.
func chartTicks(lo, hi float64, target int, integer bool) ([]float64, int) {
	if hi-lo <= 0 {
		hi = lo + 1
	}
	rough := (hi - lo) / float64(max(target, 1))
	mag := math.Pow(10, math.Floor(math.Log10(rough)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if rough <= m*mag*(1+1e-9) {
			step = m * mag
			break
		}
	}
	if integer && step < 1 {
		step = 1
	}
	dec := 0
	for dec < 10 && math.Abs(step*math.Pow(10, float64(dec))-math.Round(step*math.Pow(10, float64(dec)))) > 1e-6 {
		dec++
	}
	start := math.Floor(lo/step+1e-9) * step
	n := int(math.Round((math.Ceil(hi/step-1e-9)*step - start) / step))
	ticks := make([]float64, n+1)
	p := math.Pow(10, float64(dec))
	for i := range ticks {
		ticks[i] = math.Round((start+float64(i)*step)*p) / p
	}
	return ticks, dec
}

// chartID makes c.ID safe for use in id attributes and url(#…) references.
func chartID(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 || !unicode.IsLetter(rune(b.String()[0])) {
		return "chart-" + b.String()
	}
	return b.String()
}

// f formats a coordinate for an SVG attribute.
func svgNum(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// chartCell is one value of the chart: the number in the table and the text of the
// bar's tooltip.
type chartCell struct {
	OK   bool
	Text string // formatted number, "–" when missing
}

// chartCells formats every value of c in lang and returns the decimals used:
// one when any value has a fraction, else none.
func chartCells(lang string, c Chart) ([][]chartCell, int) {
	dec := 0
	for s := range c.Series {
		for i := range c.Categories {
			if v, ok := c.value(s, i); ok && v != math.Trunc(v) {
				dec = 1
			}
		}
	}
	out := make([][]chartCell, len(c.Categories))
	for i := range c.Categories {
		out[i] = make([]chartCell, len(c.Series))
		for s := range c.Series {
			if v, ok := c.value(s, i); ok {
				out[i][s] = chartCell{OK: true, Text: chartNum(lang, v, dec)}
			} else {
				out[i][s] = chartCell{Text: "–"}
			}
		}
	}
	return out, dec
}

// chartWithUnit appends the chart's unit to a formatted value ("12 days", "12日").
func chartWithUnit(ctx context.Context, c Chart, v string) string {
	if c.Unit == "" {
		return v
	}
	return t(ctx, "chart.value_unit", "value", v, "unit", c.Unit)
}

func chartCaption(ctx context.Context, c Chart) string {
	if c.Unit == "" {
		return c.Title
	}
	return t(ctx, "chart.caption_unit", "title", c.Title, "unit", c.Unit)
}

// The layout: everything BarChart draws, in viewBox coordinates.
type chartLayout struct {
	ID       string
	Empty    bool // no finite value at all: show chart.no_data instead
	W, H     float64
	Plot     chartBox
	Grid     []chartLine // gridlines across the plot, one per tick
	Ticks    []chartText // tick values
	Zero     chartLine   // the baseline at value 0
	Bars     []chartBar
	Cats     []chartText // category labels
	Legend   []legendItem
	Unit     *chartText
	Fills    []seriesFill
	Cells    [][]chartCell // [category][series], for the table
	Caption  string
	SeriesOf []string
}

type chartBox struct{ X, Y, W, H float64 }

type chartLine struct{ X1, Y1, X2, Y2 float64 }

type chartText struct {
	X, Y   float64
	Text   string
	Anchor string // start, middle, end
}

type chartBar struct {
	chartBox
	Series int
	Title  string
	Label  *chartText // value label, nil when it does not fit
}

type legendItem struct {
	Swatch chartBox
	Series int
	Text   chartText
}

// seriesFill is the colour and pattern of one series.
type seriesFill struct {
	Colour  string
	Pattern int    // 0 solid, 1..5 see chartPatterns
	ID      string // pattern element id
}

// Paint is the fill attribute of the series' bars and swatch.
func (s seriesFill) Paint() string {
	if s.Pattern == 0 {
		return s.Colour
	}
	return "url(#" + s.ID + ")"
}

func (l chartLayout) viewBox() string { return "0 0 " + svgNum(l.W) + " " + svgNum(l.H) }

// svgClass adds a width class (charts.css) that caps the rendered size at
// about 1.2 × the natural one, so that a small chart is not blown up to the
// column width with oversized text. Wider charts simply fill the column.
func (l chartLayout) svgClass() string {
	n := int(math.Ceil(l.W/80)) * 80
	if n > 1280 {
		return "chart-svg"
	}
	return "chart-svg chart-w-" + strconv.Itoa(n)
}

// layoutChart computes the geometry of c in the request's language.
func layoutChart(ctx context.Context, c Chart) chartLayout {
	lang := lang(ctx)
	l := chartLayout{ID: chartID(c.ID), Caption: chartCaption(ctx, c)}
	var dec int
	l.Cells, dec = chartCells(lang, c)
	lo, hi, found := 0.0, 0.0, false
	for s := range c.Series {
		l.SeriesOf = append(l.SeriesOf, c.Series[s].Name)
		for i := range c.Categories {
			if v, ok := c.value(s, i); ok {
				lo, hi, found = min(lo, v), max(hi, v), true
			}
		}
	}
	if !found {
		l.Empty = true
		return l
	}
	for s := range c.Series {
		l.Fills = append(l.Fills, seriesFill{
			Colour:  chartPalette[s%len(chartPalette)],
			Pattern: (s + s/len(chartPalette)) % chartPatterns, // no two series alike
			ID:      l.ID + "-fill-" + strconv.Itoa(s),
		})
	}

	nC, nS := len(c.Categories), len(c.Series)
	catW, valW := 0.0, 0.0
	for i, name := range c.Categories {
		catW = max(catW, chartTextWidth(name, chartFont))
		for s := range c.Series {
			valW = max(valW, chartTextWidth(l.Cells[i][s].Text, chartValueFont))
		}
	}
	// The legend and the unit must fit on their own rows.
	legendW, unitW := 0.0, 0.0
	if nS > 1 {
		for _, s := range c.Series {
			legendW = max(legendW, chartLegendBox+6+chartTextWidth(s.Name, chartFont))
		}
	}
	if c.Unit != "" {
		unitW = chartTextWidth(c.Unit, chartFont)
	}
	minW := max(chartMinW, legendW+2*chartPad, unitW+2*chartPad)

	top := chartPad
	ticks, tickDec := chartTicks(lo, hi, 5, dec == 0)
	tickLabels := func() ([]string, float64) {
		out, w := make([]string, len(ticks)), 0.0
		for i, v := range ticks {
			out[i] = chartNum(lang, v, tickDec)
			w = max(w, chartTextWidth(out[i], chartFont))
		}
		return out, w
	}
	labels, tickW := tickLabels()

	if !c.Horizontal {
		if c.Unit != "" { // above the value axis
			l.Unit = &chartText{X: chartPad, Y: top + chartFont, Text: c.Unit, Anchor: "start"}
			top += chartFont + 6
		}
		left := chartPad + tickW + 6
		barW := min(max(valW+4, chartMinBar), chartMaxBar)
		groupW := max(float64(nS)*barW+float64(nS-1)*chartBarGap+16, catW+10)
		groupW = max(groupW, (minW-left-chartPad)/float64(nC))
		l.W = left + float64(nC)*groupW + chartPad
		top = l.layoutLegend(c, top)
		l.Plot = chartBox{X: left, Y: top + 16, W: float64(nC) * groupW, H: chartPlotH}
		y := func(v float64) float64 {
			return l.Plot.Y + l.Plot.H - (v-ticks[0])/(ticks[len(ticks)-1]-ticks[0])*l.Plot.H
		}
		for i, v := range ticks {
			l.Grid = append(l.Grid, chartLine{left, y(v), left + l.Plot.W, y(v)})
			l.Ticks = append(l.Ticks, chartText{X: left - 6, Y: y(v) + chartFont*0.35, Text: labels[i], Anchor: "end"})
		}
		l.Zero = chartLine{left, y(0), left + l.Plot.W, y(0)}
		bottom := l.Plot.Y + l.Plot.H
		for i, name := range c.Categories {
			gx := left + float64(i)*groupW
			l.Cats = append(l.Cats, chartText{X: gx + groupW/2, Y: bottom + 6 + chartFont, Text: name, Anchor: "middle"})
			x := gx + (groupW-float64(nS)*barW-float64(nS-1)*chartBarGap)/2
			for s := range c.Series {
				bx := x + float64(s)*(barW+chartBarGap)
				v, ok := c.value(s, i)
				if !ok {
					continue
				}
				b := chartBar{chartBox: chartBox{X: bx, Y: min(y(v), y(0)), W: barW, H: math.Abs(y(v) - y(0))}, Series: s,
					Title: chartBarTitle(ctx, c, i, s, l.Cells[i][s].Text)}
				lw := chartTextWidth(l.Cells[i][s].Text, chartValueFont)
				ly := y(v) - 4
				if v < 0 {
					ly = y(v) + 4 + chartValueFont
				}
				if lw <= barW+chartBarGap && (v >= 0 || ly <= bottom) {
					b.Label = &chartText{X: bx + barW/2, Y: ly, Text: l.Cells[i][s].Text, Anchor: "middle"}
				}
				l.Bars = append(l.Bars, b)
			}
		}
		l.H = bottom + 6 + chartFont + 4 + chartPad
		return l
	}

	// Horizontal: categories down the left, values along the bottom.
	groupH := float64(nS)*chartHBar + float64(nS-1)*chartBarGap + 12
	right := chartPad + valW + 6
	left := chartPad + catW + 8
	plotW := chartHMinPlotW
	for try := 0; ; try++ { // fewer ticks when their labels would collide
		right = max(right, chartPad+chartTextWidth(labels[len(labels)-1], chartFont)/2)
		left = max(left, chartPad+chartTextWidth(labels[0], chartFont)/2)
		plotW = max(chartHMinPlotW, chartHTargetW-left-right, minW-left-right)
		if try == 4 || len(ticks) <= 2 || plotW/float64(len(ticks)-1) >= tickW+12 {
			break
		}
		ticks, tickDec = chartTicks(lo, hi, len(ticks)-2, dec == 0)
		labels, tickW = tickLabels()
	}
	l.W = left + plotW + right
	top = l.layoutLegend(c, top)
	l.Plot = chartBox{X: left, Y: top + 4, W: plotW, H: float64(nC) * groupH}
	x := func(v float64) float64 {
		return left + (v-ticks[0])/(ticks[len(ticks)-1]-ticks[0])*plotW
	}
	bottom := l.Plot.Y + l.Plot.H
	for i, v := range ticks {
		l.Grid = append(l.Grid, chartLine{x(v), l.Plot.Y, x(v), bottom})
		l.Ticks = append(l.Ticks, chartText{X: x(v), Y: bottom + 6 + chartFont, Text: labels[i], Anchor: "middle"})
	}
	l.Zero = chartLine{x(0), l.Plot.Y, x(0), bottom}
	for i, name := range c.Categories {
		gy := l.Plot.Y + float64(i)*groupH
		l.Cats = append(l.Cats, chartText{X: left - 8, Y: gy + groupH/2 + chartFont*0.35, Text: name, Anchor: "end"})
		for s := range c.Series {
			by := gy + 6 + float64(s)*(chartHBar+chartBarGap)
			v, ok := c.value(s, i)
			if !ok {
				continue
			}
			b := chartBar{chartBox: chartBox{X: min(x(v), x(0)), Y: by, W: math.Abs(x(v) - x(0)), H: chartHBar}, Series: s,
				Title: chartBarTitle(ctx, c, i, s, l.Cells[i][s].Text)}
			ly := by + chartHBar/2 + chartValueFont*0.35
			if lw := chartTextWidth(l.Cells[i][s].Text, chartValueFont); v >= 0 {
				b.Label = &chartText{X: x(v) + 4, Y: ly, Text: l.Cells[i][s].Text, Anchor: "start"}
			} else if x(v)-4-lw >= left {
				b.Label = &chartText{X: x(v) - 4, Y: ly, Text: l.Cells[i][s].Text, Anchor: "end"}
			}
			l.Bars = append(l.Bars, b)
		}
	}
	l.H = bottom + 6 + chartFont
	if c.Unit != "" { // below the value axis, flush right
		l.Unit = &chartText{X: l.W - chartPad, Y: l.H + 6 + chartFont, Text: c.Unit, Anchor: "end"}
		l.H += 6 + chartFont
	}
	l.H += 4 + chartPad
	return l
}

// layoutLegend places one entry per series (only when there are several) in
// rows that wrap at the chart width, from y = top; it returns the y below.
func (l *chartLayout) layoutLegend(c Chart, top float64) float64 {
	if len(c.Series) < 2 {
		return top
	}
	x := chartPad
	for s, ser := range c.Series {
		w := chartLegendBox + 6 + chartTextWidth(ser.Name, chartFont)
		if x > chartPad && x+w > l.W-chartPad {
			x, top = chartPad, top+chartLegendRow
		}
		l.Legend = append(l.Legend, legendItem{
			Swatch: chartBox{X: x, Y: top + 2, W: chartLegendBox, H: chartLegendBox},
			Series: s,
			Text:   chartText{X: x + chartLegendBox + 6, Y: top + 2 + chartLegendBox*0.85, Text: ser.Name, Anchor: "start"},
		})
		x += w + 16
	}
	return top + chartLegendRow
}

// chartBarTitle is the tooltip of one bar: category, series and value.
func chartBarTitle(ctx context.Context, c Chart, cat, s int, value string) string {
	return t(ctx, "chart.bar", "category", c.Categories[cat], "series", c.Series[s].Name, "value", chartWithUnit(ctx, c, value))
}
