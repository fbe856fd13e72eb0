package payments

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/holiday"
	"spil/internal/iban"
	"spil/internal/sepa"
)

// CreateInput makes a batch of the invoices InvoiceIDs, to be executed on
// ExecutionDate ('YYYY-MM-DD', "" for today), written as Format
// ("pain.001.001.09" by default, or "pain.001.001.03").
type CreateInput struct {
	InvoiceIDs    []string `json:"invoice_ids"`
	ExecutionDate string   `json:"execution_date,omitempty"`
	Format        string   `json:"format,omitempty"`
}

// Create makes a payment batch, status open, of the chosen invoices, in one
// transaction: every invoice must be approved, in euro, with an amount to
// pay, of a known supplier whose IBAN on the invoice is trusted, and in no
// other batch (see the package rules). Nothing is stored unless all are.
//
// Errors: NotFound when actor may not manage payments; Invalid with field
// invoice_ids (none chosen, too many), execution_date, format, settings (no
// debit account yet) or "invoices.<id>" for each invoice that cannot be
// paid; Conflict when another batch took one of the invoices at the same
// moment.
func (s *Service) Create(ctx context.Context, actor *authz.Actor, in CreateInput) (Batch, error) {
	if !canManage(actor) {
		return Batch{}, notFound()
	}
	var fe apperr.Fields
	ids := dedupe(in.InvoiceIDs)
	switch {
	case len(ids) == 0:
		fe.Add("invoice_ids", "choose at least one invoice")
	case len(ids) > MaxBatchItems:
		fe.Add("invoice_ids", "too many invoices for one batch")
	}
	switch in.Format {
	case "":
		in.Format = string(sepa.V09)
	case string(sepa.V09), string(sepa.V03):
	default:
		fe.Add("format", "choose pain.001.001.09 or pain.001.001.03")
	}
	today := s.today(ctx, s.DB.R)
	exec := today
	if in.ExecutionDate != "" {
		d, ok := validDate(in.ExecutionDate)
		switch {
		case !ok:
			fe.Add("execution_date", "not a date (YYYY-MM-DD)")
		case d.Before(today):
			fe.Add("execution_date", "must not be in the past")
		case d.After(today.AddDays(365)):
			fe.Add("execution_date", "at most a year ahead")
		default:
			exec = d
		}
	}
	if err := fe.Err(); err != nil {
		return Batch{}, err
	}
	now := s.now()
	id := newID()
	b := Batch{ID: id, MessageID: compactID(id), Status: StatusOpen, Format: in.Format, ExecutionDate: exec.String(),
		CreatedBy: actor.PersonID, CreatedByName: actor.Name, CreatedAt: now.UTC().Truncate(time.Microsecond)}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		if !st.Complete() {
			return apperr.Fields{"settings": "set the organization's bank account first"}.Err()
		}
		b.DebtorName, b.DebtorIBAN, b.DebtorBIC = st.DebtorName, st.DebtorIBAN, st.DebtorBIC
		list, err := s.lockPayables(ctx, tx, ids)
		if err != nil {
			return err
		}
		found := make(map[string]payable, len(list))
		for _, p := range list {
			found[p.InvoiceID] = p
		}
		var fe apperr.Fields
		for i, id := range ids {
			p, ok := found[id]
			if msg := refusal(p, ok); msg != "" {
				fe.Add("invoices."+id, msg)
				continue
			}
			it := item(p, i)
			b.Items = append(b.Items, it)
			b.TotalCents += it.AmountCents
		}
		if err := fe.Err(); err != nil {
			return err
		}
		b.Count = len(b.Items)
		if err := sepaBatch(b).Validate(today); err != nil {
			return transferErrors(err, b.Items)
		}
		if err := insertBatch(ctx, tx, s.DB.Dialect, b); err != nil {
			return err
		}
		return audit.Record(ctx, tx, s.Clock, actor, audit.Change{
			Action: "create", ObjectType: "payment_batch", ObjectID: b.ID, Label: b.ExecutionDate,
			Summary: fmt.Sprintf("payment batch of %d invoices, EUR %s, for %s", b.Count, decimal.New(b.TotalCents, -2).StringFixed(2), b.ExecutionDate),
			After:   map[string]any{"count": b.Count, "total_cents": b.TotalCents, "execution_date": b.ExecutionDate, "format": b.Format},
		})
	})
	if err != nil {
		if db.IsUniqueViolation(err, "invoice_id") {
			return Batch{}, apperr.Conflictf("an invoice was put in another payment batch at the same moment; try again")
		}
		return Batch{}, err
	}
	return b, nil
}

