package coverage

import (
	"context"
	"fmt"
	"strings"

	"spil/internal/db"
)

// holders are the active people holding the roles the map needs, each list
// in name order (the directory's folded sort name), with every person's rank
// in that order so that lists built later sort the same way.
type holders struct {
	byRole map[string][]Person
	rank   map[string]int
}

// loadHolders reads the active holders of roles in one query.
func loadHolders(ctx context.Context, q db.Querier, roles []string) (holders, error) {
	h := holders{byRole: map[string][]Person{}, rank: map[string]int{}}
	marks := make([]string, len(roles))
	args := make([]any, len(roles))
	for i, r := range roles {
		marks[i] = fmt.Sprintf("$%d", i+1)
		args[i] = r
	}
	rows, err := q.QueryContext(ctx, `
		SELECT p.id, p.name, r.role
		FROM role_assignments r
		JOIN people p ON p.id = r.person_id
		WHERE p.active AND r.role IN (`+strings.Join(marks, ", ")+`)
		ORDER BY p.sort_name, p.name, p.id, r.role`, args...)
	if err != nil {
		return h, fmt.Errorf("coverage: load role holders: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Person
		var role string
		if err := rows.Scan(&p.ID, &p.Name, &role); err != nil {
			return h, fmt.Errorf("coverage: load role holders: %w", err)
		}
		if _, ok := h.rank[p.ID]; !ok {
			h.rank[p.ID] = len(h.rank)
		}
		h.byRole[role] = append(h.byRole[role], p)
	}
	if err := rows.Err(); err != nil {
		return h, fmt.Errorf("coverage: load role holders: %w", err)
	}
	return h, nil
}
