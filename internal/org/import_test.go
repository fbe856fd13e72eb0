package org

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/testutil"
)

func importCSV(t *testing.T, f *fixture, a *authz.Actor, csv string, validOnly bool) ImportReport {
	t.Helper()
	rep, err := f.s.ImportPeople(ctx, a, strings.NewReader(csv), validOnly)
	noErr(t, err)
	return rep
}

// errorLines renders the report's errors as "line column: message".
func errorLines(rep ImportReport) []string {
	var out []string
	for _, e := range rep.Errors {
		out = append(out, fmt.Sprintf("%d %s: %s", e.Line, e.Column, e.Message))
	}
	return out
}

func peopleCount(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	noErr(t, d.R.QueryRowContext(ctx, `SELECT count(*) FROM people`).Scan(&n))
	return n
}

func TestImportAllGood(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, err := f.s.CreateLocation(ctx, f.adm, LocationInput{Name: "Utrecht"})
		noErr(t, err)
		fin, err := f.s.CreateDepartment(ctx, f.adm, DepartmentInput{Name: "Finance"})
		noErr(t, err)
		// Karin's manager Joost comes later in the file; Joost reports to Ada, who is in spil.
		rep := importCSV(t, f, f.adm, `Name,Email,Phone,Job_Title,Department,Location,Manager_Email,Roles,Language
Karin Smit,Karin@Example.nl,030 111,Boekhouder,finance,utrecht,joost@example.nl,,nl
Joost Bakker,joost@example.nl,,Directeur,Directie,,ada@example.nl,"principal,employee",en

Lisa de Boer,lisa@example.nl,,,Directie,,,Managementassistent|employee,
`, false)
		if len(rep.Errors) != 0 {
			t.Fatalf("errors: %v", errorLines(rep))
		}
		if rep.Rows != 3 || rep.Imported != 3 || len(rep.People) != 3 {
			t.Fatalf("report = %+v", rep)
		}
		if !slices.Equal(rep.CreatedDepartments, []string{"Directie"}) {
			t.Errorf("created departments = %v", rep.CreatedDepartments)
		}
		if rep.People[0].Name != "Karin Smit" || rep.People[2].Name != "Lisa de Boer" {
			t.Errorf("people not in file order: %v", rep.People)
		}

		karin, err := f.s.PersonByEmail(ctx, f.adm, "karin@example.nl")
		noErr(t, err)
		if karin.DepartmentID != fin.ID || karin.LocationName != "Utrecht" || karin.ManagerName != "Joost Bakker" ||
			karin.Phone != "030 111" || karin.JobTitle != "Boekhouder" || karin.Language != "nl" ||
			!slices.Equal(karin.Roles, []string{"employee"}) || !karin.Active {
			t.Errorf("karin = %+v", karin)
		}
		if fmt.Sprint(karin) != fmt.Sprint(rep.People[0]) {
			t.Errorf("stored\n %+v\nreported\n %+v", karin, rep.People[0])
		}
		joost, err := f.s.PersonByEmail(ctx, f.adm, "joost@example.nl")
		noErr(t, err)
		if joost.ManagerID != f.admin.ID || joost.DepartmentName != "Directie" || !slices.Equal(joost.Roles, []string{"employee", "principal"}) {
			t.Errorf("joost = %+v", joost)
		}
		lisa, err := f.s.PersonByEmail(ctx, f.adm, "lisa@example.nl")
		noErr(t, err)
		if !slices.Equal(lisa.Roles, []string{"employee", "management_assistant"}) {
			t.Errorf("lisa's roles = %v", lisa.Roles)
		}
		s := auditSummaries(t, d, "person")
		for _, want := range []string{"created person Karin Smit (import)", "imported 3 people"} {
			if !slices.Contains(s, want) {
				t.Errorf("audit %v lacks %q", s, want)
			}
		}
		if s := auditSummaries(t, d, "department"); !slices.Contains(s, "created department Directie (import)") {
			t.Errorf("department audit = %v", s)
		}
	})
}

