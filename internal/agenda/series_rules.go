package agenda

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Helpers that move a series' dates and rewrite its rule when the series is
// moved or split.

// shiftWall returns t moved on the wall clock of loc as from moved to to:
// by the same number of calendar days, to to's time of day.
func shiftWall(t, from, to time.Time, loc *time.Location) time.Time {
	f, n, l := from.In(loc), to.In(loc), t.In(loc)
	fd := time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, time.UTC)
	nd := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
	days := int(nd.Sub(fd).Hours() / 24)
	return time.Date(l.Year(), l.Month(), l.Day()+days, n.Hour(), n.Minute(), n.Second(), 0, loc).UTC()
}

// mergeExDates keeps the excluded dates cur (moved along when the series'
// start moves from oldStart to newStart) together with the new ones.
func mergeExDates(cur, added []time.Time, oldStart, newStart time.Time, loc *time.Location) []time.Time {
	out := slices.Clone(added)
	for _, x := range cur {
		if loc != nil && !oldStart.Equal(newStart) {
			x = shiftWall(x, oldStart, newStart, loc)
		}
		out = append(out, x)
	}
	return cleanTimes(out)
}

// withUntil returns rule with its COUNT and UNTIL replaced by UNTIL=until (UTC).
func withUntil(rule string, until time.Time) string {
	parts := ruleParts(rule, "COUNT", "UNTIL")
	return strings.Join(append(parts, "UNTIL="+until.UTC().Format("20060102T150405Z")), ";")
}

// shiftUntil moves a rule's UNTIL along when the series moves from oldStart
// to newStart, so a series ended by a split keeps its number of instances
// and does not reach into the series that follows it.
func shiftUntil(rule string, oldStart, newStart time.Time, loc *time.Location) string {
	parts := strings.Split(rule, ";")
	for i, p := range parts {
		k, v, _ := strings.Cut(p, "=")
		if !strings.EqualFold(k, "UNTIL") {
			continue
		}
		switch {
		case strings.HasSuffix(v, "Z"):
			if t, err := time.Parse("20060102T150405Z", v); err == nil {
				parts[i] = "UNTIL=" + shiftWall(t, oldStart, newStart, loc).Add(t.In(loc).Sub(wallOf(t, oldStart, loc))).UTC().Format("20060102T150405Z")
			}
		case len(v) == 8:
			if t, err := time.ParseInLocation("20060102", v, loc); err == nil {
				parts[i] = "UNTIL=" + shiftWall(t, oldStart, newStart, loc).In(loc).Format("20060102")
			}
		default:
			if t, err := time.ParseInLocation("20060102T150405", v, loc); err == nil {
				parts[i] = "UNTIL=" + shiftWall(t, oldStart, newStart, loc).Add(t.Sub(wallOf(t, oldStart, loc))).In(loc).Format("20060102T150405")
			}
		}
	}
	return strings.Join(parts, ";")
}

// wallOf returns the instant on t's local day at the time of day of ref.
func wallOf(t, ref time.Time, loc *time.Location) time.Time {
	l, r := t.In(loc), ref.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), r.Hour(), r.Minute(), r.Second(), 0, loc)
}

// withRemainingCount lowers a rule's COUNT by used; rules without COUNT
// stay as they are.
func withRemainingCount(rule string, used int) string {
	for _, p := range strings.Split(rule, ";") {
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(k, "COUNT") {
			var n int
			fmt.Sscanf(v, "%d", &n)
			return strings.Join(append(ruleParts(rule, "COUNT"), fmt.Sprintf("COUNT=%d", max(n-used, 1))), ";")
		}
	}
	return rule
}

func ruleParts(rule string, drop ...string) []string {
	var out []string
	for _, p := range strings.Split(rule, ";") {
		k, _, _ := strings.Cut(p, "=")
		if p == "" || slices.ContainsFunc(drop, func(d string) bool { return strings.EqualFold(k, d) }) {
			continue
		}
		out = append(out, p)
	}
	return out
}
