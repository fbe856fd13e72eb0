package audit_test

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"testing"
	"time"
	_ "time/tzdata"

	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
	"spil/internal/testutil"
)

// office is a small organization: an administrator, a principal, the
// Management Assistant who works for her, and an employee.
type office struct {
	d                      *db.DB
	log                    *audit.Log
	clk                    *clock.Manual
	admin, piet, mia, otto *authz.Actor
}

// t0 has a fraction of a second on purpose: stored times keep it.
var t0 = time.Date(2026, 3, 10, 9, 0, 0, 250_000_000, time.UTC)

func newOffice(t *testing.T, d *db.DB) *office {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	o := &office{d: d, log: &audit.Log{DB: d}, clk: clock.NewManual(t0)}
	add := func(id, name, role string) *authz.Actor {
		t.Helper()
		if _, err := d.W.ExecContext(t.Context(), `INSERT INTO people (id, name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
			id, name, id+"@example.nl", t0); err != nil {
			t.Fatal(err)
		}
		return authz.NewActor(id, name, id+"@example.nl", []string{role}, roles, nil)
	}
	o.admin = add("ada", "Ada Admin", authz.RoleAdmin)
	o.piet = add("piet", "Piet Principaal", authz.RolePrincipal)
	o.mia = add("mia", "Mia Assistent", authz.RoleManagementAssistant)
	o.otto = add("otto", "Otto Overig", authz.RoleEmployee)
	return o
}

// record writes c as actor in its own transaction, then moves the clock on a
// minute, and returns the time it was recorded at.
func (o *office) record(t *testing.T, actor *authz.Actor, c audit.Change) time.Time {
	t.Helper()
	at := o.clk.Now()
	if err := o.d.Tx(t.Context(), func(tx *sql.Tx) error {
		return audit.Record(t.Context(), tx, o.clk, actor, c)
	}); err != nil {
		t.Fatal(err)
	}
	o.clk.Advance(time.Minute)
	return at
}

func (o *office) list(t *testing.T, actor *authz.Actor, f audit.Filter) []audit.Entry {
	t.Helper()
	es, err := o.log.List(t.Context(), actor, f)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// summaries lists the entries' summaries in the order returned.
func summaries(es []audit.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Summary
	}
	return out
}

func wantSummaries(t *testing.T, what string, es []audit.Entry, want ...string) {
	t.Helper()
	if got := summaries(es); !slices.Equal(got, want) {
		t.Errorf("%s: got %q, want %q", what, got, want)
	}
}

// seed records a week's worth of changes; the summaries name them 1…7 in the
// order they happened.
func (o *office) seed(t *testing.T) []time.Time {
	t.Helper()
	return []time.Time{
		o.record(t, o.admin, audit.Change{Action: "create", ObjectType: "person", ObjectID: "otto", Summary: "1 admin adds Otto"}),
		o.record(t, o.mia, audit.Change{Action: "update", ObjectType: "meeting", ObjectID: "m1", OnBehalfOf: "piet", Summary: "2 Mia moves a meeting for Piet",
			Before: map[string]string{"at": "10:00"}, After: map[string]string{"at": "11:00"}}),
		o.record(t, o.piet, audit.Change{Action: "grant", ObjectType: "mandate", ObjectID: "md1", Summary: "3 Piet grants Mia a mandate"}),
		o.record(t, o.otto, audit.Change{Action: "update", ObjectType: "person", ObjectID: "otto", Summary: "4 Otto edits his profile"}),
		o.record(t, authz.System("import"), audit.Change{Action: "create", ObjectType: "person", ObjectID: "x", Summary: "5 import adds someone"}),
		o.record(t, nil, audit.Change{Action: "delete", ObjectType: "session", Summary: "6 spil removes old sessions"}),
		o.record(t, o.mia, audit.Change{Action: "create", ObjectType: "mandate", ObjectID: "md2", OnBehalfOf: "piet", Summary: "7 Mia files a mandate change for Piet"}),
	}
}

func TestListScope(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		o := newOffice(t, d)
		o.seed(t)

		wantSummaries(t, "administrator", o.list(t, o.admin, audit.Filter{}),
			"7 Mia files a mandate change for Piet", "6 spil removes old sessions", "5 import adds someone",
			"4 Otto edits his profile", "3 Piet grants Mia a mandate", "2 Mia moves a meeting for Piet", "1 admin adds Otto")
		// The principal sees what he did and what was done on his behalf.
		wantSummaries(t, "principal", o.list(t, o.piet, audit.Filter{}),
			"7 Mia files a mandate change for Piet", "3 Piet grants Mia a mandate", "2 Mia moves a meeting for Piet")
		// The assistant sees what she did, not what her principal did himself.
		wantSummaries(t, "assistant", o.list(t, o.mia, audit.Filter{}),
			"7 Mia files a mandate change for Piet", "2 Mia moves a meeting for Piet")
		// An employee sees what he did and every change to his own
		// person record, whoever made it.
		wantSummaries(t, "employee", o.list(t, o.otto, audit.Filter{}), "4 Otto edits his profile", "1 admin adds Otto")
		wantSummaries(t, "employee, people only", o.list(t, o.otto, audit.Filter{ObjectType: "person"}), "4 Otto edits his profile", "1 admin adds Otto")

		// Filtering on someone else never widens what a person sees.
		wantSummaries(t, "employee filtering on the principal", o.list(t, o.otto, audit.Filter{PersonID: "piet"}))
		wantSummaries(t, "assistant filtering on the principal", o.list(t, o.mia, audit.Filter{PersonID: "piet"}),
			"7 Mia files a mandate change for Piet", "2 Mia moves a meeting for Piet")
		wantSummaries(t, "employee filtering on behalf of the principal", o.list(t, o.otto, audit.Filter{OnBehalfOf: "piet"}))
		// The administrator may look at one person.
		wantSummaries(t, "administrator filtering on the principal", o.list(t, o.admin, audit.Filter{PersonID: "piet"}),
			"7 Mia files a mandate change for Piet", "3 Piet grants Mia a mandate", "2 Mia moves a meeting for Piet")
	})
}

func TestEntryFields(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		o := newOffice(t, d)
		at := o.seed(t)
		es := o.list(t, o.admin, audit.Filter{})
		byNumber := map[string]audit.Entry{}
		for _, e := range es {
			byNumber[e.Summary[:1]] = e
		}

		e := byNumber["2"]
		if e.ID == "" || e.ActorID != "mia" || e.ActorName != "Mia Assistent" || e.OnBehalfOf != "piet" || e.OnBehalfName != "Piet Principaal" ||
			e.Action != "update" || e.ObjectType != "meeting" || e.ObjectID != "m1" {
			t.Errorf("entry done on behalf: %+v", e)
		}
		if e.Before != `{"at":"10:00"}` || e.After != `{"at":"11:00"}` {
			t.Errorf("before %q after %q, want the JSON of the values", e.Before, e.After)
		}
		if !e.At.Equal(at[1]) {
			t.Errorf("at %v, want %v", e.At, at[1])
		}

		if e := byNumber["1"]; e.ActorID != "ada" || e.OnBehalfOf != "" || e.OnBehalfName != "" || e.Before != "" || e.After != "" {
			t.Errorf("own entry: %+v", e)
		}
		// Work spil does itself is attributed by name, without a person.
		if e := byNumber["5"]; e.ActorID != "" || e.ActorName != "import" {
			t.Errorf("system entry: actor %q %q, want no person and the name import", e.ActorID, e.ActorName)
		}
		if e := byNumber["6"]; e.ActorID != "" || e.ActorName != "spil" {
			t.Errorf("entry without actor: actor %q %q, want no person and the name spil", e.ActorID, e.ActorName)
		}
	})
}

func TestListFilters(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		o := newOffice(t, d)
		at := o.seed(t)

		wantSummaries(t, "on behalf of the principal", o.list(t, o.admin, audit.Filter{OnBehalfOf: "piet"}),
			"7 Mia files a mandate change for Piet", "2 Mia moves a meeting for Piet")
		wantSummaries(t, "principal: only what was done for him", o.list(t, o.piet, audit.Filter{OnBehalfOf: "piet"}),
			"7 Mia files a mandate change for Piet", "2 Mia moves a meeting for Piet")
		wantSummaries(t, "mandates", o.list(t, o.admin, audit.Filter{ObjectType: "mandate"}),
			"7 Mia files a mandate change for Piet", "3 Piet grants Mia a mandate")
		wantSummaries(t, "mandates seen by the principal", o.list(t, o.piet, audit.Filter{ObjectType: "mandate"}),
			"7 Mia files a mandate change for Piet", "3 Piet grants Mia a mandate")
		wantSummaries(t, "unknown object type", o.list(t, o.admin, audit.Filter{ObjectType: "invoice"}))

		// Since is inclusive, Until exclusive.
		wantSummaries(t, "since 3 until 5", o.list(t, o.admin, audit.Filter{Since: at[2], Until: at[4]}),
			"4 Otto edits his profile", "3 Piet grants Mia a mandate")
		wantSummaries(t, "since 6", o.list(t, o.admin, audit.Filter{Since: at[5]}),
			"7 Mia files a mandate change for Piet", "6 spil removes old sessions")
		wantSummaries(t, "until 2", o.list(t, o.admin, audit.Filter{Until: at[1]}), "1 admin adds Otto")
		// Bounds in the organization's zone mean the same instants.
		ams, err := time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			t.Fatal(err)
		}
		wantSummaries(t, "since 3 until 5, Amsterdam time", o.list(t, o.admin, audit.Filter{Since: at[2].In(ams), Until: at[4].In(ams)}),
			"4 Otto edits his profile", "3 Piet grants Mia a mandate")

		wantSummaries(t, "filters combined", o.list(t, o.admin, audit.Filter{OnBehalfOf: "piet", ObjectType: "meeting", Since: at[0]}),
			"2 Mia moves a meeting for Piet")

		wantSummaries(t, "limit 2", o.list(t, o.admin, audit.Filter{Limit: 2}),
			"7 Mia files a mandate change for Piet", "6 spil removes old sessions")
		wantSummaries(t, "limit 1 for the principal", o.list(t, o.piet, audit.Filter{Limit: 1}),
			"7 Mia files a mandate change for Piet")
	})
}

func TestListDefaultLimit(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		o := newOffice(t, d)
		err := d.Tx(t.Context(), func(tx *sql.Tx) error {
			for range 105 {
				if err := audit.Record(t.Context(), tx, o.clk, o.admin, audit.Change{Action: "update", ObjectType: "person"}); err != nil {
					return err
				}
				o.clk.Advance(time.Second)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{0, -1, 5000} {
			es := o.list(t, o.admin, audit.Filter{Limit: limit})
			if len(es) != 100 {
				t.Errorf("limit %d: %d entries, want 100", limit, len(es))
			}
			// Newest first: the oldest five are the ones left out.
			if len(es) > 0 && !es[len(es)-1].At.Equal(t0.Add(5*time.Second)) {
				t.Errorf("limit %d: oldest entry shown at %v, want %v", limit, es[len(es)-1].At, t0.Add(5*time.Second))
			}
		}
		if es := o.list(t, o.admin, audit.Filter{Limit: 1000}); len(es) != 105 {
			t.Errorf("limit 1000: %d entries, want all 105", len(es))
		}
	})
}

// A change that is refused leaves no trace in the log: the record shares the
// change's transaction.
func TestRecordRollsBackWithTheChange(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		o := newOffice(t, d)
		refused := errors.New("refused")
		err := d.Tx(t.Context(), func(tx *sql.Tx) error {
			if err := audit.Record(t.Context(), tx, o.clk, o.admin, audit.Change{Action: "delete", ObjectType: "person", Summary: "rolled back"}); err != nil {
				return err
			}
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatalf("Tx returned %v, want the refusal", err)
		}
		o.record(t, o.admin, audit.Change{Action: "update", ObjectType: "person", Summary: "committed"})
		wantSummaries(t, "after a rolled-back and a committed change", o.list(t, o.admin, audit.Filter{}), "committed")
	})
}

func TestRecordOutsideTransaction(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		o := newOffice(t, d)
		if err := audit.Record(context.Background(), d.W, o.clk, o.otto, audit.Change{Action: "update", ObjectType: "person", Summary: "direct"}); err != nil {
			t.Fatal(err)
		}
		wantSummaries(t, "employee", o.list(t, o.otto, audit.Filter{}), "direct")
	})
}
