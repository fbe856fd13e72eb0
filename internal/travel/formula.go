package travel

import (
	"context"
	"fmt"
	"math"
	"time"
)

// EarthRadiusKM is the radius used for great-circle distances: the IUGG
// mean Earth radius, 6371.0088 km. Over the Netherlands (latitude 51–53.5°)
// the difference with the local radius of the WGS84 ellipsoid is below
// 0.2 %, far less than the uncertainty of the detour factor.
const EarthRadiusKM = 6371.0088

// SamePlaceKM is the great-circle distance below which two places count as
// the same place (the same building or campus, or two geocodes of one
// address): Formula then answers zero travel time and no overhead.
const SamePlaceKM = 0.05

// Params are the figures Formula uses for one mode.
type Params struct {
	// Detour multiplies the great-circle distance to approximate the length
	// of the route over roads, rails or paths.
	Detour float64
	// SpeedKMH is the average speed over the route, stops and traffic
	// included.
	SpeedKMH float64
	// Overhead is added once per trip: parking, walking to the stop and
	// waiting, locking a bike.
	Overhead time.Duration
}

// DefaultParams returns the Dutch figures Formula uses when it has none of
// its own (a fresh map on every call; callers may change it):
//
//	car               detour 1.30, 70 km/h, 10 min overhead
//	public_transport  detour 1.20, 60 km/h, 15 min overhead
//	bike              detour 1.25, 15 km/h,  2 min overhead
//	walking           detour 1.20,  5 km/h,  0 min overhead
//
// Car: Dutch road distance is typically 1.25–1.35 × the straight line
// (Amsterdam Zuidas–Utrecht centre 32 km straight, about 42 km by A2); 70
// km/h averages motorway stretches with city streets and Randstad
// congestion; 10 minutes covers finding a parking space or garage and
// walking to the door.
//
// Public transport: rails and tram lines are straighter than roads (1.20);
// 60 km/h is the door-to-door speed of a trip that is mostly train
// (intercity ~90 km/h between stations, sprinter and tram far less); 15
// minutes covers walking to the stop (~5), waiting for a service that runs
// every 10–15 minutes (~5) and walking from the stop (~5).
//
// Bike: cycle paths follow roads closely but cut some corners (1.25);
// 15 km/h is an unhurried Dutch cycling speed including traffic lights; 2
// minutes for unlocking and parking the bike.
//
// Walking: 1.20 detour, 5 km/h, no overhead.
//
// The model is linear, so it is best for trips up to about 60 km (where
// most agenda travel falls); for long trips it overestimates (Amsterdam
// Zuidas–Groningen: 2 h 58 by car, really about 2 h). Override such pairs
// or plug in a routing service.
func DefaultParams() map[Mode]Params {
	m := make(map[Mode]Params, 4)
	for _, mode := range Modes() {
		m[mode], _ = defaultParams(mode)
	}
	return m
}

// Formula is the default Estimator: it needs no network and no data.
//
// Duration = ceil_to_minute(haversine(from, to) × Detour ÷ SpeedKMH +
// Overhead), with the figures per mode from Params (DefaultParams when
// Params is nil). Places closer than SamePlaceKM answer zero. The result is
// symmetric: from→to equals to→from. Source is SourceEstimate.
//
// The zero value is ready to use. A Formula must not be changed while it is
// used; then it is safe for concurrent use.
type Formula struct {
	// Params per mode; nil means DefaultParams. A mode missing from a
	// non-nil map is rejected as unknown.
	Params map[Mode]Params
}

// Estimate implements Estimator.
func (f Formula) Estimate(ctx context.Context, from, to Place, mode Mode) (Estimate, error) {
	if err := validate(from, to, mode); err != nil {
		return Estimate{}, err
	}
	if err := ctx.Err(); err != nil {
		return Estimate{}, err
	}
	var p Params
	var ok bool
	if f.Params == nil {
		p, ok = defaultParams(mode)
	} else {
		p, ok = f.Params[mode]
	}
	if !ok {
		return Estimate{}, modeError(mode)
	}
	if p.Detour <= 0 || p.SpeedKMH <= 0 || math.IsNaN(p.Detour) || math.IsNaN(p.SpeedKMH) || p.Overhead < 0 {
		return Estimate{}, fmt.Errorf("travel: bad parameters for mode %s: %+v", mode, p)
	}

	straight := Haversine(from, to)
	if straight < SamePlaceKM {
		return Estimate{
			Source:      SourceEstimate,
			Explanation: fmt.Sprintf("same place (%.0f m apart): no travel", straight*1000),
		}, nil
	}
	route := straight * p.Detour
	moving := time.Duration(route / p.SpeedKMH * float64(time.Hour))
	total := ceilMinute(moving + p.Overhead)
	expl := fmt.Sprintf("%.1f km straight × %.2f detour = %.1f km at %g km/h = %s",
		straight, p.Detour, route, p.SpeedKMH, minutes(moving))
	if p.Overhead > 0 {
		expl += fmt.Sprintf(", + %s %s", minutes(p.Overhead), overheadWord(mode))
	}
	expl += ", rounded up: " + minutes(total)
	return Estimate{Duration: total, Distance: route, Source: SourceEstimate, Explanation: expl}, nil
}

// defaultParams holds the figures of DefaultParams without building a map
// on every call.
func defaultParams(m Mode) (Params, bool) {
	switch m {
	case Car:
		return Params{Detour: 1.30, SpeedKMH: 70, Overhead: 10 * time.Minute}, true
	case PublicTransport:
		return Params{Detour: 1.20, SpeedKMH: 60, Overhead: 15 * time.Minute}, true
	case Bike:
		return Params{Detour: 1.25, SpeedKMH: 15, Overhead: 2 * time.Minute}, true
	case Walking:
		return Params{Detour: 1.20, SpeedKMH: 5, Overhead: 0}, true
	}
	return Params{}, false
}

func overheadWord(m Mode) string {
	switch m {
	case Car:
		return "parking"
	case PublicTransport:
		return "walking to, waiting for and walking from the stop"
	case Bike:
		return "parking the bike"
	}
	return "overhead"
}

// minutes renders d as "35.3 min".
func minutes(d time.Duration) string {
	return fmt.Sprintf("%.1f min", d.Minutes())
}

// ceilMinute rounds d up to a whole minute.
func ceilMinute(d time.Duration) time.Duration {
	if r := d % time.Minute; r > 0 {
		d += time.Minute - r
	}
	return d
}

// Haversine returns the great-circle distance in kilometres between a and b
// on a sphere of EarthRadiusKM. It is exactly symmetric: the two points are
// put in a fixed order before computing. Coordinates are not validated.
func Haversine(a, b Place) float64 {
	if b.Lat < a.Lat || (b.Lat == a.Lat && b.Lon < a.Lon) {
		a, b = b, a
	}
	const rad = math.Pi / 180
	φ1, φ2 := a.Lat*rad, b.Lat*rad
	dφ := (b.Lat - a.Lat) * rad
	dλ := (b.Lon - a.Lon) * rad
	s1 := math.Sin(dφ / 2)
	s2 := math.Sin(dλ / 2)
	h := s1*s1 + math.Cos(φ1)*math.Cos(φ2)*s2*s2
	h = min(max(h, 0), 1)
	return 2 * EarthRadiusKM * math.Asin(math.Sqrt(h))
}
