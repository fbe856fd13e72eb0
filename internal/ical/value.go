package ical

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// unescapeText decodes a TEXT value (RFC 5545 3.3.11): \\ \; \, \n \N.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// splitText splits a multi-valued TEXT value on commas that are not escaped
// and unescapes each part.
func splitText(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, unescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:]))
}

// wall is a civil date and clock time without a zone; utc marks a
// trailing Z, date marks a DATE value.
type wall struct {
	y, mo, d, h, mi, s int
	utc, date          bool
}

func (w wall) asUTC() time.Time {
	return time.Date(w.y, time.Month(w.mo), w.d, w.h, w.mi, w.s, 0, time.UTC)
}

func (w wall) in(loc *time.Location) time.Time {
	return time.Date(w.y, time.Month(w.mo), w.d, w.h, w.mi, w.s, 0, loc)
}

// parseWall parses DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS[Z]).
func parseWall(v string) (wall, error) {
	v = strings.TrimSpace(v)
	var w wall
	num := func(s string) (int, bool) {
		for _, c := range s {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	bad := fmt.Errorf("invalid date or date-time %q", clip(v, 30))
	if len(v) < 8 {
		return w, bad
	}
	var ok1, ok2, ok3 bool
	w.y, ok1 = num(v[0:4])
	w.mo, ok2 = num(v[4:6])
	w.d, ok3 = num(v[6:8])
	if !ok1 || !ok2 || !ok3 || w.mo < 1 || w.mo > 12 || w.d < 1 || w.d > 31 {
		return w, bad
	}
	if time.Date(w.y, time.Month(w.mo), w.d, 0, 0, 0, 0, time.UTC).Day() != w.d {
		return w, bad
	}
	if len(v) == 8 {
		w.date = true
		return w, nil
	}
	rest := v[8:]
	if len(rest) < 7 || (rest[0] != 'T' && rest[0] != 't') {
		return w, bad
	}
	w.h, ok1 = num(rest[1:3])
	w.mi, ok2 = num(rest[3:5])
	w.s, ok3 = num(rest[5:7])
	if !ok1 || !ok2 || !ok3 || w.h > 23 || w.mi > 59 || w.s > 60 {
		return w, bad
	}
	if w.s == 60 {
		w.s = 59 // leap second: keep the minute
	}
	switch rest[7:] {
	case "":
	case "Z", "z":
		w.utc = true
	default:
		return w, bad
	}
	return w, nil
}

// parseOffset parses a UTC-OFFSET (+HHMM or +HHMMSS; -0000 is accepted).
func parseOffset(v string) (int, error) {
	v = strings.TrimSpace(v)
	if len(v) != 5 && len(v) != 7 || (v[0] != '+' && v[0] != '-') {
		return 0, fmt.Errorf("invalid UTC offset %q", clip(v, 20))
	}
	n := 0
	for i, part := 0, v[1:]; i < len(part); i += 2 {
		x, err := strconv.Atoi(part[i : i+2])
		if err != nil || x < 0 {
			return 0, fmt.Errorf("invalid UTC offset %q", v)
		}
		n = n*60 + x
	}
	if len(v) == 5 {
		n *= 60
	}
	if n >= 24*3600 {
		return 0, fmt.Errorf("invalid UTC offset %q", v)
	}
	if v[0] == '-' {
		n = -n
	}
	return n, nil
}

// duration is an RFC 5545 DURATION: nominal days (weeks count as 7 days)
// and an exact part.
type duration struct {
	days  int
	exact time.Duration
	neg   bool
}

// addTo adds d to t: days as calendar days in t's zone, the rest exactly.
func (d duration) addTo(t time.Time) time.Time {
	if d.neg {
		return t.AddDate(0, 0, -d.days).Add(-d.exact)
	}
	return t.AddDate(0, 0, d.days).Add(d.exact)
}

func parseDuration(v string) (duration, error) {
	v = strings.ToUpper(strings.TrimSpace(v))
	var d duration
	bad := fmt.Errorf("invalid duration %q", clip(v, 30))
	if strings.HasPrefix(v, "-") {
		d.neg = true
		v = v[1:]
	} else {
		v = strings.TrimPrefix(v, "+")
	}
	if !strings.HasPrefix(v, "P") || len(v) < 3 {
		return d, bad
	}
	v = v[1:]
	inTime := false
	n, digits := 0, 0
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
			digits++
			if digits > 7 {
				return d, bad
			}
			continue
		case c == 'T' && !inTime && digits == 0:
			inTime = true
			continue
		}
		if digits == 0 {
			return d, bad
		}
		switch {
		case c == 'W' && !inTime:
			d.days += 7 * n
		case c == 'D' && !inTime:
			d.days += n
		case c == 'H' && inTime:
			d.exact += time.Duration(n) * time.Hour
		case c == 'M' && inTime:
			d.exact += time.Duration(n) * time.Minute
		case c == 'S' && inTime:
			d.exact += time.Duration(n) * time.Second
		default:
			return d, bad
		}
		n, digits = 0, 0
	}
	if digits != 0 {
		return d, bad
	}
	return d, nil
}
