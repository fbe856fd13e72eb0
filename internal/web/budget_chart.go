package web

import (
	"fmt"
	"strings"

	"spil/internal/budget"
	"spil/internal/i18n"
)

// BarChart is a bar chart drawn on the server as SVG by the template
// "budget-chart": groups of bars along the x axis, value ticks on the y
// axis. Coordinates are in SVG user units; Title and Desc make it
// accessible, and the page shows the same numbers in a table next to it.
type BarChart struct {
	ID            string
	Title, Desc   string
	Width, Height int
	Left, Bottom  int // the plot area's left edge and baseline
	Right         int // the plot area's right edge
	Groups        []BarGroup
	Ticks         []ChartTick
	Legend        []ChartLegend
}

// BarGroup is one label on the x axis with its bars.
type BarGroup struct {
	Label  string
	LabelX int
	Bars   []ChartBar
}

// ChartBar is one bar; Title is its tooltip (the value in words).
type ChartBar struct {
	X, Y, W, H int
	Fill       string
	Title      string
}

// ChartTick is a value line on the y axis.
type ChartTick struct {
	Y     int
	Label string
}

// ChartLegend explains a bar class.
type ChartLegend struct {
	Fill, Label string
	X           int
}

// series is one kind of bar in every group, drawn in fill.
type series struct {
	fill, label string
	values      []int64
}

// Bar colours: light blue budget, the accent blue actual, amber actual and
// committed (the page's palette; distinct in greyscale too).
const (
	fillBudget    = "#9bb7d9"
	fillActual    = "#0b5cab"
	fillCommitted = "#a15c00"
)

const (
	chartHeight = 260
	chartTop    = 16
	chartBottom = 40 // room for labels below the baseline
	chartLeft   = 90
)

// barChart lays out groups of bars, one per label, one bar per series.
func barChart(p *i18n.Printer, id, title, desc string, labels []string, ss []series, width int) BarChart {
	c := BarChart{ID: id, Title: title, Desc: desc, Width: width, Height: chartHeight, Left: chartLeft,
		Bottom: chartHeight - chartBottom, Right: width - 8}
	var max int64
	for _, s := range ss {
		for _, v := range s.values {
			if v > max {
				max = v
			}
		}
	}
	top := niceCeil(max)
	plotH := c.Bottom - chartTop
	for i := 0; i <= 4; i++ {
		v := top * int64(i) / 4
		c.Ticks = append(c.Ticks, ChartTick{Y: c.Bottom - int(int64(plotH)*int64(i)/4), Label: p.Money(v, "EUR")})
	}
	n := len(labels)
	if n == 0 {
		return c
	}
	slot := (c.Right - c.Left) / n
	barW := (slot - 8) / len(ss)
	if barW < 2 {
		barW = 2
	}
	for g, label := range labels {
		x0 := c.Left + g*slot + 4
		grp := BarGroup{Label: label, LabelX: c.Left + g*slot + slot/2}
		for k, s := range ss {
			v := s.values[g]
			if v < 0 {
				v = 0
			}
			h := 0
			if top > 0 {
				h = int(int64(plotH) * v / top)
			}
			grp.Bars = append(grp.Bars, ChartBar{X: x0 + k*barW, Y: c.Bottom - h, W: barW - 1, H: h, Fill: s.fill,
				Title: fmt.Sprintf("%s, %s: %s", label, s.label, p.Money(s.values[g], "EUR"))})
		}
		c.Groups = append(c.Groups, grp)
	}
	for k, s := range ss {
		c.Legend = append(c.Legend, ChartLegend{Fill: s.fill, Label: s.label, X: c.Left + k*160})
	}
	return c
}

// niceCeil rounds cents up to 1, 2 or 5 times a power of ten euros, so the
// ticks read well; at least € 100.
func niceCeil(cents int64) int64 {
	if cents <= 10_000 {
		return 10_000
	}
	step := int64(100)
	for {
		for _, m := range []int64{1, 2, 5} {
			if step*m >= cents {
				return step * m
			}
		}
		step *= 10
	}
}

// monthChart is budget against actual per month of o.
func monthChart(p *i18n.Printer, o budget.Overview) BarChart {
	labels := make([]string, 12)
	b, a := make([]int64, 12), make([]int64, 12)
	for m := 0; m < 12; m++ {
		labels[m] = p.T(fmt.Sprintf("budget.month_short.%d", m+1))
		b[m], a[m] = o.Months[m].Budget, o.Months[m].Actual
	}
	return barChart(p, "chart-months", p.T("budget.chart_months", o.Year),
		p.T("budget.chart_months_desc", p.Money(o.Total.Budget, "EUR"), p.Money(o.Total.Actual, "EUR")),
		labels, []series{{fillBudget, p.T("budget.budget"), b}, {fillActual, p.T("budget.actual"), a}}, 760)
}

// categoryChart is budget against actual and committed per category of o.
func categoryChart(p *i18n.Printer, o budget.Overview) BarChart {
	var labels []string
	var b, a, c []int64
	for _, cy := range o.Categories {
		labels = append(labels, shortLabel(cy.Category.Name(p.Lang)))
		b = append(b, cy.Position.Budget)
		a = append(a, cy.Position.Actual)
		c = append(c, cy.Position.Actual+cy.Position.Committed)
	}
	return barChart(p, "chart-categories", p.T("budget.chart_categories", o.Year), p.T("budget.chart_categories_desc"),
		labels, []series{{fillBudget, p.T("budget.budget"), b}, {fillActual, p.T("budget.actual"), a},
			{fillCommitted, p.T("budget.actual_committed"), c}}, 760)
}

// shortLabel keeps an axis label to its first word when long.
func shortLabel(s string) string {
	if len(s) <= 12 {
		return s
	}
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s[:12]
}
