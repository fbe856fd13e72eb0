package travel

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"spil/internal/apperr"
)

// fallbackPlaces are the PC4 centroids of the test places as typed in from
// GeoNames, used when SPIL_CORPUS is not set; TestCorpusMatchesFallback
// checks them against the corpus file when it is.
var fallbackPlaces = map[string]Place{
	"1082": {Lat: 52.331, Lon: 4.8742},  // Amsterdam Zuidas
	"3511": {Lat: 52.0884, Lon: 5.1175}, // Utrecht centrum
	"3011": {Lat: 51.9197, Lon: 4.4875}, // Rotterdam centrum
	"2511": {Lat: 52.078, Lon: 4.3177},  // Den Haag centrum
	"9711": {Lat: 53.2166, Lon: 6.5695}, // Groningen centrum
}

func corpusIndex(t testing.TB) *PostcodeIndex {
	t.Helper()
	dir := os.Getenv("SPIL_CORPUS")
	if dir == "" {
		return nil
	}
	f, err := os.Open(filepath.Join(dir, "dutch", "postcodes", "nl_pc4_geonames.csv"))
	if err != nil {
		t.Fatalf("SPIL_CORPUS is set but the postcode file cannot be opened: %v", err)
	}
	defer f.Close()
	ix, err := LoadPostcodes(f)
	if err != nil {
		t.Fatalf("LoadPostcodes(corpus): %v", err)
	}
	return ix
}

// places returns the test places, from the corpus when SPIL_CORPUS is set.
func places(t testing.TB) map[string]Place {
	t.Helper()
	ix := corpusIndex(t)
	if ix == nil {
		return fallbackPlaces
	}
	m := map[string]Place{}
	for pc := range fallbackPlaces {
		a, ok := ix.Lookup(pc)
		if !ok {
			t.Fatalf("corpus has no PC4 %s", pc)
		}
		m[pc] = a.Place
	}
	return m
}

func estimate(t *testing.T, e Estimator, from, to Place, mode Mode) Estimate {
	t.Helper()
	got, err := e.Estimate(context.Background(), from, to, mode)
	if err != nil {
		t.Fatalf("Estimate(%v → %v, %s): %v", from, to, mode, err)
	}
	return got
}

func TestFormulaDutchTrips(t *testing.T) {
	p := places(t)
	tests := []struct {
		name     string
		from, to string
		mode     Mode
		min, max time.Duration
	}{
		// Real world: A2 ~40 km, 30–45 min plus parking.
		{"Zuidas→Utrecht by car", "1082", "3511", Car, 35 * time.Minute, 55 * time.Minute},
		// Real world: Amsterdam Zuid→Utrecht Centraal intercity ~25 min plus getting to and from the station.
		{"Zuidas→Utrecht by public transport", "1082", "3511", PublicTransport, 40 * time.Minute, 70 * time.Minute},
		{"Zuidas→Utrecht by bike", "1082", "3511", Bike, 2*time.Hour + 15*time.Minute, 3 * time.Hour},
		{"Zuidas→Utrecht on foot", "1082", "3511", Walking, 7 * time.Hour, 10 * time.Hour},
		// Real world: A13 ~25 km, 25–40 min.
		{"Den Haag→Rotterdam by car", "2511", "3011", Car, 25 * time.Minute, 45 * time.Minute},
		// Real world: intercity 25 min plus access.
		{"Den Haag→Rotterdam by public transport", "2511", "3011", PublicTransport, 30 * time.Minute, 55 * time.Minute},
		// Linear model: known to overestimate long trips (real ~2h–2h30).
		{"Zuidas→Groningen by car", "1082", "9711", Car, 2 * time.Hour, 3*time.Hour + 15*time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := estimate(t, Formula{}, p[tt.from], p[tt.to], tt.mode)
			t.Logf("%s: %s", tt.name, got.Explanation)
			if got.Duration < tt.min || got.Duration > tt.max {
				t.Errorf("duration %v, want between %v and %v", got.Duration, tt.min, tt.max)
			}
			if got.Duration%time.Minute != 0 {
				t.Errorf("duration %v is not whole minutes", got.Duration)
			}
			if got.Source != SourceEstimate {
				t.Errorf("source %q, want %q", got.Source, SourceEstimate)
			}
			if got.Distance <= 0 || got.Explanation == "" {
				t.Errorf("distance %v, explanation %q: want both filled", got.Distance, got.Explanation)
			}
		})
	}
}

func TestFormulaSlowerModesTakeLonger(t *testing.T) {
	p := places(t)
	var prev time.Duration
	for _, m := range []Mode{Car, PublicTransport, Bike, Walking} {
		got := estimate(t, Formula{}, p["1082"], p["3511"], m)
		if got.Duration <= prev {
			t.Errorf("%s takes %v, not longer than the mode before (%v)", m, got.Duration, prev)
		}
		prev = got.Duration
	}
}

