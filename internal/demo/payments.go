package demo

import (
	"context"
	"fmt"
	"time"

	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/payments"
)

// seedPayments sets the firm's paying account and pays part of the approved
// invoices the way the Office Manager does: a batch made, downloaded and
// executed about two weeks ago (its invoices paid), and an open batch made
// today, waiting to be uploaded to the bank. Approved invoices outside both
// stay on the payments page (overdue or due soon), the one on an
// unconfirmed IBAN among them.
func (s *seeder) seedPayments(ctx context.Context, now time.Time) error {
	om, err := s.resolver.Resolve(ctx, s.ids[keyOffice], authz.ViaSession)
	if err != nil {
		return err
	}
	past := clock.NewManual(now.Add(-15 * 24 * time.Hour))
	svc := &payments.Service{DB: s.db, Clock: past}
	if _, err := svc.SetSettings(ctx, om, payments.Settings{DebtorName: "Van Dijk & De Boer Advocaten", DebtorIBAN: "NL02ABNA0123456789"}); err != nil {
		return fmt.Errorf("paying account: %w", err)
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
	// Half of what is ready went out two weeks ago, a few more are in
	// today's open batch, the rest (at least one) stays to be chosen.
	n := len(ready)
	if n < 2 {
		return nil
	}
	first := (n + 1) / 2
	b, err := svc.Create(ctx, om, payments.CreateInput{InvoiceIDs: ready[:first]})
	if err != nil {
		return fmt.Errorf("past batch: %w", err)
	}
	if _, err := svc.Download(ctx, om, b.ID, ""); err != nil {
		return fmt.Errorf("past batch file: %w", err)
	}
	past.Advance(2 * 24 * time.Hour)
	if _, err := svc.Execute(ctx, om, b.ID); err != nil {
		return fmt.Errorf("past batch executed: %w", err)
	}
	rest := ready[first:]
	if len(rest) < 2 {
		return nil
	}
	today := &payments.Service{DB: s.db, Clock: s.clock}
	if _, err := today.Create(ctx, om, payments.CreateInput{InvoiceIDs: rest[:len(rest)/2], ExecutionDate: ""}); err != nil {
		return fmt.Errorf("open batch: %w", err)
	}
	return nil
}
