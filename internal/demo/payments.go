package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"spil/internal/authz"
	"spil/internal/payments"
)

// seedPayments sets the firm's paying account and the payment batches the
// Office Manager made: the one that paid last month's invoices, executed
// about two weeks ago, and an open batch made today with half of the
// approved invoices that can be paid, waiting to be uploaded to the bank.
// The other approved invoices stay on the payments page to be chosen (the
// invoices demo keeps them approved, and its tests count on that).
func (s *seeder) seedPayments(ctx context.Context, now time.Time) error {
	om, err := s.resolver.Resolve(ctx, s.ids[keyOffice], authz.ViaSession)
	if err != nil {
		return err
	}
	svc := &payments.Service{DB: s.db, Clock: s.clock}
	st, err := svc.SetSettings(ctx, om, payments.Settings{DebtorName: "Van Dijk & De Boer Advocaten", DebtorIBAN: "NL02ABNA0123456789"})
	if err != nil {
		return fmt.Errorf("paying account: %w", err)
	}
	if err := s.pastBatch(ctx, om.PersonID, st); err != nil {
		return fmt.Errorf("past batch: %w", err)
	}
	due, err := svc.Due(ctx, om)
	if err != nil {
		return err
	}
	var ready []string
	for _, list := range [][]payments.Payable{due.Overdue, due.DueSoon, due.Later} {
		for _, p := range list {
			if p.Payable() {
				ready = append(ready, p.InvoiceID)
			}
		}
	}
	if len(ready) < 2 {
		return nil
	}
	if _, err := svc.Create(ctx, om, payments.CreateInput{InvoiceIDs: ready[:len(ready)/2]}); err != nil {
		return fmt.Errorf("open batch: %w", err)
	}
	return nil
}

// pastBatch records the batch that paid the latest invoices the invoices
// demo marked paid (the last six, into trusted accounts): made, downloaded and executed on the day they were paid. It is
// written with direct SQL because those invoices are paid already; the
// service makes batches of approved invoices only.
func (s *seeder) pastBatch(ctx context.Context, personID string, st payments.Settings) error {
	rows, err := s.db.R.QueryContext(ctx, `SELECT i.id, i.supplier_id, COALESCE(sp.name, i.supplier_name), i.payable_cents, i.iban, i.number, i.paid_at
		FROM invoices i JOIN suppliers sp ON sp.id = i.supplier_id
		WHERE i.status = 'paid' AND i.kind = 'invoice' AND i.currency = 'EUR' AND i.payable_cents > 0 AND i.paid_at IS NOT NULL
		  AND EXISTS (SELECT 1 FROM supplier_bank_accounts a WHERE a.supplier_id = i.supplier_id AND a.iban = i.iban AND a.trusted_at IS NOT NULL)
		ORDER BY i.paid_at DESC, i.number LIMIT 6`)
	if err != nil {
		return err
	}
	type paid struct {
		id, supplier, name, iban, number string
		cents                            int64
		at                               time.Time
	}
	var list []paid
	for rows.Next() {
		var p paid
		if err := rows.Scan(&p.id, &p.supplier, &p.name, &p.cents, &p.iban, &p.number, &p.at); err != nil {
			rows.Close()
			return err
		}
		list = append(list, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(list) == 0 {
		return err
	}
	id := uuid.Must(uuid.NewV7()).String()
	at := list[0].at
	var total int64
	for _, p := range list {
		total += p.cents
	}
	made := at.Add(-2 * 24 * time.Hour)
	if _, err := s.db.W.ExecContext(ctx, `INSERT INTO payment_batches (id, message_id, status, format, execution_date, debtor_name, debtor_iban, debtor_bic,
		item_count, total_cents, created_by, created_at, exported_at, executed_at, executed_by)
		VALUES ($1, $2, 'executed', 'pain.001.001.09', $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $9)`,
		id, strings.ReplaceAll(id, "-", ""), at.Format("2006-01-02"), st.DebtorName, st.DebtorIBAN, st.DebtorBIC, len(list), total, personID, made, at); err != nil {
		return err
	}
	for i, p := range list {
		if _, err := s.db.W.ExecContext(ctx, `INSERT INTO payment_batch_items (batch_id, invoice_id, position, supplier_id, creditor_name, amount_cents, iban, remittance, end_to_end_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, id, p.id, i+1, p.supplier, p.name, p.cents, p.iban, p.number, strings.ReplaceAll(p.id, "-", "")); err != nil {
			return err
		}
	}
	return nil
}
