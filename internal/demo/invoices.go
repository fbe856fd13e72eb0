package demo

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"

	"spil/internal/authz"
	"spil/internal/budget"
	"spil/internal/clock"
	"spil/internal/invoices"
	"spil/internal/suppliers"
)

// demoBill is a supplier's recurring invoice: the net amount (cents) for
// month m months ago, 0 for none that month.
type demoBill struct {
	kvk, prefix, iban string
	desc              string
	net               func(monthsAgo int) int64
}

func (s *seeder) demoBills() []demoBill {
	return []demoBill{
		{kvk: "34127788", prefix: "GL", iban: "NL51INGB0004567123", desc: s.text("Schoonmaak kantoren", "Office cleaning"),
			net: func(int) int64 { return 320000 }},
		{kvk: "30198844", prefix: "SMK", iban: "NL03RABO0312456789", desc: s.text("Lunchvoorziening en vergadercatering", "Lunch service and meeting catering"),
			net: func(m int) int64 {
				// Receptions and the summer party push catering over its budget.
				switch m {
				case 1, 4, 6, 9:
					return 433300 + 185000
				}
				return 433300
			}},
		{kvk: "27345561", prefix: "BW", iban: "NL16ABNA0567891234", desc: s.text("Beheer werkplekken en servicedesk", "Managed workplaces and service desk"),
			net: func(int) int64 { return 540000 }},
		{kvk: "33456612", prefix: "FBZ", iban: "NL36INGB0007654321", desc: s.text("Onderhoud klimaatinstallatie (kwartaal)", "Climate installation maintenance (quarter)"),
			net: func(m int) int64 {
				if m%3 == 2 {
					return 240000
				}
				return 0
			}},
		{kvk: "30887123", prefix: "DP", iban: "NL74RABO0398765432", desc: s.text("Kantoorartikelen", "Office supplies"),
			net: func(m int) int64 { return int64(18000 + (m*7919)%47000) }},
		{kvk: "34990012", prefix: "KC", iban: "NL12TRIO0198765432", desc: s.text("Huur koffieautomaten", "Coffee machine rental"),
			net: func(int) int64 { return 35000 }},
	}
}

// seedInvoices adds a year of the firm's incoming invoices through the
// invoices service, each on a clock set to its own day so the history reads
// true: the assistant registers the e-invoices, the Office Manager approves,
// the director countersigns those above the € 2.500,00 limit. Invoices
// more than a month old are then marked paid with direct SQL (the bank paid
// them before spil's payment batches; the payments module shows only what
// it batched itself); last month's stay approved, ready for a batch.
// Catering runs over its budget with four receptions. This month's invoices
// wait: a small one for the Office Manager, the cleaning invoice approved
// and waiting for the director's countersignature, Bitwerk's invoice on its
// new, unconfirmed bank account, the caterer's invoice sent twice (a
// duplicate), a PDF from an unknown printer entered by hand, and a repair
// the Office Manager registered herself, so she cannot approve it alone.
func (s *seeder) seedInvoices(ctx context.Context, now time.Time) error {
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return err
	}
	sup := &suppliers.Service{DB: s.db, Clock: s.clock}
	svc := &invoices.Service{DB: s.db, Clock: s.clock, Suppliers: sup, Budget: &budget.Service{DB: s.db, Clock: s.clock}}
	actor := func(key string) (*authz.Actor, error) {
		return s.resolver.Resolve(ctx, s.ids[key], authz.ViaSession)
	}
	lotte, err := actor(keyAssistant)
	if err != nil {
		return err
	}
	esther, err := actor(keyOffice)
	if err != nil {
		return err
	}
	hendrik, err := actor(keyDirector)
	if err != nil {
		return err
	}
	at := func(t time.Time) { svc.Clock = clock.NewManual(t) }
	sheet := demoPDF(s.text("Urenstaat schoonmaak", "Cleaning timesheet"), s.text("Uren per locatie volgens contract.", "Hours per office as agreed."))
	n := now.In(zone)
	thisMonth := time.Date(n.Year(), n.Month(), 1, 9, 0, 0, 0, zone)
	supplierName := map[string]string{}
	for _, ds := range s.demoSuppliers() {
		supplierName[ds.in.KvKNumber] = ds.in.Name
	}
	example := func(b demoBill, number string, issue time.Time, net int64) invoices.Example {
		e := invoices.Example{SupplierName: supplierName[b.kvk], KvK: b.kvk, Number: number, IssueDate: issue.Format("2006-01-02"),
			DueDate: issue.AddDate(0, 0, 30).Format("2006-01-02"), Description: b.desc, NetCents: net, IBAN: b.iban}
		for _, ds := range s.demoSuppliers() {
			if ds.in.KvKNumber == b.kvk {
				e.VAT = ds.in.VATNumber
			}
		}
		if b.prefix == "GL" {
			e.Attachment, e.AttachmentName = sheet, "urenstaat.pdf"
		}
		return e
	}
	var paid []string
	for m := 12; m >= 1; m-- {
		issue := thisMonth.AddDate(0, -m, 1)
		for _, b := range s.demoBills() {
			net := b.net(m)
			if net == 0 {
				continue
			}
			number := fmt.Sprintf("%s-%d-%02d", b.prefix, issue.Year(), int(issue.Month()))
			at(issue.AddDate(0, 0, 2).Add(time.Hour))
			imp, err := svc.ImportUBL(ctx, lotte, invoices.ExampleUBL(example(b, number, issue, net)), invoices.ChannelUpload)
			if err != nil {
				return fmt.Errorf("invoice %s: %w", number, err)
			}
			at(issue.AddDate(0, 0, 4).Add(2 * time.Hour))
			inv, err := svc.Approve(ctx, esther, imp.Invoice.ID, invoices.StepApprove)
			if err != nil {
				return fmt.Errorf("approve %s: %w", number, err)
			}
			if inv.Status != invoices.StatusApproved {
				at(issue.AddDate(0, 0, 5).Add(3 * time.Hour))
				if _, err := svc.Approve(ctx, hendrik, imp.Invoice.ID, invoices.StepCountersign); err != nil {
					return fmt.Errorf("countersign %s: %w", number, err)
				}
			}
			if m > 1 {
				paid = append(paid, imp.Invoice.ID)
			}
		}
	}
	for _, id := range paid {
		if _, err := s.db.W.ExecContext(ctx, `UPDATE invoices SET status = 'paid', paid_at = approved_at, updated_at = approved_at WHERE id = $1 AND status = 'approved'`, id); err != nil {
			return fmt.Errorf("mark paid: %w", err)
		}
	}
	return s.waitingInvoices(ctx, svc, at, n, example, lotte, esther)
}

