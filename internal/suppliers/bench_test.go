package suppliers

import (
	"fmt"
	"testing"

	"spil/internal/testutil"
)

// benchFixture has 500 suppliers with one account and two contracts each.
func benchFixture(b *testing.B) *fixture {
	f := newFixture(b, testutil.NewSQLite(b))
	for i := 0; i < 500; i++ {
		sp, err := f.svc.Create(ctx, f.om, SupplierInput{Name: fmt.Sprintf("Leverancier %03d", i), KvKNumber: fmt.Sprintf("%08d", 10000000+i),
			Category: Categories[i%len(Categories)], City: "Utrecht"})
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < 2; j++ {
			if _, err := f.svc.CreateContract(ctx, f.om, ContractInput{SupplierID: sp.ID, Subject: fmt.Sprintf("Contract %d", j),
				StartsOn: "2024-01-01", EndsOn: fmt.Sprintf("2024-%02d-28", 1+(i+j)%12), NoticeMonths: 1 + j, AutoRenew: true,
				RenewMonths: 12, YearlyValue: "1.000,00", Lang: "nl"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	return f
}

// BenchmarkListContracts lists 1,000 contracts with their terms, soonest
// deadline first (the contracts page).
func BenchmarkListContracts(b *testing.B) {
	f := benchFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cs, err := f.svc.ListContracts(ctx, f.om, ContractFilter{})
		if err != nil || len(cs) != 1000 {
			b.Fatal(len(cs), err)
		}
	}
}

// BenchmarkSupplierSearch searches 500 suppliers by part of the name.
func BenchmarkSupplierSearch(b *testing.B) {
	f := benchFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.svc.List(ctx, f.ma, Filter{Search: "leverancier 4"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatch finds a supplier by KvK number, as an invoice import does.
func BenchmarkMatch(b *testing.B) {
	f := benchFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok, err := f.svc.MatchTx(ctx, f.db.R, Match{KvK: fmt.Sprintf("%08d", 10000000+i%500)}); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
