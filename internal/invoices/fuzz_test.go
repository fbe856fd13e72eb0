package invoices

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"spil/internal/apperr"
	"spil/internal/testutil"
)

// FuzzImportUBL feeds arbitrary bytes to the import. The mapping from UBL
// to an invoice never panics, refuses only with Invalid naming a field,
// and gives amounts that agree with the kind. Without -fuzz (go test) each
// seed also goes through the full import into SQLite: nothing stored when
// refused, exactly one readable invoice when accepted. While fuzzing the
// database step is left out: modernc's SQLite under coverage
// instrumentation runs a few executions a minute, which fuzzes nothing.
func FuzzImportUBL(f *testing.F) {
	f.Add(ExampleUBL(glans("F-1", 12345)))
	cn := glans("CN-1", 500)
	cn.CreditNote = true
	f.Add(ExampleUBL(cn))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice/>`))
	f.Add([]byte("%PDF-1.4"))
	if dir := os.Getenv("SPIL_CORPUS"); dir != "" {
		for _, name := range []string{"si-ubl-2.0.3.2/SI-UBL-2.0_ok_minimal.xml", "oasis-ubl-2.1/examples/UBL-Invoice-2.1-Example-Trivial.xml", "peppol-bis3/examples/base-example.xml"} {
			if b, err := os.ReadFile(filepath.Join(dir, "ubl", filepath.FromSlash(name))); err == nil {
				f.Add(b)
			}
		}
	}
	var fx *fixture
	if fz := flag.Lookup("test.fuzz"); fz == nil || fz.Value.String() == "" {
		fx = newFixture(f, testutil.NewSQLite(f))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := parseUBL(data)
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid || len(apperr.FieldsOf(err)) == 0 {
				t.Fatalf("refused with %v (kind %d)", err, apperr.KindOf(err))
			}
		} else {
			if inv.Number == "" || inv.IssueDate == "" || inv.Currency == "" {
				t.Fatalf("accepted without number, date or currency: %+v", inv)
			}
			if inv.Kind == KindCreditNote && inv.Warnings == nil {
				t.Fatal("nil warnings")
			}
		}
		if fx == nil {
			return
		}
		count := func() int {
			var n int
			fx.db.R.QueryRow(`SELECT COUNT(*) FROM invoices`).Scan(&n)
			return n
		}
		before := count()
		out, err := fx.svc.ImportUBL(ctx, fx.actor(t, fx.ma), data, ChannelAPI)
		if err != nil {
			if count() != before {
				t.Fatal("refused but stored")
			}
			return
		}
		if count() != before+1 {
			t.Fatal("accepted but not stored once")
		}
		if _, err := fx.svc.Get(ctx, fx.actor(t, fx.ma), out.Invoice.ID); err != nil {
			t.Fatal(err)
		}
	})
}
