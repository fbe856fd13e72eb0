// Package travel estimates how long it takes to get from one place to the
// next, so the agenda can warn when consecutive appointments at different
// locations leave too little time in between.
//
// The Estimator interface is the seam: Formula is the default, offline
// estimate from coordinates; WithOverrides puts known travel times in front
// of any Estimator; a routing service can implement Estimator later.
// Everything here is pure computation: no network, no globals.
package travel

import (
	"context"
	"math"
	"strconv"
	"time"

	"spil/internal/apperr"
)

// Mode is a way of travelling.
type Mode string

// The supported modes. The string values are stable: they are stored and
// sent over the API.
const (
	Car             Mode = "car"
	PublicTransport Mode = "public_transport"
	Bike            Mode = "bike"
	Walking         Mode = "walking"
)

// Modes returns all supported modes in a fixed order.
func Modes() []Mode { return []Mode{Car, PublicTransport, Bike, Walking} }

// Valid reports whether m is one of the supported modes.
func (m Mode) Valid() bool {
	switch m {
	case Car, PublicTransport, Bike, Walking:
		return true
	}
	return false
}

// ParseMode returns the Mode named s, or an apperr.Invalid error on field
// "mode" for anything else.
func ParseMode(s string) (Mode, error) {
	m := Mode(s)
	if !m.Valid() {
		return "", modeError(m)
	}
	return m, nil
}

func modeError(m Mode) error {
	var f apperr.Fields
	f.Add("mode", modeMessage(m))
	return f.Err()
}

func modeMessage(m Mode) string {
	return "unknown travel mode " + strconv.Quote(string(m)) + "; use car, public_transport, bike or walking"
}

// Place is a point on Earth in WGS84 degrees. ID is optional: when set (for
// example an org.Location ID) Overrides can match the place by ID instead of
// by its coordinates; Formula ignores it.
type Place struct {
	ID  string
	Lat float64 // −90…90
	Lon float64 // −180…180
}

// validate adds a field error for each coordinate of p out of range (or NaN)
// under prefix ("from", "to").
func (p Place) validate(prefix string, f *apperr.Fields) {
	if math.IsNaN(p.Lat) || p.Lat < -90 || p.Lat > 90 {
		f.Add(prefix+".lat", "latitude must be between -90 and 90")
	}
	if math.IsNaN(p.Lon) || p.Lon < -180 || p.Lon > 180 {
		f.Add(prefix+".lon", "longitude must be between -180 and 180")
	}
}

// validate checks both places and the mode and returns one apperr.Invalid
// error naming every bad field (from.lat, from.lon, to.lat, to.lon, mode).
func validate(from, to Place, mode Mode) error {
	var f apperr.Fields
	from.validate("from", &f)
	to.validate("to", &f)
	if !mode.Valid() {
		f.Add("mode", modeMessage(mode))
	}
	return f.Err()
}

// Estimate is the answer of an Estimator.
type Estimate struct {
	// Duration is the door-to-door travel time, including the mode's fixed
	// overhead (parking, walking to and waiting for public transport).
	Duration time.Duration
	// Distance is the travelled distance in kilometres (for Formula: the
	// great-circle distance times the detour factor), 0 when unknown.
	Distance float64
	// Source says where the figure comes from: SourceEstimate,
	// SourceOverride, or later the name of a routing service.
	Source string
	// Explanation is a short English account of how Duration was reached,
	// for logs and tooltips; the agenda should not parse it.
	Explanation string
}

// Values of Estimate.Source.
const (
	SourceEstimate = "estimate"
	SourceOverride = "override"
)

// Estimator tells the travel time between two places by one mode.
//
// Implementations must return an apperr.Invalid error naming the field
// (from.lat, from.lon, to.lat, to.lon, mode) for coordinates out of range
// or an unknown mode, must be safe for concurrent use, and should honour
// ctx when they do I/O.
type Estimator interface {
	Estimate(ctx context.Context, from, to Place, mode Mode) (Estimate, error)
}

// Reachable reports whether someone whose previous appointment ends at
// prevEnd can travel (est.Duration) and still have buffer to spare before
// the next one starts at nextStart. When not, lateBy is how much later than
// nextStart they would arrive including the buffer (always > 0 then; 0 when
// ok). A negative buffer counts as zero. Appointments that overlap
// (nextStart before prevEnd) are late by the overlap plus travel and buffer.
func Reachable(prevEnd, nextStart time.Time, est Estimate, buffer time.Duration) (ok bool, lateBy time.Duration) {
	if buffer < 0 {
		buffer = 0
	}
	need := max(est.Duration, 0) + buffer
	have := nextStart.Sub(prevEnd)
	if have >= need {
		return true, 0
	}
	return false, need - have
}
