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
	"spil/internal/org"
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
	loc := org.Zone(ctx, q)
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
// deadline is near, once per contract, term, threshold and Office Manager.
// It checks the contract first: nothing is sent for a contract that was
// removed, terminated or ended, whose deadline moved to another term, or
// whose thresholds no longer include this one. Each mail that went out is
// recorded in contract_alerts, so when the relay fails (or spil has none)
// the job fails visibly and its retry mails only those not reached yet; a
// crash between a mail and its record sends that one again (at least
// once). An address the relay refuses for good is skipped.
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
	if p.Days < 0 || c.Terms.Status != StatusActive || c.Terms.NoticeTermEnd.Format(dateLayout) != p.TermEnd ||
		!slices.Contains(c.AlertDays, p.Days) {
		return s.DB.Tx(ctx, func(tx *sql.Tx) error { return s.scheduleAlertsTx(ctx, tx, c) })
	}
	to, err := s.alertRecipients(ctx, c.ID, p.TermEnd, p.Days)
	if err != nil {
		return err
	}
	var orgLang string
	_ = s.DB.R.QueryRowContext(ctx, `SELECT language FROM organization WHERE id = 1`).Scan(&orgLang)
	loc := org.Zone(ctx, s.DB.R)
	for _, r := range to {
		lang := r.lang
		if lang == "" {
			lang = orgLang
		}
		subject, body := s.noticeText(lang, loc, c)
		err := s.Mail.Send(ctx, mail.Message{
			From:    mail.Address{Name: "spil", Email: s.fromAddress()},
			To:      []mail.Address{{Name: r.name, Email: r.email}},
			Subject: subject,
			Text:    body,
		})
		var se *mail.SendError
		switch {
		case err == nil:
		case apperr.KindOf(err) == apperr.Invalid, errors.As(err, &se) && !se.Temporary:
			continue // this address will not work; the others still get theirs
		default:
			return err
		}
		if _, err := s.DB.W.ExecContext(ctx, `INSERT INTO contract_alerts (contract_id, term_end, days, person_id, sent_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (contract_id, term_end, days, person_id) DO NOTHING`,
			c.ID, p.TermEnd, p.Days, r.id, s.Clock.Now().UTC()); err != nil {
			return err
		}
	}
	return nil
}

type recipient struct{ id, name, email, lang string }

// alertRecipients are the active Office Managers with an address who have
// not been mailed this alert yet.
func (s *Service) alertRecipients(ctx context.Context, contractID, termEnd string, days int) ([]recipient, error) {
	if s.Mail == nil {
		return nil, nil
	}
	rows, err := s.DB.R.QueryContext(ctx, `SELECT p.id, p.name, p.email, p.language FROM people p
		JOIN role_assignments r ON r.person_id = p.id
		WHERE r.role = $1 AND p.active = TRUE AND p.email <> ''
		  AND NOT EXISTS (SELECT 1 FROM contract_alerts a WHERE a.contract_id = $2 AND a.term_end = $3 AND a.days = $4 AND a.person_id = p.id)
		ORDER BY p.name, p.id`, authz.RoleOfficeManager, contractID, termEnd, days)
	if err != nil {
		return nil, fmt.Errorf("alert recipients: %w", err)
	}
	defer rows.Close()
	var out []recipient
	for rows.Next() {
		var r recipient
		if err := rows.Scan(&r.id, &r.name, &r.email, &r.lang); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
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
