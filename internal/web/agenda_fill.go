package web

import (
	"strconv"
	"strings"
	"time"

	"spil/internal/agenda"
	"spil/internal/i18n"
	"spil/internal/travel"
)

// itemFormFrom fills the form with a stored appointment; from and until are
// the times of the occurrence being edited.
func itemFormFrom(ap agenda.Appointment, occ string, from, until time.Time, pageLoc *time.Location) ItemForm {
	loc := pageLoc
	if l, err := time.LoadLocation(ap.TimeZone); err == nil && ap.TimeZone != "" {
		loc = l
	}
	f := ItemForm{Who: ap.OwnerID, ID: ap.ID, Occ: occ, Title: ap.Title, AllDay: ap.AllDay, TimeZone: ap.TimeZone,
		Priority: strconv.Itoa(ap.Priority), Visibility: ap.Visibility, Status: ap.Status, Notes: ap.Notes,
		TravelMode: string(ap.TravelMode)}
	s, e := from.In(loc), until.In(loc)
	if ap.AllDay {
		e = e.AddDate(0, 0, -1)
	}
	f.StartDate, f.StartTime = s.Format("2006-01-02"), s.Format("15:04")
	f.EndDate, f.EndTime = e.Format("2006-01-02"), e.Format("15:04")
	switch {
	case ap.Place.LocationID != "":
		f.PlaceKind, f.LocationID = "location", ap.Place.LocationID
	case ap.Place.Name != "" || ap.Place.HasCoordinates():
		f.PlaceKind, f.Address = "address", ap.Place.Name
		if ap.Place.HasCoordinates() {
			f.Latitude = strconv.FormatFloat(*ap.Place.Lat, 'f', -1, 64)
			f.Longitude = strconv.FormatFloat(*ap.Place.Lon, 'f', -1, 64)
		}
	}
	for _, at := range ap.Attendees {
		if at.PersonID != "" {
			f.Attendees = append(f.Attendees, at.PersonID)
		} else {
			f.ExtNames, f.ExtEmails = append(f.ExtNames, at.Name), append(f.ExtEmails, at.Email)
		}
	}
	if ap.ReminderMinutes != nil {
		f.Reminder = strconv.Itoa(*ap.ReminderMinutes)
	}
	f.fillRepeat(ap.RRule, loc)
	return f
}

// ruleParts splits an RRULE value into its parts by upper-case name.
func ruleMap(rule string) map[string]string {
	m := map[string]string{}
	for _, p := range strings.Split(rule, ";") {
		k, v, ok := strings.Cut(p, "=")
		if ok {
			m[strings.ToUpper(strings.TrimSpace(k))] = strings.ToUpper(strings.TrimSpace(v))
		}
	}
	return m
}