func TestFormulaSamePlace(t *testing.T) {
	zuidas := fallbackPlaces["1082"]
	near := Place{Lat: zuidas.Lat + 0.0003, Lon: zuidas.Lon} // ~33 m north
	far := Place{Lat: zuidas.Lat + 0.0006, Lon: zuidas.Lon}  // ~67 m north
	for _, m := range Modes() {
		for _, to := range []Place{zuidas, near} {
			got := estimate(t, Formula{}, zuidas, to, m)
			if got.Duration != 0 || got.Distance != 0 {
				t.Errorf("%s to %v: %v / %v km, want zero", m, to, got.Duration, got.Distance)
			}
		}
		if got := estimate(t, Formula{}, zuidas, far, m); got.Duration < time.Minute {
			t.Errorf("%s 67 m: %v, want at least a minute", m, got.Duration)
		}
	}
}

func TestFormulaSymmetric(t *testing.T) {
	p := places(t)
	for a, pa := range p {
		for b, pb := range p {
			for _, m := range Modes() {
				ab := estimate(t, Formula{}, pa, pb, m)
				ba := estimate(t, Formula{}, pb, pa, m)
				if ab.Duration != ba.Duration || ab.Distance != ba.Distance {
					t.Errorf("%s→%s by %s: %v %v km; back: %v %v km", a, b, m, ab.Duration, ab.Distance, ba.Duration, ba.Distance)
				}
			}
		}
	}
}

func TestFormulaRoundsUpToMinutes(t *testing.T) {
	// 1 km by walking: 1.2 km at 5 km/h = 14.4 min → 15 min.
	from := Place{Lat: 52, Lon: 5}
	to := Place{Lat: 52 + 1/(EarthRadiusKM*math.Pi/180), Lon: 5}
	got := estimate(t, Formula{}, from, to, Walking)
	if got.Duration != 15*time.Minute {
		t.Errorf("1 km walking: %v, want 15m (%s)", got.Duration, got.Explanation)
	}
	if math.Abs(got.Distance-1.2) > 1e-9 {
		t.Errorf("distance %v, want 1.2 km", got.Distance)
	}
}

func TestHaversine(t *testing.T) {
	degree := EarthRadiusKM * math.Pi / 180 // 111.195 km
	if d := Haversine(Place{Lat: 52, Lon: 5}, Place{Lat: 53, Lon: 5}); math.Abs(d-degree) > 1e-9 {
		t.Errorf("one degree of latitude: %v km, want %v", d, degree)
	}
	if d := Haversine(Place{Lat: 0, Lon: 0}, Place{Lat: 0, Lon: 180}); math.Abs(d-math.Pi*EarthRadiusKM) > 1e-6 {
		t.Errorf("half the equator: %v km, want %v", d, math.Pi*EarthRadiusKM)
	}
	// Amsterdam Zuidas–Utrecht centrum: about 31.8 km as the crow flies.
	if d := Haversine(fallbackPlaces["1082"], fallbackPlaces["3511"]); d < 31 || d > 33 {
		t.Errorf("Zuidas–Utrecht: %v km, want ~31.8", d)
	}
}

