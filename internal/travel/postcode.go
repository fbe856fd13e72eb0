package travel

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"spil/internal/apperr"
)

// PostcodeArea is what a PostcodeIndex knows about one Dutch PC4 area
// (the four digits of a postcode, "1082" of "1082 MS").
type PostcodeArea struct {
	PC4 string
	// Places are the place names in the area, in file order. GeoNames lists
	// some PC4 areas under two or three places (1222: Hilversum, Bussum).
	Places []string
	// Place is the area's point: the mean of the listed points, so an area
	// listed under several places gets one point between them. ID is empty.
	Place Place
}

// PostcodeIndex looks up coordinates for Dutch postcodes by their first four
// digits. It is data the organization loads (for example GeoNames' NL postal
// codes, CC BY 4.0, attribution geonames.org), never compiled into spil.
// Coordinates are area centroids: fine for travel estimates, not for
// navigation. An index is immutable and safe for concurrent use.
type PostcodeIndex struct {
	areas map[string]PostcodeArea
}

// maxPostcodeRows bounds the rows read; the Netherlands has about 4,100
// PC4 areas, so this only stops runaway input.
const maxPostcodeRows = 100_000

// LoadPostcodes reads a CSV file with a header row naming at least the
// columns pc4, latitude and longitude (any order, any case; "postcode",
// "lat" and "lon"/"lng" are accepted too) and optionally place. A UTF-8 byte
// order mark and CRLF line ends are accepted. Rows for the same PC4 are
// merged into one PostcodeArea.
//
// Bad input returns an apperr.Invalid error whose fields are "header" or
// "line N" (the line in the file where the row starts; the header is line
// 1); at most 10 bad lines are named.
// An error reading r is returned as is.
func LoadPostcodes(r io.Reader) (*PostcodeIndex, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\uFEFF")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, apperr.Errorf(apperr.Invalid, "postcode file is empty")
	}
	if err != nil {
		return nil, csvError(err)
	}
	col := map[string]int{"pc4": -1, "place": -1, "lat": -1, "lon": -1}
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "pc4", "postcode", "postal_code", "postalcode":
			col["pc4"] = i
		case "place", "place_name", "city", "plaats":
			col["place"] = i
		case "latitude", "lat":
			col["lat"] = i
		case "longitude", "lon", "lng":
			col["lon"] = i
		}
	}
	var f apperr.Fields
	for _, need := range []string{"pc4", "lat", "lon"} {
		if col[need] < 0 {
			f.Add("header", "need columns pc4, latitude and longitude; got "+strings.Join(header, ","))
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}

	type sum struct {
		lat, lon float64
		n        int
		places   []string
	}
	sums := map[string]*sum{}
	var order []string
	bad := 0
	note := func(line int, msg string) {
		bad++
		if bad <= 10 {
			f.Add("line "+strconv.Itoa(line), msg)
		}
	}
	for rows := 1; ; rows++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				note(pe.StartLine, pe.Err.Error())
				if bad > 10 {
					break
				}
				continue
			}
			return nil, err
		}
		line, _ := cr.FieldPos(0) // only valid after a successful Read
		if rows > maxPostcodeRows {
			f.Add("file", fmt.Sprintf("more than %d rows", maxPostcodeRows))
			break
		}
		get := func(name string) string {
			if i := col[name]; i >= 0 && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		pc, ok := pc4(get("pc4"))
		if !ok {
			note(line, "postcode "+strconv.Quote(get("pc4"))+" is not four digits 1000–9999")
			continue
		}
		lat, err1 := strconv.ParseFloat(get("lat"), 64)
		lon, err2 := strconv.ParseFloat(get("lon"), 64)
		var pf apperr.Fields
		p := Place{Lat: lat, Lon: lon}
		p.validate("", &pf)
		if err1 != nil || err2 != nil || len(pf) > 0 {
			note(line, "latitude "+strconv.Quote(get("lat"))+" / longitude "+strconv.Quote(get("lon"))+" is not a valid coordinate")
			continue
		}
		s := sums[pc]
		if s == nil {
			s = &sum{}
			sums[pc] = s
			order = append(order, pc)
		}
		s.lat += lat
		s.lon += lon
		s.n++
		if name := get("place"); name != "" {
			s.places = append(s.places, name)
		}
	}
	if bad > 10 {
		f.Add("lines", fmt.Sprintf("%d bad lines in all", bad))
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	ix := &PostcodeIndex{areas: make(map[string]PostcodeArea, len(sums))}
	for _, pc := range order {
		s := sums[pc]
		n := float64(s.n)
		ix.areas[pc] = PostcodeArea{PC4: pc, Places: s.places, Place: Place{Lat: s.lat / n, Lon: s.lon / n}}
	}
	return ix, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return apperr.Errorf(apperr.Invalid, "postcode file line %d: %v", pe.Line, pe.Err)
	}
	return err
}

// pc4 extracts the four digits of a Dutch postcode: "1082", "1082 MS",
// "1082ms", " 1082-MS ". The letters, when present, are not checked.
func pc4(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 4 {
		return "", false
	}
	d := s[:4]
	for i := 0; i < 4; i++ {
		if d[i] < '0' || d[i] > '9' {
			return "", false
		}
	}
	if d[0] == '0' {
		return "", false
	}
	if rest := strings.TrimLeft(s[4:], " -"); rest != "" {
		if len(rest) != 2 {
			return "", false
		}
		for i := 0; i < 2; i++ {
			if c := rest[i] | 0x20; c < 'a' || c > 'z' {
				return "", false
			}
		}
	}
	return d, true
}

// Len returns the number of PC4 areas in the index.
func (ix *PostcodeIndex) Len() int {
	if ix == nil {
		return 0
	}
	return len(ix.areas)
}

// Lookup returns the area of a Dutch postcode given as four digits with or
// without its two letters ("1082", "1082 MS", "1082MS"). It returns false
// for malformed postcodes and for areas not in the index.
func (ix *PostcodeIndex) Lookup(postcode string) (PostcodeArea, bool) {
	if ix == nil {
		return PostcodeArea{}, false
	}
	pc, ok := pc4(postcode)
	if !ok {
		return PostcodeArea{}, false
	}
	a, ok := ix.areas[pc]
	a.Places = slices.Clone(a.Places)
	return a, ok
}
