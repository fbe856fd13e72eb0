package api

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"spil/internal/db"
	"spil/internal/testutil"
)

// ics is a calendar file with the events given (each a VEVENT body).
func ics(events ...string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Test//EN\r\n")
	for _, e := range events {
		b.WriteString("BEGIN:VEVENT\r\n" + strings.ReplaceAll(strings.TrimSpace(e), "\n", "\r\n") + "\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

const (
	eventOne = `UID:one@example.com
DTSTAMP:20261001T120000Z
DTSTART;TZID=Europe/Amsterdam:20261103T100000
DTEND;TZID=Europe/Amsterdam:20261103T110000
SUMMARY:Overleg notaris`
	eventTwo = `UID:two@example.com
DTSTAMP:20261001T120000Z
DTSTART:20261104T130000Z
DTEND:20261104T140000Z
SUMMARY:Cliëntgesprek`
	eventBad = `UID:bad@example.com
DTSTAMP:20261001T120000Z
DTSTART:20261105T130000Z
DTEND:20261105T120000Z
SUMMARY:Achterstevoren`
)

func TestAgendaImport(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		path := "/api/v1/agendas/" + f.boss.ID + "/import"
		from, to := wall(2026, 11, 1, 0, 0), wall(2026, 11, 8, 0, 0)
		post := func(token, query, body string) *response {
			return f.do(t, request{method: http.MethodPost, path: path + query, token: token, body: body, contentType: "text/calendar"})
		}

		// A file with a bad event is rejected whole: 422 naming the event, nothing imported.
		r := post(f.maTok, "?file_name=outlook.ics", ics(eventOne, eventBad, eventTwo))
		wantStatus(t, r, http.StatusUnprocessableEntity)
		p := r.problem(t)
		if len(p.Errors) != 1 || !strings.HasPrefix(p.Errors[0].Location, "line ") || p.Errors[0].Value != "bad@example.com" ||
			!strings.Contains(p.Errors[0].Message, "Achterstevoren") {
			t.Errorf("rejection %s", r.raw)
		}
		if n := len(f.list(t, f.bossTok, f.boss.ID, from, to)); n != 0 {
			t.Errorf("%d items after a rejected import", n)
		}

		// With keep_valid the good events go in and the report lists the bad one.
		r = post(f.maTok, "?keep_valid=true&file_name=outlook.ics", ics(eventOne, eventBad, eventTwo))
		wantStatus(t, r, http.StatusOK)
		var rep ICSImportReport
		r.decode(t, &rep)
		if rep.FileName != "outlook.ics" || rep.Events != 3 || rep.Created != 2 || rep.Updated != 0 || len(rep.Skipped) != 1 ||
			rep.Skipped[0].UID != "bad@example.com" || rep.Rejected || rep.Warnings == nil {
			t.Errorf("report %s", r.raw)
		}
		if got := summary(f.list(t, f.bossTok, f.boss.ID, from, to)); got != "Overleg notaris@11-03 10:00, Cliëntgesprek@11-04 14:00" {
			t.Errorf("imported %s", got)
		}

		// The same file again, as a multipart upload: the events are updated, not doubled.
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "agenda.ics")
		fw.Write([]byte(ics(eventOne, eventTwo)))
		mw.Close()
		r = f.do(t, request{method: http.MethodPost, path: path, token: f.bossTok, body: buf.Bytes(), contentType: mw.FormDataContentType()})
		wantStatus(t, r, http.StatusOK)
		r.decode(t, &rep)
		if rep.FileName != "agenda.ics" || rep.Created != 0 || rep.Updated != 2 {
			t.Errorf("second import %s", r.raw)
		}
		if n := len(f.list(t, f.bossTok, f.boss.ID, from, to)); n != 2 {
			t.Errorf("%d items after importing the same file twice", n)
		}

		// Not a calendar; an upload without a file; no right.
		wantLocation(t, post(f.bossTok, "", "Dit is geen agenda"), "body")
		mw = multipart.NewWriter(&buf)
		mw.WriteField("name", "x")
		mw.Close()
		wantLocation(t, f.do(t, request{method: http.MethodPost, path: path, token: f.bossTok, body: buf.Bytes(), contentType: mw.FormDataContentType()}), "body.file")
		wantStatus(t, post(f.maSeeTok, "", ics(eventOne)), http.StatusForbidden)
		wantStatus(t, post(f.empTok, "", ics(eventOne)), http.StatusNotFound)
		wantStatus(t, post(f.bossTok, "", strings.Repeat("X", 17<<20)), http.StatusRequestEntityTooLarge)
	})
}

