package invoices

import (
	"fmt"
	"sync/atomic"
	"testing"

	"spil/internal/db"
	"spil/internal/testutil"
)

// BenchmarkImport measures the whole UBL import of a typical invoice —
// read, validate, match the supplier, checks (duplicates, IBAN, contract,
// category), store with lines and audit — one invoice per operation into a
// database that grows as it runs. Report: invoices/s.
func BenchmarkImport(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchImport(b, testutil.NewSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { benchImport(b, testutil.NewPostgres(b)) })
}

func benchImport(b *testing.B, d *db.DB) {
	f := newFixture(b, d)
	sup := f.supplier(b, "Glans Schoonmaak B.V.", "12345678", "NL001234567B01", "cleaning")
	f.account(b, sup, "NL91ABNA0417164300", true)
	f.contract(b, sup, "Kantoorschoonmaak", "cleaning", 1200000)
	actor := f.actor(b, f.ma)
	docs := make([][]byte, 1000)
	for i := range docs {
		docs[i] = ExampleUBL(glans(fmt.Sprintf("B-%06d", i), int64(10000+i)))
	}
	b.SetBytes(int64(len(docs[0])))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.svc.ImportUBL(ctx, actor, docs[i%len(docs)], ChannelAPI); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "invoices/s")
}

// BenchmarkImportParallel imports with 4 × GOMAXPROCS importers at once
// (requests or Peppol deliveries arriving together): parsing and
// validation run in parallel; the stores queue on SQLite's single writer,
// and share commits (group commit) on PostgreSQL.
func BenchmarkImportParallel(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchImportParallel(b, testutil.NewSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { benchImportParallel(b, testutil.NewPostgres(b)) })
}

func benchImportParallel(b *testing.B, d *db.DB) {
	f := newFixture(b, d)
	sup := f.supplier(b, "Glans Schoonmaak B.V.", "12345678", "NL001234567B01", "cleaning")
	f.account(b, sup, "NL91ABNA0417164300", true)
	f.contract(b, sup, "Kantoorschoonmaak", "cleaning", 1200000)
	actor := f.actor(b, f.ma)
	docs := make([][]byte, 1000)
	for i := range docs {
		docs[i] = ExampleUBL(glans(fmt.Sprintf("P-%06d", i), int64(10000+i)))
	}
	var n atomic.Int64
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			if _, err := f.svc.ImportUBL(ctx, actor, docs[int(i)%len(docs)], ChannelAPI); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "invoices/s")
}
