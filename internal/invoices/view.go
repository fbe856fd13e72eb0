package invoices

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"spil/internal/authz"
)

// Position is a budget category's or contract's position in cents, this
// invoice counted.
type Position struct {
	Known     bool  `json:"known"`
	Budget    int64 `json:"budget_cents"`
	Actual    int64 `json:"actual_cents"`
	Committed int64 `json:"committed_cents"`
	// Remaining is what is left after the actuals and commitments and —
	// when the invoice is not approved yet — this invoice (excl. VAT).
	Remaining int64 `json:"remaining_cents"`
	Year      int   `json:"year"`
}

// ContractPosition is a contract's yearly value against what was invoiced
// on it in the invoice's year (approved and paid invoices, plus this one).
type ContractPosition struct {
	ID               string `json:"id"`
	Subject          string `json:"subject"`
	YearlyValueCents int64  `json:"yearly_value_cents"`
	InvoicedCents    int64  `json:"invoiced_cents"`
	Year             int    `json:"year"`
}

// Detail is an invoice as its page shows it.
type Detail struct {
	Invoice  Invoice  `json:"invoice"`
	Checks   Checks   `json:"checks"`
	Settings Settings `json:"settings"`
	// NeedsCountersign is true above the approval limit.
	NeedsCountersign bool `json:"needs_countersign"`
	// MyStep is the approval step the actor can give now, "" for none.
	MyStep   Step              `json:"my_step,omitempty"`
	Budget   *Position         `json:"budget,omitempty"`
	Contract *ContractPosition `json:"contract,omitempty"`
	// Contracts are the supplier's contracts running on the issue date,
	// the choices for coding.
	Contracts []ContractOption `json:"contracts,omitempty"`
}

// ContractOption is a contract the invoice can be coded with.
type ContractOption struct {
	ID      string `json:"id"`
	Subject string `json:"subject"`
}

