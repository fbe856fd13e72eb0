package travel

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"spil/internal/apperr"
)

// CoordinateDecimals is how many decimals of latitude and longitude identify
// a place in Overrides when it has no ID: 4 decimals is about 11 m in the
// Netherlands, so two geocodes of one entrance match and neighbouring
// buildings do not.
const CoordinateDecimals = 4

// Override is a known travel time between two places by one mode, such as
// "the train from our office to the ministry takes 25 minutes door to door".
type Override struct {
	From, To Place
	Mode     Mode
	Duration time.Duration // door to door, > 0; rounded up to whole minutes
	Distance float64       // km, optional (0 = unknown)
	// OneWay makes the override apply only from From to To. Otherwise it
	// also applies from To to From, unless a OneWay override for that
	// direction exists.
	OneWay bool
	// Note says where the figure comes from ("measured by Anna, 2026");
	// it ends up in Estimate.Explanation.
	Note string
}

// Overrides is a set of known travel times that win over an Estimator's
// own answer. Places are matched by ID when the override's place has one,
// else by coordinates rounded to CoordinateDecimals; a Place passed to
// Estimate matches an override by its ID first and its coordinates second.
//
// An Overrides is immutable once built and safe for concurrent use.
type Overrides struct {
	m map[overrideKey]entry
}

type overrideKey struct {
	from, to string
	mode     Mode
}

type entry struct {
	o        Override
	mirrored bool // derived from the reverse of a symmetric override
}

// NewOverrides validates list and builds the set. It returns one
// apperr.Invalid error naming every bad field as "overrides[i].field":
// coordinates out of range, unknown mode, a duration that is not positive,
// a negative distance, or a second override for the same places, mode and
// direction.
func NewOverrides(list []Override) (*Overrides, error) {
	ov := &Overrides{m: make(map[overrideKey]entry, 2*len(list))}
	var f apperr.Fields
	for i, o := range list {
		at := "overrides[" + strconv.Itoa(i) + "]"
		o.From.validate(at+".from", &f)
		o.To.validate(at+".to", &f)
		if !o.Mode.Valid() {
			f.Add(at+".mode", modeMessage(o.Mode))
		}
		if o.Duration <= 0 {
			f.Add(at+".duration", "duration must be positive")
		}
		if o.Distance < 0 || math.IsNaN(o.Distance) || math.IsInf(o.Distance, 0) {
			f.Add(at+".distance", "distance must be zero (unknown) or positive")
		}
		o.Duration = ceilMinute(o.Duration)
		fwd := overrideKey{placeKey(o.From), placeKey(o.To), o.Mode}
		if e, dup := ov.m[fwd]; dup && !e.mirrored {
			f.Add(at, fmt.Sprintf("duplicate override from %s to %s by %s", fwd.from, fwd.to, o.Mode))
			continue
		}
		ov.m[fwd] = entry{o: o}
		if o.OneWay {
			continue
		}
		rev := overrideKey{fwd.to, fwd.from, o.Mode}
		if _, taken := ov.m[rev]; !taken {
			ov.m[rev] = entry{o: o, mirrored: true}
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	return ov, nil
}

// Len returns the number of overrides given to NewOverrides (not counting
// mirrored directions).
func (ov *Overrides) Len() int {
	if ov == nil {
		return 0
	}
	n := 0
	for _, e := range ov.m {
		if !e.mirrored {
			n++
		}
	}
	return n
}

// Lookup returns the override that applies from from to to by mode, if any.
// Matching by ID is tried before matching by coordinates, for each end.
func (ov *Overrides) Lookup(from, to Place, mode Mode) (Override, bool) {
	if ov == nil || len(ov.m) == 0 {
		return Override{}, false
	}
	for _, fk := range candidateKeys(from) {
		if fk == "" {
			continue
		}
		for _, tk := range candidateKeys(to) {
			if tk == "" {
				continue
			}
			if e, ok := ov.m[overrideKey{fk, tk, mode}]; ok {
				return e.o, true
			}
		}
	}
	return Override{}, false
}

// placeKey is how an override's place is stored: by ID when it has one.
func placeKey(p Place) string {
	if p.ID != "" {
		return "id:" + p.ID
	}
	return coordKey(p)
}

func candidateKeys(p Place) [2]string {
	if p.ID != "" {
		return [2]string{"id:" + p.ID, coordKey(p)}
	}
	return [2]string{coordKey(p), ""}
}

func coordKey(p Place) string {
	return strconv.FormatFloat(roundTo(p.Lat), 'f', CoordinateDecimals, 64) + "," +
		strconv.FormatFloat(roundTo(p.Lon), 'f', CoordinateDecimals, 64)
}

// roundTo rounds to CoordinateDecimals, half away from zero, and turns −0
// into 0 so that both print alike.
func roundTo(x float64) float64 {
	scale := math.Pow10(CoordinateDecimals)
	r := math.Round(x*scale) / scale
	if r == 0 {
		return 0
	}
	return r
}

// WithOverrides returns an Estimator that answers from overrides when one
// applies (Source SourceOverride) and asks base otherwise. Input is
// validated the same way in both cases. A nil or empty overrides returns
// base itself.
func WithOverrides(base Estimator, overrides *Overrides) Estimator {
	if overrides == nil || len(overrides.m) == 0 {
		return base
	}
	return overridden{base: base, ov: overrides}
}

type overridden struct {
	base Estimator
	ov   *Overrides
}

func (w overridden) Estimate(ctx context.Context, from, to Place, mode Mode) (Estimate, error) {
	if err := validate(from, to, mode); err != nil {
		return Estimate{}, err
	}
	o, ok := w.ov.Lookup(from, to, mode)
	if !ok {
		return w.base.Estimate(ctx, from, to, mode)
	}
	expl := "known travel time " + minutes(o.Duration)
	if o.Note != "" {
		expl += " (" + o.Note + ")"
	}
	return Estimate{Duration: o.Duration, Distance: o.Distance, Source: SourceOverride, Explanation: expl}, nil
}