func TestEstimateInvalidInput(t *testing.T) {
	ok := fallbackPlaces["1082"]
	ov, err := NewOverrides([]Override{{From: ok, To: fallbackPlaces["3511"], Mode: Car, Duration: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	estimators := map[string]Estimator{"Formula": Formula{}, "WithOverrides": WithOverrides(Formula{}, ov)}
	tests := []struct {
		name     string
		from, to Place
		mode     Mode
		fields   []string
	}{
		{"latitude too high", Place{Lat: 91, Lon: 5}, ok, Car, []string{"from.lat"}},
		{"longitude too low", ok, Place{Lat: 52, Lon: -180.5}, Car, []string{"to.lon"}},
		{"NaN", Place{Lat: math.NaN(), Lon: math.NaN()}, ok, Car, []string{"from.lat", "from.lon"}},
		{"swapped lat/lon beyond range", ok, Place{Lat: 120, Lon: 52}, Bike, []string{"to.lat"}},
		{"unknown mode", ok, ok, Mode("boat"), []string{"mode"}},
		{"empty mode", ok, ok, Mode(""), []string{"mode"}},
		{"everything", Place{Lat: -91, Lon: 181}, Place{Lat: 90.1, Lon: -181}, Mode("Car"), []string{"from.lat", "from.lon", "to.lat", "to.lon", "mode"}},
	}
	for ename, e := range estimators {
		for _, tt := range tests {
			t.Run(ename+"/"+tt.name, func(t *testing.T) {
				_, err := e.Estimate(context.Background(), tt.from, tt.to, tt.mode)
				if apperr.KindOf(err) != apperr.Invalid {
					t.Fatalf("err = %v, want Invalid", err)
				}
				fields := apperr.FieldsOf(err)
				if len(fields) != len(tt.fields) {
					t.Errorf("fields %v, want exactly %v", fields, tt.fields)
				}
				for _, f := range tt.fields {
					if fields[f] == "" {
						t.Errorf("no message for %s in %v", f, fields)
					}
				}
			})
		}
	}
}

func TestEstimateAcceptsExtremeCoordinates(t *testing.T) {
	got, err := Formula{}.Estimate(context.Background(), Place{Lat: -90, Lon: -180}, Place{Lat: 90, Lon: 180}, Car)
	if err != nil {
		t.Fatalf("pole to pole: %v", err)
	}
	if got.Duration <= 0 || got.Distance <= 0 {
		t.Errorf("pole to pole: %v / %v km, want positive", got.Duration, got.Distance)
	}
}

func TestEstimateHonoursCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Formula{}).Estimate(ctx, fallbackPlaces["1082"], fallbackPlaces["3511"], Car); err == nil {
		t.Error("cancelled context: no error")
	}
}

func TestParseMode(t *testing.T) {
	for _, m := range Modes() {
		if got, err := ParseMode(string(m)); err != nil || got != m {
			t.Errorf("ParseMode(%q) = %q, %v", m, got, err)
		}
	}
	for _, s := range []string{"", "Car", "train", "public transport"} {
		_, err := ParseMode(s)
		if apperr.KindOf(err) != apperr.Invalid || apperr.FieldsOf(err)["mode"] == "" {
			t.Errorf("ParseMode(%q): %v, want Invalid on field mode", s, err)
		}
	}
}

func TestFormulaCustomParams(t *testing.T) {
	params := DefaultParams()
	params[Car] = Params{Detour: 1, SpeedKMH: 60, Overhead: 0}
	delete(params, Walking)
	f := Formula{Params: params}
	from := Place{Lat: 52, Lon: 5}
	to := Place{Lat: 52 + 60/(EarthRadiusKM*math.Pi/180), Lon: 5} // 60 km north
	if got := estimate(t, f, from, to, Car); got.Duration != time.Hour {
		t.Errorf("60 km at 60 km/h: %v, want 1h (%s)", got.Duration, got.Explanation)
	}
	if _, err := f.Estimate(context.Background(), from, to, Walking); apperr.KindOf(err) != apperr.Invalid {
		t.Errorf("mode missing from Params: %v, want Invalid", err)
	}
	if d := DefaultParams(); d[Car].Detour != 1.30 {
		t.Errorf("changing one DefaultParams map changed the next: %+v", d[Car])
	}
}

func TestReachable(t *testing.T) {
	ams, _ := time.LoadLocation("Europe/Amsterdam")
	end := time.Date(2026, 3, 10, 11, 0, 0, 0, ams)
	est := Estimate{Duration: 45 * time.Minute}
	tests := []struct {
		name      string
		nextStart time.Time
		est       Estimate
		buffer    time.Duration
		ok        bool
		lateBy    time.Duration
	}{
		{"plenty of time", end.Add(2 * time.Hour), est, 10 * time.Minute, true, 0},
		{"exactly enough", end.Add(55 * time.Minute), est, 10 * time.Minute, true, 0},
		{"one minute short", end.Add(54 * time.Minute), est, 10 * time.Minute, false, time.Minute},
		{"travel fits, buffer does not", end.Add(50 * time.Minute), est, 15 * time.Minute, false, 10 * time.Minute},
		{"back to back, no travel", end, Estimate{}, 0, true, 0},
		{"back to back with travel", end, est, 0, false, 45 * time.Minute},
		{"overlapping appointments", end.Add(-30 * time.Minute), Estimate{}, 0, false, 30 * time.Minute},
		{"negative buffer counts as zero", end.Add(45 * time.Minute), est, -time.Hour, true, 0},
		// Different zones of one instant compare correctly.
		{"next start in UTC", end.Add(40 * time.Minute).UTC(), est, 0, false, 5 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, late := Reachable(end, tt.nextStart, tt.est, tt.buffer)
			if ok != tt.ok || late != tt.lateBy {
				t.Errorf("Reachable = %v, %v; want %v, %v", ok, late, tt.ok, tt.lateBy)
			}
		})
	}
}

func BenchmarkFormulaEstimate(b *testing.B) {
	from, to := fallbackPlaces["1082"], fallbackPlaces["3511"]
	ctx := context.Background()
	var f Formula
	for b.Loop() {
		if _, err := f.Estimate(ctx, from, to, PublicTransport); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWithOverridesMiss(b *testing.B) {
	ov, err := NewOverrides([]Override{{From: fallbackPlaces["2511"], To: fallbackPlaces["3011"], Mode: Car, Duration: 30 * time.Minute}})
	if err != nil {
		b.Fatal(err)
	}
	e := WithOverrides(Formula{}, ov)
	from, to := fallbackPlaces["1082"], fallbackPlaces["3511"]
	ctx := context.Background()
	for b.Loop() {
		if _, err := e.Estimate(ctx, from, to, Car); err != nil {
			b.Fatal(err)
		}
	}
}
