package ical

import (
	"fmt"
	"strings"
	"time"
)

// resolver turns (TZID, wall time) into instants for one VCALENDAR. It
// caches loaded locations and reports each time-zone problem once.
type resolver struct {
	def      *time.Location // for floating times
	fallback *time.Location // for unknown TZIDs without VTIMEZONE
	fbName   string
	vtz      map[string]*vtimezone
	locs     map[string]*time.Location // by name; nil = not loadable
	matched  map[string]*time.Location // by TZID; nil = no match
	warned   map[string]bool
	warn     func(string)
}

func newResolver(def *time.Location, warn func(string)) *resolver {
	return &resolver{def: def, fallback: time.UTC, fbName: "UTC", vtz: map[string]*vtimezone{},
		locs: map[string]*time.Location{}, matched: map[string]*time.Location{}, warned: map[string]bool{}, warn: warn}
}

func (r *resolver) warnOnce(key, msg string) {
	if !r.warned[key] {
		r.warned[key] = true
		r.warn(msg)
	}
}

// load wraps time.LoadLocation with a cache; names that are empty, "Local"
// or not a zone give nil.
func (r *resolver) load(name string) *time.Location {
	if name == "" || name == "Local" || strings.ContainsAny(name, " ,()\\") && !strings.Contains(name, "/") {
		return nil
	}
	if loc, ok := r.locs[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	r.locs[name] = loc
	return loc
}

// byName maps a TZID to an IANA zone by its name alone: an IANA name, an
// IANA name after a vendor prefix ("/mozilla.org/20050126_1/Europe/Berlin"),
// or a Windows time-zone name (CLDR windowsZones).
func (r *resolver) byName(tzid string) *time.Location {
	id := strings.TrimSpace(tzid)
	if loc := r.load(id); loc != nil {
		return loc
	}
	if strings.Contains(id, "/") {
		parts := strings.Split(id, "/")
		for i := 1; i < len(parts); i++ {
			if loc := r.load(strings.Join(parts[i:], "/")); loc != nil {
				return loc
			}
		}
	}
	if iana, ok := windowsToIANA(id); ok {
		return r.load(iana)
	}
	return nil
}

// at returns the instant of wall time w given the TZID parameter (hasTZID
// false: no TZID). UTC times ignore TZID; floating times use r.def.
func (r *resolver) at(tzid string, hasTZID bool, w wall) time.Time {
	if w.utc {
		return w.asUTC()
	}
	if !hasTZID {
		return w.in(r.def)
	}
	if loc := r.byName(tzid); loc != nil {
		return w.in(loc)
	}
	vt := r.vtz[strings.TrimSpace(tzid)]
	if vt == nil {
		r.warnOnce("unknown:"+tzid, fmt.Sprintf("TZID %q is neither a known zone nor defined by a VTIMEZONE; its times are read in %s", tzid, r.fbName))
		return w.in(r.fallback)
	}
	// Rules are matched once per TZID, on the year of its first use, and
	// for at most maxRuleMatches TZIDs per calendar, so a hostile file
	// cannot make Parse slow.
	loc, done := r.matched[tzid]
	if !done {
		if len(r.matched) < maxRuleMatches {
			loc = r.matchRules(vt, w.y)
		}
		r.matched[tzid] = loc
	}
	if loc != nil {
		r.warnOnce("match:"+tzid+loc.String(), fmt.Sprintf("TZID %q (VTIMEZONE line %d) mapped to %s because its rules match", tzid, vt.line, loc))
		return w.in(loc)
	}
	r.warnOnce("own:"+tzid, fmt.Sprintf("TZID %q (VTIMEZONE line %d) matches no known zone; its own offsets are used as fixed offsets", tzid, vt.line))
	u, off := vt.instant(w)
	return u.In(time.FixedZone(tzid, off))
}

// maxRuleMatches bounds the VTIMEZONEs per calendar that are compared
// with IANA zones; later ones use their own offsets.
const maxRuleMatches = 20

// matchRules finds an IANA zone whose offsets equal the VTIMEZONE's
// through year y. Preference: a zone whose city the TZID names, then the
// default zone, then UTC, then the zones of the Windows table in order.
func (r *resolver) matchRules(vt *vtimezone, y int) *time.Location {
	id := strings.ToLower(vt.id)
	var named, rest []string
	for _, c := range candidateZones() {
		city := c[strings.LastIndex(c, "/")+1:]
		if strings.Contains(id, strings.ToLower(strings.ReplaceAll(city, "_", " "))) {
			named = append(named, c)
		} else {
			rest = append(rest, c)
		}
	}
	order := append(named, r.def.String(), "UTC")
	order = append(order, rest...)
	for _, name := range order {
		loc := r.load(name)
		if loc == nil {
			continue
		}
		if vt.matchesYear(loc, y) {
			return loc
		}
	}
	return nil
}

// candidateZones are the IANA zones tried when matching VTIMEZONE rules:
// a few that old Outlook display names refer to, then every zone of the
// Windows table.
func candidateZones() []string {
	out := []string{"Australia/Melbourne", "Australia/Canberra", "Asia/Kuala_Lumpur", "America/Sao_Paulo",
		"Europe/Amsterdam", "Europe/Brussels", "Europe/Madrid", "Europe/Rome", "Europe/Vienna", "Europe/Zurich", "Europe/Lisbon"}
	seen := map[string]bool{}
	for _, z := range out {
		seen[z] = true
	}
	for _, p := range windowsZones {
		if !seen[p[1]] {
			seen[p[1]] = true
			out = append(out, p[1])
		}
	}
	return out
}
