package minutes

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"

	"spil/internal/authz"
	"spil/internal/i18n"
	"spil/internal/meetings"
)

// PDF returns meeting id's minutes as a PDF in the printer's language, with
// a file name such as "notulen-2026-11-30-teamoverleg.pdf".
// Errors: NotFound as Get.
func (s *Service) PDF(ctx context.Context, actor *authz.Actor, meetingID string, p *i18n.Printer) ([]byte, string, error) {
	v, err := s.Get(ctx, actor, meetingID)
	if err != nil {
		return nil, "", err
	}
	b, err := renderPDF(v.Meeting, v.Minutes, p)
	return b, pdfName(v.Meeting, p), err
}

// pdfName is the attachment's file name: the word for minutes, the date and
// the title in plain ASCII.
func pdfName(m meetings.Meeting, p *i18n.Printer) string {
	var b strings.Builder
	// Decomposed, "Cliëntoverleg" is "Clie\u0308ntoverleg": keep the letter, drop the mark.
	for _, r := range norm.NFD.String(strings.ToLower(m.Title)) {
		switch {
		case b.Len() >= 40:
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	slug := strings.Trim(b.String(), "-")
	name := p.T("minutes.pdf.filename") + "-" + m.Start.In(p.Loc).Format(time.DateOnly)
	if slug != "" {
		name += "-" + slug
	}
	return name + ".pdf"
}

// renderPDF lays out the minutes on A4: title, date, place and attendees,
// then per agenda item its notes, decisions and action items, then general
// notes and decisions and the action items table. fpdf's core fonts use
// code page 1252, so text is translated from UTF-8 (ë, é, € come out right;
// characters outside cp1252 show as a dot).
func renderPDF(m meetings.Meeting, min Minutes, p *i18n.Printer) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(m.Start.UTC())
	pdf.SetCatalogSort(true)
	pdf.SetTitle(m.Title, true)
	pdf.SetAuthor(m.OrganizerName, true)
	pdf.SetCreator("spil", true)
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	tr := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-15)
		pdf.SetFont("Helvetica", "I", 8)
		pdf.CellFormat(0, 10, tr(p.T("minutes.pdf.page", pdf.PageNo())+" / {nb}"), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()

	text := func(style string, size float64, s string) {
		pdf.SetFont("Helvetica", style, size)
		pdf.MultiCell(0, size*0.5, tr(s), "", "L", false)
	}
	heading := func(s string) {
		pdf.Ln(3)
		text("B", 12, s)
		pdf.Ln(1)
	}

	text("B", 16, p.T("minutes.pdf.title", m.Title))
	pdf.Ln(2)
	when := p.Weekday(m.Start) + " " + p.Date(m.Start) + ", " + m.Start.In(p.Loc).Format("15:04") + "–" + m.End.In(p.Loc).Format("15:04")
	text("", 10, p.T("minutes.pdf.when", when))
	if pl := m.Place(); pl != "" {
		text("", 10, p.T("minutes.pdf.where", pl))
	}
	text("", 10, p.T("minutes.pdf.organizer", m.OrganizerName))
	var names []string
	for _, a := range m.Attendees {
		n := a.Name
		if a.Response == meetings.Declined {
			n += " (" + p.T("minutes.pdf.absent") + ")"
		}
		names = append(names, n)
	}
	if len(names) > 0 {
		text("", 10, p.T("minutes.pdf.attendees", strings.Join(names, ", ")))
	}
	if min.Status == Approved && min.ApprovedAt != nil {
		text("I", 10, p.T("minutes.pdf.approved", p.DateTime(*min.ApprovedAt), min.ApprovedByName))
	} else {
		text("I", 10, p.T("minutes.pdf.draft", min.Version))
	}

	notes := map[string]string{}
	for _, n := range min.Notes {
		notes[n.AgendaItemID] = n.Text
	}
	decisions := func(item string) []string {
		var out []string
		for _, d := range min.Decisions {
			if d.AgendaItemID == item {
				out = append(out, d.Text)
			}
		}
		return out
	}
	section := func(item, title string) {
		ds := decisions(item)
		if notes[item] == "" && len(ds) == 0 && title == "" {
			return
		}
		if title != "" {
			heading(title)
		}
		if n := notes[item]; n != "" {
			text("", 10, n)
		}
		for _, d := range ds {
			text("B", 10, p.T("minutes.pdf.decision", d))
		}
	}
	if notes[""] != "" || len(decisions("")) > 0 {
		heading(p.T("minutes.pdf.general"))
		section("", "")
	}
	for i, it := range m.Items {
		section(it.ID, fmt.Sprintf("%d. %s", i+1, it.Topic))
	}

	heading(p.T("minutes.pdf.actions"))
	if len(min.Actions) == 0 {
		text("I", 10, p.T("minutes.pdf.no_actions"))
	} else {
		pdf.SetFont("Helvetica", "B", 9)
		w := []float64{95, 45, 30}
		for i, h := range []string{p.T("minutes.field.action"), p.T("minutes.field.owner"), p.T("minutes.field.due")} {
			pdf.CellFormat(w[i], 6, tr(h), "B", 0, "L", false, 0, "")
		}
		pdf.Ln(-1)
		pdf.SetFont("Helvetica", "", 9)
		for _, a := range min.Actions {
			title := a.Title
			if a.Status == Done {
				title += " (" + p.T("minutes.status.done") + ")"
			}
			due, _ := time.Parse(time.DateOnly, a.DueOn)
			lines := pdf.SplitText(tr(title), w[0]-2)
			h := float64(len(lines)) * 5
			if pdf.GetY()+h > 277 {
				pdf.AddPage()
			}
			x, y := pdf.GetXY()
			pdf.MultiCell(w[0], 5, tr(title), "", "L", false)
			pdf.SetXY(x+w[0], y)
			pdf.CellFormat(w[1], 5, tr(a.OwnerName), "", 0, "L", false, 0, "")
			pdf.CellFormat(w[2], 5, tr(p.ShortDate(due)), "", 0, "L", false, 0, "")
			pdf.SetXY(x, y+h)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("minutes PDF: %w", err)
	}
	return buf.Bytes(), nil
}
