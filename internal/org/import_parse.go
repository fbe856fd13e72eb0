package org

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"spil/internal/apperr"
)

// Limits of a people import.
const (
	MaxImportBytes = 5 << 20
	MaxImportRows  = 20000
)

// The columns of a people import, by the key used in code.
const (
	colName       = "name"
	colEmail      = "email"
	colPhone      = "phone"
	colJobTitle   = "job_title"
	colDepartment = "department"
	colLocation   = "location"
	colManager    = "manager_email"
	colRoles      = "roles"
	colLanguage   = "language"
)

// importHeaders maps a header, lower-cased and without spaces, '_' and '-',
// to its column, in English and Dutch.
var importHeaders = map[string]string{
	"name": colName, "naam": colName, "fullname": colName, "volledigenaam": colName,
	"email": colEmail, "emailaddress": colEmail, "emailadres": colEmail,
	"phone": colPhone, "telephone": colPhone, "phonenumber": colPhone, "telefoon": colPhone, "telefoonnummer": colPhone,
	"jobtitle": colJobTitle, "title": colJobTitle, "functie": colJobTitle, "functietitel": colJobTitle,
	"department": colDepartment, "afdeling": colDepartment,
	"location": colLocation, "locatie": colLocation, "vestiging": colLocation,
	"manageremail": colManager, "manager": colManager, "leidinggevende": colManager, "emailmanager": colManager,
	"roles": colRoles, "role": colRoles, "rollen": colRoles, "rol": colRoles,
	"language": colLanguage, "taal": colLanguage,
}

func headerKey(h string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-', '.', '\t':
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(h)))
}

// importFile is a parsed CSV file of people.
type importFile struct {
	columns map[string]int    // column key → index in each record
	headers map[string]string // column key → the header as written in the file
	lines   []importLine      // non-empty data rows
}

type importLine struct {
	line  int // line number in the file where the record starts (header = 1)
	cells []string
}

// get returns the trimmed cell of column key, "" when absent.
func (f *importFile) get(l importLine, key string) string {
	i, ok := f.columns[key]
	if !ok || i >= len(l.cells) {
		return ""
	}
	return strings.TrimSpace(l.cells[i])
}

// detectDelimiter picks ';', ',' or tab: the one found most often outside
// quotes in the header line. Dutch Excel writes ';'.
func detectDelimiter(data []byte) rune {
	counts := map[rune]int{}
	inQuotes := false
	for _, r := range string(data) {
		if r == '"' {
			inQuotes = !inQuotes
			continue
		}
		if !inQuotes && (r == '\n' || r == '\r') {
			break
		}
		if !inQuotes {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// parseImport reads a CSV file of people: a header row, then one person per
// row. It returns problems with the file's shape (the header, CSV syntax) as
// row errors, and an Invalid error for a file that is not UTF-8 text or has
// more than MaxImportRows rows. Rows whose cells are all empty are skipped;
// unknown columns are ignored.
func parseImport(data []byte) (*importFile, []RowError, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return nil, nil, importInvalid("the file is not UTF-8 text; save it as \"CSV UTF-8\"")
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = detectDelimiter(data)
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, []RowError{{Line: 1, Message: "the file is empty"}}, nil
	}
	if err != nil {
		return nil, []RowError{csvError(err)}, nil
	}
	f := &importFile{columns: map[string]int{}, headers: map[string]string{}}
	var problems []string
	for i, h := range header {
		key, ok := importHeaders[headerKey(h)]
		if !ok {
			continue
		}
		if _, dup := f.columns[key]; dup {
			problems = append(problems, fmt.Sprintf("column %q appears twice", strings.TrimSpace(h)))
			continue
		}
		f.columns[key] = i
		f.headers[key] = strings.TrimSpace(h)
	}
	var missing []string
	for _, key := range []string{colName, colEmail} {
		if _, ok := f.columns[key]; !ok {
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 {
		problems = append(problems, "missing required column(s): "+strings.Join(missing, ", "))
	}
	if len(problems) > 0 {
		return nil, []RowError{{Line: 1, Message: strings.Join(problems, "; ")}}, nil
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, []RowError{csvError(err)}, nil
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if len(f.lines) == MaxImportRows {
			return nil, nil, importInvalid(fmt.Sprintf("the file has more than %d rows; split it into smaller files", MaxImportRows))
		}
		f.lines = append(f.lines, importLine{line: line, cells: rec})
	}
	if len(f.lines) == 0 {
		return nil, []RowError{{Line: 1, Message: "the file has no rows below the header"}}, nil
	}
	return f, nil, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvError reports a CSV syntax error at its line.
func csvError(err error) RowError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return RowError{Line: pe.Line, Message: "the file cannot be read here: " + pe.Err.Error()}
	}
	return RowError{Line: 1, Message: "the file cannot be read: " + err.Error()}
}

// importInvalid is the error for a file that cannot be imported at all.
func importInvalid(msg string) error {
	return &apperr.Error{Kind: apperr.Invalid, Message: msg, Fields: map[string]string{"file": msg}}
}
