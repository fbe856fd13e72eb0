package demo_test

import (
	"context"
	"testing"

	"spil/internal/budget"
	"spil/internal/clock"
	"spil/internal/invoices"
	"spil/internal/suppliers"
)

// The demo's invoices: a year of them, paid and approved, and this month's
// waiting — one for the director above the limit, one on Bitwerk's
// unconfirmed account, a duplicate, a PDF from an unknown supplier.
func TestSeedInvoices(t *testing.T) {
	e := newEnv(t)
	e.seed(t, 0)
	ctx := context.Background()
	clk := clock.NewManual(t0)
	svc := &invoices.Service{DB: e.db, Clock: clk, Suppliers: &suppliers.Service{DB: e.db, Clock: clk}, Budget: &budget.Service{DB: e.db, Clock: clk}}
	office := e.actorOf(t, "office@demo.example")
	all, err := svc.List(ctx, office, invoices.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	status := map[invoices.Status]int{}
	for _, it := range all {
		status[it.Status]++
	}
	if status[invoices.StatusPaid] < 50 || status[invoices.StatusApproved] < 4 || status[invoices.StatusRegistered] < 6 {
		t.Fatalf("statuses %v", status)
	}
	director := e.actorOf(t, "director@demo.example")
	waiting, _ := svc.List(ctx, director, invoices.Filter{WaitingForMe: true})
	if len(waiting) < 2 {
		t.Errorf("%d invoices wait for the director", len(waiting))
	}
	mine, _ := svc.List(ctx, office, invoices.Filter{WaitingForMe: true})
	if len(mine) < 3 {
		t.Errorf("%d invoices wait for the Office Manager", len(mine))
	}
	found := map[string]bool{}
	for _, it := range all {
		if it.Status != invoices.StatusRegistered {
			continue
		}
		d, err := svc.Get(ctx, office, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range d.Checks.List {
			found[c.Key] = true
		}
	}
	for _, k := range []string{"iban_untrusted", "duplicate", "supplier_unknown", "iban_trusted", "contract"} {
		if !found[k] {
			t.Errorf("no waiting invoice shows check %s (%v)", k, found)
		}
	}
}
