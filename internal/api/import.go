package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"spil/internal/authz"
	"spil/internal/org"
)

type importInput struct {
	ValidOnly bool   `query:"valid_only" doc:"Import the valid rows and report the others, instead of importing nothing when any row is wrong."`
	RawBody   []byte `contentType:"text/csv" doc:"The CSV file: a header line, then one person per line."`
}

func (a *API) registerImport() {
	register(a, op{
		ID: "import-people", Method: http.MethodPost, Path: "/people/import", Tag: "People",
		Summary: "Import people from CSV",
		Description: "Adds the people in a CSV file (request body, text/csv; line 1 is the header). " +
			"By default the file is imported whole or not at all; with valid_only=true the valid rows are imported " +
			"and the report lists the rows that were not.\n\n" +
			"When rows are wrong and nothing was imported the answer is a 422 problem with one entry in `errors` per problem, " +
			"whose `location` names the line and column, e.g. `line 4, column email` (line 1 is the header; " +
			"`line 4` alone when the problem is not tied to one column). Otherwise the answer is the import report, " +
			"which also lists the rows that were skipped. A file over 5 MiB answers 413.",
		Access:  authz.Need(authz.PeopleImport),
		Errors:  []int{http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge},
		MaxBody: org.MaxImportBytes,
	}, func(ctx context.Context, in *importInput) (*body[org.ImportReport], error) {
		rep, err := a.Org.ImportPeople(ctx, actorFrom(ctx), bytes.NewReader(in.RawBody), in.ValidOnly)
		if err != nil {
			return nil, err
		}
		if len(rep.Errors) > 0 && rep.Imported == 0 {
			details := make([]error, 0, len(rep.Errors))
			for _, e := range rep.Errors {
				loc := fmt.Sprintf("line %d", e.Line)
				if e.Column != "" {
					loc += ", column " + e.Column
				}
				details = append(details, &huma.ErrorDetail{Message: e.Message, Location: loc})
			}
			msg := fmt.Sprintf("nothing was imported: %d problem(s) in the file", len(rep.Errors))
			return nil, huma.Error422UnprocessableEntity(msg, details...)
		}
		if rep.Errors == nil {
			rep.Errors = []org.RowError{}
		}
		return bodyOf(rep), nil
	})
}
