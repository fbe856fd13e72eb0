package budget

import (
	"testing"

	"github.com/shopspring/decimal"

	"spil/internal/apperr"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestCategoriesAreSeeded(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		cats, err := f.svc.Categories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"facilities", "office_supplies", "catering", "cleaning", "it", "events", "training", "other"}
		if len(cats) != len(want) {
			t.Fatalf("got %d categories", len(cats))
		}
		for i, c := range cats {
			if c.Key != want[i] || c.NameNL == "" || c.NameEN == "" || !c.Active {
				t.Errorf("category %d = %+v", i, c)
			}
		}
		if cats[1].Name("nl") != "Kantoorartikelen" || cats[1].Name("en") != "Office supplies" {
			t.Errorf("names %q %q", cats[1].Name("nl"), cats[1].Name("en"))
		}
	})
}

func TestSpreadAddsUp(t *testing.T) {
	for _, y := range []int64{0, 1, 11, 12, 100_001, 1_200_007} {
		s := Spread(y)
		if sum12(s) != y {
			t.Errorf("Spread(%d) sums to %d", y, sum12(s))
		}
		if s[0]-s[11] > 1 {
			t.Errorf("Spread(%d) uneven: %v", y, s)
		}
	}
}

func TestPositionActualsCommitmentsAndRemaining(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.svc.Set(ctx, f.om, SetInput{Year: 2026, Category: "catering", Yearly: 1_200_000}); err != nil {
			t.Fatal(err)
		}
		sup := f.supplier(t, "Broodje Co")
		// Contract of € 6.000 a year running all 2026: € 6.000 due, € 500 invoiced → € 5.500 committed.
		con := f.contract(t, sup, "catering", "2025-01-01", "", "active", true, 600_000)
		f.invoice(t, "invoice", "catering", "2026-02-10", "approved", 50_000, con)
		f.invoice(t, "invoice", "catering", "2026-03-10", "paid", 100_000, "")
		f.invoice(t, "credit_note", "catering", "2026-03-20", "approved", -20_000, "") // stored negative
		f.invoice(t, "invoice", "catering", "2026-04-01", "registered", 999_999, "")   // not approved: no actual
		f.invoice(t, "invoice", "catering", "2025-12-31", "paid", 999_999, "")         // last year
		f.invoice(t, "invoice", "cleaning", "2026-04-01", "paid", 999_999, "")         // other category
		// Terminated contract ending in March: 3 months of € 1.200 a year = € 300.
		f.contract(t, sup, "catering", "2024-01-01", "2026-03-31", "terminated", false, 120_000)
		// Ended contract: nothing.
		f.contract(t, sup, "catering", "2024-01-01", "2025-12-31", "ended", false, 120_000)

		pos, err := f.svc.PositionTx(ctx, d.R, 2026, "catering")
		if err != nil {
			t.Fatal(err)
		}
		want := Position{Category: "catering", Year: 2026, Budget: 1_200_000, Actual: 130_000, Committed: 580_000, Remaining: 1_200_000 - 130_000 - 580_000}
		if pos != want {
			t.Errorf("position\n got %+v\nwant %+v", pos, want)
		}
		// Last year: actuals, no commitments.
		pos, err = f.svc.PositionTx(ctx, d.R, 2025, "catering")
		if err != nil {
			t.Fatal(err)
		}
		if pos.Actual != 999_999 || pos.Committed != 0 || pos.Budget != 0 || pos.Remaining != -999_999 {
			t.Errorf("2025 position %+v", pos)
		}
	})
}

