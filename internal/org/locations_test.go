package org

import (
	"slices"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

func TestLocationValidation(t *testing.T) {
	for _, tc := range []struct {
		in           LocationInput
		field, part  string // the expected message; "" when valid
		postcode, cc string // normalized, when valid
	}{
		{in: LocationInput{Name: "HQ", Postcode: "3511ab"}, postcode: "3511 AB", cc: "NL"},
		{in: LocationInput{Name: "HQ", Postcode: " 3511  Ab ", Country: "nl"}, postcode: "3511 AB", cc: "NL"},
		{in: LocationInput{Name: "HQ", Postcode: "0511 AB"}, field: "postcode", part: "1234 AB"},
		{in: LocationInput{Name: "HQ", Postcode: "351 AB"}, field: "postcode", part: "1234 AB"},
		{in: LocationInput{Name: "Brussel", Postcode: "1000", Country: "be"}, postcode: "1000", cc: "BE"},
		{in: LocationInput{Name: "HQ", Country: "NLD"}, field: "country", part: "two-letter"},
		{in: LocationInput{Name: ""}, field: "name", part: "required"},
		{in: LocationInput{Name: "HQ", Latitude: ptr(52.09), Longitude: ptr(5.12)}, cc: "NL"},
		{in: LocationInput{Name: "HQ", Latitude: ptr(91.0), Longitude: ptr(5.12)}, field: "latitude", part: "-90 and 90"},
		{in: LocationInput{Name: "HQ", Latitude: ptr(52.0), Longitude: ptr(-180.5)}, field: "longitude", part: "-180 and 180"},
		{in: LocationInput{Name: "HQ", Latitude: ptr(52.0)}, field: "longitude", part: "both"},
		{in: LocationInput{Name: "HQ", Longitude: ptr(5.0)}, field: "latitude", part: "both"},
	} {
		got, f := cleanLocation(tc.in)
		if tc.field == "" {
			if err := f.Err(); err != nil {
				t.Errorf("%+v: %v", tc.in, err)
			} else if got.Postcode != tc.postcode || got.Country != tc.cc {
				t.Errorf("%+v: postcode %q country %q, want %q %q", tc.in, got.Postcode, got.Country, tc.postcode, tc.cc)
			}
			continue
		}
		if msg := f[tc.field]; !strings.Contains(msg, tc.part) {
			t.Errorf("%+v: message for %s is %q, want %q", tc.in, tc.field, msg, tc.part)
		}
	}
}

func TestLocations(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		emp := f.actor(t, authz.RoleEmployee)
		om := f.actor(t, authz.RoleOfficeManager)
		_, err := f.s.CreateLocation(ctx, emp, LocationInput{Name: "HQ"})
		wantKind(t, err, apperr.Forbidden)

		hq, err := f.s.CreateLocation(ctx, om, LocationInput{Name: "Hoofdkantoor", Address: "Oudegracht 1", Postcode: "3511ab",
			City: "Utrecht", Latitude: ptr(52.0907), Longitude: ptr(5.1214)})
		noErr(t, err)
		if hq.Postcode != "3511 AB" || hq.Country != "NL" || hq.Latitude == nil || *hq.Latitude != 52.0907 || *hq.Longitude != 5.1214 {
			t.Errorf("created %+v", hq)
		}
		_, err = f.s.CreateLocation(ctx, om, LocationInput{Name: "hoofdkantoor"})
		wantField(t, err, "name", "already in use")
		ams, err := f.s.CreateLocation(ctx, om, LocationInput{Name: "Amsterdam"})
		noErr(t, err)
		if ams.Latitude != nil || ams.Longitude != nil {
			t.Errorf("coordinates appeared: %+v", ams)
		}
		_, err = f.s.UpdateLocation(ctx, om, ams.ID, LocationInput{Name: "Hoofdkantoor"})
		wantField(t, err, "name", "already in use")
		_, err = f.s.UpdateLocation(ctx, om, "missing", LocationInput{Name: "X"})
		wantKind(t, err, apperr.NotFound)

		hq, err = f.s.UpdateLocation(ctx, om, hq.ID, LocationInput{Name: "Hoofdkantoor", Country: "be", Postcode: "1000"})
		noErr(t, err)
		if hq.Latitude != nil || hq.Country != "BE" || hq.Postcode != "1000" || hq.Address != "" {
			t.Errorf("updated %+v", hq)
		}
		got, err := f.s.Location(ctx, emp, hq.ID)
		noErr(t, err)
		if got.Name != "Hoofdkantoor" || got.Country != "BE" {
			t.Errorf("stored %+v", got)
		}

		p, err := f.s.CreatePerson(ctx, om, PersonInput{Name: "Karel", Email: "karel@example.nl", LocationID: ams.ID})
		noErr(t, err)
		if p.LocationName != "Amsterdam" {
			t.Errorf("location name = %q", p.LocationName)
		}
		wantKind(t, f.s.DeleteLocation(ctx, emp, ams.ID), apperr.Forbidden)
		noErr(t, f.s.DeleteLocation(ctx, om, ams.ID))
		p, err = f.s.Person(ctx, om, p.ID)
		noErr(t, err)
		if p.LocationID != "" {
			t.Errorf("person still at deleted location: %+v", p)
		}
		list, err := f.s.Locations(ctx, emp)
		noErr(t, err)
		if len(list) != 1 || list[0].ID != hq.ID {
			t.Errorf("locations = %+v", list)
		}
		_, err = f.s.Locations(ctx, authz.NewActor("x", "X", "x@example.nl", nil, f.s.Roles, nil))
		wantKind(t, err, apperr.Forbidden)
		s := auditSummaries(t, d, "location")
		if !slices.Equal(s, []string{"created location Hoofdkantoor", "created location Amsterdam", "changed location Hoofdkantoor", "deleted location Amsterdam"}) {
			t.Errorf("audit = %v", s)
		}
	})
}
