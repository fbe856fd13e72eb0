package travel

import (
	"context"
	"strings"
	"testing"
	"time"

	"spil/internal/apperr"
)

func TestOverridesWin(t *testing.T) {
	zuidas, utrecht, denHaag := fallbackPlaces["1082"], fallbackPlaces["3511"], fallbackPlaces["2511"]
	ov, err := NewOverrides([]Override{
		{From: zuidas, To: utrecht, Mode: PublicTransport, Duration: 38 * time.Minute, Distance: 40, Note: "measured, Amsterdam Zuid–Utrecht CS"},
		// One way: the morning drive out is slower than the way back.
		{From: zuidas, To: denHaag, Mode: Car, Duration: 65 * time.Minute, OneWay: true},
		{From: denHaag, To: zuidas, Mode: Car, Duration: 50*time.Minute + 20*time.Second, OneWay: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ov.Len() != 3 {
		t.Errorf("Len = %d, want 3", ov.Len())
	}
	e := WithOverrides(Formula{}, ov)
	tests := []struct {
		name     string
		from, to Place
		mode     Mode
		want     time.Duration
		source   string
	}{
		{"override there", zuidas, utrecht, PublicTransport, 38 * time.Minute, SourceOverride},
		{"override back (symmetric)", utrecht, zuidas, PublicTransport, 38 * time.Minute, SourceOverride},
		{"other mode falls through", zuidas, utrecht, Car, 46 * time.Minute, SourceEstimate},
		{"one way out", zuidas, denHaag, Car, 65 * time.Minute, SourceOverride},
		{"one way back, rounded up", denHaag, zuidas, Car, 51 * time.Minute, SourceOverride},
		{"geocode a few metres off still matches", Place{Lat: zuidas.Lat + 0.00002, Lon: zuidas.Lon - 0.00003}, utrecht, PublicTransport, 38 * time.Minute, SourceOverride},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := estimate(t, e, tt.from, tt.to, tt.mode)
			if got.Duration != tt.want || got.Source != tt.source {
				t.Errorf("got %v from %q (%s), want %v from %q", got.Duration, got.Source, got.Explanation, tt.want, tt.source)
			}
		})
	}
	got := estimate(t, e, zuidas, utrecht, PublicTransport)
	if got.Distance != 40 || !strings.Contains(got.Explanation, "measured") {
		t.Errorf("override estimate %+v: want distance 40 and the note in the explanation", got)
	}
}

func TestOverridesOneWayBeatsMirror(t *testing.T) {
	a, b := fallbackPlaces["3011"], fallbackPlaces["2511"]
	for _, order := range [][]Override{
		{{From: a, To: b, Mode: Car, Duration: 30 * time.Minute}, {From: b, To: a, Mode: Car, Duration: 40 * time.Minute, OneWay: true}},
		{{From: b, To: a, Mode: Car, Duration: 40 * time.Minute, OneWay: true}, {From: a, To: b, Mode: Car, Duration: 30 * time.Minute}},
	} {
		ov, err := NewOverrides(order)
		if err != nil {
			t.Fatal(err)
		}
		e := WithOverrides(Formula{}, ov)
		if got := estimate(t, e, a, b, Car); got.Duration != 30*time.Minute {
			t.Errorf("a→b %v, want 30m", got.Duration)
		}
		if got := estimate(t, e, b, a, Car); got.Duration != 40*time.Minute {
			t.Errorf("b→a %v, want the explicit 40m", got.Duration)
		}
	}
}

func TestOverridesByID(t *testing.T) {
	office := Place{ID: "loc-office", Lat: 52.331, Lon: 4.8742}
	client := Place{ID: "loc-client", Lat: 52.0884, Lon: 5.1175}
	ov, err := NewOverrides([]Override{{From: office, To: client, Mode: Car, Duration: 42 * time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	e := WithOverrides(Formula{}, ov)
	// Coordinates edited later (a better geocode): the ID still matches.
	moved := Place{ID: "loc-client", Lat: 52.09, Lon: 5.12}
	if got := estimate(t, e, office, moved, Car); got.Source != SourceOverride || got.Duration != 42*time.Minute {
		t.Errorf("by ID: %+v, want the override", got)
	}
	// Same coordinates without ID do not match an override keyed by ID.
	if got := estimate(t, e, Place{Lat: 52.331, Lon: 4.8742}, client, Car); got.Source != SourceEstimate {
		t.Errorf("no ID: %+v, want the formula", got)
	}
	// A place with an ID matches an override keyed by its coordinates.
	ov2, err := NewOverrides([]Override{{From: Place{Lat: 52.331, Lon: 4.8742}, To: Place{Lat: 52.0884, Lon: 5.1175}, Mode: Bike, Duration: 2 * time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	if got := estimate(t, WithOverrides(Formula{}, ov2), office, client, Bike); got.Source != SourceOverride {
		t.Errorf("ID'd places vs coordinate override: %+v, want the override", got)
	}
}

func TestNewOverridesInvalid(t *testing.T) {
	a, b := fallbackPlaces["1082"], fallbackPlaces["3511"]
	_, err := NewOverrides([]Override{
		{From: a, To: b, Mode: Car, Duration: 40 * time.Minute},
		{From: a, To: b, Mode: Car, Duration: 45 * time.Minute}, // duplicate
		{From: Place{Lat: 100}, To: b, Mode: "ferry", Duration: 0, Distance: -1},
	})
	if apperr.KindOf(err) != apperr.Invalid {
		t.Fatalf("err = %v, want Invalid", err)
	}
	fields := apperr.FieldsOf(err)
	for _, f := range []string{"overrides[1]", "overrides[2].from.lat", "overrides[2].mode", "overrides[2].duration", "overrides[2].distance"} {
		if fields[f] == "" {
			t.Errorf("no message for %s in %v", f, fields)
		}
	}
	if _, bad := fields["overrides[0]"]; bad {
		t.Errorf("the first of two duplicates is blamed: %v", fields)
	}
}

func TestWithOverridesEmptyReturnsBase(t *testing.T) {
	var base Estimator = Formula{}
	if got, ok := WithOverrides(base, nil).(Formula); !ok {
		t.Errorf("WithOverrides(base, nil) = %T, want base", got)
	}
	empty, err := NewOverrides(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := WithOverrides(base, empty).(Formula); !ok {
		t.Errorf("WithOverrides(base, empty) = %T, want base", got)
	}
	if _, ok := (*Overrides)(nil).Lookup(fallbackPlaces["1082"], fallbackPlaces["3511"], Car); ok {
		t.Error("nil Overrides found something")
	}
}

// countingEstimator records calls, to show overrides skip the base.
type countingEstimator struct{ calls *int }

func (c countingEstimator) Estimate(ctx context.Context, from, to Place, mode Mode) (Estimate, error) {
	*c.calls++
	return Estimate{Duration: time.Minute, Source: "routing"}, nil
}

func TestWithOverridesSkipsBase(t *testing.T) {
	calls := 0
	a, b := fallbackPlaces["1082"], fallbackPlaces["3511"]
	ov, err := NewOverrides([]Override{{From: a, To: b, Mode: Car, Duration: 40 * time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	e := WithOverrides(countingEstimator{&calls}, ov)
	estimate(t, e, a, b, Car)
	if calls != 0 {
		t.Errorf("base asked %d times for an overridden pair", calls)
	}
	if got := estimate(t, e, a, b, Bike); got.Source != "routing" || calls != 1 {
		t.Errorf("not overridden: %+v after %d calls, want the base's answer", got, calls)
	}
}