func TestAgendaExportAndFeeds(t *testing.T) {
	testutil.Engines(t, func(t *testing.T, d *db.DB) {
		f := newAgendaFixture(t, d)
		maskingAgenda(t, f)

		// The owner's export has everything.
		r := f.get(t, "/api/v1/agendas/"+f.boss.ID+"/calendar.ics", f.bossTok)
		wantStatus(t, r, http.StatusOK)
		for _, s := range []string{"BEGIN:VCALENDAR", "Partneroverleg", "Tandarts", "Noordster"} {
			if !strings.Contains(string(r.raw), s) {
				t.Errorf("owner's export lacks %q", s)
			}
		}
		wantStatus(t, f.get(t, "/api/v1/agendas/nobody/calendar.ics", f.bossTok), http.StatusNotFound)

		// A feed is made in a browser session, never with an API token.
		feedPath := "/api/v1/agendas/" + f.boss.ID + "/feeds"
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: feedPath, token: f.empTok, body: FeedInput{Name: "Telefoon"}}), http.StatusForbidden)
		wantStatus(t, f.do(t, request{method: http.MethodPost, path: "/api/v1/agendas/nobody/feeds", token: f.empTok, body: FeedInput{}}), http.StatusNotFound)
		cookie := f.session(t, f.emp)
		f.empTok = f.token(t, f.emp.ID)

		// A feed made by the employee shows busy blocks only, until revoked.
		r = f.do(t, request{method: http.MethodPost, path: feedPath, header: cookie, body: FeedInput{Name: "Telefoon"}})
		wantStatus(t, r, http.StatusCreated)
		var feed FeedCreated
		r.decode(t, &feed)
		if feed.Token == "" || feed.Path != "/agenda/feed/"+feed.Token+".ics" || feed.OwnerID != f.boss.ID || feed.ReaderID != f.emp.ID {
			t.Fatalf("feed %s", r.raw)
		}
		var ics bytes.Buffer
		if err := f.svc.FeedICS(ctx, feed.Token, &ics, "nl"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(ics.String(), "BEGIN:VEVENT") {
			t.Errorf("feed without events: %s", ics.String())
		}
		wantNoSecrets(t, "the employee's feed", ics.Bytes(), append(secrets, "Partneroverleg")...)
		var feeds List[AgendaFeed]
		f.get(t, "/api/v1/agenda-feeds", f.empTok).decode(t, &feeds)
		if len(feeds.Items) != 1 || feeds.Items[0].ID != feed.ID || feeds.Items[0].Name != "Telefoon" {
			t.Errorf("feeds %+v", feeds)
		}
		wantNoSecrets(t, "the list of feeds", f.get(t, "/api/v1/agenda-feeds", f.empTok).raw, feed.Token)
		f.get(t, "/api/v1/agenda-feeds", f.bossTok).decode(t, &feeds)
		if len(feeds.Items) != 0 {
			t.Errorf("the boss sees the employee's feeds: %+v", feeds)
		}
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/agenda-feeds/" + feed.ID, token: f.bossTok}), http.StatusNotFound)
		wantStatus(t, f.do(t, request{method: http.MethodDelete, path: "/api/v1/agenda-feeds/" + feed.ID, token: f.empTok}), http.StatusNoContent)
		if err := f.svc.FeedICS(ctx, feed.Token, &ics, "nl"); err == nil {
			t.Errorf("a revoked feed still answers")
		}
	})
}
