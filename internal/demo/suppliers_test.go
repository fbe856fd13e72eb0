package demo_test

import (
	"context"
	"testing"

	"spil/internal/clock"
	"spil/internal/suppliers"
)

// The demo's suppliers: cleaning, catering and IT among them, each with a
// confirmed account and a contract, the cleaning contract's notice deadline
// within three weeks, and Bitwerk's new account unconfirmed.
func TestSeedSuppliers(t *testing.T) {
	e := newEnv(t)
	e.seed(t, 0)
	ctx := context.Background()
	svc := &suppliers.Service{DB: e.db, Clock: clock.NewManual(t0)}
	office := e.actorOf(t, "office@demo.example")
	list, err := svc.List(ctx, office, suppliers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	cats := map[string]bool{}
	untrusted := map[string]int{}
	for _, sp := range list {
		cats[sp.Category] = true
		untrusted[sp.Name] = sp.UntrustedAccounts
	}
	for _, c := range []string{"cleaning", "catering", "it_support", "facilities", "office_supplies"} {
		if !cats[c] {
			t.Errorf("no %s supplier", c)
		}
	}
	if untrusted["Bitwerk IT-diensten B.V."] != 1 || untrusted["Glans Schoonmaakdiensten B.V."] != 0 {
		t.Errorf("untrusted accounts: %v", untrusted)
	}
	alerts, err := svc.NoticeAlerts(ctx, office)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 || alerts[0].Terms.DaysLeft < 7 || alerts[0].Terms.DaysLeft > 21 {
		for _, a := range alerts {
			t.Logf("%s: %d days", a.Subject, a.Terms.DaysLeft)
		}
		t.Fatalf("%d contracts near their deadline, want the cleaning one within 3 weeks", len(alerts))
	}
	all, _ := svc.ListContracts(ctx, office, suppliers.ContractFilter{All: true})
	terminated := 0
	for _, c := range all {
		if c.Status == suppliers.StatusTerminated {
			terminated++
		}
	}
	if len(all) != 6 || terminated != 1 {
		t.Errorf("%d contracts, %d terminated", len(all), terminated)
	}
}