// badFile has problems on lines 3, 4, 6, 7 and 8; lines 2 and 5 are fine
// (line 5's manager is on line 2).
const badFile = `naam,e-mail,afdeling,locatie,leidinggevende,rollen,taal
Anna,anna@example.nl,Sales,,,,
,bob@example.nl,,,,,
Carla,not-an-e-mail,,,,,
Daan,daan@example.nl,Sales,,anna@example.nl,,
Eva,ANNA@example.nl,,,,,
Frank,ada@example.nl,,Mars,,,
Gert,gert@example.nl,,,nobody@example.nl,wizard,fr
`

func TestImportErrorsImportNothing(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		before := peopleCount(t, d)
		rep := importCSV(t, f, f.adm, badFile, false)
		want := []string{
			"3 naam: is required",
			"4 e-mail: is not a valid e-mail address",
			"6 e-mail: already used on line 2",
			"7 e-mail: already in use by someone in spil",
			`7 locatie: there is no location named "Mars"`,
			"8 leidinggevende: nobody in spil or in this file has e-mail address nobody@example.nl",
			`8 rollen: unknown role "wizard"`,
			"8 taal: use nl or en",
		}
		if got := errorLines(rep); !slices.Equal(got, want) {
			t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if rep.Rows != 7 || rep.Imported != 0 || len(rep.People) != 0 || len(rep.CreatedDepartments) != 0 {
			t.Errorf("report = %+v", rep)
		}
		if n := peopleCount(t, d); n != before {
			t.Errorf("%d people after a rejected import, want %d", n, before)
		}
		deps, err := f.s.Departments(ctx, f.adm)
		noErr(t, err)
		if len(deps) != 0 {
			t.Errorf("departments created by a rejected import: %v", deps)
		}
	})
}

func TestImportValidOnly(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		rep := importCSV(t, f, f.adm, badFile+"Hans,hans@example.nl,,,bob@example.nl,,\nIvo,ivo@example.nl,,,hans@example.nl,,\n", true)
		if rep.Imported != 2 || rep.Rows != 9 {
			t.Fatalf("report = %+v", rep)
		}
		// Hans's manager (line 3) has no name, so Hans cannot be imported
		// either, nor Ivo, who reports to Hans.
		if got := errorLines(rep); !slices.Contains(got, "9 leidinggevende: the manager on line 3 cannot be imported") ||
			!slices.Contains(got, "10 leidinggevende: the manager on line 9 cannot be imported") {
			t.Errorf("errors = %v", got)
		}
		daan, err := f.s.PersonByEmail(ctx, f.adm, "daan@example.nl")
		noErr(t, err)
		if daan.ManagerName != "Anna" || daan.DepartmentName != "Sales" {
			t.Errorf("daan = %+v", daan)
		}
		_, err = f.s.PersonByEmail(ctx, f.adm, "hans@example.nl")
		wantKind(t, err, apperr.NotFound)
		if n := peopleCount(t, d); n != 3 {
			t.Errorf("%d people, want Ada, Anna and Daan", n)
		}
		if !slices.Equal(rep.CreatedDepartments, []string{"Sales"}) {
			t.Errorf("created departments = %v", rep.CreatedDepartments)
		}
	})
}

func TestImportDutchExcel(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		csv := "\xef\xbb\xbfNaam;E-mailadres;Telefoon;Functie;Afdeling;Leidinggevende;Taal\r\n" +
			"Jan de Jong;jan@example.nl;06-12345678;\"Hoofd; Facilitair\";Facilitair;;Nederlands\r\n" +
			"Mieke Maas;mieke@example.nl;;Receptioniste;facilitair;JAN@example.nl;\r\n" +
			";;;;;;\r\n"
		rep := importCSV(t, f, f.adm, csv, false)
		if len(rep.Errors) != 0 || rep.Imported != 2 || rep.Rows != 2 {
			t.Fatalf("report = %+v, errors %v", rep, errorLines(rep))
		}
		jan, err := f.s.PersonByEmail(ctx, f.adm, "jan@example.nl")
		noErr(t, err)
		if jan.Name != "Jan de Jong" || jan.JobTitle != "Hoofd; Facilitair" || jan.Phone != "06-12345678" || jan.Language != "nl" {
			t.Errorf("jan = %+v", jan)
		}
		mieke, err := f.s.PersonByEmail(ctx, f.adm, "mieke@example.nl")
		noErr(t, err)
		if mieke.ManagerID != jan.ID || mieke.DepartmentID != jan.DepartmentID || mieke.DepartmentName != "Facilitair" {
			t.Errorf("mieke = %+v", mieke)
		}
		if !slices.Equal(rep.CreatedDepartments, []string{"Facilitair"}) {
			t.Errorf("created departments = %v", rep.CreatedDepartments)
		}
	})
}

