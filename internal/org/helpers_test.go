package org

import (
	"context"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // as the binary does

	"spil/internal/apperr"
	"spil/internal/audit"
	"spil/internal/authz"
	"spil/internal/clock"
	"spil/internal/db"
)

var ctx = context.Background()

// fixture is a set-up organization with its first administrator.
type fixture struct {
	s     *Service
	clock *clock.Manual
	admin Person
	adm   *authz.Actor
}

func newService(t testing.TB, d *db.DB) (*Service, *clock.Manual) {
	t.Helper()
	roles, err := authz.DefaultRoles()
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewManual(time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC))
	return &Service{DB: d, Clock: clk, Roles: roles}, clk
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	s, clk := newService(t, d)
	admin, err := s.Setup(ctx, SetupInput{OrganizationName: "Bakker & Zn", AdminName: "Ada Admin",
		AdminEmail: "ada@example.nl", AdminPassword: "correct horse battery"})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	return &fixture{s: s, clock: clk, admin: admin, adm: actorOf(s, admin)}
}

// actorOf is the actor a person would be after logging in.
func actorOf(s *Service, p Person) *authz.Actor {
	return authz.NewActor(p.ID, p.Name, p.Email, p.Roles, s.Roles, nil)
}

// person creates a person with the given roles (nil: the default), as the
// administrator.
func (f *fixture) person(t testing.TB, name, email string, roles ...string) Person {
	t.Helper()
	p, err := f.s.CreatePerson(ctx, f.adm, PersonInput{Name: name, Email: email, Roles: roles})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return p
}

// actor creates a person holding role and returns them as an actor.
func (f *fixture) actor(t testing.TB, role string) *authz.Actor {
	t.Helper()
	p := f.person(t, "Acting "+role, role+"@example.nl", role)
	return actorOf(f.s, p)
}

func wantKind(t testing.TB, err error, k apperr.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want kind %d", k)
	}
	if got := apperr.KindOf(err); got != k {
		t.Fatalf("got error kind %d (%v), want %d", got, err, k)
	}
}

// wantField checks that err is Invalid with a message for field containing
// part.
func wantField(t testing.TB, err error, field, part string) {
	t.Helper()
	wantKind(t, err, apperr.Invalid)
	msg, ok := apperr.FieldsOf(err)[field]
	if !ok {
		t.Fatalf("no message for %q in %v", field, err)
	}
	if !strings.Contains(msg, part) {
		t.Fatalf("message for %q is %q, want it to contain %q", field, msg, part)
	}
}

func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// auditSummaries returns the summaries of the audit log, oldest first.
func auditSummaries(t testing.TB, d *db.DB, objectType string) []string {
	t.Helper()
	entries, err := (&audit.Log{DB: d}).List(ctx, authz.System("test"), audit.Filter{ObjectType: objectType, Limit: 1000})
	noErr(t, err)
	out := make([]string, len(entries))
	for i, e := range entries {
		out[len(entries)-1-i] = e.Summary
	}
	return out
}