// Get returns an invoice with lines, attachments, approvals, its checks
// recomputed as the data stands now, and the positions the approval screen
// shows — the budget category's and the contract's, only to those who
// approve, countersign or manage the office (see SeesPositions).
//
// Errors: NotFound when the actor may not see invoices or there is none.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id string) (Detail, error) {
	if !canSee(actor) {
		return Detail{}, errNotFound()
	}
	q := s.DB.R
	inv, err := loadInvoice(ctx, q, s.DB.Dialect, id, false)
	if err != nil {
		return Detail{}, err
	}
	if err := loadDetails(ctx, q, &inv); err != nil {
		return Detail{}, err
	}
	d := Detail{Invoice: inv}
	if d.Checks, err = s.checks(ctx, q, inv, nil); err != nil {
		return Detail{}, err
	}
	if d.Settings, err = loadSettings(ctx, q); err != nil {
		return Detail{}, err
	}
	d.NeedsCountersign = NeedsCountersign(inv, d.Settings)
	d.MyStep = Waiting(actor, inv, inv.Approvals, d.Settings)
	if inv.SupplierID != "" {
		if day, err := time.Parse("2006-01-02", inv.IssueDate); err == nil {
			cs, err := s.contractsFor(ctx, q, inv.SupplierID, day)
			if err != nil {
				return Detail{}, err
			}
			for _, c := range cs {
				d.Contracts = append(d.Contracts, ContractOption{ID: c.ID, Subject: c.Subject})
			}
		}
	}
	year, _ := strconv.Atoi(firstN(inv.IssueDate, 4))
	counted := inv.Status == StatusApproved || inv.Status == StatusPaid
	// The budget's figures and a contract's value are for those who decide
	// (the budget and contracts are not the assistants'): only they get the
	// positions.
	if !seesPositions(actor) {
		return d, nil
	}
	if inv.BudgetCategory != "" && year > 0 {
		pos, ok, err := s.budgetPositionOf(ctx, q, year, inv.BudgetCategory)
		if err != nil {
			return Detail{}, err
		}
		if ok {
			p := Position{Known: true, Budget: pos.Budget, Actual: pos.Actual, Committed: pos.Committed, Remaining: pos.Remaining, Year: year}
			// The budget is in euro: an invoice in another currency is not
			// subtracted (its cents are not euro cents).
			if !counted && inv.Status != StatusRejected && inv.Currency == "EUR" {
				p.Remaining -= inv.TotalExclCents
			}
			d.Budget = &p
		}
	}
	if inv.ContractID != "" && year > 0 {
		cp := ContractPosition{ID: inv.ContractID, Year: year}
		var currency string
		err := q.QueryRowContext(ctx, `SELECT subject, yearly_value_cents, currency FROM contracts WHERE id = $1`, inv.ContractID).Scan(&cp.Subject, &cp.YearlyValueCents, &currency)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Detail{}, fmt.Errorf("load contract: %w", err)
		}
		if err == nil {
			y := strconv.Itoa(year)
			if err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(total_excl_cents), 0) FROM invoices
				WHERE contract_id = $1 AND (status IN ('approved', 'paid') OR id = $2) AND issue_date >= $3 AND issue_date <= $4 AND currency = $5`,
				inv.ContractID, inv.ID, y+"-01-01", y+"-12-31", currency).Scan(&cp.InvoicedCents); err != nil {
				return Detail{}, fmt.Errorf("contract position: %w", err)
			}
			d.Contract = &cp
		}
	}
	return d, nil
}

// seesPositions reports whether actor gets the budget and contract
// positions with an invoice: who approves or countersigns, and the Office
// Manager; not an assistant who only prepares.
func seesPositions(a *authz.Actor) bool {
	return a.Can(authz.InvoicesApprove) || a.Can(authz.InvoicesCountersign) || a.Can(authz.OfficeManage)
}

// SeesPositions reports whether actor gets the budget and contract
// positions with an invoice.
func SeesPositions(a *authz.Actor) bool { return seesPositions(a) }

func firstN(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

// AttachmentFile returns one attachment of an invoice with its content.
//
// Errors: NotFound when the actor may not see invoices, or there is no
// such attachment on that invoice (or its content was not kept).
func (s *Service) AttachmentFile(ctx context.Context, actor *authz.Actor, invoiceID, attachmentID string) (Attachment, error) {
	if !canSee(actor) {
		return Attachment{}, errNotFound()
	}
	var a Attachment
	var content []byte
	err := s.DB.R.QueryRowContext(ctx, `SELECT id, position, filename, content_type, description, size, content
		FROM invoice_attachments WHERE invoice_id = $1 AND id = $2`, invoiceID, attachmentID).
		Scan(&a.ID, &a.Position, &a.Filename, &a.ContentType, &a.Description, &a.Size, &content)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && content == nil) {
		return Attachment{}, errNotFound()
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("load attachment: %w", err)
	}
	a.Content = content
	return a, nil
}

// Source returns the UBL document an invoice was imported from.
//
// Errors: NotFound when the actor may not see invoices, or the invoice was
// entered by hand.
func (s *Service) Source(ctx context.Context, actor *authz.Actor, id string) ([]byte, error) {
	if !canSee(actor) {
		return nil, errNotFound()
	}
	var src []byte
	err := s.DB.R.QueryRowContext(ctx, `SELECT source_xml FROM invoices WHERE id = $1`, id).Scan(&src)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && src == nil) {
		return nil, errNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("load source: %w", err)
	}
	return src, nil
}

// HistoryEntry is one change of an invoice, from the audit log.
type HistoryEntry struct {
	At        time.Time `json:"at"`
	ActorName string    `json:"actor_name"`
	Action    string    `json:"action"` // register, approve, countersign, reject, hold, release, code
}

// History returns what happened to an invoice, oldest first.
//
// Errors: NotFound when the actor may not see invoices.
func (s *Service) History(ctx context.Context, actor *authz.Actor, id string) ([]HistoryEntry, error) {
	if !canSee(actor) {
		return nil, errNotFound()
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT at, actor_name, action FROM audit_log WHERE object_type = 'invoice' AND object_id = $1 ORDER BY at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("invoice history: %w", err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		if err := rows.Scan(&h.At, &h.ActorName, &h.Action); err != nil {
			return nil, fmt.Errorf("invoice history: %w", err)
		}
		h.At = h.At.UTC()
		out = append(out, h)
	}
	return out, rows.Err()
}
