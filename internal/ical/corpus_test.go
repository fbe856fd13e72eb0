package ical

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corpusDir returns $SPIL_CORPUS/ical or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	root := os.Getenv("SPIL_CORPUS")
	if root == "" {
		t.Skip("SPIL_CORPUS is not set; skipping the iCalendar corpus (set it to /work/shared/corpus)")
	}
	return filepath.Join(root, "ical")
}

// startCheck pins one event's start, read by hand from the file.
type startCheck struct {
	index int    // event index in file order
	utc   string // RFC 3339 in UTC
	zone  string // Start.Location().String()
}

// corpusCases names the outcome per corpus file: the number of events, or
// the start of the rejection message. Every file in the folder must be
// listed.
var corpusCases = map[string]struct {
	events int
	reject string // non-empty: Parse must fail with this text
	check  *startCheck
}{
	"apple-ical1.5__Belgische32feestdagen.ics":            {events: 30},
	"apple-ical1.5__Christian32Holidays.ics":              {events: 37},
	"apple-ical1.5__blalor.ics":                           {events: 3},
	"apple-ical1__Australian32Holidays.ics":               {events: 11},
	"apple-ical2__EXDATE.ics":                             {events: 1, check: &startCheck{0, "2006-01-01T02:00:00Z", "Australia/Brisbane"}},
	"apple-ical3__calconnect10.ics":                       {events: 1},
	"apple-ios26__structured-location.ics":                {events: 1, check: &startCheck{0, "2026-05-22T08:30:00Z", "Europe/Vienna"}},
	"davx5__issue_20_exdate_ignored.ics":                  {events: 1},
	"davx5__rdate_falls_on_rrule_until.ics":               {events: 1},
	"edge__bom_calendar.ics":                              {events: 0},
	"edge__categories_with_commas.ics":                    {events: 1},
	"edge__libical_zday.ics":                              {reject: "line 11: END:DAYLIGHT does not close BEGIN:VTIMEZONE of line 6"},
	"edge__non_ascii_tzid.ics":                            {events: 1, check: &startCheck{0, "2017-05-11T16:30:00Z", "America/Sao_Paulo"}},
	"edge__rfc_6868_param_encoding.ics":                   {events: 0}, // its only VEVENT has no DTSTART
	"evolution__evolution2.ics":                           {events: 1, check: &startCheck{0, "2021-03-31T10:00:00Z", "Asia/Dubai"}},
	"exchange-cdo__issue_165_missing_event.ics":           {events: 1, check: &startCheck{0, "2015-07-03T08:00:00Z", "Europe/Amsterdam"}},
	"exchange2010__blankTzid.ics":                         {events: 1, check: &startCheck{0, "2015-08-26T09:00:00Z", "UTC"}},
	"exchange2010__issue_27_t1.ics":                       {events: 1, check: &startCheck{0, "2020-04-26T12:00:00Z", "Europe/Berlin"}},
	"exchange2010__issue_28_rrule_with_UTC_endinginZ.ics": {events: 5},
	"exchange2010__issue_836_do_not_quote_tzid.ics":       {events: 1, check: &startCheck{0, "2024-10-28T21:00:00Z", "America/New_York"}},
	"google__daylight_saving_time.ics":                    {events: 64},
	"google__google_aus_holidays.ics":                     {events: 96},
	"google__google_birthday.ics":                         {events: 4},
	"google__issue_151_macos_linux_difference.ics":        {events: 2, check: &startCheck{0, "2014-08-02T02:00:00Z", "America/Los_Angeles"}},
	"google__issue_48_daylight_aware_repeats.ics":         {events: 1, check: &startCheck{0, "2020-09-21T10:30:00Z", "Europe/Lisbon"}},
	"google__issue_62_moved_event.ics":                    {events: 2},
	"google__x_location.ics":                              {events: 1},
	"khal__RDATE_with_PERIOD_TZID.ics":                    {events: 1, check: &startCheck{0, "2018-03-27T13:00:00Z", "America/Chicago"}},
	"lotus-notes6__calconnect2.ics":                       {events: 1, check: &startCheck{0, "2005-04-11T14:00:00Z", "America/New_York"}},
	"lotus-notes6__calconnect6.ics":                       {events: 1},
	"misc__issue_75_range_thisandfuture.ics":              {events: 4},
	"nextcloud__maritz.ics":                               {events: 1},
	"outlook11__Standup.ics":                              {events: 1, check: &startCheck{0, "2009-03-09T22:30:00Z", "Australia/Melbourne"}},
	"outlook12__2207678.ics":                              {events: 1, check: &startCheck{0, "2008-10-31T01:30:00Z", "Asia/Kuala_Lumpur"}},
	"outlook12__Session6.ics":                             {events: 1, check: &startCheck{0, "2007-03-14T17:00:00Z", "UTC"}},
	"sabredav__three_events_one_edited.ics":               {events: 2},
	"thunderbird__recurring_events_changed_duration.ics":  {events: 6},
	"thunderbird__recurring_events_moved.ics":             {events: 5},
	"tzurl__Casablanca_vtimezone_rdate.ics":               {events: 0}, // a VTIMEZONE only
	"zimbra__recur_instances.ics":                         {events: 3},
	"zimbra__utc_negative_zero.ics":                       {events: 1, check: &startCheck{0, "2012-08-21T21:00:00Z", "Etc/GMT"}},
}

func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.ics"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .ics files in %s: %v", dir, err)
	}
	seen := map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			want, ok := corpusCases[name]
			if !ok {
				t.Fatalf("%s is not in corpusCases; add its expected outcome", name)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cal, err := Parse(f)
			if want.reject != "" {
				var se *SyntaxError
				if err == nil || !errors.As(err, &se) || !strings.Contains(err.Error(), want.reject) {
					t.Fatalf("Parse error = %v, want rejection containing %q", err, want.reject)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(cal.Events) != want.events {
				t.Errorf("got %d events, want %d; warnings: %q", len(cal.Events), want.events, cal.Warnings)
			}
			for i, ev := range cal.Events {
				if ev.Start.IsZero() || ev.End.Before(ev.Start) {
					t.Errorf("event %d (line %d): start %v end %v", i, ev.Line, ev.Start, ev.End)
				}
			}
			if c := want.check; c != nil && c.index < len(cal.Events) {
				ev := cal.Events[c.index]
				if got := ev.Start.UTC().Format(time.RFC3339); got != c.utc {
					t.Errorf("event %d starts %s UTC, want %s", c.index, got, c.utc)
				}
				if got := ev.Start.Location().String(); got != c.zone {
					t.Errorf("event %d zone %s, want %s", c.index, got, c.zone)
				}
			}
		})
	}
	for name := range corpusCases {
		if !seen[name] {
			t.Errorf("corpusCases lists %s, which is not in %s", name, dir)
		}
	}
}
