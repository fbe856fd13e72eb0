package ubl

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// ubl21Schema is the structure of UBL 2.1 Invoice and CreditNote as
// generated from the OASIS runtime schemas by TestSchemaTable; see the
// header of the file for its format.
//
//go:embed ubl21.schema
var ubl21Schema string

// particle is one element of a sequence with its cardinality; max < 0 is
// unbounded.
type particle struct {
	name     string
	min, max int
}

// dataKind is the unqualified data type of a basic (cbc) element.
type dataKind string

const (
	kindAmount     dataKind = "Amount"
	kindBinary     dataKind = "BinaryObject"
	kindCode       dataKind = "Code"
	kindDate       dataKind = "Date"
	kindIdentifier dataKind = "Identifier"
	kindIndicator  dataKind = "Indicator"
	kindMeasure    dataKind = "Measure"
	kindName       dataKind = "Name"
	kindNumeric    dataKind = "Numeric"
	kindPercent    dataKind = "Percent"
	kindQuantity   dataKind = "Quantity"
	kindRate       dataKind = "Rate"
	kindText       dataKind = "Text"
	kindTime       dataKind = "Time"
)

// schema is the parsed table.
type schema struct {
	roots    map[string][]particle // "Invoice", "CreditNote"
	types    map[string][]particle // aggregate type name without "Type"
	elemType map[string]string     // cac element whose type has another name
	basic    map[string]dataKind   // "cbc:ID" → Identifier
}

// loadSchema parses the embedded table once; the result is never changed.
var loadSchema = sync.OnceValue(func() *schema {
	s, err := parseSchema(ubl21Schema)
	if err != nil {
		panic("ubl: embedded ubl21.schema is corrupt: " + err.Error())
	}
	return s
})

// parseSchema reads the table format written by TestSchemaTable.
func parseSchema(text string) (*schema, error) {
	s := &schema{
		roots:    map[string][]particle{},
		types:    map[string][]particle{},
		elemType: map[string]string{},
		basic:    map[string]dataKind{},
	}
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: too short", i+1)
		}
		switch f[0] {
		case "R", "T":
			seq := make([]particle, 0, len(f)-2)
			for _, p := range f[2:] {
				seq = append(seq, parseParticle(p))
			}
			if f[0] == "R" {
				s.roots[f[1]] = seq
			} else {
				s.types[f[1]] = seq
			}
		case "E":
			if len(f) != 3 {
				return nil, fmt.Errorf("line %d: E needs an element and a type", i+1)
			}
			s.elemType[f[1]] = f[2]
		case "B":
			for _, e := range f[2:] {
				s.basic["cbc:"+e] = dataKind(f[1])
			}
		default:
			return nil, fmt.Errorf("line %d: unknown record %q", i+1, f[0])
		}
	}
	if len(s.roots) != 2 || len(s.types) == 0 || len(s.basic) == 0 {
		return nil, fmt.Errorf("incomplete table")
	}
	return s, nil
}

func parseParticle(p string) particle {
	switch p[len(p)-1] {
	case '?':
		return particle{p[:len(p)-1], 0, 1}
	case '*':
		return particle{p[:len(p)-1], 0, -1}
	case '+':
		return particle{p[:len(p)-1], 1, -1}
	}
	return particle{p, 1, 1}
}

// typeOf returns the sequence of a cac element, nil when it is unknown.
func (s *schema) typeOf(name string) ([]particle, bool) {
	local := strings.TrimPrefix(name, "cac:")
	if t, ok := s.elemType[local]; ok {
		local = t
	}
	seq, ok := s.types[local]
	return seq, ok
}

// attrAllowed reports whether a basic element of kind k may carry the
// attribute name (from the CCTS core component types as restricted by
// UBL's unqualified data types).
func attrAllowed(k dataKind, name string) bool {
	switch k {
	case kindAmount:
		return name == "currencyID" || name == "currencyCodeListVersionID"
	case kindBinary:
		switch name {
		case "mimeCode", "format", "encodingCode", "characterSetCode", "uri", "filename":
			return true
		}
	case kindCode:
		switch name {
		case "listID", "listAgencyID", "listAgencyName", "listName", "listVersionID", "name", "languageID", "listURI", "listSchemeURI":
			return true
		}
	case kindIdentifier:
		switch name {
		case "schemeID", "schemeName", "schemeAgencyID", "schemeAgencyName", "schemeVersionID", "schemeDataURI", "schemeURI":
			return true
		}
	case kindMeasure:
		return name == "unitCode" || name == "unitCodeListVersionID"
	case kindNumeric, kindPercent, kindRate:
		return name == "format"
	case kindQuantity:
		switch name {
		case "unitCode", "unitCodeListID", "unitCodeListAgencyID", "unitCodeListAgencyName":
			return true
		}
	case kindText, kindName:
		return name == "languageID" || name == "languageLocaleID"
	}
	return false // Date, Time, Indicator carry no attributes
}

// requiredAttr is the attribute a basic element of kind k must carry, or "".
func requiredAttr(k dataKind) string {
	switch k {
	case kindAmount:
		return "currencyID"
	case kindBinary:
		return "mimeCode"
	case kindMeasure:
		return "unitCode"
	}
	return ""
}