func TestImportFileProblems(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		for _, tc := range []struct{ name, csv, want string }{
			{"missing columns", "Naam,Telefoon\nAnna,030\n", "1 : missing required column(s): email"},
			{"both missing", "Functie\nDirecteur\n", "1 : missing required column(s): name, email"},
			{"empty", "", "1 : the file is empty"},
			{"header only", "name,email\n", "1 : the file has no rows below the header"},
			{"bad quote", "name,email\nAnna,anna@example.nl\nBob \"the\" Builder,bob@example.nl\n", `3 : the file cannot be read here: bare " in non-quoted-field`},
			{"manager loop", "name,email,manager\nA,a@example.nl,b@example.nl\nB,b@example.nl,a@example.nl\nC,c@example.nl,c@example.nl\n",
				"2 manager: the managers on lines 2, 3 form a loop|3 manager: the managers on lines 2, 3 form a loop|4 manager: cannot be the person themselves"},
		} {
			rep := importCSV(t, f, f.adm, tc.csv, true)
			if got := strings.Join(errorLines(rep), "|"); got != tc.want {
				t.Errorf("%s: errors %q, want %q", tc.name, got, tc.want)
			}
			if rep.Imported != 0 {
				t.Errorf("%s: imported %d", tc.name, rep.Imported)
			}
		}
		if n := peopleCount(t, d); n != 1 {
			t.Errorf("%d people, want only Ada", n)
		}

		big := "name,email\n" + strings.Repeat("x,y\n", MaxImportRows+1)
		_, err := f.s.ImportPeople(ctx, f.adm, strings.NewReader(big), true)
		wantField(t, err, "file", "more than 20000 rows")
		huge := bytes.Repeat([]byte("a"), MaxImportBytes+1)
		_, err = f.s.ImportPeople(ctx, f.adm, bytes.NewReader(huge), true)
		wantField(t, err, "file", "larger than 5 MB")
		_, err = f.s.ImportPeople(ctx, f.adm, strings.NewReader("name,email\n\xff\xfe,x\n"), true)
		wantField(t, err, "file", "UTF-8")
	})
}

func TestImportPermissions(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, err := f.s.ImportPeople(ctx, f.actor(t, authz.RoleEmployee), strings.NewReader("name,email\nA,a@example.nl\n"), false)
		wantKind(t, err, apperr.Forbidden)

		// The Office Manager imports people, but may not hand out roles.
		om := f.actor(t, authz.RoleOfficeManager)
		rep := importCSV(t, f, om, "name,email,roles\nA,a@example.nl,employee\nB,b@example.nl,admin\n", false)
		if got := errorLines(rep); !slices.Equal(got, []string{"3 roles: you may not assign roles"}) || rep.Imported != 0 {
			t.Errorf("errors = %v, imported %d", got, rep.Imported)
		}
		rep = importCSV(t, f, om, "name,email,roles\nA,a@example.nl,employee\nB,b@example.nl,admin\n", true)
		if rep.Imported != 1 || rep.People[0].Email != "a@example.nl" {
			t.Errorf("report = %+v", rep)
		}
	})
}

func FuzzParseImport(f *testing.F) {
	f.Add([]byte(badFile))
	f.Add([]byte("\xef\xbb\xbfNaam;E-mail\r\n\"a;b\";x@y.nl\r\n"))
	f.Add([]byte("name,email\n\"unterminated,x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, problems, err := parseImport(data)
		if err != nil {
			if apperr.KindOf(err) != apperr.Invalid {
				t.Fatalf("error of kind %d: %v", apperr.KindOf(err), err)
			}
			return
		}
		for _, p := range problems {
			if p.Line < 1 || p.Message == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if file == nil {
			if len(problems) == 0 {
				t.Fatal("neither a file nor problems")
			}
			return
		}
		last := 1
		for _, l := range file.lines {
			if l.line <= last {
				t.Fatalf("line %d after line %d", l.line, last)
			}
			last = l.line
			_ = file.get(l, colName)
		}
	})
}
