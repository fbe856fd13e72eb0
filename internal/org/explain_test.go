package org

import (
	"testing"
	"time"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestExplain(t *testing.T) {
	d := testutil.NewPostgres(t)
	f := newFixture(t, d)
	bigOrganization(t, f, 2500)
	noErr(t, func() error { _, err := d.W.Exec("ANALYZE"); return err }())
	q := personSelect + ` WHERE (lower(p.name) LIKE $1 ESCAPE '\' OR lower(p.email) LIKE $1 ESCAPE '\' OR lower(p.job_title) LIKE $1 ESCAPE '\') ORDER BY lower(p.name), p.name, p.id LIMIT 50 OFFSET 0`
	rows, err := d.R.Query("EXPLAIN ANALYZE "+q, db.Like("person 01"))
	noErr(t, err)
	for rows.Next() { var s string; rows.Scan(&s); t.Log(s) }
	for i := 0; i < 3; i++ {
		st := time.Now()
		_, _, err := f.s.ListPeople(ctx, f.adm, PeopleFilter{Query: "person 01"})
		noErr(t, err)
		t.Log(time.Since(st))
		st = time.Now()
		_, _, err = f.s.ListPeople(ctx, f.adm, PeopleFilter{})
		t.Log("noquery", time.Since(st))
	}
}