// lockPayables locks the invoices (PostgreSQL; SQLite has one writer) and
// then reads them, so the read sees batches committed while it waited.
func (s *Service) lockPayables(ctx context.Context, tx *sql.Tx, ids []string) ([]payable, error) {
	if s.DB.Dialect == db.Postgres {
		set, arg := idSet(s.DB.Dialect, ids)
		rows, err := tx.QueryContext(ctx, `SELECT i.id FROM `+set+` JOIN invoices i ON i.id = sel.id ORDER BY i.id FOR UPDATE OF i`, arg)
		if err != nil {
			return nil, fmt.Errorf("lock invoices: %w", err)
		}
		rows.Close()
	}
	return payablesFull(ctx, tx, s.DB.Dialect, ids)
}

// refusal says why p cannot be paid, "" when it can.
func refusal(p payable, found bool) string {
	switch {
	case !found:
		return "not an approved invoice"
	case p.BatchID != "":
		return "already in a payment batch"
	case p.Currency != "EUR":
		return "only invoices in euro can be paid by SEPA transfer"
	case p.AmountCents <= 0:
		return "nothing to pay"
	case p.SupplierID == "" || p.IBAN == "":
		return "no known supplier account to pay into"
	case !p.Trusted:
		return "the IBAN is not a trusted account of the supplier"
	}
	return ""
}

// item is the batch item paying p, at position i.
func item(p payable, i int) Item {
	it := Item{InvoiceID: p.InvoiceID, Number: p.Number, SupplierID: p.SupplierID, CreditorName: creditorName(p.SupplierName),
		AmountCents: p.AmountCents, IBAN: iban.Normalize(p.IBAN), EndToEndID: compactID(p.InvoiceID)}
	if b, err := iban.ParseBIC("bic", p.BIC); err == nil && p.BIC != "" {
		it.BIC = b.String()
	}
	ref := strings.ReplaceAll(strings.TrimSpace(p.reference), " ", "")
	switch {
	case ref != "" && sepa.ValidDutchReference(ref):
		it.Reference, it.Issuer = ref, "CUR"
	case ref != "" && sepa.ValidRF(ref):
		it.Reference, it.Issuer = strings.ToUpper(ref), sepa.IssuerISO
	default:
		text := p.Number
		if r := strings.TrimSpace(p.reference); r != "" && r != p.Number {
			text += " " + r
		}
		it.Remittance = truncate(text, 140)
	}
	_ = i
	return it
}

// creditorName is the supplier's name as the file will carry it, cut to the
// 70 characters SEPA allows.
func creditorName(name string) string {
	if conv, err := sepa.Latin(name); err == nil {
		return truncate(conv, 70)
	}
	return truncate(name, 70)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n]))
}

func transfer(it Item) sepa.Transfer {
	t := sepa.Transfer{EndToEndID: it.EndToEndID, Amount: decimal.New(it.AmountCents, -2), CreditorName: it.CreditorName,
		CreditorIBAN: it.IBAN, CreditorBIC: it.BIC}
	if it.Reference != "" {
		t.Remittance = sepa.Remittance{Reference: it.Reference, Issuer: it.Issuer}
	} else if it.Remittance != "" {
		t.Remittance = sepa.Unstructured(it.Remittance)
	}
	return t
}

var transferPath = regexp.MustCompile(`^payments\[0\]\.transfers\[(\d+)\]`)

