package agenda

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/ical"
	"spil/internal/testutil"
)

// corpusOutcome is what importing a corpus file whole does: how many items
// it creates, or that it is rejected (and with KeepValid creates keep).
var corpusOutcome = map[string]struct {
	created  int
	rejected bool
	keep     int
}{
	"edge__libical_zday.ics":                 {rejected: true},
	"edge__rfc_6868_param_encoding.ics":      {rejected: true},
	"edge__categories_with_commas.ics":       {rejected: true},
	"google__issue_62_moved_event.ics":       {rejected: true},
	"misc__issue_75_range_thisandfuture.ics": {rejected: true, keep: 2},
}

// TestImportCorpus imports every file of $SPIL_CORPUS/ical into an agenda
// of its own and logs what happened; times of the stored series and single
// items must equal the parser's.
func TestImportCorpus(t *testing.T) {
	root := os.Getenv("SPIL_CORPUS")
	if root == "" {
		t.Skip("SPIL_CORPUS not set: the iCalendar corpus import is not checked")
	}
	files, err := filepath.Glob(filepath.Join(root, "ical", "*.ics"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .ics files in %s/ical (%v)", root, err)
	}
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		imported, rejected := 0, 0
		for _, path := range files {
			name := filepath.Base(path)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			owner := f.person(t, name, "principal")
			a := f.actor(t, owner)
			rep, err := f.svc.ImportICS(ctx, a, owner, bytes.NewReader(data), ImportOptions{FileName: name})
			want := corpusOutcome[name]
			switch {
			case err != nil && apperr.KindOf(err) != apperr.Invalid:
				t.Errorf("%s: %v", name, err)
			case err != nil || rep.Rejected:
				rejected++
				msg := apperr.MessageOf(err)
				if err == nil {
					msg = skippedText(rep.Skipped)
				}
				keep, kerr := f.svc.ImportICS(ctx, a, owner, bytes.NewReader(data), ImportOptions{FileName: name, KeepValid: true})
				t.Logf("%s: rejected: %s; with keep-valid: %d imported (%v)", name, msg, keep.Created, kerr)
				if !want.rejected || keep.Created != want.keep {
					t.Errorf("%s: rejected (keep-valid created %d), want %+v", name, keep.Created, want)
				}
			default:
				imported++
				t.Logf("%s: %d events, %d created%s", name, rep.Events, rep.Created, warningText(rep.Warnings))
				if want.rejected || (want.created != 0 && want.created != rep.Created) {
					t.Errorf("%s: created %d, want %+v", name, rep.Created, want)
				}
				checkCorpusTimes(t, d, owner, name, data, rep.Warnings)
			}
		}
		t.Logf("%d files imported, %d rejected", imported, rejected)
	})
}

// checkCorpusTimes compares the stored start of every series and single
// item with the instant the parser read (all-day: midnight in Amsterdam);
// a series without any occurrence is left out with a warning.
func checkCorpusTimes(t *testing.T, d *db.DB, owner, name string, data []byte, warnings []string) {
	t.Helper()
	cal, err := ical.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range cal.Events {
		if ev.RecurrenceID != nil || ev.UID == "" || len(ev.UID) > maxUID {
			continue
		}
		var start time.Time
		var zone string
		err := d.R.QueryRow(`SELECT start_at, time_zone FROM appointments WHERE owner_id = $1 AND uid = $2 AND recurrence_id IS NULL`, owner, ev.UID).Scan(&start, &zone)
		if err != nil {
			dropped := fmt.Sprintf("line %d (UID %s): the series has no occurrences", ev.Line, ev.UID)
			if !slices.ContainsFunc(warnings, func(w string) bool { return strings.HasPrefix(w, dropped) }) {
				t.Errorf("%s line %d: %v", name, ev.Line, err)
			}
			continue
		}
		want := ev.Start
		if ev.AllDay {
			want = time.Date(ev.StartDate.Year, ev.StartDate.Month, ev.StartDate.Day, 0, 0, 0, 0, ams)
		}
		if !start.Equal(want) {
			t.Errorf("%s line %d: stored start %s, file says %s", name, ev.Line, start.UTC(), want.UTC())
		}
	}
}

func skippedText(s []SkippedEvent) string {
	parts := make([]string, len(s))
	for i, e := range s {
		parts[i] = fmt.Sprintf("line %d (%s): %s", e.Line, e.Field, e.Reason)
	}
	return strings.Join(parts, "; ")
}

func warningText(ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	return "; warnings: " + strings.Join(ws, "; ")
}
