package demo

import (
	"context"
	"fmt"
	"time"

	"spil/internal/authz"
	"spil/internal/budget"
)

// demoBudget is the firm's yearly office budget per category in cents, set
// with the contracts and invoices of the demo in mind: everything fits
// except catering, whose € 42.000 does not cover the € 52.000 lunch
// contract plus the receptions (invoices.go), so the budget page and the
// Office Manager's dashboard show it over budget.
var demoBudget = []struct {
	category string
	yearly   int64
	phased   []int64 // by hand per month, else spread evenly
}{
	{"facilities", 1_800_000, nil},
	{"office_supplies", 900_000, nil},
	{"catering", 4_200_000, nil},
	{"cleaning", 5_500_000, nil},
	{"it", 9_000_000, nil},
	// Events: the summer party in June and the new year's reception in January.
	{"events", 0, []int64{600_000, 0, 0, 0, 0, 900_000, 0, 0, 0, 0, 0, 300_000}},
	{"training", 1_200_000, nil},
	{"other", 500_000, nil},
}

// seedBudget sets this year's budget as the Office Manager did at the start
// of the year, and last year's (3 % lower) before it.
func (s *seeder) seedBudget(ctx context.Context, now time.Time) error {
	om, err := s.resolver.Resolve(ctx, s.ids[keyOffice], authz.ViaSession)
	if err != nil {
		return err
	}
	svc := &budget.Service{DB: s.db, Clock: s.clock}
	year := now.Year()
	for _, y := range []int{year - 1, year} {
		for _, b := range demoBudget {
			in := budget.SetInput{Year: y, Category: b.category, Yearly: b.yearly, Months: b.phased}
			if y < year {
				in.Yearly, in.Months = lower(b.yearly), nil
				if b.phased != nil {
					in.Months = make([]int64, 12)
					for m, v := range b.phased {
						in.Months[m] = lower(v)
					}
				}
			}
			if _, err := svc.Set(ctx, om, in); err != nil {
				return fmt.Errorf("budget %d %s: %w", y, b.category, err)
			}
		}
	}
	return nil
}

// lower is last year's amount: 3 % less, whole euros.
func lower(cents int64) int64 { return cents * 97 / 100 / 100 * 100 }
