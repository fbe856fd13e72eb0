package agenda

import (
	"context"
	"testing"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
	"spil/internal/travel"
)

func TestTravelOverrides(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		zuidas, utrecht := f.offices(t)
		om := f.actor(t, f.person(t, "Olaf Officemanager", authz.RoleOfficeManager))
		in := TravelOverride{FromLocationID: zuidas, ToLocationID: utrecht, Mode: travel.PublicTransport, Minutes: 38, Note: "Intercity from Zuid"}
		for _, who := range []string{f.boss, f.ma, f.emp} {
			_, err := f.svc.SaveTravelOverride(ctx, f.actor(t, who), in)
			wantKind(t, err, apperr.Forbidden)
		}
		ov, err := f.svc.SaveTravelOverride(ctx, om, in)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.SaveTravelOverride(ctx, om, in)
		wantKind(t, err, apperr.Conflict)

		list, err := f.svc.ListTravelOverrides(ctx, f.actor(t, f.emp))
		if err != nil || len(list) != 1 || list[0].Minutes != 38 || list[0].FromName != "Zuidas" || list[0].ToName != "Utrecht" {
			t.Fatalf("list = %+v, %v", list, err)
		}
		_, err = f.svc.ListTravelOverrides(ctx, nil)
		wantKind(t, err, apperr.Forbidden)

		// The estimator answers from the table, both ways, by location.
		est, err := f.svc.Estimator(ctx)
		if err != nil {
			t.Fatal(err)
		}
		z := travel.Place{ID: zuidas, Lat: zuidasLat, Lon: zuidasLon}
		u := travel.Place{ID: utrecht, Lat: utrechtLat, Lon: utrechtLon}
		for _, pair := range [][2]travel.Place{{z, u}, {u, z}} {
			e, err := est.Estimate(ctx, pair[0], pair[1], travel.PublicTransport)
			if err != nil || e.Duration != 38*time.Minute || e.Source != travel.SourceOverride {
				t.Errorf("estimate = %+v, %v; want the 38 min override", e, err)
			}
		}
		if e, _ := est.Estimate(ctx, z, u, travel.Car); e.Source != travel.SourceEstimate {
			t.Errorf("car estimate = %+v, want the formula", e)
		}

		ov.Minutes, ov.OneWay = 41, true
		if _, err := f.svc.SaveTravelOverride(ctx, om, ov); err != nil {
			t.Fatal(err)
		}
		est, _ = f.svc.Estimator(ctx)
		if e, _ := est.Estimate(ctx, u, z, travel.PublicTransport); e.Source != travel.SourceEstimate {
			t.Errorf("one-way override applies backwards: %+v", e)
		}
		wantKind(t, f.svc.DeleteTravelOverride(ctx, f.actor(t, f.boss), ov.ID), apperr.Forbidden)
		if err := f.svc.DeleteTravelOverride(ctx, om, ov.ID); err != nil {
			t.Fatal(err)
		}
		wantKind(t, f.svc.DeleteTravelOverride(ctx, om, ov.ID), apperr.NotFound)
		ov.ID = "gone"
		_, err = f.svc.SaveTravelOverride(ctx, om, ov)
		wantKind(t, err, apperr.NotFound)

		// A routing service plugged in wins over the table.
		svc := *f.svc
		svc.Travel = fixedTravel(7 * time.Minute)
		if est, _ := svc.Estimator(ctx); est != svc.Travel {
			t.Error("Service.Travel is not used")
		}
	})
}

func TestTravelOverrideValidation(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		zuidas, utrecht := f.offices(t)
		om := f.actor(t, f.person(t, "Olaf Officemanager", authz.RoleOfficeManager))
		cases := map[string]TravelOverride{
			"from_location_id": {FromLocationID: "x", ToLocationID: utrecht, Mode: travel.Car, Minutes: 30},
			"to_location_id":   {FromLocationID: zuidas, ToLocationID: zuidas, Mode: travel.Car, Minutes: 30},
			"mode":             {FromLocationID: zuidas, ToLocationID: utrecht, Mode: "boat", Minutes: 30},
			"minutes":          {FromLocationID: zuidas, ToLocationID: utrecht, Mode: travel.Car},
		}
		for field, in := range cases {
			_, err := f.svc.SaveTravelOverride(ctx, om, in)
			wantField(t, err, field)
		}
	})
}

// fixedTravel answers the same duration between any two different places.
type fixedTravel time.Duration

func (d fixedTravel) Estimate(_ context.Context, from, to travel.Place, _ travel.Mode) (travel.Estimate, error) {
	if from.Lat == to.Lat && from.Lon == to.Lon {
		return travel.Estimate{Source: "fixed"}, nil
	}
	return travel.Estimate{Duration: time.Duration(d), Source: "fixed"}, nil
}
