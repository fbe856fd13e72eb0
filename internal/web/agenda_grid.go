package web

import (
	"fmt"
	"time"
)

// The time grid of the day and week views is a CSS grid of quarter-hour
// rows. The content security policy allows no style attributes, so every
// position is a class from a fixed set in static/agenda.css: r-N (first row,
// 1–96), s-N (rows spanned, 1–96), and for side-by-side items in one day
// column c-N (first of 12 columns) with cs-N (columns spanned).

// quarter is the height of one grid row.
const quarter = 15

// gridRange is the stretch of the day a grid shows, in minutes from local
// midnight, on whole hours.
type gridRange struct{ From, To int }

// defaultRange is shown when nothing reaches outside it.
var defaultRange = gridRange{8 * 60, 18 * 60}

// widen makes g include [start, end) minutes from midnight, rounded out to
// whole hours and kept within the day.
func (g gridRange) widen(start, end int) gridRange {
	start = max(0, start/60*60)
	end = min(24*60, (end+59)/60*60)
	if start < g.From {
		g.From = start
	}
	if end > g.To {
		g.To = end
	}
	return g
}

// rows is the number of quarter-hour rows.
func (g gridRange) rows() int { return (g.To - g.From) / quarter }

// pos returns the row classes for [start, end) minutes from midnight,
// clipped to g; ok is false when nothing of it lies within g.
func (g gridRange) pos(start, end int) (string, bool) {
	start, end = max(start, g.From), min(end, g.To)
	if end <= start {
		return "", false
	}
	first := (start-g.From)/quarter + 1
	last := (end - g.From + quarter - 1) / quarter // the row that holds the last minute
	span := max(1, last-first+1)
	return fmt.Sprintf("r-%d s-%d", first, span), true
}

// hourMarks are the labels and lines of the hours in g.
func (g gridRange) hourMarks() []Band {
	var out []Band
	for m := g.From; m < g.To; m += 60 {
		c, _ := g.pos(m, m+60)
		out = append(out, Band{Pos: c, Label: fmt.Sprintf("%02d:00", m/60)})
	}
	return out
}

// Band is a stretch of a day column: an hour line, working hours, an
// absence. Pos holds the grid classes.
type Band struct {
	Pos   string
	Label string
}

// minutesIn returns the minutes from day's midnight to t, clipped to
// [0, 1440]; day is a local midnight. Across a daylight-saving change the
// wall clock is read, so 09:00 stays at the 09:00 row.
func minutesIn(t, day time.Time) int {
	next := day.AddDate(0, 0, 1)
	switch {
	case !t.After(day):
		return 0
	case !t.Before(next):
		return 24 * 60
	}
	lt := t.In(day.Location())
	return lt.Hour()*60 + lt.Minute()
}

// laneClasses are the column classes of lane i (0-based) out of n lanes in a
// 12-column day: n is capped at 4 (1, 2, 3 and 4 divide 12).
func laneClasses(i, n int) string {
	n = min(max(n, 1), 4)
	i = i % n
	w := 12 / n
	return fmt.Sprintf("c-%d cs-%d", i*w+1, w)
}

// span is a stretch of minutes within one day.
type span struct{ start, end int }

// lanes assigns overlapping spans to side-by-side lanes: it returns each
// span's lane and the number of lanes of the cluster of overlapping spans it
// belongs to. spans must be sorted by start.
func lanes(spans []span) (lane, of []int) {
	lane, of = make([]int, len(spans)), make([]int, len(spans))
	clusterStart, clusterEnd := 0, -1
	var ends []int // per lane, the end of its last span
	closeCluster := func(upto int) {
		for k := clusterStart; k < upto; k++ {
			of[k] = len(ends)
		}
	}
	for i, sp := range spans {
		if sp.start >= clusterEnd { // a new cluster
			closeCluster(i)
			clusterStart, ends = i, nil
		}
		placed := false
		for l, e := range ends {
			if e <= sp.start {
				lane[i], ends[l], placed = l, max(sp.end, sp.start+quarter), true
				break
			}
		}
		if !placed {
			lane[i] = len(ends)
			ends = append(ends, max(sp.end, sp.start+quarter))
		}
		clusterEnd = max(clusterEnd, max(sp.end, sp.start+quarter))
	}
	closeCluster(len(spans))
	return lane, of
}
