package org

import (
	"testing"
	"time"
	"spil/internal/testutil"
)

func TestExplain(t *testing.T) {
	d := testutil.NewPostgres(t)
	f := newFixture(t, d)
	bigOrganization(t, f, 2500)
	d.W.Exec("ANALYZE")
	for _, q := range []string{
		`SELECT count(*) FROM people p`,
		`SELECT p.id, lower(p.name) AS sort_name FROM people p ORDER BY lower(p.name), p.name, p.id LIMIT 50`,
		`SELECT p.id, p.name FROM people p ORDER BY p.name, p.id LIMIT 50`, `SELECT p.id, lower(p.name) AS sort_name FROM people p WHERE p.active ORDER BY lower(p.name), p.name, p.id LIMIT 50 OFFSET 100`,
		`SELECT count(*) FROM people p WHERE lower(p.name) LIKE '%person 01%' OR lower(p.email) LIKE '%person 01%'  OR lower(p.job_title) LIKE '%person 01%'`,
	} {
		rows, err := d.R.Query("EXPLAIN ANALYZE " + q)
		noErr(t, err)
		for rows.Next() { var s string; rows.Scan(&s); t.Log(s) }
	}
	for i := 0; i < 5; i++ {
		st := time.Now()
		d.R.Exec("SELECT 1")
		t.Log("roundtrip", time.Since(st))
	}
}
