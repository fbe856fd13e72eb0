package travel

import (
	"math"
	"strings"
	"testing"

	"spil/internal/apperr"
)

func TestCorpusPostcodes(t *testing.T) {
	ix := corpusIndex(t)
	if ix == nil {
		t.Skip("SPIL_CORPUS not set: skipping the GeoNames PC4 file (set SPIL_CORPUS=/work/shared/corpus)")
	}
	// 4328 rows; 231 PC4s appear under two or three places.
	if ix.Len() < 4000 || ix.Len() > 4328 {
		t.Errorf("Len = %d, want the ~4,100 Dutch PC4 areas", ix.Len())
	}
	for pc, want := range fallbackPlaces {
		a, ok := ix.Lookup(pc)
		if !ok {
			t.Errorf("%s missing", pc)
			continue
		}
		if math.Abs(a.Place.Lat-want.Lat) > 1e-9 || math.Abs(a.Place.Lon-want.Lon) > 1e-9 {
			t.Errorf("%s at %v, the typed-in fallback says %v", pc, a.Place, want)
		}
	}
	if a, ok := ix.Lookup("1082 MS"); !ok || len(a.Places) != 1 || a.Places[0] != "Amsterdam" {
		t.Errorf("Lookup(1082 MS) = %+v, %v; want Amsterdam", a, ok)
	}
	// 1222 is listed under Hilversum (52.2386, 5.1823) and Bussum (52.2601, 5.1662).
	a, ok := ix.Lookup("1222AB")
	if !ok || len(a.Places) != 2 {
		t.Fatalf("Lookup(1222AB) = %+v, %v; want two places", a, ok)
	}
	if math.Abs(a.Place.Lat-52.24935) > 1e-9 || math.Abs(a.Place.Lon-5.17425) > 1e-9 {
		t.Errorf("1222 at %v, want the mean of Hilversum and Bussum", a.Place)
	}
	if _, ok := ix.Lookup("0999"); ok {
		t.Error("0999 found")
	}
}

func TestLoadPostcodes(t *testing.T) {
	in := "\uFEFFLatitude,PC4,Longitude,Place\r\n" // BOM, CRLF, columns in another order
	in += "52.331,1082,4.8742,Amsterdam\r\n"
	in += "52.2386,1222,5.1823,Hilversum\r\n52.2601,1222,5.1662,Bussum\r\n"
	ix, err := LoadPostcodes(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != 2 {
		t.Errorf("Len = %d, want 2", ix.Len())
	}
	a, ok := ix.Lookup(" 1082-ms ")
	if !ok || a.PC4 != "1082" || a.Place != (Place{Lat: 52.331, Lon: 4.8742}) {
		t.Errorf("Lookup = %+v, %v", a, ok)
	}
	a.Places[0] = "changed"
	if b, _ := ix.Lookup("1082"); b.Places[0] != "Amsterdam" {
		t.Error("Lookup result shares its Places with the index")
	}
	for _, pc := range []string{"", "108", "1082M", "1082 MSX", "10823", "0123", "abcd", "1082 1A"} {
		if _, ok := ix.Lookup(pc); ok {
			t.Errorf("Lookup(%q) found something", pc)
		}
	}
}

func TestLoadPostcodesRejects(t *testing.T) {
	tests := []struct {
		name, in, field string
	}{
		{"empty", "", ""},
		{"no latitude column", "pc4,place,longitude\n1082,Amsterdam,4.87\n", "header"},
		{"bad postcode", "pc4,latitude,longitude\n108A,52,4\n", "line 2"},
		{"latitude out of range", "pc4,latitude,longitude\n1082,52,4\n1083,152,4\n", "line 3"},
		{"not a number", "pc4,latitude,longitude\n1082,52,4\n1083,52,four\n", "line 3"},
		{"missing field", "pc4,latitude,longitude\n1082,52\n", "line 2"},
		{"line numbers count lines, not rows", "pc4,place,latitude,longitude\n1082,\"Amster\ndam\",52,4\n1083,Utrecht,x,4\n", "line 4"},
		{"broken quote", "pc4,latitude,longitude\n1082,\"52,4\n", "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadPostcodes(strings.NewReader(tt.in))
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("err = %v, want Invalid", err)
			}
			if tt.field != "" && apperr.FieldsOf(err)[tt.field] == "" {
				t.Errorf("no message for %q: %v", tt.field, err)
			}
		})
	}
	// Many bad lines: the first ten are named, plus a count.
	in := "pc4,latitude,longitude\n" + strings.Repeat("x,1,1\n", 25)
	_, err := LoadPostcodes(strings.NewReader(in))
	if f := apperr.FieldsOf(err); len(f) != 11 || !strings.Contains(f["lines"], "25") {
		t.Errorf("25 bad lines: %v", err)
	}
}

func FuzzLoadPostcodes(f *testing.F) {
	f.Add("pc4,place,latitude,longitude\n1082,Amsterdam,52.331,4.8742\n")
	f.Add("\uFEFFlat,lon,postcode\r\n52,4,1082 MS\r\n")
	f.Add("pc4,latitude,longitude\n1082,\"52,4\n")
	f.Add("pc4,latitude,longitude\n1082,NaN,Inf\n")
	f.Fuzz(func(t *testing.T, in string) {
		ix, err := LoadPostcodes(strings.NewReader(in))
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("error of kind %v: %v", apperr.KindOf(err), err)
			}
			return
		}
		for _, a := range ix.areas {
			var fs apperr.Fields
			a.Place.validate("p", &fs)
			if len(fs) > 0 || len(a.PC4) != 4 {
				t.Fatalf("bad area accepted: %+v", a)
			}
			if _, ok := ix.Lookup(a.PC4); !ok {
				t.Fatalf("area %s cannot be looked up", a.PC4)
			}
		}
	})
}
