package org

import (
	"testing"

	"spil/internal/testutil"
)

// Dates and office hours follow the organization's zone; before set-up they
// are Amsterdam's.
func TestZone(t *testing.T) {
	d := testutil.NewSQLite(t)
	if z := Zone(ctx, d.R); z.String() != DefaultTimeZone {
		t.Errorf("zone before set-up: %s", z)
	}
	s, _ := newService(t, d)
	if _, err := s.Setup(ctx, SetupInput{OrganizationName: "Curaçao Kantoor", TimeZone: "America/Curacao", AdminName: "Ada Admin",
		AdminEmail: "ada@example.nl", AdminPassword: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	if z := Zone(ctx, d.R); z.String() != "America/Curacao" {
		t.Errorf("zone after set-up: %s", z)
	}
}
