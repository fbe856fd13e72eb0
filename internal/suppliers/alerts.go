package suppliers

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"spil/internal/apperr"
	"spil/internal/authz"
	"spil/internal/db"
	"spil/internal/i18n"
	"spil/internal/jobs"
	"spil/internal/mail"
)

// JobNoticeAlert is the kind of the background job that alerts the Office
// Managers before a contract's notice deadline. Its payload names the
// contract, the term end the deadline belongs to and the threshold in days
// (-1: no alert, only schedule the next term's alerts once this deadline
// has passed).
const JobNoticeAlert = "suppliers.contract_notice"

type alertPayload struct {
	ContractID string `json:"contract_id"`
	TermEnd    string `json:"term_end"`
	Days       int    `json:"days"`
}

// alertHour is the local hour at which alerts go out.
const alertHour = 8

func alertKeyPrefix(contractID string) string { return "contract-notice/" + contractID + "/" }

// RegisterJobs gives the runner the module's background work.
func (s *Service) RegisterJobs(r *jobs.Runner) {
	r.Handle(JobNoticeAlert, s.runNoticeAlert)
}

// scheduleAlertsTx enqueues, in q's transaction, the alerts before c's next
// notice deadline: one job per threshold whose moment (threshold days
// before the deadline, 08:00 local time) is still ahead, plus one now for
// the most recent threshold that has passed while the deadline has not
// (a contract recorded 10 days before its deadline is alerted at once),
// plus a job the day after the deadline that schedules the next term's
// alerts. Unique keys (contract, term end, threshold) make this safe to
// call again; an alert that ran stays run.
func (s *Service) scheduleAlertsTx(ctx context.Context, q db.Querier, c Contract) error {
	if s.Jobs == nil || c.Terms.Status != StatusActive || !c.Terms.HasDeadline() {
		return nil
	}
	loc := orgZone(ctx, q)
	now := s.Clock.Now()
	at := func(d time.Time) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), alertHour, 0, 0, 0, loc).UTC()
	}
	term := c.Terms.NoticeTermEnd.Format(dateLayout)
	enqueue := func(days int, runAt time.Time) error {
		key := fmt.Sprintf("%s%s/%d", alertKeyPrefix(c.ID), term, days)
		if days < 0 {
			key = alertKeyPrefix(c.ID) + term + "/roll"
		}
		_, _, err := s.Jobs.Enqueue(ctx, q, jobs.Job{Kind: JobNoticeAlert, RunAt: runAt, UniqueKey: key,
			Payload: alertPayload{ContractID: c.ID, TermEnd: term, Days: days}})
		return err
	}
	days := slices.Clone(c.AlertDays)
	slices.Sort(days) // smallest first: the most recent passed one is found first
	passed := false
	for _, d := range days {
		when := at(c.Terms.NoticeBy.AddDate(0, 0, -d))
		switch {
		case when.After(now):
			if err := enqueue(d, when); err != nil {
				return err
			}
		case !passed:
			passed = true
			if err := enqueue(d, now); err != nil {
				return err
			}
		}
	}
	return enqueue(-1, at(c.Terms.NoticeBy.AddDate(0, 0, 1)))
}

// rescheduleAlertsTx drops c's pending alerts and schedules them anew for
// its changed terms.
func (s *Service) rescheduleAlertsTx(ctx context.Context, q db.Querier, c Contract) error {
	if s.Jobs == nil {
		return nil
	}
	if _, err := s.Jobs.CancelPrefix(ctx, q, alertKeyPrefix(c.ID)); err != nil {
		return err
	}
	return s.scheduleAlertsTx(ctx, q, c)
}