// waitingInvoices are this month's invoices that wait for someone.
func (s *seeder) waitingInvoices(ctx context.Context, svc *invoices.Service, at func(time.Time), n time.Time,
	example func(demoBill, string, time.Time, int64) invoices.Example, lotte, esther *authz.Actor) error {
	bills := map[string]demoBill{}
	for _, b := range s.demoBills() {
		bills[b.prefix] = b
	}
	day := func(daysAgo, hour int) time.Time {
		return time.Date(n.Year(), n.Month(), n.Day(), hour, 0, 0, 0, n.Location()).AddDate(0, 0, -daysAgo)
	}
	number := func(prefix string) string { return fmt.Sprintf("%s-%d-%02d", prefix, n.Year(), int(n.Month())) }
	imp := func(prefix string, daysAgo int, net int64, iban string, who *authz.Actor, ch invoices.Channel) (invoices.Imported, error) {
		b := bills[prefix]
		e := example(b, number(prefix), day(daysAgo, 8), net)
		if iban != "" {
			e.IBAN = iban
		}
		at(day(daysAgo, 10))
		out, err := svc.ImportUBL(ctx, who, invoices.ExampleUBL(e), ch)
		if err != nil {
			return out, fmt.Errorf("invoice %s: %w", e.Number, err)
		}
		return out, nil
	}
	// A small one for the Office Manager.
	if _, err := imp("DP", 6, 38950, "", lotte, invoices.ChannelUpload); err != nil {
		return err
	}
	// Cleaning: approved, waiting for the director's countersignature.
	gl, err := imp("GL", 5, 320000, "", lotte, invoices.ChannelUpload)
	if err != nil {
		return err
	}
	at(day(4, 11))
	if _, err := svc.Approve(ctx, esther, gl.Invoice.ID, invoices.StepApprove); err != nil {
		return err
	}
	// Bitwerk asks to be paid on its new account, not yet confirmed.
	if _, err := imp("BW", 4, 540000, "NL74ABNA0612345678", lotte, invoices.ChannelUpload); err != nil {
		return err
	}
	// The caterer's invoice, uploaded and then sent again through the API.
	if _, err := imp("SMK", 3, 433300, "", lotte, invoices.ChannelUpload); err != nil {
		return err
	}
	if _, err := imp("SMK", 2, 433300, "", esther, invoices.ChannelAPI); err != nil {
		return err
	}
	// A PDF from a printer spil does not know yet.
	at(day(2, 14))
	if _, err := svc.RegisterPDF(ctx, lotte, invoices.ManualInput{Lang: "nl", SupplierName: "Drukkerij Van Vliet", Number: "2026-118",
		IssueDate: day(3, 8).Format("2006-01-02"), DueDate: day(3, 8).AddDate(0, 0, 14).Format("2006-01-02"),
		TotalExcl: "245,00", VAT: "51,45", IBAN: "NL20INGB0001234567", Reference: "2026-118",
		Notes: s.text("Visitekaartjes nieuwe medewerkers", "Business cards for new staff"), Filename: "factuur-2026-118.pdf",
		PDF: demoPDF("Drukkerij Van Vliet — factuur 2026-118", "Visitekaartjes, 4 x 250 stuks: EUR 245,00 + 21% btw")}); err != nil {
		return fmt.Errorf("pdf invoice: %w", err)
	}
	// A repair the Office Manager registered and approved herself: someone
	// else must approve it as well.
	fbz, err := imp("FBZ", 1, 78000, "", esther, invoices.ChannelUpload)
	if err != nil {
		return err
	}
	at(day(1, 15))
	_, err = svc.Approve(ctx, esther, fbz.Invoice.ID, invoices.StepApprove)
	return err
}

// demoPDF is a one-page PDF with a title and a line of text.
func demoPDF(title, text string) []byte {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(false)
	pdf.AddPage()
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetFont("Helvetica", "B", 16)
	pdf.Cell(0, 12, tr(title))
	pdf.Ln(14)
	pdf.SetFont("Helvetica", "", 11)
	pdf.MultiCell(0, 6, tr(text), "", "", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return []byte("%PDF-1.4\n%%EOF\n")
	}
	return buf.Bytes()
}