// transferErrors names the invoices whose transfers the SEPA rules refuse.
func transferErrors(err error, items []Item) error {
	fs := apperr.FieldsOf(err)
	if len(fs) == 0 {
		return err
	}
	var out apperr.Fields
	for k, msg := range fs {
		if m := transferPath.FindStringSubmatch(k); m != nil {
			if i, _ := strconv.Atoi(m[1]); i < len(items) {
				out.Add("invoices."+items[i].InvoiceID, msg)
				continue
			}
		}
		out.Add("settings", msg)
	}
	return out.Err()
}

func insertBatch(ctx context.Context, tx *sql.Tx, dialect db.Dialect, b Batch) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO payment_batches (id, message_id, status, format, execution_date, debtor_name, debtor_iban, debtor_bic,
		item_count, total_cents, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		b.ID, b.MessageID, b.Status, b.Format, b.ExecutionDate, b.DebtorName, b.DebtorIBAN, b.DebtorBIC, b.Count, b.TotalCents,
		nullable(b.CreatedBy), b.CreatedAt); err != nil {
		return fmt.Errorf("payment batch: %w", err)
	}
	// The items go in as one JSON parameter: one statement, whatever the
	// batch's size (thousands of $N placeholders cost SQLite quadratic time).
	type row struct {
		InvoiceID    string `json:"invoice_id"`
		Position     int    `json:"position"`
		SupplierID   string `json:"supplier_id"`
		CreditorName string `json:"creditor_name"`
		AmountCents  int64  `json:"amount_cents"`
		IBAN         string `json:"iban"`
		BIC          string `json:"bic"`
		Remittance   string `json:"remittance"`
		Reference    string `json:"reference"`
		Issuer       string `json:"issuer"`
		EndToEndID   string `json:"end_to_end_id"`
	}
	rows := make([]row, len(b.Items))
	for i, it := range b.Items {
		rows[i] = row{it.InvoiceID, i + 1, it.SupplierID, it.CreditorName, it.AmountCents, it.IBAN, it.BIC, it.Remittance, it.Reference, it.Issuer, it.EndToEndID}
	}
	data, err := json.Marshal(rows)
	if err != nil {
		return err
	}
	q := `INSERT INTO payment_batch_items (batch_id, invoice_id, position, supplier_id, creditor_name, amount_cents, iban, bic, remittance, reference, issuer, end_to_end_id)
		SELECT $1, json_extract(value, '$.invoice_id'), json_extract(value, '$.position'), json_extract(value, '$.supplier_id'),
			json_extract(value, '$.creditor_name'), json_extract(value, '$.amount_cents'), json_extract(value, '$.iban'), json_extract(value, '$.bic'),
			json_extract(value, '$.remittance'), json_extract(value, '$.reference'), json_extract(value, '$.issuer'), json_extract(value, '$.end_to_end_id')
		FROM json_each($2)`
	if dialect == db.Postgres {
		q = `INSERT INTO payment_batch_items (batch_id, invoice_id, position, supplier_id, creditor_name, amount_cents, iban, bic, remittance, reference, issuer, end_to_end_id)
		SELECT $1, x.invoice_id, x.position, x.supplier_id, x.creditor_name, x.amount_cents, x.iban, x.bic, x.remittance, x.reference, x.issuer, x.end_to_end_id
		FROM jsonb_to_recordset(CAST($2 AS jsonb)) AS x (invoice_id text, position int, supplier_id text, creditor_name text, amount_cents bigint,
			iban text, bic text, remittance text, reference text, issuer text, end_to_end_id text)`
	}
	if _, err := tx.ExecContext(ctx, q, b.ID, string(data)); err != nil {
		return err
	}
	return nil
}

func dedupe(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func validDate(s string) (holiday.Date, bool) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return holiday.Date{}, false
	}
	return holiday.DateOf(t), true
}

func parseDate(s string) holiday.Date {
	d, _ := validDate(s)
	return d
}
