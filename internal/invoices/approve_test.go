package invoices

import (
	"sync"
	"testing"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestApprovalByAuthority(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		small := f.importOK(t, f.ma, glans("A-1", 100000)).Invoice // € 1.210,00
		big := f.importOK(t, f.ma, glans("A-2", 300000)).Invoice   // € 3.630,00

		// An assistant can never approve, nor countersign.
		_, err := f.svc.Approve(ctx, f.actor(t, f.ma), small.ID, "")
		wantKind(t, err, apperr.Forbidden)
		_, err = f.svc.Approve(ctx, f.actor(t, f.ma), small.ID, StepCountersign)
		wantKind(t, err, apperr.Forbidden)
		// An employee does not see invoices.
		_, err = f.svc.Approve(ctx, f.actor(t, f.emp), small.ID, "")
		wantKind(t, err, apperr.NotFound)

		// Below the limit the Office Manager approves alone (she did not register it).
		inv, err := f.svc.Approve(ctx, f.actor(t, f.om), small.ID, "")
		if err != nil || inv.Status != StatusApproved {
			t.Fatalf("small: %v %s", err, inv.Status)
		}
		// Approving twice is a no-op.
		inv, err = f.svc.Approve(ctx, f.actor(t, f.om), small.ID, "")
		if err != nil || inv.Status != StatusApproved || len(inv.Approvals) != 1 {
			t.Fatalf("twice: %v %+v", err, inv.Approvals)
		}

		// Above the limit: the Office Manager's approval is not enough.
		inv, err = f.svc.Approve(ctx, f.actor(t, f.om), big.ID, StepApprove)
		if err != nil || inv.Status != StatusRegistered {
			t.Fatalf("big after approve: %v %s", err, inv.Status)
		}
		// She cannot countersign her own approval (and has no right to).
		_, err = f.svc.Approve(ctx, f.actor(t, f.om), big.ID, StepCountersign)
		wantKind(t, err, apperr.Forbidden)
		// A second Office Manager cannot stand in for a director.
		inv, err = f.svc.Approve(ctx, f.actor(t, f.om2), big.ID, StepApprove)
		if err != nil || inv.Status != StatusRegistered {
			t.Fatalf("big after second approve: %v %s", err, inv.Status)
		}
		det, _ := f.svc.Get(ctx, f.actor(t, f.dir), big.ID)
		if det.MyStep != StepCountersign || !det.NeedsCountersign {
			t.Fatalf("director's step %q needs %v", det.MyStep, det.NeedsCountersign)
		}
		inv, err = f.svc.Approve(ctx, f.actor(t, f.dir), big.ID, "")
		if err != nil || inv.Status != StatusApproved || inv.ApprovedAt == nil {
			t.Fatalf("big after countersign: %v %s", err, inv.Status)
		}
		var steps int
		d.R.QueryRow(`SELECT COUNT(*) FROM invoice_approvals WHERE invoice_id = $1`, big.ID).Scan(&steps)
		if steps != 3 {
			t.Errorf("%d steps stored", steps)
		}
	})
}

func TestRegistrarIsNotTheOnlyApprover(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	inv := f.importOK(t, f.om, glans("R-1", 1000)).Invoice
	got, err := f.svc.Approve(ctx, f.actor(t, f.om), inv.ID, "")
	if err != nil || got.Status != StatusRegistered {
		t.Fatalf("registrar alone: %v %s", err, got.Status)
	}
	// Nothing waits for her any more; the other Office Manager and the directors see it.
	list, _ := f.svc.List(ctx, f.actor(t, f.om), Filter{WaitingForMe: true})
	if len(list) != 0 {
		t.Fatalf("waiting for the registrar: %d", len(list))
	}
	for _, who := range []string{f.om2, f.dir} {
		list, _ := f.svc.List(ctx, f.actor(t, who), Filter{WaitingForMe: true})
		if len(list) != 1 {
			t.Fatalf("waiting for %s: %d", who, len(list))
		}
	}
	got, err = f.svc.Approve(ctx, f.actor(t, f.dir), inv.ID, "")
	if err != nil || got.Status != StatusApproved {
		t.Fatalf("second approver: %v %s", err, got.Status)
	}
}

