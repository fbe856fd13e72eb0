package demo_test

import (
	"context"
	"testing"

	"spil/internal/budget"
	"spil/internal/clock"
	"spil/internal/payments"
)

// The demo's budget is over in catering (and only there), and its payments
// have an executed batch in the past and an open one.
func TestSeedBudgetAndPayments(t *testing.T) {
	e := newEnv(t)
	e.seed(t, 0)
	ctx := context.Background()
	clk := clock.NewManual(t0)
	office := e.actorOf(t, "office@demo.example")
	o, err := (&budget.Service{DB: e.db, Clock: clk}).Year(ctx, office, t0.Year())
	if err != nil {
		t.Fatal(err)
	}
	over := map[string]bool{}
	for _, w := range o.Warnings {
		t.Logf("warning %s %s %d %% (%d of %d)", w.Category.Key, w.Scope, w.Percent, w.Used, w.Budget)
		if w.Level >= budget.LevelOver {
			over[w.Category.Key] = true
		}
	}
	for _, c := range o.Categories {
		t.Logf("%-16s budget %9d actual %9d committed %9d", c.Category.Key, c.Position.Budget, c.Position.Actual, c.Position.Committed)
	}
	if !over["catering"] || len(over) != 1 {
		t.Errorf("over budget: %v, want catering only", over)
	}
	last, err := (&budget.Service{DB: e.db, Clock: clk}).Year(ctx, office, t0.Year()-1)
	if err != nil || last.Total.Budget == 0 {
		t.Errorf("last year's budget: %v %+v", err, last.Total)
	}
	pay := &payments.Service{DB: e.db, Clock: clk}
	batches, err := pay.Batches(ctx, office, 0)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	for _, b := range batches {
		status[b.Status]++
	}
	if status[payments.StatusExecuted] != 1 || status[payments.StatusOpen] != 1 {
		t.Errorf("batches %v", status)
	}
	due, _ := pay.Due(ctx, office)
	payable := 0
	for _, list := range [][]payments.Payable{due.Overdue, due.DueSoon, due.Later} {
		for _, p := range list {
			if p.Payable() {
				payable++
			}
		}
	}
	if payable == 0 {
		t.Error("no invoice left to choose on the payments page")
	}
}
