package invoices

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/org"
)

// Filter narrows the invoice list.
type Filter struct {
	// Status is one of the statuses, "" for all.
	Status Status
	// SupplierID keeps one supplier's invoices.
	SupplierID string
	// Query searches supplier name and invoice number.
	Query string
	// Overdue keeps invoices not paid nor rejected whose due date passed.
	Overdue bool
	// WaitingForMe keeps invoices waiting for a step the actor can give.
	WaitingForMe bool
	// Limit caps the result; 0 means 200, at most 1000.
	Limit int
	// Flags asks for each undecided invoice's flags (see ListItem.Flags),
	// which cost two queries per invoice; lists that do not show them
	// (the dashboard card) leave it off.
	Flags bool
}

// ListItem is an invoice in a list, with the step the actor can give.
type ListItem struct {
	Invoice
	MyStep           Step `json:"my_step,omitempty"`
	NeedsCountersign bool `json:"needs_countersign"`
	Overdue          bool `json:"overdue"`
	// Flags are the keys of the checks that need a look (level warning or
	// problem: "duplicate", "iban_untrusted", …), for invoices still to be
	// decided (registered or on hold) when Filter.Flags asks for them; empty
	// for the others.
	Flags []string `json:"flags,omitempty"`
}

// List returns invoices, newest issue date first.
//
// Errors: NotFound when the actor may not see invoices; Invalid (field
// status) for an unknown status.
func (s *Service) List(ctx context.Context, actor *authz.Actor, f Filter) ([]ListItem, error) {
	if !canSee(actor) {
		return nil, errNotFound()
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	switch f.Status {
	case "":
	case StatusRegistered, StatusOnHold, StatusRejected, StatusApproved, StatusPaid:
		where = append(where, "i.status = "+arg(string(f.Status)))
	default:
		return nil, apperr.Fields{"status": "choose registered, on_hold, rejected, approved or paid"}.Err()
	}
	if f.SupplierID != "" {
		where = append(where, "i.supplier_id = "+arg(f.SupplierID))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := arg(db.Like(q))
		where = append(where, "(lower(i.supplier_name) LIKE "+p+" ESCAPE '\\' OR lower(i.number) LIKE "+p+" ESCAPE '\\')")
	}
	today := dateText(s.Clock.Now().In(org.Zone(ctx, s.DB.R)))
	if f.Overdue {
		where = append(where, "i.status IN ('registered', 'on_hold', 'approved') AND i.due_date IS NOT NULL AND i.due_date < "+arg(today))
	}
	if f.WaitingForMe {
		where = append(where, "i.status = 'registered'")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	if limit > 1000 {
		limit = 1000
	}
	query := `SELECT ` + invoiceColumns + invoiceFrom
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY i.issue_date DESC, i.registered_at DESC, i.id"
	if !f.WaitingForMe {
		query += " LIMIT " + strconv.Itoa(limit)
	}
	rows, err := s.DB.R.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	var items []ListItem
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list invoices: %w", err)
		}
		items = append(items, ListItem{Invoice: inv})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list invoices: %w", err)
	}
	st, err := loadSettings(ctx, s.DB.R)
	if err != nil {
		return nil, err
	}
	apps, err := s.approvalsOfWaiting(ctx, items)
	if err != nil {
		return nil, err
	}
	out := items[:0]
	for _, it := range items {
		it.NeedsCountersign = NeedsCountersign(it.Invoice, st)
		it.Overdue = it.DueDate != "" && it.DueDate < today && (it.Status == StatusRegistered || it.Status == StatusOnHold || it.Status == StatusApproved)
		it.MyStep = Waiting(actor, it.Invoice, apps[it.ID], st)
		it.Approvals = apps[it.ID]
		if f.WaitingForMe && it.MyStep == "" {
			continue
		}
		if f.Flags && (it.Status == StatusRegistered || it.Status == StatusOnHold) {
			flags, err := s.flags(ctx, s.DB.R, it.Invoice)
			if err != nil {
				return nil, fmt.Errorf("list invoices: checks of %s: %w", it.ID, err)
			}
			it.Flags = flags
		}
		out = append(out, it)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// approvalsOfWaiting loads the approvals of the registered invoices.
func (s *Service) approvalsOfWaiting(ctx context.Context, items []ListItem) (map[string][]Approval, error) {
	out := map[string][]Approval{}
	if len(items) == 0 {
		return out, nil
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT a.invoice_id, a.person_id, COALESCE(p.name, ''), a.step, a.at
		FROM invoice_approvals a JOIN invoices i ON i.id = a.invoice_id LEFT JOIN people p ON p.id = a.person_id
		WHERE i.status = 'registered' ORDER BY a.at`)
	if err != nil {
		return nil, fmt.Errorf("list approvals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var a Approval
		if err := rows.Scan(&id, &a.PersonID, &a.Name, &a.Step, &a.At); err != nil {
			return nil, fmt.Errorf("list approvals: %w", err)
		}
		out[id] = append(out[id], a)
	}
	return out, rows.Err()
}

// CountWaiting returns how many invoices wait for a step the actor can
// give (the dashboard card); 0 for actors who cannot approve.
func (s *Service) CountWaiting(ctx context.Context, actor *authz.Actor) (int, error) {
	if actor == nil || (!actor.Can(authz.InvoicesApprove) && !actor.Can(authz.InvoicesCountersign)) {
		return 0, nil
	}
	items, err := s.List(ctx, actor, Filter{WaitingForMe: true, Limit: 1000})
	if err != nil {
		return 0, err
	}
	return len(items), nil
}
