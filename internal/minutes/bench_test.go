package minutes

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"spil/internal/db"
	"spil/internal/jobs"
	"spil/internal/mail"
	"spil/internal/testutil"
)

// countingSender renders every message (as a relay would receive it) and
// counts it, without a network.
type countingSender struct{ n atomic.Int64 }

func (c *countingSender) Send(_ context.Context, m mail.Message) error {
	if _, err := mail.Render(m); err != nil {
		return err
	}
	c.n.Add(1)
	return nil
}

// BenchmarkReminders1000 processes 1,000 due action-item reminders: each
// job claimed, its item checked, the mail written in the owner's language,
// rendered and handed to the sender, the reminder recorded and the job
// marked done. Enqueueing is not timed. Variants: SQLite and PostgreSQL,
// a counting sender and a real SMTP server on loopback (mailtest).
func BenchmarkReminders1000(b *testing.B) {
	type engine struct {
		name string
		open func(b *testing.B) *db.DB
	}
	engines := []engine{{"sqlite", func(b *testing.B) *db.DB { return testutil.NewSQLite(b) }}}
	if os.Getenv("SPIL_TEST_POSTGRES") != "" {
		engines = append(engines, engine{"postgres", func(b *testing.B) *db.DB { return testutil.NewPostgres(b) }})
	}
	for _, e := range engines {
		for _, smtp := range []bool{false, true} {
			name := e.name + "/counting"
			if smtp {
				name = e.name + "/smtp"
			}
			b.Run(name, func(b *testing.B) {
				d := e.open(b)
				f := newFixture(b, d)
				var sender mail.Sender = &countingSender{}
				if smtp {
					sender = mail.NewSMTP(f.smtp.Config(b))
				}
				f.svc = f.service(d, sender)
				f.runner = f.newRunner(f.svc)
				m := f.meeting(b, "Teamoverleg", start.Add(-time.Hour), "")
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					seedReminders(b, f, m.ID, 1000)
					b.StartTimer()
					total := 0
					for {
						n, err := f.runner.RunDue(ctx)
						if err != nil {
							b.Fatal(err)
						}
						if n == 0 {
							break
						}
						total += n
					}
					if total != 1000 {
						b.Fatalf("%d reminders processed", total)
					}
				}
				b.StopTimer()
				var sent int
				d.R.QueryRow(`SELECT COUNT(*) FROM action_item_reminders`).Scan(&sent)
				if sent != 1000*b.N {
					b.Fatalf("%d reminders recorded", sent)
				}
			})
		}
	}
}

// seedReminders adds n open action items for emp with a reminder due now.
func seedReminders(b testing.TB, f *fixture, meetingID string, n int) {
	now := f.clock.Now()
	due := now.In(ams).AddDate(0, 0, 2).Format(time.DateOnly)
	err := f.db.Tx(ctx, func(tx *sql.Tx) error {
		for i := 0; i < n; i++ {
			id := uuid.Must(uuid.NewV7()).String()
			if _, err := tx.Exec(`INSERT INTO action_items (id, meeting_id, title, owner_id, owner_name, owner_email, due_on, status, position, created_at, updated_at)
				VALUES ($1, $2, $3, $4, '', '', $5, 'open', $6, $7, $7)`, id, meetingID, fmt.Sprintf("Taak %d", i), f.emp, due, i, now); err != nil {
				return err
			}
			if _, _, err := f.svc.Jobs.Enqueue(ctx, tx, jobs.Job{Kind: ReminderKind, RunAt: now,
				Payload:   reminderPayload{ActionItem: id, DueOn: due, Stage: StageBefore, At: now},
				UniqueKey: reminderKey(id, due, StageBefore, now)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