// runNoticeAlert mails the Office Managers that a contract's notice
// deadline is near, once per contract, term and threshold. It checks the
// contract first: nothing is sent for a contract that was removed,
// terminated or ended, whose deadline moved to another term, or whose
// thresholds no longer include this one. What was sent is recorded in
// contract_alerts; a crash between the mail and the record sends it again
// (at least once). Without a mail relay the alert is recorded unsent: the
// dashboard card shows it all the same.
func (s *Service) runNoticeAlert(ctx context.Context, t jobs.Task) error {
	var p alertPayload
	if err := t.Decode(&p); err != nil {
		return jobs.Permanent(err)
	}
	c, err := s.contractTx(ctx, s.DB.R, p.ContractID)
	if apperr.KindOf(err) == apperr.NotFound {
		return nil
	}
	if err != nil {
		return err
	}
	reschedule := func() error {
		return s.DB.Tx(ctx, func(tx *sql.Tx) error { return s.scheduleAlertsTx(ctx, tx, c) })
	}
	if p.Days < 0 || c.Terms.Status != StatusActive || c.Terms.NoticeTermEnd.Format(dateLayout) != p.TermEnd ||
		!slices.Contains(c.AlertDays, p.Days) {
		return reschedule()
	}
	var n int
	if err := s.DB.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM contract_alerts WHERE contract_id = $1 AND term_end = $2 AND days = $3`,
		c.ID, p.TermEnd, p.Days).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	sent, err := s.mailNoticeAlert(ctx, c)
	if err != nil {
		return err
	}
	_, err = s.DB.W.ExecContext(ctx, `INSERT INTO contract_alerts (contract_id, term_end, days, sent_at, recipients)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (contract_id, term_end, days) DO NOTHING`,
		c.ID, p.TermEnd, p.Days, s.Clock.Now().UTC(), sent)
	return err
}

// mailNoticeAlert sends the alert about c to every active Office Manager in
// their language and returns how many got it.
func (s *Service) mailNoticeAlert(ctx context.Context, c Contract) (int, error) {
	rows, err := s.DB.R.QueryContext(ctx, `SELECT p.name, p.email, p.language FROM people p
		JOIN role_assignments r ON r.person_id = p.id WHERE r.role = $1 AND p.active = TRUE ORDER BY p.name`, authz.RoleOfficeManager)
	if err != nil {
		return 0, err
	}
	type person struct{ name, email, lang string }
	var to []person
	for rows.Next() {
		var p person
		if err := rows.Scan(&p.name, &p.email, &p.lang); err != nil {
			rows.Close()
			return 0, err
		}
		to = append(to, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var orgLang string
	_ = s.DB.R.QueryRowContext(ctx, `SELECT language FROM organization WHERE id = 1`).Scan(&orgLang)
	loc := orgZone(ctx, s.DB.R)
	sent := 0
	for _, p := range to {
		if s.Mail == nil || p.email == "" {
			continue
		}
		lang := p.lang
		if lang == "" {
			lang = orgLang
		}
		subject, body := s.noticeText(lang, loc, c)
		err := s.Mail.Send(ctx, mail.Message{
			From:    mail.Address{Name: "spil", Email: s.fromAddress()},
			To:      []mail.Address{{Name: p.name, Email: p.email}},
			Subject: subject,
			Text:    body,
		})
		switch {
		case err == nil:
			sent++
		case errors.Is(err, mail.ErrNoRelay):
			return sent, nil
		case apperr.KindOf(err) == apperr.Invalid:
			// a bad address of one person must not stop the others
		default:
			return sent, err
		}
	}
	return sent, nil
}

// noticeText words the alert in lang.
func (s *Service) noticeText(lang string, loc *time.Location, c Contract) (subject, body string) {
	texts := s.Texts
	if texts == nil {
		texts, _ = i18n.Load()
	}
	p := texts.Printer(lang, loc)
	by := p.Date(c.Terms.NoticeBy)
	subject = p.T("suppliers.mail.notice.subject", c.SupplierName, c.Subject, by)
	renewal := p.T("suppliers.mail.notice.ends", p.Date(c.Terms.NoticeTermEnd))
	if c.AutoRenew {
		renewal = p.T("suppliers.mail.notice.renews", p.Date(c.Terms.NoticeTermEnd), c.RenewMonths)
	}
	body = p.T("suppliers.mail.notice.body", c.SupplierName, c.Subject, by, c.Terms.DaysLeft, renewal, s.link("/contracts/"+c.ID))
	return subject, body
}

// link makes an absolute link to path on spil.
func (s *Service) link(path string) string { return strings.TrimRight(s.BaseURL, "/") + path }

// fromAddress is the address spil's own mail comes from: noreply at the
// host of BaseURL, or at spil.invalid when that host is not a domain name.
func (s *Service) fromAddress() string {
	if u, err := url.Parse(s.BaseURL); err == nil {
		h := u.Hostname()
		if strings.Contains(h, ".") && mail.CheckAddress("noreply@"+h) == nil {
			return "noreply@" + h
		}
	}
	return "noreply@spil.invalid"
}

// NoticeAlerts returns the running contracts whose notice deadline is
// within their largest alert threshold, soonest first, for the Office
// Manager's dashboard. Others get nothing.
func (s *Service) NoticeAlerts(ctx context.Context, actor *authz.Actor) ([]Contract, error) {
	cs, err := s.ListContracts(ctx, actor, ContractFilter{})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(cs, func(c Contract) bool { return !c.Expiring() }), nil
}

// Expiring reports whether c's notice deadline is within its largest alert
// threshold (or 60 days when it has none).
func (c Contract) Expiring() bool {
	if !c.Terms.HasDeadline() || c.Terms.Status != StatusActive {
		return false
	}
	limit := 60
	if len(c.AlertDays) > 0 {
		limit = slices.Max(c.AlertDays)
	}
	return c.Terms.DaysLeft <= limit
}
