package agenda

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"

	"spil/internal/travel"
)

// The two demo-like offices.
var (
	zuidasLat, zuidasLon   = 52.3383, 4.8720
	utrechtLat, utrechtLon = 52.0894, 5.1101
)

// location inserts one of the organization's locations.
func (f *fixture) location(t testing.TB, name string, lat, lon float64) string {
	t.Helper()
	id := uuid.Must(uuid.NewV7()).String()
	if _, err := f.db.W.Exec(`INSERT INTO locations (id, name, latitude, longitude, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		id, name, lat, lon, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	return id
}

// worksAt sets a person's office.
func (f *fixture) worksAt(t testing.TB, person, location string) {
	t.Helper()
	if _, err := f.db.W.Exec(`UPDATE people SET location_id = $2 WHERE id = $1`, person, location); err != nil {
		t.Fatal(err)
	}
}

// offices gives the fixture the Zuidas and Utrecht offices; the boss and
// the assistants work at Zuidas, emp and other at Utrecht.
func (f *fixture) offices(t testing.TB) (zuidas, utrecht string) {
	t.Helper()
	zuidas = f.location(t, "Zuidas", zuidasLat, zuidasLon)
	utrecht = f.location(t, "Utrecht", utrechtLat, utrechtLon)
	for _, p := range []string{f.boss, f.ma, f.maSee} {
		f.worksAt(t, p, zuidas)
	}
	f.worksAt(t, f.emp, utrecht)
	f.worksAt(t, f.other, utrecht)
	return zuidas, utrecht
}

func atLocation(id string) Place { return Place{LocationID: id} }

// address is a place outside the organization's locations.
func address(name string, lat, lon float64) Place { return Place{Name: name, Lat: &lat, Lon: &lon} }

// carMinutes is what the formula answers between the two offices by car.
func carMinutes(t testing.TB) int {
	t.Helper()
	e, err := travel.Formula{}.Estimate(context.Background(),
		travel.Place{Lat: zuidasLat, Lon: zuidasLon}, travel.Place{Lat: utrechtLat, Lon: utrechtLon}, travel.Car)
	if err != nil {
		t.Fatal(err)
	}
	return ceilMinutes(e.Duration)
}

// mustNotLeak fails when the JSON of v contains one of the words.
func mustNotLeak(t testing.TB, v any, words ...string) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		if strings.Contains(string(b), w) {
			t.Errorf("%q leaks in %s", w, b)
		}
	}
}

func intp(i int) *int { return &i }