// fillRepeat sets the repeat fields from rule: the simple choices when the
// rule is one of them, else the custom rule as written.
func (f *ItemForm) fillRepeat(rule string, loc *time.Location) {
	if rule == "" {
		return
	}
	m := ruleMap(rule)
	simple := true
	for k, v := range m {
		switch k {
		case "FREQ", "INTERVAL", "UNTIL", "COUNT":
		case "BYDAY":
			for _, d := range strings.Split(v, ",") {
				if !has(weekdayCodes, d) || m["FREQ"] != "WEEKLY" {
					simple = false
				}
			}
		default:
			simple = false
		}
	}
	freq := strings.ToLower(m["FREQ"])
	if !simple || (freq != "daily" && freq != "weekly" && freq != "monthly") {
		f.Repeat, f.RRule = "custom", rule
		return
	}
	f.Repeat, f.Interval = freq, m["INTERVAL"]
	if m["BYDAY"] != "" {
		f.Weekdays = strings.Split(m["BYDAY"], ",")
	}
	if u := m["UNTIL"]; u != "" {
		t, err := time.Parse("20060102T150405Z", u)
		if err != nil {
			t, err = time.ParseInLocation("20060102", u, loc)
		}
		if err != nil {
			f.Repeat, f.RRule = "custom", rule
			return
		}
		f.RepeatEnd, f.Until = "until", t.In(loc).Format("2006-01-02")
	}
	if c := m["COUNT"]; c != "" {
		f.RepeatEnd, f.Count = "count", c
	}
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// describeRule puts a recurrence rule in words; rules the form cannot
// build are shown as written.
func describeRule(p *i18n.Printer, rule string, loc *time.Location) string {
	if rule == "" {
		return ""
	}
	var f ItemForm
	f.fillRepeat(rule, loc)
	if f.Repeat == "custom" {
		return p.T("agenda.repeat_custom_rule", rule)
	}
	n, _ := strconv.Atoi(f.Interval)
	n = max(n, 1)
	out := p.T("agenda.every_one." + f.Repeat)
	if n > 1 {
		out = p.T("agenda.every_n."+f.Repeat, n)
	}
	if len(f.Weekdays) > 0 {
		var names []string
		for _, d := range f.Weekdays {
			names = append(names, p.T("agenda.weekday."+d))
		}
		out += " " + p.T("agenda.on_days", strings.Join(names, ", "))
	}
	switch f.RepeatEnd {
	case "until":
		if d, ok := dayOf(f.Until, loc); ok {
			out += ", " + p.T("agenda.until", p.Date(d))
		}
	case "count":
		c, _ := strconv.Atoi(f.Count)
		out += ", " + p.N("agenda.times", c)
	}
	return out
}

// Choices of the appointment form.

func priorityOptions(p *i18n.Printer, selected string) []Option {
	var out []Option
	for _, v := range []string{"1", "2", "3", "4"} {
		out = append(out, Option{Value: v, Label: "P" + v + " — " + p.T("agenda.priority_help."+v), Checked: v == selected})
	}
	return out
}

func keyedOptions(p *i18n.Printer, prefix string, values []string, selected string) []Option {
	var out []Option
	for _, v := range values {
		key := v
		if key == "" {
			key = "none"
		}
		out = append(out, Option{Value: v, Label: p.T(prefix + key), Checked: v == selected})
	}
	return out
}

func modeOptions(p *i18n.Printer, selected string, withDefault bool) []Option {
	var vals []string
	if withDefault {
		vals = append(vals, "")
	}
	for _, m := range travel.Modes() {
		vals = append(vals, string(m))
	}
	return keyedOptions(p, "agenda.mode.", vals, selected)
}

// reminderChoices are the reminder times offered, in minutes.
var reminderChoices = []int{0, 5, 10, 15, 30, 60, 120, 1440, 2880}

func reminderOptions(p *i18n.Printer, selected string) []Option {
	out := []Option{{Value: "", Label: p.T("agenda.reminder.none"), Checked: selected == ""}}
	found := selected == ""
	for _, m := range reminderChoices {
		v := strconv.Itoa(m)
		out = append(out, Option{Value: v, Label: minutesText(p, m), Checked: v == selected})
		found = found || v == selected
	}
	if !found {
		n, _ := strconv.Atoi(selected)
		out = append(out, Option{Value: selected, Label: minutesText(p, n), Checked: true})
	}
	return out
}

// minutesText says how long before: "15 minuten van tevoren", "1 dag".
func minutesText(p *i18n.Printer, m int) string {
	switch {
	case m == 0:
		return p.T("agenda.reminder.at_start")
	case m%1440 == 0:
		return p.N("agenda.reminder.days", m/1440)
	case m%60 == 0:
		return p.N("agenda.reminder.hours", m/60)
	}
	return p.N("agenda.reminder.minutes", m)
}

func weekdayOptions(p *i18n.Printer, selected []string) []Option {
	var out []Option
	for _, c := range weekdayCodes {
		out = append(out, Option{Value: c, Label: p.T("agenda.weekday." + c), Checked: has(selected, c)})
	}
	return out
}

// timeZones are offered in the form's list; any IANA name may be typed.
var timeZones = []string{"Europe/Amsterdam", "Europe/Brussels", "Europe/London", "Europe/Berlin", "Europe/Paris",
	"Europe/Madrid", "Europe/Rome", "Europe/Stockholm", "Europe/Athens", "UTC", "America/New_York", "America/Chicago",
	"America/Los_Angeles", "America/Sao_Paulo", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai",
	"Asia/Tokyo", "Australia/Sydney"}

// durationText is a length of time in words: "45 min", "1 uur", "1 u 30 min".
func durationText(p *i18n.Printer, m int) string {
	h, mm := m/60, m%60
	switch {
	case h == 0:
		return p.N("agenda.duration.minutes", mm)
	case mm == 0:
		return p.N("agenda.duration.hours", h)
	}
	return p.T("agenda.duration.hours_minutes", h, mm)
}
