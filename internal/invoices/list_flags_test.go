package invoices

import (
	"slices"
	"testing"

	"spil/internal/db"
	"spil/internal/testutil"
)

// The list shows, next to each invoice still to be decided, what its checks
// found wrong — a duplicate or a changed bank account is seen before the
// invoice is opened. Decided invoices carry no flags.
func TestListFlagsWhatNeedsALook(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sup := f.supplier(t, "Glans Schoonmaak B.V.", "12345678", "NL001234567B01", "cleaning")
		f.account(t, sup, "NL91ABNA0417164300", true)
		clean := f.importOK(t, f.ma, glans("F-1", 10000))
		copy := f.importOK(t, f.ma, glans("F-1", 10000))
		changed := glans("F-2", 20000)
		changed.IBAN = "NL02ABNA0123456789"
		moved := f.importOK(t, f.ma, changed)

		list, err := f.svc.List(ctx, f.actor(t, f.om), Filter{Flags: true})
		if err != nil {
			t.Fatal(err)
		}
		flags := map[string][]string{}
		for _, it := range list {
			flags[it.ID] = it.Flags
		}
		if !slices.Contains(flags[copy.Invoice.ID], "duplicate") || !slices.Contains(flags[clean.Invoice.ID], "duplicate") {
			t.Errorf("copies not flagged as duplicates: %v / %v", flags[clean.Invoice.ID], flags[copy.Invoice.ID])
		}
		if !slices.Contains(flags[moved.Invoice.ID], "iban_untrusted") {
			t.Errorf("changed bank account not flagged: %v", flags[moved.Invoice.ID])
		}
		if _, err := f.svc.Reject(ctx, f.actor(t, f.om), copy.Invoice.ID, "dubbel"); err != nil {
			t.Fatal(err)
		}
		list, _ = f.svc.List(ctx, f.actor(t, f.om), Filter{Flags: true})
		for _, it := range list {
			if it.ID == copy.Invoice.ID && len(it.Flags) != 0 {
				t.Errorf("rejected invoice still flagged: %v", it.Flags)
			}
			if it.ID == clean.Invoice.ID && slices.Contains(it.Flags, "duplicate") {
				t.Errorf("duplicate flag stays after the copy was rejected: %v", it.Flags)
			}
		}
	})
}