func TestRejectHoldRelease(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	inv := f.importOK(t, f.ma, glans("H-1", 1000)).Invoice
	_, err := f.svc.Reject(ctx, f.actor(t, f.om), inv.ID, "  ")
	wantField(t, err, "reason")
	_, err = f.svc.Reject(ctx, f.actor(t, f.ma), inv.ID, "fout")
	wantKind(t, err, apperr.Forbidden)
	held, err := f.svc.Hold(ctx, f.actor(t, f.ma), inv.ID, "navragen bij leverancier")
	if err != nil || held.Status != StatusOnHold {
		t.Fatalf("hold: %v", err)
	}
	_, err = f.svc.Approve(ctx, f.actor(t, f.om), inv.ID, "")
	wantKind(t, err, apperr.Conflict)
	if _, err := f.svc.Release(ctx, f.actor(t, f.om), inv.ID); err != nil {
		t.Fatal(err)
	}
	rej, err := f.svc.Reject(ctx, f.actor(t, f.om), inv.ID, "niet besteld")
	if err != nil || rej.Status != StatusRejected || rej.RejectReason != "niet besteld" {
		t.Fatalf("reject: %v %+v", err, rej)
	}
	_, err = f.svc.Approve(ctx, f.actor(t, f.om), inv.ID, "")
	wantKind(t, err, apperr.Conflict)
	var n int
	f.db.R.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'invoice' AND object_id = $1`, inv.ID).Scan(&n)
	if n != 4 { // register, hold, release, reject
		t.Errorf("%d audit entries", n)
	}
}

func TestApprovalLimitSetting(t *testing.T) {
	f := newFixture(t, testutil.NewSQLite(t))
	st, err := f.svc.Settings(ctx, f.actor(t, f.ma))
	if err != nil || st.ApprovalLimitCents != 250000 {
		t.Fatalf("default %+v %v", st, err)
	}
	_, err = f.svc.SetApprovalLimit(ctx, f.actor(t, f.ma), 100)
	wantKind(t, err, apperr.Forbidden)
	_, err = f.svc.SetApprovalLimit(ctx, f.actor(t, f.om), -1)
	wantField(t, err, "approval_limit")
	if _, err := f.svc.SetApprovalLimit(ctx, f.actor(t, f.om), 50000); err != nil {
		t.Fatal(err)
	}
	inv := f.importOK(t, f.ma, glans("L-1", 100000)).Invoice
	got, _ := f.svc.Approve(ctx, f.actor(t, f.om), inv.ID, "")
	if got.Status != StatusRegistered {
		t.Fatalf("above the new limit approved alone")
	}
}

// TestConcurrentApprovals lets two Office Managers and a director approve
// invoices above the limit at the same moment, each several times — on
// PostgreSQL from two pools, as two spil processes would: every invoice
// ends approved with exactly one countersign step and no error.
func TestConcurrentApprovals(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		d := testutil.NewSQLite(t)
		concurrentApprovals(t, d, d)
	})
	t.Run("postgres", func(t *testing.T) {
		url := testutil.PostgresURL(t)
		d1, err := db.Open(ctx, db.Options{DatabaseURL: url, MaxConns: 4})
		if err != nil {
			t.Fatal(err)
		}
		defer d1.Close()
		if err := d1.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		d2, err := db.Open(ctx, db.Options{DatabaseURL: url, MaxConns: 4})
		if err != nil {
			t.Fatal(err)
		}
		defer d2.Close()
		concurrentApprovals(t, d1, d2)
	})
}

func concurrentApprovals(t *testing.T, d, d2 *db.DB) {
	f := newFixture(t, d)
	s2 := *f.svc
	s2.DB = d2
	var ids []string
	for i := range 5 {
		ids = append(ids, f.importOK(t, f.ma, glans("C-"+string(rune('A'+i)), 400000)).Invoice.ID)
	}
	om, dir, om2 := f.actor(t, f.om), f.actor(t, f.dir), f.actor(t, f.om2)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for _, id := range ids {
		for range 3 {
			wg.Add(3)
			go func() { defer wg.Done(); _, err := f.svc.Approve(ctx, om, id, StepApprove); errs <- err }()
			go func() { defer wg.Done(); _, err := s2.Approve(ctx, dir, id, StepCountersign); errs <- err }()
			go func() { defer wg.Done(); _, err := s2.Approve(ctx, om2, id, StepApprove); errs <- err }()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("approve: %v", err)
		}
	}
	for _, id := range ids {
		var status string
		var counter, total int
		d.R.QueryRow(`SELECT status FROM invoices WHERE id = $1`, id).Scan(&status)
		d.R.QueryRow(`SELECT COUNT(*) FROM invoice_approvals WHERE invoice_id = $1 AND step = 'countersign'`, id).Scan(&counter)
		d.R.QueryRow(`SELECT COUNT(*) FROM invoice_approvals WHERE invoice_id = $1`, id).Scan(&total)
		if status != "approved" || counter != 1 || total < 2 || total > 3 {
			t.Errorf("%s: status %s, %d countersign steps, %d steps", id, status, counter, total)
		}
	}
}
