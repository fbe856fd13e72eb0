package agenda

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/ical"
)

// Limits of an import.
const (
	// MaxImportEvents bounds the VEVENTs of one file (besides ical.MaxSize).
	MaxImportEvents = 50_000
	// maxReportWarnings bounds the warnings an ImportReport lists.
	maxReportWarnings = 100
)

// ImportOptions steer ImportICS.
type ImportOptions struct {
	// KeepValid imports the valid events of a file with bad ones; without
	// it the file is imported whole or not at all.
	KeepValid bool
	// FileName is shown in the report and the audit log.
	FileName string
}

// ImportReport says what an import did.
type ImportReport struct {
	FileName string         `json:"file_name"`
	Events   int            `json:"events"` // VEVENTs read
	Created  int            `json:"created"`
	Updated  int            `json:"updated"` // same UID imported before
	Skipped  []SkippedEvent `json:"skipped"`
	// Rejected is set when nothing was imported because of Skipped events
	// (without KeepValid) or because the file cannot be read at all.
	Rejected bool `json:"rejected"`
	// Warnings say what was guessed or left out without skipping an event
	// (a time zone recognised from its rules, an attendee without an
	// e-mail address, a title that was missing), each with its line.
	Warnings []string `json:"warnings,omitempty"`
}

// SkippedEvent is an event that was not imported, and why.
type SkippedEvent struct {
	Line    int    `json:"line"`
	UID     string `json:"uid"`
	Summary string `json:"summary"`
	Field   string `json:"field,omitempty"`
	Reason  string `json:"reason"`
}

// ImportICS imports an iCalendar file into ownerID's agenda, in one
// transaction: see docs/agenda/ical-import.md for how each property is
// mapped. Every event is checked as Create checks it; an event that cannot
// be imported is listed in the report's Skipped with its line, UID, summary
// and the reason, and then nothing is imported (Rejected) unless
// opt.KeepValid is set, in which case the other events are. A busy event
// that overlaps a P1 item is skipped: a P1 item is never overbooked. An
// event whose UID (and RECURRENCE-ID) is already in the agenda updates that
// item instead of adding one. One audit entry records the import, on the
// owner's behalf when the actor is someone else.
//
// A file rejected because of its events is returned as a report with
// Rejected set and a nil error, so the caller can show each reason.
//
// Errors: NotFound when the owner does not exist or the actor may not see
// their agenda; Forbidden without the edit right; Invalid (field "file")
// for a file that is not iCalendar, is larger than ical.MaxSize, nests too
// deeply, holds more than MaxImportEvents events or series too costly to
// expand (more than 2,000,000 occurrences for the P1 check and the ends of
// finite series, more than 50 hourly series) — the report then has
// Rejected set.
func (s *Service) ImportICS(ctx context.Context, actor *authz.Actor, ownerID string, r io.Reader, opt ImportOptions) (ImportReport, error) {
	rep := ImportReport{FileName: cleanFileName(opt.FileName), Skipped: []SkippedEvent{}}
	acc := AccessTo(actor, ownerID)
	if !acc.Edit {
		return rep, denied(acc)
	}
	if err := s.checkPeople(ctx, s.DB.R, []string{ownerID}); err != nil {
		return rep, err
	}
	zone := orgZone(ctx, s.DB.R)
	loc, err := loadZone(zone)
	if err != nil {
		loc, zone = time.UTC, "UTC"
	}
	cal, err := ical.ParseIn(r, loc)
	if err != nil {
		rep.Rejected = true
		return rep, fileError(err)
	}
	rep.Events = len(cal.Events) + len(cal.Skipped)
	if rep.Events > MaxImportEvents {
		rep.Rejected = true
		msg := fmt.Sprintf("the file holds %d events; import at most %d at once", rep.Events, MaxImportEvents)
		return rep, &apperr.Error{Kind: apperr.Invalid, Message: msg, Fields: map[string]string{"file": msg}}
	}
	for _, sk := range cal.Skipped {
		rep.Skipped = append(rep.Skipped, SkippedEvent{Line: sk.Line, UID: sk.UID, Summary: clipText(sk.Summary, MaxTitle), Reason: sk.Reason})
	}
	warnings := append([]string(nil), cal.Warnings...)
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.lockAgenda(ctx, tx, ownerID); err != nil {
			return err
		}
		refs, err := loadImportRefs(ctx, tx, zone, loc, cal.Events)
		if err != nil {
			return err
		}
		p := newImportPlan(ownerID, acc, refs)
		p.mapEvents(cal.Events)
		if err := p.resolve(ctx, tx); err != nil {
			return err
		}
		if err := p.checkP1(ctx, tx, actor); err != nil {
			return err
		}
		p.cascadeSkips()
		if err := p.seriesEnds(); err != nil {
			return err
		}
		rep.Skipped = append(rep.Skipped, p.skipped()...)
		warnings = append(warnings, p.warnings...)
		if len(rep.Skipped) > 0 && !opt.KeepValid {
			rep.Rejected = true
			return nil
		}
		rep.Created, rep.Updated, err = s.writeImport(ctx, tx, actor, p)
		if err != nil || rep.Created+rep.Updated == 0 {
			return err
		}
		return s.auditImport(ctx, tx, actor, ownerID, rep)
	})
	rep.Warnings = capWarnings(warnings)
	if err != nil {
		rep.Created, rep.Updated = 0, 0
		rep.Rejected = apperr.KindOf(err) == apperr.Invalid
		return rep, err
	}
	sortSkipped(rep.Skipped)
	return rep, nil
}

// fileError turns a parse error into an Invalid error on the field "file"
// whose message names the line at fault.
func fileError(err error) error {
	var se *ical.SyntaxError
	if !errors.As(err, &se) {
		return err
	}
	msg := "invalid iCalendar file: " + se.Error()
	return &apperr.Error{Kind: apperr.Invalid, Message: msg, Fields: map[string]string{"file": se.Error()}}
}

// auditImport writes the one audit entry of an import. It names the file
// and the counts, never a title.
func (s *Service) auditImport(ctx context.Context, tx *sql.Tx, actor *authz.Actor, ownerID string, rep ImportReport) error {
	n := rep.Created + rep.Updated
	return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
		Action: "import", ObjectType: "agenda", ObjectID: ownerID, Message: "agenda.import",
		OnBehalfOf: actor.OnBehalfOf(ownerID),
		Label:      rep.FileName,
		Summary:    fmt.Sprintf("imported %d appointments from file %q", n, rep.FileName),
		After:      map[string]any{"file": rep.FileName, "created": rep.Created, "updated": rep.Updated, "skipped": len(rep.Skipped)},
	})
}

// cleanFileName keeps the base name of a file name, without control
// characters, at most 200 characters; "" becomes "agenda.ics".
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, "")))
	if name == "" {
		return "agenda.ics"
	}
	return clipText(name, 200)
}

// clipText cuts s to n characters.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func capWarnings(ws []string) []string {
	if len(ws) <= maxReportWarnings {
		return ws
	}
	out := append([]string(nil), ws[:maxReportWarnings]...)
	return append(out, fmt.Sprintf("… and %d more warnings", len(ws)-maxReportWarnings))
}
