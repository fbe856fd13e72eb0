package budget

import (
	"context"

	"spil/internal/apperr"
	"spil/internal/authz"
)

// Warning levels: a category has used (actual and committed) at least 80 %
// or 100 % of its budget.
const (
	LevelNear = 80
	LevelOver = 100
)

// Warning scopes: the year to date (budget and actual through the current
// month) or the whole year (budget against actual plus committed).
const (
	ScopeYTD  = "ytd"
	ScopeYear = "year"
)

// Month is one month's budget and actual of a category or of all.
type Month struct {
	Budget int64 `json:"budget_cents"`
	Actual int64 `json:"actual_cents"`
}

// CategoryYear is a category's year.
type CategoryYear struct {
	Category Category  `json:"category"`
	Months   [12]Month `json:"months"`
	Position Position  `json:"position"`
	// YTDBudget and YTDActual run through Overview.Through.
	YTDBudget int64 `json:"ytd_budget_cents"`
	YTDActual int64 `json:"ytd_actual_cents"`
}

// Warning says a category reached 80 % or 100 % of its budget.
type Warning struct {
	Category Category `json:"category"`
	Scope    string   `json:"scope"`   // ScopeYTD or ScopeYear
	Level    int      `json:"level"`   // LevelNear or LevelOver
	Percent  int      `json:"percent"` // used / budget, rounded down
	Used     int64    `json:"used_cents"`
	Budget   int64    `json:"budget_cents"`
}

// Overview is a year of the budget: every category by month, the totals,
// and the warnings.
type Overview struct {
	Year int `json:"year"`
	// Through is the last month in the year-to-date figures: the current
	// month this year, 12 for past years, 0 for future ones.
	Through    int            `json:"through_month"`
	Categories []CategoryYear `json:"categories"`
	Months     [12]Month      `json:"months"`
	Total      Position       `json:"total"`
	Warnings   []Warning      `json:"warnings"`
}

// Year returns the overview of year for actor.
//
// Errors: NotFound when actor may not see the budget; Invalid for a year
// outside 2000–2999.
func (s *Service) Year(ctx context.Context, actor *authz.Actor, year int) (Overview, error) {
	if !canRead(actor) {
		return Overview{}, apperr.NotFoundf("budget not found")
	}
	if year < 2000 || year > 2999 {
		return Overview{}, apperr.Fields{"year": "not a year between 2000 and 2999"}.Err()
	}
	cats, err := categories(ctx, s.DB.R)
	if err != nil {
		return Overview{}, err
	}
	thisYear, thisMonth := s.today(ctx, s.DB.R)
	fs, err := loadFigures(ctx, s.DB.R, year, "", thisYear)
	if err != nil {
		return Overview{}, err
	}
	o := Overview{Year: year, Total: Position{Category: "", Year: year}}
	switch {
	case year < thisYear:
		o.Through = 12
	case year == thisYear:
		o.Through = int(thisMonth)
	}
	for _, c := range cats {
		f := fs[c.Key]
		if !c.Active && f == nil {
			continue
		}
		cy := CategoryYear{Category: c, Position: position(year, c.Key, f)}
		if f != nil {
			for m := 0; m < 12; m++ {
				cy.Months[m] = Month{Budget: f.budget[m], Actual: f.actual[m]}
				o.Months[m].Budget += f.budget[m]
				o.Months[m].Actual += f.actual[m]
				if m < o.Through {
					cy.YTDBudget += f.budget[m]
					cy.YTDActual += f.actual[m]
				}
			}
		}
		o.Total.Budget += cy.Position.Budget
		o.Total.Actual += cy.Position.Actual
		o.Total.Committed += cy.Position.Committed
		o.Categories = append(o.Categories, cy)
		o.Warnings = append(o.Warnings, warnings(cy, o.Through)...)
	}
	o.Total.Remaining = o.Total.Budget - o.Total.Actual - o.Total.Committed
	return o, nil
}

// warnings returns the category's warnings: the year (actual + committed
// against the year's budget) and, when the year has started, the year to
// date (actual against the budget through this month).
func warnings(cy CategoryYear, through int) []Warning {
	var out []Warning
	if w, ok := warn(cy.Category, ScopeYear, cy.Position.Used(), cy.Position.Budget); ok {
		out = append(out, w)
	}
	if through > 0 && through < 12 {
		if w, ok := warn(cy.Category, ScopeYTD, cy.YTDActual, cy.YTDBudget); ok {
			out = append(out, w)
		}
	}
	return out
}

func warn(c Category, scope string, used, budget int64) (Warning, bool) {
	if used <= 0 {
		return Warning{}, false
	}
	p := Position{Budget: budget, Actual: used}
	pct := p.Percent()
	w := Warning{Category: c, Scope: scope, Percent: pct, Used: used, Budget: budget}
	switch {
	case pct >= LevelOver:
		w.Level = LevelOver
	case pct >= LevelNear:
		w.Level = LevelNear
	default:
		return Warning{}, false
	}
	return w, true
}

// Warnings returns this year's warnings for actor (the dashboard card); none
// when actor may not see the budget.
func (s *Service) Warnings(ctx context.Context, actor *authz.Actor) ([]Warning, error) {
	if !canRead(actor) {
		return nil, nil
	}
	y, _ := s.today(ctx, s.DB.R)
	o, err := s.Year(ctx, actor, y)
	if err != nil {
		return nil, err
	}
	return o.Warnings, nil
}