func TestYearOverviewWarnings(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// Catering € 1.200 a year (€ 100 a month); € 700 spent by June (YTD budget € 600): over YTD, 58 % of the year.
		if _, err := f.svc.Set(ctx, f.om, SetInput{Year: 2026, Category: "catering", Yearly: 120_000}); err != nil {
			t.Fatal(err)
		}
		f.invoice(t, "invoice", "catering", "2026-01-15", "approved", 70_000, "")
		// Cleaning phased by hand: € 1.000 in January only; € 850 spent: 85 % of the year and YTD.
		months := make([]int64, 12)
		months[0] = 100_000
		if _, err := f.svc.Set(ctx, f.om, SetInput{Year: 2026, Category: "cleaning", Months: months}); err != nil {
			t.Fatal(err)
		}
		f.invoice(t, "invoice", "cleaning", "2026-01-20", "paid", 85_000, "")
		// No budget for IT but spending: over.
		f.invoice(t, "invoice", "it", "2026-05-20", "paid", 1_000, "")

		o, err := f.svc.Year(ctx, f.om, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if o.Through != 6 || o.Total.Budget != 220_000 || o.Total.Actual != 156_000 {
			t.Errorf("overview through %d total %+v", o.Through, o.Total)
		}
		if o.Months[0].Budget != 110_000 || o.Months[0].Actual != 155_000 || o.Months[4].Actual != 1_000 {
			t.Errorf("months %+v", o.Months)
		}
		got := map[string]int{}
		for _, w := range o.Warnings {
			got[w.Category.Key+"/"+w.Scope] = w.Level
		}
		want := map[string]int{"catering/ytd": 100, "cleaning/year": 80, "cleaning/ytd": 80, "it/year": 100, "it/ytd": 100}
		if len(got) != len(want) {
			t.Errorf("warnings %v, want %v", got, want)
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("warning %s = %d, want %d (all %v)", k, got[k], v, got)
			}
		}
		ws, err := f.svc.Warnings(ctx, f.dir)
		if err != nil || len(ws) != len(want) {
			t.Errorf("director sees %d warnings, %v", len(ws), err)
		}
	})
}

func TestWhoMaySeeAndSet(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for _, a := range []struct {
			name string
			kind apperr.Kind
			err  error
		}{
			{"employee", apperr.NotFound, func() error { _, err := f.svc.Year(ctx, f.emp, 2026); return err }()},
			{"assistant", apperr.NotFound, func() error { _, err := f.svc.Year(ctx, f.ma, 2026); return err }()},
			{"employee sets", apperr.NotFound, func() error {
				_, err := f.svc.Set(ctx, f.emp, SetInput{Year: 2026, Category: "it", Yearly: 1})
				return err
			}()},
			{"director sets", apperr.Forbidden, func() error {
				_, err := f.svc.Set(ctx, f.dir, SetInput{Year: 2026, Category: "it", Yearly: 1})
				return err
			}()},
			{"unknown category", apperr.Invalid, func() error {
				_, err := f.svc.Set(ctx, f.om, SetInput{Year: 2026, Category: "yachts", Yearly: 1})
				return err
			}()},
			{"negative month", apperr.Invalid, func() error {
				_, err := f.svc.Set(ctx, f.om, SetInput{Year: 2026, Category: "it", Months: []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12}})
				return err
			}()},
		} {
			if apperr.KindOf(a.err) != a.kind {
				t.Errorf("%s: got %v, want kind %v", a.name, a.err, a.kind)
			}
		}
		if _, err := f.svc.Year(ctx, f.dir, 2026); err != nil {
			t.Errorf("director reads: %v", err)
		}
		if fs := apperr.FieldsOf(func() error {
			_, err := f.svc.Set(ctx, f.om, SetInput{Year: 2026, Category: "it", Months: []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12}})
			return err
		}()); fs["months.12"] == "" {
			t.Errorf("fields %v", fs)
		}
	})
}

func TestCopyLastYearWithPercent(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.svc.Set(ctx, f.om, SetInput{Year: 2025, Category: "it", Yearly: 1_200_000}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Set(ctx, f.om, SetInput{Year: 2025, Category: "events", Months: []int64{0, 0, 0, 0, 0, 333, 0, 0, 0, 0, 0, 0}}); err != nil {
			t.Fatal(err)
		}
		n, err := f.svc.Copy(ctx, f.om, CopyInput{From: 2025, To: 2026, Percent: decimal.RequireFromString("3.5")})
		if err != nil || n != 2 {
			t.Fatalf("copy: %d %v", n, err)
		}
		it, _ := f.svc.Lines(ctx, f.om, 2026, "it")
		ev, _ := f.svc.Lines(ctx, f.om, 2026, "events")
		if it[0] != 103_500 || sum12(it) != 1_242_000 || ev[5] != 345 { // 333 × 1.035 = 344.655 → 345
			t.Errorf("copied it %v events %v", it, ev)
		}
		if _, err := f.svc.Copy(ctx, f.om, CopyInput{From: 2019, To: 2020}); apperr.FieldsOf(err)["from_year"] == "" {
			t.Errorf("copy of an empty year: %v", err)
		}
	})
}
