package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"net/http"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/org"
)

// maxImportUpload bounds the whole multipart request: the file (at most
// org.MaxImportBytes) plus the form around it.
const maxImportUpload = org.MaxImportBytes + 64<<10

// ImportColumn explains one column of the import file.
type ImportColumn struct {
	English  string
	Dutch    string
	Required bool
	HelpKey  string
}

// importColumns is what the import page explains; org.ImportPeople is the
// authority on what it accepts.
var importColumns = []ImportColumn{
	{"name", "naam", true, "import.col.name"},
	{"email", "e-mail", true, "import.col.email"},
	{"phone", "telefoon", false, "import.col.phone"},
	{"job_title", "functie", false, "import.col.job_title"},
	{"department", "afdeling", false, "import.col.department"},
	{"location", "locatie", false, "import.col.location"},
	{"manager_email", "leidinggevende", false, "import.col.manager_email"},
	{"roles", "rollen", false, "import.col.roles"},
	{"language", "taal", false, "import.col.language"},
}

// ImportPage is the data of the import form and of its result.
type ImportPage struct {
	Columns   []ImportColumn
	ValidOnly bool
	Errors    FieldErrors
	Done      bool // a file was processed; Report holds the outcome
	Report    org.ImportReport
	RowErrors []ImportRowError
	People    []PersonRow
}

// ImportRowError is one problem of the file, its message translated.
type ImportRowError struct {
	Line    int
	Column  string
	Message string
}

// NothingImported reports whether the file had problems and so nothing was
// stored.
func (d ImportPage) NothingImported() bool { return d.Report.Imported == 0 && len(d.Report.Errors) > 0 }

func (s *Server) importForm(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	s.render(w, r, http.StatusOK, "people_import", s.page(r, a, "people"), ImportPage{Columns: importColumns})
	return nil
}

func (s *Server) importPeople(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.page(r, a, "people")
	d := ImportPage{Columns: importColumns}
	r.Body = http.MaxBytesReader(w, r.Body, maxImportUpload)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			d.Errors = FieldErrors{"file": "the file is larger than 5 MB; split it into smaller files"}
		} else {
			d.Errors = FieldErrors{"file": "choose a CSV file"}
		}
		s.render(w, r, http.StatusUnprocessableEntity, "people_import", p, d)
		return nil
	}
	defer r.MultipartForm.RemoveAll()
	d.ValidOnly = r.FormValue("valid_only") == "1"
	file, _, err := r.FormFile("file")
	if err != nil {
		d.Errors = FieldErrors{"file": "choose a CSV file"}
		s.render(w, r, http.StatusUnprocessableEntity, "people_import", p, d)
		return nil
	}
	defer file.Close()
	rep, err := s.Org.ImportPeople(r.Context(), a, file, d.ValidOnly)
	if err != nil {
		if errs, ok := invalid(err); ok {
			if _, ok := errs["file"]; !ok {
				errs["file"] = apperr.MessageOf(err)
			}
			d.Errors = errs
			s.render(w, r, statusFor(err), "people_import", p, d)
			return nil
		}
		return err
	}
	d.Done, d.Report = true, rep
	for _, e := range rep.Errors {
		d.RowErrors = append(d.RowErrors, ImportRowError{Line: e.Line, Column: e.Column, Message: translate(p.P, e.Message)})
	}
	for _, pe := range rep.People {
		d.People = append(d.People, s.personRow(p.P.Lang, pe))
	}
	p.Title = p.P.T("title.people_import_result")
	status := http.StatusOK
	if d.NothingImported() {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "people_import", p, d)
	return nil
}

// importExample serves an example file in the reader's language: Dutch
// headers with ';' (as Dutch Excel writes), or English ones with ','.
func (s *Server) importExample(w http.ResponseWriter, r *http.Request, a *authz.Actor) error {
	p := s.page(r, a, "people")
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	rows := [][]string{
		{"name", "email", "phone", "job_title", "department", "location", "manager_email", "roles", "language"},
		{"Anna de Vries", "anna.devries@example.nl", "+31 20 123 4567", "Director", "Management", "", "", "principal", "nl"},
		{"Bram Jansen", "bram.jansen@example.nl", "+31 6 1234 5678", "Management Assistant", "Management", "", "anna.devries@example.nl", "management_assistant", "nl"},
		{"Chris Smith", "chris.smith@example.nl", "", "Developer", "IT", "", "anna.devries@example.nl", "", "en"},
	}
	if p.P.Lang == "nl" {
		cw.Comma = ';'
		rows[0] = []string{"naam", "e-mail", "telefoon", "functie", "afdeling", "locatie", "leidinggevende", "rollen", "taal"}
		rows[1][3], rows[2][3], rows[3][3] = "Directeur", "Managementassistent", "Ontwikkelaar"
		rows[1][4], rows[2][4] = "Directie", "Directie"
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+p.P.T("import.example_filename")+`"`)
	w.Write([]byte("\xef\xbb\xbf")) // so Excel reads UTF-8
	w.Write(buf.Bytes())
	return nil
}
