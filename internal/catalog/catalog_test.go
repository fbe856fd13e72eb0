package catalog

import (
	"strings"
	"testing"
)

func TestTheEmbeddedCatalogHoldsTogether(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	om, ok := c.Role("office_manager")
	if !ok {
		t.Fatal("no Office Manager")
	}
	ma, ok := c.Role("management_assistant")
	if !ok {
		t.Fatal("no Management Assistant")
	}
	// The article's figures.
	if s := om.Salary; s.Average != 3513 || s.Min != 3196 || s.Max != 3830 {
		t.Errorf("Office Manager salary %+v", s)
	}
	if s := ma.Salary; s.Average != 3889 || s.Min != 3499 || s.Max != 4200 {
		t.Errorf("Management Assistant salary %+v", s)
	}
	if len(c.Jobs()) != 2 {
		t.Errorf("%d jobs, want the article's two", len(c.Jobs()))
	}
	var paths []string
	for _, p := range om.CareerPaths {
		paths = append(paths, p.Name.NL)
	}
	if got := strings.Join(paths, ", "); got != "Projectmanager, Facility Manager, Operations Manager, Directiesecretaresse" {
		t.Errorf("Office Manager career paths %s", got)
	}
}

// Every task exists in both languages and maps to a module or is marked as
// not yet supported (no module); modules that exist have a page.
func TestEveryTaskMapsToAModuleOrSaysItIsNotSupported(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ra := range c.TaskAreas() {
		for _, task := range ra.Area.Tasks {
			n++
			if task.Name.NL == "" || task.Name.EN == "" || task.Description.NL == "" || task.Description.EN == "" {
				t.Errorf("task %s lacks a language", task.Key)
			}
			if task.Module == "" {
				continue // not yet supported, shown as such
			}
			m, ok := c.Module(task.Module)
			if !ok {
				t.Errorf("task %s: unknown module %s", task.Key, task.Module)
				continue
			}
			if m.Status != ModulePlanned && !strings.HasPrefix(m.Path, "/") {
				t.Errorf("module %s is available but has no page", m.Key)
			}
		}
	}
	if n < 25 {
		t.Errorf("only %d tasks in the catalog", n)
	}
}

func TestCheckNamesWhatIsWrong(t *testing.T) {
	bad := `{"version":"1","source":{"title":{"nl":"a","en":"b"},"publisher":"x","retrieved":"2026-01-01"},"shared":{"nl":"a","en":"b"},
		"modules":[{"key":"m","name":{"nl":"M","en":""},"status":"planned"}],
		"roles":[{"key":"r","kind":"job","name":{"nl":"R","en":"R"},"summary":{"nl":"s","en":"s"},"permissions":[],
			"task_areas":[{"key":"a","name":{"nl":"A","en":"A"},"tasks":[{"key":"t","name":{"nl":"T","en":"T"},"description":{"nl":"d","en":"d"},"module":"nowhere"}]}],
			"salary":{"currency":"EUR","average":100,"min":200,"max":300,"as_of":"2025","source":{"nl":"x","en":"x"}}}]}`
	_, err := Parse([]byte(bad))
	if err == nil {
		t.Fatal("a broken catalog was accepted")
	}
	for _, want := range []string{"module m", "unknown module \"nowhere\"", "salary", "role r scope"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %q: %v", want, err)
		}
	}
	if _, err := Parse([]byte(`{"version":"1","surprise":true}`)); err == nil || !strings.Contains(err.Error(), "surprise") {
		t.Errorf("unknown field: %v", err)
	}
}

func TestTheComparisonTableRowsAreTheArticles(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	om, _ := c.Role("office_manager")
	ma, _ := c.Role("management_assistant")
	if len(om.DailyTasks) != 5 || om.DailyTasks[1].NL != "Beheren van budgetten en inkoop" {
		t.Errorf("Office Manager daily tasks %v", om.DailyTasks)
	}
	if len(ma.DailyTasks) != 5 || ma.DailyTasks[2].NL != "Correspondentie (e-mail, telefoon)" {
		t.Errorf("Management Assistant daily tasks %v", ma.DailyTasks)
	}
	if om.Focus.NL != "Strategisch en operationeel." || ma.Focus.NL != "Tactisch en uitvoerend." {
		t.Errorf("focus %q / %q", om.Focus.NL, ma.Focus.NL)
	}
}
