package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"spil/internal/minutes"
)

// MinutesForm is the minutes as the form shows and sends them.
type MinutesForm struct {
	Version          int
	General          string // general notes
	GeneralDecisions string // general decisions, one per line
	Items            []MinutesItemForm
	Actions          []MinutesActionRow
}

// MinutesItemForm is the notes and decisions (one per line) of one agenda item.
type MinutesItemForm struct {
	N                    int // position, from 1
	ID, Topic, Presenter string
	Notes, Decisions     string
}

// MinutesActionRow is one row of the action items table; ID empty for a
// new one. OwnerID empty with a name and e-mail means someone outside.
type MinutesActionRow struct {
	N                                                                      int // row number, from 1
	ID, Title, OwnerID, OwnerName, OwnerEmail, DueOn, AgendaItemID, Status string
}

// blankActionRows is how many empty rows the form offers for new items.
const blankActionRows = 3

// minutesFormOf fills the form with the stored minutes.
func minutesFormOf(v minutes.View) MinutesForm {
	f := MinutesForm{Version: v.Minutes.Version}
	notes := map[string]string{}
	for _, n := range v.Minutes.Notes {
		notes[n.AgendaItemID] = n.Text
	}
	decisions := map[string][]string{}
	for _, d := range v.Minutes.Decisions {
		decisions[d.AgendaItemID] = append(decisions[d.AgendaItemID], d.Text)
	}
	f.General, f.GeneralDecisions = notes[""], strings.Join(decisions[""], "\n")
	for _, it := range v.Meeting.Items {
		f.Items = append(f.Items, MinutesItemForm{N: len(f.Items) + 1, ID: it.ID, Topic: it.Topic, Presenter: it.PresenterName,
			Notes: notes[it.ID], Decisions: strings.Join(decisions[it.ID], "\n")})
	}
	for _, a := range v.Minutes.Actions {
		row := MinutesActionRow{ID: a.ID, Title: a.Title, OwnerID: a.OwnerID, DueOn: a.DueOn, AgendaItemID: a.AgendaItemID, Status: a.Status}
		if a.OwnerID == "" {
			row.OwnerName, row.OwnerEmail = a.OwnerName, a.OwnerEmail
		}
		f.Actions = append(f.Actions, row)
	}
	for i := 0; i < blankActionRows; i++ {
		f.Actions = append(f.Actions, MinutesActionRow{})
	}
	for i := range f.Actions {
		f.Actions[i].N = i + 1
	}
	return f
}

// formKeys maps the service's field keys (notes[k], decisions[k]) to the
// form's inputs.
type formKeys struct {
	notes, decisions []string
}

var indexedKey = regexp.MustCompile(`^(notes|decisions)\[(\d+)\]\.`)

// remap moves messages about notes and decisions to the textarea they
// came from; action items keep their keys (rows keep their order).
func (k formKeys) remap(errs FieldErrors) FieldErrors {
	out := FieldErrors{}
	for key, msg := range errs {
		if m := indexedKey.FindStringSubmatch(key); m != nil {
			i, _ := strconv.Atoi(m[2])
			list := k.notes
			if m[1] == "decisions" {
				list = k.decisions
			}
			if i < len(list) {
				key = list[i]
			}
		}
		out[key] = msg
	}
	return out
}

// parseMinutesForm reads the minutes form: notes per agenda item
// ("notes" and "notes_<item>"), decisions one per line ("decisions",
// "decisions_<item>") and the action item rows (parallel fields
// action_id, action_title, action_owner, action_owner_name,
// action_owner_email, action_due, action_item).
func parseMinutesForm(r *http.Request, v minutes.View) (MinutesForm, minutes.Input, formKeys) {
	f := MinutesForm{}
	f.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	in := minutes.Input{Version: f.Version, Notes: []minutes.Note{}, Decisions: []minutes.Decision{}}
	var keys formKeys
	addDecisions := func(item, text, key string) {
		for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
			if strings.TrimSpace(line) != "" {
				in.Decisions = append(in.Decisions, minutes.Decision{AgendaItemID: item, Text: line})
				keys.decisions = append(keys.decisions, key)
			}
		}
	}
	f.General, f.GeneralDecisions = r.PostFormValue("notes"), r.PostFormValue("decisions")
	in.Notes = append(in.Notes, minutes.Note{Text: f.General})
	keys.notes = append(keys.notes, "notes")
	addDecisions("", f.GeneralDecisions, "decisions")
	for _, it := range v.Meeting.Items {
		fi := MinutesItemForm{N: len(f.Items) + 1, ID: it.ID, Topic: it.Topic, Presenter: it.PresenterName,
			Notes: r.PostFormValue("notes_" + it.ID), Decisions: r.PostFormValue("decisions_" + it.ID)}
		f.Items = append(f.Items, fi)
		in.Notes = append(in.Notes, minutes.Note{AgendaItemID: it.ID, Text: fi.Notes})
		keys.notes = append(keys.notes, "notes_"+it.ID)
		addDecisions(it.ID, fi.Decisions, "decisions_"+it.ID)
	}
	col := func(name string, i int) string {
		vs := r.PostForm[name]
		if i < len(vs) {
			return strings.TrimSpace(vs[i])
		}
		return ""
	}
	status := map[string]string{}
	for _, a := range v.Minutes.Actions {
		status[a.ID] = a.Status
	}
	for i := range r.PostForm["action_title"] {
		row := MinutesActionRow{ID: col("action_id", i), Title: col("action_title", i), OwnerID: col("action_owner", i),
			OwnerName: col("action_owner_name", i), OwnerEmail: col("action_owner_email", i), DueOn: col("action_due", i),
			AgendaItemID: col("action_item", i)}
		row.Status = status[row.ID]
		if row.ID != "" && row.Title == "" {
			continue // a stored item whose text was cleared is cancelled
		}
		f.Actions = append(f.Actions, row)
		ai := minutes.ActionInput{ID: row.ID, Title: row.Title, OwnerID: row.OwnerID, DueOn: row.DueOn, AgendaItemID: row.AgendaItemID}
		if row.OwnerID == "" {
			ai.OwnerName, ai.OwnerEmail = row.OwnerName, row.OwnerEmail
		}
		in.Actions = append(in.Actions, ai)
	}
	for i := range f.Actions {
		f.Actions[i].N = i + 1
	}
	return f, in, keys
}
